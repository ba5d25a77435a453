"""The follow-up as one self-contained page, with an inline SVG chart per effect.

Like the call report's page it works offline and from an e-mail attachment: CSS inline,
charts as inline SVG, no scripts, no fonts, no images, no requests, and the same
Content-Security-Policy. Every text from an application or a report goes through the call
report's `_esc`/`_esc1` (control characters made visible, then HTML-escaped with quotes).

Each chart shows the effect's baseline (dotted), its target (dashed, green), the plan, a
straight line from the baseline at the project's start to the target at ``expected_by``
(thin, grey), and the measurements (dots joined by a line, green when on track, red when
behind). Time runs left to right from the project's start.
"""

from __future__ import annotations

from datetime import date

from sicheck.followup.model import EffectProgress, FollowupResult, FollowupRun
from sicheck.followup.text import frequency_line, num, percent, summary_line
from sicheck.i18n import msg_text as _t
from sicheck.report.html import _CSS, _esc, _esc1, page_head

_EXTRA_CSS = """
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px 24px; }
figure.effect { margin: 0; padding: 8px 10px; border: 1px solid var(--line); border-radius: 6px; break-inside: avoid; }
figure.effect figcaption { font-size: .9em; margin-bottom: 4px; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 11px;
  fill: #5b6470; }
.st-on-track { color: var(--met); background: var(--met-bg); }
.st-behind, .st-not-measured { color: var(--missing); background: var(--missing-bg); }
.st-cannot-tell { color: var(--partial); background: var(--partial-bg); }
blockquote { margin: 6px 0; padding: 4px 12px; border-left: 3px solid var(--line); color: #333; }
"""

_WIDTH, _HEIGHT = 420, 170
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 112, 12, 24
_COLOR = {"on-track": "#1b7f3b", "behind": "#c0392b", "not-measured": "#c0392b", "cannot-tell": "#8a5a00"}


def _ordinal(day: date) -> int:
    return day.toordinal()


