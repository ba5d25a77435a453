"""The text format: a checklist per application and its gaps, drawn with rich.

Everything from an application goes into rich as `Text` (never markup), with emoji
codes and highlighting off, after `sanitize.visible` has made control characters and
bidi overrides visible.
"""

from __future__ import annotations

import io
from functools import lru_cache

from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from sicheck.i18n import msg_text as _t
from sicheck.i18n import number_text
from sicheck.model import ApplicationResult, CriterionResult, Problem, Report, RunSummary
from sicheck.policy import RunPolicy
from sicheck.render.console import finished, make_console, paragraph
from sicheck.render.gaps import rule_name
from sicheck.sanitize import one_line, visible, visible_name
from sicheck.symbols import SEVERITY_STYLE, STATUS_STYLE, STATUS_SYMBOL, VERDICT_STYLE

Segment = tuple[str, str]


def _wrapped(console: Console, segments: list[Segment], *, indent: int, hang: int, width: int) -> None:
    """Print styled segments as one paragraph at ``indent``, later lines ``hang`` further in."""
    text = RichText()
    for part, style in segments:
        text.append(part, style=style or None)
    paragraph(console, text, indent=indent, hang=hang)


def _shared(console: Console, color: bool, segments: list[Segment], *, indent: int, hang: int) -> None:
    """`_wrapped` for a paragraph that names no file: the same in many applications, so
    rendered once (rich takes far longer than the copy)."""
    console.file.write(_shared_text(tuple(segments), indent, hang, console.width, color))


@lru_cache(maxsize=4096)
def _shared_text(segments: tuple[Segment, ...], indent: int, hang: int, width: int, color: bool) -> str:
    buffer = io.StringIO()
    _wrapped(make_console(buffer, color=color, width=width), list(segments), indent=indent, hang=hang, width=width)
    return buffer.getvalue()


@lru_cache(maxsize=4096)
def _heading_text(text: str, style: str, width: int, color: bool) -> str:
    buffer = io.StringIO()
    make_console(buffer, color=color, width=width).print(RichText(text, style=style))
    return buffer.getvalue()


@lru_cache(maxsize=4096)
def _row_text(cells: tuple[Segment, Segment, Segment], widths: tuple[int, int, int], width: int, color: bool) -> str:
    """One line of the checklist (status, criterion, points), the same in many applications."""
    status_width, points_width, table_width = widths
    row = Table.grid(padding=(0, _GAP, 0, 0), pad_edge=False, expand=True)
    row.add_column(width=status_width, no_wrap=True)
    row.add_column(ratio=1, overflow="fold")
    row.add_column(width=points_width, justify="right", no_wrap=True)
    row.add_row(*(RichText(text, style=style) for text, style in cells))
    buffer = io.StringIO()
    make_console(buffer, color=color, width=width).print(row, width=table_width)
    return buffer.getvalue()


def _line(console: Console, text: str, width: int) -> None:
    _wrapped(console, [("", ""), (text, "")], indent=0, hang=2, width=width)


def _hint(console: Console, hint: str, color: bool) -> None:
    # The arrow marks what to do; a hint's later lines (the funder's "why") follow unmarked.
    first, *rest = hint.split("\n")
    _shared(console, color, [("→ ", "italic"), (first, "italic")], indent=4, hang=2)
    for later in rest:
        _shared(console, color, [("", "dim"), (later, "dim")], indent=4, hang=0)


def _problem(console: Console, problem: Problem, file: str, lang: str, width: int, color: bool) -> None:
    """One format problem: where, how severe and what kind, the message, then what to do."""
    where = f"{visible_name(file)}:{problem.location.line}:{problem.location.column}  "
    kind = rule_name(problem.code).get(lang)
    _wrapped(
        console,
        [
            (where, "cyan"),
            (_t(f"severity-{problem.severity}", lang), SEVERITY_STYLE[problem.severity]),
            (f"  {kind}", "bold"),
        ],
        indent=2,
        hang=2,
        width=width,
    )
    _shared(console, color, [("", ""), (visible(problem.message.get(lang)), "")], indent=4, hang=0)
    if problem.hint is not None:
        _hint(console, visible(problem.hint.get(lang)), color)


def _gaps(console: Console, gaps: list[Problem], file: str, lang: str, width: int, color: bool) -> None:
    """A criterion's gaps under its line: the funder's reason once, then each gap's hint.

    The criterion's line already says what is missing; a gap says where, which check (for
    ``sicheck explain``), and what to write there (the list item first, when it is about
    one). The check's own sentence is in JSON and the CI formats.
    """
    hints = [visible(p.hint.get(lang)).split("\n") if p.hint is not None else [""] for p in gaps]
    for reason in (line for lines in hints for line in lines[1:]):
        _shared(console, color, [("", "dim"), (reason, "dim")], indent=2, hang=2)
    for problem, (advice, *_) in zip(gaps, hints, strict=True):
        where = f"{visible_name(file)}:{problem.location.line}:{problem.location.column}  "
        severity = _t(f"severity-{problem.severity}", lang)
        said = advice or visible(problem.message.get(lang))
        if problem.item is not None and not said.startswith(problem.item.get(lang)):
            said = f"{visible(problem.item.get(lang))}: {said}"
        _wrapped(
            console,
            [
                (where, "cyan"),
                (problem.code, "dim"),
                # An error is what a criterion's gaps are; advice says that it is advice.
                (f" ({severity})" if problem.severity == "warning" else "", SEVERITY_STYLE[problem.severity]),
                (f"  {said}", ""),
            ],
            indent=2,
            hang=2,
            width=width,
        )


