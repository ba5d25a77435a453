"""The Markdown format, for pull-request comments and ``$GITHUB_STEP_SUMMARY``.

A summary table across applications, then per application its checklist table and a
table of its gaps with where they are and what to write.

Every text from an application is a table cell or sits inside one line, so it is made
visible, put on one line and escaped (`sicheck.sanitize.markdown_inline`): nothing in it
can end a cell, format, become HTML, mention someone or turn into a link, not even a
bare URL or address that GitHub would otherwise link by itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from sicheck.i18n import msg_text as _t
from sicheck.i18n import number_text
from sicheck.model import ApplicationResult, CriterionResult, Report
from sicheck.numbers import format_number
from sicheck.render.gaps import gap_message, gaps, level, printable
from sicheck.sanitize import markdown_inline

VERDICT_MARK = {"eligible": "✅", "ineligible": "❌", "invalid": "⛔"}
# Eligible, but the run fails it (a score under --fail-under, or warnings with --strict):
# a failure like any other, as the exit code, JUnit, SARIF and the annotations say.
FAILED_ELIGIBLE_MARK = "❌"
# The marks of an application that fails the run.
FAILING_MARKS = frozenset(("❌", "⛔"))
STATUS_MARK = {"met": "✅", "partial": "🟡", "missing": "❌"}
LEVEL_MARK = {"error": "❌", "warning": "⚠️"}


def escape(text: str) -> str:
    """Text on one line with nothing Markdown or HTML would act on."""
    return markdown_inline(printable(text))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def gaps_heading(lang: str) -> list[str]:
    """The gaps heading and the head of its table: mark, where, code, gap, hint.

    The follow-up's Markdown lists its gaps under the same heading and columns."""
    columns = ["markdown-where", "markdown-code", "markdown-gap", "markdown-hint"]
    return [f"**{_t('heading-gaps', lang)}**", "", _row(["", *(_t(c, lang) for c in columns)]), "|:-:|---|---|---|---|"]


def _score(result: ApplicationResult, lang: str) -> str:
    return "–" if result.score is None else _t("markdown-score", lang, score=number_text(result.score))


def _mark(result: ApplicationResult, report: Report) -> str:
    if result.verdict == "eligible" and report.policy.fails(result):
        return FAILED_ELIGIBLE_MARK
    return VERDICT_MARK[result.verdict]


def _title(result: ApplicationResult, lang: str) -> str:
    return escape(result.title) if result.title else escape(_t("untitled", lang))


def _head(report: Report, lang: str) -> list[str]:
    summary = report.summary
    line = summary.line().get(lang)
    limit = report.policy.fail_under
    under = sum(report.policy.under_threshold(r) for r in report.results)
    if limit is not None and under:
        line += " " + _t("summary-under-threshold", lang, count=under, threshold=number_text(limit))
    if report.policy.strict and summary.warned:
        line += " " + _t("summary-warnings-strict", lang, count=summary.warned)
    return [f"## {_t('markdown-heading', lang)}", "", escape(line), ""]


def _table_header(lang: str) -> list[str]:
    header = _row(
        [
            "",
            _t("heading-application", lang),
            _t("heading-file", lang),
            _t("heading-criteria-set", lang),
            _t("markdown-verdict", lang),
            _t("markdown-score-column", lang),
            _t("heading-gaps", lang),
        ]
    )
    return [header, "|:-:|---|---|---|---|--:|--:|"]


def _summary_row(result: ApplicationResult, report: Report, lang: str) -> str:
    criteria_set = result.criteria_set
    score = _score(result, lang)
    if report.policy.under_threshold(result) and result.score is not None:
        score += " " + _t("markdown-under-threshold", lang)
    return _row(
        [
            _mark(result, report),
            _title(result, lang),
            escape(result.file),
            escape(f"{criteria_set.id}@{criteria_set.version}") if criteria_set else "–",
            escape(_t(f"markdown-verdict-{result.verdict}", lang)),
            score,
            str(len(gaps(result, report))),
        ]
    )


def _criterion_row(criterion: CriterionResult, result: ApplicationResult, lang: str) -> str:
    name = f"{criterion.id} {criterion.title.get(lang)}"
    if not criterion.required:
        name += f" ({_t('optional-mark', lang)})"
    missing = [escape(check.message.get(lang)) for check in criterion.checks if not check.passed]
    return _row(
        [
            f"{STATUS_MARK[criterion.status]} {escape(_t(f'status-{criterion.status}', lang))}",
            escape(name),
            criterion.points_text(lang),
            "<br>".join(missing),
        ]
    )