def chart(effect: EffectProgress, start: date | None, lang: str) -> str:
    """The effect's SVG chart; empty when there is nothing to draw."""
    values = [m.value for m in effect.measurements]
    levels = values + [v for v in (effect.baseline, effect.target) if v is not None]
    days = [m.date for m in effect.measurements] + [d for d in (start, effect.expected_by) if d is not None]
    if not levels or not days:
        return ""
    low, high = min(levels), max(levels)
    pad = (high - low) * 0.12 or max(1.0, abs(high) * 0.1)
    low, high = low - pad, high + pad
    first, last = min(days), max(days)
    span = max(1, _ordinal(last) - _ordinal(first))
    inner_w, inner_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM

    def x(day: date) -> float:
        return _LEFT + (_ordinal(day) - _ordinal(first)) / span * inner_w

    def y(value: float) -> float:
        return _TOP + (high - value) / (high - low) * inner_h

    label = _t(
        "followup-chart-label",
        lang,
        id=effect.id,
        baseline=num(effect.baseline, lang, 2),
        target=num(effect.target, lang, 2),
        expected_by=effect.expected_by or "–",
        count=len(effect.measurements),
    )
    right = _LEFT + inner_w
    parts = [
        f'<svg class="chart" width="{_WIDTH}" height="{_HEIGHT}" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-label="{_esc1(label)}">',
        f"<title>{_esc1(label)}</title>",
        f'<rect x="{_LEFT}" y="{_TOP}" width="{inner_w}" height="{inner_h}" fill="#fafbfc" stroke="#d0d4da"/>',
        f'<text x="{_LEFT}" y="{_HEIGHT - 6}">{_esc1(first.isoformat())}</text>',
        f'<text x="{right}" y="{_HEIGHT - 6}" text-anchor="end">{_esc1(last.isoformat())}</text>',
    ]
    if effect.baseline is not None:
        yb = y(effect.baseline)
        parts.append(
            f'<line x1="{_LEFT}" y1="{yb:.1f}" x2="{right}" y2="{yb:.1f}" stroke="#8a929c" stroke-dasharray="2 3"/>'
        )
        parts.append(
            f'<text x="{right + 4}" y="{yb + 4:.1f}">{_esc1(_t("followup-chart-baseline", lang))} '
            f"{_esc1(num(effect.baseline, lang, 2))}</text>"
        )
    if effect.target is not None:
        yt = y(effect.target)
        parts.append(
            f'<line x1="{_LEFT}" y1="{yt:.1f}" x2="{right}" y2="{yt:.1f}" stroke="#1b7f3b" stroke-width="1.5" '
            'stroke-dasharray="6 4"/>'
        )
        parts.append(
            f'<text x="{right + 4}" y="{yt + 4:.1f}" style="fill:#1b7f3b">{_esc1(_t("followup-chart-target", lang))} '
            f"{_esc1(num(effect.target, lang, 2))}</text>"
        )
    if effect.baseline is not None and effect.target is not None and effect.expected_by and start:
        parts.append(
            f'<line x1="{x(start):.1f}" y1="{y(effect.baseline):.1f}" x2="{x(effect.expected_by):.1f}" '
            f'y2="{y(effect.target):.1f}" stroke="#8a929c" stroke-width="1"/>'
        )
        parts.append(
            f'<line x1="{x(effect.expected_by):.1f}" y1="{_TOP}" x2="{x(effect.expected_by):.1f}" '
            f'y2="{_TOP + inner_h}" stroke="#1b7f3b" stroke-width="0.8" stroke-dasharray="1 3"/>'
        )
    for value, position in ((high - pad, "hi"), (low + pad, "lo")):
        del position
        parts.append(f'<text x="{_LEFT - 4}" y="{y(value) + 4:.1f}" text-anchor="end">{_esc1(num(value, lang))}</text>')
    color = _COLOR[effect.status]
    if effect.measurements:
        points = " ".join(f"{x(m.date):.1f},{y(m.value):.1f}" for m in effect.measurements)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
        for m in effect.measurements:
            tip = f"{m.date.isoformat()}: {num(m.value, lang, 2)}" + (f" ({m.source})" if m.source else "")
            parts.append(
                f'<circle cx="{x(m.date):.1f}" cy="{y(m.value):.1f}" r="3.5" fill="{color}">'
                f"<title>{_esc1(tip)}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _effect(effect: EffectProgress, result: FollowupResult, lang: str) -> list[str]:
    status = _esc(_t(f"followup-status-{effect.status}", lang))
    name = _esc1(effect.indicator or effect.description or "")
    unit = f" ({_esc1(effect.unit)})" if effect.unit else ""
    share = _esc(percent(effect.share, lang))
    if effect.expected_share is not None:
        share += " · " + _esc(_t("followup-expected-share", lang, share=percent(effect.expected_share, lang)))
    caption = (
        f'<figcaption><span class="badge st-{effect.status}">{status}</span> <strong>{_esc1(effect.id)}</strong> '
        f'{name}{unit}<div class="small muted">{_esc(_t("followup-col-share", lang))}: {share}</div></figcaption>'
    )
    lines = [f'<figure class="effect">{caption}', chart(effect, result.start, lang)]
    if effect.measurements:
        lines.append(
            f'<table class="small"><thead><tr><th>{_esc(_t("followup-col-date", lang))}</th>'
            f'<th class="num">{_esc(_t("followup-col-measurements", lang))}</th>'
            f"<th>{_esc(_t('followup-col-source', lang))}</th></tr></thead><tbody>"
        )
        for m in effect.measurements:
            lines.append(
                f'<tr><td class="nowrap">{m.date.isoformat()}</td><td class="num">{_esc(num(m.value, lang, 2))}</td>'
                f"<td>{_esc1(m.source or '')}</td></tr>"
            )
        lines.append("</tbody></table>")
    lines.append("</figure>")
    return lines


def _followup(index: int, result: FollowupResult, lang: str) -> list[str]:
    title = result.title or _t("untitled", lang)
    lines = [
        f'<article class="application" id="followup-{index}">',
        f"<h2>{_esc(_t('followup-heading', lang, title=title))}</h2>",
    ]
    facts = [(_t("followup-application", lang), result.application_file)]
    if result.start or result.end:
        facts.append((_t("followup-project-time", lang), f"{result.start or '?'} – {result.end or '?'}"))
    if result.application_valid:
        facts.append(
            (_t("followup-as-of", lang), str(result.as_of) if result.as_of else _t("followup-no-reports", lang))
        )
        facts.append((_t("followup-frequency", lang), frequency_line(result.frequency, result.frequency_text, lang)))
    for report in result.reports:
        period = f"{report.period_start} – {report.period_end}" if report.period_start else ""
        marks = [period] + ([_t("followup-final", lang)] if report.final else [])
        marks += [] if report.counted else [_t("followup-not-counted", lang)]
        facts.append((_t("followup-report", lang), f"{report.file} ({', '.join(m for m in marks if m)})"))
    lines.append('<dl class="facts">')
    lines += [f"<dt>{_esc(k)}</dt><dd>{_esc1(v)}</dd>" for k, v in facts]
    lines.append("</dl>")
    latest = result.latest_report
    if latest is not None and latest.status:
        lines.append(
            f'<h4>{_esc(_t("followup-status", lang))}</h4><blockquote class="text">{_esc(latest.status)}</blockquote>'
        )
    if result.effects:
        lines.append('<div class="charts">')
        for effect in result.effects:
            lines += _effect(effect, result, lang)
        lines.append("</div>")
    if result.co_financing:
        lines.append(f"<h3>{_esc(_t('followup-co-financing-heading', lang))}</h3>")
        lines.append(
            "<table><thead><tr>"
            f"<th>{_esc(_t('followup-col-principal', lang))}</th>"
            f'<th class="num">{_esc(_t("followup-col-promised", lang))}</th>'
            f'<th class="num">{_esc(_t("followup-col-given", lang))}</th>'
            f'<th class="num">{_esc(_t("followup-col-expected-hours", lang))}</th></tr></thead><tbody>'
        )
        for entry in result.co_financing:
            name = _esc1(entry.principal)
            if entry.name:
                # The party by its name, then its id: the id is what a report writes.
                name = f'{_esc1(entry.name)} <span class="muted">({name})</span>'
            expected = f"{num(entry.expected_hours, lang, 0)} ({percent(entry.elapsed_share, lang)})"
            behind = entry.given_hours is None or entry.given_hours < entry.expected_hours * 0.8
            cls = ' class="st-missing"' if behind else ""
            lines.append(
                f'<tr><td>{name}</td><td class="num">{_esc(num(entry.promised_hours, lang))}</td>'
                f'<td class="num"><span{cls}>{_esc(num(entry.given_hours, lang))}</span></td>'
                f'<td class="num">{_esc(expected)}</td></tr>'
            )
        lines.append("</tbody></table>")
        if result.spent_sek is not None:
            spent = _t(
                "followup-spent", lang, spent=num(result.spent_sek, lang, 0), granted=num(result.granted_sek, lang, 0)
            )
            lines.append(f"<p>{_esc(spent)}</p>")
    if latest is not None:
        for heading, items in (("followup-deviations", latest.deviations), ("followup-changes", latest.changes)):
            if items:
                lines.append(f"<h4>{_esc(_t(heading, lang))}</h4><ul>")
                lines += [f'<li class="text">{_esc(item)}</li>' for item in items]
                lines.append("</ul>")
    lines.append(f"<h3>{_esc(_t('heading-gaps', lang))}</h3>")
    if not result.gaps:
        lines.append(f'<p class="st-met">{_esc(_t("no-gaps", lang))}</p>')
    else:
        lines.append('<ul class="gaps">')
        for gap in result.gaps:
            problem = gap.problem
            where = f"{gap.file}:{problem.location.line}:{problem.location.column}"
            hint = f'<div class="hint text">→ {_esc(problem.hint.get(lang))}</div>' if problem.hint else ""
            lines.append(
                f'<li><span class="where">{_esc1(where)}</span> '
                f'<span class="sev-{problem.severity}">{_esc(_t(f"severity-{problem.severity}", lang))}</span> '
                f'<span class="code">{_esc1(problem.code)}</span>'
                f'<div class="text">{_esc(problem.message.get(lang))}</div>{hint}</li>'
            )
        lines.append("</ul>")
    lines.append("</article>")
    return lines


def render(run: FollowupRun, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    title = _t("followup-markdown-heading", lang)
    lines = [
        *page_head(_t("followup-html-title", lang), run.version, lang, _CSS + _EXTRA_CSS),
        "<header>",
        f"<h1>{_esc(title)}</h1>",
        f'<p class="summary">{_esc(summary_line(run, lang))}</p>',
        "</header>",
        "<main>",
    ]
    for index, result in enumerate(run.followups, 1):
        lines += _followup(index, result, lang)
    lines.append("</main>")
    lines.append(f"<footer>{_esc(_t('report-footer', lang, version=run.version))}</footer>")
    lines += ["</body>", "</html>"]
    return "\n".join(lines) + "\n"
