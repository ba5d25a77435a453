"""The html format: one self-contained page for the expert group's meeting.

The page must work offline and from an e-mail attachment, so everything is inline: CSS
in a ``<style>`` element, score bars as inline SVG, no scripts, no fonts, no images, no
links but to its own sections. A Content-Security-Policy forbids everything else, so even
a mistake in escaping could not load or run anything. Every text from an application, a
criteria file or a review goes through `_esc`: control characters and bidi overrides made
visible (`sanitize.visible`), then `html.escape` with quotes.
"""

from __future__ import annotations

from html import escape as html_escape

from sicheck.i18n import number_text
from sicheck.model import ApplicationResult, CriterionResult
from sicheck.report.model import STATUS_SYMBOL, CallReport, criteria_groups, number, percent, recommendation_counts, t
from sicheck.reviews.model import SCALE, SCALE_MAX, ReviewedResult, ReviewSummary
from sicheck.sanitize import one_line, visible

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
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
  .application { break-before: page; border-top: none; }
  tr, li, .review { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { margin: 14mm; }
}
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"
_BAR_COLOR = {"eligible": "#1b7f3b", "ineligible": "#c0392b", "invalid": "#7a2d8c"}


def _esc(text: str) -> str:
    return html_escape(visible(text), quote=True)


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


def _ranking(report: CallReport, lang: str) -> list[str]:
    heads = [
        '<th class="num">#</th>',
        f"<th>{_esc(t('report-column-application', lang))}</th>",
        f"<th>{_esc(t('heading-criteria-set', lang))}</th>",
        f"<th>{_esc(t('report-column-verdict', lang))}</th>",
        f"<th>{_esc(t('report-column-score', lang))}</th>",
        f"<th>{_esc(t('report-column-not-met', lang))}</th>",
    ]
    if report.reviews_given:
        heads += [
            f"<th>{_esc(t('report-column-reviewer-mean', lang))}</th>",
            f"<th>{_esc(t('report-column-recommendations', lang))}</th>",
            f"<th>{_esc(t('report-column-disagreement', lang))}</th>",
        ]
    lines = ['<div class="scroll"><table class="ranking">', "<thead><tr>" + "".join(heads) + "</tr></thead>", "<tbody>"]
    for rank, item in enumerate(report.applications, 1):
        result = item.result
        not_met = " ".join(
            f'<span class="nowrap st-{c.status}" title="{_esc1(c.title.get(lang))}">'
            f"{STATUS_SYMBOL[c.status]}&nbsp;{_esc1(c.id)}</span>"
            for c in result.criteria
            if c.status != "met"
        )
        if result.verdict == "invalid":
            not_met = _esc(t("report-see-problems", lang, count=len(result.problems)))
        cells = [
            f'<td class="num">{rank}</td>',
            f'<td><a href="#app-{rank}">{_title(result, lang)}</a><div class="file">{_esc1(result.file)}</div></td>',
            f"<td>{_set_name(result)}</td>",
            f"<td>{_verdict(result, lang)}</td>",
            f'<td class="num">{_score(result, lang)}</td>',
            f"<td>{not_met}</td>",
        ]
        if report.reviews_given:
            review = item.review
            if review is None:
                cells += ['<td class="num">–</td>', "<td>–</td>", "<td></td>"]
            else:
                flags = " ".join(f'<span class="flag nowrap">⚠&nbsp;{_esc1(c)}</span>' for c in review.disagreements)
                counts = review.recommendations
                given = [(counts.yes, "yes"), (counts.maybe, "maybe"), (counts.no, "no")]
                recommendations = "<br>".join(
                    f'<span class="nowrap rec-{name}">{n} {_esc(t(f"report-recommendation-{name}", lang))}</span>'
                    for n, name in given
                    if n
                )
                reviewers = _esc(t("report-reviewer-count", lang, n=review.reviewers))
                cells += [
                    f'<td class="num">{_mean_bar(review.mean, lang)}<div class="small muted">{reviewers}</div></td>',
                    f"<td>{recommendations or '–'}</td>",
                    f"<td>{flags}</td>",
                ]
        lines.append(f'<tr class="verdict-{result.verdict}">' + "".join(cells) + "</tr>")
    lines.append("</tbody></table></div>")
    return lines


