"""The follow-up as JSON: per application its effects, co-financing, reports and gaps."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sicheck.followup.model import FollowupResult, FollowupRun, Gap
from sicheck.render.json_format import _location, _problem


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _round(value: float | None) -> float | None:
    # Shares are for reading, not for arithmetic: two decimals are plenty.
    return None if value is None else round(value, 2)


def gap(entry: Gap, lang: str) -> dict[str, Any]:
    """A gap as the check's JSON gives a problem, after its file; a follow-up has no criterion."""
    shown = _problem(entry.problem, lang)
    del shown["criterion"]
    return {"file": entry.file, **shown}


def followup(result: FollowupResult, lang: str) -> dict[str, Any]:
    """One application's follow-up as a JSON object; shared with the call report."""
    latest = result.latest_report
    return {
        "application": {"file": result.application_file, "title": result.title, "valid": result.application_valid},
        "project": {"start": _day(result.start), "end": _day(result.end)},
        "as_of": _day(result.as_of),
        "frequency": ({"every": result.frequency.every, "unit": result.frequency.unit} if result.frequency else None),
        "frequency_text": result.frequency_text,
        "latest_status": latest.status if latest else None,
        "final": bool(latest and latest.final),
        "effects_on_track": result.on_track,
        "effects": [
            {
                "id": e.id,
                "description": e.description,
                "indicator": e.indicator,
                "unit": e.unit,
                "baseline": e.baseline,
                "target": e.target,
                "expected_by": _day(e.expected_by),
                "measurements": [
                    {
                        "date": m.date.isoformat(),
                        "value": m.value,
                        "source": m.source,
                        "comment": m.comment,
                        "file": m.file,
                        "location": _location(m.location),
                    }
                    for m in e.measurements
                ],
                "status": e.status,
                "share": _round(e.share),
                "expected_share": _round(e.expected_share),
                "expected_value": _round(e.expected_value),
                "due": e.due,
                "missing": e.missing,
                "result": (
                    {"target_reached": e.result.target_reached, "measured_after_by": e.result.measured_after_by}
                    if e.result
                    else None
                ),
            }
            for e in result.effects
        ],
        "co_financing": [
            {
                "principal": c.principal,
                "promised_hours": c.promised_hours,
                "given_hours": c.given_hours,
                "expected_hours": _round(c.expected_hours),
                "elapsed_share": _round(c.elapsed_share),
            }
            for c in result.co_financing
        ],
        "spent_sek": result.spent_sek,
        "granted_sek": result.granted_sek,
        "reports": [
            {
                "file": r.file,
                "period": {"start": _day(r.period_start), "end": _day(r.period_end)},
                "final": r.final,
                "counted": r.counted,
                "status": r.status,
                "spent_sek": r.spent_sek,
                "deviations": list(r.deviations),
                "changes": list(r.changes),
            }
            for r in result.reports
        ],
        "gaps": [gap(g, lang) for g in result.gaps],
    }


def document(run: FollowupRun, lang: str) -> dict[str, Any]:
    followups = [followup(r, lang) for r in run.followups]
    return {
        "tool": {"name": "sicheck", "version": run.version},
        "followups": followups,
        "summary": summary(run),
    }


def summary(run: FollowupRun) -> dict[str, int]:
    return {
        "applications": len(run.followups),
        "effects": sum(len(r.effects) for r in run.followups),
        "on_track": sum(r.on_track for r in run.followups),
        "errors": sum(r.errors for r in run.followups),
        "warnings": sum(r.warnings for r in run.followups),
    }


def render(run: FollowupRun, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return json.dumps(document(run, lang), ensure_ascii=False, indent=2) + "\n"
