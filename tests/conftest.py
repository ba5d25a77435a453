"""Shared paths and helpers for sicheck's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from sicheck.catalog import CriteriaCatalog

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_applications"
INPUTS = Path(__file__).resolve().parent / "inputs"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests compare plain text; a developer's NO_COLOR or terminal must not change that.
    monkeypatch.delenv("NO_COLOR", raising=False)
    # In GitHub Actions, text output is wrapped in ::stop-commands::; tests opt in to that.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    # Paths in the output (SARIF's repository-relative URIs, file names as given) depend on
    # the working directory; the suite runs from the repository's root wherever pytest is
    # started, e.g. `python -m pytest /path/to/sicheck/tests` from another folder.
    monkeypatch.chdir(ROOT)


# The shipped criteria sets, loaded once for the whole test run.
CATALOG = CriteriaCatalog()
