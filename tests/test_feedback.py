"""Feedback that points at the right item, and a checklist that survives a format mistake."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicheck.checker import CheckOptions, check_bytes
from sicheck.cli import app
from sicheck.model import ApplicationResult, Problem

from .conftest import CATALOG, ROOT, SAMPLES

runner = CliRunner()
SAMPLE = (SAMPLES / "tidiga-insatser-skolnarvaro.yaml").read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing ``needle``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def check_text(text: str) -> ApplicationResult:
    return check_bytes(text.encode("utf-8"), "draft.yaml", CheckOptions(CATALOG))


def gaps(result: ApplicationResult, code: str) -> list[Problem]:
    return [p for p in result.problems if p.code == code]


# --- 1. item-level locations ------------------------------------------------------------------------


def test_an_effect_without_indicator_is_reported_at_that_effect() -> None:
    text = SAMPLE.replace(
        "    indicator: Andel elever över gränsvärdet där elevhälsan gjort en bedömning inom fyra veckor\n", ""
    )
    assert text != SAMPLE
    result = check_text(text)
    (gap,) = gaps(result, "VGR-07.indicator")
    assert gap.location.path == "effects[1].indicator"
    # The field is absent, so the gap is at the item: E2's first line, not E1's.
    assert gap.location.line == line_of(text, "- id: E2")
    assert "E2" in gap.message.sv and "E2" in gap.message.en
    assert "E1" not in gap.message.sv


def test_each_failing_item_gets_its_own_gap() -> None:
    text = SAMPLE.replace("    target: 19.2\n", "").replace("    target: 80\n", "")
    result = check_text(text)
    found = gaps(result, "VGR-07.target")
    assert [p.location.path for p in found] == ["effects[0].target", "effects[1].target"]
    assert [p.location.line for p in found] == [line_of(text, "- id: E1"), line_of(text, "- id: E2")]


def test_a_wrong_value_is_reported_at_its_own_line() -> None:
    text = SAMPLE.replace(
        "    description: Elever över gränsvärdet får orsaken till frånvaron bedömd.\n", "    description: '  '\n"
    )
    assert text != SAMPLE
    result = check_text(text)
    (gap,) = gaps(result, "VGR-03.effects")
    assert gap.location.path == "effects[1].description"
    assert gap.location.line == line_of(text, "description: '  '")


def test_a_region_row_without_hours_is_reported_at_that_row() -> None:
    text = SAMPLE.replace("  - principal: vgr-bup\n    hours: 450\n", "  - principal: vgr-bup\n    hours: 0\n")
    assert text != SAMPLE
    result = check_text(text)
    (gap,) = gaps(result, "VGR-12.region-hours")
    assert gap.location.path == "co_financing[2].hours"
    assert gap.location.line == line_of(text, "    hours: 0")
    # A row without an id is named by its position; the hint says what to change in it,
    # not to add a row that is already there.
    assert gap.message.sv.startswith("co_financing nr 3:")
    assert gap.message.en.startswith("co_financing no. 3:")
    assert gap.hint is not None
    assert "hours" in gap.hint.sv and "större än 0" in gap.hint.sv
    assert "Lägg under co_financing till" not in gap.hint.sv


def test_an_unknown_effect_in_a_list_of_ids_points_at_that_id() -> None:
    text = SAMPLE.replace("  effects: [E1, E2]", "  effects: [E1, E9]")
    result = check_text(text)
    paths = [p.location.path for p in result.problems]
    assert "measurement.effects[1]" in paths


def test_item_gaps_in_json_carry_the_item_path() -> None:
    text = SAMPLE.replace(
        "    indicator: Andel elever över gränsvärdet där elevhälsan gjort en bedömning inom fyra veckor\n", ""
    )
    result = runner.invoke(app, ["check", "-", "--format", "json", "--lang", "en"], input=text)
    document = json.loads(result.stdout)
    (problem,) = [p for p in document["applications"][0]["problems"] if p["code"] == "VGR-07.indicator"]
    assert problem["location"] == {"path": "effects[1].indicator", "line": line_of(text, "- id: E2"), "column": 5}
    assert problem["message"].startswith("effects E2:")


# --- 2. a checklist for every file that can be read ---------------------------------------------------


def test_a_bad_org_id_keeps_the_checklist() -> None:
    text = SAMPLE.replace("    kind: region\n", "    kind: region\n    org_id: 12\n", 1)
    assert text != SAMPLE
    result = check_text(text)
    assert result.verdict == "invalid"
    assert result.score is not None and result.score > 80
    assert len(result.criteria) == 13
    # Format problems first, then the checklist's gaps.
    assert result.problems[0].criterion is None
    assert result.problems[0].location.path.endswith("org_id")
    assert {p.code for p in result.problems if p.criterion is not None} == {
        "VGR-03.causal-basis",
        "VGR-10.anchoring",
        "VGR-11.internal",
    }


def test_a_dangling_reference_keeps_the_checklist_without_repeating_itself() -> None:
    text = SAMPLE.replace("  responsible: boras-gsf", "  responsible: Borås stad")
    assert text != SAMPLE
    result = check_text(text)
    assert result.verdict == "invalid"
    assert result.criteria
    first = result.problems[0]
    assert (first.code, first.location.path) == ("reference", "measurement.responsible")
    # VGR-08.responsible fails in the checklist, but its gap would say the same at the same place.
    assert [p.location.path for p in result.problems].count("measurement.responsible") == 1
    statuses = {c.id: c.status for c in result.criteria}
    assert statuses["VGR-08"] == "partial"


def test_every_format_problem_is_listed_at_once() -> None:
    text = SAMPLE.replace("  responsible: boras-gsf", "  responsible: Borås stad").replace(
        "    kind: region\n", "    kind: region\n    colour: red\n", 1
    )
    result = check_text(text)
    own = [p.code for p in result.problems if p.criterion is None]
    assert own == ["unknown-key", "reference"]


def test_json_keeps_its_shape_for_an_invalid_file_that_parses() -> None:
    text = SAMPLE.replace("    kind: region\n", "    kind: region\n    org_id: 12\n", 1)
    result = runner.invoke(app, ["check", "-", "--format", "json"], input=text)
    assert result.exit_code == 1
    application = json.loads(result.stdout)["applications"][0]
    assert application["verdict"] == "invalid"
    assert isinstance(application["score"], float)
    assert [c["id"] for c in application["criteria"]][:2] == ["VGR-01", "VGR-02"]


def test_only_unreadable_yaml_has_no_checklist() -> None:
    result = check_text("project:\n  title: [unclosed\n")
    assert result.verdict == "invalid"
    assert result.score is None and result.criteria == ()


# --- 5. quiet, tidy output ------------------------------------------------------------------------------


def test_why_is_given_once_per_criterion() -> None:
    result = check_text("format: 1\n")
    seen: dict[str | None, int] = {}
    for problem in result.problems:
        assert problem.hint is not None
        if "Varför:" in problem.hint.sv:
            seen[problem.criterion] = seen.get(problem.criterion, 0) + 1
    assert seen and set(seen.values()) == {1}


def test_the_date_order_is_quiet_while_dates_are_empty() -> None:
    result = check_text("project:\n  start:\n  end:\n")
    codes = {p.code for p in result.problems}
    assert {"VGR-05.start", "VGR-05.end"} <= codes
    assert "VGR-05.order" not in codes


def _template(folder: Path) -> Path:
    target = folder / "ansokan.yaml"
    assert runner.invoke(app, ["new", "-o", str(target)]).exit_code == 0
    return target


def test_untouched_template_output_is_at_most_half_of_what_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before this change `sicheck check ansokan.yaml` on the untouched template gave 237
    # lines (at the width of 100 columns that piped output then always had).
    monkeypatch.chdir(tmp_path)
    _template(Path("."))
    result = runner.invoke(app, ["check", "ansokan.yaml"], env={"COLUMNS": "100"})
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) <= 237 // 2


def _piped(*args: str, columns: str | None) -> str:
    env = {"PATH": "", "PYTHONIOENCODING": "utf-8"}
    if columns is not None:
        env["COLUMNS"] = columns
    done = subprocess.run(
        [sys.executable, "-m", "sicheck", *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    return done.stdout


@pytest.mark.parametrize(("columns", "width"), [(None, 80), ("60", 60), ("120", 120)])
def test_piped_output_honours_columns(columns: str | None, width: int) -> None:
    out = _piped("check", "sample_applications/tmr.yaml", columns=columns)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    # Something is long enough to wrap at 60 and 80, so the width is really used.
    assert max(len(line) for line in lines) > width - 15


def test_text_output_is_tidy() -> None:
    out = _piped("check", "sample_applications", columns="70")
    for line in out.splitlines():
        assert line == line.rstrip(), repr(line)
    # Wrapped lines never start at column 0: only titles, criterion lines and the summary do.
    starts = [line for line in out.splitlines() if line and not line.startswith(" ")]
    allowed = re.compile(r"^([✔◐✘] |Ansökningar: )")
    titles = {"Fotosyntes", "Kompletterande arbetsmarknad", "MiniMili", "Star for Life", "Utmanande avstamp 2"}
    for line in starts:
        assert allowed.match(line) or line in titles or line.startswith(("Tidiga", "TMR")), line


def test_problem_codes_are_words_in_the_chosen_language() -> None:
    text = SAMPLE.replace("  responsible: boras-gsf", "  responsible: Borås stad")
    sv = runner.invoke(app, ["check", "-"], input=text).stdout
    en = runner.invoke(app, ["check", "-", "--lang", "en"], input=text).stdout
    assert "Hänvisning till ett id som inte finns" in sv
    assert "Reference to an id that does not exist" in en
    assert not re.search(r"\breference\b", sv)
    json_out = runner.invoke(app, ["check", "-", "--format", "json"], input=text).stdout
    assert '"code": "reference"' in json_out
