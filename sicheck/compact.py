"""What a run keeps of each result until its format is written: only what the format shows,
and each text that many results share, once.

Formats that are not streamed need every result at the end (a total at the top, a
ranking). A result as the checker makes it holds every check of every criterion, with
the criteria file's texts in both languages; one that came back from a worker process
holds its own copy of each of those texts. For twenty thousand applications that is
gigabytes. So a format says which checks it shows (`ChecksShown`), the worker drops the
others before the result is sent back, and the main process keeps one copy of each
value that results hold alike (criterion titles, check texts, hints, the criteria set).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Literal, TypeVar

from sicheck.i18n import Text
from sicheck.model import ApplicationResult, CheckResult, CriterionResult, Location, Problem

# Which of a criterion's checks a format shows: every one (JSON), only those that fail
# (Markdown, HTML: "what is missing"), or none (the rest show a criterion's status and
# the problems, never the checks themselves).
ChecksShown = Literal["all", "failing", "none"]

Value = TypeVar("Value")


def pruned(result: ApplicationResult, checks: ChecksShown) -> ApplicationResult:
    """The result with only the checks a format shows."""
    if checks == "all" or not result.criteria:
        return result
    criteria = tuple(
        replace(c, checks=tuple(k for k in c.checks if checks == "failing" and not k.passed)) for c in result.criteria
    )
    return replace(result, criteria=criteria)


class SharedValues:
    """One copy of each value that results hold alike, for results kept to the end of a run."""

    def __init__(self) -> None:
        self._values: dict[object, object] = {}

    def _one(self, value: Value) -> Value:
        kept: Value = self._values.setdefault(value, value)  # type: ignore[assignment]
        return kept

    def _text(self, text: Text | None) -> Text | None:
        return None if text is None else self._one(text)

    def _location(self, location: Location) -> Location:
        return Location(sys.intern(location.path), location.line, location.column)

    def _check(self, check: CheckResult) -> CheckResult:
        return CheckResult(
            sys.intern(check.id),
            check.passed,
            check.severity,
            self._one(check.message),
            self._one(check.hint),
            self._location(check.location),
        )

    def _criterion(self, criterion: CriterionResult) -> CriterionResult:
        kept = CriterionResult(
            sys.intern(criterion.id),
            self._one(criterion.title),
            criterion.required,
            criterion.status,
            criterion.points,
            criterion.max_points,
            tuple(self._check(check) for check in criterion.checks),
        )
        # Without checks (located, so unlike in each application) a criterion's result
        # is the same in many applications: keep it once.
        return kept if kept.checks else self._one(kept)

    def _problem(self, problem: Problem) -> Problem:
        return Problem(
            problem.severity,
            sys.intern(problem.code),
            self._one(problem.message),
            self._location(problem.location),
            None if problem.criterion is None else sys.intern(problem.criterion),
            self._text(problem.hint),
            self._text(problem.item),
        )

    def result(self, result: ApplicationResult) -> ApplicationResult:
        """The same result, holding the shared copy of every value it has in common with others."""
        return ApplicationResult(
            file=result.file,
            title=result.title,
            criteria_set=None if result.criteria_set is None else self._one(result.criteria_set),
            verdict=result.verdict,
            score=result.score,
            criteria=tuple(self._criterion(c) for c in result.criteria),
            problems=tuple(self._problem(p) for p in result.problems),
        )


__all__ = ["ChecksShown", "SharedValues", "pruned"]
