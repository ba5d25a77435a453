"""The follow-up in Markdown, for a pull-request comment or a note to the funder.

Every text from an application or a report goes through the Markdown format's `escape`
(one line, nothing Markdown or HTML would act on), as in ``sicheck check --format markdown``.
"""

from __future__ import annotations

from sicheck.followup.model import FollowupResult, FollowupRun
from sicheck.followup.text import STATUS_SYMBOL, effect_sparkline, frequency_line, num, percent, summary_line
from sicheck.i18n import msg_text as _t
from sicheck.render.markdown import LEVEL_MARK, escape, gaps_heading

STATUS_MARK = {"on-track": "✅", "behind": "❌", "not-measured": "⭕", "cannot-tell": "❔"}


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _followup(result: FollowupResult, lang: str) -> list[str]:
    title = result.title or _t("untitled", lang)
    lines = [f"### {escape(_t('followup-heading', lang, title=title))}", ""]
    facts = [f"{_t('followup-application', lang)}: {escape(result.application_file)}"]
    if result.start or result.end:
        facts.append(f"{_t('followup-project-time', lang)}: {result.start or '?'} – {result.end or '?'}")
    if result.application_valid:
        facts.append(f"{_t('followup-as-of', lang)}: {result.as_of or escape(_t('followup-no-reports', lang))}")
        facts.append(
            f"{_t('followup-frequency', lang)}: {escape(frequency_line(result.frequency, result.frequency_text, lang))}"
        )
    lines += [" · ".join(facts), ""]
    latest = result.latest_report
    if latest is not None and latest.status:
        lines += [f"> {escape(latest.status)}", ""]

    if result.effects:
        lines.append(
            _row(
                [
                    _t("followup-col-status", lang),
                    _t("followup-col-effect", lang),
                    _t("followup-col-baseline", lang),
                    _t("followup-col-measurements", lang),
                    _t("followup-col-target", lang),
                    _t("followup-col-share", lang),
                    "",
                ]
            )
        )
        lines.append("|---|---|--:|---|--:|--:|---|")
        for effect in result.effects:
            values = " → ".join(num(m.value, lang, 2) for m in effect.measurements)
            if effect.latest is not None:
                values += f" ({escape(_t('followup-latest', lang, date=effect.latest.date))})"
            if effect.missing:
                values += f" **{escape(_t('followup-missing-count', lang, count=effect.missing))}**"
            target = num(effect.target, lang, 2)
            if effect.expected_by:
                target += f" ({effect.expected_by})"
            share = percent(effect.share, lang)
            if effect.expected_share is not None:
                share += f" ({escape(_t('followup-expected-share', lang, share=percent(effect.expected_share, lang)))})"
            name = f"**{escape(effect.id)}** {escape(effect.indicator or effect.description or '')}"
            if effect.unit:
                name += f" ({escape(effect.unit)})"
            lines.append(
                _row(
                    [
                        f"{STATUS_MARK[effect.status]} {escape(_t(f'followup-status-{effect.status}', lang))}",
                        name,
                        num(effect.baseline, lang, 2),
                        values or "–",
                        target,
                        share,
                        effect_sparkline(effect) or STATUS_SYMBOL[effect.status],
                    ]
                )
            )
        lines.append("")

    if result.co_financing:
        lines += [f"**{_t('followup-co-financing-heading', lang)}**", ""]
        lines.append(
            _row(
                [
                    _t("followup-col-principal", lang),
                    _t("followup-col-promised", lang),
                    _t("followup-col-given", lang),
                    _t("followup-col-expected-hours", lang),
                ]
            )
        )
        lines.append("|---|--:|--:|--:|")
        for entry in result.co_financing:
            name = f"{escape(entry.name)} ({escape(entry.principal)})" if entry.name else escape(entry.principal)
            expected = f"{num(entry.expected_hours, lang, 0)} ({percent(entry.elapsed_share, lang)})"
            lines.append(_row([name, num(entry.promised_hours, lang), num(entry.given_hours, lang), expected]))
        lines.append("")
        if result.spent_sek is not None:
            spent = _t(
                "followup-spent", lang, spent=num(result.spent_sek, lang, 0), granted=num(result.granted_sek, lang, 0)
            )
            lines += [escape(spent), ""]

    if latest is not None and (latest.deviations or latest.changes):
        for heading, items in (("followup-deviations", latest.deviations), ("followup-changes", latest.changes)):
            if items:
                lines += [f"**{_t(heading, lang)}**", ""]
                lines += [f"- {escape(item)}" for item in items]
                lines.append("")

    if not result.gaps:
        lines += [_t("no-gaps", lang), ""]
        return lines
    lines += gaps_heading(lang)
    for gap in result.gaps:
        problem = gap.problem
        where = f"{gap.file}:{problem.location.line}:{problem.location.column}"
        lines.append(
            _row(
                [
                    LEVEL_MARK[problem.severity],
                    escape(where),
                    escape(problem.code),
                    escape(problem.message.get(lang)),
                    escape(problem.hint.get(lang)) if problem.hint is not None else "",
                ]
            )
        )
    lines.append("")
    return lines


def render(run: FollowupRun, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    lines = [f"## {_t('followup-markdown-heading', lang)}", "", escape(summary_line(run, lang)), ""]
    for result in run.followups:
        lines += _followup(result, lang)
    return "\n".join(lines).rstrip("\n") + "\n"
