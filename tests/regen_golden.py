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

# Invalid files for the CI formats' golden output: one of each kind of problem.
INVALID_SAMPLE = ("duplicate-key", "non-utf8", "unknown-key", "broken-reference", "tag-python", "top-list")
# Eligible at 100 %, eligible under 95 % (Star for Life, optional gaps) and ineligible
# with a warning (Tidiga insatser), for --fail-under and --strict.
THRESHOLD_SAMPLE = (
    "sample_applications/minimili.yaml",
    "sample_applications/star-for-life.yaml",
    "sample_applications/utmanande-avstamp-2.yaml",
    "sample_applications/tidiga-insatser-skolnarvaro.yaml",
)

# name -> command-line arguments after "check", run from the repository root.
CASES: dict[str, list[str]] = {
    "samples.sv.txt": ["sample_applications", "--no-color"],
    "samples.en.txt": ["sample_applications", "--no-color", "--lang", "en"],
    "samples.json": ["sample_applications", "--format", "json"],
    "hostile.sv.txt": ["tests/inputs/hostile", "--no-color"],
    "hostile.json": ["tests/inputs/hostile", "--format", "json", "--lang", "en"],
    # CI formats (issue 3): eligible, ineligible and invalid applications, hostile text,
    # and a run with --fail-under and --strict.
    "samples.junit.xml": ["sample_applications", "--format", "junit"],
    "samples.sarif.json": ["sample_applications", "--format", "sarif"],
    "samples.github.txt": ["sample_applications", "--format", "github"],
    "samples.md": ["sample_applications", "--format", "markdown"],
    "samples.en.md": ["sample_applications", "--format", "markdown", "--lang", "en"],
    "hostile.junit.xml": ["tests/inputs/hostile", "--format", "junit"],
    "hostile.sarif.json": ["tests/inputs/hostile", "--format", "sarif", "--lang", "en"],
    "hostile.github.txt": ["tests/inputs/hostile", "--format", "github"],
    "hostile.md": ["tests/inputs/hostile", "--format", "markdown"],
    **{
        f"invalid.{suffix}": [
            *(f"tests/inputs/invalid/{name}.yaml" for name in INVALID_SAMPLE),
            "--format",
            format_name,
            "--lang",
            "en",
        ]
        for format_name, suffix in (
            ("junit", "junit.xml"),
            ("sarif", "sarif.json"),
            ("github", "github.txt"),
            ("markdown", "md"),
        )
    },
    "threshold.junit.xml": [*THRESHOLD_SAMPLE, "--format", "junit", "--fail-under", "95", "--strict"],
    "threshold.github.txt": [*THRESHOLD_SAMPLE, "--format", "github", "--fail-under", "95", "--strict"],
    "threshold.md": [*THRESHOLD_SAMPLE, "--format", "markdown", "--fail-under", "95", "--strict"],
}


def run_case(args: list[str]) -> str:
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["check", *args], env={"NO_COLOR": None, "COLUMNS": "100"})
    finally:
        os.chdir(previous)
    # SARIF names the repository root by its absolute URI, which differs from clone to clone.
    from sicheck.render.sarif import root_uri

    return result.stdout.replace(f'"uri": "{root_uri(ROOT)}"', '"uri": "file:///ROOT/"')


def main() -> None:
    for name, args in CASES.items():
        (GOLDEN / name).write_text(run_case(args), encoding="utf-8")
        print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    main()
