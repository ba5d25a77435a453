"""``check --reviews`` and ``new --review``: the reviewers' judgement beside the machine's."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from sicheck.cli import app

from .conftest import ROOT, SAMPLES

REVIEWS = ROOT / "sample_reviews"
runner = CliRunner()


def test_json_has_the_review_beside_the_unchanged_verdict() -> None:
    plain = runner.invoke(app, ["check", str(SAMPLES), "-f", "json"])
    reviewed = runner.invoke(app, ["check", str(SAMPLES), "-f", "json", "--reviews", str(REVIEWS)])
    assert plain.exit_code == reviewed.exit_code == 1
    before = json.loads(plain.stdout)
    after = json.loads(reviewed.stdout)
    assert after["review_problems"] == []
    for machine, with_review in zip(before["applications"], after["applications"], strict=True):
        review = with_review["review"]
        assert {k: v for k, v in with_review.items() if k != "review"} == machine  # the machine's result is unchanged
        if review is not None:
            assert set(review) == {"reviewers", "recommendations", "mean", "criteria", "by_reviewer"}
            for criterion in review["criteria"].values():
                assert criterion["disagreement"] == (criterion["max"] - criterion["min"] >= 2)
    assert any(a["review"] is None for a in after["applications"])
    assert any(a["review"] and a["review"]["reviewers"] >= 2 for a in after["applications"])


def test_text_shows_reviewers_and_disagreement() -> None:
    result = runner.invoke(
        app,
        ["check", str(SAMPLES / "tidiga-insatser-skolnarvaro.yaml"), "--reviews", str(REVIEWS), "--lang", "en"],
    )
    assert "The reviewers' judgement" in result.stdout
    assert "DISAGREEMENT" in result.stdout
    # Reviews of the other sample applications are not mistakes: they are left out quietly,
    # and the exit code is the check's own (1: this application is ineligible).
    plain = runner.invoke(app, ["check", str(SAMPLES / "tidiga-insatser-skolnarvaro.yaml")])
    assert result.exit_code == plain.exit_code == 1
    assert "tmr.yaml" not in result.stdout and "not counted" not in result.stdout
    assert result.stderr == ""


def test_reviews_refused_with_formats_that_cannot_show_them() -> None:
    result = runner.invoke(app, ["check", str(SAMPLES), "-f", "junit", "--reviews", str(REVIEWS)])
    assert result.exit_code == 2


def test_new_review_writes_a_template_that_loads(tmp_path: Path) -> None:
    from sicheck.reviews.loading import load_review

    result = runner.invoke(app, ["new", "--review", str(SAMPLES / "tmr.yaml")])
    assert result.exit_code == 0
    template = yaml.safe_load(result.stdout)
    assert template["application"] == (SAMPLES / "tmr.yaml").as_posix()
    assert {f"VGR-{n:02d}" for n in range(1, 14)} == set(template["scores"])
    filled = result.stdout.replace('reviewer: ""', 'reviewer: "Test Granskare"')
    filled = filled.replace("recommendation:  ", "recommendation: maybe ", 1)
    target = tmp_path / "review.yaml"
    target.write_text(filled, encoding="utf-8")
    loaded = load_review(target)
    assert loaded.review is not None, loaded.problems


def test_new_review_of_a_missing_application_is_a_usage_error() -> None:
    assert runner.invoke(app, ["new", "--review", "no-such-application.yaml"]).exit_code == 2


def test_explain_shows_the_review_scale() -> None:
    from sicheck.reviews.model import SCALE

    result = runner.invoke(app, ["explain", "VGR-02", "--lang", "en"])
    assert result.exit_code == 0
    for step in SCALE:
        assert f"{step.score} = {step.label.en}" in result.stdout


def test_text_shows_each_reviewers_own_mean() -> None:
    result = runner.invoke(app, ["check", str(SAMPLES / "tmr.yaml"), "--reviews", str(REVIEWS)])
    # Björn Lindqvist: 30 / 9 = 3,33; the reviewers' mean with two decimals, as in the report.
    assert "Björn Lindqvist – kanske (eget medelvärde 3,33)" in result.stdout
    assert "medelvärde 2,67 av 5" in result.stdout
