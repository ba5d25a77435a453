"""Reviews as reviewers write them: Swedish recommendations, `VGR-02: 4`, one bad score,
templates that find their application, and 0 (missing) apart from empty (not judged)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicheck.cli import app
from sicheck.reviews.loading import RECOMMENDATION_WORDS, load_review, load_review_bytes

from .conftest import INPUTS, ROOT, SAMPLES

runner = CliRunner()
GOOD = INPUTS / "reviews" / "good"


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"CI": None, "SOURCE_DATE_EPOCH": "1767225600"})
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def review_text(recommendation: str = "", scores: str = "") -> bytes:
    text = f"application: tmr.yaml\nreviewer: Anna Andersson\nrecommendation: {recommendation}\nscores:\n{scores}"
    return text.encode("utf-8")


# --- recommendations in Swedish ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("ja", "yes"),
        ("kanske", "maybe"),
        ("nej", "no"),
        ("tillstyrks", "yes"),
        ("kompletteras", "maybe"),
        ("avstyrks", "no"),
        ("Ja", "yes"),
        ("  NEJ ", "no"),
        ("yes", "yes"),
        ("maybe", "maybe"),
        ("no", "no"),
    ],
)
def test_recommendation_words(written: str, meant: str) -> None:
    loaded = load_review_bytes(review_text(f'"{written}"'), "r.yaml")
    assert loaded.problems == ()
    assert loaded.review is not None and loaded.review.recommendation == meant


def test_the_schema_lists_every_word() -> None:
    from sicheck.reviews.loading import schema_document

    allowed = schema_document()["properties"]["recommendation"]["enum"]
    assert set(RECOMMENDATION_WORDS) | {None} == set(allowed)


def test_an_unknown_word_is_refused_with_the_list() -> None:
    loaded = load_review_bytes(review_text("kanhända"), "r.yaml")
    assert loaded.review is None
    assert loaded.problems[0].location.line == 3
    assert "kanske" in loaded.problems[0].message.sv


def test_recommendation_ja_counts_as_yes_in_the_report() -> None:
    code, out, _ = invoke("report", str(SAMPLES), "--reviews", str(GOOD / "recommendation-ja.yaml"), "-f", "json")
    assert code == 0
    tmr = next(a for a in json.loads(out)["applications"] if a["file"].endswith("tmr.yaml"))
    assert tmr["review"]["recommendations"] == {"yes": 1, "maybe": 0, "no": 0}
    assert tmr["review"]["by_reviewer"][0]["recommendation"] == "yes"  # JSON keeps yes/maybe/no


# --- VGR-02: 4, and one bad score ----------------------------------------------------------


def test_a_score_without_a_comment_can_be_written_short() -> None:
    loaded = load_review(GOOD / "shorthand.yaml")
    assert loaded.problems == ()
    assert loaded.review is not None
    scores = {s.criterion: (s.score, s.comment) for s in loaded.review.scores}
    assert scores == {
        "VGR-01": (4, None),
        "VGR-02": (3, "Bra metod, men: oklart"),
        "VGR-03": (None, None),
        "VGR-10": (0, None),
    }
    assert loaded.review.recommendation == "maybe"


def test_a_short_score_off_the_scale_leaves_out_that_score_only() -> None:
    loaded = load_review_bytes(review_text("ja", "  VGR-01: 4\n  VGR-02: 6\n  VGR-03: 3\n"), "r.yaml")
    assert loaded.review is not None
    assert [s.criterion for s in loaded.review.scores] == ["VGR-01", "VGR-03"]
    [problem] = loaded.problems
    assert (problem.code, problem.location.line, problem.location.column) == ("score-range", 6, 11)
    assert "6" in problem.message.sv and "0 till 5" in problem.message.sv


def test_a_quoted_score_leaves_out_that_score_only() -> None:
    loaded = load_review_bytes(review_text("", '  VGR-01: "4"\n  VGR-02: {score: 3}\n'), "r.yaml")
    assert loaded.review is not None
    assert [s.criterion for s in loaded.review.scores] == ["VGR-02"]
    assert loaded.problems[0].location.line == 5


def test_a_comma_in_a_flow_comment_names_the_quotes() -> None:
    loaded = load_review_bytes(review_text("", "  VGR-02: {score: 4, comment: Bra metod, men: oklart}\n"), "r.yaml")
    assert loaded.review is not None and loaded.review.scores == ()
    [problem] = loaded.problems
    assert "'men'" in problem.message.en and "quotes" in problem.message.en


def test_broken_yaml_still_refuses_the_whole_file() -> None:
    loaded = load_review_bytes(review_text("ja", '  VGR-01: {score: 4, comment: "Bra men tunt}\n'), "r.yaml")
    assert loaded.review is None
    assert [p.code for p in loaded.problems] == ["yaml-syntax"]
    # Who and what it was about are still read from the lines, for the list of reviews not counted.
    assert (loaded.reviewer, loaded.application) == ("Anna Andersson", "tmr.yaml")


def test_the_rest_of_a_review_with_one_bad_score_counts_in_the_report(tmp_path: Path) -> None:
    review = tmp_path / "anna.yaml"
    review.write_bytes(review_text("ja", "  VGR-01: 4\n  VGR-02: 6\n"))
    code, out, err = invoke("report", str(SAMPLES), "--reviews", str(review), "-f", "json")
    assert code == 1  # a score is not counted: the expert group must hear of it
    document = json.loads(out)
    tmr = next(a for a in document["applications"] if a["file"].endswith("tmr.yaml"))
    assert tmr["review"]["reviewers"] == 1 and tmr["review"]["by_reviewer"][0]["scores"] == {"VGR-01": 4}
    [problem] = document["review_problems"]
    assert problem["not_counted"] == "score" and problem["reviewer"] == "Anna Andersson"
    assert problem["application"].endswith("tmr.yaml")
    assert "anna.yaml:6:11: poängen räknas inte: " in err
    banner = invoke("report", str(SAMPLES), "--reviews", str(review), "--no-color")[1].split("\n\n")[1]
    assert "1 poäng räknas inte" in banner


# --- 0 is missing, empty is not judged -------------------------------------------------------


def test_zero_counts_and_empty_does_not() -> None:
    code, out, _ = invoke("report", str(SAMPLES), "--reviews", str(GOOD / "shorthand.yaml"), "-f", "json")
    assert code == 0
    tmr = next(a for a in json.loads(out)["applications"] if a["file"].endswith("tmr.yaml"))
    criteria = tmr["review"]["criteria"]
    assert "VGR-03" not in criteria  # left empty: not judged, not counted
    assert criteria["VGR-10"]["n"] == 1 and criteria["VGR-10"]["mean"] == 0  # 0: missing, counted
    assert tmr["review"]["mean"] == round((4 + 3 + 0) / 3, 2)


def test_the_scale_and_the_template_say_the_same() -> None:
    code, template, _ = invoke("new", "--review", str(SAMPLES / "tmr.yaml"))
    assert code == 0
    assert "#   0 = saknas\n" in template
    assert "#   tomt = bedöms inte (räknas inte)" in template
    assert "lämna score tomt" in template.lower()
    assert "recommendation:              # ja | kanske | nej" in template


# --- the template finds its application wherever it is written -----------------------------


@pytest.fixture
def one_folder_per_applicant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """a13/vgr/ansokan.yaml and a13/ale/ansokan.yaml: the same base name twice."""
    for folder, sample in (("vgr", "tmr.yaml"), ("ale", "minimili.yaml")):
        (tmp_path / "a13" / folder).mkdir(parents=True)
        shutil.copy(SAMPLES / sample, tmp_path / "a13" / folder / "ansokan.yaml")
    (tmp_path / "granskningar" / "anna").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fill(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace('reviewer: ""', 'reviewer: "Anna Andersson"', 1)
    path.write_text(text.replace("{score: ,", "{score: 3,"), encoding="utf-8")


def test_template_names_its_application_relative_to_itself(one_folder_per_applicant: Path) -> None:
    code, _, err = invoke("new", "--review", "a13/vgr/ansokan.yaml", "-o", "granskningar/anna/vgr.yaml")
    assert code == 0
    written = Path("granskningar/anna/vgr.yaml").read_text(encoding="utf-8")
    assert 'application: "../../a13/vgr/ansokan.yaml"' in written
    fill(Path("granskningar/anna/vgr.yaml"))
    code, out, err = invoke("report", "a13", "--reviews", "granskningar", "-f", "json")
    assert err == "" and code == 0
    reviewed = {a["file"]: a["review"] for a in json.loads(out)["applications"]}
    assert reviewed["a13/vgr/ansokan.yaml"]["reviewers"] == 1
    assert reviewed["a13/ale/ansokan.yaml"] is None


def test_the_message_after_new_review_is_the_command_that_checks_it(one_folder_per_applicant: Path) -> None:
    code, _, err = invoke("new", "--review", "a13/vgr/ansokan.yaml", "-o", "granskningar/anna/vgr.yaml")
    assert code == 0
    command = "sicheck check a13/vgr/ansokan.yaml --reviews granskningar/anna/vgr.yaml"
    assert command in err
    fill(Path("granskningar/anna/vgr.yaml"))
    # The command it shows works: the review is read as a review, beside its application.
    code, out, err = invoke(*command.split()[1:], "--lang", "en")
    assert "The reviewers' judgement" in out and "Reviewers: 1" in out
    assert "not counted" not in out + err
    english = invoke("new", "--review", "a13/ale/ansokan.yaml", "-o", "granskningar/anna/ale.yaml", "--lang", "en")
    assert (
        "check the review with: sicheck check a13/ale/ansokan.yaml --reviews granskningar/anna/ale.yaml" in english[2]
    )


def test_a_misspelt_application_is_still_an_error(one_folder_per_applicant: Path, tmp_path: Path) -> None:
    review = tmp_path / "granskningar" / "anna" / "typo.yaml"
    review.write_text("application: ansokn.yaml\nreviewer: Anna\n", encoding="utf-8")
    code, out, _ = invoke("check", "a13/vgr/ansokan.yaml", "--reviews", "granskningar", "--lang", "en")
    assert "is not among the applications" in out
    assert code == 1


# --- YAML mistakes get the same hints as in applications -----------------------------------


@pytest.mark.parametrize(
    ("text", "line", "hint_sv"),
    [
        ("comment: Bra metod, men: oklart\n", 3, 'comment: "Bra metod, men: oklart"'),
        ("scores:\n\tVGR-01: 4\n", 4, "mellanslag"),
        ('comment: "Han sa "bra" till mig"\n', 3, "citattecknen"),
    ],
    ids=["colon", "tab", "quote"],
)
def test_yaml_mistakes_in_a_review_are_explained(text: str, line: int, hint_sv: str) -> None:
    loaded = load_review_bytes(f"application: tmr.yaml\nreviewer: Anna\n{text}".encode(), "r.yaml")
    assert loaded.review is None
    [problem] = loaded.problems
    assert problem.code == "yaml-syntax" and problem.location.line == line
    assert problem.hint is not None and hint_sv in problem.hint.sv and problem.hint.en
    assert "mapping values are not allowed" not in problem.message.sv  # no raw parser English


def test_the_list_of_reviews_not_counted_carries_the_hint(tmp_path: Path) -> None:
    review = tmp_path / "tab.yaml"
    review.write_text("application: tmr.yaml\nreviewer: Anna\nscores:\n\tVGR-01: 4\n", encoding="utf-8")
    code, out, _ = invoke("report", str(SAMPLES), "--reviews", str(review), "-f", "markdown", "--lang", "en")
    assert code == 1
    row = next(line for line in out.splitlines() if "tab\\.yaml:4:1" in line or "tab.yaml:4:1" in line)
    assert "| Anna |" in row and "tmr" in row and "→" in row and "space" in row


# --- review files are recognised wherever they lie ------------------------------------------


@pytest.fixture
def reviews_inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """a8/ holds the applications and a8/granskningar/ the reviews, as committees keep them."""
    shutil.copytree(SAMPLES, tmp_path / "a8", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(ROOT / "sample_reviews", tmp_path / "a8" / "granskningar")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _ranking(out: str) -> list[tuple[str, int | None, float | None]]:
    return [
        (Path(a["file"]).name, a["rank"], a["review"]["mean"] if a["review"] else None)
        for a in json.loads(out)["applications"]
    ]


def test_a_reviews_folder_inside_the_applications_folder_changes_nothing(reviews_inside: Path) -> None:
    shutil.copytree(reviews_inside / "a8" / "granskningar", reviews_inside / "granskningar")
    shutil.rmtree(reviews_inside / "a8" / "granskningar")
    code, apart, _ = invoke("report", "a8", "--reviews", "granskningar", "-f", "json")
    assert code == 0
    shutil.copytree(reviews_inside / "granskningar", reviews_inside / "a8" / "granskningar")
    code, inside, err = invoke("report", "a8", "--reviews", "a8/granskningar", "-f", "json")
    assert code == 0
    # The same applications, ranks and means; no "(utan titel)" application, no refused review.
    assert _ranking(inside) == _ranking(apart)
    assert json.loads(inside)["review_problems"] == []
    assert len(json.loads(inside)["applications"]) == 7
    # And the command says how many files it skipped, and why.
    assert "8 av filerna är inte ansökningar" in err and "granskningsfil: 8" in err


def test_check_skips_reviews_among_applications(reviews_inside: Path) -> None:
    _, out, err = invoke("check", "a8", "-f", "json", "--lang", "en")
    assert len(json.loads(out)["applications"]) == 7
    assert "review file: 8" in err


def test_means_round_half_up_with_a_decimal_comma(tmp_path: Path) -> None:
    """33 / 8 = 4.125 was shown as 4.12 (banker's rounding of a binary float)."""
    scores = "".join(f"  VGR-{n:02d}: {5 if n == 4 else 4}\n" for n in range(1, 9))
    review = tmp_path / "r.yaml"
    review.write_bytes(review_text("ja", scores))
    _, markdown, _ = invoke("report", str(SAMPLES), "--reviews", str(review), "-f", "markdown")
    assert "egen medel" not in markdown
    assert "eget medelvärde 4,13" in markdown or "eget medel 4,13" in markdown
    _, english, _ = invoke("report", str(SAMPLES), "--reviews", str(review), "-f", "markdown", "--lang", "en")
    assert "own mean 4.13" in english
    _, document, _ = invoke("report", str(SAMPLES), "--reviews", str(review), "-f", "json")
    tmr = next(a for a in json.loads(document)["applications"] if a["file"].endswith("tmr.yaml"))
    assert tmr["review"]["mean"] == 4.13 and tmr["review"]["by_reviewer"][0]["mean"] == 4.13
