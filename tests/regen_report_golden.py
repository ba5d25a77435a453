"""Regenerate the golden call reports in tests/golden/report/ (``sicheck report``).

Run from the repository root after a deliberate change to a report format:

    python -m tests.regen_report_golden

then review the diff (git diff tests/golden/report) before committing it. Open the
.html files in a browser too: a golden file proves the page did not change, not that
it looks right.
"""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from sicheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "report"

# The report shows the day it was made; goldens are made on this one (2026-01-01).
GOLDEN_DATE = "1767225600"

ENV = {"NO_COLOR": None, "COLUMNS": "100", "CI": None, "SOURCE_DATE_EPOCH": GOLDEN_DATE}

SAMPLES = ["sample_applications", "--reviews", "sample_reviews"]
HOSTILE = ["tests/inputs/hostile", "--reviews", "tests/inputs/reviews/hostile"]

# name -> command-line arguments after "report", run from the repository root.
CASES: dict[str, list[str]] = {
    "samples.sv.table.txt": [*SAMPLES, "--no-color"],
    "samples.en.table.txt": [*SAMPLES, "--no-color", "--lang", "en"],
    "samples.sv.md": [*SAMPLES, "--format", "markdown"],
    "samples.sv.csv": [*SAMPLES, "--format", "csv"],
    "samples.en.csv": [*SAMPLES, "--format", "csv", "--lang", "en"],
    "samples.sv.json": [*SAMPLES, "--format", "json"],
    "samples.sv.html": [*SAMPLES, "--format", "html"],
    "samples.en.html": [*SAMPLES, "--format", "html", "--lang", "en"],
    "no-reviews.sv.table.txt": ["sample_applications", "--no-color"],
    "no-reviews.en.md": ["sample_applications", "--format", "markdown", "--lang", "en"],
    "review-problems.sv.md": [
        *SAMPLES,
        "--reviews",
        "tests/inputs/reviews/bad/score-range.yaml",
        "--reviews",
        "tests/inputs/reviews/bad/yaml-syntax.yaml",
        "--format",
        "markdown",
    ],
    "hostile.sv.table.txt": [*HOSTILE, "--no-color"],
    "hostile.sv.md": [*HOSTILE, "--format", "markdown"],
    "hostile.en.csv": [*HOSTILE, "--format", "csv", "--lang", "en"],
    "hostile.en.json": [*HOSTILE, "--format", "json", "--lang", "en"],
    "hostile.sv.html": [*HOSTILE, "--format", "html"],
}


def run_case(args: list[str]) -> str:
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["report", *args], env=ENV)
    finally:
        os.chdir(previous)
    return result.stdout


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, args in CASES.items():
        # newline="" keeps the csv format's CRLF line ends as they are.
        with open(GOLDEN / name, "w", encoding="utf-8", newline="") as handle:
            handle.write(run_case(args))
        print(f"wrote tests/golden/report/{name}")


if __name__ == "__main__":
    main()