def _application(console: Console, result: ApplicationResult, lang: str, width: int, color: bool) -> None:
    title = one_line(result.title) if result.title else _t("untitled", lang)
    _wrapped(console, [("", "bold"), (title, "bold")], indent=0, hang=2, width=width)
    header: list[Segment] = [(f"{_t('heading-file', lang)}: ", "dim"), (visible_name(result.file), "")]
    if result.criteria_set:
        header.append((f"   {_t('heading-criteria-set', lang)}: ", "dim"))
        header.append((f"{result.criteria_set.id}@{result.criteria_set.version}", ""))
    _wrapped(console, header, indent=2, hang=2, width=width)
    verdict: list[Segment] = [("", ""), (_t(f"verdict-{result.verdict}", lang), VERDICT_STYLE[result.verdict])]
    if result.score is not None:
        verdict.append(("   " + _t("score-line", lang, score=number_text(result.score)), ""))
    _shared(console, color, verdict, indent=2, hang=2)

    # Format problems first: the file is invalid until they are fixed.
    own = [p for p in result.problems if p.criterion is None]
    if own:
        console.file.write("\n")
        console.file.write(_heading_text(_t("heading-format-problems", lang), "bold underline", console.width, color))
        for problem in own:
            _problem(console, problem, result.file, lang, width, color)

    if result.criteria:
        # The checklist: one line per criterion, its gaps (with hints) right under it.
        console.file.write("\n")
        if own:
            console.file.write(_heading_text(_t("heading-checklist", lang), "bold underline", console.width, color))
        gaps: dict[str, list[Problem]] = {}
        for problem in result.problems:
            if problem.criterion is not None:
                gaps.setdefault(problem.criterion, []).append(problem)
        statuses = {status: _t(f"status-{status}", lang) for status in STATUS_SYMBOL}
        names = {c.id: _criterion_name(c, lang) for c in result.criteria}
        shown_points = {c.id: c.points_text(lang) for c in result.criteria}
        status_width = 2 + max(len(word) for word in statuses.values())
        points_width = max(len(p) for p in shown_points.values())
        # As wide as the longest line needs, at most the terminal: every row then has the same
        # columns, and a title too long for its column wraps inside it.
        natural = status_width + max(len(n) for n in names.values()) + points_width + 2 * _GAP
        widths = (status_width, points_width, min(width, natural))
        for criterion in result.criteria:
            cells = (
                (f"{STATUS_SYMBOL[criterion.status]} {statuses[criterion.status]}", STATUS_STYLE[criterion.status]),
                (names[criterion.id], "bold"),
                (shown_points[criterion.id], ""),
            )
            console.file.write(_row_text(cells, widths, console.width, color))
            _gaps(console, gaps.get(criterion.id, []), result.file, lang, width, color)
    elif not own:
        console.file.write(_heading_text("  " + _t("no-gaps", lang), "green", console.width, color))
    console.file.write("\n")


# Spaces between the checklist's columns.
_GAP = 2


def _criterion_name(criterion: CriterionResult, lang: str) -> str:
    name = f"{criterion.id} {one_line(criterion.title.get(lang))}"
    if not criterion.required:
        name += f" ({_t('optional-mark', lang)})"
    return name


def _console(buffer: io.StringIO, color: bool, width: int) -> Console:
    return make_console(buffer, color=color, width=width)


def head(*, version: str, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return ""


def item(result: ApplicationResult, *, index: int, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    """One application's block; streamed one at a time for large runs."""
    buffer = io.StringIO()
    _application(_console(buffer, color, width), result, lang, width, color)
    return finished(buffer, color)


def tail(
    summary: RunSummary,
    *,
    policy: RunPolicy,
    lang: str = "sv",
    color: bool = False,
    width: int = 100,
) -> str:
    buffer = io.StringIO()
    console = _console(buffer, color, width)
    _line(console, summary.line().get(lang), width)
    threshold = policy.fail_under
    if threshold is not None and summary.under_threshold:
        count = summary.under_threshold
        _line(console, _t("summary-under-threshold", lang, count=count, threshold=number_text(threshold)), width)
    if policy.strict and summary.warned:
        _line(console, _t("summary-warnings-strict", lang, count=summary.warned), width)
    return finished(buffer, color)


def render(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    parts = [head(version=report.version, lang=lang, color=color, width=width)]
    parts.extend(item(r, index=i, lang=lang, color=color, width=width) for i, r in enumerate(report.results))
    parts.append(tail(report.summary, policy=report.policy, lang=lang, color=color, width=width))
    return "".join(parts)
