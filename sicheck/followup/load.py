"""Read follow-up report files: the safe loader, the follow-up JSON Schema, then values.

Follow-up reports come from projects, so they are untrusted input like applications:
the same loader and limits, and every problem a `Problem` with a line and column, never
an exception. The schema is validated by jsonschema (Draft 2020-12, with its format
checker, so an impossible date is an error on its own line), built once per process.
A report with any problem here is not counted at all, so no figure in a follow-up rests
on a half-read file.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sicheck import schemas
from sicheck.followup.model import CoFinancingEntry, EffectResult, FollowupFile, FollowupReport, Measurement
from sicheck.i18n import Text, msg
from sicheck.loader import Document, Limits, load_yaml
from sicheck.model import Location, Problem
from sicheck.schema import SchemaError, _type_names, finish, json_type, show_value, suggestion

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

SCHEMA_RESOURCE = "followup-1.schema.json"

# A report is a few kilobytes; a project measuring weekly for years stays well inside.
FOLLOWUP_LIMITS = Limits(max_file_size=512 * 1024, max_depth=16, max_aliases=0, max_nodes=20_000)
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


@cache
def validator() -> Validator:
    """The follow-up schema's validator, built once: jsonschema re-checks a schema per call otherwise."""
    from jsonschema import Draft202012Validator, FormatChecker

    schema = schema_document()
    Draft202012Validator.check_schema(schema)
    checker: Validator = Draft202012Validator(schema, format_checker=FormatChecker(["date"]))
    return checker


def _schema_error(error: ValidationError) -> SchemaError:
    """A jsonschema error as a path and a bilingual message, in the words of the application's schema step."""
    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.instance
    field = "{field}"
    if "propertyNames" in error.absolute_schema_path:
        # The key itself is wrong (jsonschema reports it as the instance): point at it.
        key = value if isinstance(value, str) else "?"
        return SchemaError((*path, key), "schema", msg("followup-bad-id", key=show_value(key)), True)
    if kind == "additionalProperties" and isinstance(value, dict):
        schema = error.schema
        known = sorted(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        for key in value:
            if key not in known and not any(re.search(p, key) for p in patterns):
                message = msg("schema-unknown-key", key=key, suggestion=suggestion(str(key), known))
                return SchemaError((*path, key), "unknown-key", message, True)
    if kind == "required":
        missing = next((k for k in error.validator_value if isinstance(value, dict) and k not in value), "?")
        return SchemaError(path, "schema", msg("schema-required", key=missing, field=field))
    if kind == "type":
        names = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        found = msg(f"type-{json_type(value)}")
        return SchemaError(path, "schema", msg("schema-type", field=field, expected=_type_names(names), found=found))
    if kind == "enum":
        allowed = list(error.validator_value)
        shown = ", ".join(show_value(a) for a in allowed if a is not None)
        words = [a for a in allowed if isinstance(a, str)]
        hint = suggestion(value, words) if isinstance(value, str) else Text("", "")
        return SchemaError(
            path, "schema", msg("schema-enum", field=field, value=show_value(value), allowed=shown, suggestion=hint)
        )
    if kind == "format":
        return SchemaError(path, "schema", msg("schema-date", field=field, value=show_value(value)))
    if kind == "minimum":
        bound = error.validator_value
        return SchemaError(
            path, "schema", msg("schema-minimum", field=field, minimum=bound, maximum=bound, value=value)
        )
    return SchemaError(path, "schema", msg("schema-pattern", field=field, value=show_value(value)))


def _schema_problems(document: Document) -> list[Problem]:
    errors = list(validator().iter_errors(document.value))
    problems = []
    for error in errors[:MAX_PROBLEMS]:
        mapped = _schema_error(error)
        location = document.locate_key(mapped.path) if mapped.at_key else document.locate(mapped.path)
        problems.append(Problem("error", mapped.code, finish(mapped), location))
    # In the order of the file, as a reader fixes them.
    problems.sort(key=lambda p: (p.location.line, p.location.column))
    if len(errors) > MAX_PROBLEMS:
        more = msg("too-many-problems", count=len(errors) - MAX_PROBLEMS)
        problems.append(Problem("error", "too-many-problems", more, document.locate(())))
    return problems


def load_followup(path: str | Path, shown: str | None = None) -> FollowupFile:
    """Load one follow-up file; every failure is a problem in the returned value."""
    name = shown or str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        problem = Problem("error", "file-unreadable", msg("file-not-found"), Location("", 1, 1))
        return FollowupFile(name, None, (problem,))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        problem = Problem("error", "file-unreadable", msg("file-unreadable", reason=reason), Location("", 1, 1))
        return FollowupFile(name, None, (problem,))
    return load_followup_bytes(data, name)


def load_followup_bytes(data: bytes, name: str) -> FollowupFile:
    loaded = load_yaml(data, FOLLOWUP_LIMITS)
    if loaded.document is None:
        problem = loaded.problem
        assert problem is not None
        if problem.code in _LOADER_MESSAGES:
            problem = replace(problem, message=msg(_LOADER_MESSAGES[problem.code]))
        return FollowupFile(name, None, (problem,))
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
    from sicheck.reviews import review_files

    # The same collection rules as review files: *.yaml/*.yml below folders, sorted, no duplicates.
    return review_files(paths)
