"""The html format: one self-contained page for the expert group's meeting.

The page must work offline and from an e-mail attachment, so everything is inline: CSS
in a ``<style>`` element, score bars as inline SVG, no scripts, no fonts, no images, no
links but to its own sections. A Content-Security-Policy forbids everything else, so even
a mistake in escaping could not load or run anything. Every text from an application, a
criteria file or a review goes through `_esc`: control characters and bidi overrides made
visible (`sanitize.visible`), then `html.escape` with quotes.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape as html_escape

from sicheck.i18n import number_text
from sicheck.model import ApplicationResult, CriterionResult
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
from sicheck.reviews.model import SCALE, SCALE_MAX, SCALE_MIN, ReviewedResult, ReviewSummary
from sicheck.sanitize import one_line, visible
from sicheck.symbols import STATUS_SYMBOL, STATUSES

_CSS = """
:root { --met: #1b7f3b; --met-bg: #dcf2e3; --partial: #8a5a00; --partial-bg: #fdf0cc;
  --missing: #a3261d; --missing-bg: #fbe0dd; --invalid: #7a2d8c; --invalid-bg: #f1e2f5;
  --line: #d0d4da; --muted: #5b6470; --disagree-bg: #fff4bf; --disagree: #7a5b00; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1d2329;
  margin: 0 auto; max-width: 1180px; padding: 24px; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1.1em; margin: 20px 0 6px; }
