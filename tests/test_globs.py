"""Exclude patterns: matched without regular expressions, refused with a location when broken."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicheck import reading
from sicheck.cli import app
from sicheck.reading import GlobError, compile_glob

from .conftest import SAMPLES

runner = CliRunner()


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("**/draft-*.yaml", "a/b/draft-1.yaml", True),
        ("**/draft-*.yaml", "draft-1.yaml", True),
        ("drafts/**", "drafts/x/y.yaml", True),
        ("drafts/**", "other/x.yaml", False),
        ("*.yaml", "a/b.yaml", False),
        ("[!a]*.yaml", "b.yaml", True),
        ("[!a]*.yaml", "a.yaml", False),
        ("[a-c]?.yml", "bx.yml", True),
        ("a/**/b", "a/b", True),
        ("a/**/b", "a/x/y/b", True),
        ("[unclosed.yaml", "[unclosed.yaml", True),
        ("a*b*c", "axxbyyc", True),
        ("a*b*c", "axxbyy", False),
    ],
)
def test_patterns_match_as_documented(pattern: str, path: str, matches: bool) -> None:
    assert compile_glob(pattern).fullmatch(path) is matches


def test_a_backwards_range_is_refused_with_its_column() -> None:
    with pytest.raises(GlobError) as caught:
        compile_glob("drafts/[z-a]*.yaml")
    assert caught.value.column == 9


def test_many_stars_cost_at_most_pattern_times_name_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    steps = 0
    real = reading._item_matches

    def counted(item: object, char: str) -> bool:
        nonlocal steps
        steps += 1
        return real(item, char)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "_item_matches", counted)
    pattern = "**/*a*a*a*a*a*a*a*a*b.yaml"
    name = "a" * 2000 + ".yaml"
    assert not compile_glob(pattern).fullmatch(name)
    assert steps <= len(pattern) * len(name)


def test_a_broken_pattern_in_the_configuration_is_a_located_error(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "tmr.yaml", tmp_path / "tmr.yaml")
    config = tmp_path / ".sicheck.yaml"
    config.write_text("lang: en\nexclude:\n  - drafts/**\n  - '[z-a].yaml'\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "--config", str(config), "--lang", "en"])
    assert result.exit_code == 2
    assert ".sicheck.yaml:" in result.stderr
    assert "[z-a]" in result.stderr and "runs backwards" in result.stderr
    assert "internal error" not in result.stderr


def test_excluded_folders_are_not_walked(tmp_path: Path) -> None:
    (tmp_path / "drafts" / "deep").mkdir(parents=True)
    shutil.copy(SAMPLES / "tmr.yaml", tmp_path / "tmr.yaml")
    shutil.copy(SAMPLES / "tmr.yaml", tmp_path / "drafts" / "deep" / "x.yaml")
    (tmp_path / "drafts" / "broken.yaml").symlink_to(tmp_path / "missing.yaml")
    config = tmp_path / ".sicheck.yaml"
    config.write_text("exclude:\n  - drafts/**\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path), "--config", str(config), "--format", "json"])
    files = [Path(entry["file"]).name for entry in json.loads(result.stdout)["applications"]]
    assert files == ["tmr.yaml"]


def test_weights_are_bounded_so_the_score_is_finite(tmp_path: Path) -> None:
    criteria = (SAMPLES.parent / "criteria" / "vgr@2015.yaml").read_text(encoding="utf-8")
    huge = criteria.replace("weight: 1\n", "weight: 1e308\n")
    assert huge != criteria
    (tmp_path / "huge.yaml").write_text(huge, encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(SAMPLES / "tmr.yaml"), "--criteria", str(tmp_path / "huge.yaml"), "--format", "json"]
    )
    assert result.exit_code == 2
    assert "weight" in result.stderr


def test_weights_at_their_bound_give_a_finite_score(tmp_path: Path) -> None:
    """1000 is the largest weight allowed: scores stay finite, and the JSON has no NaN."""
    criteria = (SAMPLES.parent / "criteria" / "vgr@2015.yaml").read_text(encoding="utf-8")
    (tmp_path / "heavy.yaml").write_text(criteria.replace("weight: 1\n", "weight: 1000\n"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(SAMPLES), "--criteria", str(tmp_path / "heavy.yaml"), "--format", "json"])
    assert result.exit_code in (0, 1), result.output

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON")

    document = json.loads(result.stdout, parse_constant=refuse)
    scores = [entry["score"] for entry in document["applications"] if entry["score"] is not None]
    assert scores and all(0 <= score <= 100 for score in scores)
