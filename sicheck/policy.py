"""When a run fails: the one rule that the exit code and every CI format share.

``--fail-under``, ``--strict`` and ``--exit-zero`` are resolved once, by the command
layer, into a `RunPolicy`. The runner asks it whether each application fails the run,
and so do the JUnit, SARIF, GitHub and Markdown formats, so what a pull request shows as
a failure is always what made the exit code 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


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

    def exit_code(self, failed: bool) -> int:
        """0 or 1: ``--exit-zero`` reports failures but never fails the job."""
        return 0 if self.exit_zero or not failed else 1


__all__ = ["RunPolicy", "Scored"]
