"""Application format 1: its JSON Schema, and the id and reference rules a schema cannot say."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from sicheck import schemas, validation
from sicheck.i18n import msg, suggestion
from sicheck.loader import Document, format_path
from sicheck.model import Problem
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


def _duplicate_id(document: Document, list_name: str, first: int, index: int, item_id: Any) -> Problem:
    first_line = document.locate((list_name, first, "id")).line
    return Problem(
        "error",
        "duplicate-id",
        msg("duplicate-id", id=item_id, field=list_name, first_line=first_line),
        document.locate((list_name, index, "id")),
    )


def _broken_reference(
    document: Document, path: tuple[str | int, ...], value: Any, target: str, ids: dict[str, int]
) -> Problem:
    # difflib costs candidates x length: only for a shown problem, against a capped list.
    hint = suggestion(str(value), sorted(map(str, ids)))
    return Problem(
        "error",
        "reference",
        msg("reference", field=format_path(path), id=value, target=target, suggestion=hint),
        document.locate(path),
    )


def _structure_problems(document: Document, application: dict[str, Any]) -> Iterator[Callable[[], Problem]]:
    known: dict[str, dict[str, int]] = {}
    for list_name in ID_LISTS:
        ids: dict[str, int] = {}
        for index, item in enumerate(_items(application.get(list_name))):
            item_id = item.get("id") if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            if item_id in ids:
                yield partial(_duplicate_id, document, list_name, ids[item_id], index, item_id)
            else:
                ids[item_id] = index
        known[list_name] = ids

    def check(path: tuple[str | int, ...], target: str) -> Iterator[Callable[[], Problem]]:
        value = value_at(application, path)
        if not isinstance(value, str) or value in known[target]:
            return
        yield partial(_broken_reference, document, path, value, target, known[target])

    for path, target in REFERENCES:
        yield from check(path, target)
    for list_name, field, target in LIST_REFERENCES:
        for index, _ in enumerate(_items(application.get(list_name))):
            yield from check((list_name, index, field), target)
    for list_path, target in ID_LIST_REFERENCES:
        for index, _ in enumerate(_items(value_at(application, list_path))):
            yield from check((*list_path, index), target)
