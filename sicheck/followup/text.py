"""The follow-up in a terminal: per effect its way from baseline to target, then the gaps.

Application and report texts go into rich as `Text` (never markup) after
`sanitize.visible`/`one_line`, with the console every renderer shares. In a terminal each
effect gets a sparkline of its baseline and measurements.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from sicheck.followup.model import EffectProgress, FollowupResult, FollowupRun
from sicheck.followup.schedule import Frequency
from sicheck.i18n import msg_text as _t
from sicheck.numbers import format_number, format_percent
from sicheck.render.console import finished, make_console, paragraph
from sicheck.render.gaps import rule_name
from sicheck.sanitize import one_line, visible
from sicheck.symbols import SEVERITY_STYLE

STATUS_SYMBOL = {"on-track": "✔", "behind": "✘", "not-measured": "○", "cannot-tell": "?"}
STATUS_STYLE = {"on-track": "green", "behind": "red", "not-measured": "red", "cannot-tell": "yellow"}
_BARS = "▁▂▃▄▅▆▇█"


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
    paragraph(console, RichText(_t("followup-heading", lang, title=title), style="bold"), hang=2)
    facts = RichText("  ")
    facts.append(f"{_t('followup-application', lang)}: ", style="dim")
    facts.append(visible(result.application_file))
    if result.start or result.end:
        facts.append(f"   {_t('followup-project-time', lang)}: ", style="dim")
        facts.append(f"{result.start or '?'} – {result.end or '?'}")
    paragraph(console, facts, hang=4)
    if not result.application_valid:
        return
    facts = RichText("  ")
    facts.append(f"{_t('followup-as-of', lang)}: ", style="dim")
    facts.append(str(result.as_of) if result.as_of else _t("followup-no-reports", lang))
    facts.append(f"   {_t('followup-frequency', lang)}: ", style="dim")
    facts.append(frequency_line(result.frequency, result.frequency_text, lang))
    paragraph(console, facts, hang=4)
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
        paragraph(console, line, hang=4)
    latest = result.latest_report
    if latest is not None and latest.status:
        paragraph(console, RichText(f"  {_t('followup-status', lang)}:", style="dim"), hang=4)
        paragraph(console, RichText(visible(latest.status), style="italic"), indent=4, hang=0)


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
        paragraph(console, head, hang=4)
        values = [num(effect.baseline, lang, 2), *(num(m.value, lang, 2) for m in effect.measurements)]
        line = RichText(" → ".join(values))
        line.append(f"  {_t('followup-col-target', lang).lower()} {num(effect.target, lang, 2)}")
        if effect.expected_by:
            line.append(f" ({effect.expected_by})")
        if terminal:
            line.append("  ")
            line.append(effect_sparkline(effect), style=STATUS_STYLE[effect.status])
        paragraph(console, line, indent=4, hang=2)
        facts = RichText(f"{_t('followup-col-share', lang)}: {percent(effect.share, lang)}", style="dim")
        if effect.expected_share is not None:
            facts.append(" (" + _t("followup-expected-share", lang, share=percent(effect.expected_share, lang)) + ")")
        if effect.latest is not None:
            facts.append(", " + _t("followup-latest", lang, date=effect.latest.date))
        if effect.missing:
            facts.append(", ")
            facts.append(_t("followup-missing-count", lang, count=effect.missing), style="red")
        paragraph(console, facts, indent=4, hang=2)


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
    paragraph(console, RichText(_t("followup-co-financing-heading", lang), style="bold underline"), hang=2)
    columns = [_t(f"followup-col-{name}", lang) for name in ("promised", "given", "expected-hours")]
    wide = console.width >= TABLE_MIN_WIDTH
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    table.add_column(_t("followup-col-principal", lang))
    for column in columns:
        table.add_column(column, justify="right")
    for entry in result.co_financing:
        # The party by its name, then its id: the id is what a report writes.
        name = RichText(one_line(entry.name) if entry.name else entry.principal, style="bold")
        if entry.name:
            name.append(f" ({entry.principal})", style="dim")
        expected = f"{num(entry.expected_hours, lang, 0)} ({percent(entry.elapsed_share, lang)})"
        values = [num(entry.promised_hours, lang), num(entry.given_hours, lang), expected]
        if wide:
            table.add_row(name, *values)
            continue
        # Too narrow for the table's columns: each party gets a block.
        paragraph(console, name, indent=2, hang=2)
        facts = RichText("; ".join(f"{column}: {value}" for column, value in zip(columns, values, strict=True)))
        paragraph(console, facts, indent=4, hang=2)
    if wide:
        console.print(table)
    if result.spent_sek is not None:
        granted = num(result.granted_sek, lang, 0)
        spent = _t("followup-spent", lang, spent=num(result.spent_sek, lang, 0), granted=granted)
        paragraph(console, RichText("  " + spent), hang=4)


def _gaps(console: Console, result: FollowupResult, lang: str) -> None:
    paragraph(console, RichText(_t("heading-gaps", lang), style="bold underline"), hang=2)
    if not result.gaps:
        paragraph(console, RichText("  " + _t("no-gaps", lang), style="green"), hang=4)
    for entry in result.gaps:
        problem = entry.problem
        line = RichText("  ")
        line.append(f"{visible(entry.file)}:{problem.location.line}:{problem.location.column}", style="cyan")
        line.append("  ")
        line.append(_t(f"severity-{problem.severity}", lang), style=SEVERITY_STYLE[problem.severity])
        line.append(f"  {rule_name(problem.code).get(lang)}", style="bold")
        paragraph(console, line, hang=4)
        paragraph(console, RichText(visible(problem.message.get(lang))), indent=6, hang=0)
        if problem.hint is not None:
            hint = RichText("→ " + visible(problem.hint.get(lang)), style="italic")
            paragraph(console, hint, indent=6, hang=2)


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
    paragraph(console, RichText(_t("heading-summary", lang), style="bold underline"), hang=2)
    paragraph(console, RichText("  " + summary_line(run, lang)), hang=4)
    return finished(buffer, color)
