"""The CI formats (junit, sarif, github, markdown): schemas, escaping, locations, golden coverage.

Golden output for every case in ``tests/regen_golden.py`` is compared in
``test_cli.test_golden_output``; here every format must have such a case, the JUnit and
SARIF output must validate against the schemas CI tools use, and hostile application
text must come out escaped in every format.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sicheck.cli import app
from sicheck.i18n import Text
from sicheck.model import (
    ApplicationResult,
    CheckResult,
    CriteriaSetRef,
    CriterionResult,
    Location,
    Problem,
    Report,
    RunSummary,
)
from sicheck.policy import RunPolicy
from sicheck.render import FORMATS, render

from . import regen_golden
from .conftest import CATALOG, GOLDEN, INPUTS, ROOT, SAMPLES

SCHEMAS = Path(__file__).resolve().parent / "schemas"
JUNIT_XSD = SCHEMAS / "junit-10.xsd"
SARIF_SCHEMA = SCHEMAS / "sarif-schema-2.1.0.json"
CI_FORMATS = ("junit", "sarif", "github", "markdown")
HOSTILE = INPUTS / "hostile"

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


def _format_of(args: list[str]) -> str:
    for flag in ("--format", "-f"):
        if flag in args:
            return args[args.index(flag) + 1]
    return "text"


# --- golden coverage ----------------------------------------------------------------------


def test_every_format_has_a_golden_case() -> None:
    """Exhaustive: a format added to the registry without golden output fails here."""
    covered = {_format_of(args) for args in regen_golden.CASES.values()}
    assert set(FORMATS) <= covered, f"no golden case for {sorted(set(FORMATS) - covered)}"


@pytest.mark.parametrize("name", CI_FORMATS)
def test_ci_formats_have_golden_cases_for_every_verdict(name: str) -> None:
    cases = [n for n, args in regen_golden.CASES.items() if _format_of(args) == name]
    assert any(n.startswith("samples.") for n in cases)  # eligible and ineligible
    assert any(n.startswith("hostile.") for n in cases)  # hostile text, invalid and ineligible
    assert any(n.startswith("invalid.") for n in cases)  # one of each kind of file problem
    for case in cases:
        assert (GOLDEN / case).is_file(), f"run python -m tests.regen_golden to write {case}"


# --- schemas ------------------------------------------------------------------------------


@cache
def _junit_schema() -> Any:
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(JUNIT_XSD))


@cache
def _sarif_validator() -> Any:
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    # The schema says which draft it is written in; use the validator for that draft.
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def assert_valid_junit(text: str) -> None:
    _junit_schema().validate(text)


def assert_valid_sarif(text: str) -> None:
    errors = sorted(_sarif_validator().iter_errors(json.loads(text)), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


ALL_INPUTS = [str(SAMPLES), str(HOSTILE), str(INPUTS / "invalid")]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_junit_validates_against_the_jenkins_schema(lang: str) -> None:
    code, out = run(*ALL_INPUTS, "--format", "junit", "--lang", lang, "--fail-under", "90", "--strict")
    assert code == 1
    assert_valid_junit(out)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_sarif_validates_against_the_sarif_schema(lang: str) -> None:
    code, out = run(*ALL_INPUTS, "--format", "sarif", "--lang", lang, "--fail-under", "90")
    assert code == 1
    assert_valid_sarif(out)


@pytest.mark.parametrize("name", [n for n in regen_golden.CASES if n.endswith((".junit.xml", ".sarif.json"))])
def test_golden_junit_and_sarif_files_validate(name: str) -> None:
    text = (GOLDEN / name).read_text(encoding="utf-8")
    if name.endswith(".junit.xml"):
        assert_valid_junit(text)
    else:
        assert_valid_sarif(text)


# --- hostile text comes out escaped in every format -------------------------------------

RAW_DANGER = ["\x1b", "\u202e", "\u202c", "\u2066", "\x07", "\x00", "\r"]


@pytest.mark.parametrize("name", CI_FORMATS)
def test_hostile_text_has_no_raw_control_characters(name: str) -> None:
    _, out = run(str(HOSTILE), "--format", name)
    for danger in RAW_DANGER:
        assert danger not in out, (name, repr(danger))
    assert "\\x1b" in out  # made visible, not dropped
    assert "[bold red]" in out.replace("\\", "")  # rich markup is shown as text


def test_hostile_junit_escapes_markup() -> None:
    _, out = run(str(HOSTILE), "--format", "junit")
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    root = ET.fromstring(out)
    titles = [p.get("value") or "" for p in root.iter("property") if p.get("name") == "title"]
    assert any("<script>alert(1)</script>" in t for t in titles)  # the text survives, escaped
    assert_valid_junit(out)


def test_hostile_sarif_strings_are_visible() -> None:
    _, out = run(str(HOSTILE), "--format", "sarif")
    document = json.loads(out)

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    for text in strings(document):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text), repr(text)
    assert_valid_sarif(out)


_COMMAND = re.compile(r"^::(error|warning) ([^:]*)::(.*)$")


def assert_github_lines_are_safe(out: str) -> None:
    """Every line is one of sicheck's commands or its summary; data and properties escaped."""
    lines = out.split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert "\r" not in line
        if line == "::endgroup::" or line.startswith("sicheck: "):
            continue
        if line.startswith("::group::"):
            data = line[len("::group::") :]
        else:
            match = _COMMAND.match(line)
            assert match, line
            for prop in match.group(2).split(","):
                key, _, value = prop.partition("=")
                assert key in {"file", "line", "col", "title"}, line
                assert ":" not in value and "," not in value, line
            data = match.group(3)
        # Every % in data is an escape the runner turns back (%25, %0D, %0A).
        assert not re.search(r"%(?!25|0A|0D)", data), line


