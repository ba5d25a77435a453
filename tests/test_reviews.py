"""Review files: loading, the review schema, matching to applications, the merge and the template."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from sicheck.checker import CheckOptions, check_path
from sicheck.errors import SicheckError
from sicheck.model import ApplicationResult, CriteriaSetRef, Location
from sicheck.reviews.loading import load_review, load_review_bytes, review_files, schema_document
from sicheck.reviews.merging import attach, merge
from sicheck.reviews.model import SCALE, CriterionScore, Review, ReviewedResult, ReviewFile, ReviewProblem
from sicheck.reviews.template import review_template

from .conftest import CATALOG, INPUTS, ROOT, SAMPLES

SAMPLE_REVIEWS = ROOT / "sample_reviews"
BAD = INPUTS / "reviews" / "bad"
HOSTILE_REVIEWS = INPUTS / "reviews" / "hostile"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


def attach_samples(results: list[ApplicationResult]) -> tuple[list[ReviewedResult], list[ReviewProblem]]:
    """The sample reviews, loaded and attached as `sicheck report --reviews sample_reviews` does."""
    return attach(results, [load_review(path, shown) for path, shown in review_files([str(SAMPLE_REVIEWS)])], CATALOG)


@pytest.fixture(scope="module")
def sample_results() -> list[ApplicationResult]:
    return [check_path(str(path), CheckOptions(CATALOG)) for path in SAMPLE_FILES]


def _review(reviewer: str, scores: dict[str, int | None], *, recommendation: Any = None, **comments: str) -> Review:
    where = Location("", 1, 1)
    return Review(
        file=f"{reviewer}.yaml",
        application="a.yaml",
        application_location=where,
        reviewer=reviewer,
        reviewer_location=where,
        recommendation=recommendation,
        scores=tuple(
            CriterionScore(criterion, score, comments.get(criterion.replace("-", "_")), where)
            for criterion, score in scores.items()
        ),
        comment=None,
    )


# --- loading ----------------------------------------------------------------------


def test_sample_reviews_load_and_attach_cleanly(sample_results: list[ApplicationResult]) -> None:
    files = review_files([str(SAMPLE_REVIEWS)])
    assert len(files) >= 8
    for path, _ in files:
        loaded = load_review(path)
        assert loaded.problems == (), (path, loaded.problems)
    reviewed, problems = attach(
        sample_results, [load_review(p, s) for p, s in review_files([str(SAMPLE_REVIEWS)])], CATALOG
    )
    assert problems == []
    assert sum(item.review.reviewers for item in reviewed if item.review) == len(files)


def test_sample_reviews_have_a_disagreement(sample_results: list[ApplicationResult]) -> None:
    reviewed, _ = attach_samples(sample_results)
    flagged = {Path(item.result.file).name: item.review.disagreements for item in reviewed if item.review}
    assert flagged["tidiga-insatser-skolnarvaro.yaml"] == ("VGR-07", "VGR-10")
    assert flagged["tmr.yaml"] == ("VGR-02",)


def test_expected_covers_every_bad_file() -> None:
    assert sorted(EXPECTED) == sorted(p.name for p in BAD.glob("*.yaml") if p.name != "expected.yaml")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_review_files(name: str, sample_results: list[ApplicationResult]) -> None:
    """Each bad file gives its expected first problem, with line and column; compared by code, not wording."""
    expected = EXPECTED[name]
    reviewed, problems = attach(sample_results, [load_review(BAD / name)], CATALOG)
    assert problems, name
    first = problems[0].problem
    assert problems[0].file == str(BAD / name)
    assert (first.code, first.location.line, first.location.column) == (
        expected["code"],
        expected["line"],
        expected["column"],
    )
    assert first.severity == "error"
    assert first.message.sv and first.message.en
    assert {p.scope for p in problems} == {expected["scope"]}
    counted = [item.review for item in reviewed if item.review is not None]
    if expected["scope"] == "review":
        # A file that cannot be read, or is wrong as a whole, is left out whole.
        assert counted == []
    else:
        # One bad score leaves out that score only: the reviewer still counts.
        assert len(counted) == 1 and counted[0].reviewers == 1
        given = {s.criterion for s in counted[0].reviews[0].scores}
        assert first.criterion not in given
        assert problems[0].reviewer == "Anna Andersson" and problems[0].target is not None


def test_unknown_criterion_suggests_the_padded_id(sample_results: list[ApplicationResult]) -> None:
    _, problems = attach(sample_results, [load_review(BAD / "unknown-criterion.yaml")], CATALOG)
    assert "VGR-02" in problems[0].problem.message.en
    assert problems[0].problem.criterion == "VGR-2"


def test_application_not_found_suggests_a_name(sample_results: list[ApplicationResult]) -> None:
    _, problems = attach(sample_results, [load_review(BAD / "application-not-found.yaml")], CATALOG)
    assert "'tmr.yaml'" in problems[0].problem.message.sv


def test_yes_stays_the_word_yes() -> None:
    loaded = load_review_bytes(b"application: a.yaml\nreviewer: A\nrecommendation: yes\n", "r.yaml")
    assert loaded.review is not None
    assert loaded.review.recommendation == "yes"
    loaded = load_review_bytes(b"application: a.yaml\nreviewer: A\nrecommendation: no\n", "r.yaml")
    assert loaded.review is not None and loaded.review.recommendation == "no"


def test_unreadable_review_file(tmp_path: Path) -> None:
    loaded = load_review(tmp_path / "missing.yaml")
    assert loaded.review is None
    assert loaded.problems[0].code == "file-unreadable"


def test_missing_review_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SicheckError):
        review_files([str(tmp_path / "nope")])


# --- the schema -------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(schema_document())


def test_schema_states_the_scale() -> None:
    """The schema's description of a score lists the same anchors as SCALE, in both languages."""
    score = schema_document()["$defs"]["criterion_score"]["properties"]["score"]
    assert (score["minimum"], score["maximum"]) == (SCALE[0].score, SCALE[-1].score)
    sv = ", ".join(f"{step.score} = {step.label.sv}" for step in SCALE)
    en = ", ".join(f"{step.score} = {step.label.en}" for step in SCALE)
    assert sv in score["description"]
    assert en in score["x-en"]["description"]
    assert [step.score for step in SCALE] == [0, 1, 2, 3, 4, 5]
    # 0 is "missing" and counts as 0; a criterion one cannot judge is left empty instead.
    assert SCALE[0].label.en == "missing" and SCALE[5].label.en == "excellent"
    assert "leave the score empty" in schema_document()["x-en"]["description"]


