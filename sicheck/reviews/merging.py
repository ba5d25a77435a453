"""Reviews matched to the applications they name, checked against their criteria, and merged."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sicheck.i18n import Text, msg, round_half_up, suggestion
from sicheck.model import ApplicationResult, Problem
from sicheck.reviews.model import (
    DISAGREEMENT_SPREAD,
    RECOMMENDATIONS,
    CriterionReview,
    Recommendations,
    Review,
    ReviewComment,
    ReviewedResult,
    ReviewFile,
    ReviewProblem,
    ReviewSummary,
)

if TYPE_CHECKING:
    from sicheck.catalog import CriteriaCatalog


def _mean(values: Iterable[float]) -> float | None:
    numbers = list(values)
    return round_half_up(sum(numbers) / len(numbers), 2) if numbers else None


def merge(reviews: Sequence[Review], criterion_order: Sequence[str] = ()) -> ReviewSummary:
    """Merge the reviews of one application: per criterion n, mean, min, max, disagreement.

    Criteria come in ``criterion_order`` (the criteria set's order), then any others by id.
    A criterion appears when at least one reviewer scored or commented on it.
    """
    scores: dict[str, list[int]] = {}
    comments: dict[str, list[ReviewComment]] = {}
    for review in reviews:
        for entry in review.scores:
            scores.setdefault(entry.criterion, [])
            comments.setdefault(entry.criterion, [])
            if entry.score is not None:
                scores[entry.criterion].append(entry.score)
            if entry.comment is not None:
                comments[entry.criterion].append(ReviewComment(review.reviewer, entry.comment))
    position = {criterion_id: index for index, criterion_id in enumerate(criterion_order)}
    ordered = sorted(scores, key=lambda c: (position.get(c, len(position)), c))
    criteria: list[CriterionReview] = []
    for criterion_id in ordered:
        given, said = scores[criterion_id], comments[criterion_id]
        if not given and not said:
            continue
        low, high = (min(given), max(given)) if given else (None, None)
        criteria.append(
            CriterionReview(
                id=criterion_id,
                n=len(given),
                mean=_mean(given),
                min=low,
                max=high,
                disagreement=low is not None and high is not None and high - low >= DISAGREEMENT_SPREAD,
                comments=tuple(said),
            )
        )
    counts = {name: sum(r.recommendation == name for r in reviews) for name in RECOMMENDATIONS}
    reviewer_means = [
        sum(given) / len(given)
        for given in ([s.score for s in r.scores if s.score is not None] for r in reviews)
        if given
    ]
    return ReviewSummary(
        reviewers=len(reviews),
        recommendations=Recommendations(**counts),
        mean=_mean(reviewer_means),
        criteria=tuple(criteria),
        reviews=tuple(reviews),
    )


def _given_parts(text: str) -> tuple[str, ...]:
    return tuple(part for part in PurePosixPath(text.replace("\\", "/")).parts if part != ".")


class ApplicationIndex:
    """Finds the applications a review's ``application`` names, without comparing every pair."""

    def __init__(self, results: Sequence[ApplicationResult]) -> None:
        self._by_path: dict[Path, list[int]] = {}
        self._by_name: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for index, result in enumerate(results):
            if result.file == "<stdin>":
                continue
            path = Path(result.file).resolve()
            self._by_path.setdefault(path, []).append(index)
            self._by_name.setdefault(path.name, []).append((index, path.parts))

    def find(self, given: str, review_dir: Path) -> list[int]:
        given = given.replace("\\", "/")
        parts = _given_parts(given)
        if not parts:
            return []
        if PurePosixPath(given).is_absolute() or ".." in parts:
            # A path that climbs out means a file relative to the review file's folder.
            return self._by_path.get((review_dir / given).resolve(), [])
        # A file name or a relative path: the application's path ends with it. So
        # "skolnarvaro.yaml" and "ansokningar/skolnarvaro.yaml" both find
        # /call/2016/ansokningar/skolnarvaro.yaml, from wherever sicheck runs.
        return [i for i, full in self._by_name.get(parts[-1], []) if full[-len(parts) :] == parts]


def _criterion_ids(result: ApplicationResult, catalog: CriteriaCatalog) -> list[str] | None:
    """The criterion ids a review of this application may score, or None if unknown."""
    if result.criteria:
        return [c.id for c in result.criteria]
    if result.criteria_set is None:
        return None
    chosen = catalog.find(f"{result.criteria_set.id}@{result.criteria_set.version}")
    return None if chosen is None else [c.id for c in chosen.criteria]


def _match_problem(
    review: Review, results: Sequence[ApplicationResult], matches: list[int], names: Callable[[], list[str]]
) -> Problem:
    if matches:
        candidates = ", ".join(results[i].file for i in matches)
        message = msg("review-application-ambiguous", application=review.application, candidates=candidates)
        return Problem("error", "application-ambiguous", message, review.application_location)
    parts = _given_parts(review.application)
    hint = suggestion(parts[-1], names()) if parts else Text("", "")
    message = msg("review-application-not-found", application=review.application, suggestion=hint)
    return Problem("error", "application-not-found", message, review.application_location)


_LOOSE_ID = re.compile(r"([A-Za-z]+)\s*-?\s*([0-9]+)")


def _criterion_suggestion(given: str, allowed: list[str]) -> Text:
    # "vgr-2" and "VGR2" mean VGR-02; difflib alone would offer VGR-12.
    loose = _LOOSE_ID.fullmatch(given.strip())
    if loose is not None:
        normal = f"{loose.group(1).upper()}-{int(loose.group(2)):02d}"
        if normal in allowed:
            return msg("did-you-mean", candidate=normal)
    return suggestion(given, allowed)


def _unknown_criteria(review: Review, result: ApplicationResult, allowed: list[str] | None) -> list[Problem]:
    if allowed is None:
        return []
    criteria_set = result.criteria_set
    set_name = f"{criteria_set.id}@{criteria_set.version}" if criteria_set else "?"
    found = []
    for entry in review.scores:
        if entry.criterion not in allowed:
            message = msg(
                "review-unknown-criterion",
                criterion=entry.criterion,
                criteria_set=set_name,
                suggestion=_criterion_suggestion(entry.criterion, allowed),
            )
            found.append(Problem("error", "unknown-criterion", message, entry.location, criterion=entry.criterion))
    return found


def attach(
    results: Sequence[ApplicationResult], loaded: Sequence[ReviewFile], catalog: CriteriaCatalog
) -> tuple[list[ReviewedResult], list[ReviewProblem]]:
    """Match loaded review files to results and merge them. Results keep their order."""
    index_of = ApplicationIndex(results)
    problems: list[ReviewProblem] = []
    per_result: dict[int, list[Review]] = {}
    reviewers_seen: dict[tuple[int, str], str] = {}
    allowed_cache: dict[int, list[str] | None] = {}
    # The file names a review could have meant, worked out once (not once per review).
    names = cache(lambda: sorted({Path(r.file).name for r in results if r.file != "<stdin>"}))

    for review_file in loaded:
        review = review_file.review
        if review is None:
            problems.extend(ReviewProblem(review_file.file, p) for p in review_file.problems)
            continue
        found: list[Problem] = []
        review_dir = Path(review_file.file).resolve().parent
        matches = index_of.find(review.application, review_dir)
        if len(matches) != 1:
            found.append(_match_problem(review, results, matches, names))
        else:
            index = matches[0]
            if index not in allowed_cache:
                allowed_cache[index] = _criterion_ids(results[index], catalog)
            found.extend(_unknown_criteria(review, results[index], allowed_cache[index]))
            # The same person twice on one application would count their judgement double.
            key = (index, " ".join(review.reviewer.casefold().split()))
            if key in reviewers_seen:
                message = msg("review-duplicate", reviewer=review.reviewer, first=reviewers_seen[key])
                found.append(Problem("error", "duplicate-review", message, review.reviewer_location))
            elif not found:
                reviewers_seen[key] = review_file.file
                per_result.setdefault(index, []).append(review)
        target = results[matches[0]].file if len(matches) == 1 else None
        problems.extend(
            ReviewProblem(review_file.file, p, reviewer=review.reviewer, application=review.application, target=target)
            for p in found
        )

    reviewed = [
        ReviewedResult(
            result,
            merge(per_result[i], allowed_cache.get(i) or ()) if i in per_result else None,
        )
        for i, result in enumerate(results)
    ]
    return reviewed, problems
