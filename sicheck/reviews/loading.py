"""Review files: read with the safe loader, validated against the review schema, built into `Review` values.

Every problem is a `Problem` value with a line and column, never an exception. A mistake in
one score (6 on a 0–5 scale, "4" in quotes, an unknown key beside it) leaves out that score
only: the reviewer's other judgements still count. A file that cannot be read as YAML, or
whose reviewer, application, recommendation or layout is wrong, is left out as a whole, so
no number in a report rests on a half-read file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sicheck import schemas, validation
from sicheck.i18n import msg
from sicheck.loader import Document, Limits, load_yaml
from sicheck.model import Problem
from sicheck.reviews.model import SCALE_MAX, SCALE_MIN, CriterionScore, Recommendation, Review, ReviewFile
from sicheck.sanitize import one_line
from sicheck.values import is_number, value_at

SCHEMA_RESOURCE = "review-1.schema.json"

# The words reviewers write, in either language: the template says ja | kanske | nej, and
# Swedish committees say tillstyrks, kompletteras, avstyrks. JSON and the reports keep the
# English value.
RECOMMENDATION_WORDS: dict[str, Recommendation] = {
    "yes": "yes",
    "maybe": "maybe",
    "no": "no",
    "ja": "yes",
    "kanske": "maybe",
    "nej": "no",
    "tillstyrks": "yes",
    "kompletteras": "maybe",
    "avstyrks": "no",
}

# Review files are a few kilobytes; the application limits are more than enough.
REVIEW_LIMITS = Limits(max_file_size=256 * 1024, max_depth=16, max_aliases=0, max_nodes=10_000)


def schema_document() -> dict[str, Any]:
    """The review schema as shipped (Swedish titles, English under ``x-en``)."""
    return schemas.document(SCHEMA_RESOURCE)


def load_review(path: str | Path, shown: str | None = None) -> ReviewFile:
    """Load one review file; every failure is a problem in the returned value."""
    from sicheck.reading import read, shown_name

    return load_review_bytes(read(str(path), REVIEW_LIMITS.max_file_size), shown or shown_name(str(path)))


# The loader's messages for these speak of applications; a reviewer needs to hear of reviews.
_LOADER_MESSAGES = {
    "empty": "review-empty",
    "not-mapping": "review-not-mapping",
    "multiple-documents": "review-multiple-documents",
}


# `reviewer: Anna Andersson  # comment` at the start of a line, quoted or not.
_SAID = re.compile(
    r"""^(reviewer|application)[ \t]*:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^#\n]*?))[ \t]*(?:#.*)?$""", re.M
)


def _said(data: bytes) -> dict[str, str]:
    """Reviewer and application as the file's lines give them, for a file YAML cannot read."""
    text = data[: REVIEW_LIMITS.max_file_size].decode("utf-8", "replace")
    found: dict[str, str] = {}
    for match in _SAID.finditer(text):
        value = next((g for g in match.groups()[1:] if g is not None), "").strip()
        if value and match.group(1) not in found:
            found[match.group(1)] = one_line(value)
    return found


def load_review_bytes(data: bytes | Problem, name: str) -> ReviewFile:
    """Load one review from its bytes, or from the problem that kept them from being read."""
    loaded = load_yaml(data, REVIEW_LIMITS, messages=_LOADER_MESSAGES)
    if loaded.document is None:
        problem = loaded.problem
        assert problem is not None
        said: dict[str, str] = {}
        if isinstance(data, bytes) and problem.code not in ("too-large", "encoding", "encoding-utf16"):
            said = _said(data)
        return ReviewFile(name, None, (problem,), said.get("reviewer"), said.get("application"))
    document = loaded.document
    _normalise_recommendation(document.value)
    whole: list[Problem] = []
    # criterion id -> the problems that leave out that one score
    per_score: dict[str, list[Problem]] = {}
    for violation in validation.violations(SCHEMA_RESOURCE, document.value):
        problem = _schema_problem(document, violation)
        path = violation.path
        if len(path) >= 2 and path[0] == "scores" and isinstance(path[1], str):
            per_score.setdefault(path[1], []).append(problem)
        else:
            whole.append(problem)
    score_problems = sorted((p for found in per_score.values() for p in found), key=_position)
    if whole:
        value = document.value
        reviewer, application = value.get("reviewer"), value.get("application")
        return ReviewFile(
            name,
            None,
            tuple(sorted(whole + score_problems, key=_position)),
            reviewer.strip() if isinstance(reviewer, str) and reviewer.strip() else None,
            application.strip() if isinstance(application, str) and application.strip() else None,
        )
    return ReviewFile(name, _build(document, name, leave_out=set(per_score)), tuple(score_problems))


