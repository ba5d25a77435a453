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
    # Who measures is advice (Table 1 asks how measurement is done), so VGR-08 stays met.
    assert statuses["VGR-08"] == "met"


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


# --- 3. YAML errors a person understands ---------------------------------------------------------------

YAML_MISTAKES = {
    # name: (text, (line, column), words in sv, words in en, hint in sv, hint in en)
    "tab": (
        "project:\n  title: Skolnärvaro\n\tsummary: text\n",
        (3, 1),
        "tabbtecken",
        "tab character",
        "mellanslag",
        "spaces",
    ),
    "colon": (
        "measurement:\n  description: Enkät\n  frequency: Varje månad: den första måndagen\n",
        (3, 3),
        "kolon",
        "colon",
        'frequency: "Varje månad: den första måndagen"',
        'frequency: "Varje månad: den första måndagen"',
    ),
    "unclosed-quote": (
        'project:\n  title: "Tidiga insatser\n  summary: text\n# en kommentar längre ner\ngoal:\n  description: x\n',
        (2, 10),
        'Citattecknet " på rad 2',
        'The quote " on line 2',
        'Avsluta texten med "',
        'End the text with "',
    ),
    "unclosed-single-quote": (
        "project:\n  title: 'Tidiga insatser\n  summary: text\n",
        (2, 10),
        "Citattecknet ' på rad 2",
        "The quote ' on line 2",
        "skriv två: ''",
        "write two: ''",
    ),
}


@pytest.mark.parametrize("name", sorted(YAML_MISTAKES))
def test_yaml_mistakes_are_named_located_and_hinted(name: str) -> None:
    text, (line, column), sv, en, hint_sv, hint_en = YAML_MISTAKES[name]
    result = check_text(text)
    assert result.verdict == "invalid" and result.criteria == ()
    (problem,) = result.problems
    assert problem.code == "yaml-syntax"
    assert (problem.location.line, problem.location.column) == (line, column)
    assert sv in problem.message.sv and en in problem.message.en
    assert problem.hint is not None
    assert hint_sv in problem.hint.sv and hint_en in problem.hint.en
    # The parser's own English is not what a person reads.
    assert "token" not in problem.message.sv + problem.message.en
    assert "mapping values" not in problem.message.en


def test_yaml_mistake_hints_are_shown_in_text_output() -> None:
    text = YAML_MISTAKES["colon"][0]
    out = runner.invoke(app, ["check", "-"], input=text).stdout
    assert "→ Sätt texten inom citattecken" in out


def test_other_syntax_errors_say_where_to_look() -> None:
    result = check_text("principals:\n  - id: a\n  name: b\n")
    (problem,) = result.problems
    assert (problem.location.line, problem.location.column) == (3, 3)
    assert problem.hint is not None and "'- '" in problem.hint.sv
    result = check_text("effects: [E1, E2\nproject: x\n")
    (problem,) = result.problems
    assert (problem.location.line, problem.location.column) == (1, 10)
    assert "stängs aldrig" in problem.message.sv and "never closed" in problem.message.en


def test_review_files_get_the_same_explanations() -> None:
    from sicheck.reviews.loading import load_review_bytes

    loaded = load_review_bytes(b"application: a.yaml\nreviewer: Anna\ncomment: Bra: men tunt\n", "anna.yaml")
    (problem,) = loaded.problems
    assert (problem.location.line, problem.location.column) == (3, 1)
    assert problem.hint is not None
    assert 'comment: "Bra: men tunt"' in problem.hint.sv


# --- 6. the template and the command line ----------------------------------------------------------------


