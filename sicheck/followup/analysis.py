"""Hold follow-up reports against the promises of the application they follow up.

The application already says what a follow-up needs: effects with a baseline, a target
and ``expected_by``; how often it measures and which effects; the co-financing hours each
principal promised; a start and an end. This module reads the application, takes the
reports that can be counted, and works out per effect how far it has come and whether it
is on track, and the gaps: due measurements that are missing, effects never measured,
co-financing behind the time elapsed, a late report that is not final, and a final
report that names no one to measure afterwards. Nothing here prints or exits.

Dates never come from the clock: "by now" is the end of the latest report's period, so
the same files give the same answer on any day.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from sicheck import application
from sicheck.followup.model import (
    CoFinancingProgress,
    Effect,
    EffectProgress,
    EffectStatus,
    FollowupFile,
    FollowupReport,
    FollowupResult,
    Gap,
    Measurement,
    ReportSummary,
)
from sicheck.followup.schedule import Frequency, Window, due_windows, parse_frequency
from sicheck.i18n import MAX_WORD, Text, msg, number_text, suggestion
from sicheck.loader import Document, Limits, load_yaml
from sicheck.model import ApplicationResult, Location, Problem
from sicheck.reading import read, real_path
from sicheck.reviews.merging import ApplicationIndex

# Co-financing is behind when the hours given are under this share of the promised hours
# in proportion to the time elapsed: projects give time in lumps, not by the day.
CO_FINANCING_TOLERANCE = 0.8
# Missing windows listed in one message; the rest are counted.
MAX_LISTED_WINDOWS = 4


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the application promised, read once."""

    file: str
    title: str | None
    start: date | None
    end: date | None
    effects: tuple[Effect, ...]
    measured: tuple[str, ...]  # the effects the frequency applies to
    frequency: Frequency | None
    frequency_text: str | None
    frequency_location: Location
    principals: dict[str, str | None]
    promised_hours: dict[str, float]
    granted_sek: float | None
    document: Document


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _plan(document: Document, name: str) -> _Plan:
    value = document.value
    project = value.get("project") or {}
    effects = tuple(
        Effect(
            id=str(item["id"]),
            description=_text(item.get("description")),
            indicator=_text(item.get("indicator")),
            unit=_text(item.get("unit")),
            baseline=_number(item.get("baseline")),
            target=_number(item.get("target")),
            expected_by=_day(item.get("expected_by")),
            location=document.locate(("effects", index, "id")),
        )
        for index, item in enumerate(value.get("effects") or [])
    )
    measurement = value.get("measurement") or {}
    named = [e for e in (measurement.get("effects") or []) if isinstance(e, str)]
    frequency_value = measurement.get("frequency")
    if isinstance(frequency_value, dict):
        frequency_text = _text(frequency_value.get("description"))
    else:
        frequency_text = _text(frequency_value)
    if "frequency" in measurement:
        frequency_location = document.locate(("measurement", "frequency"))
    else:
        frequency_location = document.locate(("measurement",))
    promised: dict[str, float] = {}
    for entry in value.get("co_financing") or []:
        hours = _number(entry.get("hours"))
        if isinstance(entry.get("principal"), str) and hours:
            promised[entry["principal"]] = promised.get(entry["principal"], 0.0) + hours
    principals = {
        str(p["id"]): _text(p.get("name")) for p in value.get("principals") or [] if isinstance(p.get("id"), str)
    }
    budget = value.get("budget") or {}
    return _Plan(
        file=name,
        title=_text(project.get("title")),
        start=_day(project.get("start")),
        end=_day(project.get("end")),
        effects=effects,
        measured=tuple(named) if named else tuple(e.id for e in effects),
        frequency=parse_frequency(frequency_value),
        frequency_text=frequency_text,
        frequency_location=frequency_location,
        principals=principals,
        promised_hours=promised,
        granted_sek=_number(budget.get("requested_sek")),
        document=document,
    )


def _gap(
    file: str, code: str, message: Text, location: Location, severity: str = "error", hint: Text | None = None
) -> Gap:
    return Gap(file, Problem("error" if severity == "error" else "warning", code, message, location, hint=hint))


# --- matching a report to its application ------------------------------------------


