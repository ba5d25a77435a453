"""``sicheck criteria list | show | diff | validate`` and the pure diff behind it."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sicheck.cli import app
from sicheck.criteria import load_file
from sicheck.criteria_diff import diff

from .conftest import CATALOG, INPUTS, ROOT

runner = CliRunner()
FIXTURES = INPUTS / "criteria"
DEMO_1 = FIXTURES / "demo@1.yaml"
DEMO_2 = FIXTURES / "demo@2.yaml"


def _run(*args: str) -> Any:
    return runner.invoke(app, ["criteria", *args])


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    """Run in an empty folder, so no repository configuration is found above."""
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


# ---------------------------------------------------------------------------- list


def test_list_shows_the_shipped_sets(in_tmp: Path) -> None:
    result = _run("list", "--no-color")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    vgr = next(line for line in lines if line.startswith("vgr "))
    assert "2015" in vgr and "2015-06-01" in vgr and " 13 " in vgr and "medföljer sicheck" in vgr
    ale = next(line for line in lines if line.startswith("ale "))
    assert "2012" in ale and "2012-06-01" in ale and " 9 " in ale


def test_list_includes_configured_sets(in_tmp: Path) -> None:
    own = in_tmp / "kriterier"
    own.mkdir()
    shutil.copy(DEMO_1, own / "demo@1.yaml")
    shutil.copy(DEMO_2, own / "demo@2.yaml")
    (in_tmp / ".sicheck.yaml").write_text("criteria_dirs: [kriterier]\n", encoding="utf-8")
    result = _run("list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    listed = {(s["id"], s["version"]): s for s in json.loads(result.stdout)["criteria_sets"]}
    assert set(listed) == {("ale", "2012"), ("vgr", "2015"), ("demo", "1"), ("demo", "2")}
    assert listed[("demo", "2")]["shipped"] is False
    assert listed[("demo", "2")]["criteria"] == 3
    assert listed[("demo", "2")]["valid_from"] == "2021-01-01"
    assert listed[("demo", "2")]["title"] == {"sv": "Demokrav 2", "en": "Demo requirements 2"}
    assert listed[("vgr", "2015")]["shipped"] is True
    # A configured set can be shown and explained by id like a shipped one.
    assert _run("show", "demo@1", "--no-color").exit_code == 0
    assert runner.invoke(app, ["explain", "DEMO-04", "--no-color"]).exit_code == 0


def test_list_reports_a_broken_configured_file_and_still_lists_the_rest(in_tmp: Path) -> None:
    own = in_tmp / "kriterier"
    own.mkdir()
    shutil.copy(FIXTURES / "broken-severity.yaml", own / "demo@1.yaml")
    (in_tmp / ".sicheck.yaml").write_text("criteria_dirs: [kriterier]\n", encoding="utf-8")
    result = _run("list", "--no-color")
    assert result.exit_code == 2
    assert "vgr" in result.stdout
    assert "demo@1.yaml" + _where(FIXTURES / "broken-severity.yaml", "severity: eror", 19) in result.stderr


# ---------------------------------------------------------------------------- show


@pytest.mark.parametrize("spec", ["vgr@2015", "ale", str(ROOT / "criteria" / "ale@2012.yaml")])
def test_show_is_a_readable_table(spec: str) -> None:
    result = _run("show", spec, "--no-color", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    found = CATALOG.load(spec)
    assert result.stdout.startswith(found.key)
    for criterion in found.criteria:
        row = next(line for line in result.stdout.splitlines() if line.startswith(criterion.id + " "))
        assert ("yes" if criterion.required else "no") in row
        for check in criterion.checks:
            assert check.id in result.stdout


def test_show_json_has_every_criterion_and_check() -> None:
    result = _run("show", "vgr@2015", "--format", "json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    found = CATALOG.load("vgr@2015")
    assert (shown["id"], shown["version"], shown["valid_from"]) == ("vgr", "2015", "2015-06-01")
    assert shown["reference"]["authors"] == ["Gustaf Kastberg", "Cristian Lagström"]
    assert shown["criteria"][0]["quote"]["text"] == found.criteria[0].quote.text  # type: ignore[union-attr]
    assert {k["basis"] for c in shown["criteria"] for k in c["checks"]} == {"requirement", "interpretation", "advice"}
    assert [c["id"] for c in shown["criteria"]] == [c.id for c in found.criteria]
    first = shown["criteria"][0]
    assert first["checks"][0]["rule"] == found.criteria[0].checks[0].spec
    assert set(first["why"]) == {"sv", "en"}
    assert "Varför" not in first["checks"][0]["hint"]["sv"]  # the hint as written, why apart


def test_show_unknown_set_suggests(in_tmp: Path) -> None:
    result = _run("show", "vrg")
    assert result.exit_code == 2
    assert "'vgr'" in result.stderr


# ---------------------------------------------------------------------------- diff


def test_diff_between_fixture_versions_is_data() -> None:
    change = diff(load_file(DEMO_1), load_file(DEMO_2))
    assert (change.old, change.new) == ("demo@1", "demo@2")
    assert [c.field for c in change.set_changes] == ["version", "title", "valid_from"]
    assert [c.id for c in change.added] == ["DEMO-04"]
    assert [c.id for c in change.added[0].checks] == ["DEMO-04.evaluation"]
    assert [c.id for c in change.removed] == ["DEMO-03"]
    assert [c.id for c in change.changed] == ["DEMO-01"]  # DEMO-02 is unchanged
    demo_1 = change.changed[0]
    assert [(c.field, c.old, c.new) for c in demo_1.changes] == [("weight", 1.0, 2.0)]
    assert [c.id for c in demo_1.checks_added] == ["DEMO-01.summary"]
    assert [c.id for c in demo_1.checks_removed] == ["DEMO-01.grades"]
    assert [c.id for c in demo_1.checks_changed] == ["DEMO-01.goal"]
    goal = demo_1.checks_changed[0]
    assert [c.field for c in goal.changes] == ["severity", "basis", "quote", "rule", "hint"]
    assert goal.changes[0].old == "warning" and goal.changes[0].new == "error"
    assert (goal.changes[1].old, goal.changes[1].new) == ("advice", "requirement")
    assert goal.changes[2].old is None  # own advice; a requirement rests on its criterion's words
    assert goal.changes[3].new == {"words": {"path": "goal.description", "min": 3}}
    assert not change.empty
    assert diff(load_file(DEMO_1), load_file(DEMO_1)).empty


def test_diff_text_shows_every_change() -> None:
    result = _run("diff", str(DEMO_1), str(DEMO_2), "--no-color", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for expected in (
        "Changes from demo@1 to demo@2",
        "valid_from: 2020-01-01 → 2021-01-01",
        "+ DEMO-04 Evaluation  (new criterion, required, weight 1)",
        "+ DEMO-04.evaluation (gap, new check): The evaluation must be described.",
        "- DEMO-03 Budget  (removed criterion)",
        "~ DEMO-01 Goal",
        "weight: 1 → 2",
        "+ DEMO-01.summary (gap, new check)",
        "- DEMO-01.grades (gap, removed check)",
        "~ DEMO-01.goal",
        "severity: warning → error",
        "basis: advice → requirement",
        "- {present: goal.description}",
        "+ {words: {path: goal.description, min: 3}}",
        "Criteria – added: 1, removed: 1, changed: 1.",
    ):
        assert expected in out, expected
    assert "DEMO-02" not in out


def test_diff_json_for_scripts() -> None:
    result = _run("diff", str(DEMO_1), str(DEMO_2), "--format", "json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["changes"] is True
    assert [c["id"] for c in shown["criteria"]["added"]] == ["DEMO-04"]
    assert [c["id"] for c in shown["criteria"]["removed"]] == ["DEMO-03"]
    changed = shown["criteria"]["changed"][0]
    assert changed["fields"] == [{"field": "weight", "old": 1.0, "new": 2.0}]
    goal = changed["checks"]["changed"][0]
    assert goal["fields"][4] == {
        "field": "hint",
        "old": {"sv": "Skriv målet i goal.description.", "en": "Write the goal in goal.description."},
        "new": {
            "sv": "Skriv målet med egna ord i goal.description.",
            "en": "Write the goal in your own words in goal.description.",
        },
    }


def test_diff_exit_code_option() -> None:
    assert _run("diff", str(DEMO_1), str(DEMO_2), "--exit-code").exit_code == 1
    same = _run("diff", "vgr", "vgr@2015", "--exit-code", "--no-color")
    assert same.exit_code == 0
    assert "Inga skillnader." in same.stdout


def _vgr_2016(folder: Path) -> Path:
    """The worked example in docs/criteria.md: a new version that makes one warning an error."""
    text = (ROOT / "criteria" / "vgr@2015.yaml").read_text(encoding="utf-8")
    for old, new in (
        ('version: "2015"', 'version: "2016"'),
        ('valid_from: "2015-06-01"', 'valid_from: "2016-01-01"'),
        (
            "      - id: VGR-03.causal-basis\n        severity: warning\n        basis: advice\n",
            "      - id: VGR-03.causal-basis\n        severity: error\n        basis: requirement\n",
        ),
        ('"Varje effekt bör ha ett belagt kausalsamband."', '"Varje effekt ska ha ett belagt kausalsamband."'),
        ('"Every effect should have a documented causal link."', '"Every effect must have a documented causal link."'),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    target = folder / "vgr@2016.yaml"
    target.write_text(text, encoding="utf-8")
    return target


def test_worked_example_from_the_documentation(in_tmp: Path) -> None:
    target = _vgr_2016(in_tmp)
    assert _run("validate", str(target)).exit_code == 0
    result = _run("diff", "vgr@2015", "./vgr@2016.yaml", "--no-color")
    assert result.exit_code == 0, result.stderr
    documented = (ROOT / "docs" / "criteria.md").read_text(encoding="utf-8")
    # The documentation shows this very output.
    assert result.stdout.strip() in documented
    change = diff(CATALOG.load("vgr@2015"), load_file(target))
    assert [c.id for c in change.changed] == ["VGR-03"]
    assert [k.id for k in change.changed[0].checks_changed] == ["VGR-03.causal-basis"]


# ---------------------------------------------------------------------------- validate


@pytest.mark.parametrize(
    "path", [ROOT / "criteria" / "vgr@2015.yaml", ROOT / "criteria" / "ale@2012.yaml", DEMO_1, DEMO_2]
)
def test_validate_accepts_a_good_file(path: Path) -> None:
    result = _run("validate", str(path), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "a valid criteria file" in result.stdout


def _where(path: Path, words: str, column: int) -> str:
    """``:line:column:`` of the first line, not a comment, holding ``words``."""
    rows = path.read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(rows, 1) if words in row and not row.startswith("#"))
    return f":{line}:{column}:"


@pytest.mark.parametrize(
    ("name", "words", "column"),
    [
        ("broken-severity.yaml", "eror", 19),
        ("broken-rule.yaml", "exists", 16),
    ],
)
def test_validate_names_the_broken_line(name: str, words: str, column: int) -> None:
    result = _run("validate", str(FIXTURES / name))
    where = _where(FIXTURES / name, words, column)
    assert result.exit_code == 2
    assert f"{FIXTURES / name}{where}" in result.stderr
    assert words in result.stderr
    assert result.stdout == ""


def test_validate_checks_that_examples_meet_their_criterion(tmp_path: Path) -> None:
    text = (ROOT / "criteria" / "ale@2012.yaml").read_text(encoding="utf-8")
    example_goal = "  description: Unga i Ale får hjälp tidigt, innan riskbruk blir missbruk"
    broken = text.replace(example_goal, "  description: Hjälp")
    assert broken != text
    target = tmp_path / "ale@2012.yaml"
    target.write_text(broken, encoding="utf-8")
    result = _run("validate", str(target), "--lang", "en")
    assert result.exit_code == 2
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if row.strip() == "description: Hjälp") - 2
    assert f"{target}:{line}:" in result.stderr
    assert "ALE-03" in result.stderr and "ALE-03.goal" in result.stderr


@pytest.mark.parametrize(
    ("change", "words", "column", "message"),
    [
        # Advice may never stop an application.
        (
            ("DEMO-01.goal\n        severity: warning", "DEMO-01.goal\n        severity: error"),
            "DEMO-01.goal",
            19,
            "basis: advice",
        ),
        # A criterion that is not required has advice only.
        (
            (
                '        severity: warning\n        basis: advice\n        text: {sv: "Totalbeloppet',
                '        severity: warning\n        basis: requirement\n        text: {sv: "Totalbeloppet',
            ),
            "DEMO-03.total",
            16,
            "DEMO-03",
        ),
    ],
    ids=["advice-as-error", "requirement-in-optional-criterion"],
)
def test_validate_refuses_a_gate_without_a_requirement(
    tmp_path: Path, change: tuple[str, str], words: str, column: int, message: str
) -> None:
    text = DEMO_1.read_text(encoding="utf-8")
    assert text.count(change[0]) == 1
    target = tmp_path / "demo@1.yaml"
    target.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    result = _run("validate", str(target), "--lang", "en")
    assert result.exit_code == 2
    # The check's severity or basis line: the line after its id.
    line = next(n for n, row in enumerate(target.read_text(encoding="utf-8").splitlines(), 1) if words in row)
    located = {f"{target}:{line + 1}:{column}:", f"{target}:{line + 2}:{column}:"}
    assert any(place in result.stderr for place in located), result.stderr
    assert message in result.stderr


def test_validate_missing_file(tmp_path: Path) -> None:
    result = _run("validate", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2
    assert "none.yaml:1:1" in result.stderr


# ---------------------------------------------------------------------------- the shipped sets


@pytest.mark.parametrize("spec", ["vgr@2015", "ale@2012"])
def test_every_shipped_criterion_has_a_why_and_an_example(spec: str) -> None:
    for criterion in CATALOG.load(spec).criteria:
        assert criterion.why is not None, criterion.id
        assert criterion.example is not None, criterion.id
