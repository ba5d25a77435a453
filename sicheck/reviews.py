"""Reviewers' judgements: review files, their merge per application, and the review template.

The machine checks whether an application is *complete*; reviewers in the expert group
judge its *quality* on a 0–5 scale, one YAML file per reviewer and application::

    application: skolnarvaro.yaml        # file name (or path) of the application
    reviewer: Anna Andersson
    recommendation: yes                  # yes | maybe | no
    scores:
      VGR-02: {score: 4, comment: Metoden är väl beskriven}
      VGR-07: {score: 3}
    comment: Övergripande kommentar

Review files are untrusted input like applications: they go through the same safe loader
and a JSON Schema of their own (``schemas/review-1.schema.json``), and every problem is a
`Problem` value with a line and column, never an exception. A review file with an error
is left out of the merge as a whole, so no number in a report rests on a half-read file.

Reviews never change the machine's verdict or score; they are shown beside them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from sicheck import schemas, validation
from sicheck.i18n import Text, msg, number_text, round_half_up, suggestion
from sicheck.loader import Document, Limits, load_yaml
from sicheck.model import ApplicationResult, Location, Problem

if TYPE_CHECKING:
    from sicheck.catalog import CriteriaCatalog
    from sicheck.checker import CheckOptions

SCHEMA_RESOURCE = "review-1.schema.json"

Recommendation = Literal["yes", "maybe", "no"]
RECOMMENDATIONS: tuple[Recommendation, ...] = ("yes", "maybe", "no")

SCALE_MIN = 0
SCALE_MAX = 5
# Reviewers disagree on a criterion when their scores are this far apart or more.
DISAGREEMENT_SPREAD = 2

# Review files are a few kilobytes; the application limits are more than enough.
REVIEW_LIMITS = Limits(max_file_size=256 * 1024, max_depth=16, max_aliases=0, max_nodes=10_000)


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


@dataclass(frozen=True, slots=True)
class ReviewFile:
    """The outcome of loading one review file: a review, or the problems that stop it."""

    file: str
    review: Review | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewProblem:
    """A problem in a review file, with the file it is in (reports list them per file)."""

    file: str
    problem: Problem


@dataclass(frozen=True, slots=True)
class ReviewComment:
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


# --- the schema ---------------------------------------------------------------------


def schema_document() -> dict[str, Any]:
    """The review schema as shipped (Swedish titles, English under ``x-en``)."""
    return schemas.document(SCHEMA_RESOURCE)


# --- loading ------------------------------------------------------------------------


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
    loaded = load_yaml(data, REVIEW_LIMITS)
    if loaded.document is None:
        problem = loaded.problem
        assert problem is not None
        if problem.code in _LOADER_MESSAGES:
            problem = replace(problem, message=msg(_LOADER_MESSAGES[problem.code]))
        return ReviewFile(name, None, (problem,))
    document = loaded.document
    problems = [_schema_problem(document, v) for v in validation.violations(SCHEMA_RESOURCE, document.value)]
    if problems:
        problems.sort(key=lambda p: (p.location.line, p.location.column))
        return ReviewFile(name, None, tuple(problems))
    return ReviewFile(name, _build(document, name))


def _value_at(value: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        if not isinstance(value, dict) or not isinstance(part, str) or part not in value:
            return None
        value = value[part]
    return value


def _schema_problem(document: Document, violation: validation.Violation) -> Problem:
    location = violation.locate(document)
    value = _value_at(document.value, violation.path)
    path = violation.path
    # The generic schema messages are right but not helpful for the mistakes reviewers make
    # most: a score off the scale, a name or file left blank or left out, and a comment
    # with a comma outside quotes, which YAML reads as one more key.
    if len(path) == 3 and path[0] == "scores" and path[2] == "score" and _is_number(value):
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


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


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


# --- merging ------------------------------------------------------------------------


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


class _ApplicationIndex:
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
    index_of = _ApplicationIndex(results)
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
        problems.extend(ReviewProblem(review_file.file, p) for p in found)

    reviewed = [
        ReviewedResult(
            result,
            merge(per_result[i], allowed_cache.get(i) or ()) if i in per_result else None,
        )
        for i, result in enumerate(results)
    ]
    return reviewed, problems


def attach_reviews(
    results: Sequence[ApplicationResult], review_paths: Sequence[str], catalog: CriteriaCatalog
) -> tuple[list[ReviewedResult], list[ReviewProblem]]:
    """Load every review file named or found below ``review_paths`` and attach them.

    A missing path is a `UsageError` (exit 2); problems inside review files are returned.
    """
    loaded = [load_review(path, shown) for path, shown in review_files(review_paths)]
    return attach(results, loaded, catalog)


# --- the template -------------------------------------------------------------------


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar that reads back as ``text`` (for names from outside)."""
    out = []
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029, 0xFEFF):
            # Not printable in YAML, or a line break in disguise: escape it.
            out.append("\ufffd" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def review_template(application_path: str | Path, options: CheckOptions, lang: str = "sv") -> str:
    """A commented review file for one application, for a reviewer to fill in.

    One line per criterion of the application's criteria set (``options.criteria``
    overrides it, as ``--criteria`` does), with the machine's status beside it, and the
    scale's anchors in the header. Filled in, it is a valid review file. An application
    that cannot be read still gets a template, for the default set.
    """
    from sicheck.checker import check_path
    from sicheck.sanitize import one_line

    def t(message_id: str, **params: object) -> str:
        return msg(message_id, **params).get(lang)

    path = str(application_path)
    catalog = options.catalog
    result = check_path(path, options)
    if options.criteria is not None:
        chosen = catalog.load(options.criteria)
    elif result.criteria_set is not None:
        key = f"{result.criteria_set.id}@{result.criteria_set.version}"
        chosen = catalog.find(key) or catalog.load(options.default_criteria)
    else:
        chosen = catalog.load(options.default_criteria)
    status = {c.id: c.status for c in result.criteria}

    # Comment lines carry text from the application: one_line() keeps it on its line (a
    # line break would let a title write YAML keys into the template) and visible.
    title = one_line(result.title) if result.title else t("untitled")
    lines = [
        f"# {t('review-template-heading')}",
        f"# {t('review-template-application')}: {title}",
        f"# {t('heading-file')}: {one_line(path)}",
        f"# {t('heading-criteria-set')}: {chosen.key} ({one_line(chosen.title.get(lang))})",
        f"# {t('review-template-verdict')}: {t(f'verdict-{result.verdict}')}"
        + (f", {t('score-line', score=number_text(result.score))}" if result.score is not None else ""),
        "#",
    ]
    lines += [f"# {line}" if line else "#" for line in t("review-template-instructions").splitlines()]
    lines.append("#")
    lines.append(f"# {t('review-scale-heading')}:")
    lines += [f"#   {step.score} = {step.label.get(lang)}" for step in SCALE]
    lines += [
        "",
        "format: 1",
        f"application: {_yaml_string(Path(path).name)}",
        f'reviewer: ""                 # {t("review-template-reviewer")}',
        f"recommendation:              # yes | maybe | no ({t('review-template-recommendation')})",
        "scores:",
    ]
    width = max((len(c.id) for c in chosen.criteria), default=0)
    for criterion in chosen.criteria:
        note = one_line(criterion.title.get(lang))
        if not criterion.required:
            note += f" ({t('optional-mark')})"
        if criterion.id in status:
            note += f" – sicheck: {t(f'status-{status[criterion.id]}')}"
        padding = " " * (width - len(criterion.id))
        lines.append(f'  {criterion.id}:{padding} {{score: , comment: ""}}   # {note}')
    lines.append(f'comment: ""                  # {t("review-template-comment")}')
    return "\n".join(lines) + "\n"
