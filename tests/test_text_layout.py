"""The text format at any width: locations and check ids stay whole, the points stay in their column."""

from __future__ import annotations

import io
import itertools
import json
import re

import pytest
from rich.text import Text as RichText
from typer.testing import CliRunner

from sicheck.cli import app
from sicheck.render.console import make_console, paragraph

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
    # A path too long for the line may fold after a "/", and only there.
    joined = re.sub(r"/\n\s+", "/", text).splitlines()
    for file, problem in problems:
        where = f"{file}:{problem['location']['line']}:{problem['location']['column']}"
        assert any(where in line for line in joined), where
        assert any(re.search(rf"(^|\s){re.escape(problem['code'])}(\s|$)", line) for line in lines), problem["code"]
    for line in lines:
        # A line is never wider than the terminal: a terminal would wrap it anywhere.
        assert len(line) <= columns, line
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


# --- report and followup: as tidy as check -------------------------------------------

FOLLOWUP_ARGS = ["followup", "sample_applications/tmr.yaml", "sample_followups/tmr"]
REPORT_ARGS = ["report", "sample_applications", "-r", "sample_reviews", "--followups", "sample_followups"]
TITLES = re.compile(r"^(\s|[✔◐✘⚠] |\d|Uppföljning: |Follow-up: |Ansökningar|Applications|Sammanfattning|Summary)")


def _piped(args: list[str], columns: int | None) -> str:
    env = {"COLUMNS": str(columns)} if columns is not None else {"COLUMNS": None}
    return runner.invoke(app, args, env=env).stdout


@pytest.mark.parametrize("args", [FOLLOWUP_ARGS, REPORT_ARGS], ids=["followup", "report"])
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("columns", [60, 80, 120])
def test_report_and_followup_text_is_tidy(args: list[str], lang: str, columns: int) -> None:
    lines = _piped([*args, "--lang", lang], columns).splitlines()
    assert max(len(line) for line in lines) > columns - 15  # the width is really used
    for line in lines:
        assert line == line.rstrip(), repr(line)
        assert len(line) <= columns, line
    # A wrapped line is indented: no line at column 0 ends a sentence begun above it.
    for above, line in itertools.pairwise(lines):
        if line and not line.startswith(" ") and above.strip():
            assert not above.rstrip().endswith((",", "av", "of")), (above, line)
            assert line[0].isupper() or not line[0].isalpha(), (above, line)


def test_followup_and_report_default_to_80_columns_when_piped() -> None:
    for args in (FOLLOWUP_ARGS, REPORT_ARGS):
        lines = _piped(args, None).splitlines()
        assert 65 < max(len(line) for line in lines) <= 80


def test_followup_names_problems_in_words_and_parties_by_name() -> None:
    sv = _piped(FOLLOWUP_ARGS, 100)
    en = _piped([*FOLLOWUP_ARGS, "--lang", "en"], 100)
    for code in ("followup-never-measured", "followup-co-financing", "followup-after-end", "followup-frequency"):
        assert code not in sv and code not in en
    assert "brist  Effekten har aldrig mätts" in sv
    assert "gap  The effect has never been measured" in en
    assert "Råd: 1." in sv and "Varningar" not in sv
    assert "Advice: 1." in en and "Warnings" not in en
    # The column names any party, and shows it by name with its id.
    assert re.search(r"^Part\s+Utlovade timmar", sv, re.M) and "Huvudman" not in sv
    assert re.search(r"^Party\s+Hours promised", en, re.M)
    assert "Göteborgs stad (gbg-psykologenheten)" in sv
    # The codes stay in JSON.
    data = _piped([*FOLLOWUP_ARGS, "--format", "json"], 100)
    assert "followup-never-measured" in data


def test_followup_text_at_60_columns_keeps_parties_whole() -> None:
    out = _piped(FOLLOWUP_ARGS, 60)
    assert "  Göteborgs stad (gbg-psykologenheten)" in out.splitlines()
    assert "…" not in out


def test_paragraph_folds_a_long_path_only_after_a_slash() -> None:
    buffer = io.StringIO()
    console = make_console(buffer, color=False, width=30)
    location = "applications/2026/kompletterande-arbetsmarknad.yaml:131:12"
    paragraph(console, RichText(f"  {location}  VGR-12.municipality-hours (råd)  Rätta posten."), hang=4)
    lines = buffer.getvalue().splitlines()
    assert lines == [
        "  applications/2026/",
        "    kompletterande-arbetsmarknad.yaml:131:12",
        "    VGR-12.municipality-hours",
        "    (råd)  Rätta posten.",
    ]
