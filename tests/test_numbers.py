"""Numbers for people: half-up rounding, decimal comma in Swedish, point in English and JSON."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sicheck.cli import app
from sicheck.i18n import format_number, format_percent, number_text, percent_text, round_half_up

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (4.125, 2, 4.13),  # round() gives 4.12
        (2.675, 2, 2.68),  # round() gives 2.67
        (2.5, 0, 3.0),  # round() gives 2
        (84.55, 1, 84.6),
        (-2.5, 0, -3.0),  # half away from zero
        (100.0, 1, 100.0),
    ],
)
def test_round_half_up(value: float, decimals: int, expected: float) -> None:
    assert round_half_up(value, decimals) == expected


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (84.55, "sv", 1, "84,6"),
        (84.55, "en", 1, "84.6"),
        (4.125, "sv", 2, "4,13"),
        (100.0, "sv", 1, "100"),
        (3, "en", 2, "3"),
        (0.5, "sv", 0, "1"),
        (-0.04, "sv", 1, "0"),  # never "-0"
        (None, "sv", 1, "–"),
        (math.nan, "en", 1, "–"),
        (math.inf, "sv", 1, "–"),
    ],
)
def test_format_number(value: float | None, lang: str, decimals: int, expected: str) -> None:
    assert format_number(value, lang, decimals) == expected


def test_format_number_fixed_and_grouping() -> None:
    assert format_number(84.6, "sv", 2, fixed=True) == "84,60"
    assert format_number(2400000, "sv", 0, grouping=True) == "2\u00a0400\u00a0000"
    assert format_number(2400000.5, "en", 1, grouping=True) == "2,400,000.5"
    assert format_number(1e30, "en", 1) == "1" + "0" * 30


def test_format_percent() -> None:
    assert format_percent(84.55, "sv") == "84,6 %"
    assert format_percent(84.55, "en") == "84.6 %"
    assert format_percent(None, "sv") == "–"
    assert percent_text(84.55).sv == "84,6 %"
    assert number_text(3.25, 2).en == "3.25"


@given(st.floats(allow_nan=True, allow_infinity=True), st.integers(0, 4), st.sampled_from(["sv", "en"]))
def test_format_number_never_fails(value: float, decimals: int, lang: str) -> None:
    text = format_number(value, lang, decimals)
    assert text
    if lang == "sv":
        assert "." not in text
    if math.isfinite(value):
        # The text reads back as the half-up rounded value.
        assert float(Decimal(text.replace(",", "."))) == round_half_up(value, decimals)


@given(st.floats(min_value=-1e12, max_value=1e12), st.integers(0, 4))
def test_round_half_up_is_within_half_a_unit(value: float, decimals: int) -> None:
    assert abs(round_half_up(value, decimals) - value) <= 0.5 * 10**-decimals + 1e-9 * max(1.0, abs(value))


def _score_sample() -> Path:
    # Fotosyntes is incomplete, at a score with a decimal part.
    return ROOT / "sample_applications" / "fotosyntes.yaml"


def test_text_output_writes_decimal_comma_in_swedish_and_point_in_english() -> None:
    runner = CliRunner()
    sample = str(_score_sample())
    data = json.loads(runner.invoke(app, ["check", sample, "--format", "json"]).stdout)
    score = data["applications"][0]["score"]
    assert score != int(score), "the sample needs a score with decimals for this test"
    sv = runner.invoke(app, ["check", sample, "--no-color"]).stdout
    en = runner.invoke(app, ["check", sample, "--no-color", "--lang", "en"]).stdout
    assert format_percent(score, "sv") in sv and "," in format_percent(score, "sv")
    assert format_percent(score, "en") in en
    # JSON keeps the number itself, with a decimal point.
    assert isinstance(score, float)
