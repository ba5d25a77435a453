"""Review files: read with the safe loader, validated against the review schema, built into `Review` values.

Every problem is a `Problem` value with a line and column, never an exception; a file with
an error is left out of the merge as a whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sicheck import schemas, validation
from sicheck.i18n import msg
from sicheck.loader import Document, Limits, load_yaml
from sicheck.model import Problem
from sicheck.reviews.model import SCALE_MAX, SCALE_MIN, CriterionScore, Review, ReviewFile
from sicheck.values import is_number, value_at

SCHEMA_RESOURCE = "review-1.schema.json"

# Review files are a few kilobytes; the application limits are more than enough.
REVIEW_LIMITS = Limits(max_file_size=256 * 1024, max_depth=16, max_aliases=0, max_nodes=10_000)


def schema_document() -> dict[str, Any]:
    """The review schema as shipped (Swedish titles, English under ``x-en``)."""
    return schemas.document(SCHEMA_RESOURCE)


def load_review(path: str | Path, shown: str | None = None) -> ReviewFile:
    """Load one review file; every failure is a problem in the returned value."""
    from sicheck.reading import read, shown_name

    name = shown or shown_name(str(path))
    data = read(str(path), REVIEW_LIMITS.max_file_size)
    if isinstance(data, Problem):
        return ReviewFile(name, None, (data,))
    return load_review_bytes(data, name)


# The loader's messages for these speak of applications; a reviewer needs to hear of reviews.
_LOADER_MESSAGES = {
    "empty": "review-empty",
    "not-mapping": "review-not-mapping",
    "multiple-documents": "review-multiple-documents",
}


def load_review_bytes(data: bytes, name: str) -> ReviewFile:
    loaded = load_yaml(data, REVIEW_LIMITS, messages=_LOADER_MESSAGES)
    if loaded.document is None:
        assert loaded.problem is not None
        return ReviewFile(name, None, (loaded.problem,))
    document = loaded.document
    problems = [_schema_problem(document, v) for v in validation.violations(SCHEMA_RESOURCE, document.value)]
    if problems:
        problems.sort(key=lambda p: (p.location.line, p.location.column))
        return ReviewFile(name, None, tuple(problems))
    return ReviewFile(name, _build(document, name))


def _schema_problem(document: Document, violation: validation.Violation) -> Problem:
    location = violation.locate(document)
    value = value_at(document.value, violation.path)
    path = violation.path
    # The generic schema messages are right but not helpful for the mistakes reviewers make
    # most: a score off the scale, a name or file left blank or left out, and a comment
    # with a comma outside quotes, which YAML reads as one more key.
    if len(path) == 3 and path[0] == "scores" and path[2] == "score" and is_number(value):
        message = msg("review-score-range", criterion=str(path[1]), value=value, low=SCALE_MIN, high=SCALE_MAX)
        return Problem("error", "score-range", message, location, criterion=str(path[1]))
    for field in ("reviewer", "application"):
        blank = path == (field,) and (value is None or (isinstance(value, str) and not value.strip()))
        left_out = path == () and violation.keyword == "required" and violation.key == field
        if blank or left_out:
            return Problem("error", "schema", msg(f"review-blank-{field}"), location)
    if violation.at_key and len(path) == 3 and path[0] == "scores" and value is None:
        message = msg("review-comment-quotes", key=str(path[2]), criterion=str(path[1]))
        return Problem("error", validation.code(violation), message, location, criterion=str(path[1]))
    return validation.problem(document, violation)


def _text_or_none(value: object) -> str | None:
    # An empty comment in the template ("") means no comment.
    return value if isinstance(value, str) and value.strip() else None


def _build(document: Document, name: str) -> Review:
    value = document.value
    scores: list[CriterionScore] = []
    for criterion_id, entry in (value.get("scores") or {}).items():
        entry = entry or {}
        score = entry.get("score")
        scores.append(
            CriterionScore(
                criterion=criterion_id,
                # The schema admits 3.0 as a whole number, as jsonschema does.
                score=int(score) if score is not None else None,
                comment=_text_or_none(entry.get("comment")),
                location=document.locate_key(("scores", criterion_id)),
            )
        )
    return Review(
        file=name,
        application=value["application"].strip(),
        application_location=document.locate(("application",)),
        reviewer=value["reviewer"].strip(),
        reviewer_location=document.locate(("reviewer",)),
        recommendation=value.get("recommendation"),
        scores=tuple(scores),
        comment=_text_or_none(value.get("comment")),
    )


def review_files(paths: Sequence[str]) -> list[tuple[str, str]]:
    """``(path to read, name to show)`` for every review file named or found below a folder."""
    from sicheck.reading import collect

    return collect(paths, require_any=False)
