"""The json format: the check JSON (DESIGN.md section 4), ranked, with each application's reviews.

Each application object is exactly what ``sicheck check --format json`` writes, plus
``"review"``: the merged reviews, or null when the application has none. The top level
adds ``"review_problems"``: the review files that were left out, and why.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sicheck.model import RunSummary
from sicheck.render.json_format import application
from sicheck.report.model import CallReport
from sicheck.reviews.model import ReviewedResult, ReviewProblem, ReviewSummary


def review(summary: ReviewSummary | None) -> dict[str, Any] | None:
    if summary is None:
        return None
    counts = summary.recommendations
    return {
        "reviewers": summary.reviewers,
        "recommendations": {"yes": counts.yes, "maybe": counts.maybe, "no": counts.no},
        "mean": summary.mean,
        "criteria": {
            c.id: {
                "n": c.n,
                "mean": c.mean,
                "min": c.min,
                "max": c.max,
                "disagreement": c.disagreement,
                "comments": [comment.text for comment in c.comments],
            }
            for c in summary.criteria
        },
    }


def _review_problem(entry: ReviewProblem, lang: str) -> dict[str, Any]:
    problem = entry.problem
    return {
        "file": entry.file,
        "severity": problem.severity,
        "code": problem.code,
        "criterion": problem.criterion,
        "message": problem.message.get(lang),
        "location": {"path": problem.location.path, "line": problem.location.line, "column": problem.location.column},
    }


def reviewed_text(
    items: Sequence[ReviewedResult],
    summary: RunSummary,
    version: str,
    review_problems: Sequence[ReviewProblem],
    lang: str,
) -> str:
    """The check JSON with each application's reviews, in the order given; `sicheck check
    --reviews --format json` writes it in file order, `report` ranked."""
    document = {
        "tool": {"name": "sicheck", "version": version},
        "applications": [{**application(item.result, lang), "review": review(item.review)} for item in items],
        "summary": {
            "applications": summary.applications,
            "eligible": summary.eligible,
            "ineligible": summary.ineligible,
            "invalid": summary.invalid,
        },
        "review_problems": [_review_problem(entry, lang) for entry in review_problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return reviewed_text(report.applications, report.summary, report.version, report.review_problems, lang)