_ID_PARTS = re.compile(r"([A-Za-z]*)[\s_.-]*0*([0-9]+)")


def id_suggestion(given: str, known: Sequence[str]) -> Text:
    """ "Menade du …?" for an effect id: "e1", "E01" and "E-1" mean E1, which difflib misses
    in ids this short; otherwise the closest id, as everywhere else."""
    loose = _ID_PARTS.fullmatch(given.strip())
    if loose is not None:
        for candidate in known:
            other = _ID_PARTS.fullmatch(candidate)
            if other is not None and (loose[1].casefold(), loose[2]) == (other[1].casefold(), other[2]):
                return msg("did-you-mean", candidate=candidate)
    close = suggestion(given, list(known))
    if close.sv or not known or len(given) > MAX_WORD:
        return close
    # An effect id is short and the application has few: the nearest one is always worth naming.
    nearest = max(
        known, key=lambda candidate: difflib.SequenceMatcher(None, given.casefold(), candidate.casefold()).ratio()
    )
    return msg("did-you-mean", candidate=nearest)


def _report_problems(report: FollowupReport, plan: _Plan, index: ApplicationIndex) -> Iterator[Problem]:
    """Why a report cannot be counted against this application (nothing when it can)."""
    if not index.find(report.application, real_path(report.file).parent):
        message = msg("followup-other-application", given=report.application, application=plan.file)
        yield Problem("error", "followup-application", message, report.application_location)
        return
    effect_ids = [e.id for e in plan.effects]
    shown = ", ".join(effect_ids) or "–"
    for key, location in report.effect_keys:
        if key not in effect_ids:
            hint = id_suggestion(key, effect_ids)
            message = msg("followup-unknown-effect", id=key, known=shown, suggestion=hint)
            yield Problem("error", "followup-unknown-effect", message, location)
    principal_ids = sorted(plan.principals)
    named: list[tuple[str, Location]] = [(c.principal, c.location) for c in report.co_financing or ()]
    named += [(r.measured_after_by, r.location) for r in report.results.values() if r.measured_after_by]
    for principal, location in named:
        if principal not in plan.principals:
            hint = suggestion(principal, principal_ids)
            message = msg("followup-unknown-principal", id=principal, known=", ".join(principal_ids), suggestion=hint)
            yield Problem("error", "followup-unknown-principal", message, location)


# --- effects ------------------------------------------------------------------------


def _progress(
    effect: Effect, start: date | None, measurements: tuple[Measurement, ...]
) -> tuple[EffectStatus, float | None, float | None, float | None]:
    """Status, share of the way, the share the straight line asks for, and the value it asks for."""
    if not measurements:
        return "not-measured", None, None, None
    if effect.baseline is None or effect.target is None or effect.expected_by is None or start is None:
        return "cannot-tell", None, None, None
    latest = measurements[-1]
    span = (effect.expected_by - start).days
    elapsed = 1.0 if span <= 0 else min(1.0, max(0.0, (latest.date - start).days / span))
    distance = effect.target - effect.baseline
    expected_value = effect.baseline + distance * elapsed
    if distance == 0:
        on_track = latest.value == effect.target
        share = 100.0 if on_track else None
    else:
        share = (latest.value - effect.baseline) / distance * 100
        # Toward the target counts, whichever way the target lies (up for grades, down for absence).
        on_track = (latest.value - expected_value) * (1 if distance > 0 else -1) >= -1e-9 * abs(distance)
    return ("on-track" if on_track else "behind"), share, elapsed * 100, expected_value


def _window_text(window: Window) -> str:
    return f"{window.start.isoformat()}–{window.end.isoformat()}"


def frequency_text(frequency: Frequency) -> Text:
    """``{every: 3, unit: month}`` as people say it."""
    if frequency.every == 1:
        return msg(f"followup-every-{frequency.unit}")
    return msg(f"followup-every-n-{frequency.unit}", n=frequency.every)