# --- merging ----------------------------------------------------------------------


def test_merge_arithmetic() -> None:
    summary = merge(
        [
            _review("A", {"VGR-01": 1, "VGR-02": 3, "VGR-03": 2}, recommendation="yes", VGR_01="svag"),
            _review("B", {"VGR-01": 5, "VGR-02": 4}, recommendation="no", VGR_01="utmärkt"),
            _review("C", {"VGR-01": 3, "VGR-02": None, "VGR-03": 4}, recommendation="yes"),
        ],
        ["VGR-01", "VGR-02", "VGR-03"],
    )
    assert summary.reviewers == 3
    assert (summary.recommendations.yes, summary.recommendations.maybe, summary.recommendations.no) == (2, 0, 1)
    first, second, third = summary.criteria
    assert (first.id, first.n, first.mean, first.min, first.max, first.disagreement) == ("VGR-01", 3, 3.0, 1, 5, True)
    assert [(c.reviewer, c.text) for c in first.comments] == [("A", "svag"), ("B", "utmärkt")]
    # A blank score does not count.
    assert (second.n, second.mean, second.min, second.max, second.disagreement) == (2, 3.5, 3, 4, False)
    # A spread of exactly 2 is a disagreement.
    assert (third.min, third.max, third.disagreement) == (2, 4, True)
    # The overall mean is the mean of each reviewer's mean: (2 + 4.5 + 3.5) / 3, not the mean of all scores.
    assert summary.mean == round((2 + 4.5 + 3.5) / 3, 2)
    assert summary.disagreements == ("VGR-01", "VGR-03")