def test_hostile_github_annotations_cannot_start_commands() -> None:
    _, out = run(str(HOSTILE), "--format", "github")
    assert_github_lines_are_safe(out)
    assert "100%25" in out  # % in the title is escaped
    # "::error::x" from the title stays inside the group's data, never at a line start.
    for line in out.splitlines():
        if "::error::x" in line:
            assert line.startswith("::group::")


def _cells(row: str) -> list[str]:
    """A Markdown table row's cells: split on pipes not escaped by an odd run of backslashes."""
    cells, current, i = [], "", 0
    body = row.strip()
    assert body.startswith("|") and body.endswith("|"), row
    body = body[1:-1]
    while i < len(body):
        if body[i] == "\\":
            current += body[i : i + 2]
            i += 2
        elif body[i] == "|":
            cells.append(current)
            current, i = "", i + 1
        else:
            current += body[i]
            i += 1
    return [*cells, current]


def assert_markdown_is_safe(out: str) -> None:
    """Tables keep their shape, and nothing in the text is HTML, a mention or a code span."""
    # No @mention and no e-mail autolink: every @ is escaped, and one that could start a
    # mention or an address (after a space or punctuation, or before a dotted domain) has an
    # invisible word joiner after it. An id such as ale\@2012 has none, so it can be copied.
    assert not re.search(r"(?<!\\)@", out), out
    assert not re.search(r"(?:^|[^\w\\])\\@(?!\u2060)", out, re.MULTILINE), out
    assert not re.search(r"\\@(?!\u2060)\S*\.", out), out
    width: int | None = None
    for line in out.splitlines():
        if line.startswith("|"):
            cells = _cells(line)
            if width is None:
                width = len(cells)  # the header row
            assert len(cells) == width, line
        else:
            width = None
        assert not re.search(r"(?<!\\)(?:\\\\)*<(?!br>)", line), line
        # A backtick, *, _, [ or ] not escaped by a backslash would format the text.
        assert not re.search(r"(?<!\\)(?:\\\\)*[`*_\[\]]", line.replace("**", "")), line


def test_hostile_markdown_escapes_tables_and_html() -> None:
    _, out = run(str(HOSTILE), "--format", "markdown")
    assert_markdown_is_safe(out)
    assert "\\<script\\>" in out
    assert "\\|" in out  # the pipe from the title cannot end its cell
    assert "\\`x\\`" in out
    assert "\\[bold red\\]" in out


# --- hostile text of every kind, in every part of a result -------------------------------

# Fragments that each break some format if left as they are.
hostile_text = st.lists(
    st.sampled_from(
        [*"|`*_[]<>@&%:,#~\\\r\n\t ab", "::error::", "<script>", "\x1b", "\u202e", "\x00", "\ufffe", "\ud800", "\x85"]
    ),
    max_size=20,
).map("".join)