def _missing_gaps(
    plan: _Plan, effect: Effect, missing: list[Window], reports: Sequence[FollowupReport]
) -> Iterator[Gap]:
    """One gap per report that should have held the missing measurements (or the application)."""
    assert plan.frequency is not None
    groups: dict[str | None, list[Window]] = {}
    for window in missing:
        holder = next((r for r in reports if r.period_start <= window.end <= r.period_end), None)
        groups.setdefault(holder.file if holder else None, []).append(window)
    for file, windows in groups.items():
        listed = ", ".join(_window_text(w) for w in windows[:MAX_LISTED_WINDOWS])
        more = len(windows) - MAX_LISTED_WINDOWS
        message = msg(
            "followup-missing-measurement",
            id=effect.id,
            count=len(windows),
            windows=listed,
            more=msg("followup-and-more", count=more) if more > 0 else Text("", ""),
            frequency=frequency_text(plan.frequency),
        )
        hint = msg("followup-missing-measurement-hint", id=effect.id)
        if file is None:
            yield _gap(plan.file, "followup-missing-measurement", message, plan.frequency_location, hint=hint)
            continue
        report = next(r for r in reports if r.file == file)
        location = dict(report.effect_keys).get(effect.id, report.measurements_location)
        yield _gap(file, "followup-missing-measurement", message, location, hint=hint)


# --- the whole follow-up ------------------------------------------------------------


def _not_followed(name: str, title: str | None, gaps: Sequence[Gap], files: Sequence[str]) -> FollowupResult:
    """A follow-up that cannot be made, for want of an application to hold ``files`` against: its gaps only."""
    return FollowupResult(
        application_file=name,
        title=title,
        start=None,
        end=None,
        as_of=None,
        frequency=None,
        frequency_text=None,
        reports=tuple(ReportSummary(file, None, None, False, None, False) for file in files),
        effects=(),
        co_financing=(),
        spent_sek=None,
        granted_sek=None,
        gaps=tuple(gaps),
        application_valid=False,
    )


def _application(application_path: str, limits: Limits) -> tuple[Document | None, Sequence[Problem]]:
    """The application's document, and its problems (then it is not followed up); None when it cannot be read."""
    source = read(application_path, limits.max_file_size)
    if isinstance(source, Problem):
        return None, [source]
    loaded = load_yaml(source, limits)
    if loaded.document is None:
        assert loaded.problem is not None
        return None, [loaded.problem]
    return loaded.document, application.validate(loaded.document)


def follow_up(
    application_path: str, files: Sequence[FollowupFile], *, shown: str | None = None, limits: Limits | None = None
) -> FollowupResult:
    """Check loaded follow-up files against the application at ``application_path``."""
    name = shown or application_path
    document, problems = _application(application_path, limits or Limits())
    if document is None or problems:
        title = None
        if document is not None:
            project = document.value.get("project")
            if isinstance(project, dict) and isinstance(project.get("title"), str):
                title = project["title"]
        gaps = [Gap(name, p) for p in problems]
        invalid = msg("followup-application-invalid")
        gaps.append(_gap(name, "followup-application-invalid", invalid, Location("", 1, 1)))
        return _not_followed(name, title, gaps, [f.file for f in files])
    return analyse(_plan(document, name), files, application_path)


def unmatched(loaded: FollowupFile, applications: Sequence[str]) -> FollowupResult:
    """A report that cannot be paired with an application: its problems, or that it found none."""
    if loaded.report is None:
        return _not_followed(loaded.file, None, [Gap(loaded.file, p) for p in loaded.problems], [loaded.file])
    report = loaded.report
    names = sorted({Path(a).name for a in applications})
    hint = suggestion(Path(report.application).name, names)
    message = msg("followup-application-not-found", given=report.application, suggestion=hint)
    gap = _gap(loaded.file, "followup-application", message, report.application_location)
    return _not_followed(report.application, None, [gap], [loaded.file])


def plan_of(application_path: str, limits: Limits | None = None) -> _Plan | None:
    """What the application at ``application_path`` promised, or None if it cannot be read."""
    document, problems = _application(application_path, limits or Limits())
    return _plan(document, application_path) if document is not None and not problems else None