def _mean_bar(mean: float | None, lang: str, *, with_number: bool = True) -> str:
    if mean is None:
        return "–"
    label = t("report-review-mean-label", lang, mean=number(mean, lang), high=SCALE_MAX)
    return _bar(mean, SCALE_MAX, "#3d5a98", label, width=60) + (_esc(number(mean, lang)) if with_number else "")


def _matrix(report: CallReport, lang: str) -> list[str]:
    lines = [f'<p class="legend">{_legend(lang)}</p>']
    if report.reviews_given:
        lines.append(f'<p class="muted">{_esc(t("report-matrix-note", lang))}</p>')
    for group in criteria_groups(report):
        lines.append(f"<h3>{_esc1(group.key)} – {_esc1(group.title.get(lang))}</h3>")
        heads = "".join(
            f'<th class="crit" title="{_esc1(c.title.get(lang))}">{_esc1(c.id)}</th>' for c in group.criteria
        )
        lines.append('<div class="scroll"><table class="matrix">')
        application = _esc(t("report-column-application", lang))
        lines.append(f'<thead><tr><th class="num">#</th><th>{application}</th>{heads}</tr></thead>')
        lines.append("<tbody>")
        for position in group.applications:
            item = report.applications[position]
            by_id = {c.id: c for c in item.result.criteria}
            cells = [
                f'<td class="num">{position + 1}</td>',
                f'<td><a href="#app-{position + 1}">{_title(item.result, lang)}</a></td>',
            ]
            for column in group.criteria:
                cells.append(_matrix_cell(by_id.get(column.id), item.review, column.id, column.title.get(lang), lang))
            lines.append("<tr>" + "".join(cells) + "</tr>")
        lines.append("</tbody></table></div>")
    return lines


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
    parts = [
        f'<span class="badge st-{s}">{STATUS_SYMBOL[s]} {_esc(t(f"status-{s}", lang))}</span>'
        for s in ("met", "partial", "missing")
    ]
    parts.append(
        f'<span class="badge disagree"><span class="flag">⚠</span> {_esc(t("report-disagreement", lang))}</span>'
    )
    return " ".join(parts)


def _checklist(item: ReviewedResult, report: CallReport, lang: str) -> list[str]:
    result = item.result
    heads = [
        f"<th>{_esc(t('column-criterion', lang))}</th>",
        f"<th>{_esc(t('column-status', lang))}</th>",
        f'<th class="num">{_esc(t("column-points", lang))}</th>',
        f"<th>{_esc(t('column-missing', lang))}</th>",
    ]
    if report.reviews_given:
        heads += [
            f'<th class="num">{_esc(t("report-column-reviewers", lang))}</th>',
            f'<th class="num">{_esc(t("report-column-reviewer-mean", lang))}</th>',
            f'<th class="num">{_esc(t("report-column-range", lang))}</th>',
        ]
    lines = ['<div class="scroll"><table class="checklist">', "<thead><tr>" + "".join(heads) + "</tr></thead>"]
    lines.append("<tbody>")
    for criterion in result.criteria:
        name = f"<strong>{_esc1(criterion.id)}</strong> {_esc1(criterion.title.get(lang))}"
        if not criterion.required:
            name += f' <span class="muted">({_esc(t("optional-mark", lang))})</span>'
        failing = "".join(
            f'<div class="sev-{k.severity}">• {_esc(k.message.get(lang))}</div>'
            for k in criterion.checks
            if not k.passed
        )
        cells = [
            f"<td>{name}</td>",
            f'<td class="st-{criterion.status}">{STATUS_SYMBOL[criterion.status]}&nbsp;'
            f"{_esc(t(f'status-{criterion.status}', lang))}</td>",
            f'<td class="num">{number(criterion.points, lang)}/{number(criterion.max_points, lang)}</td>',
            f"<td>{failing}</td>",
        ]
        row_class = ""
        if report.reviews_given:
            judged = item.review.criterion(criterion.id) if item.review else None
            if judged is None or judged.n == 0:
                cells += ['<td class="num">0</td>', '<td class="num">–</td>', '<td class="num">–</td>']
            else:
                flag = (
                    f' <span class="flag">⚠ {_esc(t("report-disagreement", lang))}</span>'
                    if judged.disagreement
                    else ""
                )
                cells += [
                    f'<td class="num">{judged.n}</td>',
                    f'<td class="num">{_esc(number(judged.mean, lang))}</td>',
                    f'<td class="num">{judged.min}–{judged.max}{flag}</td>',
                ]
                if judged.disagreement:
                    row_class = ' class="disagree"'
        lines.append(f"<tr{row_class}>" + "".join(cells) + "</tr>")
    lines.append("</tbody></table></div>")
    return lines


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
    lines.append("</tbody></table></div>")
    for r in review.reviews:
        head = f"<strong>{_esc1(r.reviewer)}</strong>"
        if r.recommendation is not None:
            label = t(f"report-recommendation-{r.recommendation}", lang)
            head += f' – <span class="rec rec-{r.recommendation}">{_esc(label)}</span>'
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


