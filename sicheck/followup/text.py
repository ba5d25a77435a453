"""The follow-up in a terminal: per effect its way from baseline to target, then the gaps.

Application and report texts go into rich as `Text` (never markup) after
`sanitize.visible`/`one_line`, with the console every renderer shares. In a terminal each
effect gets a sparkline of its baseline and measurements.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text as RichText

from sicheck.followup.model import EffectProgress, FollowupResult, FollowupRun
from sicheck.followup.schedule import Frequency
from sicheck.i18n import msg
from sicheck.numbers import format_number, format_percent
from sicheck.render.console import finished, make_console
from sicheck.sanitize import one_line, visible
from sicheck.symbols import SEVERITY_STYLE

STATUS_SYMBOL = {"on-track": "✔", "behind": "✘", "not-measured": "○", "cannot-tell": "?"}
STATUS_STYLE = {"on-track": "green", "behind": "red", "not-measured": "red", "cannot-tell": "yellow"}
_BARS = "▁▂▃▄▅▆▇█"


def _t(message_id: str, lang: str, **params: object) -> str:
    return msg(message_id, **params).get(lang)


def sparkline(values: list[float], low: float, high: float) -> str:
    """One block character per value, scaled between ``low`` and ``high``."""
    if high <= low:
        return _BARS[len(_BARS) // 2] * len(values)
    steps = len(_BARS) - 1
    return "".join(_BARS[round((min(high, max(low, v)) - low) / (high - low) * steps)] for v in values)


def effect_sparkline(effect: EffectProgress) -> str:
    """The baseline, then each measurement; scaled so that the target is in range too."""
    values = [m.value for m in effect.measurements]
    if effect.baseline is not None:
        values = [effect.baseline, *values]
    if not values:
        return ""
    scale = values + ([effect.target] if effect.target is not None else [])
    return sparkline(values, min(scale), max(scale))


def frequency_line(frequency: Frequency | None, text: str | None, lang: str) -> str:
    from sicheck.followup.analysis import frequency_text

    if frequency is not None:
        return frequency_text(frequency).get(lang)
    if text is not None:
        return _t("followup-frequency-free", lang, text=one_line(text))
    return "–"


def num(value: float | None, lang: str, decimals: int = 1) -> str:
    return format_number(value, lang, decimals, grouping=True)


def percent(value: float | None, lang: str) -> str:
    return format_percent(value, lang, 0)


def _header(console: Console, result: FollowupResult, lang: str) -> None:
    title = one_line(result.title) if result.title else _t("untitled", lang)
    console.print(RichText(_t("followup-heading", lang, title=title), style="bold"))
    facts = RichText("  ")
    facts.append(f"{_t('followup-application', lang)}: ", style="dim")
    facts.append(visible(result.application_file))
    if result.start or result.end:
        facts.append(f"   {_t('followup-project-time', lang)}: ", style="dim")
        facts.append(f"{result.start or '?'} – {result.end or '?'}")
    console.print(facts)
    if not result.application_valid:
        return
    facts = RichText("  ")
    facts.append(f"{_t('followup-as-of', lang)}: ", style="dim")
    facts.append(str(result.as_of) if result.as_of else _t("followup-no-reports", lang))
    facts.append(f"   {_t('followup-frequency', lang)}: ", style="dim")
    facts.append(frequency_line(result.frequency, result.frequency_text, lang))
    console.print(facts)
    for report in result.reports:
        line = RichText("  ")
        line.append(f"{_t('followup-report', lang)}: ", style="dim")
        line.append(visible(report.file))
        if report.period_start and report.period_end:
            line.append(f"  {report.period_start} – {report.period_end}")
        if report.final:
            line.append(f"  ({_t('followup-final', lang)})", style="bold")
        if not report.counted:
            line.append(f"  {_t('followup-not-counted', lang)}", style="red")
        console.print(line)
    latest = result.latest_report
    if latest is not None and latest.status:
        console.print(RichText(f"  {_t('followup-status', lang)}:", style="dim"))
        console.print(Padding(RichText(visible(latest.status), style="italic"), (0, 0, 0, 4), expand=False))


# Below this width the effect table has no room for its texts: each effect gets a block.
TABLE_MIN_WIDTH = 96


def _effects_stacked(console: Console, result: FollowupResult, lang: str, terminal: bool) -> None:
    for effect in result.effects:
        head = RichText(STATUS_SYMBOL[effect.status] + " ", style=STATUS_STYLE[effect.status])
        head.append(_t(f"followup-status-{effect.status}", lang), style=STATUS_STYLE[effect.status])
        head.append(f"  {effect.id} ", style="bold")
        head.append(one_line(effect.indicator or effect.description or ""))
        if effect.unit:
            head.append(f" ({one_line(effect.unit)})", style="dim")
        console.print(head)
        values = [num(effect.baseline, lang, 2), *(num(m.value, lang, 2) for m in effect.measurements)]
        line = RichText(" → ".join(values))
        line.append(f"  {_t('followup-col-target', lang).lower()} {num(effect.target, lang, 2)}")
        if effect.expected_by:
            line.append(f" ({effect.expected_by})")
        if terminal:
            line.append("  ")
            line.append(effect_sparkline(effect), style=STATUS_STYLE[effect.status])
        console.print(Padding(line, (0, 0, 0, 4), expand=False))
        facts = RichText(f"{_t('followup-col-share', lang)}: {percent(effect.share, lang)}", style="dim")
        if effect.expected_share is not None:
            facts.append(" (" + _t("followup-expected-share", lang, share=percent(effect.expected_share, lang)) + ")")
        if effect.latest is not None:
            facts.append(", " + _t("followup-latest", lang, date=effect.latest.date))
        if effect.missing:
            facts.append(", ")
            facts.append(_t("followup-missing-count", lang, count=effect.missing), style="red")
        console.print(Padding(facts, (0, 0, 0, 4), expand=False))


def _effects(console: Console, result: FollowupResult, lang: str, terminal: bool) -> None:
    if not result.effects:
        return
    if console.width < TABLE_MIN_WIDTH:
        _effects_stacked(console, result, lang, terminal)
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column(_t("followup-col-status", lang), no_wrap=True)
    table.add_column(_t("followup-col-effect", lang))
    table.add_column(_t("followup-col-baseline", lang), justify="right", no_wrap=True)
    table.add_column(_t("followup-col-measurements", lang))
    table.add_column(_t("followup-col-target", lang), justify="right")
    table.add_column(_t("followup-col-share", lang), justify="right", no_wrap=True)
    if terminal:
        table.add_column("", no_wrap=True)
    for effect in result.effects:
        status = RichText(STATUS_SYMBOL[effect.status] + " ", style=STATUS_STYLE[effect.status])
        status.append(_t(f"followup-status-{effect.status}", lang))
        name = RichText(f"{effect.id} ", style="bold")
        name.append(one_line(effect.indicator or effect.description or ""))
        if effect.unit:
            name.append(f" ({one_line(effect.unit)})", style="dim")
        values = RichText(" → ".join(num(m.value, lang, 2) for m in effect.measurements))
        if effect.latest is not None:
            values.append("\n" + _t("followup-latest", lang, date=effect.latest.date), style="dim")
        if effect.missing:
            values.append(
                ("\n" if effect.measurements else "") + _t("followup-missing-count", lang, count=effect.missing),
                style="red",
            )
        target = num(effect.target, lang, 2)
        if effect.expected_by:
            target += f"\n{effect.expected_by}"
        share = percent(effect.share, lang)
        if effect.expected_share is not None:
            share += "\n" + _t("followup-expected-share", lang, share=percent(effect.expected_share, lang))
        row: list[RichText | str] = [status, name, num(effect.baseline, lang, 2), values, target, share]
        if terminal:
            row.append(RichText(effect_sparkline(effect), style=STATUS_STYLE[effect.status]))
        table.add_row(*row)
    console.print(table)


def _co_financing(console: Console, result: FollowupResult, lang: str) -> None:
    if not result.co_financing:
        return
    console.print()
    console.print(RichText(_t("followup-co-financing-heading", lang), style="bold underline"))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column(_t("followup-col-principal", lang))
    table.add_column(_t("followup-col-promised", lang), justify="right")
    table.add_column(_t("followup-col-given", lang), justify="right")
    table.add_column(_t("followup-col-expected-hours", lang), justify="right")
    for entry in result.co_financing:
        name = RichText(entry.principal, style="bold")
        if entry.name and console.width >= TABLE_MIN_WIDTH:
            name.append(f" {one_line(entry.name)}")
        expected = f"{num(entry.expected_hours, lang, 0)} ({percent(entry.elapsed_share, lang)})"
        table.add_row(name, num(entry.promised_hours, lang), num(entry.given_hours, lang), expected)
    console.print(table)
    if result.spent_sek is not None:
        granted = num(result.granted_sek, lang, 0)
        console.print(
            RichText("  " + _t("followup-spent", lang, spent=num(result.spent_sek, lang, 0), granted=granted))
        )


def _gaps(console: Console, result: FollowupResult, lang: str) -> None:
    console.print(RichText(_t("heading-gaps", lang), style="bold underline"))
    if not result.gaps:
        console.print(RichText("  " + _t("no-gaps", lang), style="green"))
    for entry in result.gaps:
        problem = entry.problem
        line = RichText("  ")
        line.append(f"{visible(entry.file)}:{problem.location.line}:{problem.location.column}", style="cyan")
        line.append("  ")
        line.append(_t(f"severity-{problem.severity}", lang), style=SEVERITY_STYLE[problem.severity])
        line.append(f"  {problem.code}", style="dim")
        console.print(line)
        console.print(Padding(RichText(visible(problem.message.get(lang))), (0, 0, 0, 6), expand=False))
        if problem.hint is not None:
            hint = RichText("→ " + visible(problem.hint.get(lang)), style="italic")
            console.print(Padding(hint, (0, 0, 0, 6), expand=False))


def summary_line(run: FollowupRun, lang: str) -> str:
    effects = sum(len(r.effects) for r in run.followups)
    on_track = sum(r.on_track for r in run.followups)
    errors = sum(r.errors for r in run.followups)
    warnings = sum(r.warnings for r in run.followups)
    return _t("followup-summary", lang, on_track=on_track, effects=effects, errors=errors, warnings=warnings)


def render(run: FollowupRun, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    for result in run.followups:
        _header(console, result, lang)
        console.print()
        _effects(console, result, lang, run.sparklines)
        _co_financing(console, result, lang)
        console.print()
        _gaps(console, result, lang)
        console.print()
    console.print(RichText(_t("heading-summary", lang), style="bold underline"))
    console.print(RichText("  " + summary_line(run, lang)))
    return finished(buffer, color)