def analyse(plan: _Plan, files: Sequence[FollowupFile], application_path: str) -> FollowupResult:
    gaps: list[Gap] = []
    summaries: list[ReportSummary] = []
    counted: list[FollowupReport] = []
    index = ApplicationIndex([ApplicationResult(application_path, plan.title, None, "eligible", None)])
    for loaded in files:
        report = loaded.report
        problems = list(loaded.problems) if report is None else list(_report_problems(report, plan, index))
        gaps.extend(Gap(loaded.file, p) for p in problems)
        if report is None or problems:
            summaries.append(
                ReportSummary(
                    loaded.file,
                    report.period_start if report else None,
                    report.period_end if report else None,
                    report.final if report else False,
                    report.status if report else None,
                    counted=False,
                )
            )
            continue
        counted.append(report)
        summaries.append(
            ReportSummary(
                report.file,
                report.period_start,
                report.period_end,
                report.final,
                report.status,
                counted=True,
                spent_sek=report.spent_sek,
                deviations=report.deviations,
                changes=report.changes,
            )
        )
    counted.sort(key=lambda r: (r.period_end, r.final, r.file))
    as_of = counted[-1].period_end if counted else None
    any_final = any(r.final for r in counted)

    # A report after the project's end that is not final.
    if plan.end is not None:
        for report in counted:
            late = report.period_end > plan.end or (report.period_end == plan.end and not any_final)
            if late and not report.final:
                message = msg(
                    "followup-late-not-final", end=plan.end.isoformat(), period_end=report.period_end.isoformat()
                )
                gaps.append(_gap(report.file, "followup-not-final", message, report.final_location))

    # Measurements from every counted report, oldest first; the same one given twice counts once.
    seen: set[tuple[str, date, float]] = set()
    by_effect: dict[str, list[Measurement]] = {}
    for report in counted:
        for measurement in report.measurements:
            if measurement.date > report.period_end:
                # A value from after the period cannot have been known when it was reported:
                # it is not counted, so it cannot put an effect on track.
                message = msg(
                    "followup-measurement-after-period",
                    id=measurement.effect,
                    date=measurement.date.isoformat(),
                    end=report.period_end.isoformat(),
                )
                gaps.append(_gap(report.file, "followup-measurement-date", message, measurement.location))
                continue
            key = (measurement.effect, measurement.date, measurement.value)
            if key not in seen:
                seen.add(key)
                by_effect.setdefault(measurement.effect, []).append(measurement)
    final_reports = [r for r in counted if r.final]
    final_report = final_reports[-1] if final_reports else None

    effects: list[EffectProgress] = []
    for effect in plan.effects:
        measurements = tuple(sorted(by_effect.get(effect.id, []), key=lambda m: m.date))
        status, share, expected_share, expected_value = _progress(effect, plan.start, measurements)
        due: list[Window] = []
        missing: list[Window] = []
        if plan.frequency is not None and plan.start and plan.end and as_of and effect.id in plan.measured:
            due = due_windows(plan.frequency, plan.start, plan.end, as_of)
            missing = [w for w in due if not any(w.holds(m.date) for m in measurements)]
            gaps.extend(_missing_gaps(plan, effect, missing, counted))
        if counted and not measurements and not missing:
            # Never measured: a gap once a measurement is clearly owed, not in the first weeks.
            owed = final_report is not None or (
                effect.expected_by is not None and as_of is not None and as_of >= effect.expected_by
            )
            if owed:
                latest = counted[-1]
                message = msg(
                    "followup-never-measured",
                    id=effect.id,
                    line=effect.location.line,
                    indicator=effect.indicator or effect.description or effect.id,
                )
                hint = msg("followup-never-measured-hint", id=effect.id)
                gaps.append(
                    _gap(latest.file, "followup-never-measured", message, latest.measurements_location, hint=hint)
                )
        result = final_report.results.get(effect.id) if final_report else None
        effects.append(
            EffectProgress(
                **{promised.name: getattr(effect, promised.name) for promised in fields(Effect)},
                measurements=measurements,
                status=status,
                share=share,
                expected_share=expected_share,
                expected_value=expected_value,
                result=result,
                due=len(due),
                missing=len(missing),
            )
        )

    # A final report states, per effect, whether the target was reached and who measures afterwards.
    if final_report is not None:
        for effect in plan.effects:
            result = final_report.results.get(effect.id)
            location = result.location if result else final_report.results_location
            # (not stated, the gap's code, its message, its hint)
            statements = (
                (
                    result is None or result.target_reached is None,
                    "followup-final-result",
                    "followup-final-no-result",
                    "followup-final-result-hint",
                ),
                (
                    result is None or result.measured_after_by is None,
                    "followup-after-end",
                    "followup-final-no-after",
                    "followup-final-after-hint",
                ),
            )
            for absent, code, message_id, hint_id in statements:
                if absent:
                    message, hint = msg(message_id, id=effect.id), msg(hint_id, id=effect.id)
                    gaps.append(_gap(final_report.file, code, message, location, hint=hint))

    co_financing = _co_financing(plan, counted, gaps)

    if counted and (plan.start is None or plan.end is None):
        location = plan.document.locate(("project",))
        gaps.append(_gap(plan.file, "followup-project-dates", msg("followup-no-dates"), location, severity="warning"))
    if plan.frequency is None:
        code = "followup-frequency-text" if plan.frequency_text else "followup-frequency-missing"
        gaps.append(
            _gap(
                plan.file,
                "followup-frequency",
                msg(code),
                plan.frequency_location,
                severity="warning",
                hint=msg("followup-frequency-hint"),
            )
        )

    spent = next((r.spent_sek for r in reversed(counted) if r.spent_sek is not None), None)
    return FollowupResult(
        application_file=plan.file,
        title=plan.title,
        start=plan.start,
        end=plan.end,
        as_of=as_of,
        frequency=plan.frequency,
        frequency_text=plan.frequency_text,
        reports=tuple(sorted(summaries, key=lambda s: (s.period_end or date.min, s.file))),
        effects=tuple(effects),
        co_financing=co_financing,
        spent_sek=spent,
        granted_sek=plan.granted_sek,
        gaps=tuple(sorted(gaps, key=_gap_order)),
    )


