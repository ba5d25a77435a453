"""The json format: the check JSON (DESIGN.md section 4), ranked, with each application's reviews.

Each application object is exactly what ``sicheck check --format json`` writes, plus
``"rank"`` (its place among the applications under the same criteria set; null for one
nobody reviewed when reviews were given) and ``"review"``: the merged reviews, or null when
the application has none. ``review.by_reviewer`` keeps each reviewer's own judgement:
recommendation, mean, scores and comments. The top level adds ``"call"`` (title, date,
criteria sets) and ``"review_problems"``: the reviews or scores that were left out, and why.
"""

from __future__ import annotations

import json
from typing import Any

from sicheck.render.json_format import application
from sicheck.report.model import CallReport
from sicheck.reviews import ReviewProblem, ReviewSummary


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
        "by_reviewer": [
            {
                "reviewer": r.reviewer,
                "file": r.file,
                "recommendation": r.recommendation,
                "mean": r.mean,
                "scores": {s.criterion: s.score for s in r.scores},
                "comments": {s.criterion: s.comment for s in r.scores if s.comment is not None},
                "comment": r.comment,
            }
            for r in summary.reviews
        ],
    }


def _review_problem(entry: ReviewProblem, lang: str) -> dict[str, Any]:
    problem = entry.problem
    return {
        "file": entry.file,
        "not_counted": entry.scope,  # "review": the whole file; "score": only this score
        "reviewer": entry.reviewer,
        "application": entry.target or entry.application,
        "severity": problem.severity,
        "code": problem.code,
        "criterion": problem.criterion,
        "message": problem.message.get(lang),
        "location": {"path": problem.location.path, "line": problem.location.line, "column": problem.location.column},
    }


def render(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    document = {
        "tool": {"name": "sicheck", "version": report.version},
        "call": {
            "title": report.title,
            "date": report.date or None,
            "criteria_sets": [
                {
                    "id": section.key,
                    "title": section.title.get(lang) if section.title else None,
                    "applications": len(section.applications),
                }
                for section in report.sections
            ],
        },
        "applications": [
            {
                **application(item.result, lang),
                "rank": report.place(position),
                "review": review(item.review),
            }
            for position, item in enumerate(report.applications)
        ],
        "summary": {
            "applications": report.summary.applications,
            "eligible": report.summary.eligible,
            "ineligible": report.summary.ineligible,
            "invalid": report.summary.invalid,
        },
        "review_problems": [_review_problem(entry, lang) for entry in report.review_problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
