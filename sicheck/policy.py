"""When a run fails: the one rule that the exit code and every CI format share.

``--fail-under``, ``--strict`` and ``--exit-zero`` are resolved once, by the command
layer, into a `RunPolicy`. The runner asks it whether each application fails the run,
and so do the JUnit, SARIF, GitHub and Markdown formats, so what a pull request shows as
a failure is always what made the exit code 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sicheck.model import ApplicationResult, Problem, Severity


class Scored(Protocol):
    """What the policy needs to know of one checked application."""

    @property
    def verdict(self) -> str: ...

    @property
    def score(self) -> float | None: ...

    @property
    def has_warnings(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class RunPolicy:
    """Which applications fail a run, and what the run then exits with."""

    fail_under: float | None = None
    strict: bool = False
    exit_zero: bool = False

    def under_threshold(self, result: Scored) -> bool:
        """Whether the score fails ``--fail-under`` (an invalid file has no score, so it does)."""
        return self.fail_under is not None and (result.score is None or result.score < self.fail_under)

    def fails(self, result: Scored) -> bool:
        """Whether this application makes the run fail: not eligible, under the threshold,
        or (with ``--strict``) warned."""
        return result.verdict != "eligible" or self.under_threshold(result) or (self.strict and result.has_warnings)

    def level(self, result: ApplicationResult, gap: Problem) -> Severity:
        """The level a CI format gives one gap: ``error`` exactly when the gap fails the run.

        An error (a failing required check, a file problem, a score under ``--fail-under``)
        always fails the application; a warning does only under ``--strict``, and is then an
        error in every format too.
        """
        if result.level(gap) == "error" or self.strict:
            return "error"
        return "warning"

    def exit_code(self, failed: bool) -> int:
        """0 or 1: ``--exit-zero`` reports failures but never fails the job."""
        return 0 if self.exit_zero or not failed else 1


__all__ = ["RunPolicy", "Scored"]