def _application(result: ApplicationResult, report: Report, lang: str) -> list[str]:
    lines = [f"### {_mark(result, report)} {_title(result, lang)}", ""]
    facts = [f"{_t('heading-file', lang)}: {escape(result.file)}"]
    if result.criteria_set:
        ref = result.criteria_set
        facts.append(
            f"{_t('heading-criteria-set', lang)}: {escape(f'{ref.id}@{ref.version}')} ({escape(ref.title.get(lang))})"
        )
    facts.append(f"{_t('markdown-verdict', lang)}: **{escape(_t(f'markdown-verdict-{result.verdict}', lang))}**")
    if result.score is not None:
        facts.append(f"{_t('markdown-score-column', lang)}: {_score(result, lang)}")
    lines += [" · ".join(facts), ""]

    if result.criteria:
        lines.append(
            _row(
                [
                    _t("column-status", lang),
                    _t("column-criterion", lang),
                    _t("column-points", lang),
                    _t("column-missing", lang),
                ]
            )
        )
        lines.append("|---|---|--:|---|")
        lines.extend(_criterion_row(c, result, lang) for c in result.criteria)
        lines.append("")

    found = gaps(result, report)
    if not found:
        lines += [f"{_t('no-gaps', lang)}", ""]
        return lines
    lines += gaps_heading(lang)
    for problem in found:
        where = f"{problem.location.line}:{problem.location.column}"
        if problem.location.path:
            where += f" {problem.location.path}"
        lines.append(
            _row(
                [
                    LEVEL_MARK[level(problem, result, report)],
                    escape(where),
                    escape(problem.code),
                    escape(gap_message(problem).get(lang)),
                    escape(problem.hint.get(lang)) if problem.hint is not None else "",
                ]
            )
        )
    lines.append("")
    return lines


def _lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def _finished(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces, with the newlines at the very end made one (as a file ends)."""
    waiting = ""
    for piece in pieces:
        kept = piece.rstrip("\n")
        if kept:
            yield waiting + kept
            waiting = piece[len(kept) :]
        else:
            waiting += piece
    yield "\n"


def _finished_length(lengths: Iterable[tuple[int, int]]) -> int:
    """The length `_finished` gives pieces of these (length, newlines at its end) pairs."""
    total = trailing = 0
    for length, newlines in lengths:
        total += length
        trailing = trailing + length if newlines == length else newlines
    return total - trailing + 1


def _measure(piece: str) -> tuple[int, int]:
    return len(piece), len(piece) - len(piece.rstrip("\n"))


# Which checks of a criterion this format shows: those that fail ("what is missing").
CHECKS_SHOWN = "failing"


def chunks(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> Iterator[str]:
    """The report a part at a time: the head and the table of every application, then each
    application's section. With a size limit the sections are measured first and only
    those that fit are written (`_shortened`)."""
    head = _lines(_head(report, lang))
    if not report.results:
        yield from _finished([head])
        return
    rows = [_summary_row(result, report, lang) + "\n" for result in report.results]
    table = [_lines(_table_header(lang)), *rows, "\n"]

    def sections() -> Iterator[str]:
        return (_lines(_application(result, report, lang)) for result in report.results)

    limit = report.max_size
    if limit is not None:
        lengths = [_measure(section) for section in sections()]
        if _finished_length([_measure(head), *map(_measure, table), *lengths]) > limit:
            yield from _shortened(report, lang, limit, head, rows, [length for length, _ in lengths])
            return
    yield from _finished(chain([head], table, sections()))


def render(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return "".join(chunks(report, lang=lang, color=color, width=width))


def _shortened(report: Report, lang: str, limit: int, head: str, rows: list[str], sections: list[int]) -> Iterator[str]:
    """The report in at most ``limit`` characters, for a comment or a job summary with a limit.

    The summary table stays whole while it fits; past that it keeps the rows of the
    applications that fall short. Then come the sections of those applications, in order,
    as many as fit whole (``sections`` holds their lengths). A last line says how many
    are left out.
    """
    total = len(report.results)
    # Room for the last line, counted with the largest numbers it can hold.
    budget = limit - len(_shortened_note(lang, limit, total, total)) - 2
    failing = [i for i, result in enumerate(report.results) if report.policy.fails(result)]
    header = _lines(_table_header(lang))
    used = len(head) + len(header) + 1
    if used + sum(map(len, rows)) <= budget:
        shown = list(range(total))
    else:
        shown = []
        for i in failing:
            if used + len(rows[i]) > budget:
                break
            shown.append(i)
            used += len(rows[i])
    shown_set = set(shown)
    pieces = [head, header + "".join(rows[i] for i in shown) + "\n"]
    used = sum(map(len, pieces))
    detailed = 0
    for i in failing:
        if i not in shown_set or used + sections[i] > budget:
            break
        pieces.append(_lines(_application(report.results[i], report, lang)))
        used += sections[i]
        detailed += 1
    pieces.append(_shortened_note(lang, limit, total - detailed, total - len(shown)) + "\n")
    yield from _finished(pieces)


def _shortened_note(lang: str, limit: int, without_details: int, without_row: int) -> str:
    size = format_number(limit, lang, 0, grouping=True)
    note = _t("markdown-shortened", lang, limit=size, count=without_details)
    if without_row:
        note += " " + _t("markdown-shortened-rows", lang, count=without_row)
    return note + " " + _t("markdown-shortened-whole", lang)
