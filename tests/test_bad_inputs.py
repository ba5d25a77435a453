"""Every kind of bad input gives an `invalid` result with a located problem, never an exception."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sicheck.checker import CheckOptions, check_bytes, check_path
from sicheck.cli import app
from sicheck.loader import Limits

from .conftest import CATALOG, INPUTS, SAMPLES

INVALID = INPUTS / "invalid"
EXPECTED: dict[str, dict[str, object]] = yaml.safe_load((INVALID / "expected.yaml").read_text(encoding="utf-8"))


# Problems of a file that parses but breaks the format; any other problem means no checklist.
FORMAT_CODES = {"schema", "unknown-key", "reference", "duplicate-id", "unknown-criteria"}


def test_every_bad_file_has_an_expectation() -> None:
    files = {p.name for p in INVALID.glob("*.yaml")} - {"expected.yaml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_invalid_with_location(name: str) -> None:
    expected = EXPECTED[name]
    limits = Limits(max_file_size=int(expected.get("max_file_size", Limits().max_file_size)))  # type: ignore[call-overload]
    result = check_path(str(INVALID / name), CheckOptions(CATALOG, limits=limits))
    assert result.verdict == "invalid"
    first = result.problems[0]
    if first.code in FORMAT_CODES:
        # The file parses: the checklist is kept for the parts that are valid.
        assert result.score is not None
        assert result.criteria
    else:
        assert result.score is None
        assert result.criteria == ()
    assert first.code == expected["code"]
    assert first.location.line == expected["line"]
    if "column" in expected:
        assert first.location.column == expected["column"]


def test_too_large_file_with_default_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"project:\n  title: Stor\n  summary: " + b"x" * (Limits().max_file_size + 1) + b"\n")
    result = check_path(str(big), CheckOptions(CATALOG))
    assert result.verdict == "invalid"
    assert result.problems[0].code == "too-large"


def test_bom_is_accepted() -> None:
    data = b"\xef\xbb\xbf" + (SAMPLES / "minimili.yaml").read_bytes()
    assert check_bytes(data, "bom.yaml", CheckOptions(CATALOG)).verdict != "invalid"


def test_quoted_and_unquoted_dates_are_the_same() -> None:
    text = (SAMPLES / "minimili.yaml").read_text(encoding="utf-8")
    quoted = re.sub(r"^(\s*[a-z_]+: )([0-9]{4}-[0-9]{2}-[0-9]{2})$", r"\1'\2'", text, flags=re.M)
    assert quoted != text
    plain = check_bytes(text.encode(), "a.yaml", CheckOptions(CATALOG))
    again = check_bytes(quoted.encode(), "b.yaml", CheckOptions(CATALOG))
    assert (plain.verdict, plain.score) == (again.verdict, again.score)


def test_missing_file_is_a_result() -> None:
    result = check_path(str(INVALID / "does-not-exist.yaml"), CheckOptions(CATALOG))
    assert result.verdict == "invalid"
    assert result.problems[0].code == "file-unreadable"


def test_one_hostile_file_does_not_cost_the_others(tmp_path: Path) -> None:
    """The whole bad-input folder plus a good sample in one run: every file gets a result."""
    folder = tmp_path / "run"
    folder.mkdir()
    for path in INVALID.glob("*.yaml"):
        if path.name != "expected.yaml":
            (folder / path.name).write_bytes(path.read_bytes())
    (folder / "zz-good.yaml").write_bytes((SAMPLES / "minimili.yaml").read_bytes())
    result = CliRunner().invoke(app, ["check", str(folder), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    by_file = {Path(a["file"]).name: a for a in report["applications"]}
    assert len(by_file) == len(EXPECTED) + 1
    assert by_file["zz-good.yaml"]["verdict"] == "eligible"
    assert report["summary"]["invalid"] == len(EXPECTED) - 1


def test_text_output_of_bad_inputs_has_file_line_column() -> None:
    result = CliRunner().invoke(app, ["check", str(INVALID / "duplicate-key.yaml"), "--no-color"])
    assert result.exit_code == 1
    assert "duplicate-key.yaml:3:3" in result.stdout
