"""The markdown format: a ranked summary table, a status matrix, and a section per application.

Markdown has no safe "plain text" mode, so every text from an application or a review is
put on one line, its control characters made visible, and every character that could
start markup (tables, code, HTML, links, emphasis, mentions, math) backslash-escaped.
"""

from __future__ import annotations

from collections.abc import Iterator

from sicheck.i18n import number_text
from sicheck.model import ApplicationResult
from sicheck.report.model import (
    CallReport,
    Section,
    banner,
    criteria_groups,
    heading,
    made_line,
    number,
    percent,
    recommendation_counts,
    reviews_line,
    section_name,
    set_lines,
    t,
    uncounted_headings,
    uncounted_rows,
)
from sicheck.reviews.model import SCALE, ReviewedResult
from sicheck.sanitize import markdown_inline
from sicheck.symbols import STATUS_SYMBOL, STATUSES


def escape(text: str) -> str:
    """Text from outside as one line of inert markdown."""
    return markdown_inline(text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _title(result: ApplicationResult, lang: str) -> str:
    return escape(result.title) if result.title else t("untitled", lang)


def _set_name(result: ApplicationResult) -> str:
    return f"{result.criteria_set.id}@{result.criteria_set.version}" if result.criteria_set else "–"


def _ranking_table(report: CallReport, section: Section, lang: str) -> list[str]:
    headers = [
        "#",
        t("report-column-application", lang),
        t("heading-file", lang),
        t("report-column-verdict", lang),
        t("report-column-score", lang),
        t("report-column-not-met", lang),
    ]
    align = ["--:", "---", "---", "---", "--:", "---"]
    if report.reviews_given:
        headers += [
            t("report-column-reviewer-mean", lang),
            t("report-column-reviewers", lang),
            t("report-column-recommendations", lang),
            t("report-column-disagreement", lang),
        ]
        align += ["--:", "--:", "---", "---"]
    if report.followups_given:
        headers.append(t("followup-report-column", lang))
        align.append("---")
    lines = [_row(headers), _row(align)]
    for position in section.applications:
        item = report.applications[position]
        result = item.result
        not_met = " ".join(f"{STATUS_SYMBOL[c.status]} {escape(c.id)}" for c in result.criteria if c.status != "met")
        cells = [
            report.rank_label(position),
            _title(result, lang),
            escape(result.file),
            t(f"report-verdict-{result.verdict}", lang),
            percent(result.score, lang),
            not_met,
        ]
        if report.reviews_given:
            review = item.review
            mean = number(review.mean, lang) if review else f"*{t('report-not-reviewed', lang)}*"
            uncounted = report.problems_for(position)
            if uncounted:
                mean += f" ⚠ [{t('report-application-uncounted', lang, n=len(uncounted))}](#{_uncounted_anchor(lang)})"
            cells += [
                mean,
                str(review.reviewers) if review else "0",
                recommendation_counts(item, lang),
                " ".join(f"⚠ {c}" for c in review.disagreements) if review else "",
            ]
        if report.followups_given:
            cells.append(escape(report.followup_cell(item, lang)))
        lines.append(_row(cells))
    return lines


def _ranking(report: CallReport, lang: str) -> list[str]:
    lines = [t("report-section-note", lang)]
    if report.reviews_given and any(rank is None for rank in report.ranks):
        lines += ["", t("report-not-reviewed-note", lang)]
    for section in report.sections:
        lines += ["", f"### {escape(section_name(section, lang))}", "", *_ranking_table(report, section, lang)]
    return lines


def _uncounted_anchor(lang: str) -> str:
    """The anchor GitHub and most renderers give the heading of the list of reviews not counted."""
    return "-".join(t("report-review-problems", lang).lower().split())


def _uncounted(report: CallReport, lang: str) -> list[str]:
    headers = uncounted_headings(lang)
    lines = ["", f"## {t('report-review-problems', lang)}", "", _row(headers), _row(["---"] * len(headers))]
    for row in uncounted_rows(report, lang):
        cells = [escape(row.reviewer), escape(row.application), escape(row.where), row.scope, escape(row.reason)]
        lines.append(_row(cells))
    return lines


def _matrix(report: CallReport, lang: str) -> list[str]:
    lines: list[str] = []
    for group in criteria_groups(report):
        lines += ["", f"### {t('report-heading-matrix', lang)}: {group.key} ({escape(group.title.get(lang))})", ""]
        lines.append(_row(["#", t("report-column-application", lang), *(escape(c.id) for c in group.criteria)]))
        lines.append(_row(["--:", "---", *(":-:" for _ in group.criteria)]))
        for position in group.applications:
            item = report.applications[position]
            status = {c.id: c.status for c in item.result.criteria}
            cells = [report.rank_label(position), _title(item.result, lang)]
            for column in group.criteria:
                cell = STATUS_SYMBOL[status[column.id]] if column.id in status else "–"
                judged = item.review.criterion(column.id) if item.review else None
                if judged is not None and judged.mean is not None:
                    cell += f" {number(judged.mean, lang)}"
                    if judged.disagreement:
                        cell += " ⚠"
                cells.append(cell)
            lines.append(_row(cells))
    return lines


def _checklist(item: ReviewedResult, report: CallReport, lang: str) -> list[str]:
    result = item.result
    headers = [t("column-criterion", lang), t("column-status", lang), t("column-points", lang)]
    align = ["---", "---", "--:"]
    if report.reviews_given:
        headers += [
            t("report-column-reviewers", lang),
            t("report-column-reviewer-mean", lang),
            t("report-column-range", lang),
            t("report-column-disagreement", lang),
        ]
        align += ["--:", "--:", ":-:", "---"]
    lines = [_row(headers), _row(align)]
    for criterion in result.criteria:
        name = f"{escape(criterion.id)} {escape(criterion.title.get(lang))}"
        if not criterion.required:
            name += f" ({t('optional-mark', lang)})"
        status = f"{STATUS_SYMBOL[criterion.status]} {t(f'status-{criterion.status}', lang)}"
        cells = [name, status, criterion.points_text(lang)]
        if report.reviews_given:
            judged = item.review.criterion(criterion.id) if item.review else None
            if judged is None or judged.n == 0:
                cells += ["0", "–", "–", ""]
            else:
                cells += [
                    str(judged.n),
                    number(judged.mean, lang),
                    f"{judged.min}–{judged.max}",
                    f"⚠ {t('report-disagreement', lang)}" if judged.disagreement else "",
                ]
        lines.append(_row(cells))
    return lines


def _gaps(result: ApplicationResult, lang: str) -> list[str]:
    if not result.problems:
        return [t("no-gaps", lang)]
    lines = []
    for problem in result.problems:
        where = f"{escape(result.file)}:{problem.location.line}:{problem.location.column}"
        line = f"- {where} {t(f'severity-{problem.severity}', lang)} {escape(problem.code)}: "
        line += escape(problem.message.get(lang))
        if problem.hint is not None:
            line += f" → {escape(problem.hint.get(lang))}"
        lines.append(line)
    return lines


def _reviews(item: ReviewedResult, lang: str) -> list[str]:
    if item.review is None:
        return [t("report-no-reviews", lang)]
    lines = []
    for review in item.review.reviews:
        head = f"- **{escape(review.reviewer)}**"
        said = []
        if review.recommendation is not None:
            said.append(t(f"report-recommendation-{review.recommendation}", lang))
        if review.mean is not None:
            said.append(f"{t('report-column-own-mean', lang).lower()} {number(review.mean, lang)}")
        if said:
            head += f" ({', '.join(said)})"
        if review.comment is not None:
            head += f": {escape(review.comment)}"
        lines.append(head)
        for entry in review.scores:
            if entry.score is None and entry.comment is None:
                continue
            line = f"  - {escape(entry.criterion)}: {'–' if entry.score is None else entry.score}"
            if entry.comment is not None:
                line += f" – {escape(entry.comment)}"
            lines.append(line)
    return lines


def _application(position: int, item: ReviewedResult, report: CallReport, lang: str) -> list[str]:
    result = item.result
    label = report.rank_label(position)
    place = f"{label}. " if label != "–" else ""
    unreviewed = f" ({t('report-not-reviewed', lang)})" if report.reviews_given and item.review is None else ""
    lines = ["", f"### {place}{_title(result, lang)}{unreviewed}", ""]
    lines.append(f"- **{t('heading-file', lang)}:** {escape(result.file)}")
    if result.criteria_set is not None:
        set_title = escape(result.criteria_set.title.get(lang))
        lines.append(f"- **{t('heading-criteria-set', lang)}:** {_set_name(result)} ({set_title})")
    verdict = t(f"verdict-{result.verdict}", lang)
    if result.score is not None:
        verdict += ", " + t("score-line", lang, score=number_text(result.score))
    lines.append(f"- **{t('report-column-verdict', lang)}:** {verdict}")
    if report.reviews_given:
        review = item.review
        if review is None:
            lines.append(f"- **{t('report-heading-reviews', lang)}:** {t('report-no-reviews', lang)}")
        else:
            summary = t("report-review-summary", lang, reviewers=review.reviewers, mean=number(review.mean, lang))
            lines.append(f"- **{t('report-heading-reviews', lang)}:** {summary}; {recommendation_counts(item, lang)}")
    if report.followups_given:
        line = f"- **{t('followup-report-column', lang)}:** {escape(report.followup_cell(item, lang))}"
        status = report.followup_status(item)
        if status:
            line += f" – {escape(status)}"
        lines.append(line)
    if result.criteria:
        lines += ["", *_checklist(item, report, lang)]
    lines += ["", f"**{t('heading-gaps', lang)}**", "", *_gaps(result, lang)]
    if report.reviews_given:
        lines += ["", f"**{t('report-heading-reviewer-comments', lang)}**", "", *_reviews(item, lang)]
    return lines


# Which checks of a criterion this format shows: none (criteria by status, and the problems).
CHECKS_SHOWN = "none"


def chunks(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> Iterator[str]:
    """The report a part at a time: the overview, then each application's section."""
    summary = report.summary
    lines = [f"# {escape(heading(report, lang))}", ""]
    if report.title:
        lines += [f"*{t('report-title', lang)}*", ""]
    lines.append(made_line(report, lang))
    lines += ["", f"{t('report-criteria-sets', lang)}:", ""]
    lines += [f"- {escape(line)}" for line in set_lines(report, lang)]
    warning = banner(report, lang)
    if warning is not None:
        see = t("report-banner-see", lang)
        lines += ["", f"> **⚠ {warning}.** [{see}](#{_uncounted_anchor(lang)})"]
    lines += ["", summary.line().get(lang)]
    if report.reviews_given:
        lines += ["", reviews_line(report, lang)]
    lines += ["", f"## {t('report-heading-ranking', lang)}", "", *_ranking(report, lang)]
    if report.review_problems:
        lines += _uncounted(report, lang)
    legend = ", ".join(f"{STATUS_SYMBOL[s]} {t(f'status-{s}', lang)}" for s in STATUSES)
    lines += ["", f"## {t('report-heading-matrices', lang)}", "", legend]
    if report.reviews_given:
        lines += ["", t("report-matrix-note", lang)]
    lines += _matrix(report, lang)
    lines += ["", f"## {t('report-heading-applications', lang)}"]
    yield _joined(lines)
    for position, item in enumerate(report.applications):
        yield _joined(_application(position, item, report, lang))
    lines = []
    if report.reviews_given:
        lines += ["", f"## {t('review-scale-heading', lang)}", ""]
        lines += [f"- {step.score} = {step.label.get(lang)}" for step in SCALE]
        lines.append(f"- {t('review-scale-empty', lang)}")
        lines += ["", t("report-disagreement-note", lang)]
    if report.followup_problems:
        lines += ["", f"## {t('followup-report-problems', lang)}", ""]
        for gap in report.followup_problems:
            problem = gap.problem
            where = f"{escape(gap.file)}:{problem.location.line}:{problem.location.column}"
            lines.append(f"- {where} {escape(problem.code)}: {escape(problem.message.get(lang))}")
    yield _joined(lines)


def render(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return "".join(chunks(report, lang=lang, color=color, width=width))


def _joined(lines: list[str]) -> str:
    """Lines as text, each ending in a newline."""
    return "".join(line + "\n" for line in lines)
