"""What every report format shares: the ranked call report and the criteria it spans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sicheck.followup.model import FollowupResult, Gap
from sicheck.i18n import Text, format_number, format_percent, msg_text
from sicheck.model import RunSummary, Verdict
from sicheck.reviews.model import ReviewedResult, ReviewProblem

VERDICT_ORDER: dict[Verdict, int] = {"eligible": 0, "ineligible": 1, "invalid": 2}


@dataclass(frozen=True, slots=True)
class Section:
    """The applications screened against one criteria set: they are ranked among themselves.

    Applications under different sets meet different requirements, so one ranking across
    them would compare what cannot be compared.
    """

    key: str | None  # id@version; None for files whose criteria set is unknown
    title: Text | None
    applications: tuple[int, ...]  # positions in CallReport.applications, in rank order


@dataclass(frozen=True, slots=True)
class CallReport:
    """Every application of a call, ranked per criteria set, with the reviews that could be attached.

    ``applications`` holds the sections one after another. ``ranks`` gives each its place
    in its section; None marks an application without reviews when reviews were given
    ("ej granskad"): it cannot be placed among the reviewed ones, so it has no place.
    """

    applications: tuple[ReviewedResult, ...]
    summary: RunSummary
    version: str
    reviews_given: bool = False  # --reviews was given: the formats show reviewer columns
    review_files: int = 0
    review_problems: tuple[ReviewProblem, ...] = ()
    title: str | None = None  # the call's name (--title, or `call` in the configuration)
    date: str = ""  # ISO date the report was made
    sections: tuple[Section, ...] = ()
    ranks: tuple[int | None, ...] = ()
    followups_given: bool = False  # --followups was given: the formats show a follow-up column
    followups: tuple[FollowupResult, ...] = ()  # one per application that has follow-up reports
    followup_problems: tuple[Gap, ...] = ()  # why a follow-up report is not counted

    def followup_of(self, item: ReviewedResult) -> FollowupResult | None:
        """The follow-up of an application in the report, if it has one."""
        return next((f for f in self.followups if f.application_file == item.result.file), None)

    def followup_cell(self, item: ReviewedResult, lang: str) -> str:
        """How many effects are on track, the gaps and the latest report's date, or "–"."""
        found = self.followup_of(item)
        latest = found.latest_report if found else None
        if found is None or latest is None:
            return "–"
        cell = t("followup-report-cell", lang, on_track=found.on_track, effects=len(found.effects), gaps=found.errors)
        cell += ", " + t("followup-report-latest", lang, date=latest.period_end)
        if latest.final:
            cell += f" ({t('followup-final', lang)})"
        return cell

    def followup_status(self, item: ReviewedResult) -> str | None:
        """The latest report's status, in the project's own words."""
        found = self.followup_of(item)
        latest = found.latest_report if found else None
        return latest.status if latest else None

    def place(self, position: int) -> int | None:
        """The application's rank in its section, or None when it has none ("ej granskad")."""
        return self.ranks[position] if position < len(self.ranks) else position + 1

    def rank_label(self, position: int) -> str:
        rank = self.place(position)
        return "–" if rank is None else str(rank)

    @property
    def uncounted_files(self) -> tuple[str, ...]:
        """Review files of which nothing is counted, in the order they were read."""
        return tuple(dict.fromkeys(p.file for p in self.review_problems if p.scope == "review"))

    @property
    def uncounted_scores(self) -> int:
        """Single scores that are not counted, in reviews that otherwise are."""
        return sum(p.scope == "score" for p in self.review_problems)

    def problems_for(self, position: int) -> tuple[ReviewProblem, ...]:
        """The problems of reviews matched to this application: it has judgements not counted."""
        file = self.applications[position].result.file
        return tuple(p for p in self.review_problems if p.target == file)


@dataclass(frozen=True, slots=True)
class CriterionColumn:
    """A criterion as a column of the call report."""

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
    """Verdict (eligible first), then reviewers' mean, then score (both high first, none last), then file.

    Within a verdict the reviewed applications come first, by their mean; those without
    reviews follow, by score among themselves (the report marks them "ej granskad" and
    gives them no place, so they never rank below a reviewed one by a comparison).
    """
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


def _set_key(item: ReviewedResult) -> str | None:
    criteria_set = item.result.criteria_set
    return f"{criteria_set.id}@{criteria_set.version}" if criteria_set is not None else None


