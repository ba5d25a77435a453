"""One pass/fail rule for every format: what makes the exit code 1 is a failure in JUnit, an
``error`` in SARIF and in the GitHub annotations, and a failing mark in Markdown.

Every application (eligible, ineligible, invalid, eligible with a warning, eligible with
only optional gaps) is checked alone in every CI format under the default policy,
``--strict``, ``--fail-under`` and both; each format must say "failed" exactly when the
exit code is 1. A run over all of them must agree application by application.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicheck.cli import app
from sicheck.render.markdown import FAILING_MARKS

from .conftest import INPUTS, SAMPLES

runner = CliRunner()

MODES = {
    "default": [],
    "strict": ["--strict"],
    "fail-under": ["--fail-under", "95"],
    "strict+fail-under": ["--strict", "--fail-under", "95"],
}


def _eligible_with_a_warning(folder: Path) -> Path:
    """Utmanande avstamp 2 without the causal basis of its first effect: eligible, one warning."""
    source = (SAMPLES / "utmanande-avstamp-2.yaml").read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("causal_basis:"))
    end = start + 1
    while end < len(lines) and lines[end].startswith(" " * (len(lines[start]) - len(lines[start].lstrip()) + 2)):
        end += 1
    target = folder / "warned.yaml"
    target.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def applications(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("applications")
    files = [str(path) for path in sorted(SAMPLES.glob("*.yaml"))]
    files += [str(INPUTS / "invalid" / "duplicate-key.yaml"), str(INPUTS / "invalid" / "non-utf8.yaml")]
    files.append(str(_eligible_with_a_warning(folder)))
    return files


def test_the_applications_cover_every_case(applications: list[str]) -> None:
    result = runner.invoke(app, ["check", *applications, "--format", "json"])
    verdicts = {
        (a["verdict"], any(p["severity"] == "warning" for p in a["problems"]))
        for a in json.loads(result.stdout)["applications"]
    }
    assert {("eligible", False), ("eligible", True), ("ineligible", True), ("invalid", False)} <= verdicts


def failed_in(format_name: str, out: str) -> dict[str, bool]:
    """Which applications the output shows as failing the run, by file."""
    if format_name == "junit":
        root = ET.fromstring(out)
        return {
            suite.get("name", ""): int(suite.get("failures", "0")) + int(suite.get("errors", "0")) > 0
            for suite in root.iter("testsuite")
        }
    if format_name == "sarif":
        run = json.loads(out)["runs"][0]
        failed: dict[str, bool] = {}
        for result in run["results"]:
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            failed[uri] = failed.get(uri, False) or result["level"] == "error"
        return failed
    if format_name == "github":
        failed = {}
        for line in out.splitlines():
            found = re.match(r"::(error|warning) file=([^,]*),", line)
            if found:
                failed[found.group(2)] = failed.get(found.group(2), False) or found.group(1) == "error"
        return failed
    assert format_name == "markdown"
    rows = [line for line in out.split("\n### ", 1)[0].splitlines() if line.startswith("| ") and line[2] in "✅❌⛔⚠"]
    return {row.split(" | ")[2].replace("\\", ""): row.split(" | ")[0][2:] in FAILING_MARKS for row in rows}


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("format_name", ["junit", "sarif", "github", "markdown"])
def test_each_application_fails_in_the_format_exactly_when_the_exit_code_is_1(
    applications: list[str], format_name: str, mode: str
) -> None:
    for application in applications:
        result = runner.invoke(app, ["check", application, "--format", format_name, *MODES[mode]])
        assert result.exit_code in (0, 1), result.output
        shown = failed_in(format_name, result.stdout)
        exit_failed = result.exit_code == 1
        assert any(shown.values()) == exit_failed, f"{Path(application).name} in {mode}: {shown}"


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("format_name", ["junit", "sarif", "github", "markdown"])
def test_a_run_agrees_application_by_application(applications: list[str], format_name: str, mode: str) -> None:
    alone = {}
    for application in applications:
        alone[Path(application).name] = runner.invoke(app, ["check", application, *MODES[mode]]).exit_code == 1
    result = runner.invoke(app, ["check", *applications, "--format", format_name, *MODES[mode]])
    assert result.exit_code == (1 if any(alone.values()) else 0)
    shown = {Path(name).name: failed for name, failed in failed_in(format_name, result.stdout).items()}
    assert {name: shown.get(name, False) for name in alone} == alone


def test_strict_fails_warnings_alike(applications: list[str]) -> None:
    """An optional criterion's gap and an advice check's warning both count under --strict."""
    optional_only = str(SAMPLES / "star-for-life.yaml")  # eligible; ALE-09 (not required) missing
    warned = next(a for a in applications if a.endswith("warned.yaml"))  # eligible; VGR-03 advice
    for application in (optional_only, warned):
        assert runner.invoke(app, ["check", application]).exit_code == 0
        assert runner.invoke(app, ["check", application, "--strict"]).exit_code == 1
        out = runner.invoke(app, ["check", application, "--strict", "--format", "github"]).stdout
        assert "::error " in out and "::warning " not in out
