"""The text format at any width: locations and check ids stay whole, the points stay in their column."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from sicheck.cli import app

runner = CliRunner()
CRITERION_LINE = re.compile(r"^[✔◐✘] ")


def _check(*args: str, columns: int) -> str:
    return runner.invoke(app, ["check", "sample_applications", *args], env={"COLUMNS": str(columns)}).stdout


def _blocks(text: str) -> list[list[str]]:
    """The checklist lines of each application (a blank line ends an application's header)."""
    blocks: list[list[str]] = []
    for line in text.splitlines():
        if line and not line.startswith(" ") and not CRITERION_LINE.match(line):
            blocks.append([])
        elif CRITERION_LINE.match(line) and blocks:
            blocks[-1].append(line)
    return [block for block in blocks if block]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("columns", [60, 72, 120])
def test_locations_and_check_ids_are_never_split(lang: str, columns: int) -> None:
    text = _check("--lang", lang, columns=columns)
    report = json.loads(_check("--format", "json", columns=columns))
    problems = [(r["file"], p) for r in report["applications"] for p in r["problems"]]
    assert problems
    lines = text.splitlines()
    for file, problem in problems:
        where = f"{file}:{problem['location']['line']}:{problem['location']['column']}"
        assert any(where in line for line in lines), where
        assert any(re.search(rf"(^|\s){re.escape(problem['code'])}(\s|$)", line) for line in lines), problem["code"]
    for line in lines:
        # A line is never wider than the terminal, unless it is one word that cannot be split.
        assert len(line) <= columns or len(line.split()) == 1, line
        assert line == line.rstrip(), repr(line)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("columns", [60, 72, 100, 120])
def test_points_stay_right_aligned_in_their_column(lang: str, columns: int) -> None:
    text = _check("--lang", lang, columns=columns)
    blocks = _blocks(text)
    assert len(blocks) == 7
    for block in blocks:
        # Each criterion's first line ends with its points, all at the same column.
        assert len({len(line) for line in block}) == 1, block
        assert all(len(line) <= columns for line in block), block
        assert all(re.search(r"  (\d+(?:[.,]\d+)?/\d+|–)$", line) for line in block), block


def test_long_titles_wrap_inside_their_column() -> None:
    text = _check("--lang", "sv", columns=60)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "VGR-04 Avgränsning mot ordinarie" in line)
    assert lines[at].endswith("0,5/1")
    # The rest of the title continues under the title, not under the status and not at column 0.
    start = lines[at].index("VGR-04")
    assert lines[at + 1].strip() == "verksamhet"
    assert lines[at + 1].index("verksamhet") == start


def test_a_wide_terminal_keeps_one_line_per_criterion() -> None:
    text = _check("--lang", "sv", columns=120)
    assert "◐ delvis    VGR-04 Avgränsning mot ordinarie verksamhet   0,5/1" in text.splitlines()
