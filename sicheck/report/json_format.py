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
from collections.abc import Iterator, Sequence
from typing import Any

from sicheck.model import RunSummary
from sicheck.render.json_format import application, document
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


def _document(
    items: Sequence[ReviewedResult],
    summary: RunSummary,
    version: str,
    review_problems: Sequence[ReviewProblem],
    lang: str,
) -> dict[str, Any]:
    found = document([item.result for item in items], summary, version, lang)
    for entry, item in zip(found["applications"], items, strict=True):
        entry["review"] = review(item.review)
    found["review_problems"] = [_review_problem(entry, lang) for entry in review_problems]
    return found


def reviewed_text(
    items: Sequence[ReviewedResult],
    summary: RunSummary,
    version: str,
    review_problems: Sequence[ReviewProblem],
    lang: str,
) -> str:
    """The check JSON with each application's reviews, in the order given; `sicheck check
    --reviews --format json` writes it in file order."""
    document = _document(items, summary, version, review_problems, lang)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# Which checks of a criterion this format shows: every one (each application as the check JSON).
CHECKS_SHOWN = "all"
# Where the applications sit in the document: json.dumps(indent=2) puts each one this far in.
_APPLICATION_INDENT = " " * 4
_APPLICATIONS = '\n  "applications": []'


def _entry(report: CallReport, position: int, item: ReviewedResult, lang: str) -> dict[str, Any]:
    entry = application(item.result, lang)
    entry["rank"] = report.place(position)
    entry["review"] = review(item.review)  # "review" after "rank"
    if report.followups_given:
        from sicheck.followup.json_format import followup

        # With --followups, each application gets its follow-up (or null), as "review" its reviews.
        found = report.followup_of(item)
        entry["followup"] = followup(found, lang) if found else None
    return entry


def chunks(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> Iterator[str]:
    """The call report, one application at a time: ranked per criteria set, each with its
    ``rank``, and the call."""
    call = {
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
    }
    found = document((), report.summary, report.version, lang)
    document_ = {"tool": found.pop("tool"), "call": call, **found}
    document_["review_problems"] = [_review_problem(entry, lang) for entry in report.review_problems]
    if report.followups_given:
        from sicheck.followup.json_format import gap

        document_["followup_problems"] = [gap(g, lang) for g in report.followup_problems]
    # The document without its applications, cut where they go (the first top-level key that
    # holds an empty list; the call's "applications" are counts).
    before, empty, after = json.dumps(document_, ensure_ascii=False, indent=2).partition(_APPLICATIONS)
    if not report.applications:
        yield before + empty + after + "\n"
        return
    yield before + _APPLICATIONS[:-1]
    for position, item in enumerate(report.applications):
        text = json.dumps(_entry(report, position, item, lang), ensure_ascii=False, indent=2)
        yield ("\n" if position == 0 else ",\n") + _APPLICATION_INDENT + text.replace("\n", "\n" + _APPLICATION_INDENT)
    yield "\n  ]" + after + "\n"


def render(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return "".join(chunks(report, lang=lang, color=color, width=width))
