"""Regenerate the golden output files in tests/golden/ from the sample applications.

Run from the repository root after a deliberate change to an output format:

    python -m tests.regen_golden

then review the diff (git diff tests/golden) before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from sicheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"

# name -> command-line arguments after "check", run from the repository root.
CASES: dict[str, list[str]] = {
    "samples.sv.txt": ["sample_applications", "--no-color"],
    "samples.en.txt": ["sample_applications", "--no-color", "--lang", "en"],
    "samples.json": ["sample_applications", "--format", "json"],
    "hostile.sv.txt": ["tests/inputs/hostile", "--no-color"],
    "hostile.json": ["tests/inputs/hostile", "--format", "json", "--lang", "en"],
}


def run_case(args: list[str]) -> str:
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["check", *args], env={"NO_COLOR": None, "COLUMNS": "100"})
    finally:
        os.chdir(previous)
    return result.stdout


def main() -> None:
    for name, args in CASES.items():
        (GOLDEN / name).write_text(run_case(args), encoding="utf-8")
        print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    main()