def _report(text: str, file: str) -> Report:
    message = Text(text, text)
    checks = (
        CheckResult("X-01.a", False, "error", message, message, Location(text, 2, 3)),
        CheckResult("X-01.b", False, "warning", message, message, Location("", 1, 1)),
    )
    criterion = CriterionResult("X-01", message, True, "missing", 0.0, 1.0, checks)
    problems = tuple(Problem(c.severity, c.id, c.message, c.location, criterion="X-01", hint=c.hint) for c in checks)
    ineligible = ApplicationResult(
        file, text, CriteriaSetRef("x", "1", message), "ineligible", 0.0, (criterion,), problems
    )
    invalid = ApplicationResult(
        file + "2", text, None, "invalid", None, (), (Problem("error", "schema", message, Location(text, 1, 1)),)
    )
    summary = RunSummary().add(ineligible, under_threshold=True).add(invalid, under_threshold=True)
    return Report((ineligible, invalid), summary, "0.0.0", RunPolicy(fail_under=50.0, strict=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text, file=hostile_text.map(lambda t: f"apps/{t}.yaml"))
def test_any_text_stays_escaped(text: str, file: str) -> None:
    report = _report(text, file)
    for lang in ("sv", "en"):
        github = render("github", report, lang=lang)
        assert_github_lines_are_safe(github)
        assert_markdown_is_safe(render("markdown", report, lang=lang))
        junit = render("junit", report, lang=lang)
        ET.fromstring(junit.encode("utf-8"))
        assert_valid_junit(junit)
        sarif = render("sarif", report, lang=lang)
        assert_valid_sarif(sarif)
        for output in (github, junit, sarif):
            assert "\x1b" not in output and "\u202e" not in output


# --- what each format says ------------------------------------------------------------------


def test_junit_structure() -> None:
    ineligible = str(SAMPLES / "fotosyntes.yaml")  # ALE-05 missing
    optional_gaps = str(SAMPLES / "star-for-life.yaml")  # eligible; ALE-09 (optional) missing
    invalid = str(INPUTS / "invalid" / "duplicate-key.yaml")
    _, out = run(ineligible, optional_gaps, invalid, "--format", "junit", "--lang", "en")
    root = ET.fromstring(out)
    suites = {s.get("name", ""): s for s in root.iter("testsuite")}
    assert list(suites) == sorted(suites)
    assert root.get("tests") == "19" and root.get("failures") == "1" and root.get("errors") == "1"

    fotosyntes = suites[ineligible]
    assert [c.get("name", "").split()[0] for c in fotosyntes.iter("testcase")] == [f"ALE-0{i}" for i in range(1, 10)]
    failures = list(fotosyntes.iter("failure"))
    assert len(failures) == 1 and failures[0].get("type") == "ALE-05"
    body = failures[0].text or ""
    assert f"{ineligible}:3:1" in body and "implementation.description" in body  # location and hint

    star = suites[optional_gaps]
    assert star.get("failures") == "0" and not list(star.iter("failure"))
    assert "ALE-09.method" in "".join(o.text or "" for o in star.iter("system-out"))

    broken = suites[invalid]
    cases = list(broken.iter("testcase"))
    assert len(cases) == 1 and broken.get("errors") == "1"
    error = cases[0].find("error")
    assert error is not None and error.get("type") == "duplicate-key"
    assert f"{invalid}:3:3" in (error.text or "")


def test_sarif_rules_results_and_locations() -> None:
    _, out = run(str(SAMPLES), "--format", "sarif", "--lang", "en")
    run_ = json.loads(out)["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))

    for spec in ("vgr@2015", "ale@2012"):
        for criterion in CATALOG.load(spec).criteria:
            for check in criterion.checks:
                rule = rules[ids.index(check.id)]
                assert rule["shortDescription"]["text"] == check.text.en
                assert rule["help"]["text"] == check.hint.en
                assert rule["properties"]["shortDescription"] == {"sv": check.text.sv, "en": check.text.en}
                assert rule["properties"]["criterion"] == criterion.id
    for code in ("yaml-syntax", "schema", "unknown-key", "duplicate-key", "encoding", "reference"):
        assert code in ids
    assert run_["results"]
    for result in run_["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("error", "warning")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["artifactLocation"]["uri"].startswith("sample_applications/")
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
        assert result["message"]["text"]


def test_sarif_invalid_files_are_results() -> None:
    _, out = run(str(INPUTS / "invalid" / "non-utf8.yaml"), "--format", "sarif")
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "encoding" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 15}


def test_sarif_absolute_paths_become_relative(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out = run(str(SAMPLES / "fotosyntes.yaml"), "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert len(results) == 2  # the gap in ALE-05 and advice in ALE-09
    for result in results:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": "sample_applications/fotosyntes.yaml", "uriBaseId": "%SRCROOT%"}


def test_sarif_fingerprints_survive_moved_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A gap keeps its fingerprint when lines above it change; lines are not part of it."""
    monkeypatch.chdir(tmp_path)
    source = (SAMPLES / "kompletterande-arbetsmarknad.yaml").read_text(encoding="utf-8")

    def fingerprints() -> dict[str, tuple[str, int]]:
        _, out = run("a.yaml", "--format", "sarif")
        return {
            r["ruleId"]: (
                r["partialFingerprints"]["sicheckGap/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in json.loads(out)["runs"][0]["results"]
        }

    Path("a.yaml").write_text(source, encoding="utf-8")
    before = fingerprints()
    Path("a.yaml").write_text("# en ny kommentar\n# och en till\n" + source, encoding="utf-8")
    after = fingerprints()
    assert before.keys() == after.keys() and before
    for rule_id in before:
        assert before[rule_id][0] == after[rule_id][0]
        assert after[rule_id][1] == before[rule_id][1] + 2
    assert len({f for f, _ in after.values()}) == len(after)


def test_sarif_rules_for_a_criteria_file_given_by_path(tmp_path: Path) -> None:
    mine = tmp_path / "egen.yaml"
    mine.write_text((ROOT / "criteria" / "ale@2012.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, out = run(str(SAMPLES / "fotosyntes.yaml"), "--criteria", str(mine), "--format", "sarif")
    assert code == 1
    assert_valid_sarif(out)
    ids = [r["id"] for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]]
    assert "ALE-05.implementation" in ids


def test_github_one_annotation_per_gap() -> None:
    _, out = run(str(SAMPLES / "tidiga-insatser-skolnarvaro.yaml"), "--format", "github", "--lang", "en")
    annotations = [line for line in out.splitlines() if line.startswith(("::error ", "::warning "))]
    _, as_json = run(str(SAMPLES / "tidiga-insatser-skolnarvaro.yaml"), "--format", "json")
    problems = json.loads(as_json)["applications"][0]["problems"]
    assert len(annotations) == len(problems)
    for line, problem in zip(annotations, problems, strict=True):
        location = problem["location"]
        assert line.startswith(f"::{problem['severity']} ")
        assert f"line={location['line']},col={location['column']}" in line
        assert f"title={problem['code']} (" in line
    assert out.splitlines()[-1].startswith("sicheck: Applications: 1. Meet the requirements: 0, do not meet them: 1")


def test_github_optional_criterion_gaps_are_warnings() -> None:
    # Star for Life meets the requirements; it gets advice: ALE-09 is not required, and
    # ALE-02.two-municipal is the authors' stricter reading.
    _, out = run(str(SAMPLES / "star-for-life.yaml"), "--format", "github")
    assert "::error" not in out
    assert out.count("::warning ") == 3


def test_markdown_summary_and_checklists() -> None:
    _, out = run(str(SAMPLES), "--format", "markdown", "--lang", "en")
    applications = len(list(SAMPLES.glob("*.yaml")))
    lines = out.splitlines()
    start = lines.index("|:-:|---|---|---|---|--:|--:|")
    rows = lines[start + 1 : start + 1 + applications]
    assert all(row.startswith("| ") for row in rows) and lines[start + 1 + applications] == ""
    assert out.count("\n### ") == applications
    assert "| ❌ missing | ALE-05 Implementation | 0/1 |" in out
    assert_markdown_is_safe(out)


@pytest.mark.parametrize("name", CI_FORMATS)
def test_exit_code_does_not_depend_on_the_format(name: str) -> None:
    assert run(str(SAMPLES / "minimili.yaml"), "--format", name)[0] == 0
    assert run(str(SAMPLES / "fotosyntes.yaml"), "--format", name)[0] == 1
    assert run(str(INPUTS / "invalid" / "empty.yaml"), "--format", name)[0] == 1


@pytest.mark.parametrize("name", CI_FORMATS)
def test_output_file_is_written_whole(name: str, tmp_path: Path) -> None:
    target = tmp_path / f"report.{name}"
    code, out = run(str(SAMPLES), "--format", name, "--output", str(target))
    assert code == 1 and out == ""
    assert target.read_text(encoding="utf-8") == run(str(SAMPLES), "--format", name)[1]
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("name", CI_FORMATS)
def test_empty_run_renders(name: str) -> None:
    report = Report((), RunSummary(), "0.0.0")
    text = render(name, report, lang="en")
    if name == "junit":
        assert_valid_junit(text)
    if name == "sarif":
        assert_valid_sarif(text)
        assert json.loads(text)["runs"][0]["results"] == []
    assert text.endswith("\n")
