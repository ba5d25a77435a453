"""The values a follow-up passes from the analysis to its formats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from sicheck.followup.schedule import Frequency
from sicheck.model import Location, Problem

# on-track: the latest value is at least as far from the baseline toward the target as a
# straight line from the baseline at the project's start to the target at expected_by;
# behind: it is not; not-measured: no measurement yet; cannot-tell: the application
# lacks the baseline, the target, expected_by or the start to draw that line.
EffectStatus = Literal["on-track", "behind", "not-measured", "cannot-tell"]
EFFECT_STATUSES: tuple[EffectStatus, ...] = ("on-track", "behind", "not-measured", "cannot-tell")


@dataclass(frozen=True, slots=True)
class Measurement:
    """One measured value of an effect, from one follow-up report."""

    effect: str
    date: date
    value: float
    source: str | None
    comment: str | None
    file: str
    location: Location


@dataclass(frozen=True, slots=True)
class EffectResult:
    """What a final report says about one effect."""

    target_reached: bool | None
    measured_after_by: str | None
    comment: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class CoFinancingEntry:
    """The hours a principal reports as given, in one follow-up report."""

    principal: str
    hours: float | None
    comment: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class FollowupReport:
    """One follow-up report file that follows the follow-up schema."""

    file: str
    application: str
    application_location: Location
    period_start: date
    period_end: date
    period_location: Location
    date: date | None
    final: bool
    final_location: Location
    status: str | None
    measurements: tuple[Measurement, ...]
    measurements_location: Location
    co_financing: tuple[CoFinancingEntry, ...] | None
    co_financing_location: Location
    spent_sek: float | None
    deviations: tuple[str, ...]
    changes: tuple[str, ...]
    results: dict[str, EffectResult]
    results_location: Location
    # (key, location) of every effect id the report names, for checking them against the application
    effect_keys: tuple[tuple[str, Location], ...]


@dataclass(frozen=True, slots=True)
class FollowupFile:
    """The outcome of loading one follow-up file: a report, or the problems that stop it."""

    file: str
    report: FollowupReport | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Gap:
    """Something missing or wrong in the follow-up, in the file where it belongs."""

    file: str
    problem: Problem


@dataclass(frozen=True, slots=True)
class Effect:
    """An effect the application promises, and where its id stands in the application."""

    id: str
    description: str | None
    indicator: str | None
    unit: str | None
    baseline: float | None
    target: float | None
    expected_by: date | None
    location: Location


@dataclass(frozen=True, slots=True)
class EffectProgress(Effect):
    """A promised effect, and how far the reports show it has come."""

    measurements: tuple[Measurement, ...]
    status: EffectStatus
    # Of the latest value: percent of the way from baseline to target, and the percent a
    # straight line from the start to expected_by asks for on its date.
    share: float | None
    expected_share: float | None
    expected_value: float | None
    result: EffectResult | None
    due: int  # measurements due by the structured frequency so far
    missing: int  # of those, how many have no measurement

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None


@dataclass(frozen=True, slots=True)
class CoFinancingProgress:
    """A principal's promised co-financing against what the reports say was given."""

    principal: str
    name: str | None
    promised_hours: float
    given_hours: float | None  # None: not reported
    expected_hours: float  # the promised hours in proportion to the time elapsed
    elapsed_share: float  # 0–100, percent of the project's time at the report's period end
    file: str | None  # the report the given hours come from


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """One follow-up report as the project's follow-up lists it."""

    file: str
    period_start: date | None
    period_end: date | None
    final: bool
    status: str | None
    counted: bool  # False when the report has problems that stop it from being used
    spent_sek: float | None = None
    deviations: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowupResult:
    """One application and every report on it, checked against its own promises."""

    application_file: str
    title: str | None
    start: date | None
    end: date | None
    as_of: date | None  # the end of the latest counted report's period
    frequency: Frequency | None
    frequency_text: str | None
    reports: tuple[ReportSummary, ...]
    effects: tuple[EffectProgress, ...]
    co_financing: tuple[CoFinancingProgress, ...]
    spent_sek: float | None
    granted_sek: float | None
    gaps: tuple[Gap, ...]
    application_valid: bool = True

    @property
    def errors(self) -> int:
        return sum(g.problem.severity == "error" for g in self.gaps)

    @property
    def warnings(self) -> int:
        return sum(g.problem.severity == "warning" for g in self.gaps)

    @property
    def on_track(self) -> int:
        return sum(e.status == "on-track" for e in self.effects)

    @property
    def latest_report(self) -> ReportSummary | None:
        counted = [r for r in self.reports if r.counted and r.period_end is not None]
        return max(counted, key=lambda r: (r.period_end, r.final)) if counted else None

    @property
    def refusals(self) -> tuple[Gap, ...]:
        """The problems that keep a report from being counted at all (or the application from being read)."""
        if not self.application_valid:
            return self.gaps
        refused = {r.file for r in self.reports if not r.counted}
        return tuple(g for g in self.gaps if g.file in refused)

    def fails(self, *, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)


@dataclass(frozen=True, slots=True)
class FollowupRun:
    """Everything a format needs: each application's follow-up, in order."""

    followups: tuple[FollowupResult, ...]
    version: str
    strict: bool = False
    sparklines: bool = False  # output goes to a terminal: the text format draws a sparkline per effect

    @property
    def failed(self) -> bool:
        """Whether a follow-up has a gap that fails the run (with ``strict``, a warning too)."""
        return any(r.fails(strict=self.strict) for r in self.followups)
