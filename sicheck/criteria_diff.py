"""What changed between two criteria sets: criteria and checks added, removed and changed.

A funder publishes a change as a new version of its set; `diff` is how applicants and
expert groups see what the new version asks for that the old one did not. The result
is data (frozen dataclasses); `sicheck.criteria_view` turns it into text or JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sicheck.criteria import Check, CriteriaSet, Criterion, Quote
from sicheck.i18n import Text

# A value that changed: a bilingual text, a number, a flag, a rule mapping or None.
Value = Any


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of a set, a criterion or a check, with its old and new value."""

    field: str
    old: Value
    new: Value


@dataclass(frozen=True, slots=True)
class CheckSummary:
    """A check that was added or removed, as much as a reader needs to recognise it."""

    id: str
    severity: str
    text: Text


@dataclass(frozen=True, slots=True)
class CriterionSummary:
    """A criterion that was added or removed."""

    id: str
    title: Text
    required: bool
    weight: float
    checks: tuple[CheckSummary, ...]


@dataclass(frozen=True, slots=True)
class CheckChange:
    """A check found in both versions, with the fields that changed."""

    id: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class CriterionChange:
    """A criterion found in both versions: its own changes and those of its checks."""

    id: str
    title: Text  # the new title, to name the criterion
    changes: tuple[FieldChange, ...]
    checks_added: tuple[CheckSummary, ...]
    checks_removed: tuple[CheckSummary, ...]
    checks_changed: tuple[CheckChange, ...]


@dataclass(frozen=True, slots=True)
class CriteriaDiff:
    """What changed from one version of a criteria set to another."""

    old: str  # id@version
    new: str
    set_changes: tuple[FieldChange, ...]
    added: tuple[CriterionSummary, ...]
    removed: tuple[CriterionSummary, ...]
    changed: tuple[CriterionChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.set_changes or self.added or self.removed or self.changed)


def _changes(pairs: list[tuple[str, Value, Value]]) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(name, old, new) for name, old, new in pairs if old != new)


def _check_summary(check: Check) -> CheckSummary:
    return CheckSummary(check.id, check.severity, check.text)


def _criterion_summary(criterion: Criterion) -> CriterionSummary:
    return CriterionSummary(
        criterion.id,
        criterion.title,
        criterion.required,
        criterion.weight,
        tuple(_check_summary(c) for c in criterion.checks),
    )


def _own_why(check: Check, criterion: Criterion) -> Text | None:
    """The check's own why; one it only inherits is compared with its criterion."""
    return check.why if check.why != criterion.why else None


def _quote(quote: Quote | None) -> Text | None:
    # Shown as a bilingual value: the source's words, then their place.
    if quote is None:
        return None
    return Text(f"”{quote.text}” ({quote.place.sv})", f"”{quote.text}” ({quote.place.en})")


def _check_change(old: Check, new: Check, old_criterion: Criterion, new_criterion: Criterion) -> CheckChange | None:
    changes = _changes(
        [
            ("severity", old.severity, new.severity),
            ("basis", old.basis, new.basis),
            ("quote", _quote(old.quote), _quote(new.quote)),
            ("reading", old.reading, new.reading),
            ("points", old.points, new.points),
            ("rule", old.spec, new.spec),
            ("text", old.text, new.text),
            # the hint as written; its why-line is compared with the why
            ("hint", old.advice or old.hint, new.advice or new.hint),
            ("why", _own_why(old, old_criterion), _own_why(new, new_criterion)),
        ]
    )
    return CheckChange(new.id, changes) if changes else None


def _criterion_change(old: Criterion, new: Criterion) -> CriterionChange | None:
    changes = _changes(
        [
            ("title", old.title, new.title),
            ("requirement", old.requirement, new.requirement),
            ("source", old.source, new.source),
            ("quote", _quote(old.quote), _quote(new.quote)),
            ("required", old.required, new.required),
            ("weight", old.weight, new.weight),
            ("why", old.why, new.why),
            ("example", old.example, new.example),
        ]
    )
    old_checks = {c.id: c for c in old.checks}
    new_checks = {c.id: c for c in new.checks}
    added = tuple(_check_summary(c) for c in new.checks if c.id not in old_checks)
    removed = tuple(_check_summary(c) for c in old.checks if c.id not in new_checks)
    changed = tuple(
        change
        for c in new.checks
        if c.id in old_checks
        for change in [_check_change(old_checks[c.id], c, old, new)]
        if change is not None
    )
    if not (changes or added or removed or changed):
        return None
    return CriterionChange(new.id, new.title, changes, added, removed, changed)


def diff(old: CriteriaSet, new: CriteriaSet) -> CriteriaDiff:
    """Everything that differs between ``old`` and ``new``, in the new set's order."""
    set_changes = _changes(
        [
            ("id", old.id, new.id),
            ("version", old.version, new.version),
            ("title", old.title, new.title),
            ("description", old.description, new.description),
            ("source", old.source, new.source),
            ("valid_from", old.valid_from, new.valid_from),
        ]
    )
    old_criteria = {c.id: c for c in old.criteria}
    new_ids = {c.id for c in new.criteria}
    added = tuple(_criterion_summary(c) for c in new.criteria if c.id not in old_criteria)
    removed = tuple(_criterion_summary(c) for c in old.criteria if c.id not in new_ids)
    changed = tuple(
        change
        for c in new.criteria
        if c.id in old_criteria
        for change in [_criterion_change(old_criteria[c.id], c)]
        if change is not None
    )
    return CriteriaDiff(old.key, new.key, set_changes, added, removed, changed)