def test_merge_one_reviewer_never_disagrees() -> None:
    summary = merge([_review("A", {"VGR-01": 0, "VGR-02": 5})])
    assert not any(c.disagreement for c in summary.criteria)
    assert summary.mean == 2.5


def test_merge_orders_by_the_criteria_set_and_keeps_comment_only_criteria() -> None:
    summary = merge(
        [_review("A", {"VGR-10": 2, "VGR-02": None, "VGR-01": 4}, VGR_02="bara en kommentar")],
        ["VGR-01", "VGR-02", "VGR-10"],
    )
    assert [c.id for c in summary.criteria] == ["VGR-01", "VGR-02", "VGR-10"]
    comment_only = summary.criteria[1]
    assert (comment_only.n, comment_only.mean, comment_only.min, comment_only.disagreement) == (0, None, None, False)


def test_merge_without_scores() -> None:
    summary = merge([_review("A", {}, recommendation="maybe")])
    assert summary.mean is None and summary.criteria == ()
    assert summary.recommendations.maybe == 1


def test_means_are_rounded_to_two_decimals() -> None:
    summary = merge([_review("A", {"VGR-01": 1}), _review("B", {"VGR-01": 1}), _review("C", {"VGR-01": 2})])
    assert summary.criteria[0].mean == 1.33


# --- attaching --------------------------------------------------------------------


def _result(file: str, verdict: Any = "eligible") -> ApplicationResult:
    return ApplicationResult(
        file=file,
        title="T",
        criteria_set=CriteriaSetRef("vgr", "2015", SCALE[0].label),
        verdict=verdict,
        score=50.0 if verdict != "invalid" else None,
    )


def _review_file(folder: Path, name: str, application: str, reviewer: str = "Anna") -> ReviewFile:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"application: {application}\nreviewer: {reviewer}\nscores:\n  VGR-01: {{score: 3}}\n")
    return load_review(path)


def test_matching_by_name_path_and_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "call" / "a").mkdir(parents=True)
    (tmp_path / "call" / "b").mkdir(parents=True)
    results = [_result("call/a/one.yaml"), _result("call/b/two.yaml"), _result("<stdin>")]
    loaded = [
        _review_file(tmp_path / "reviews", "1.yaml", "one.yaml", "A"),
        _review_file(tmp_path / "reviews", "2.yaml", "b/two.yaml", "B"),
        _review_file(tmp_path / "reviews", "3.yaml", "../call/a/one.yaml", "C"),
        _review_file(tmp_path / "reviews", "4.yaml", str(tmp_path / "call" / "b" / "two.yaml"), "D"),
        _review_file(tmp_path / "reviews", "5.yaml", "./call/a/one.yaml", "E"),
    ]
    reviewed, problems = attach(results, loaded, CATALOG)
    assert problems == []
    assert [r.reviewer for r in reviewed[0].review.reviews] == ["A", "C", "E"]  # type: ignore[union-attr]
    assert [r.reviewer for r in reviewed[1].review.reviews] == ["B", "D"]  # type: ignore[union-attr]
    assert reviewed[2].review is None


def test_ambiguous_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    results = [_result("a/same.yaml"), _result("b/same.yaml")]
    reviewed, problems = attach(results, [_review_file(tmp_path, "r.yaml", "same.yaml")], CATALOG)
    assert [p.problem.code for p in problems] == ["application-ambiguous"]
    assert problems[0].problem.location.line == 1
    assert all(item.review is None for item in reviewed)
    _, problems = attach(results, [_review_file(tmp_path, "r2.yaml", "b/same.yaml")], CATALOG)
    assert problems == []


def test_a_reviewer_counts_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    results = [_result("one.yaml")]
    loaded = [
        _review_file(tmp_path, "r1.yaml", "one.yaml", "Anna Andersson"),
        _review_file(tmp_path, "r2.yaml", "one.yaml", "anna  andersson"),
    ]
    reviewed, problems = attach(results, loaded, CATALOG)
    # Neither file counts, and both are listed, each naming the other: nothing is chosen silently.
    assert [p.problem.code for p in problems] == ["duplicate-review", "duplicate-review"]
    assert [p.file for p in problems] == [str(tmp_path / "r1.yaml"), str(tmp_path / "r2.yaml")]
    assert str(tmp_path / "r2.yaml") in problems[0].problem.message.en
    assert str(tmp_path / "r1.yaml") in problems[1].problem.message.en
    assert all(p.problem.location.line == 2 and p.scope == "review" for p in problems)
    assert reviewed[0].review is None


