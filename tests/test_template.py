"""``sicheck new``: the generated template checks as a draft, and files are never overwritten."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from sicheck.application import schema_document
from sicheck.checker import CheckOptions, check_bytes
from sicheck.cli import app
from sicheck.loader import load_yaml
from sicheck.rules import rule_paths
from sicheck.template import criteria_by_field

from .conftest import CATALOG, INPUTS

runner = CliRunner()
SETS = ["vgr@2015", "ale@2012"]
LANGS = ["sv", "en"]
SCHEMA = schema_document()


def _new(*args: str) -> Any:
    return runner.invoke(app, ["new", *args])


def _template(spec: str, lang: str) -> str:
    result = _new("--criteria", spec, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def _value(text: str) -> Any:
    loaded = load_yaml(text.encode("utf-8"))
    assert loaded.document is not None, loaded.problem
    return loaded.document.value


# ---------------------------------------------------------------------------- a draft, never invalid


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", SETS)
def test_template_checks_as_a_draft(spec: str, lang: str) -> None:
    text = _template(spec, lang)
    result = check_bytes(text.encode("utf-8"), "template.yaml", CheckOptions(CATALOG))
    assert result.verdict == "ineligible", [p.message.en for p in result.problems]
    assert result.criteria_set is not None and f"{result.criteria_set.id}@{result.criteria_set.version}" == spec
    # Only gaps: every problem is a failed check of a criterion, none about the file itself.
    assert result.problems
    assert all(p.criterion is not None for p in result.problems), [p.code for p in result.problems]
    # Every required criterion is a gap in a fresh template.
    assert all(c.status != "met" for c in result.criteria if c.required)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", SETS)
def test_template_is_valid_under_jsonschema(spec: str, lang: str) -> None:
    validator = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(_value(_template(spec, lang)))) == []


@pytest.mark.parametrize("spec", SETS)
def test_every_section_is_present(spec: str) -> None:
    value = _value(_template(spec, "sv"))
    assert list(value) == list(SCHEMA["properties"])
    assert value["format"] == 1
    assert value["criteria"] == spec


def test_list_items_carry_the_ids_they_need_and_references_are_empty() -> None:
    value = _value(_template("vgr@2015", "sv"))
    assert [p["id"] for p in value["principals"]] == ["part-1"]
    assert [e["id"] for e in value["effects"]] == ["E1"]
    assert value["co_financing"] == [{"principal": None, "hours": None, "cash_sek": None}]
    assert value["applicant"]["principal"] is None
    assert value["measurement"]["effects"] == []
    assert _value(_template("vgr@2015", "en"))["principals"][0]["id"] == "party-1"


@pytest.mark.parametrize("lang", LANGS)
def test_no_modeline_overrides_the_editors_own_schema_mapping(lang: str) -> None:
    text = _template("vgr@2015", lang)
    assert "yaml-language-server" not in text
    assert "$schema" not in text
    # The template says how to get the schema into an editor instead.
    assert "sicheck schema -o" in text


def test_texts_follow_the_language() -> None:
    sv, en = _template("vgr@2015", "sv"), _template("vgr@2015", "en")
    title = SCHEMA["properties"]["target_group"]["properties"]["need"]
    assert title["description"] in sv.replace("\n  # ", " ")
    assert title["x-en"]["description"] in en.replace("\n  # ", " ")
    assert "Kontrolleras av: VGR-01" in sv
    assert "Checked by: VGR-01" in en


def _section(text: str, name: str) -> str:
    """The comment block right above a top-level key."""
    lines = text.splitlines()
    end = lines.index(f"{name}:")
    start = max(i for i in range(end) if lines[i] == "")
    return "\n".join(lines[start:end])


@pytest.mark.parametrize(
    ("spec", "section", "expected", "absent"),
    [
        ("vgr@2015", "principals", ["VGR-06", "VGR-12"], ["VGR-08", "VGR-10"]),
        ("vgr@2015", "co_financing", ["VGR-12"], ["VGR-06"]),
        ("vgr@2015", "effects", ["VGR-03", "VGR-07"], []),
        ("vgr@2015", "continuation", ["VGR-09", "VGR-10"], []),
        ("ale@2012", "principals", ["ALE-01", "ALE-02"], []),
        ("ale@2012", "budget", ["ALE-07"], []),
        ("ale@2012", "socioeconomic", ["ALE-09"], []),
    ],
)
def test_section_comment_names_the_criteria_it_serves(
    spec: str, section: str, expected: list[str], absent: list[str]
) -> None:
    block = _section(_template(spec, "sv"), section)
    for criterion_id in expected:
        assert criterion_id in block
    for criterion_id in absent:
        assert criterion_id not in block
    requirement = CATALOG.load(spec).criterion(expected[0])
    assert requirement is not None
    assert requirement.requirement.sv.split()[0] in block


def test_section_without_criteria_says_so() -> None:
    assert "Inget krav i vgr@2015" in _section(_template("vgr@2015", "sv"), "budget")


def test_rule_paths_follow_lists_and_reference_conditions() -> None:
    vgr = CATALOG.load("vgr@2015")
    co_financing = next(c for c in vgr.criteria if c.id == "VGR-12").checks[0]
    paths = {".".join(p) for p in rule_paths(co_financing.spec)}
    assert paths == {"co_financing", "co_financing.principal", "principals", "principals.kind", "co_financing.hours"}
    # A plain reference serves the field that refers, not the list it refers to.
    responsible = next(c for c in vgr.criteria if c.id == "VGR-08").checks[2]
    assert {".".join(p) for p in rule_paths(responsible.spec)} == {"measurement.responsible"}
    assert [c.id for c in criteria_by_field(vgr)["project"]] == ["VGR-05"]


def test_template_is_deterministic() -> None:
    assert _template("ale@2012", "en") == _template("ale@2012", "en")


def test_template_for_a_criteria_file_leaves_the_criteria_field_empty(tmp_path: Path) -> None:
    # An application may not name a file, so the template points to --criteria instead.
    own = tmp_path / "own.yaml"
    own.write_text((INPUTS / "criteria" / "demo@1.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    text = _template(str(own), "en")
    assert _value(text)["criteria"] is None
    assert f"--criteria {own}" in text.replace("\n# ", " ")
    result = check_bytes(text.encode("utf-8"), "t.yaml", CheckOptions(CATALOG, criteria=str(own)))
    assert result.verdict == "ineligible"
    assert all(p.criterion is not None for p in result.problems)


def test_unknown_criteria_is_a_usage_error() -> None:
    result = _new("--criteria", "vgr@1999")
    assert result.exit_code == 2
    assert "vgr@2015" in result.stderr


# ---------------------------------------------------------------------------- writing files


def test_writes_a_new_file_and_says_what_next(tmp_path: Path) -> None:
    target = tmp_path / "ansokan.yaml"
    result = _new("-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "sicheck check ansokan.yaml" in text
    assert f"sicheck check {target}" in result.stderr


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "ansokan.yaml"
    target.write_text("project: {title: Mitt utkast}\n", encoding="utf-8")
    for lang, words in (("sv", "finns redan"), ("en", "already exists")):
        result = _new("-o", str(target), "--lang", lang)
        assert result.exit_code == 1
        assert words in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "project: {title: Mitt utkast}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ansokan.yaml"]  # no temporary file left


def test_refuses_to_write_through_a_symlink(tmp_path: Path) -> None:
    precious = tmp_path / "precious.yaml"
    precious.write_text("keep: me\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(precious)
    assert _new("-o", str(link)).exit_code == 1
    assert precious.read_text(encoding="utf-8") == "keep: me\n"


def test_force_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "ansokan.yaml"
    target.write_text("old\n", encoding="utf-8")
    result = _new("-o", str(target), "--force", "--criteria", "ale")
    assert result.exit_code == 0, result.stderr
    assert _value(target.read_text(encoding="utf-8"))["criteria"] == "ale@2012"


def test_file_and_stdout_differ_only_in_the_file_name(tmp_path: Path) -> None:
    target = tmp_path / "draft.yaml"
    assert _new("-o", str(target), "--lang", "en").exit_code == 0
    printed = _template("vgr@2015", "en")
    assert target.read_text(encoding="utf-8") == printed.replace("application.yaml", "draft.yaml")


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = _new("-o", str(tmp_path / "no" / "such" / "a.yaml"))
    assert result.exit_code == 2
    assert re.search(r"(Kunde inte skriva|Could not write)", result.stderr)


def test_repository_configuration_sets_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # DESIGN section 2: --criteria, else the configuration, else the newest vgr; --lang likewise.
    (tmp_path / ".sicheck.yaml").write_text("criteria: ale@2012\nlang: en\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = str(_new().stdout)
    assert _value(text)["criteria"] == "ale@2012"
    assert "Template for the criteria ale@2012" in text
    overridden = str(_new("--criteria", "vgr", "--lang", "sv").stdout)
    assert "Mall för kriterierna vgr@2015" in overridden


def test_texts_from_a_criteria_file_cannot_break_out_of_comments(tmp_path: Path) -> None:
    source = (INPUTS / "criteria" / "demo@1.yaml").read_text(encoding="utf-8")
    hostile = source.replace(
        'title: {sv: "Mål", en: "Goal"}', 'title: {sv: "Mål\\nproject: {title: injected}\\e", en: "Goal"}'
    ).replace(
        'requirement: {sv: "Ansökan ska ha ett mål."',
        'requirement: {sv: "Ansökan ska ha ett mål.\\nbudget: {total_sek: 1}\\x07"',
    )
    own = tmp_path / "own.yaml"
    own.write_text(hostile, encoding="utf-8")
    text = _template(str(own), "sv")
    value = _value(text)
    assert value["project"]["title"] is None and value["budget"]["total_sek"] is None
    assert "\x1b" not in text and "\x07" not in text


def test_template_asks_who_in_management_stands_behind_the_handover() -> None:
    # VGR-10: "(ledningsförankring)"; the template says what that means in the field's comment.
    sv = runner.invoke(app, ["new"]).stdout
    en = runner.invoke(app, ["new", "--lang", "en"]).stdout
    flowing_sv = " ".join(line.strip(" #") for line in sv.splitlines())
    flowing_en = " ".join(line.strip(" #") for line in en.splitlines())
    assert "vem i mottagarens ledning som står bakom övertagandet" in flowing_sv
    assert "who in the receiver's management stands behind the handover" in flowing_en
    assert "Socioekonomisk kalkyl" in sv and "Samhällsekonomisk" not in sv
