"""Follow-up of funded projects: the report format, the schedule, the gaps and every format."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicheck.cli import app
from sicheck.followup import FORMATS
from sicheck.followup.analysis import follow_up
from sicheck.followup.load import SCHEMA_RESOURCE, load_followup, load_followup_bytes
from sicheck.followup.schedule import Frequency, due_windows, parse_frequency, windows
from tests.conftest import GOLDEN, INPUTS, ROOT
from tests.regen_followup_golden import CASES, run_case

FOLLOWUPS = INPUTS / "followups"
TMR_APP = str(ROOT / "sample_applications" / "tmr.yaml")
AVSTAMP_APP = str(ROOT / "sample_applications" / "utmanande-avstamp-2.yaml")
TMR_REPORTS = sorted((ROOT / "sample_followups" / "tmr").glob("*.yaml"))
AVSTAMP_REPORTS = sorted((ROOT / "sample_followups" / "utmanande-avstamp-2").glob("*.yaml"))


def _run(args: list[str]) -> tuple[int, str]:
    # Wide enough that no message wraps: the sample paths are absolute, so where the clone
    # lies would otherwise decide where a line breaks.
    result = CliRunner().invoke(app, args, env={"COLUMNS": "1000"})
    return result.exit_code, result.stdout


def _codes(result: object) -> list[tuple[str, str, int]]:
    return [(Path(g.file).name, g.problem.code, g.problem.location.line) for g in result.gaps]  # type: ignore[attr-defined]


# --- the schedule ---------------------------------------------------------------------


def test_structured_frequency_is_read_and_free_text_is_not() -> None:
    assert parse_frequency({"every": 3, "unit": "month"}) == Frequency(3, "month")
    assert parse_frequency({"unit": "term"}) == Frequency(1, "term")
    assert parse_frequency("Var tredje månad") is None
    assert parse_frequency(None) is None


def test_terms_are_school_terms_cut_at_the_project() -> None:
    found = windows(Frequency(1, "term"), date(2015, 8, 15), date(2016, 12, 31))
    assert [(w.start, w.end) for w in found] == [
        (date(2015, 8, 15), date(2015, 12, 31)),
        (date(2016, 1, 1), date(2016, 6, 30)),
        (date(2016, 7, 1), date(2016, 12, 31)),
    ]


def test_months_count_from_the_start_and_only_ended_windows_are_due() -> None:
    due = due_windows(Frequency(6, "month"), date(2015, 10, 1), date(2018, 11, 30), date(2017, 3, 31))
    assert [(w.start, w.end) for w in due] == [
        (date(2015, 10, 1), date(2016, 3, 31)),
        (date(2016, 4, 1), date(2016, 9, 30)),
        (date(2016, 10, 1), date(2017, 3, 31)),
    ]


def test_a_month_end_start_keeps_to_month_ends() -> None:
    found = windows(Frequency(1, "month"), date(2016, 1, 31), date(2016, 4, 30))
    assert [w.start for w in found] == [date(2016, 1, 31), date(2016, 2, 29), date(2016, 3, 31), date(2016, 4, 30)]


def test_a_huge_project_span_is_bounded() -> None:
    assert len(windows(Frequency(1, "week"), date(1, 1, 1), date(9999, 12, 31))) <= 600


# --- the samples (what the issue asks for) ------------------------------------------------


def test_tmr_lists_the_never_measured_school_results_effect() -> None:
    result = follow_up(TMR_APP, [load_followup(p) for p in TMR_REPORTS])
    never = [g for g in result.gaps if g.problem.code == "followup-never-measured"]
    assert len(never) == 1
    assert "E4" in never[0].problem.message.en and "grades" not in never[0].problem.message.en
    assert "betyg" in never[0].problem.message.sv  # the indicator, in the applicant's words
    e4 = next(e for e in result.effects if e.id == "E4")
    assert e4.status == "not-measured" and not e4.measurements
    # NUPH left the project: its hours are behind; and nobody measures after the end.
    assert ("slutrapport.yaml", "followup-co-financing", 36) in _codes(result)
    assert {g.problem.code for g in result.gaps} >= {"followup-after-end", "followup-final-result"}
    # Free-text frequency still works, with advice to add the structured form.
    advice = [g for g in result.gaps if g.problem.code == "followup-frequency"]
    assert advice and advice[0].problem.severity == "warning" and advice[0].file == TMR_APP
    assert advice[0].problem.location.path == "measurement.frequency"
    code, out = _run(["followup", TMR_APP, str(TMR_REPORTS[0]), "--no-color", "--lang", "en"])
    assert code == 1
    assert "The effect has never been measured" in out and "E4" in out and "followup-never-measured" not in out


def test_on_track_sample_has_every_effect_on_track_and_exits_0() -> None:
    result = follow_up(AVSTAMP_APP, [load_followup(p) for p in AVSTAMP_REPORTS])
    assert [e.status for e in result.effects] == ["on-track", "on-track"]
    assert [e.missing for e in result.effects] == [0, 0] and all(e.due == 4 for e in result.effects)
    assert result.gaps == ()
    code, out = _run(["followup", AVSTAMP_APP, *map(str, AVSTAMP_REPORTS), "--no-color"])
    assert code == 0, out
    assert "2 av 2 effekter i fas" in out


def test_the_straight_line_decides_on_track_both_ways() -> None:
    result = follow_up(AVSTAMP_APP, [load_followup(p) for p in AVSTAMP_REPORTS])
    e1 = result.effects[0]
    # 0 -> 50 by 2018-06-30 from 2015-10-01; 38 on 2017-09-15 is 76 % of the way, the line asks 71 %.
    assert e1.share == pytest.approx(76.0)
    assert e1.expected_share == pytest.approx(71.29, abs=0.01)
    tmr = follow_up(TMR_APP, [load_followup(p) for p in TMR_REPORTS])
    e1_down = tmr.effects[0]  # 30 -> 20 (a decrease is the goal)
    assert e1_down.status == "on-track" and e1_down.share == pytest.approx(110.0)


# --- gaps -----------------------------------------------------------------------------


def test_unknown_effect_is_refused_with_location_and_suggestion() -> None:
    loaded = load_followup(FOLLOWUPS / "unknown-effect.yaml")
    result = follow_up(AVSTAMP_APP, [loaded])
    (gap,) = [g for g in result.gaps if g.problem.code == "followup-unknown-effect"]
    assert (gap.problem.location.line, gap.problem.location.column) == (7, 3)
    assert "Menade du 'E2'?" in gap.problem.message.sv
    assert "Did you mean 'E2'?" in gap.problem.message.en
    assert not result.reports[0].counted
    assert all(not e.measurements for e in result.effects)  # nothing from a refused report counts
    code, out = _run(["followup", AVSTAMP_APP, str(FOLLOWUPS / "unknown-effect.yaml"), "--no-color"])
    assert code == 1 and "unknown-effect.yaml:7:3" in out


def test_missing_due_measurements_are_located_in_the_report_that_should_hold_them() -> None:
    result = follow_up(AVSTAMP_APP, [load_followup(FOLLOWUPS / "missing-measurement.yaml")])
    missing = [g for g in result.gaps if g.problem.code == "followup-missing-measurement"]
    assert [(Path(g.file).name, g.problem.location.line) for g in missing] == [
        ("missing-measurement.yaml", 6),
        ("missing-measurement.yaml", 8),
    ]
    assert "2016-04-01–2016-09-30, 2016-10-01–2017-03-31" in missing[0].problem.message.en
    assert [e.missing for e in result.effects] == [2, 2]


def test_co_financing_not_given_in_proportion_to_time() -> None:
    result = follow_up(AVSTAMP_APP, [load_followup(FOLLOWUPS / "missing-measurement.yaml")])
    behind = [g.problem for g in result.gaps if g.problem.code == "followup-co-financing"]
    texts = " ".join(p.message.en for p in behind)
    assert "gullspang-bou has given 100 of 900" in texts  # 47 % of the time, 11 % of the hours
    assert "skagern" in texts  # promised, not reported
    assert "gullspang-vo" not in texts and "narhalsan" not in texts  # ahead of time: fine
    assert "gullspang-bou har gett 100 av 900 utlovade timmar" in " ".join(p.message.sv for p in behind)


def test_a_late_report_that_is_not_final() -> None:
    result = follow_up(AVSTAMP_APP, [load_followup(FOLLOWUPS / "late-not-final.yaml")])
    (late,) = [g for g in result.gaps if g.problem.code == "followup-not-final"]
    assert late.problem.location.line == 4
    assert "2018-11-30" in late.problem.message.sv


def test_a_final_report_with_nobody_to_measure_after_the_end() -> None:
    text = (ROOT / "sample_followups/utmanande-avstamp-2/delrapport-2017.yaml").read_text(encoding="utf-8")
    text = text.replace("final: false", "final: true")
    text += "results:\n  E1: {target_reached: false, measured_after_by: gullspang-vo}\n  E2: {target_reached: true}\n"
    loaded = load_followup_bytes(text.encode(), str(ROOT / "sample_followups/x/final.yaml"))
    result = follow_up(AVSTAMP_APP, [loaded])
    after = [g for g in result.gaps if g.problem.code == "followup-after-end"]
    expected = "The final report does not say who measures E2 after the project ends."
    assert [g.problem.message.en for g in after] == [expected]
    assert after[0].problem.location.line == text.count("\n")


def test_a_principal_the_application_does_not_have_is_refused() -> None:
    text = (ROOT / "sample_followups/utmanande-avstamp-2/delrapport-2016.yaml").read_text(encoding="utf-8")
    text = text.replace("principal: skagern", "principal: skagen")
    result = follow_up(AVSTAMP_APP, [load_followup_bytes(text.encode(), "sample_followups/x.yaml")])
    (gap,) = [g for g in result.gaps if g.problem.code == "followup-unknown-principal"]
    assert "Did you mean 'skagern'?" in gap.problem.message.en


def test_a_report_on_another_application_is_refused() -> None:
    result = follow_up(TMR_APP, [load_followup(FOLLOWUPS / "unknown-effect.yaml")])
    assert [g.problem.code for g in result.gaps if g.problem.severity == "error"] == ["followup-application"]


def test_no_reports_shows_the_plan_and_passes() -> None:
    code, out = _run(["followup", AVSTAMP_APP, "--no-color", "--lang", "en"])
    assert code == 0
    assert "no reports" in out and "every 6 months" in out


# --- bad input: the same loader, limits and located messages ----------------------------


@pytest.mark.parametrize(
    ("name", "code", "line"),
    [
        ("bad-schema.yaml", "schema", 3),
        ("alias-bomb.yaml", "alias", 2),
        ("non-utf8.yaml", "encoding", 3),
    ],
)
def test_bad_follow_up_files_are_located_problems(name: str, code: str, line: int) -> None:
    loaded = load_followup(FOLLOWUPS / name)
    assert loaded.report is None
    assert (loaded.problems[0].code, loaded.problems[0].location.line) == (code, line)


def test_schema_messages_name_the_field_and_suggest_keys() -> None:
    problems = load_followup(FOLLOWUPS / "bad-schema.yaml").problems
    by_line = {p.location.line: p.message.en for p in problems}
    assert "'period.start' must be a real date" in by_line[3]
    assert "Did you mean 'measurements'?" in by_line[4]
    assert "must not be less than 0" in by_line[6]
    assert "'E 1' is not an id" in by_line[8]
    assert "'measurements.E 1[0].value' must be a number" in by_line[9]


def test_the_validator_is_built_once_and_is_draft_2020_12() -> None:
    from jsonschema import Draft202012Validator

    from sicheck.validation import validator

    assert validator(SCHEMA_RESOURCE) is validator(SCHEMA_RESOURCE)
    assert isinstance(validator(SCHEMA_RESOURCE), Draft202012Validator)
    Draft202012Validator.check_schema(validator(SCHEMA_RESOURCE).schema)


@pytest.mark.parametrize("data", [b"", b"- a\n- b\n", b"a: 1\n---\nb: 2\n", b"application: x\nperiod: [1]\n" * 1])
def test_odd_files_never_raise(data: bytes) -> None:
    loaded = load_followup_bytes(data, "odd.yaml")
    assert loaded.report is None and loaded.problems


def test_an_unreadable_application_is_a_gap_not_a_crash(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"project: [\n")
    result = follow_up(str(broken), [load_followup(p) for p in AVSTAMP_REPORTS])
    assert not result.application_valid
    assert result.gaps[0].problem.code == "yaml-syntax"
    code, _ = _run(["followup", str(broken), "--no-color"])
    assert code == 1


def test_missing_paths_are_usage_errors(tmp_path: Path) -> None:
    assert _run(["followup", str(tmp_path / "nope.yaml")])[0] == 2
    assert _run(["followup", AVSTAMP_APP, str(tmp_path / "nope")])[0] == 2


# --- formats --------------------------------------------------------------------------


def test_every_format_has_a_golden() -> None:
    covered = {name.split(".", 2)[-1] for name in CASES}
    assert {"txt" if f == "text" else "md" if f == "markdown" else f for f in FORMATS} <= covered


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_followup(name: str) -> None:
    command, args = CASES[name]
    with open(GOLDEN / "followup" / name, encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert run_case(command, args) == expected, f"regenerate with: python -m tests.regen_followup_golden ({name})"


def test_json_is_the_machine_interface() -> None:
    code, out = _run(["followup", TMR_APP, str(TMR_REPORTS[0]), "--format", "json"])
    assert code == 1
    document = json.loads(out)
    (followup,) = document["followups"]
    assert [e["status"] for e in followup["effects"]] == ["on-track", "on-track", "on-track", "not-measured"]
    assert document["summary"] == {"applications": 1, "effects": 4, "on_track": 3, "errors": 7, "warnings": 1}
    assert all({"file", "severity", "code", "message", "hint", "location"} <= set(g) for g in followup["gaps"])


def test_html_chart_has_baseline_target_and_measurements_and_no_script() -> None:
    html = (GOLDEN / "followup" / "tmr.en.html").read_text(encoding="utf-8")
    assert html.count('<svg class="chart"') == 4
    assert html.count("<circle") == 15  # five measurements of three effects
    assert 'stroke-dasharray="6 4"' in html and "baseline 30" in html and "target 20" in html
    assert "<script" not in html.lower() and "http://" not in html.replace("http://www.w3.org", "")
    assert "default-src 'none'" in html


def test_hostile_text_is_escaped_in_every_format() -> None:
    text = (GOLDEN / "followup" / "hostile.sv.txt").read_text(encoding="utf-8")
    markdown = (GOLDEN / "followup" / "hostile.en.md").read_text(encoding="utf-8")
    html = (GOLDEN / "followup" / "hostile.sv.html").read_text(encoding="utf-8")
    assert "\x1b" not in text + markdown + html and "\u202e" not in text + markdown + html
    assert "\\x1b" in text and "[bold red]styled[/]" in text  # shown literally, not styled
    assert "<script>" not in html and "&lt;script&gt;" in html and "<img" not in html
    assert "<script>" not in markdown and "\\<script\\>" in markdown and "\\@\u2060here" in markdown
    assert not re.search(r"^::", text, re.MULTILINE)


def test_sparkline_only_in_a_terminal() -> None:
    from sicheck.followup import render
    from sicheck.followup.model import FollowupRun

    result = follow_up(AVSTAMP_APP, [load_followup(p) for p in AVSTAMP_REPORTS])
    assert "▁" in render("text", FollowupRun((result,), "0", sparklines=True))
    assert not any(bar in render("text", FollowupRun((result,), "0")) for bar in "▁▂▃▄▅▆▇█")


# --- sicheck new --followup, schema --followup, check and report ------------------------------


def test_followup_template_is_a_valid_report_written_from_the_promises(tmp_path: Path) -> None:
    target = tmp_path / "delrapport.yaml"
    code = CliRunner().invoke(app, ["new", "--followup", AVSTAMP_APP, "-o", str(target)]).exit_code
    assert code == 0
    text = target.read_text(encoding="utf-8")
    assert "period: {start: 2015-10-01, end: 2016-03-31}" in text  # the first six-month window
    assert '"E1": []' in text and '"E2": []' in text
    assert "gullspang-vo: 1600 utlovade timmar" in text
    loaded = load_followup(target)
    assert loaded.report is not None, loaded.problems
    result = follow_up(AVSTAMP_APP, [loaded])
    assert result.reports[0].counted
    # Nothing reported yet: the due measurements of the first window are missing.
    assert [e.missing for e in result.effects] == [1, 1]
    # Never overwritten.
    assert CliRunner().invoke(app, ["new", "--followup", AVSTAMP_APP, "-o", str(target)]).exit_code == 1


def test_followup_template_keeps_hostile_application_text_in_comments(tmp_path: Path) -> None:
    application = (ROOT / "sample_applications/utmanande-avstamp-2.yaml").read_text(encoding="utf-8")
    application = application.replace(
        "indicator: Antal familjer som erbjudits resursmöte",
        'indicator: "Antal\\nfinal: true\\nx: [1"',
    )
    path = tmp_path / "a.yaml"
    path.write_text(application, encoding="utf-8")
    result = CliRunner().invoke(app, ["new", "--followup", str(path), "--lang", "en"])
    assert result.exit_code == 0
    assert "\nfinal: true\nx:" not in result.stdout
    assert load_followup_bytes(result.stdout.encode(), "t.yaml").report is not None


def test_schema_followup_is_the_shipped_schema_in_one_language() -> None:
    result = CliRunner().invoke(app, ["schema", "--followup", "--lang", "en"])
    schema = json.loads(result.stdout)
    assert schema["$id"] == "https://sicheck.dev/schemas/followup-1.schema.json"
    assert schema["title"].startswith("Follow-up report")
    assert "x-en" not in result.stdout


def test_is_followup_tells_reports_from_applications_and_reviews() -> None:
    from sicheck.kinds import is_followup, is_review

    report = (AVSTAMP_REPORTS[0]).read_bytes()
    assert is_followup(report) and not is_review(report)
    assert not is_followup(Path(AVSTAMP_APP).read_bytes())
    assert not is_followup(b"application: a.yaml\nreviewer: Anna\n")
    assert not is_followup(b"status: |\n  period: x\n  application: y\n")


def test_check_with_a_follow_up_file_uses_check_exit_codes() -> None:
    ok = ["check", AVSTAMP_APP, *map(str, AVSTAMP_REPORTS), "--no-color"]
    code, out = _run(ok)
    assert code == 0, out
    assert "Uppföljning: Utmanande avstamp 2" in out and "2 av 2 effekter i fas" in out
    code, out = _run(["check", AVSTAMP_APP, str(FOLLOWUPS / "missing-measurement.yaml"), "--no-color"])
    assert code == 1 and "Mätning saknas" in out and "followup-missing-measurement" not in out
    assert _run([*ok, "--exit-zero"])[0] == 0
    assert _run(["check", AVSTAMP_APP, str(AVSTAMP_REPORTS[0]), "--format", "sarif"])[0] == 2


def test_check_json_with_follow_ups_keeps_the_check_shape() -> None:
    code, out = _run(["check", TMR_APP, str(TMR_REPORTS[0]), "--format", "json"])
    document = json.loads(out)
    assert code == 1
    assert [a["file"] for a in document["applications"]] == [TMR_APP]  # the report is not an application
    assert document["followups"][0]["application"]["file"] == TMR_APP
    assert document["followup_summary"]["on_track"] == 3


def test_report_with_followups_shows_status_and_on_track_counts() -> None:
    args = ["report", str(ROOT / "sample_applications"), "--followups", str(ROOT / "sample_followups")]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0
    by_file = {Path(a["file"]).name: a["followup"] for a in json.loads(result.stdout)["applications"]}
    assert by_file["utmanande-avstamp-2.yaml"]["effects_on_track"] == 2
    assert by_file["tmr.yaml"]["effects_on_track"] == 3 and by_file["tmr.yaml"]["final"] is True
    assert by_file["minimili.yaml"] is None
    bad = CliRunner().invoke(app, [*args, "--followups", str(FOLLOWUPS / "unknown-effect.yaml"), "--no-color"])
    assert bad.exit_code == 1
    assert "unknown-effect.yaml:7:3" in bad.stderr


def test_narrow_terminals_get_a_block_per_effect() -> None:
    from sicheck.followup import render
    from sicheck.followup.model import FollowupRun

    run = FollowupRun((follow_up(TMR_APP, [load_followup(p) for p in TMR_REPORTS]),), "0")
    narrow = render("text", run, lang="en", width=60)
    assert "E1 Andel elever som skattar hög stress" in narrow  # the indicator is not cut to "A…"
    assert "30 → 30 → 26 → 24 → 21 → 19  target 20 (2017-06-30)" in narrow
    assert all(len(line) <= 60 for line in narrow.splitlines())


@pytest.mark.parametrize(
    ("given", "expected"), [("e1", "E1"), ("E01", "E1"), ("E-2", "E2"), ("E 2", "E2"), ("E3", "E1"), ("X9", "E1")]
)
def test_effect_ids_written_loosely_get_the_right_suggestion(given: str, expected: str) -> None:
    from sicheck.followup.analysis import id_suggestion

    # An application has few effects: an unknown id always gets the nearest one.
    found = id_suggestion(given, ["E1", "E2"])
    assert found.en == f" Did you mean '{expected}'?"
    assert id_suggestion(given, []).en == ""


# --- the exported schemas agree with check-jsonschema ------------------------------------------

FREQUENCY_CASES = [
    ("text.yaml", "measurement:\n  frequency: Var tredje månad\n", True),
    ("term.yaml", "measurement:\n  frequency: {unit: term}\n", True),
    ("months.yaml", "measurement:\n  frequency: {every: 3, unit: month, description: Var tredje månad}\n", True),
    ("zero.yaml", "measurement:\n  frequency: {every: 0, unit: month}\n", False),
    ("fortnight.yaml", "measurement:\n  frequency: {every: 1, unit: fortnight}\n", False),
    ("no-unit.yaml", "measurement:\n  frequency: {every: 2}\n", False),
    ("list.yaml", "measurement:\n  frequency: [month]\n", False),
]


def test_structured_frequency_in_the_application_schema(tmp_path: Path) -> None:
    from tests.test_schema_export import CHECK_JSONSCHEMA, _check_jsonschema, _sicheck_valid

    files = []
    for name, text, _ in FREQUENCY_CASES:
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    for (name, _, valid), path in zip(FREQUENCY_CASES, files, strict=True):
        assert _sicheck_valid(path) is valid, name
    if CHECK_JSONSCHEMA is None:
        pytest.skip("check-jsonschema is not installed")
    schema = tmp_path / "application.schema.json"
    assert CliRunner().invoke(app, ["schema", "-o", str(schema)]).exit_code == 0
    decisions = _check_jsonschema(schema, files)
    for (name, _, valid), path in zip(FREQUENCY_CASES, files, strict=True):
        assert decisions[str(path)] is valid, name


def test_check_jsonschema_agrees_on_follow_up_reports(tmp_path: Path) -> None:
    from tests.test_schema_export import CHECK_JSONSCHEMA, _check_jsonschema

    if CHECK_JSONSCHEMA is None:
        pytest.skip("check-jsonschema is not installed")
    schema = tmp_path / "followup.schema.json"
    assert CliRunner().invoke(app, ["schema", "--followup", "-o", str(schema)]).exit_code == 0
    good = sorted((ROOT / "sample_followups").rglob("*.yaml"))
    bad = [FOLLOWUPS / "bad-schema.yaml"]
    decisions = _check_jsonschema(schema, [*good, *bad])
    for path in good:
        assert decisions[str(path)] and load_followup(path).report is not None, path
    for path in bad:
        assert not decisions[str(path)] and load_followup(path).report is None, path


def test_a_measurement_after_the_period_is_not_counted() -> None:
    text = (ROOT / "sample_followups/utmanande-avstamp-2/delrapport-2017.yaml").read_text(encoding="utf-8")
    text = text.replace("{date: 2017-09-15, value: 38", "{date: 2018-09-15, value: 50")
    result = follow_up(
        AVSTAMP_APP,
        [
            *(load_followup(p) for p in AVSTAMP_REPORTS[:1]),
            load_followup_bytes(text.encode(), "sample_followups/x.yaml"),
        ],
    )
    (gap,) = [g for g in result.gaps if g.problem.code == "followup-measurement-date"]
    assert gap.problem.location.line == 13 and "2018-09-15" in gap.problem.message.en
    assert [m.value for m in result.effects[0].measurements] == [5, 14, 26]


def test_an_application_without_dates_gets_advice_not_a_crash(tmp_path: Path) -> None:
    application = tmp_path / "x.yaml"
    application.write_text("project: {title: X}\neffects:\n  - {id: E1, baseline: 1, target: 2}\n", encoding="utf-8")
    report = tmp_path / "r.yaml"
    report.write_text("application: x.yaml\nperiod: {start: 2016-01-01, end: 2016-06-30}\n", encoding="utf-8")
    result = follow_up(str(application), [load_followup(report)])
    assert {g.problem.code for g in result.gaps} == {"followup-project-dates", "followup-frequency"}
    assert all(g.problem.severity == "warning" for g in result.gaps)
    assert result.effects[0].status == "not-measured"


def test_unknown_effect_always_names_the_nearest_effect(tmp_path: Path) -> None:
    # "X9" is not close to E1 or E2 by spelling, but the application has only those: name one.
    text = (FOLLOWUPS / "unknown-effect.yaml").read_text(encoding="utf-8").replace("  e2:", "  X9:")
    report = tmp_path / "unknown-effect.yaml"
    report.write_text(text, encoding="utf-8")
    result = follow_up(AVSTAMP_APP, [load_followup(report)])
    (gap,) = [g for g in result.gaps if g.problem.code == "followup-unknown-effect"]
    assert "(den har E1, E2). Menade du 'E" in gap.problem.message.sv
    assert "(it has E1, E2). Did you mean 'E" in gap.problem.message.en