def build(
    items: Sequence[ReviewedResult],
    version: str,
    *,
    reviews_given: bool = False,
    review_files: int = 0,
    review_problems: Sequence[ReviewProblem] = (),
    title: str | None = None,
    date: str = "",
    followups: Sequence[FollowupResult] | None = None,
) -> CallReport:
    """The ranked report; ``followups`` (when --followups was given) split into used and refused."""
    by_set: dict[str | None, list[ReviewedResult]] = {}
    for item in items:
        by_set.setdefault(_set_key(item), []).append(item)
    ordered: list[ReviewedResult] = []
    sections: list[Section] = []
    ranks: list[int | None] = []
    # Sets by id@version; files whose set is unknown (unreadable YAML) last.
    for key in sorted(by_set, key=lambda k: (k is None, k or "")):
        members = rank(by_set[key])
        start = len(ordered)
        ordered.extend(members)
        set_ref = members[0].result.criteria_set
        sections.append(Section(key, set_ref.title if set_ref else None, tuple(range(start, len(ordered)))))
        place = 0
        for item in members:
            if reviews_given and item.review is None:
                ranks.append(None)
            else:
                place += 1
                ranks.append(place)
    summary = RunSummary()
    for item in ordered:
        summary = summary.add(item.result, under_threshold=False)
    return CallReport(
        applications=tuple(ordered),
        summary=summary,
        version=version,
        reviews_given=reviews_given,
        review_files=review_files,
        review_problems=tuple(review_problems),
        title=title.strip() if title and title.strip() else None,
        date=date,
        sections=tuple(sections),
        ranks=tuple(ranks),
        followups_given=followups is not None,
        followups=tuple(f for f in followups or () if f.application_valid),
        followup_problems=tuple(gap for f in followups or () for gap in f.refusals),
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


# The report formats' one-language catalogue lookup.
t = msg_text


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


def heading(report: CallReport, lang: str) -> str:
    """The report's title: the call's name when it has one."""
    return report.title or t("report-title", lang)


def made_line(report: CallReport, lang: str) -> str:
    return t("report-made", lang, date=report.date or "–", version=report.version)


def section_name(section: Section, lang: str) -> str:
    if section.key is None:
        return t("report-unknown-set", lang)
    title = section.title.get(lang) if section.title is not None else ""
    return f"{section.key} – {title}" if title else section.key


def set_lines(report: CallReport, lang: str) -> list[str]:
    """One line per criteria set in the report, with how many applications were checked against it."""
    lines = []
    for section in report.sections:
        n = len(section.applications)
        if section.key is None:
            lines.append(f"{t('report-unknown-set', lang)}: {n}")
            continue
        title = section.title.get(lang) if section.title is not None else ""
        message = "report-set-count-one" if n == 1 else "report-set-count"
        lines.append(t(message, lang, set=section.key, title=title, n=n))
    return lines


def banner(report: CallReport, lang: str) -> str | None:
    """ "3 granskningar räknas inte": what of the reviewers' work the numbers leave out, or None."""
    parts = []
    files = len(report.uncounted_files)
    if files:
        parts.append(t("report-banner-reviews-one" if files == 1 else "report-banner-reviews", lang, n=files))
    scores = report.uncounted_scores
    if scores:
        parts.append(t("report-banner-scores-one" if scores == 1 else "report-banner-scores", lang, n=scores))
    return "; ".join(parts) if parts else None


@dataclass(frozen=True, slots=True)
class UncountedRow:
    """One line of the list of reviews not counted, as every format shows it."""

    reviewer: str
    application: str
    where: str
    scope: str
    reason: str


def uncounted_headings(lang: str) -> list[str]:
    """The headings of the columns of the reviews not counted, in the order of `UncountedRow`."""
    return [
        t("report-column-reviewer", lang),
        t("report-column-application", lang),
        t("report-column-where", lang),
        t("report-column-uncounted", lang),
        t("report-column-reason", lang),
    ]


def uncounted_rows(report: CallReport, lang: str) -> list[UncountedRow]:
    rows = []
    for entry in report.review_problems:
        problem = entry.problem
        rows.append(
            UncountedRow(
                reviewer=entry.reviewer or "–",
                application=entry.target or entry.application or "–",
                where=f"{entry.file}:{problem.location.line}:{problem.location.column}",
                scope=t(f"report-uncounted-{entry.scope}", lang),
                # The hint says what to change (spaces for a tab, quotes around a text with ": ").
                reason=problem.message.get(lang) + (f" → {problem.hint.get(lang)}" if problem.hint is not None else ""),
            )
        )
    return rows


def reviews_line(report: CallReport, lang: str) -> str:
    """How many of the review files read are counted (a file with only a bad score still is)."""
    counted = report.review_files - len(report.uncounted_files)
    return t("report-reviews-line", lang, counted=max(counted, 0), files=report.review_files)