def _gap_order(gap: Gap) -> tuple[int, str, int, int]:
    # Errors before warnings, then by file and position, so every format lists them alike.
    return (gap.problem.severity != "error", gap.file, gap.problem.location.line, gap.problem.location.column)


def _co_financing(plan: _Plan, counted: Sequence[FollowupReport], gaps: list[Gap]) -> tuple[CoFinancingProgress, ...]:
    """Promised hours against the hours given so far, in proportion to the time elapsed."""
    found: list[CoFinancingProgress] = []
    if not counted or plan.start is None or plan.end is None:
        return tuple(found)
    latest = counted[-1]
    for principal, promised in plan.promised_hours.items():
        # The latest report that says anything about this principal's hours.
        holder = next(
            (
                r
                for r in reversed(counted)
                if any(c.principal == principal and c.hours is not None for c in r.co_financing or ())
            ),
            None,
        )
        at = holder.period_end if holder else latest.period_end
        span = (plan.end - plan.start).days
        elapsed = 1.0 if span <= 0 else min(1.0, max(0.0, (at - plan.start).days / span))
        expected = promised * elapsed
        given = None
        if holder is not None:
            given = sum(c.hours or 0.0 for c in holder.co_financing or () if c.principal == principal)
        found.append(
            CoFinancingProgress(
                principal=principal,
                name=plan.principals.get(principal),
                promised_hours=promised,
                given_hours=given,
                expected_hours=expected,
                elapsed_share=elapsed * 100,
                file=holder.file if holder else None,
            )
        )
        if holder is None:
            message = msg("followup-co-financing-unreported", principal=principal, promised=number_text(promised))
            gaps.append(
                _gap(
                    latest.file,
                    "followup-co-financing",
                    message,
                    latest.co_financing_location,
                    hint=msg("followup-co-financing-hint", principal=principal),
                )
            )
        elif given is not None and given < expected * CO_FINANCING_TOLERANCE - 1e-9:
            entry = next(c for c in holder.co_financing or () if c.principal == principal)
            message = msg(
                "followup-co-financing-behind",
                principal=principal,
                given=number_text(given),
                promised=number_text(promised),
                elapsed=number_text(elapsed * 100, 0),
                expected=number_text(expected, 0),
            )
            gaps.append(
                _gap(
                    holder.file,
                    "followup-co-financing",
                    message,
                    entry.location,
                    hint=msg("followup-co-financing-hint", principal=principal),
                )
            )
    return tuple(found)
