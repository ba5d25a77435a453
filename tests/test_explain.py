"""``sicheck explain``: every criterion of both shipped sets, its example, and the messages that teach."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sicheck import application, criteria
from sicheck.cli import app
from sicheck.loader import load_yaml

from .conftest import CATALOG

runner = CliRunner()
SETS = {spec: CATALOG.load(spec) for spec in ("vgr@2015", "ale@2012")}
CRITERIA = [(spec, c.id) for spec, found in SETS.items() for c in found.criteria]
CHECKS = [(spec, c.id, k.id) for spec, found in SETS.items() for c in found.criteria for k in c.checks]


def _explain(*args: str) -> Any:
    return runner.invoke(app, ["explain", *args, "--no-color"])


def _criterion(spec: str, criterion_id: str) -> criteria.Criterion:
    found = SETS[spec].criterion(criterion_id)
    assert found is not None
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(("spec", "criterion_id"), CRITERIA)
def test_explain_every_criterion(spec: str, criterion_id: str, lang: str) -> None:
    result = _explain(criterion_id, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    criterion = _criterion(spec, criterion_id)
    assert out.startswith(criterion_id)
    assert spec in out.splitlines()[0]
    assert criterion.title.get(lang) in out
    flat = " ".join(out.split())
    # The source's own words and their place, then each check's basis.
    assert criterion.quote is not None
    assert f"”{' '.join(criterion.quote.text.split())}”" in flat
    assert " ".join(criterion.quote.place.get(lang).split()) in flat
    assert out.count("Grund: " if lang == "sv" else "Basis: ") == len(criterion.checks)
    for check in criterion.checks:
        assert check.id in out
        severity = {"sv": {"error": "brist", "warning": "råd"}, "en": {"error": "gap", "warning": "advice"}}
        assert f"{check.id}  {severity[lang][check.severity]}" in out
        if check.quote is not None and check.quote != criterion.quote:
            assert " ".join(check.quote.text.split()) in flat
        if check.reading is not None:
            assert " ".join(check.reading.get(lang).split()[:6]) in flat
        advice = check.advice or check.hint
        assert " ".join(advice.get(lang).split()[:4]) in " ".join(out.split())
    assert criterion.example is not None
    # The example is printed unwrapped, so it can be copied as it is.
    for line in criterion.example.get(lang).rstrip("\n").split("\n"):
        assert f"  {line}" in out.splitlines()


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize(("spec", "criterion_id"), CRITERIA)
def test_example_passes_its_criterion(spec: str, criterion_id: str, lang: str) -> None:
    result = _explain(criterion_id, "--criteria", spec, "--lang", lang, "--format", "json")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["id"] == criterion_id
    assert [c["id"] for c in shown["checks"]] == [c.id for c in _criterion(spec, criterion_id).checks]
    # Merged into an empty application, the example alone meets every check, warnings too.
    loaded = load_yaml(shown["example"][lang].encode("utf-8"))
    assert loaded.document is not None, loaded.problem
    assert application.validate(loaded.document) == []
    value = loaded.document.value
    failed = [c.id for c in _criterion(spec, criterion_id).checks if not c.rule.test(value, value)]
    assert failed == []


def test_explain_a_set_lists_its_criteria() -> None:
    for argument, spec in (("VGR", "vgr@2015"), ("vgr", "vgr@2015"), ("ale@2012", "ale@2012"), ("ALE", "ale@2012")):
        result = _explain(argument)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith(spec)
        for criterion in SETS[spec].criteria:
            assert criterion.id in result.stdout
        assert "sicheck explain" in result.stdout


def test_set_is_inferred_from_the_prefix() -> None:
    assert "ale@2012" in _explain("ALE-03").stdout.splitlines()[0]
    assert "vgr@2015" in _explain("VGR-03").stdout.splitlines()[0]
    # --criteria wins over the prefix.
    assert _explain("VGR-03", "--criteria", "ale").exit_code == 2


def test_lower_case_explains_its_criterion() -> None:
    result = _explain("vgr-06")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("VGR-06 ")


@pytest.mark.parametrize("argument", ["VGR-06.region", "vgr-06.REGION"])
def test_a_check_id_explains_that_one_check(argument: str) -> None:
    result = _explain(argument)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("VGR-06.region ")
    # Its criterion is named, its siblings are not shown.
    assert "VGR-06 Samarbete och samverkan" in out
    assert "VGR-06.municipality" not in out and "VGR-06.two-principals" not in out
    assert "Uppfyllt när: principals har minst en post där kind är region" in out
    assert "sicheck explain VGR-06" in out


def test_a_check_id_in_json_is_that_check() -> None:
    result = _explain("VGR-06.region", "--format", "json", "--lang", "en")
    document = json.loads(result.stdout)
    assert document["id"] == "VGR-06.region"
    assert document["criterion"]["id"] == "VGR-06"
    # The region is Västra Götalandsregionen, by organisation number or by name.
    words = document["passes_when"]["en"]
    assert words.startswith("principals has at least one item where kind is region and (org_id is SE-ON-2321000131")
    assert "name is the name Västra Götalandsregionen" in words


def test_an_unknown_check_suggests_the_nearest() -> None:
    result = _explain("VGR-12.regio", "--lang", "en")
    assert result.exit_code == 2
    assert "Did you mean 'VGR-12.region-hours'?" in result.stderr


def test_explain_shows_rules_in_words_not_the_rule_language() -> None:
    for lang, said in (("sv", "Uppfyllt när:"), ("en", "Met when:")):
        out = _explain("VGR-12", "--lang", lang).stdout
        assert said in out
        assert "{count:" not in out and "{path:" not in out and "one_of" not in out
    sv = _explain("VGR-12").stdout
    assert "co_financing har minst en post där principal är id för en post i principals" in " ".join(sv.split())


@pytest.mark.parametrize(
    ("argument", "nearest"),
    [("VGR-99", "VGR-09"), ("ALE-1", "ALE-01"), ("VGR-6", "VGR-06"), ("XYZ-01", "VGR-01")],
)
def test_unknown_criterion_suggests_the_nearest(argument: str, nearest: str) -> None:
    result = _explain(argument)
    assert result.exit_code == 2
    assert f"'{nearest}'" in result.stderr
    assert argument in result.stderr


def test_unknown_set_is_a_usage_error() -> None:
    result = _explain("VGR-01", "--criteria", "vgr@1999")
    assert result.exit_code == 2
    assert "vgr@2015" in result.stderr


def test_texts_from_a_criteria_file_are_shown_literally(tmp_path: Path) -> None:
    # A funder's own file is data: markup, emoji codes and escape sequences stay text.
    source = (Path(__file__).parent / "inputs" / "criteria" / "demo@1.yaml").read_text(encoding="utf-8")
    hostile = source.replace('{sv: "Mål", en: "Goal"}', '{sv: "[bold red]Mål[/] :thumbs_up: \\e[31m", en: "[/]"}')
    own = tmp_path / "own.yaml"
    own.write_text(hostile, encoding="utf-8")
    result = _explain("DEMO-01", "--criteria", str(own))
    assert result.exit_code == 0, result.stderr
    assert "[bold red]Mål[/] :thumbs_up: \\x1b[31m" in result.stdout
    assert "\x1b" not in result.stdout
    # Without an example, explain says so and still lists the fields.
    assert "goal.description" in result.stdout
    assert "inget exempel" in result.stdout


# ---------------------------------------------------------------------------- messages that teach


@pytest.mark.parametrize(("spec", "criterion_id", "check_id"), CHECKS)
def test_every_hint_says_where_and_why(spec: str, criterion_id: str, check_id: str) -> None:
    criterion = _criterion(spec, criterion_id)
    check = next(c for c in criterion.checks if c.id == check_id)
    assert criterion.why is not None and check.why is not None
    where = ".".join(check.rule.anchor)
    for lang, label in (("sv", "Varför: "), ("en", "Why: ")):
        advice = (check.advice or check.hint).get(lang)
        # What is missing and where to put it: the hint names the field the gap points at.
        assert where in advice.replace("[]", ""), (where, advice)
        # Why the funder asks, in one sentence, as the hint's second line.
        first, why = check.hint.get(lang).split("\n")
        assert first == advice
        assert why == label + check.why.get(lang)
        assert why.count(". ") == 0 and why.endswith(".")


@pytest.mark.parametrize(("spec", "criterion_id", "check_id"), CHECKS)
def test_check_texts_state_the_requirement(spec: str, criterion_id: str, check_id: str) -> None:
    # The text is shown as the gap, so it says what is required, not that it is done.
    check = next(c for c in _criterion(spec, criterion_id).checks if c.id == check_id)
    modal = {"error": (" ska ", " får inte "), "warning": (" bör ",)}[check.severity]
    english = {"error": (" must ",), "warning": (" should ",)}[check.severity]
    assert any(word in f" {check.text.sv} " for word in modal), check.text.sv
    assert any(word in f" {check.text.en} " for word in english), check.text.en
