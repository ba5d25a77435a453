"""The sample applications come out as the seed reports say they should."""

from __future__ import annotations

import pytest
import yaml

from sicheck.checker import CheckOptions, check_path
from sicheck.i18n import format_percent

from .conftest import CATALOG, GOLDEN, SAMPLES

VERDICTS: dict[str, dict[str, object]] = yaml.safe_load((GOLDEN / "sample_verdicts.yaml").read_text(encoding="utf-8"))


def test_every_sample_has_a_golden_verdict() -> None:
    assert {p.name for p in SAMPLES.glob("*.yaml")} == set(VERDICTS)


def test_samples_show_both_verdicts_for_both_sets() -> None:
    seen = {(v["criteria"], v["verdict"]) for v in VERDICTS.values()}
    assert seen >= {
        ("vgr@2015", "eligible"),
        ("vgr@2015", "ineligible"),
        ("ale@2012", "eligible"),
        ("ale@2012", "ineligible"),
    }


@pytest.mark.parametrize("name", sorted(VERDICTS))
def test_sample_verdict(name: str) -> None:
    expected = VERDICTS[name]
    result = check_path(str(SAMPLES / name), CheckOptions(CATALOG))
    assert result.criteria_set is not None
    assert f"{result.criteria_set.id}@{result.criteria_set.version}" == expected["criteria"]
    assert result.verdict == expected["verdict"]
    not_met = [c.id for c in result.criteria if c.status != "met"]
    assert not_met == expected["not_met"]
    failing = sorted(k.id for c in result.criteria for k in c.checks if not k.passed)
    assert failing == sorted(expected["failing"])  # type: ignore[arg-type]
    # One gap per failing check, or per failing list item of a check over a list.
    assert sorted({p.code for p in result.problems}) == failing


def test_kompletterande_arbetsmarknad_lacks_the_region() -> None:
    """DESIGN: run against vgr@2015 to show why it does not qualify: no region, no own time."""
    result = check_path(str(SAMPLES / "kompletterande-arbetsmarknad.yaml"), CheckOptions(CATALOG, criteria="vgr@2015"))
    statuses = {c.id: c.status for c in result.criteria}
    assert result.verdict == "ineligible"
    assert statuses["VGR-06"] != "met"
    assert statuses["VGR-12"] == "missing"


def test_eligible_samples_score_full_on_required_criteria() -> None:
    for name, expected in VERDICTS.items():
        if expected["verdict"] == "eligible":
            result = check_path(str(SAMPLES / name), CheckOptions(CATALOG))
            assert all(c.status == "met" for c in result.criteria if c.required), name


def _expected_rows() -> dict[str, list[str]]:
    text = (SAMPLES / "EXPECTED.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 6 and cells[0].startswith("`") and cells[0].endswith(".yaml`"):
            rows[cells[0].strip("`")] = cells
    return rows


def test_expected_md_tells_the_results_and_marks_teaching_cases() -> None:
    rows = _expected_rows()
    assert set(rows) == set(VERDICTS)
    for name, (_, criteria, shown, unmet, advice, kind) in rows.items():
        result = check_path(str(SAMPLES / name), CheckOptions(CATALOG))
        assert result.criteria_set is not None
        assert criteria == f"{result.criteria_set.id}@{result.criteria_set.version}", name
        word = "uppfyller kraven" if result.verdict == "eligible" else "uppfyller inte kraven"
        assert shown.startswith(f"**{word}**"), name
        assert format_percent(result.score, "sv") in shown, name
        not_met = [c.id for c in result.criteria if c.required and c.status != "met"]
        assert unmet == (", ".join(not_met) or "none"), name
        warned = sorted({p.code for p in result.problems if p.severity == "warning"})
        assert advice == (", ".join(warned) or "none"), name
        # Every project was funded in reality: a sample that falls short is a teaching case.
        if result.verdict != "eligible":
            assert kind.startswith("teaching case"), name
