"""Regenerate the follow-up golden files in tests/golden/followup/.

Run from the repository root after a deliberate change to a follow-up format:

    python -m tests.regen_followup_golden

then review the diff (git diff tests/golden/followup) before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from sicheck.cli import app
from tests.regen_report_golden import ENV

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "followup"

TMR = ["sample_applications/tmr.yaml", "sample_followups/tmr"]
ON_TRACK = ["sample_applications/utmanande-avstamp-2.yaml", "sample_followups/utmanande-avstamp-2"]
CHECKED = [
    "sample_applications/tmr.yaml",
    "sample_applications/utmanande-avstamp-2.yaml",
    "sample_followups/tmr/slutrapport.yaml",
    "sample_followups/utmanande-avstamp-2/delrapport-2017.yaml",
]
CALL = [
    "sample_applications",
    "--followups",
    "sample_followups",
    "--followups",
    "tests/inputs/followups/unknown-effect.yaml",
]
HOSTILE = ["sample_applications/utmanande-avstamp-2.yaml", "tests/inputs/followups/hostile.yaml"]

# name -> (command, arguments), run from the repository root.
CASES: dict[str, tuple[str, list[str]]] = {
    "tmr.sv.txt": ("followup", [*TMR, "--no-color"]),
    "tmr.en.txt": ("followup", [*TMR, "--no-color", "--lang", "en"]),
    "tmr.sv.json": ("followup", [*TMR, "--format", "json"]),
    "tmr.sv.md": ("followup", [*TMR, "--format", "markdown"]),
    "tmr.en.html": ("followup", [*TMR, "--format", "html", "--lang", "en"]),
    "on-track.sv.txt": ("followup", [*ON_TRACK, "--no-color"]),
    "on-track.en.json": ("followup", [*ON_TRACK, "--format", "json", "--lang", "en"]),
    "on-track.sv.md": ("followup", [*ON_TRACK, "--format", "markdown"]),
    "on-track.sv.html": ("followup", [*ON_TRACK, "--format", "html"]),
    "hostile.sv.txt": ("followup", [*HOSTILE, "--no-color"]),
    "hostile.en.md": ("followup", [*HOSTILE, "--format", "markdown", "--lang", "en"]),
    "hostile.sv.html": ("followup", [*HOSTILE, "--format", "html"]),
    # sicheck check with follow-up files named beside the applications
    "check.sv.txt": ("check", [*CHECKED, "--no-color"]),
    "check.en.json": ("check", [*CHECKED, "--format", "json", "--lang", "en"]),
    "check.sv.md": ("check", [*CHECKED, "--format", "markdown"]),
    # the call report with --followups, in every report format
    "report.sv.table.txt": ("report", [*CALL, "--no-color"]),
    "report.en.md": ("report", [*CALL, "--format", "markdown", "--lang", "en"]),
    "report.sv.csv": ("report", [*CALL, "--format", "csv"]),
    "report.sv.json": ("report", [*CALL, "--format", "json"]),
    "report.en.html": ("report", [*CALL, "--format", "html", "--lang", "en"]),
}


def run_case(command: str, args: list[str]) -> str:
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, [command, *args], env=ENV)
    finally:
        os.chdir(previous)
    return result.stdout


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, (command, args) in CASES.items():
        # newline="" keeps the csv format's CRLF line ends as they are.
        with open(GOLDEN / name, "w", encoding="utf-8", newline="") as handle:
            handle.write(run_case(command, args))
        print(f"wrote tests/golden/followup/{name}")


if __name__ == "__main__":
    main()
