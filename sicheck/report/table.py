"""The table format: the ranked call overview as a rich table in the terminal.

Everything from an application or a review goes into rich as `Text` (never markup), with
emoji codes and highlighting off, after `sanitize` has made control characters and bidi
overrides visible.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from sicheck.render.console import finished, make_console, paragraph
from sicheck.render.gaps import rule_name
from sicheck.report.model import (
    CallReport,
    Section,
    banner,
    heading,
    made_line,
    number,
    percent,
    reviews_line,
    section_name,
    set_lines,
    t,
    uncounted_rows,
)
from sicheck.reviews.model import SCALE, ReviewedResult
from sicheck.sanitize import one_line, visible, visible_name
from sicheck.symbols import STATUS_STYLE, STATUS_SYMBOL, STATUSES, VERDICT_STYLE


def _recommendations(item: ReviewedResult, lang: str) -> str:
    """Only the recommendations given, one a line ("1 kanske", "1 nej"), to keep the column narrow."""
    assert item.review is not None
    counts = item.review.recommendations
    given = [(counts.yes, "yes"), (counts.maybe, "maybe"), (counts.no, "no")]
    return "\n".join(f"{n} {t(f'report-recommendation-{name}', lang)}" for n, name in given if n)


@dataclass(frozen=True, slots=True)
class _Row:
    """One application's cells, for the table or, on a narrow terminal, a block of lines."""

    rank: str
    name: RichText
    verdict: RichText
    score: str
    not_met: RichText
    judged: RichText | None
    disagreement: RichText | None
    followup: RichText | None


def _row(report: CallReport, position: int, lang: str) -> _Row:
    item = report.applications[position]
    result = item.result
    name = RichText(one_line(result.title) if result.title else t("untitled", lang), style="bold")
    name.append("\n" + visible_name(result.file), style="dim")
    verdict = RichText(t(f"report-verdict-{result.verdict}", lang), style=VERDICT_STYLE[result.verdict])
    not_met = RichText()
    for criterion in result.criteria:
        if criterion.status != "met":
            if not_met:
                not_met.append(" ")
            # No space inside an item: rich wraps at any whitespace, even a no-break space.
            not_met.append(f"{STATUS_SYMBOL[criterion.status]}{criterion.id}", style=STATUS_STYLE[criterion.status])
    if result.verdict == "invalid":
        not_met.append(t("report-see-problems", lang, count=len(result.problems)), style="magenta")
    judged = disagreement = followup = None
    if report.reviews_given:
        review = item.review
        uncounted = report.problems_for(position)
        if review is None:
            judged = RichText(t("report-not-reviewed", lang), style="dim italic")
        else:
            judged = RichText(f"⌀ {number(review.mean, lang)} ({review.reviewers})")
            recommendations = _recommendations(item, lang)
            if recommendations:
                judged.append("\n" + recommendations, style="dim")
        if uncounted:
            judged.append("\n⚠ " + t("report-application-uncounted", lang, n=len(uncounted)), style="bold red")
        disagreement = RichText(
            "\n".join(f"⚠ {c}" for c in review.disagreements) if review else "", style="bold yellow"
        )
    if report.followups_given:
        followup = RichText(report.followup_cell(item, lang))
    return _Row(
        report.rank_label(position), name, verdict, percent(result.score, lang), not_met, judged, disagreement, followup
    )


def _table(report: CallReport, section: Section, lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t("report-column-application", lang), overflow="fold", min_width=24)
    table.add_column(t("report-column-verdict", lang), no_wrap=True)
    table.add_column(t("report-column-score", lang), justify="right", no_wrap=True)
    table.add_column(t("report-column-not-met", lang), min_width=8, max_width=16)
    if report.reviews_given:
        table.add_column(t("report-column-reviewers", lang), no_wrap=True)
        table.add_column(t("report-column-disagreement", lang), no_wrap=True)
    if report.followups_given:
        table.add_column(t("followup-report-column", lang), min_width=12)
    for position in section.applications:
        row = _row(report, position, lang)
        cells: list[RichText | str] = [row.rank, row.name, row.verdict, row.score, row.not_met]
        if report.reviews_given:
            cells += [row.judged or "", row.disagreement or ""]
        if report.followups_given:
            cells.append(row.followup or "")
        table.add_row(*cells)
    return table