def _position(problem: Problem) -> tuple[int, int]:
    return problem.location.line, problem.location.column


def _normalise_recommendation(value: dict[str, Any]) -> None:
    """``Ja``, `` kanske `` and ``AVSTYRKS`` are the words of the schema's list, written freely."""
    given = value.get("recommendation")
    if isinstance(given, str):
        word = " ".join(given.split()).casefold()
        if word in RECOMMENDATION_WORDS:
            value["recommendation"] = word


def _schema_problem(document: Document, violation: validation.Violation) -> Problem:
    location = violation.locate(document)
    value = value_at(document.value, violation.path)
    path = violation.path
    # The generic schema messages are right but not helpful for the mistakes reviewers make
    # most: a score off the scale, a name or file left blank or left out, and a comment
    # with a comma outside quotes, which YAML reads as one more key.
    # A score off the scale or not whole, written out ({score: 6}) or short (VGR-02: 6).
    written_out = len(path) == 3 and path[0] == "scores" and path[2] == "score"
    short = len(path) == 2 and path[0] == "scores" and not violation.at_key
    if (written_out or short) and is_number(value):
        message = msg("review-score-range", criterion=str(path[1]), value=value, low=SCALE_MIN, high=SCALE_MAX)
        return Problem("error", "score-range", message, location, criterion=str(path[1]))
    for field in ("reviewer", "application"):
        blank = path == (field,) and (value is None or (isinstance(value, str) and not value.strip()))
        left_out = path == () and violation.keyword == "required" and violation.key == field
        if blank or left_out:
            return Problem("error", "schema", msg(f"review-blank-{field}"), location)
    entry = value_at(document.value, path[:2]) if len(path) == 3 else None
    cut_comment = value is None or (isinstance(entry, dict) and "comment" in entry)
    if violation.at_key and len(path) == 3 and path[0] == "scores" and cut_comment:
        # `{score: 4, comment: Bra metod, men: oklart}`: the comma ended the comment, and
        # YAML read "men" as a key of its own.
        message = msg("review-comment-quotes", key=str(path[2]), criterion=str(path[1]))
        return Problem("error", validation.code(violation), message, location, criterion=str(path[1]))
    return validation.problem(document, violation)


def _text_or_none(value: object) -> str | None:
    # An empty comment in the template ("") means no comment.
    return value if isinstance(value, str) and value.strip() else None


def _build(document: Document, name: str, *, leave_out: set[str] | frozenset[str] = frozenset()) -> Review:
    value = document.value
    scores: list[CriterionScore] = []
    for criterion_id, entry in (value.get("scores") or {}).items():
        if criterion_id in leave_out:
            continue
        # `VGR-02: 4` is short for `VGR-02: {score: 4}`.
        entry = {"score": entry} if is_number(entry) else entry or {}
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
        recommendation=RECOMMENDATION_WORDS.get(value.get("recommendation") or ""),
        scores=tuple(scores),
        comment=_text_or_none(value.get("comment")),
    )


def review_files(paths: Sequence[str]) -> list[tuple[str, str]]:
    """``(path to read, name to show)`` for every review file named or found below a folder."""
    from sicheck.reading import collect

    return collect(paths, require_any=False)
