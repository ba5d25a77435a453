"""A follow-up report template for one funded application, for the project to fill in.

It is written from the application's own promises: one list per effect to measure, with
the indicator, baseline, target and ``expected_by`` beside it, one line per principal that
promised co-financing hours, and the first period. Filled in, it is a valid follow-up
report; as written, it already is one (with nothing reported yet).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sicheck.followup.analysis import frequency_text, plan_of
from sicheck.followup.schedule import add_months, windows
from sicheck.i18n import msg, number_text
from sicheck.reviews.template import _yaml_string
from sicheck.sanitize import one_line

SCHEMA_ID = "https://sicheck.dev/schemas/followup-1.schema.json"


def followup_template(application_path: str | Path, lang: str = "sv", *, file_name: str | None = None) -> str:
    """The template text; an application that cannot be read still gets one, without its promises."""

    def t(message_id: str, **params: object) -> str:
        return msg(message_id, **params).get(lang)

    path = str(application_path)
    plan = plan_of(path)
    shown_file = file_name or "uppfoljning.yaml"
    lines = [
        f"# yaml-language-server: $schema={SCHEMA_ID}",
        f"# {t('followup-template-heading', application=one_line(path), file=one_line(shown_file))}",
    ]
    if plan is not None and plan.title:
        lines.append(f"# {t('followup-application')}: {one_line(plan.title)}")
    if plan is not None and plan.frequency is not None:
        lines.append(f"# {t('followup-template-measure-every', frequency=frequency_text(plan.frequency).get(lang))}")
    lines += [
        "",
        "format: 1",
        f"application: {_yaml_string(Path(path).name)}",
    ]
    start = plan.start if plan is not None else None
    end = plan.end if plan is not None else None
    if start is None or end is None:
        # No dates to start from: a placeholder half-year the project corrects.
        start, end = date(2000, 1, 1), date(2000, 6, 30)
    # The first period: the first measurement window, or the first half-year.
    first = windows(plan.frequency, start, end) if plan is not None and plan.frequency is not None else []
    period_end = first[0].end if first else min(end, add_months(start, 6) - timedelta(days=1))
    lines += [
        f"period: {{start: {start.isoformat()}, end: {period_end.isoformat()}}}   # {t('followup-template-period')}",
        f"date:                      # {t('followup-template-date')}",
        f"final: false               # {t('followup-template-final')}",
        f'status: ""                 # {t("followup-template-status")}',
        f"# {t('followup-template-measurements')}",
        "measurements:",
    ]
    effects = plan.effects if plan is not None else ()
    measured = set(plan.measured) if plan is not None else set()
    for effect in effects:
        if effect.id not in measured:
            continue
        note = t(
            "followup-template-effect",
            id=effect.id,
            indicator=one_line(effect.indicator or effect.description or ""),
            baseline=number_text(effect.baseline).get(lang),
            target=number_text(effect.target).get(lang),
            expected_by=effect.expected_by or "–",
        )
        lines.append(f"  # {note}")
        lines.append(f'  {_yaml_string(effect.id)}: []   # - {{date: , value: , source: ""}}')
    if not effects:
        lines[-1] = "measurements: {}"
    lines.append(f"# {t('followup-template-co-financing')}")
    promised = plan.promised_hours if plan is not None else {}
    if promised:
        lines.append("co_financing:")
        for principal, hours in promised.items():
            note = t("followup-template-principal", id=one_line(principal), promised=number_text(hours).get(lang))
            lines.append(f"  - {{principal: {_yaml_string(principal)}, hours: }}   # {note}")
    else:
        lines.append("co_financing: []")
    lines += [
        f"spent_sek:                 # {t('followup-template-spent')}",
        f"deviations: []             # {t('followup-template-deviations')}",
        f"changes: []                # {t('followup-template-changes')}",
        f"# {t('followup-template-results')}",
        "# results:",
    ]
    for effect in effects:
        lines.append(f"#   {_yaml_string(effect.id)}: {{target_reached: , measured_after_by: }}")
    return "\n".join(lines) + "\n"
