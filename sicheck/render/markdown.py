"""The Markdown format, for pull-request comments and ``$GITHUB_STEP_SUMMARY``.

A summary table across applications, then per application its checklist table and a
table of its gaps with where they are and what to write.

Every text from an application is a table cell or sits inside one line, so it is made
visible, put on one line and escaped: ``|`` would end the cell, backticks, ``*``, ``_``,
``[``, ``]``, ``~`` and ``#`` would format, ``<``/``>``/``&`` would be HTML, and ``@``
would mention someone. Backslashes are escaped too, so that a backslash in the text
cannot undo the escape that follows it.
"""

from __future__ import annotations

from sicheck.i18n import msg, number_text
from sicheck.model import ApplicationResult, CriterionResult, Report
from sicheck.render.gaps import gap_message, gaps, level, printable

_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "~": "\\~",
        "#": "\\#",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "@": "&#64;",
    }
)

VERDICT_MARK = {"eligible": "✅", "ineligible": "❌", "invalid": "⛔"}
# Eligible, but the run fails it: a score under --fail-under, or warnings with --strict.
FAILED_ELIGIBLE_MARK = "⚠️"
STATUS_MARK = {"met": "✅", "partial": "🟡", "missing": "❌"}
LEVEL_MARK = {"error": "❌", "warning": "⚠️"}


def escape(text: str) -> str:
    """Text on one line with nothing Markdown or HTML would act on."""
    return printable(text).translate(_ESCAPES)


def _t(message_id: str, lang: str, **params: object) -> str:
    return msg(message_id, **params).get(lang)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _score(result: ApplicationResult, lang: str) -> str:
    return "–" if result.score is None else _t("markdown-score", lang, score=number_text(result.score))


def _mark(result: ApplicationResult, report: Report) -> str:
    if result.verdict == "eligible" and report.policy.fails(result):
        return FAILED_ELIGIBLE_MARK
    return VERDICT_MARK[result.verdict]


def _title(result: ApplicationResult, lang: str) -> str:
    return escape(result.title) if result.title else escape(_t("untitled", lang))


def _summary(report: Report, lang: str) -> list[str]:
    summary = report.summary
    line = summary.line().get(lang)
    limit = report.policy.fail_under
    under = sum(report.policy.under_threshold(r) for r in report.results)
    if limit is not None and under:
        line += " " + _t("summary-under-threshold", lang, count=under, threshold=number_text(limit))
    if report.policy.strict and summary.warned:
        line += " " + _t("summary-warnings-strict", lang, count=summary.warned)
    lines = [f"## {_t('markdown-heading', lang)}", "", escape(line), ""]
    if not report.results:
        return lines
    lines.append(
        _row(
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
    )
    lines.append("|:-:|---|---|---|---|--:|--:|")
    for result in report.results:
        criteria_set = result.criteria_set
        score = _score(result, lang)
        if report.policy.under_threshold(result) and result.score is not None:
            score += " " + _t("markdown-under-threshold", lang)
        lines.append(
            _row(
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
        )
    lines.append("")
    return lines


def _criterion_row(criterion: CriterionResult, result: ApplicationResult, lang: str) -> str:
    name = f"{criterion.id} {criterion.title.get(lang)}"
    if not criterion.required:
        name += f" ({_t('optional-mark', lang)})"
    missing = [escape(check.message.get(lang)) for check in criterion.checks if not check.passed]
    return _row(
        [
            f"{STATUS_MARK[criterion.status]} {escape(_t(f'status-{criterion.status}', lang))}",
            escape(name),
            f"{criterion.points:g}/{criterion.max_points:g}",
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
    lines.append(f"**{_t('heading-gaps', lang)}**")
    lines.append("")
    lines.append(
        _row(
            [
                "",
                _t("markdown-where", lang),
                _t("markdown-code", lang),
                _t("markdown-gap", lang),
                _t("markdown-hint", lang),
            ]
        )
    )
    lines.append("|:-:|---|---|---|---|")
    for problem in found:
        where = f"{problem.location.line}:{problem.location.column}"
        if problem.location.path:
            where += f" {problem.location.path}"
        lines.append(
            _row(
                [
                    LEVEL_MARK[level(problem, result)],
                    escape(where),
                    escape(problem.code),
                    escape(gap_message(problem).get(lang)),
                    escape(problem.hint.get(lang)) if problem.hint is not None else "",
                ]
            )
        )
    lines.append("")
    return lines


def render(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    lines = _summary(report, lang)
    for result in report.results:
        lines += _application(result, report, lang)
    return "\n".join(lines).rstrip("\n") + "\n"
