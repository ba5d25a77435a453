"""The values that pass between sicheck's layers: locations, problems and results."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sicheck.i18n import Text, format_number, msg
from sicheck.policy import RunPolicy

if TYPE_CHECKING:
    from sicheck.criteria import CriteriaSet

Severity = Literal["error", "warning"]
Status = Literal["met", "partial", "missing"]
Verdict = Literal["eligible", "ineligible", "invalid"]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an application: the dotted field path and a 1-based line and column."""

    path: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong or missing in one application, with where it is and what to do."""

    severity: Severity
    code: str
    message: Text
    location: Location
    criterion: str | None = None
    hint: Text | None = None
    # The list item a gap is about, as people name it ("effects E2"); the message names it too.
    item: Text | None = None


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check's outcome for one application, located at the field it reads."""

    id: str
    passed: bool
    severity: Severity
    message: Text
    hint: Text
    location: Location


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """One criterion's outcome: its status, its points and its checks."""

    id: str
    title: Text
    required: bool
    status: Status
    points: float
    max_points: float
    checks: tuple[CheckResult, ...]

    def points_text(self, lang: str) -> str:
        """Points as people read them (0,5/1); a criterion that is not required never counts: –."""
        if not self.required:
            return "–"
        return f"{format_number(self.points, lang, 2)}/{format_number(self.max_points, lang, 2)}"


@dataclass(frozen=True, slots=True)
class CriteriaSetRef:
    """The criteria set an application was checked against, as results name it."""

    id: str
    version: str
    title: Text


@dataclass(frozen=True, slots=True)
class ApplicationResult:
    """The outcome of checking one file."""

    file: str
    title: str | None
    criteria_set: CriteriaSetRef | None
    verdict: Verdict
    score: float | None
    criteria: tuple[CriterionResult, ...] = ()
    problems: tuple[Problem, ...] = ()

    def level(self, problem: Problem) -> Severity:
        """How a problem counts: an error only if it can make the application ineligible or
        invalid. A failing check of a criterion that is not required is advice, a warning,
        whatever its severity in the criteria file."""
        if problem.severity == "error" and problem.criterion is not None:
            criterion = next((c for c in self.criteria if c.id == problem.criterion), None)
            if criterion is not None and not criterion.required:
                return "warning"
        return problem.severity

    @property
    def has_warnings(self) -> bool:
        """Whether any problem counts as a warning: what ``--strict`` fails."""
        return any(self.level(p) == "warning" for p in self.problems)


@dataclass(frozen=True, slots=True)
class RunSummary:
    """How many applications a run checked, and how they came out."""

    applications: int = 0
    eligible: int = 0
    ineligible: int = 0
    invalid: int = 0
    under_threshold: int = 0
    warned: int = 0

    def line(self) -> Text:
        """The run's counts in one sentence, as every format ends with it."""
        return msg(
            "summary-line",
            applications=self.applications,
            eligible=self.eligible,
            ineligible=self.ineligible,
            invalid=self.invalid,
        )

    def add(self, result: ApplicationResult, *, under_threshold: bool) -> RunSummary:
        return self.add_counts(result.verdict, under_threshold=under_threshold, warned=result.has_warnings)

    def add_counts(self, verdict: str, *, under_threshold: bool, warned: bool) -> RunSummary:
        return RunSummary(
            applications=self.applications + 1,
            eligible=self.eligible + (verdict == "eligible"),
            ineligible=self.ineligible + (verdict == "ineligible"),
            invalid=self.invalid + (verdict == "invalid"),
            under_threshold=self.under_threshold + under_threshold,
            warned=self.warned + warned,
        )


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a renderer needs: the results in order, the run's summary, the policy
    that decides which of them fail, and the criteria sets they were checked against."""

    results: tuple[ApplicationResult, ...]
    summary: RunSummary
    version: str
    policy: RunPolicy = field(default_factory=RunPolicy)
    criteria_sets: tuple[CriteriaSet, ...] = ()
    # The folder that CI formats make paths relative to (the repository root); None: the
    # working directory.
    source_root: Path | None = None
    # The longest Markdown report, in characters (--max-size); None: no limit.
    max_size: int | None = None
