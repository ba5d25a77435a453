"""Memory for every format: a run keeps of each result only what its format shows, shared
texts once, and formats that need every result still write their text in pieces.

The figures (time and peak memory at 20,000 files) are in ``bench/formats.py``; these
tests hold the shape that keeps them, without timing anything.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sicheck import report as report_formats
from sicheck.checker import CheckOptions, check_path
from sicheck.commands.common import for_the_log
from sicheck.compact import SharedValues, pruned
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
from sicheck.render import FORMATS
from sicheck.render import markdown as markdown_format
from sicheck.report.model import build
from sicheck.reviews.model import ReviewedResult
from sicheck.runner import RenderOptions, RunTracker, check_all, render_run

from .conftest import CATALOG, SAMPLES

SAMPLE_FILES = [(str(path), path.name) for path in sorted(SAMPLES.glob("*.yaml"))]
# What a result held to the end of a run may be made of: the result types and plain values.
KEPT_TYPES = (
    ApplicationResult,
    CriterionResult,
    CheckResult,
    Problem,
    Location,
    Text,
    CriteriaSetRef,
    tuple,
    str,
    int,
    float,
    bool,
    type(None),
)
GATHERING = [name for name in FORMATS if not FORMATS.streams(name)]


def _values(value: object) -> list[object]:
    """Every value inside a result, depth first."""
    found = [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            found += _values(getattr(value, field.name))
    elif isinstance(value, tuple):
        for inner in value:
            found += _values(inner)
    return found


def _checks(results: tuple[ApplicationResult, ...]) -> list[CheckResult]:
    return [check for result in results for criterion in result.criteria for check in criterion.checks]


@pytest.fixture(scope="module")
def results() -> list[ApplicationResult]:
    options = CheckOptions(CATALOG)
    return [check_path(path, options, shown) for path, shown in SAMPLE_FILES]


def test_a_result_holds_only_result_values_never_a_document_or_source_text(results: list[ApplicationResult]) -> None:
    for result in results:
        for value in _values(result):
            assert isinstance(value, KEPT_TYPES), type(value)


def test_pruning_keeps_what_the_format_shows(results: list[ApplicationResult]) -> None:
    all_checks = _checks(tuple(results))
    assert any(check.passed for check in all_checks) and any(not check.passed for check in all_checks)
    assert _checks(tuple(pruned(r, "all") for r in results)) == all_checks
    assert _checks(tuple(pruned(r, "failing") for r in results)) == [c for c in all_checks if not c.passed]
    assert _checks(tuple(pruned(r, "none") for r in results)) == []
    for result in results:
        kept = pruned(result, "none")
        # Everything but the checks stays: verdict, score, criteria (status, points) and problems.
        assert kept.problems == result.problems
        assert [dataclasses.replace(c, checks=()) for c in result.criteria] == list(kept.criteria)
        assert (kept.verdict, kept.score, kept.has_warnings) == (result.verdict, result.score, result.has_warnings)


def test_shared_values_keep_one_copy_of_each_text(results: list[ApplicationResult]) -> None:
    shared = SharedValues()
    # Copies as a worker process sends them: equal, never the same object.
    copies = [dataclasses.replace(r, criteria=tuple(dataclasses.replace(c) for c in r.criteria)) for r in results * 2]
    kept = [shared.result(r) for r in copies]
    assert kept == results * 2
    titles: dict[Text, Text] = {}
    for result in kept:
        for criterion in result.criteria:
            assert titles.setdefault(criterion.title, criterion.title) is criterion.title
    first, again = kept[0], kept[len(results)]
    assert all(a is b for a, b in zip(first.criteria, again.criteria, strict=True) if not a.checks)


@pytest.mark.parametrize("format_name", GATHERING)
def test_a_gathering_format_gets_only_the_checks_it_shows(
    format_name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[Report] = []
    module = FORMATS.module(format_name)
    original = module.chunks

    def spy(report: Report, **options: object) -> object:
        seen.append(report)
        return original(report, **options)

    monkeypatch.setattr(module, "chunks", spy)
    rendering = RenderOptions(format=format_name, version="test", source_root=tmp_path)
    text = "".join(render_run(SAMPLE_FILES, CheckOptions(CATALOG), rendering, RunTracker(), jobs=1))
    assert text
    (report,) = seen
    checks = _checks(report.results)
    shown = FORMATS.checks_shown(format_name)
    assert shown in ("none", "failing")
    assert checks if shown == "failing" else not checks
    assert all(not check.passed for check in checks)
    for result in report.results:
        assert all(isinstance(value, KEPT_TYPES) for value in _values(result))


def _many(results: list[ApplicationResult], count: int) -> tuple[ApplicationResult, ...]:
    return tuple(
        dataclasses.replace(results[i % len(results)], file=f"sample_applications/a{i:03d}.yaml") for i in range(count)
    )


def _pieces(format_name: str, results: list[ApplicationResult], count: int) -> list[str]:
    many = _many(results, count)
    summary = RunSummary()
    for result in many:
        summary = summary.add(result, under_threshold=False)
    report = Report(results=many, summary=summary, version="test", source_root=SAMPLES.parent)
    pieces = list(FORMATS.chunks(format_name, report))
    assert "".join(pieces) == FORMATS.render(format_name, report)
    return pieces


@pytest.mark.parametrize("format_name", GATHERING)
def test_a_gathering_check_format_writes_in_pieces(format_name: str, results: list[ApplicationResult]) -> None:
    # One piece (or more) per application, none larger for more applications: the whole
    # text is never one string in memory.
    fewer, more = _pieces(format_name, results, 40), _pieces(format_name, results, 80)
    assert len(more) >= 80
    assert max(map(len, more)) == max(map(len, fewer))


@pytest.mark.parametrize("format_name", [name for name in report_formats.FORMATS if name != "table"])
def test_a_report_format_writes_in_pieces(format_name: str, results: list[ApplicationResult]) -> None:
    many = _many(results, 120)
    call = build([ReviewedResult(r, None) for r in many], "test", date="2026-12-03")
    pieces = list(report_formats.FORMATS.chunks(format_name, call))
    assert len(pieces) >= len(many)
    assert "".join(pieces) == report_formats.FORMATS.render(format_name, call)
    # The overview (ranking, matrices) is one piece; each application's section is its own.
    assert max(map(len, pieces)) < len("".join(pieces)) / 2


def test_the_report_keeps_only_the_checks_its_format_shows() -> None:
    for format_name in report_formats.FORMATS:
        shown = report_formats.FORMATS.checks_shown(format_name)
        options = dataclasses.replace(CheckOptions(CATALOG), checks_kept=shown)
        kept = check_all(SAMPLE_FILES, options, RunTracker(), jobs=1)
        checks = _checks(kept)
        if shown == "all":
            assert any(check.passed for check in checks)
        else:
            assert all(not check.passed for check in checks) and (checks or shown == "none")


@given(st.lists(st.text(alphabet="#[x\n", max_size=6), max_size=6))
def test_a_legacy_command_cut_between_pieces_is_still_escaped(pieces: list[str]) -> None:
    for name in ("json", "junit", "csv"):
        assert "".join(for_the_log(pieces, name, to_stdout=False)) == "".join(
            for_the_log("".join(pieces), name, to_stdout=False)
        )


@given(st.lists(st.text(alphabet="ab\n", max_size=5), max_size=6))
def test_markdown_pieces_end_as_the_whole_text_would(pieces: list[str]) -> None:
    whole = "".join(pieces).rstrip("\n") + "\n"
    assert "".join(markdown_format._finished(pieces)) == whole
    measured = [(len(p), len(p) - len(p.rstrip("\n"))) for p in pieces]
    assert markdown_format._finished_length(measured) == len(whole)


def test_markdown_renders_each_section_only_as_it_is_written(
    monkeypatch: pytest.MonkeyPatch, results: list[ApplicationResult]
) -> None:
    rendered: list[str] = []
    original = markdown_format._application

    def counted(result: ApplicationResult, report: Report, lang: str) -> list[str]:
        rendered.append(result.file)
        return original(result, report, lang)

    monkeypatch.setattr(markdown_format, "_application", counted)
    many = _many(results, 40)
    report = Report(results=many, summary=RunSummary(), version="test")
    written = 0
    for piece in FORMATS.chunks("markdown", report):
        written += piece.count("\n### ")
        # Never more than the section being written and the one held back for its last newlines.
        assert len(rendered) <= written + 2
    assert len(rendered) == len(many)
