"""The table format: the ranked call overview as a rich table in the terminal.

Everything from an application or a review goes into rich as `Text` (never markup), with
emoji codes and highlighting off, after `sanitize` has made control characters and bidi
overrides visible.
"""

from __future__ import annotations

import io

from rich import box
from rich.table import Table
from rich.text import Text as RichText

from sicheck.render.console import make_console
from sicheck.report.model import STATUS_SYMBOL, CallReport, number, percent, t
from sicheck.reviews.model import SCALE, ReviewedResult
from sicheck.sanitize import one_line, visible

STATUS_STYLE = {"met": "green", "partial": "yellow", "missing": "red"}
VERDICT_STYLE = {"eligible": "bold green", "ineligible": "bold red", "invalid": "bold magenta"}


def _recommendations(item: ReviewedResult, lang: str) -> str:
    """Only the recommendations given, one a line ("1 kanske", "1 nej"), to keep the column narrow."""
    assert item.review is not None
    counts = item.review.recommendations
    given = [(counts.yes, "yes"), (counts.maybe, "maybe"), (counts.no, "no")]
    return "\n".join(f"{n} {t(f'report-recommendation-{name}', lang)}" for n, name in given if n)


def _table(report: CallReport, lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t("report-column-application", lang), overflow="fold", min_width=24)
    table.add_column(t("report-column-verdict", lang), no_wrap=True)
    table.add_column(t("report-column-score", lang), justify="right", no_wrap=True)
    table.add_column(t("report-column-not-met", lang), min_width=8, max_width=16)
    if report.reviews_given:
        table.add_column(t("report-column-reviewers", lang), no_wrap=True)
        table.add_column(t("report-column-disagreement", lang), no_wrap=True)
    for rank, item in enumerate(report.applications, 1):
        result = item.result
        name = RichText(one_line(result.title) if result.title else t("untitled", lang), style="bold")
        name.append("\n" + visible(result.file), style="dim")
        if result.criteria_set:
            name.append(f"\n{result.criteria_set.id}@{result.criteria_set.version}", style="dim")
        verdict = RichText(t(f"report-verdict-{result.verdict}", lang), style=VERDICT_STYLE[result.verdict])
        score = percent(result.score, lang)
        not_met = RichText()
        for criterion in result.criteria:
            if criterion.status != "met":
                if not_met:
                    not_met.append(" ")
                # No space inside an item: rich wraps at any whitespace, even a no-break space.
                not_met.append(f"{STATUS_SYMBOL[criterion.status]}{criterion.id}", style=STATUS_STYLE[criterion.status])
        if result.verdict == "invalid":
            not_met.append(t("report-see-problems", lang, count=len(result.problems)), style="magenta")
        row: list[RichText | str] = [str(rank), name, verdict, score, not_met]
        if report.reviews_given:
            review = item.review
            if review is None:
                row += ["–", ""]
            else:
                judged = RichText(f"⌀ {number(review.mean, lang)} ({review.reviewers})")
                recommendations = _recommendations(item, lang)
                if recommendations:
                    judged.append("\n" + recommendations, style="dim")
                row.append(judged)
                row.append(RichText("\n".join(f"⚠ {c}" for c in review.disagreements), style="bold yellow"))
        table.add_row(*row)
    return table


def render(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    console.print(RichText(t("report-title", lang), style="bold"))
    console.print()
    console.print(_table(report, lang))
    summary = report.summary
    line = summary.line().get(lang)
    console.print(RichText(line))
    legend = "  ".join(f"{STATUS_SYMBOL[s]} {t(f'status-{s}', lang)}" for s in ("met", "partial", "missing"))
    console.print(RichText(legend, style="dim"))
    if report.reviews_given:
        console.print(RichText(t("report-reviews-line", lang, files=report.review_files), style="dim"))
        scale = ", ".join(f"{step.score} = {step.label.get(lang)}" for step in SCALE)
        console.print(RichText(f"{t('review-scale-heading', lang)}: {scale}", style="dim"))
        console.print(RichText(t("report-disagreement-note", lang), style="dim"))
    if report.review_problems:
        console.print()
        console.print(RichText(t("report-review-problems", lang), style="bold underline"))
        for item in report.review_problems:
            problem = item.problem
            where = RichText("  ")
            where.append(f"{visible(item.file)}:{problem.location.line}:{problem.location.column}", style="cyan")
            where.append(f"  {problem.code}", style="dim")
            console.print(where)
            console.print(RichText("      " + visible(problem.message.get(lang))))
    return buffer.getvalue()
