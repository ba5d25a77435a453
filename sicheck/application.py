"""Application format 1: its JSON Schema, and the id and reference rules a schema cannot say."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def validate(document: Document) -> list[Problem]:
    """Schema errors first; ids and references only once the shapes are right."""
    found_violations = list(validation.violations(SCHEMA_RESOURCE, document.value))
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
        return _capped(problems, len(located), document)
    found: list[Problem] = []
    total = 0
    # Problems come as recipes: only the ones shown are built, with their "did you mean".
    for make_problem in _structure_problems(document):
        total += 1
        if total <= MAX_PROBLEMS:
            found.append(make_problem())
    return _capped(found, total, document)


def _capped(problems: list[Problem], total: int, document: Document) -> list[Problem]:
    if total <= MAX_PROBLEMS:
        return problems
    more = Problem(
        "error", "too-many-problems", msg("too-many-problems", count=total - MAX_PROBLEMS), document.locate(())
    )
    return [*problems, more]


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
    names = sorted(map(str, ids))
    hint = suggestion(str(value), names)
    return Problem(
        "error",
        "reference",
        msg("reference", field=format_path(path), id=value, target=target, suggestion=hint),
        document.locate(path),
    )


def _structure_problems(document: Document) -> Iterator[Callable[[], Problem]]:
    application = document.value
    known: dict[str, dict[str, int]] = {}
    for list_name in ID_LISTS:
        ids: dict[str, int] = {}
        for index, item in enumerate(application.get(list_name) or []):
            item_id = item.get("id")
            if item_id in ids:
                yield partial(_duplicate_id, document, list_name, ids[item_id], index, item_id)
            else:
                ids[item_id] = index
        known[list_name] = ids

    def check(path: tuple[str | int, ...], target: str) -> Iterator[Callable[[], Problem]]:
        value = value_at(application, path)
        if value is None or value in known[target]:
            return
        yield partial(_broken_reference, document, path, value, target, known[target])

    for path, target in REFERENCES:
        yield from check(path, target)
    for list_name, field, target in LIST_REFERENCES:
        for index, _ in enumerate(application.get(list_name) or []):
            yield from check((list_name, index, field), target)
    for list_path, target in ID_LIST_REFERENCES:
        for index, _ in enumerate(value_at(application, list_path) or []):
            yield from check((*list_path, index), target)
