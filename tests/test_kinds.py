"""Telling review files from applications by their top-level keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sicheck.kinds import is_review

from .conftest import ROOT, SAMPLES


@pytest.mark.parametrize("path", sorted((ROOT / "sample_reviews").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_sample_review_is_a_review(path: Path) -> None:
    assert is_review(path.read_bytes())


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_no_sample_application_is_a_review(path: Path) -> None:
    assert not is_review(path.read_bytes())


@pytest.mark.parametrize(
    "text",
    [
        "application: a.yaml\nreviewer: Anna\n",
        '\ufeff"reviewer": Anna\n"application": a.yaml\n',
        "# granskning\nreviewer: Anna\r\napplication:\r\n  a.yaml\r\n",
        # A review with a YAML mistake is still a review, so it is never checked as an application.
        "application: a.yaml\nreviewer: Anna\nscores:\n\tVGR-02: 4\n",
        "reviewer:   Anna\napplication: a.yaml\ncomment: Bra metod, men: oklart\n",
    ],
)
def test_reviews_are_recognised(text: str) -> None:
    assert is_review(text.encode("utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "project: {title: x}\napplicant: {principal: a}\n",
        "reviewer: Anna\n",  # one of the two keys is not enough
        "application: a.yaml\n",
        "project:\n  reviewer: Anna\n  application: a.yaml\n",  # nested, not top level
        "summary: |\n  reviewer: Anna\n  application: a.yaml\n",  # inside a block scalar
        "reviewers: [Anna]\napplications: [a.yaml]\n",
        "application:x\nreviewer:y\n",  # no space after the colon: not a key
        "",
    ],
)
def test_other_files_are_not_reviews(text: str) -> None:
    assert not is_review(text.encode("utf-8"))


@given(st.binary(max_size=400))
def test_any_bytes_give_an_answer(data: bytes) -> None:
    assert isinstance(is_review(data), bool)