# Below this width the table's columns no longer fit: each application becomes a block.
NARROW = 110


def _blocks(console: Console, report: CallReport, section: Section, lang: str) -> None:
    """The ranking as one block of lines per application, for a narrow terminal."""
    for index, position in enumerate(section.applications):
        row = _row(report, position, lang)
        if index:
            console.print()
        first, *rest = row.name.split("\n")
        head = RichText(f"{row.rank:>2}  ", style="bold")
        head.append_text(first)
        paragraph(console, head, hang=4)
        lines = list(rest)
        facts = row.verdict.copy()
        facts.append(f"  {row.score}")
        if row.not_met:
            facts.append("  ")
            facts.append_text(row.not_met)
        lines.append(facts)
        followup = None
        if row.followup is not None:
            followup = RichText(f"{t('followup-report-column', lang)}: ", style="dim")
            followup.append_text(row.followup)
        for extra in (row.judged, row.disagreement, followup):
            if extra is not None and extra.plain:
                # One line per cell: its own lines joined, so the indent holds.
                lines.append(RichText("  ").join(extra.split("\n")))
        for line in lines:
            paragraph(console, line, indent=4, hang=2)
    console.print()


def render(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    paragraph(console, RichText(one_line(heading(report, lang)), style="bold"), hang=2)
    if report.title:
        paragraph(console, RichText(t("report-title", lang)), hang=2)
    paragraph(console, RichText(made_line(report, lang), style="dim"), hang=2)
    for line in set_lines(report, lang):
        paragraph(console, RichText(f"  {one_line(line)}", style="dim"), hang=4)
    warning = banner(report, lang)
    if warning is not None:
        # First, before the tables: numbers that leave reviewers' work out must say so at once.
        console.print()
        paragraph(console, RichText(f"⚠ {warning}. {t('report-banner-see-below', lang)}", style="bold red"), hang=2)
    for section in report.sections:
        console.print()
        paragraph(console, RichText(one_line(section_name(section, lang)), style="bold underline"), hang=2)
        if width >= NARROW:
            console.print(_table(report, section, lang))
        else:
            _blocks(console, report, section, lang)
    summary = report.summary
    line = summary.line().get(lang)
    paragraph(console, RichText(line), hang=2)
    legend = "  ".join(f"{STATUS_SYMBOL[s]} {t(f'status-{s}', lang)}" for s in STATUSES)
    paragraph(console, RichText(legend, style="dim"), hang=2)
    paragraph(console, RichText(t("report-section-note", lang), style="dim"), hang=2)
    if report.reviews_given:
        if any(rank is None for rank in report.ranks):
            paragraph(console, RichText(t("report-not-reviewed-note", lang), style="dim"), hang=2)
        paragraph(console, RichText(reviews_line(report, lang), style="dim"), hang=2)
        scale = ", ".join(
            [*(f"{step.score} = {step.label.get(lang)}" for step in SCALE), t("review-scale-empty", lang)]
        )
        paragraph(console, RichText(f"{t('review-scale-heading', lang)}: {scale}", style="dim"), hang=2)
        paragraph(console, RichText(t("report-disagreement-note", lang), style="dim"), hang=2)
    if report.review_problems:
        console.print()
        paragraph(console, RichText(t("report-review-problems", lang), style="bold underline"), hang=2)
        for row in uncounted_rows(report, lang):
            where = RichText("  ")
            where.append(visible(row.where), style="cyan")
            where.append(f"  {one_line(row.reviewer)}", style="bold")
            where.append(f" – {one_line(row.application)}")
            where.append(f"  ({row.scope})", style="dim")
            paragraph(console, where, hang=6)
            paragraph(console, RichText("      " + visible(row.reason)), hang=6)
    if report.followup_problems:
        console.print()
        paragraph(console, RichText(t("followup-report-problems", lang), style="bold underline"), hang=2)
        for gap in report.followup_problems:
            problem = gap.problem
            where = RichText("  ")
            where.append(f"{visible_name(gap.file)}:{problem.location.line}:{problem.location.column}", style="cyan")
            where.append(f"  {rule_name(problem.code).get(lang)}", style="bold")
            paragraph(console, where, hang=6)
            paragraph(console, RichText("      " + visible(problem.message.get(lang))), hang=6)
    return finished(buffer, color)
