"""The composite GitHub Action (action.yml): what can be checked without GitHub.

The action's declaration is checked for consistency and safety, and its run script is
executed with bash the way the runner would, with sicheck from this environment on PATH
(the install step needs the network and is covered by the pre-commit test's install).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sicheck.render import FORMATS

from .conftest import ROOT, SAMPLES

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def action() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return document


def test_action_is_a_composite_action_with_the_documented_inputs() -> None:
    document = action()
    assert document["name"] and document["description"]
    assert document["runs"]["using"] == "composite"
    inputs = document["inputs"]
    assert {"paths", "criteria", "format", "fail-under", "lang", "sarif-file"} <= set(inputs)
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert isinstance(spec.get("default", ""), str), name
    assert inputs["format"]["default"] in FORMATS
    for step in document["runs"]["steps"]:
        if "run" in step:
            assert step.get("shell") == "bash", step.get("name")


def test_steps_reference_only_declared_inputs() -> None:
    document = action()
    text = ACTION.read_text(encoding="utf-8")
    used = {m.group(1) for m in re.finditer(r"\binputs\.([A-Za-z0-9_-]+)", text)}
    assert used, "the action uses no inputs"
    assert used <= set(document["inputs"])
    # Every declared input is passed on to the run.
    assert set(document["inputs"]) <= used
    step_ids = {step.get("id") for step in document["runs"]["steps"]}
    for output in document.get("outputs", {}).values():
        for expression in EXPRESSION.findall(output["value"]):
            assert expression.split(".")[1] in step_ids


def test_no_expression_inside_a_script() -> None:
    """Inputs reach scripts through env only: ${{ }} in a script would be shell injection."""
    for step in action()["runs"]["steps"]:
        assert not EXPRESSION.search(step.get("run", "")), step.get("name")


def _run_step() -> tuple[str, dict[str, str]]:
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == "check")
    return step["run"], step["env"]


def run_action(tmp_path: Path, **inputs: str) -> tuple[int, str, Path, Path, dict[str, str]]:
    """Run the action's check step as the runner would; returns code, log, summary, sarif, outputs."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    document = action()
    values = {name: spec.get("default", "") for name, spec in document["inputs"].items()}
    values.update({k.replace("_", "-"): v for k, v in inputs.items()})
    script, env_spec = _run_step()

    def substitute(template: str) -> str:
        return EXPRESSION.sub(lambda m: values[m.group(1).removeprefix("inputs.")], template)

    summary = tmp_path / "summary.md"
    outputs = tmp_path / "outputs.txt"
    summary.write_text("", encoding="utf-8")
    outputs.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        **{key: substitute(value) for key, value in env_spec.items()},
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_ACTION_PATH": str(ROOT),
    }
    env.pop("NO_COLOR", None)
    if shutil.which("sicheck", path=env["PATH"]) is None:
        pytest.skip("the sicheck command is not installed next to this Python")
    # The runner's own command line for `shell: bash`.
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    written = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if "=" in line)
    return done.returncode, done.stdout + done.stderr, summary, tmp_path / "sicheck.sarif", written


def test_action_run_annotates_summarises_and_writes_sarif(tmp_path: Path) -> None:
    sarif = tmp_path / "sicheck.sarif"
    code, log, summary, _, outputs = run_action(
        tmp_path,
        paths="sample_applications/fotosyntes.yaml\n  sample_applications/minimili.yaml  \n\n",
        fail_under="50",
        lang="en",
        sarif_file=str(sarif),
    )
    assert code == 1, log
    assert "::error file=sample_applications/fotosyntes.yaml,line=3,col=1" in log
    assert summary.read_text(encoding="utf-8").startswith("## sicheck: application check")
    assert json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert outputs == {"sarif-file": str(sarif), "exit-code": "1"}


def test_action_run_passes_for_eligible_applications(tmp_path: Path) -> None:
    code, log, summary, _, outputs = run_action(
        tmp_path, paths=str(SAMPLES / "minimili.yaml"), criteria="ale@2012", format="text"
    )
    assert code == 0, log
    assert "MiniMili" in log
    assert "MiniMili" in summary.read_text(encoding="utf-8")
    assert outputs == {"exit-code": "0"}


def test_action_run_reports_usage_errors(tmp_path: Path) -> None:
    code, log, _, _, outputs = run_action(tmp_path, paths="sample_applications", criteria="nope@1", summary="false")
    assert code == 2
    assert "nope@1" in log
    assert outputs == {"exit-code": "2"}


def test_action_inputs_cannot_inject_shell(tmp_path: Path) -> None:
    marker = tmp_path / "injected"
    code, _, _, _, _ = run_action(tmp_path, paths=f"sample_applications/minimili.yaml\n$(touch {marker})")
    assert code == 2  # a path that does not exist, taken literally
    assert not marker.exists()
