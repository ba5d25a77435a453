"""The JSON format: sicheck's stable machine interface (DESIGN.md section 4)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sicheck.model import ApplicationResult, Location, Problem, Report, RunSummary
from sicheck.policy import RunPolicy


def _location(location: Location) -> dict[str, Any]:
    return {"path": location.path, "line": location.line, "column": location.column}


def _problem(problem: Problem, lang: str) -> dict[str, Any]:
    return {
        "severity": problem.severity,
        "code": problem.code,
        "criterion": problem.criterion,
        "message": problem.message.get(lang),
        "hint": problem.hint.get(lang) if problem.hint else None,
        "location": _location(problem.location),
    }


def application(result: ApplicationResult, lang: str) -> dict[str, Any]:
    """One application as a JSON object; shared by formats that embed the JSON shape."""
    return {
        "file": result.file,
        "title": result.title,
        "criteria_set": (
            {"id": result.criteria_set.id, "version": result.criteria_set.version} if result.criteria_set else None
        ),
        "verdict": result.verdict,
        "score": result.score,
        "criteria": [
            {
                "id": c.id,
                "title": c.title.get(lang),
                "required": c.required,
                "status": c.status,
                "points": c.points,
                "max_points": c.max_points,
                "checks": [
                    {
                        "id": k.id,
                        "passed": k.passed,
                        "severity": k.severity,
                        "message": k.message.get(lang),
                        "location": _location(k.location),
                    }
                    for k in c.checks
                ],
            }
            for c in result.criteria
        ],
        "problems": [_problem(p, lang) for p in result.problems],
    }


def _dumps(value: object) -> str:
    # No indent: json's C encoder only runs without one, and it is several times faster
    # over a call of a thousand applications. One application per line keeps diffs readable.
    return json.dumps(value, ensure_ascii=False, separators=_SEPARATORS)


_SEPARATORS = (", ", ": ")


def head(*, version: str, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return '{"tool": ' + _dumps({"name": "sicheck", "version": version}) + ', "applications": ['


def item(result: ApplicationResult, *, index: int, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    """One application on its own line; streamed one at a time."""
    return ("\n" if index == 0 else ",\n") + _dumps(application(result, lang))


def tail(
    summary: RunSummary,
    *,
    policy: RunPolicy,
    lang: str = "sv",
    color: bool = False,
    width: int = 100,
) -> str:
    return '\n], "summary": ' + _dumps(counts(summary)) + "}\n"


def counts(summary: RunSummary) -> dict[str, int]:
    """The run's ``summary`` object."""
    return {
        "applications": summary.applications,
        "eligible": summary.eligible,
        "ineligible": summary.ineligible,
        "invalid": summary.invalid,
    }


def document(results: Sequence[ApplicationResult], summary: RunSummary, version: str, lang: str) -> dict[str, Any]:
    """The whole check JSON as a value, for formats that add to it (reviews, follow-ups)."""
    return {
        "tool": {"name": "sicheck", "version": version},
        "applications": [application(result, lang) for result in results],
        "summary": counts(summary),
    }


def render(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    parts = [head(version=report.version, lang=lang)]
    parts.extend(item(result, index=i, lang=lang) for i, result in enumerate(report.results))
    parts.append(tail(report.summary, policy=report.policy, lang=lang))
    return "".join(parts)
