"""Reviews matched to the applications they name, checked against their criteria, and merged."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sicheck.i18n import Text, msg, round_half_up, suggestion
from sicheck.model import ApplicationResult, Problem
from sicheck.reading import real_path
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
            path = real_path(result.file)
            self._by_path.setdefault(path, []).append(index)
            self._by_name.setdefault(path.name, []).append((index, path.parts))

    def find(self, given: str, review_dir: Path) -> list[int]:
        given = given.replace("\\", "/")
        parts = _given_parts(given)
        if not parts:
            return []
        if PurePosixPath(given).is_absolute() or ".." in parts:
            # A path that climbs out means a file relative to the review file's folder.
            return self._by_path.get(real_path(review_dir / given), [])
        # The template writes the path relative to the review file: that finds exactly one.
        beside = self._by_path.get(real_path(review_dir / given))
        if beside:
            return beside
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


def _outside_the_run(given: str, review_dir: Path, results: Sequence[ApplicationResult]) -> bool:
    """Whether a review names an application that exists but is not among those checked.

    `sicheck check tmr.yaml --reviews granskningar/` reads reviews of every application;
    those of the others are not mistakes. The name is looked up beside the review file,
    from the working directory and in the folders of the applications checked.
    """
    given = given.replace("\\", "/")
    if not _given_parts(given):
        return False
    folders = {real_path(r.file).parent for r in results if r.file != "<stdin>"}
    candidates = [review_dir / given, Path(given), *(folder / given for folder in folders)]
    try:
        return any(candidate.is_file() for candidate in candidates)
    except OSError:  # a name too long for the file system, for instance
        return False


def _reviewer_key(review: Review) -> str:
    return " ".join(review.reviewer.casefold().split())


def attach(
    results: Sequence[ApplicationResult], loaded: Sequence[ReviewFile], catalog: CriteriaCatalog
) -> tuple[list[ReviewedResult], list[ReviewProblem]]:
    """Match loaded review files to results and merge them. Results keep their order.

    - A file that could not be read is not counted; neither is one whose application is
      not found, or found twice.
    - A review of an application that exists but is not in this run is left out quietly.
    - A score of a criterion the application's set does not have is left out, with a
      problem; the rest of the review counts.
    - Two files by one reviewer for one application: neither counts, and both are listed,
      so that nothing is chosen silently.
    """
    index_of = ApplicationIndex(results)
    problems: list[ReviewProblem] = []
    allowed_cache: dict[int, list[str] | None] = {}
    # The file names a review could have meant, worked out once (not once per review).
    names = cache(lambda: sorted({Path(r.file).name for r in results if r.file != "<stdin>"}))
    # (reviewer, application index) -> the files with that reviewer's review of it
    by_reviewer: dict[tuple[int, str], list[tuple[ReviewFile, Review, list[Problem]]]] = {}

    for review_file in loaded:
        review = review_file.review
        if review is None:
            problems.extend(
                ReviewProblem(review_file.file, p, reviewer=review_file.reviewer, application=review_file.application)
                for p in review_file.problems
            )
            continue
        review_dir = real_path(review_file.file).parent
        matches = index_of.find(review.application, review_dir)
        if not matches and _outside_the_run(review.application, review_dir, results):
            continue
        if len(matches) != 1:
            problem = _match_problem(review, results, matches, names)
            problems.append(
                ReviewProblem(review_file.file, problem, reviewer=review.reviewer, application=review.application)
            )
            continue
        index = matches[0]
        if index not in allowed_cache:
            allowed_cache[index] = _criterion_ids(results[index], catalog)
        unknown = _unknown_criteria(review, results[index], allowed_cache[index])
        if unknown:
            left_out = {p.criterion for p in unknown}
            review = replace(review, scores=tuple(s for s in review.scores if s.criterion not in left_out))
        score_problems = [*review_file.problems, *unknown]
        by_reviewer.setdefault((index, _reviewer_key(review)), []).append((review_file, review, score_problems))

    per_result: dict[int, list[Review]] = {}
    for (index, _), entries in by_reviewer.items():
        target = results[index].file
        if len(entries) > 1:
            # The same person twice on one application would count their judgement double,
            # and keeping either file would be a guess.
            files = [entry[0].file for entry in entries]
            for review_file, review, _ in entries:
                others = ", ".join(f for f in files if f != review_file.file)
                message = msg("review-duplicate", reviewer=review.reviewer, others=others)
                problem = Problem("error", "duplicate-review", message, review.reviewer_location)
                problems.append(
                    ReviewProblem(
                        review_file.file,
                        problem,
                        reviewer=review.reviewer,
                        application=review.application,
                        target=target,
                    )
                )
            continue
        review_file, review, score_problems = entries[0]
        per_result.setdefault(index, []).append(review)
        problems.extend(
            ReviewProblem(
                review_file.file,
                p,
                scope="score",
                reviewer=review.reviewer,
                application=review.application,
                target=target,
            )
            for p in score_problems
        )

    # In the order the files were read, each file's problems by line.
    order = {review_file.file: position for position, review_file in enumerate(loaded)}
    problems.sort(key=lambda p: (order.get(p.file, len(order)), p.problem.location.line, p.problem.location.column))
    reviewed = [
        ReviewedResult(
            result,
            merge(sorted(per_result[i], key=lambda r: order.get(r.file, 0)), allowed_cache.get(i) or ())
            if i in per_result
            else None,
        )
        for i, result in enumerate(results)
    ]
    return reviewed, problems
