"""Read follow-up report files: the safe loader, the follow-up JSON Schema, then values.

Follow-up reports come from projects, so they are untrusted input like applications:
the same loader and limits, and every problem a `Problem` with a line and column, never
an exception. The schema is validated by jsonschema (Draft 2020-12, with its format
checker, so an impossible date is an error on its own line), built once per process.
A report with any problem here is not counted at all, so no figure in a follow-up rests
on a half-read file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sicheck import schemas, validation
from sicheck.followup.model import CoFinancingEntry, EffectResult, FollowupFile, FollowupReport, Measurement
from sicheck.i18n import msg
from sicheck.kinds import FOLLOWUP_MAX_FILE_SIZE
from sicheck.loader import Document, Limits, load_yaml
from sicheck.model import Location, Problem
from sicheck.values import value_at

SCHEMA_RESOURCE = "followup-1.schema.json"

# A report is a few kilobytes; a project measuring weekly for years stays well inside.
FOLLOWUP_LIMITS = Limits(max_file_size=FOLLOWUP_MAX_FILE_SIZE, max_depth=16, max_aliases=0, max_nodes=20_000)
# Past this many, the rest are summed up in one problem (as for applications).
MAX_PROBLEMS = 100

# The loader's messages for these speak of applications; a project needs to hear of reports.
_LOADER_MESSAGES = {
    "empty": "followup-empty",
    "not-mapping": "followup-not-mapping",
    "multiple-documents": "followup-multiple-documents",
}


def schema_document() -> dict[str, Any]:
    """The follow-up schema as shipped (Swedish titles, English under ``x-en``)."""
    return schemas.document(SCHEMA_RESOURCE)


def _schema_problem(document: Document, violation: validation.Violation) -> Problem:
    # An effect id under measurements or results is a key, checked by propertyNames:
    # jsonschema reports the key as the value at the mapping's path. Point at the key.
    at = value_at(document.value, violation.path)
    if isinstance(at, dict) and isinstance(violation.value, str) and violation.value in at:
        key = violation.value
        message = msg("followup-bad-id", key=validation.show_value(key))
        return Problem("error", "schema", message, document.locate_key((*violation.path, key)))
    return validation.problem(document, violation)


def _schema_problems(document: Document) -> list[Problem]:
    problems: list[Problem] = []
    total = 0
    for violation in validation.violations(SCHEMA_RESOURCE, document.value):
        total += 1
        if total <= MAX_PROBLEMS:
            problems.append(_schema_problem(document, violation))
    # In the order of the file, as a reader fixes them.
    problems.sort(key=lambda p: (p.location.line, p.location.column))
    if total > MAX_PROBLEMS:
        more = msg("too-many-problems", count=total - MAX_PROBLEMS)
        problems.append(Problem("error", "too-many-problems", more, document.locate(())))
    return problems


def load_followup(path: str | Path, shown: str | None = None) -> FollowupFile:
    """Load one follow-up file; every failure is a problem in the returned value."""
    from sicheck.reading import read, shown_name

    return load_followup_bytes(read(str(path), FOLLOWUP_LIMITS.max_file_size), shown or shown_name(str(path)))


def load_followup_bytes(data: bytes | Problem, name: str) -> FollowupFile:
    loaded = load_yaml(data, FOLLOWUP_LIMITS, messages=_LOADER_MESSAGES)
    if loaded.document is None:
        assert loaded.problem is not None
        return FollowupFile(name, None, (loaded.problem,))
    document = loaded.document
    problems = _schema_problems(document)
    if problems:
        return FollowupFile(name, None, tuple(problems))
    report = _build(document, name)
    if report.period_end < report.period_start:
        message = msg("followup-period-order", start=report.period_start.isoformat(), end=report.period_end.isoformat())
        return FollowupFile(name, None, (Problem("error", "schema", message, document.locate(("period", "end"))),))
    return FollowupFile(name, report)


def _day(text: Any) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(item for item in (value or []) if isinstance(item, str) and item.strip())


def _build(document: Document, name: str) -> FollowupReport:
    value = document.value
    measurements: list[Measurement] = []
    effect_keys: list[tuple[str, Location]] = []
    for effect_id, entries in (value.get("measurements") or {}).items():
        effect_keys.append((effect_id, document.locate_key(("measurements", effect_id))))
        for index, entry in enumerate(entries or []):
            measurements.append(
                Measurement(
                    effect=effect_id,
                    date=date.fromisoformat(entry["date"]),
                    value=float(entry["value"]),
                    source=_text(entry.get("source")),
                    comment=_text(entry.get("comment")),
                    file=name,
                    location=document.locate(("measurements", effect_id, index)),
                )
            )
    results: dict[str, EffectResult] = {}
    for effect_id, entry in (value.get("results") or {}).items():
        effect_keys.append((effect_id, document.locate_key(("results", effect_id))))
        entry = entry or {}
        results[effect_id] = EffectResult(
            target_reached=entry.get("target_reached"),
            measured_after_by=_text(entry.get("measured_after_by")),
            comment=_text(entry.get("comment")),
            location=document.locate_key(("results", effect_id)),
        )
    co_financing: tuple[CoFinancingEntry, ...] | None = None
    if value.get("co_financing") is not None:
        co_financing = tuple(
            CoFinancingEntry(
                principal=str(entry.get("principal") or ""),
                hours=float(entry["hours"]) if entry.get("hours") is not None else None,
                comment=_text(entry.get("comment")),
                location=document.locate(("co_financing", index)),
            )
            for index, entry in enumerate(value["co_financing"])
        )
    period = value["period"]
    spent = value.get("spent_sek")
    return FollowupReport(
        file=name,
        application=value["application"].strip(),
        application_location=document.locate(("application",)),
        period_start=date.fromisoformat(period["start"]),
        period_end=date.fromisoformat(period["end"]),
        period_location=document.locate_key(("period",)),
        date=_day(value.get("date")),
        final=value.get("final") is True,
        final_location=document.locate_key(("final",)) if "final" in value else document.locate(()),
        status=_text(value.get("status")),
        measurements=tuple(sorted(measurements, key=lambda m: m.date)),
        measurements_location=(
            document.locate_key(("measurements",)) if "measurements" in value else document.locate(())
        ),
        co_financing=co_financing,
        co_financing_location=(
            document.locate_key(("co_financing",)) if "co_financing" in value else document.locate(())
        ),
        spent_sek=float(spent) if spent is not None else None,
        deviations=_texts(value.get("deviations")),
        changes=_texts(value.get("changes")),
        results=results,
        results_location=document.locate_key(("results",)) if "results" in value else document.locate(()),
        effect_keys=tuple(effect_keys),
    )


def followup_files(paths: list[str]) -> list[tuple[str, str]]:
    """``(path to read, name to show)`` for every follow-up file named or found below a folder."""
    from sicheck.reading import collect

    # The same collection rules as review files: *.yaml/*.yml below folders, sorted, no duplicates.
    return collect(paths, require_any=False)