h4 { font-size: 1em; margin: 16px 0 4px; }
p { margin: 4px 0; }
nav a { margin-right: 16px; }
a { color: #1a56a8; }
.muted, .file { color: var(--muted); }
.file { font-size: .85em; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f5f7; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
.scroll { overflow-x: auto; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .85em; font-weight: 600;
  white-space: nowrap; }
.badge.eligible { color: var(--met); background: var(--met-bg); }
.badge.ineligible { color: var(--missing); background: var(--missing-bg); }
.badge.invalid { color: var(--invalid); background: var(--invalid-bg); }
.st-met { color: var(--met); background: var(--met-bg); }
.st-partial { color: var(--partial); background: var(--partial-bg); }
.st-missing { color: var(--missing); background: var(--missing-bg); }
.st-none { color: var(--muted); background: #f3f5f7; }
table.matrix td.cell { text-align: center; white-space: nowrap; min-width: 3.4em; }
table.matrix th.crit { text-align: center; font-size: .8em; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.small { font-size: .8em; }
.mean { display: block; font-size: .8em; color: #1d2329; }
.disagree, tr.disagree td { background: var(--disagree-bg); }
.flag { color: var(--disagree); font-weight: 700; }
td.cell.disagree { outline: 2px solid var(--disagree); outline-offset: -2px; }
svg.bar { vertical-align: middle; margin-right: 6px; }
.application { border-top: 1px solid var(--line); margin-top: 28px; padding-top: 4px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 6px 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
ul.gaps { padding-left: 20px; }
ul.gaps li { margin: 4px 0; }
.where { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85em; color: var(--muted);
  overflow-wrap: anywhere; }
.sev-error { color: var(--missing); font-weight: 600; }
.sev-warning { color: var(--partial); font-weight: 600; }
.code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85em; }
.hint { color: var(--muted); font-style: italic; }
.text { white-space: pre-line; overflow-wrap: anywhere; }
.review { margin: 8px 0; }
.rec { font-weight: 600; }
.rec-yes { color: var(--met); } .rec-maybe { color: var(--partial); } .rec-no { color: var(--missing); }
.problems li { margin: 4px 0; }
footer { margin-top: 40px; color: var(--muted); font-size: .85em; }
.subtitle { font-size: 1.05em; color: var(--muted); margin: 0 0 6px; }
.meta { color: var(--muted); font-size: .9em; }
.meta ul { margin: 2px 0 6px; padding-left: 20px; }
.banner { background: var(--missing-bg); color: #5c140f; border: 2px solid var(--missing); border-radius: 6px;
  padding: 8px 12px; margin: 10px 0; font-weight: 600; }
.banner a { color: #5c140f; }
.badge.unreviewed { color: var(--muted); background: #eceff2; border: 1px dashed #9aa3ad; }
.uncounted { display: inline-block; margin-top: 2px; color: var(--missing); font-weight: 600; font-size: .85em; }
td.rank { font-weight: 700; }
table.ranking td:nth-child(2) { min-width: 13em; }
.chart { margin: 8px 0 4px; }
.chart svg { display: block; max-width: 100%; height: auto; }
.chart .legend-item { display: inline-block; margin: 2px 14px 2px 0; white-space: nowrap; font-size: .9em; }
.chart .legend-item svg { display: inline-block; vertical-align: middle; margin-right: 4px; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
/* On a phone the ranking and checklists become cards: one application or criterion per card. */
@media (max-width: 600px) {
  body { padding: 12px; font-size: 14px; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards thead { display: none; }
  table.cards tr { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 12px; padding: 6px 10px; }
  table.cards td { border: none; padding: 3px 0; text-align: left; white-space: normal; }
  table.cards td[data-label] { display: grid; grid-template-columns: 9em minmax(0, 1fr); gap: 8px;
    align-items: baseline; }
  table.cards td[data-label]::before { content: attr(data-label); font-size: .8em; color: var(--muted);
    font-weight: 600; overflow-wrap: break-word; }
  table.cards td.rank::before { content: "#"; display: inline; }
  table.cards td.rank.unranked, table.cards td.empty { display: none; }
  table.ranking td:nth-child(2) { min-width: 0; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: 6px; }
  nav a { display: inline-block; margin: 0 12px 6px 0; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
  /* Each application on a page of its own; the heading over them starts the first one's page. */
  #applications { break-before: page; }
  .application { break-before: page; border-top: none; }
  #applications > h2 + .application { break-before: avoid; }
  tr, li, .review, .chart, dl.facts, .banner { break-inside: avoid; }
  thead { display: table-header-group; }
  td svg.bar { width: 48px; }
  /* A heading never ends a page: it keeps room for the first lines after it. */
  h2, h3, h4 { break-inside: avoid; }
  h2::after, h3::after, h4::after { content: ""; display: block; height: 5em; margin-bottom: -5em; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"
_BAR_COLOR = {"eligible": "#1b7f3b", "ineligible": "#c0392b", "invalid": "#7a2d8c"}


def _esc(text: str) -> str:
    # A line break becomes a character reference: it renders the same, and no line of the
    # page source is of the text's making (a CI log acts on lines that start with "::").
    escaped = html_escape(visible(text), quote=True)
    return escaped.replace("\r", "&#13;").replace("\n", "&#10;")


def _esc1(text: str) -> str:
    """One line: titles, file names, table cells."""
    return html_escape(one_line(text), quote=True)


def _title(result: ApplicationResult, lang: str) -> str:
    return _esc1(result.title) if result.title else _esc(t("untitled", lang))


def _set_name(result: ApplicationResult) -> str:
    return _esc1(f"{result.criteria_set.id}@{result.criteria_set.version}") if result.criteria_set else "–"


def _bar(value: float, maximum: float, color: str, label: str, width: int = 120) -> str:
    filled = max(0.0, min(1.0, value / maximum)) * width
    return (
        f'<svg class="bar" width="{width}" height="12" viewBox="0 0 {width} 12" role="img" aria-label="{_esc(label)}">'
        f'<rect width="{width}" height="12" rx="3" fill="#e6e9ed"/>'
        f'<rect width="{filled:.1f}" height="12" rx="3" fill="{color}"/></svg>'
    )


def _score(result: ApplicationResult, lang: str) -> str:
    if result.score is None:
        return "–"
    label = t("score-line", lang, score=number_text(result.score))
    shown = _esc(percent(result.score, lang)).replace(" %", "&nbsp;%")
    return _bar(result.score, 100, _BAR_COLOR[result.verdict], label) + shown


def _verdict(result: ApplicationResult, lang: str) -> str:
    return f'<span class="badge {result.verdict}">{_esc(t(f"report-verdict-{result.verdict}", lang))}</span>'


def _td(label: str, content: str, css: str = "") -> str:
    """A cell that names its column, so that it still reads as a card on a phone."""
    klass = f' class="{css}"' if css else ""
    # One element inside, so that on a phone the label and the value are the card's two columns.
    return f'<td{klass} data-label="{_esc(label)}"><div class="v">{content}</div></td>'


def _uncounted_mark(report: CallReport, position: int, lang: str) -> str:
    problems = report.problems_for(position)
    if not problems:
        return ""
    label = _esc(t("report-application-uncounted", lang, n=len(problems)))
    return f'<a class="uncounted nowrap" href="#review-problems">⚠&nbsp;{label}</a>'


def _ranking_table(report: CallReport, section: Section, lang: str) -> Iterator[str]:
    columns = [
        t("report-column-application", lang),
        t("report-column-verdict", lang),
        t("report-column-score", lang),
        t("report-column-not-met", lang),
    ]
    if report.reviews_given:
        columns += [
            t("report-column-reviewer-mean", lang),
            t("report-column-recommendations", lang),
            t("report-column-disagreement", lang),
        ]
    followup_label = t("followup-report-column", lang)
    if report.followups_given:
        columns.append(followup_label)
    heads = ['<th class="num">#</th>', *(f"<th>{_esc(c)}</th>" for c in columns)]
    yield from [
        '<div class="scroll"><table class="ranking cards">',
        "<thead><tr>" + "".join(heads) + "</tr></thead>",
        "<tbody>",
    ]
    for position in section.applications:
        item = report.applications[position]
        result = item.result
        not_met = " ".join(
            f'<span class="nowrap st-{c.status}" title="{_esc1(c.title.get(lang))}">'
            f"{STATUS_SYMBOL[c.status]}&nbsp;{_esc1(c.id)}</span>"
            for c in result.criteria
            if c.status != "met"
        )
        if result.verdict == "invalid":
            not_met = _esc(t("report-see-problems", lang, count=len(result.problems)))
        name, verdict, score, gaps = columns[:4]
        cells = [
            f'<td class="num rank{" unranked" if report.place(position) is None else ""}">'
            f"{_esc(report.rank_label(position))}</td>",
            _td(
                name,
                f'<a href="#app-{position + 1}">{_title(result, lang)}</a><div class="file">{_esc1(result.file)}</div>',
            ),
            _td(verdict, _verdict(result, lang)),
            _td(score, _score(result, lang), "num"),
            _td(gaps, not_met or "–"),
        ]
        if report.reviews_given:
            mean_label, recommendation_label, disagreement_label = columns[4:7]
            review = item.review
            uncounted = _uncounted_mark(report, position, lang)
            if review is None:
                unreviewed = f'<span class="badge unreviewed">{_esc(t("report-not-reviewed", lang))}</span>'
                cells += [
                    _td(mean_label, unreviewed + (f"<div>{uncounted}</div>" if uncounted else ""), "num"),
                    _td(recommendation_label, "–"),
                    _td(disagreement_label, "–"),
                ]
            else:
                flags = " ".join(f'<span class="flag nowrap">⚠&nbsp;{_esc1(c)}</span>' for c in review.disagreements)
                counts = review.recommendations
                given = [(counts.yes, "yes"), (counts.maybe, "maybe"), (counts.no, "no")]
                recommendations = "<br>".join(
                    f'<span class="nowrap rec-{kind}">{n} {_esc(t(f"report-recommendation-{kind}", lang))}</span>'
                    for n, kind in given
                    if n
                )
                reviewers = _esc(t("report-reviewer-count", lang, n=review.reviewers))
                mean = f'{_mean_bar(review.mean, lang)}<div class="small muted">{reviewers}</div>'
                if uncounted:
                    mean += f"<div>{uncounted}</div>"
                cells += [
                    _td(mean_label, mean, "num"),
                    _td(recommendation_label, recommendations or "–"),
                    _td(disagreement_label, flags or "–"),
                ]
        if report.followups_given:
            cells.append(_td(followup_label, _esc(report.followup_cell(item, lang)), "small"))
        yield (f'<tr class="verdict-{result.verdict}">' + "".join(cells) + "</tr>")
    yield ("</tbody></table></div>")


def _ranking(report: CallReport, lang: str) -> Iterator[str]:
    yield from [f'<p class="muted">{_esc(t("report-section-note", lang))}</p>']
    if report.reviews_given and any(rank is None for rank in report.ranks):
        yield (f'<p class="muted">{_esc(t("report-not-reviewed-note", lang))}</p>')
    for section in report.sections:
        yield (f"<h3>{_esc1(section_name(section, lang))}</h3>")
        yield from _ranking_table(report, section, lang)


def _mean_bar(mean: float | None, lang: str, *, with_number: bool = True) -> str:
    if mean is None:
        return "–"
    label = t("report-review-mean-label", lang, mean=number(mean, lang), high=SCALE_MAX)
    return _bar(mean, SCALE_MAX, "#3d5a98", label, width=60) + (_esc(number(mean, lang)) if with_number else "")


def _matrix(report: CallReport, lang: str) -> Iterator[str]:
    yield from [f'<p class="legend">{_legend(lang)}</p>']
    if report.reviews_given:
        yield (f'<p class="muted">{_esc(t("report-matrix-note", lang))}</p>')
    for group in criteria_groups(report):
        yield (f"<h3>{_esc1(group.key)} – {_esc1(group.title.get(lang))}</h3>")
        heads = "".join(
            f'<th class="crit" title="{_esc1(c.title.get(lang))}">{_esc1(c.id)}</th>' for c in group.criteria
        )
        yield ('<div class="scroll"><table class="matrix">')
        application = _esc(t("report-column-application", lang))
        yield (f'<thead><tr><th class="num">#</th><th>{application}</th>{heads}</tr></thead>')
        yield ("<tbody>")
        for position in group.applications:
            item = report.applications[position]
            by_id = {c.id: c for c in item.result.criteria}
            cells = [
                f'<td class="num">{_esc(report.rank_label(position))}</td>',
                f'<td><a href="#app-{position + 1}">{_title(item.result, lang)}</a></td>',
            ]
            for column in group.criteria:
                cells.append(_matrix_cell(by_id.get(column.id), item.review, column.id, column.title.get(lang), lang))
            yield ("<tr>" + "".join(cells) + "</tr>")
        yield ("</tbody></table></div>")


def _matrix_cell(
    criterion: CriterionResult | None, review: ReviewSummary | None, criterion_id: str, title: str, lang: str
) -> str:
    status = criterion.status if criterion is not None else None
    label = f"{criterion_id} {title}: " + (t(f"status-{status}", lang) if status else "–")
    symbol = STATUS_SYMBOL[status] if status else "–"
    judged = review.criterion(criterion_id) if review is not None else None
    classes = f"cell st-{status or 'none'}"
    extra = ""
    if judged is not None and judged.mean is not None:
        label += "; " + t("report-review-cell", lang, mean=number(judged.mean, lang), n=judged.n)
        flag = ""
        if judged.disagreement:
            classes += " disagree"
            flag = '&nbsp;<span class="flag">⚠</span>'
            label += "; " + t("report-disagreement", lang)
        extra = f'<span class="mean">{_esc(number(judged.mean, lang))}{flag}</span>'
    return f'<td class="{classes}" title="{_esc1(label)}">{symbol}{extra}</td>'


def _legend(lang: str) -> str:
    parts = [f'<span class="badge st-{s}">{STATUS_SYMBOL[s]} {_esc(t(f"status-{s}", lang))}</span>' for s in STATUSES]
    parts.append(
        f'<span class="badge disagree"><span class="flag">⚠</span> {_esc(t("report-disagreement", lang))}</span>'
    )
    return " ".join(parts)


def _checklist(item: ReviewedResult, report: CallReport, lang: str) -> list[str]:
    result = item.result
    labels = [
        t("column-criterion", lang),
        t("column-status", lang),
        t("column-points", lang),
        t("column-missing", lang),
    ]
    # An application nobody reviewed gets no empty reviewer columns.
    with_reviews = report.reviews_given and item.review is not None
    if with_reviews:
        labels += [
            t("report-column-reviewers", lang),
            t("report-column-reviewer-mean", lang),
            t("report-column-range", lang),
        ]
    numeric = {2, 4, 5, 6}
    heads = "".join(
        f'<th class="num">{_esc(label)}</th>' if i in numeric else f"<th>{_esc(label)}</th>"
        for i, label in enumerate(labels)
    )
    lines = ['<div class="scroll"><table class="checklist cards">', f"<thead><tr>{heads}</tr></thead>", "<tbody>"]
    for criterion in result.criteria:
        name = f"<strong>{_esc1(criterion.id)}</strong> {_esc1(criterion.title.get(lang))}"
        if not criterion.required:
            name += f' <span class="muted">({_esc(t("optional-mark", lang))})</span>'
        failing = "".join(
            f'<div class="sev-{k.severity}">• {_esc(k.message.get(lang))}</div>'
            for k in criterion.checks
            if not k.passed
        )
        status = f"{STATUS_SYMBOL[criterion.status]}&nbsp;{_esc(t(f'status-{criterion.status}', lang))}"
        cells = [
            f"<td>{name}</td>",
            _td(labels[1], status, f"st-{criterion.status}"),
            _td(labels[2], criterion.points_text(lang), "num"),
            _td(labels[3], failing) if failing else '<td class="empty"></td>',
        ]
        row_class = ""
        if with_reviews:
            judged = item.review.criterion(criterion.id) if item.review else None
            if judged is None or judged.n == 0:
                cells += [_td(labels[4], "0", "num"), _td(labels[5], "–", "num"), _td(labels[6], "–", "num")]
            else:
                flag = (
                    f' <span class="flag">⚠ {_esc(t("report-disagreement", lang))}</span>'
                    if judged.disagreement
                    else ""
                )
                cells += [
                    _td(labels[4], str(judged.n), "num"),
                    _td(labels[5], _esc(number(judged.mean, lang)), "num"),
                    _td(labels[6], f"{judged.min}–{judged.max}{flag}", "num"),
                ]
                if judged.disagreement:
                    row_class = ' class="disagree"'
        lines.append(f"<tr{row_class}>" + "".join(cells) + "</tr>")
    lines.append("</tbody></table></div>")
    return lines


# Okabe–Ito colours (told apart with colour blindness) and a shape each, so the chart
# reads in black and white too.
_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
_SHAPES = ("circle", "square", "triangle", "diamond")
_CHART_LEFT = 70
_CHART_STEP = 60
_CHART_ROW = 24
_CHART_TOP = 20


def _marker(shape: str, x: float, y: float, color: str, tooltip: str = "") -> str:
    title = f"<title>{_esc(tooltip)}</title>" if tooltip else ""
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{color}" stroke="#fff">{title}</circle>'
    if shape == "square":
        corner = f'x="{x - 4.5:.1f}" y="{y - 4.5:.1f}"'
        return f'<rect {corner} width="9" height="9" fill="{color}" stroke="#fff">{title}</rect>'
    if shape == "triangle":
        points = f"{x:.1f},{y - 5.5:.1f} {x + 5.5:.1f},{y + 4.5:.1f} {x - 5.5:.1f},{y + 4.5:.1f}"
        return f'<polygon points="{points}" fill="{color}" stroke="#fff">{title}</polygon>'
    points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
    return f'<polygon points="{points}" fill="{color}" stroke="#fff">{title}</polygon>'


def _style(index: int) -> tuple[str, str]:
    return _SHAPES[index % len(_SHAPES)], _PALETTE[index % len(_PALETTE)]


def _chart(review: ReviewSummary, lang: str) -> list[str]:
    """Each reviewer's score per criterion as a dot plot: disagreement is seen, not read.

    One row per criterion someone scored, the 0–5 scale across, one marker per reviewer
    (colour and shape), a line over the spread, and a yellow row where reviewers disagree.
    Inline SVG: no script, no font, nothing fetched.
    """
    rows = [c for c in review.criteria if c.n]
    if not rows:
        return []
    width = _CHART_LEFT + (SCALE_MAX - SCALE_MIN) * _CHART_STEP + 16
    height = _CHART_TOP + len(rows) * _CHART_ROW + 4
    label = t("report-chart-label", lang)
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{_esc(label)}"'
        ' xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="11">'
    ]

    def x_of(score: float) -> float:
        return _CHART_LEFT + (score - SCALE_MIN) * _CHART_STEP

    for step in range(SCALE_MIN, SCALE_MAX + 1):
        x = x_of(step)
        parts.append(f'<line x1="{x:.1f}" y1="{_CHART_TOP - 4}" x2="{x:.1f}" y2="{height - 2}" stroke="#e1e5ea"/>')
        parts.append(f'<text x="{x:.1f}" y="11" text-anchor="middle" fill="#5b6470">{step}</text>')
    reviewers = len(review.reviews)
    for row, judged in enumerate(rows):
        top = _CHART_TOP + row * _CHART_ROW
        middle = top + _CHART_ROW / 2
        if judged.disagreement:
            parts.append(f'<rect x="0" y="{top}" width="{width}" height="{_CHART_ROW}" fill="#fff4bf"/>')
        parts.append(f'<text x="4" y="{middle + 4:.1f}" fill="#1d2329" font-weight="600">{_esc1(judged.id)}</text>')
        if judged.min is not None and judged.max is not None and judged.max > judged.min:
            color = "#7a5b00" if judged.disagreement else "#9aa3ad"
            parts.append(
                f'<line x1="{x_of(judged.min):.1f}" y1="{middle:.1f}" x2="{x_of(judged.max):.1f}" y2="{middle:.1f}"'
                f' stroke="{color}" stroke-width="2"/>'
            )
        for index, entry in enumerate(review.reviews):
            score = next((s.score for s in entry.scores if s.criterion == judged.id), None)
            if score is None:
                continue
            # Reviewers side by side within the row, so equal scores do not hide each other.
            offset = (index - (reviewers - 1) / 2) * min(5.5, 16.0 / max(reviewers - 1, 1))
            shape, color = _style(index)
            tooltip = t("report-chart-point", lang, reviewer=one_line(entry.reviewer), criterion=judged.id, score=score)
            parts.append(_marker(shape, x_of(score), middle + offset, color, tooltip))
    parts.append("</svg>")
    legend = []
    for index, entry in enumerate(review.reviews):
        shape, color = _style(index)
        own = t("report-column-own-mean", lang).lower()
        mean = f" ({_esc(own)} {_esc(number(entry.mean, lang))})" if entry.mean is not None else ""
        legend.append(
            '<span class="legend-item"><svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
            f"{_marker(shape, 7, 7, color)}</svg>{_esc1(entry.reviewer)}{mean}</span>"
        )
    return ['<figure class="chart">', "".join(parts), f"<figcaption>{''.join(legend)}</figcaption>", "</figure>"]


def _gaps(result: ApplicationResult, lang: str) -> list[str]:
    if not result.problems:
        return [f"<p>{_esc(t('no-gaps', lang))}</p>"]
    lines = ['<ul class="gaps">']
    for problem in result.problems:
        where = f"{result.file}:{problem.location.line}:{problem.location.column}"
        hint = f'<div class="hint">→ {_esc(problem.hint.get(lang))}</div>' if problem.hint is not None else ""
        lines.append(
            f'<li><span class="where">{_esc1(where)}</span> '
            f'<span class="sev-{problem.severity}">{_esc(t(f"severity-{problem.severity}", lang))}</span> '
            f'<span class="code">{_esc1(problem.code)}</span>'
            f'<div class="text">{_esc(problem.message.get(lang))}</div>{hint}</li>'
        )
    lines.append("</ul>")
    return lines


def _reviews(item: ReviewedResult, lang: str) -> list[str]:
    review = item.review
    if review is None:
        return [f'<p class="muted">{_esc(t("report-no-reviews", lang))}</p>']
    names = [r.reviewer for r in review.reviews]
    # Criterion × reviewer: every score side by side, disagreements highlighted.
    heads = "".join(f'<th class="num">{_esc1(name)}</th>' for name in names)
    lines = [
        *_chart(review, lang),
        '<div class="scroll"><table class="scores">',
        f"<thead><tr><th>{_esc(t('column-criterion', lang))}</th>{heads}"
        f'<th class="num">{_esc(t("report-column-reviewer-mean", lang))}</th>'
        f'<th class="num">{_esc(t("report-column-range", lang))}</th></tr></thead>',
        "<tbody>",
    ]
    for judged in review.criteria:
        given = []
        for r in review.reviews:
            entry = next((s for s in r.scores if s.criterion == judged.id), None)
            given.append("–" if entry is None or entry.score is None else str(entry.score))
        spread = f"{judged.min}–{judged.max}" if judged.n else "–"
        flag = f' <span class="flag">⚠ {_esc(t("report-disagreement", lang))}</span>' if judged.disagreement else ""
        row_class = ' class="disagree"' if judged.disagreement else ""
        lines.append(
            f"<tr{row_class}><td><strong>{_esc1(judged.id)}</strong></td>"
            + "".join(f'<td class="num">{g}</td>' for g in given)
            + f'<td class="num">{_esc(number(judged.mean, lang))}</td><td class="num">{spread}{flag}</td></tr>'
        )
    own = "".join(f'<td class="num"><strong>{_esc(number(r.mean, lang))}</strong></td>' for r in review.reviews)
    lines.append(
        f"</tbody><tfoot><tr><th>{_esc(t('report-column-own-mean', lang))}</th>{own}"
        f'<td class="num"><strong>{_esc(number(review.mean, lang))}</strong></td><td></td></tr></tfoot>'
    )
    lines.append("</table></div>")
    for r in review.reviews:
        head = f"<strong>{_esc1(r.reviewer)}</strong>"
        if r.recommendation is not None:
            label = t(f"report-recommendation-{r.recommendation}", lang)
            head += f' – <span class="rec rec-{r.recommendation}">{_esc(label)}</span>'
        if r.mean is not None:
            own = t("report-column-own-mean", lang).lower()
            head += f' <span class="muted">({_esc(own)} {_esc(number(r.mean, lang))})</span>'
        lines.append(f'<div class="review"><p>{head}</p>')
        if r.comment is not None:
            lines.append(f'<p class="text">{_esc(r.comment)}</p>')
        said = [s for s in r.scores if s.comment is not None]
        if said:
            lines.append("<ul>")
            for entry in said:
                judged_entry = review.criterion(entry.criterion)
                mark = ' class="disagree"' if judged_entry is not None and judged_entry.disagreement else ""
                score = "–" if entry.score is None else str(entry.score)
                comment = f'<span class="text">{_esc(entry.comment or "")}</span>'
                lines.append(f"<li{mark}><strong>{_esc1(entry.criterion)}</strong> ({score}): {comment}</li>")
            lines.append("</ul>")
        lines.append("</div>")
    return lines


def _application(position: int, item: ReviewedResult, report: CallReport, lang: str) -> list[str]:
    result = item.result
    label = report.rank_label(position)
    place = f"{_esc(label)}. " if label != "–" else ""
    unreviewed = ""
    if report.reviews_given and item.review is None:
        unreviewed = f' <span class="badge unreviewed">{_esc(t("report-not-reviewed", lang))}</span>'
    lines = [
        f'<article class="application" id="app-{position + 1}">',
        f"<h3>{place}{_title(result, lang)}{unreviewed}</h3>",
    ]
    facts = [
        (t("heading-file", lang), _esc1(result.file)),
        (
            t("heading-criteria-set", lang),
            f"{_set_name(result)} ({_esc1(result.criteria_set.title.get(lang))})" if result.criteria_set else "–",
        ),
        (t("report-column-verdict", lang), f"{_verdict(result, lang)} {_score(result, lang)}"),
    ]
    if report.reviews_given:
        if item.review is None:
            facts.append((t("report-heading-reviews", lang), _esc(t("report-no-reviews", lang))))
        else:
            review = item.review
            summary = t("report-review-summary", lang, reviewers=review.reviewers, mean=number(review.mean, lang))
            facts.append(
                (
                    t("report-heading-reviews", lang),
                    f"{_mean_bar(review.mean, lang, with_number=False)}{_esc(summary)}; "
                    f"{_esc(recommendation_counts(item, lang))}",
                )
            )
        uncounted = _uncounted_mark(report, position, lang)
        if uncounted:
            facts.append((t("report-column-uncounted", lang), uncounted))
    if report.followups_given:
        followed = _esc(report.followup_cell(item, lang))
        status = report.followup_status(item)
        if status:
            followed += f'<div class="text muted">{_esc(status)}</div>'
        facts.append((t("followup-report-column", lang), followed))
    lines.append('<dl class="facts">')
    lines += [f"<dt>{_esc(label)}</dt><dd>{value}</dd>" for label, value in facts]
    lines.append("</dl>")
    if result.criteria:
        lines += [f"<h4>{_esc(t('report-heading-checklist', lang))}</h4>", *_checklist(item, report, lang)]
    lines += [f"<h4>{_esc(t('heading-gaps', lang))}</h4>", *_gaps(result, lang)]
    if report.reviews_given:
        lines += [f"<h4>{_esc(t('report-heading-reviewer-comments', lang))}</h4>", *_reviews(item, lang)]
    lines.append("</article>")
    return lines


def _uncounted(report: CallReport, lang: str) -> list[str]:
    """Every review or score not counted: who, which application, where, and why."""
    labels = uncounted_headings(lang)
    lines = [
        f'<section id="review-problems"><h2>{_esc(t("report-review-problems", lang))}</h2>',
        '<div class="scroll"><table class="problems cards">',
        "<thead><tr>" + "".join(f"<th>{_esc(label)}</th>" for label in labels) + "</tr></thead>",
        "<tbody>",
    ]
    for row in uncounted_rows(report, lang):
        cells = [
            _td(labels[0], f"<strong>{_esc1(row.reviewer)}</strong>"),
            _td(labels[1], _esc1(row.application)),
            _td(labels[2], f'<span class="where">{_esc1(row.where)}</span>'),
            _td(labels[3], _esc(row.scope)),
            _td(labels[4], f'<span class="text">{_esc(row.reason)}</span>'),
        ]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</tbody></table></div></section>")
    return lines


def page_head(title: str, version: str, lang: str, css: str = _CSS) -> list[str]:
    """A self-contained page up to ``<body>``: no scripts, nothing loaded from elsewhere
    (the Content-Security-Policy says so), the styles inline. The follow-up's HTML uses it too."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "sv"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f'<meta name="generator" content="sicheck {_esc(version)}">',
        f"<title>{_esc1(title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
    ]


# Which checks of a criterion this format shows: those that fail, under the criterion.
CHECKS_SHOWN = "failing"


def chunks(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> Iterator[str]:
    """The page a part at a time: the overview and the matrices, then each application."""
    summary = report.summary
    title = heading(report, lang)
    summary_line = summary.line().get(lang)
    lines = [
        *page_head(title, report.version, lang),
        "<header>",
        f"<h1>{_esc1(title)}</h1>",
    ]
    if report.title:
        lines.append(f'<p class="subtitle">{_esc(t("report-title", lang))}</p>')
    sets = "".join(f"<li>{_esc1(line)}</li>" for line in set_lines(report, lang))
    lines.append(
        f'<div class="meta"><p>{_esc(made_line(report, lang))}</p>'
        f"<p>{_esc(t('report-criteria-sets', lang))}:</p><ul>{sets}</ul></div>"
    )
    warning = banner(report, lang)
    if warning is not None:
        lines.append(
            f'<p class="banner" role="alert">⚠ {_esc(warning)}. '
            f'<a href="#review-problems">{_esc(t("report-banner-see", lang))}</a></p>'
        )
    lines.append(f'<p class="summary">{_esc(summary_line)}</p>')
    if report.reviews_given:
        lines.append(f'<p class="muted">{_esc(reviews_line(report, lang))}</p>')
    nav = [("ranking", t("report-heading-ranking", lang))]
    if report.review_problems:
        nav.append(("review-problems", t("report-review-problems", lang)))
    nav += [
        ("matrix", t("report-heading-matrices", lang)),
        ("applications", t("report-heading-applications", lang)),
    ]
    lines.append("<nav>" + "".join(f'<a href="#{anchor}">{_esc(label)}</a>' for anchor, label in nav) + "</nav>")
    lines.append("</header>")
    lines.append("<main>")
    lines.append(f'<section id="ranking"><h2>{_esc(t("report-heading-ranking", lang))}</h2>')
    yield _joined(lines)
    # A line for each application in the ranking and in the matrix: written as they come.
    yield from (line + "\n" for line in _ranking(report, lang))
    lines = ["</section>"]
    # The list of what is not counted comes right after the ranking it changes, not at the end.
    if report.review_problems:
        lines += _uncounted(report, lang)
    lines.append(f'<section id="matrix"><h2>{_esc(t("report-heading-matrices", lang))}</h2>')
    yield _joined(lines)
    yield from (line + "\n" for line in _matrix(report, lang))
    lines = ["</section>", f'<section id="applications"><h2>{_esc(t("report-heading-applications", lang))}</h2>']
    yield _joined(lines)
    for position, item in enumerate(report.applications):
        yield _joined(_application(position, item, report, lang))
    lines = ["</section>"]
    if report.reviews_given:
        lines.append(f'<section id="scale"><h2>{_esc(t("review-scale-heading", lang))}</h2><ul>')
        lines += [f"<li><strong>{step.score}</strong> = {_esc(step.label.get(lang))}</li>" for step in SCALE]
        lines.append(f"<li>{_esc(t('review-scale-empty', lang))}</li>")
        lines.append(f'</ul><p class="muted">{_esc(t("report-disagreement-note", lang))}</p></section>')
    if report.followup_problems:
        lines.append(f'<section id="followup-problems"><h2>{_esc(t("followup-report-problems", lang))}</h2>')
        lines.append('<ul class="problems">')
        for gap in report.followup_problems:
            problem = gap.problem
            where = f"{gap.file}:{problem.location.line}:{problem.location.column}"
            lines.append(
                f'<li><span class="where">{_esc1(where)}</span> <span class="code">{_esc1(problem.code)}</span>'
                f'<div class="text">{_esc(problem.message.get(lang))}</div></li>'
            )
        lines.append("</ul></section>")
    lines.append("</main>")
    lines.append(f"<footer>{_esc(made_line(report, lang))}</footer>")
    lines += ["</body>", "</html>"]
    yield _joined(lines)


def render(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return "".join(chunks(report, lang=lang, color=color, width=width))


def _joined(lines: list[str]) -> str:
    """Lines as text, each ending in a newline."""
    return "".join(line + "\n" for line in lines)