def test_new_takes_the_file_name_as_an_argument(tmp_path: Path) -> None:
    target = tmp_path / "ansokan.yaml"
    result = runner.invoke(app, ["new", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.is_file()
    # The same file named twice over is one file; two different ones are a usage error.
    again = runner.invoke(app, ["new", str(tmp_path / "a.yaml"), "-o", str(tmp_path / "b.yaml")])
    assert again.exit_code == 2
    assert not (tmp_path / "a.yaml").exists() and not (tmp_path / "b.yaml").exists()


def test_template_says_ids_are_unique_and_reused(tmp_path: Path) -> None:
    sv = runner.invoke(app, ["new"]).stdout
    en = runner.invoke(app, ["new", "--lang", "en"]).stdout
    assert "bara används en gång" not in sv and "used only once" not in en
    assert "Varje id ska vara unikt" in sv and "Each id must be unique" in en
    flowing = re.sub(r"\s*\n\s*#\s*", " ", sv)
    assert "Samma id används sedan överallt där ansökan hänvisar till parten" in flowing


def test_check_help_lists_the_exit_codes() -> None:
    out = runner.invoke(app, ["check", "--help"]).stdout
    assert "Exit codes" in out
    for code in ("0  ", "1  ", "2  "):
        assert code in out


# --- 7. one language at a time ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "sv", "en"),
    [
        (["new", "a.yaml", "b.yaml"], "Oväntade argument: b.yaml", "Unexpected arguments: b.yaml"),
        (["check", "--bogus", "x.yaml"], "Det finns inget alternativ --bogus", "There is no option --bogus"),
        (["explain"], "Argumentet CRITERION saknas", "The argument CRITERION is missing"),
        (["check", "--fail-under", "200", "x.yaml"], "ligger inte inom", "is not in the range"),
        (["check", "--format", "xml", "x.yaml"], "Ogiltigt värde för", "Invalid value for"),
    ],
)
def test_usage_errors_speak_the_chosen_language(args: list[str], sv: str, en: str) -> None:
    swedish = runner.invoke(app, args)
    english = runner.invoke(app, [*args, "--lang", "en"])
    assert swedish.exit_code == english.exit_code == 2
    assert sv in swedish.stderr and "Fel: " in swedish.stderr and "Användning: " in swedish.stderr
    assert en in english.stderr and "Error: " in english.stderr
    for english_only in ("Got unexpected", "No such option", "Missing argument", "Try '"):
        assert english_only not in swedish.stderr


def test_help_speaks_the_chosen_language() -> None:
    sv = runner.invoke(app, ["check", "--help"]).stdout
    en = runner.invoke(app, ["check", "--help", "--lang", "en"]).stdout
    assert sv.startswith("Användning: ") and "Alternativ:" in sv and "Argument:" in sv
    assert en.startswith("Usage: ") and "Options:" in en
    # The help option says what it does in both languages, like every other option.
    assert "Visa hjälpen och avsluta." in sv
    assert "Show this message and exit." not in sv.replace("/ Show this message and exit.", "")


def test_os_errors_are_said_in_the_chosen_language(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.json"
    sv = runner.invoke(app, ["check", str(SAMPLES / "minimili.yaml"), "-o", str(target)])
    en = runner.invoke(app, ["check", str(SAMPLES / "minimili.yaml"), "-o", str(target), "--lang", "en"])
    assert sv.exit_code == en.exit_code == 2
    assert "filen eller mappen finns inte" in sv.stderr
    assert "no such file or folder" in en.stderr
    assert "No such file or directory" not in sv.stderr


def test_os_reason_names_common_errors_in_both_languages() -> None:
    import errno

    from sicheck.i18n import os_reason

    reason = os_reason(PermissionError(errno.EACCES, "Permission denied"))
    assert (reason.sv, reason.en) == ("behörighet saknas", "permission denied")
    unusual = os_reason(OSError(errno.EXDEV, "Invalid cross-device link"))
    assert unusual.en == "Invalid cross-device link"


# --- 4. help for Swedish habits --------------------------------------------------------------------------


def _problem_at(result: ApplicationResult, path: str) -> Problem:
    (found,) = [p for p in result.problems if p.location.path == path and p.criterion is None]
    return found


@pytest.mark.parametrize(
    ("written", "as_it_must_be"),
    [("18,0", "18.0"), ("1 200", "1200"), ("1 200,5", "1200.5"), ("-2,25", "-2.25"), ("12\u00a0000", "12000")],
)
def test_swedish_numbers_get_the_number_as_it_must_be_written(written: str, as_it_must_be: str) -> None:
    text = SAMPLE.replace("    baseline: 24.0\n", f"    baseline: {written}\n")
    assert text != SAMPLE
    problem = _problem_at(check_text(text), "effects[0].baseline")
    assert problem.message.sv.endswith(f"utan mellanrum: {as_it_must_be}")
    assert problem.message.en.endswith(f"no spaces: {as_it_must_be}")


def test_hours_with_digit_grouping_get_the_hint() -> None:
    text = SAMPLE.replace("    hours: 1200\n", "    hours: 1 200\n")
    problem = _problem_at(check_text(text), "co_financing[0].hours")
    assert "1200" in problem.message.sv


@pytest.mark.parametrize("written", ["212000-1496", "2120001496", "SE-ON-2120001496"])
def test_swedish_organisation_numbers_are_accepted(written: str) -> None:
    text = SAMPLE.replace("    kind: municipality\n", f"    kind: municipality\n    org_id: {written}\n", 1)
    result = check_text(text)
    assert result.verdict != "invalid", [p.message.en for p in result.problems]


def test_organisation_numbers_are_compared_in_one_form() -> None:
    from sicheck.application import examine
    from sicheck.loader import load_yaml

    text = SAMPLE.replace("    kind: region\n", "    kind: region\n    org_id: 232100-0131\n", 1)
    loaded = load_yaml(text.encode("utf-8"))
    assert loaded.document is not None
    usable = examine(loaded.document).usable
    (region,) = [p for p in usable["principals"] if p.get("kind") == "region"]
    assert region["org_id"] == "SE-ON-2321000131"


@pytest.mark.parametrize("written", ["212000-1497", "SE-ON-2120001497"])
def test_a_wrong_control_digit_is_named(written: str) -> None:
    text = SAMPLE.replace("    kind: municipality\n", f"    kind: municipality\n    org_id: {written}\n", 1)
    result = check_text(text)
    assert result.verdict == "invalid"
    problem = _problem_at(result, "principals[0].org_id")
    assert problem.code == "org-id"
    assert "kontrollsiffran" in problem.message.sv and "check digit" in problem.message.en
    assert written in problem.message.sv
    # The checklist is still there.
    assert result.criteria


def test_an_organisation_number_of_the_wrong_form_says_the_forms() -> None:
    text = SAMPLE.replace("    kind: municipality\n", "    kind: municipality\n    org_id: 212000 1496\n", 1)
    problem = _problem_at(check_text(text), "principals[0].org_id")
    assert "212000-1496" in problem.message.sv and "SE-ON-2120001496" in problem.message.sv
    assert "with or without the hyphen" in problem.message.en


@pytest.mark.parametrize(("written", "made"), [("Västra Götaland", "vastra-gotaland"), ("BUP Borås", "bup-boras")])
def test_a_refused_id_names_the_allowed_characters(written: str, made: str) -> None:
    text = SAMPLE.replace("  - id: vgr-bup\n", f"  - id: {written}\n").replace("vgr-bup", "x")
    problem = _problem_at(check_text(text), "principals[2].id")
    assert "a–z, A–Z" in problem.message.sv and "å, ä, ö" in problem.message.sv
    assert f"till exempel {made}" in problem.message.sv
    assert "no å, ä, ö or spaces" in problem.message.en


def test_a_reference_to_a_principals_name_suggests_its_id() -> None:
    text = SAMPLE.replace("  employer: boras-gsf", "  employer: Västra Götalandsregionen")
    assert text != SAMPLE
    problem = _problem_at(check_text(text), "project_lead.employer")
    assert "Menade du 'vgr-bup'?" in problem.message.sv
    assert "Did you mean 'vgr-bup'?" in problem.message.en
    # Never the advice to add an entry whose id would be a name.
    assert "lägg till en post med id: Västra" not in problem.message.sv


@pytest.mark.parametrize(
    ("mistake", "path", "meant"),
    [
        ("goal:", "mål", "goal"),
        ("target_group:", "målgrupp", "target_group"),
        ("    kind: municipality\n", "principals[0].kind", "municipality"),
        ("  kind: new\n", "method.kind", "new"),
    ],
)
def test_swedish_titles_from_the_schema_get_did_you_mean(mistake: str, path: str, meant: str) -> None:
    replacements = {
        "goal:": ("goal:", "mål:"),
        "target_group:": ("target_group:", "målgrupp:"),
        "    kind: municipality\n": ("    kind: municipality\n", "    kind: kommun\n"),
        "  kind: new\n": ("  kind: new\n", "  kind: ny\n"),
    }
    old, new = replacements[mistake]
    text = SAMPLE.replace(old, new, 1)
    assert text != SAMPLE
    result = check_text(text)
    found = [p for p in result.problems if p.criterion is None and (p.location.path == path)]
    assert found, [(p.location.path, p.message.en) for p in result.problems if p.criterion is None]
    assert f"Menade du '{meant}'?" in found[0].message.sv
    assert f"Did you mean '{meant}'?" in found[0].message.en


@pytest.mark.parametrize(
    "args",
    [
        ["report", "sample_applications", "--format", "table"],
        ["followup", "sample_applications/tmr.yaml"],
        ["explain", "VGR-07"],
        ["criteria", "show", "vgr"],
    ],
)
def test_other_text_outputs_have_no_trailing_spaces(args: list[str]) -> None:
    out = _piped(*args, columns="80")
    assert out.strip()
    assert [line for line in out.splitlines() if line != line.rstrip()] == []
