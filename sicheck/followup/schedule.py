"""The structured measurement frequency and the measurement windows it makes due.

An application may give ``measurement.frequency`` as free text (as format 1 always
allowed) or as ``{every: N, unit: week|month|term|year}``. Only the structured form can
be counted: the project's time is cut into windows of N units, and one measurement of
each effect is due in every window that has ended. Terms are the Swedish school terms,
January–June and July–December; weeks, months and years count from the project's start.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

Unit = Literal["week", "month", "term", "year"]
UNITS: tuple[Unit, ...] = ("week", "month", "term", "year")

# A hostile or mistaken application (weekly from year 1 to 9999) must not make the
# follow-up walk half a million windows; ten years of weeks is far more than any project.
MAX_WINDOWS = 600


@dataclass(frozen=True, slots=True)
class Frequency:
    """How often the application promises to measure, in a form that can be counted."""

    every: int
    unit: Unit


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch of the project's time in which one measurement of each effect is due."""

    start: date
    end: date  # inclusive

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def parse_frequency(value: Any) -> Frequency | None:
    """The structured form of ``measurement.frequency``, or None for free text or nothing."""
    if not isinstance(value, dict) or value.get("unit") not in UNITS:
        return None
    every = value.get("every")
    count = int(every) if isinstance(every, (int, float)) and not isinstance(every, bool) and every >= 1 else 1
    unit: Unit = value["unit"]
    return Frequency(count, unit)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, on the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = max(1, min(9999, year))
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _term_start(index: int) -> date:
    year, half = divmod(index, 2)
    return date(max(1, min(9999, year)), 1 if half == 0 else 7, 1)


def windows(frequency: Frequency, start: date, end: date) -> list[Window]:
    """The windows from ``start`` to ``end`` (both inclusive), the last one cut at ``end``."""
    found: list[Window] = []
    if end < start:
        return found
    term0 = start.year * 2 + (0 if start.month <= 6 else 1)
    for k in range(MAX_WINDOWS):
        if frequency.unit == "term":
            first = max(start, _term_start(term0 + k * frequency.every))
            after = _term_start(term0 + (k + 1) * frequency.every)
        elif frequency.unit == "week":
            try:
                first = start + timedelta(weeks=k * frequency.every)
                after = start + timedelta(weeks=(k + 1) * frequency.every)
            except OverflowError:
                break
        else:
            months = frequency.every * (12 if frequency.unit == "year" else 1)
            first = add_months(start, k * months)
            after = add_months(start, (k + 1) * months)
        if first > end or after <= first:
            break
        found.append(Window(first, min(end, after - timedelta(days=1))))
    return found


def due_windows(frequency: Frequency, start: date, end: date, as_of: date) -> list[Window]:
    """The windows that have ended by ``as_of``: a measurement in each is due."""
    return [w for w in windows(frequency, start, end) if w.end <= as_of]
