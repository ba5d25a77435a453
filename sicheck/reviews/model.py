"""The values of reviews: one reviewer's file, the merge per application, and the 0–5 scale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sicheck.i18n import Text, msg, round_half_up
from sicheck.model import ApplicationResult, Location, Problem

Recommendation = Literal["yes", "maybe", "no"]
RECOMMENDATIONS: tuple[Recommendation, ...] = ("yes", "maybe", "no")

SCALE_MIN = 0
SCALE_MAX = 5
# Reviewers disagree on a criterion when their scores are this far apart or more.
DISAGREEMENT_SPREAD = 2


@dataclass(frozen=True, slots=True)
class ScaleStep:
    """One anchor of the 0–5 scale: the score and what it means."""

    score: int
    label: Text


# The one definition of the scale's anchors; the template, the reports and `explain` show
# these, and a test holds the review schema's description to them.
SCALE: tuple[ScaleStep, ...] = tuple(ScaleStep(n, msg(f"review-scale-{n}")) for n in range(SCALE_MIN, SCALE_MAX + 1))


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """One reviewer's judgement of one criterion. ``score`` is None when left blank."""

    criterion: str
    score: int | None
    comment: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Review:
    """One loaded review file that follows the review schema."""

    file: str
    application: str
    application_location: Location
    reviewer: str
    reviewer_location: Location
    recommendation: Recommendation | None
    scores: tuple[CriterionScore, ...]
    comment: str | None

    @property
    def mean(self) -> float | None:
        """This reviewer's own mean over the criteria they scored (half-up, two decimals)."""
        given = [s.score for s in self.scores if s.score is not None]
        return round_half_up(sum(given) / len(given), 2) if given else None


@dataclass(frozen=True, slots=True)
class ReviewFile:
    """The outcome of loading one review file: a review, or the problems that stop it."""

    file: str
    review: Review | None
    problems: tuple[Problem, ...] = ()
    # What the file says about who reviewed what, as far as it can be read, for the list
    # of reviews not counted when ``review`` is None.
    reviewer: str | None = None
    application: str | None = None


# What a problem costs: the whole review file is not counted, or only one score in it.
ProblemScope = Literal["review", "score"]


@dataclass(frozen=True, slots=True)
class ReviewProblem:
    """A problem in a review file, with the file it is in (reports list them per file).

    ``reviewer`` and ``application`` are what the file says, where it could be read;
    ``target`` is the application's file when the review was matched to one, so a report
    can mark that application as having a review that is not (wholly) counted.
    """

    file: str
    problem: Problem
    scope: ProblemScope = "review"
    reviewer: str | None = None
    application: str | None = None
    target: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewComment:
    """A reviewer's comment on one criterion."""

    reviewer: str
    text: str


@dataclass(frozen=True, slots=True)
class CriterionReview:
    """The reviewers' scores of one criterion of one application, merged."""

    id: str
    n: int
    mean: float | None
    min: int | None
    max: int | None
    disagreement: bool
    comments: tuple[ReviewComment, ...]


@dataclass(frozen=True, slots=True)
class Recommendations:
    """How many reviewers recommend funding: yes, maybe and no."""

    yes: int = 0
    maybe: int = 0
    no: int = 0


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """Every usable review of one application, merged.

    ``mean`` is the mean of the reviewers' own means, so each reviewer counts once however
    many criteria they scored. Means are rounded to two decimals once, here, so that every
    format shows and ranks by the same number.
    """

    reviewers: int
    recommendations: Recommendations
    mean: float | None
    criteria: tuple[CriterionReview, ...]
    reviews: tuple[Review, ...]

    @property
    def disagreements(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria if c.disagreement)

    def criterion(self, criterion_id: str) -> CriterionReview | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


@dataclass(frozen=True, slots=True)
class ReviewedResult:
    """An application's machine result, unchanged, with its reviewers' merged judgement."""

    result: ApplicationResult
    review: ReviewSummary | None