def _application(rank: int, item: ReviewedResult, report: CallReport, lang: str) -> list[str]:
    result = item.result
    lines = [f'<article class="application" id="app-{rank}">', f"<h3>{rank}. {_title(result, lang)}</h3>"]
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


def render(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    summary = report.summary
    title = t("report-title", lang)
    summary_line = summary.line().get(lang)
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "sv"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f'<meta name="generator" content="sicheck {_esc(report.version)}">',
        f"<title>{_esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_esc(title)}</h1>",
        f'<p class="summary">{_esc(summary_line)}</p>',
    ]
    if report.reviews_given:
        lines.append(f'<p class="muted">{_esc(t("report-reviews-line", lang, files=report.review_files))}</p>')
    nav = [
        ("ranking", t("report-heading-ranking", lang)),
        ("matrix", t("report-heading-matrices", lang)),
        ("applications", t("report-heading-applications", lang)),
    ]
    if report.review_problems:
        nav.append(("review-problems", t("report-review-problems", lang)))
    lines.append("<nav>" + "".join(f'<a href="#{anchor}">{_esc(label)}</a>' for anchor, label in nav) + "</nav>")
    lines.append("</header>")
    lines.append("<main>")
    lines += [f'<section id="ranking"><h2>{_esc(t("report-heading-ranking", lang))}</h2>', *_ranking(report, lang)]
    lines.append("</section>")
    lines += [f'<section id="matrix"><h2>{_esc(t("report-heading-matrices", lang))}</h2>', *_matrix(report, lang)]
    lines.append("</section>")
    lines.append(f'<section id="applications"><h2>{_esc(t("report-heading-applications", lang))}</h2>')
    for rank, item in enumerate(report.applications, 1):
        lines += _application(rank, item, report, lang)
    lines.append("</section>")
    if report.reviews_given:
        lines.append(f'<section id="scale"><h2>{_esc(t("review-scale-heading", lang))}</h2><ul>')
        lines += [f"<li><strong>{step.score}</strong> = {_esc(step.label.get(lang))}</li>" for step in SCALE]
        lines.append(f'</ul><p class="muted">{_esc(t("report-disagreement-note", lang))}</p></section>')
    if report.review_problems:
        lines.append(f'<section id="review-problems"><h2>{_esc(t("report-review-problems", lang))}</h2>')
        lines.append('<ul class="problems">')
        for entry in report.review_problems:
            problem = entry.problem
            where = f"{entry.file}:{problem.location.line}:{problem.location.column}"
            lines.append(
                f'<li><span class="where">{_esc1(where)}</span> <span class="code">{_esc1(problem.code)}</span>'
                f'<div class="text">{_esc(problem.message.get(lang))}</div></li>'
            )
        lines.append("</ul></section>")
    lines.append("</main>")
    lines.append(f"<footer>{_esc(t('report-footer', lang, version=report.version))}</footer>")
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"
