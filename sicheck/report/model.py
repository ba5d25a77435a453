"""What every report format shares: the ranked call report and the criteria it spans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sicheck.i18n import Text, format_number, format_percent, msg
from sicheck.model import RunSummary, Verdict
from sicheck.reviews.model import ReviewedResult, ReviewProblem

VERDICT_ORDER: dict[Verdict, int] = {"eligible": 0, "ineligible": 1, "invalid": 2}
STATUS_SYMBOL = {"met": "✔", "partial": "◐", "missing": "✘"}


@dataclass(frozen=True, slots=True)
class CallReport:
    """Every application of a call, ranked, with the reviews that could be attached."""

    applications: tuple[ReviewedResult, ...]
    summary: RunSummary
    version: str
    reviews_given: bool = False  # --reviews was given: the formats show reviewer columns
    review_files: int = 0
    review_problems: tuple[ReviewProblem, ...] = ()


@dataclass(frozen=True, slots=True)
class CriterionColumn:
    id: str
    title: Text
    required: bool


@dataclass(frozen=True, slots=True)
class CriteriaGroup:
    """The applications screened against one criteria set, for a matrix of statuses."""

    key: str  # id@version
    title: Text
    criteria: tuple[CriterionColumn, ...]
    applications: tuple[int, ...]  # 0-based positions in CallReport.applications


def rank_key(item: ReviewedResult) -> tuple[int, bool, float, bool, float, str]:
    """Verdict (eligible first), then reviewers' mean, then score (both high first, none last), then file."""
    result = item.result
    mean = item.review.mean if item.review is not None else None
    return (
        VERDICT_ORDER[result.verdict],
        mean is None,
        -(mean or 0.0),
        result.score is None,
        -(result.score or 0.0),
        result.file,
    )


def rank(items: Sequence[ReviewedResult]) -> list[ReviewedResult]:
    return sorted(items, key=rank_key)


def build(
    items: Sequence[ReviewedResult],
    version: str,
    *,
    reviews_given: bool = False,
    review_files: int = 0,
    review_problems: Sequence[ReviewProblem] = (),
) -> CallReport:
    ranked = rank(items)
    summary = RunSummary()
    for item in ranked:
        summary = summary.add(item.result, under_threshold=False)
    return CallReport(
        applications=tuple(ranked),
        summary=summary,
        version=version,
        reviews_given=reviews_given,
        review_files=review_files,
        review_problems=tuple(review_problems),
    )


def criteria_groups(report: CallReport) -> list[CriteriaGroup]:
    """One group per criteria set in the report, sorted by set; criteria in the set's order."""
    groups: dict[str, tuple[Text, list[CriterionColumn], list[int]]] = {}
    for position, item in enumerate(report.applications):
        criteria_set = item.result.criteria_set
        if criteria_set is None:
            continue
        key = f"{criteria_set.id}@{criteria_set.version}"
        _, columns, members = groups.setdefault(key, (criteria_set.title, [], []))
        members.append(position)
        if not columns and item.result.criteria:
            columns.extend(CriterionColumn(c.id, c.title, c.required) for c in item.result.criteria)
    return [
        CriteriaGroup(key, title, tuple(columns), tuple(members))
        for key, (title, columns, members) in sorted(groups.items())
        if columns
    ]


def t(message_id: str, lang: str, **params: object) -> str:
    return msg(message_id, **params).get(lang)


def number(value: float | None, lang: str, *, decimals: int = 2, empty: str = "–") -> str:
    """A mean or points as people read them: 3,25 / 3.25, 4 (half-up, no trailing zeros)."""
    return format_number(value, lang, decimals, empty=empty)


def percent(value: float | None, lang: str) -> str:
    """A score as people read it: 84,6 % / 84.6 %."""
    return format_percent(value, lang)


def recommendation_counts(item: ReviewedResult, lang: str) -> str:
    if item.review is None:
        return "–"
    counts = item.review.recommendations
    return t("report-recommendation-counts", lang, yes=counts.yes, maybe=counts.maybe, no=counts.no)
