"""Application format 1: its JSON Schema, and the id and reference rules a schema cannot say."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from sicheck import schemas, validation
from sicheck.i18n import Text, msg, suggestion
from sicheck.loader import Document, format_path
from sicheck.model import Problem
from sicheck.swedish import as_id, control_digit_ok, org_digits, org_id
from sicheck.values import value_at

SCHEMA_RESOURCE = "application-1.schema.json"

# Lists whose items carry an id, and the fields that must name one of those ids.
ID_LISTS = ("principals", "effects")
REFERENCES: tuple[tuple[tuple[str | int, ...], str], ...] = (
    (("applicant", "principal"), "principals"),
    (("measurement", "responsible"), "principals"),
    (("continuation", "receiver", "principal"), "principals"),
    (("project_lead", "employer"), "principals"),
)
LIST_REFERENCES: tuple[tuple[str, str, str], ...] = (
    # (list, field in each item, target list)
    ("co_financing", "principal", "principals"),
)
ID_LIST_REFERENCES: tuple[tuple[tuple[str, ...], str], ...] = (
    # a list of ids
    (("measurement", "effects"), "effects"),
)


def schema_document() -> dict[str, Any]:
    """The application schema as shipped (Swedish titles, English under ``x-en``)."""
    return schemas.document(SCHEMA_RESOURCE)


# Past this many, one more problem says how many were left out: a hostile file must not
# make the report (or the time to write it) grow without bound.
MAX_PROBLEMS = 100
# difflib over thousands of ids per broken reference would be quadratic.
MAX_SUGGESTION_CANDIDATES = 500


@dataclass(frozen=True, slots=True)
class Validation:
    """The format problems of an application, and what of it is still usable.

    ``usable`` is the application with every value that breaks the format left out (a key
    removed, a list item replaced by null so that positions stay those of the file), so the
    criteria can still be evaluated on the parts that are valid.
    """

    problems: list[Problem]
    usable: dict[str, Any]


def validate(document: Document) -> list[Problem]:
    return examine(document).problems


def examine(document: Document) -> Validation:
    """Schema errors first, then ids and references, checked on the parts that are valid."""
    found_violations = list(validation.violations(SCHEMA_RESOURCE, document.value))
    problems: list[Problem] = []
    usable: dict[str, Any] = document.value
    if found_violations:
        # In the order of the file, as people read it; messages only for those shown.
        located = sorted(
            ((v.locate(document), index, v) for index, v in enumerate(found_violations)),
            key=lambda item: (item[0].line, item[0].column, item[1]),
        )
        problems = [
            Problem("error", validation.code(v), validation.message(v), location)
            for location, _, v in located[:MAX_PROBLEMS]
        ]
        problems = _capped(problems, len(located), document)
        usable = _without(document.value, [v.path for v in found_violations if _breaks_value(v)])
    usable = _canonical_org_ids(usable)
    found: list[Problem] = []
    total = 0
    # Problems come as recipes: only the ones shown are built, with their "did you mean".
    for make_problem in _structure_problems(document, usable):
        total += 1
        if total <= MAX_PROBLEMS:
            found.append(make_problem())
    return Validation(problems + _capped(found, total, document), usable)


# Keywords about which keys a mapping has: the mapping itself stays usable.
_ABOUT_KEYS = frozenset(("required", "minProperties", "maxProperties", "dependentRequired", "propertyNames"))


def _breaks_value(violation: validation.Violation) -> bool:
    """Whether a violation condemns the value at its path (an unknown key: the key)."""
    return bool(violation.path) and violation.keyword not in _ABOUT_KEYS


def _without(value: Any, paths: list[tuple[str | int, ...]]) -> Any:
    """A copy of ``value`` without what is at ``paths`` (list items become null)."""
    by_first: dict[str | int, list[tuple[str | int, ...]]] = {}
    for path in paths:
        if not path:
            return None
        by_first.setdefault(path[0], []).append(path[1:])
    if isinstance(value, dict):
        copy = dict(value)
        for key, rests in by_first.items():
            if key in copy:
                if any(not rest for rest in rests):
                    del copy[key]  # type: ignore[arg-type]
                else:
                    copy[key] = _without(copy[key], rests)  # type: ignore[index]
        return copy
    if isinstance(value, list):
        items = list(value)
        for index, rests in by_first.items():
            if isinstance(index, int) and 0 <= index < len(items):
                items[index] = None if any(not rest for rest in rests) else _without(items[index], rests)
        return items
    return value


def _capped(problems: list[Problem], total: int, document: Document) -> list[Problem]:
    if total <= MAX_PROBLEMS:
        return problems
    more = Problem(
        "error", "too-many-problems", msg("too-many-problems", count=total - MAX_PROBLEMS), document.locate(())
    )
    return [*problems, more]


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _structure_problems(document: Document, application: dict[str, Any]) -> Iterator[Callable[[], Problem]]:
    known: dict[str, dict[str, int]] = {}
    for list_name in ID_LISTS:
        ids: dict[str, int] = {}
        for index, item in enumerate(_items(application.get(list_name))):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            if item_id in ids:
                first = document.locate((list_name, ids[item_id], "id"))
                yield partial(
                    Problem,
                    "error",
                    "duplicate-id",
                    msg("duplicate-id", id=item_id, field=list_name, first_line=first.line),
                    document.locate((list_name, index, "id")),
                )
            else:
                ids[item_id] = index
        known[list_name] = ids
    candidates = {name: sorted(map(str, ids)) for name, ids in known.items()}
    # People refer to a principal by its name ("Lerums kommun"), not its id ("lerum").
    by_name: dict[str, dict[str, str]] = {list_name: {} for list_name in ID_LISTS}
    for list_name in ID_LISTS:
        for item in _items(application.get(list_name)):
            if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("name"), str):
                by_name[list_name].setdefault(item["name"].strip().lower(), item["id"])

    def check(path: tuple[str | int, ...], target: str) -> Iterator[Callable[[], Problem]]:
        value = value_at(application, path)
        if not isinstance(value, str) or value in known[target]:
            return
        yield partial(broken, path, target, value)

    def broken(path: tuple[str | int, ...], target: str, value: str) -> Problem:
        # difflib costs candidates x length: built only for a shown problem.
        field = format_path(path)
        named = by_name[target].get(value.strip().lower())
        if named is None and len(by_name[target]) <= MAX_SUGGESTION_CANDIDATES:
            close = difflib.get_close_matches(value.strip().lower(), list(by_name[target]), n=1, cutoff=0.8)
            named = by_name[target][close[0]] if close else None
        if named is not None:
            message = msg("reference-name", field=field, id=value, target=target, candidate=named)
        else:
            names = candidates[target]
            hint = suggestion(str(value), names) if len(names) <= MAX_SUGGESTION_CANDIDATES else Text("", "")
            if _ID.fullmatch(value):
                message = msg("reference", field=field, id=value, target=target, suggestion=hint)
            else:
                # An entry cannot have this text as its id: say what an id may hold.
                made = as_id(value) or "id-1"
                message = msg("reference-not-an-id", field=field, id=value, target=target, suggestion=hint, made=made)
        return Problem("error", "reference", message, document.locate(path))

    for path, target in REFERENCES:
        yield from check(path, target)
    for list_name, field, target in LIST_REFERENCES:
        for index, _ in enumerate(_items(application.get(list_name))):
            yield from check((list_name, index, field), target)
    for list_path, target in ID_LIST_REFERENCES:
        for index, _ in enumerate(_items(value_at(application, list_path))):
            yield from check((*list_path, index), target)
    for index, principal in enumerate(_items(application.get("principals"))):
        number = principal.get("org_id") if isinstance(principal, dict) else None
        digits = org_digits(number) if isinstance(number, str) else None  # canonical by now
        if digits is not None and not control_digit_ok(digits):
            path = ("principals", index, "org_id")
            written = value_at(document.value, path)  # as the applicant wrote it
            yield partial(
                Problem,
                "error",
                "org-id",
                msg("org-id-control-digit", field=format_path(path), value=written),
                document.locate(path),
            )


_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _canonical_org_ids(application: dict[str, Any]) -> dict[str, Any]:
    """Organisation numbers as criteria compare them: ``212000-1496`` -> ``SE-ON-2120001496``."""
    principals = application.get("principals")
    if not isinstance(principals, list):
        return application
    changed = []
    for principal in principals:
        number = principal.get("org_id") if isinstance(principal, dict) else None
        canonical = org_id(str(number)) if isinstance(number, (str, int)) and not isinstance(number, bool) else None
        if canonical is not None and canonical != number:
            principal = {**principal, "org_id": canonical}
        changed.append(principal)
    return {**application, "principals": changed}
