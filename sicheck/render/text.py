"""The text format: a checklist per application and its gaps, drawn with rich.

Everything from an application goes into rich as `Text` (never markup), with emoji
codes and highlighting off, after `sanitize.visible` has made control characters and
bidi overrides visible.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text as RichText

from sicheck.i18n import msg, number_text
from sicheck.model import ApplicationResult, Report, RunSummary
from sicheck.policy import RunPolicy
from sicheck.render.console import make_console
from sicheck.sanitize import one_line, visible
from sicheck.symbols import SEVERITY_STYLE, STATUS_STYLE, STATUS_SYMBOL, VERDICT_STYLE


def _t(message_id: str, lang: str, **params: object) -> str:
    return msg(message_id, **params).get(lang)


def _points(value: float) -> str:
    return f"{value:g}"


def _application(console: Console, result: ApplicationResult, lang: str) -> None:
    title = one_line(result.title) if result.title else _t("untitled", lang)
    console.print(RichText(title, style="bold"))
    header = RichText("  ")
    header.append(f"{_t('heading-file', lang)}: ", style="dim")
    header.append(visible(result.file))
    if result.criteria_set:
        header.append(f"   {_t('heading-criteria-set', lang)}: ", style="dim")
        header.append(f"{result.criteria_set.id}@{result.criteria_set.version}")
        header.append(f" ({result.criteria_set.title.get(lang)})", style="dim")
    console.print(header)
    verdict = RichText("  ")
    verdict.append(_t(f"verdict-{result.verdict}", lang), style=VERDICT_STYLE[result.verdict])
    if result.score is not None:
        verdict.append("   " + _t("score-line", lang, score=number_text(result.score)))
    console.print(verdict)

    if result.criteria:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
        table.add_column(_t("column-status", lang), no_wrap=True)
        table.add_column(_t("column-criterion", lang))
        table.add_column(_t("column-points", lang), justify="right", no_wrap=True)
        table.add_column(_t("column-missing", lang))
        for criterion in result.criteria:
            status = RichText(STATUS_SYMBOL[criterion.status] + " ", style=STATUS_STYLE[criterion.status])
            status.append(_t(f"status-{criterion.status}", lang))
            name = RichText(f"{criterion.id} ", style="bold")
            name.append(criterion.title.get(lang))
            if not criterion.required:
                name.append(f" ({_t('optional-mark', lang)})", style="dim")
            missing = RichText()
            for check in criterion.checks:
                if not check.passed:
                    if missing:
                        missing.append("\n")
                    missing.append("• " + check.message.get(lang), style=SEVERITY_STYLE[check.severity])
            table.add_row(status, name, f"{_points(criterion.points)}/{_points(criterion.max_points)}", missing)
        console.print(table)

    console.print(RichText(_t("heading-gaps", lang), style="bold underline"))
    if not result.problems:
        console.print(RichText("  " + _t("no-gaps", lang), style="green"))
    for problem in result.problems:
        line = RichText("  ")
        where = f"{visible(result.file)}:{problem.location.line}:{problem.location.column}"
        line.append(where, style="cyan")
        line.append("  ")
        line.append(_t(f"severity-{problem.severity}", lang), style=SEVERITY_STYLE[problem.severity])
        line.append(f"  {problem.code}", style="dim")
        console.print(line)
        console.print(Padding(RichText(visible(problem.message.get(lang))), (0, 0, 0, 6), expand=False))
        if problem.hint is not None:
            # The arrow marks what to do; a hint's later lines (the funder's "why") follow unmarked.
            first, *rest = visible(problem.hint.get(lang)).split("\n")
            console.print(Padding(RichText("→ " + first, style="italic"), (0, 0, 0, 6), expand=False))
            for later in rest:
                console.print(Padding(RichText(later, style="dim"), (0, 0, 0, 6), expand=False))
    console.print()


def _console(buffer: io.StringIO, color: bool, width: int) -> Console:
    return make_console(buffer, color=color, width=width)


def head(*, version: str, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return ""


def item(result: ApplicationResult, *, index: int, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    """One application's block; streamed one at a time for large runs."""
    buffer = io.StringIO()
    _application(_console(buffer, color, width), result, lang)
    return buffer.getvalue()


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
    console.print(RichText(_t("heading-summary", lang), style="bold underline"))
    line = summary.line().get(lang)
    console.print(RichText("  " + line))
    threshold = policy.fail_under
    if threshold is not None and summary.under_threshold:
        count = summary.under_threshold
        console.print(
            RichText("  " + _t("summary-under-threshold", lang, count=count, threshold=number_text(threshold)))
        )
    if policy.strict and summary.warned:
        console.print(RichText("  " + _t("summary-warnings-strict", lang, count=summary.warned)))
    return buffer.getvalue()


def render(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    parts = [head(version=report.version, lang=lang, color=color, width=width)]
    parts.extend(item(r, index=i, lang=lang, color=color, width=width) for i, r in enumerate(report.results))
    parts.append(tail(report.summary, policy=report.policy, lang=lang, color=color, width=width))
    return "".join(parts)