def test_reviews_never_change_the_machine_verdict(sample_results: list[ApplicationResult]) -> None:
    reviewed, _ = attach_samples(sample_results)
    for item, result in zip(reviewed, sample_results, strict=True):
        assert item.result is result
    # Björn Lindqvist recommends "no" for an application; the machine's verdict stands beside it.
    tmr = next(item for item in reviewed if item.result.file.endswith("tmr.yaml"))
    assert tmr.review is not None and tmr.review.recommendations.no == 1
    assert tmr.result.verdict == "ineligible"


def test_a_review_of_an_invalid_application_is_checked_against_its_set(tmp_path: Path) -> None:
    invalid = check_path(str(INPUTS / "invalid" / "negative-hours.yaml"), CheckOptions(CATALOG))
    assert invalid.verdict == "invalid" and invalid.criteria_set is not None
    good = _review_file(tmp_path, "ok.yaml", "negative-hours.yaml")
    reviewed, problems = attach([invalid], [good], CATALOG)
    assert problems == [] and reviewed[0].review is not None
    bad = tmp_path / "bad.yaml"
    bad.write_text("application: negative-hours.yaml\nreviewer: B\nscores:\n  ALE-01: {score: 3}\n")
    _, problems = attach([invalid], [load_review(bad)], CATALOG)
    assert [p.problem.code for p in problems] == ["unknown-criterion"]


# --- the template -----------------------------------------------------------------


def fill(template: str, reviewer: str = "Anna Andersson", score: int = 3) -> str:
    """What a reviewer does: a name, a recommendation, a score on every line and a comment."""
    text = template.replace('reviewer: ""', f'reviewer: "{reviewer}"', 1)
    text = text.replace("recommendation:", "recommendation: maybe", 1)
    text = text.replace("{score: , ", f"{{score: {score}, ")
    return re.sub(r'comment: ""(\s+#.*)?$', 'comment: "Bra, men: tunt"', text, count=1, flags=re.M)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_filled_template_is_a_valid_review(
    path: Path, lang: str, sample_results: list[ApplicationResult], tmp_path: Path
) -> None:
    template = review_template(path, CheckOptions(CATALOG), lang)
    result = check_path(str(path), CheckOptions(CATALOG))
    assert result.criteria_set is not None
    # One line per criterion of the application's set, in the set's order.
    ids = re.findall(r"^  ([A-Z]+-[0-9]{2}):", template, flags=re.M)
    assert ids == [c.id for c in result.criteria]
    for step in SCALE:
        assert f"{step.score} = {step.label.get(lang)}" in template

    review_file = tmp_path / "review.yaml"
    review_file.write_text(fill(template), encoding="utf-8")
    loaded = load_review(review_file)
    assert loaded.problems == ()
    assert loaded.review is not None
    assert loaded.review.application == path.as_posix()  # printed, not written: the path as given
    assert loaded.review.comment == "Bra, men: tunt"
    reviewed, problems = attach(sample_results, [loaded], CATALOG)
    assert problems == []
    item = next(i for i in reviewed if i.review is not None)
    assert item.result.file == str(path)
    assert item.review is not None and item.review.mean == 3.0
    assert [c.id for c in item.review.criteria] == ids


def test_unfilled_template_asks_for_a_name(tmp_path: Path) -> None:
    template = review_template(SAMPLES / "tmr.yaml", CheckOptions(CATALOG))
    loaded = load_review_bytes(template.encode("utf-8"), "r.yaml")
    assert [p.code for p in loaded.problems] == ["schema"]
    line = template.splitlines().index(next(row for row in template.splitlines() if row.startswith("reviewer:"))) + 1
    assert loaded.problems[0].location.line == line
    assert "reviewer" in loaded.problems[0].message.en


def test_template_with_only_some_scores_is_valid() -> None:
    template = review_template(SAMPLES / "tmr.yaml", CheckOptions(CATALOG))
    text = template.replace('reviewer: ""', "reviewer: Bo", 1).replace("{score: , ", "{score: 4, ", 2)
    loaded = load_review_bytes(text.encode("utf-8"), "r.yaml")
    assert loaded.problems == ()
    assert loaded.review is not None
    assert [s.score for s in loaded.review.scores][:3] == [4, 4, None]


def test_template_criteria_override_and_invalid_application() -> None:
    template = review_template(SAMPLES / "tmr.yaml", CheckOptions(CATALOG, criteria="ale@2012"), "en")
    assert re.findall(r"^  ([A-Z]+-[0-9]{2}):", template, flags=re.M)[0] == "ALE-01"
    # An application that cannot be read still gets a template, for its named or the default set.
    template = review_template(INPUTS / "invalid" / "duplicate-key.yaml", CheckOptions(CATALOG))
    assert "VGR-01:" in template
    assert load_review_bytes(fill(template).encode("utf-8"), "r.yaml").problems == ()
    with pytest.raises(SicheckError):
        review_template(SAMPLES / "tmr.yaml", CheckOptions(CATALOG, criteria="nope@1"))


def test_template_keeps_hostile_text_in_its_comments(tmp_path: Path) -> None:
    application = (SAMPLES / "tmr.yaml").read_text(encoding="utf-8")
    title = '"Titel\\nreviewer: Inbrytare\\u2028recommendation: yes\\x85scores: {} \\e[31m\\u202e"'
    application = re.sub(r"^  title: .*$", lambda _: f"  title: {title}", application, count=1, flags=re.M)
    name = tmp_path / 'a "b": c #d.yaml'
    name.write_text(application, encoding="utf-8")
    template = review_template(name, CheckOptions(CATALOG), review_file=tmp_path / "granskning.yaml")
    assert "\x1b" not in template and "\u202e" not in template and "\u2028" not in template
    assert "# Ansökan: Titel reviewer: Inbrytare recommendation: yes scores: {} \\x1b[31m\\u202e\n" in template
    loaded = load_review_bytes(template.encode("utf-8"), "r.yaml")
    # Unfilled: the only problem is the blank name, so the title wrote no keys.
    assert [p.message.en for p in loaded.problems] == ["Write your name in 'reviewer'."]
    filled = load_review_bytes(fill(template).encode("utf-8"), "r.yaml")
    assert filled.review is not None
    assert filled.review.application == name.name
    assert filled.review.reviewer == "Anna Andersson"


# --- properties -------------------------------------------------------------------

_SCORES = st.dictionaries(
    st.sampled_from(["VGR-01", "VGR-02", "VGR-03"]), st.one_of(st.none(), st.integers(0, 5)), max_size=3
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_SCORES, min_size=1, max_size=6))
def test_merge_properties(reviewers: list[dict[str, int | None]]) -> None:
    reviews = [_review(f"R{i}", scores) for i, scores in enumerate(reviewers)]
    summary = merge(reviews, ["VGR-01", "VGR-02", "VGR-03"])
    assert summary.reviewers == len(reviews)
    for criterion in summary.criteria:
        given_scores = [s[criterion.id] for s in reviewers if s.get(criterion.id) is not None]
        assert criterion.n == len(given_scores)
        if given_scores:
            assert criterion.min == min(given_scores) and criterion.max == max(given_scores)
            assert criterion.mean is not None and criterion.min <= criterion.mean <= criterion.max
            assert criterion.disagreement == (max(given_scores) - min(given_scores) >= 2)
        else:
            assert criterion.mean is None and not criterion.disagreement
    if summary.mean is not None:
        assert 0 <= summary.mean <= 5
    assert [c.id for c in summary.criteria] == sorted(c.id for c in summary.criteria)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_loading_any_bytes_gives_a_value(data: bytes) -> None:
    """Whatever a review file holds, loading gives a review or problems with a position, never an exception."""
    loaded = load_review_bytes(data, "r.yaml")
    assert (loaded.review is None) == bool(loaded.problems)
    for problem in loaded.problems:
        assert problem.location.line >= 1 and problem.location.column >= 1
