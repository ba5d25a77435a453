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
    assert {"paths", "criteria", "format", "fail-under", "lang", "sarif-file", "max-size", "version"} <= set(inputs)
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


def _step(step_id: str) -> tuple[str, dict[str, str]]:
    step = next(s for s in action()["runs"]["steps"] if s.get("id") == step_id)
    return step["run"], step["env"]


def _installed_sicheck() -> str:
    """The sicheck command of this environment, as the install step's output would name it."""
    found = shutil.which("sicheck", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the sicheck command is not installed next to this Python")
    return found


def run_action(
    tmp_path: Path, sicheck: str | None = None, **inputs: str
) -> tuple[int, str, Path, Path, dict[str, str]]:
    """Run the action's check step as the runner would; returns code, log, summary, sarif, outputs.

    ``sicheck`` stands for the install step's output, by default this environment's command.
    """
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    document = action()
    values = {name: spec.get("default", "") for name, spec in document["inputs"].items()}
    values.update({k.replace("_", "-"): v for k, v in inputs.items()})
    script, env_spec = _step("check")
    step_outputs = {"steps.install.outputs.sicheck": sicheck or _installed_sicheck()}

    def substitute(template: str) -> str:
        def value(expression: str) -> str:
            return (
                step_outputs[expression] if expression in step_outputs else values[expression.removeprefix("inputs.")]
            )

        return EXPRESSION.sub(lambda m: value(m.group(1)), template)

    summary = tmp_path / "summary.md"
    outputs = tmp_path / "outputs.txt"
    summary.write_text("", encoding="utf-8")
    outputs.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        **{key: substitute(value) for key, value in env_spec.items()},
        # Not this environment's bin: the step calls sicheck by the full path it is given.
        "PATH": os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if not _is_env_bin(p)),
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_ACTION_PATH": str(ROOT),
    }
    env.pop("NO_COLOR", None)
    # The runner's own command line for `shell: bash`.
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    written = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines() if "=" in line)
    return done.returncode, done.stdout + done.stderr, summary, tmp_path / "sicheck.sarif", written


def _is_env_bin(folder: str) -> bool:
    try:
        return Path(folder).resolve() == Path(sys.executable).parent.resolve()
    except OSError:
        return False


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


# --- lint: the GitHub schemas and actionlint -----------------------------------------------------

SHA_PIN = re.compile(r"^(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40}) # v\d+(\.\d+)*$")


def readme_workflow(tmp_path: Path) -> Path:
    """The example workflow of README.md's "Use in CI", as a file of its own."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```yaml\n(# \.github/workflows/sicheck\.yml\n.*?)```", readme, re.S)
    assert found, "README.md has no example workflow"
    workflow = tmp_path / ".github" / "workflows" / "sicheck.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(found.group(1), encoding="utf-8")
    return workflow


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    try:
        import check_jsonschema  # noqa: F401
    except ImportError:
        pytest.skip("check-jsonschema is not installed (pip install '.[test]' installs it)")
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_action_matches_the_github_actions_schema() -> None:
    done = _check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr


def test_readme_workflow_matches_the_github_workflows_schema(tmp_path: Path) -> None:
    done = _check_jsonschema("vendor.github-workflows", readme_workflow(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


def test_readme_workflow_passes_actionlint(tmp_path: Path) -> None:
    from .clients import actionlint

    which, findings = actionlint(readme_workflow(tmp_path))
    assert findings == [], f"{which}: {findings}"


def test_readme_workflow_pins_actions_and_asks_for_what_upload_sarif_needs(tmp_path: Path) -> None:
    workflow = yaml.safe_load(readme_workflow(tmp_path).read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert workflow["permissions"] == {"contents": "read"}
    assert job["permissions"] == {"contents": "read", "actions": "read", "security-events": "write"}
    text = readme_workflow(tmp_path.parent / (tmp_path.name + "-text")).read_text(encoding="utf-8")
    uses = [line.split("uses:", 1)[1].strip() for line in text.splitlines() if "uses:" in line]
    assert len(uses) == 4
    for use in uses:
        if use.startswith("OWNER/sicheck@"):
            assert use == "OWNER/sicheck@RELEASE_COMMIT_SHA # vX.Y.Z"
            continue
        assert SHA_PIN.match(use), f"{use} is not pinned by commit SHA with its tag in a comment"
    sicheck_step = next(step for step in job["steps"] if step.get("uses", "").startswith("OWNER/sicheck@"))
    assert sicheck_step["with"]["version"] == "X.Y.Z"
    assert set(sicheck_step["with"]) <= set(action()["inputs"])


# --- the install step: the job's PATH and Python are left alone ----------------------------------

PACKAGE_FILES = ("pyproject.toml", "README.md", "action.yml")
PACKAGE_DIRS = ("sicheck", "criteria", "requirements")


def _action_copy(target: Path) -> Path:
    """The action as the runner checks it out: this repository's files at one commit."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", ".ruff_cache")
    target.mkdir()
    for name in PACKAGE_FILES:
        shutil.copy2(ROOT / name, target / name)
    for name in PACKAGE_DIRS:
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    return target


def run_install(tmp_path: Path, version: str = "") -> tuple[int, str, dict[str, str], Path]:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script, env_spec = _step("install")
    assert env_spec == {"SICHECK_VERSION": "${{ inputs.version }}"}
    files = {name: tmp_path / name for name in ("GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_ENV")}
    for path in files.values():
        path.write_text("", encoding="utf-8")
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    env = {
        **os.environ,
        **{name: str(path) for name, path in files.items()},
        "SICHECK_VERSION": version,
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_ACTION_PATH": str(_action_copy(tmp_path / "action")),
    }
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    for name in ("GITHUB_PATH", "GITHUB_ENV"):
        assert files[name].read_text(encoding="utf-8") == "", f"the install step wrote to {name}"
    written = dict(line.split("=", 1) for line in files["GITHUB_OUTPUT"].read_text(encoding="utf-8").splitlines())
    return done.returncode, done.stdout + done.stderr, written, runner_temp


@pytest.mark.network
def test_install_step_installs_the_locked_release_and_leaves_path_alone(tmp_path: Path) -> None:
    """A real install from requirements/action.txt (needs the package index, as pip does)."""
    from sicheck import __version__

    from .test_precommit import _package_registry_reachable

    if os.environ.get("CI") != "true" and not _package_registry_reachable():
        pytest.skip("the package registry cannot be reached: the action cannot install its lock file")

    code, log, outputs, runner_temp = run_install(tmp_path)
    assert code == 0, log
    sicheck = Path(outputs["sicheck"])
    assert sicheck.is_file() and runner_temp in sicheck.parents
    assert f"sicheck {__version__}" in log
    done = subprocess.run(
        [str(sicheck), "check", str(SAMPLES / "minimili.yaml"), "--format", "github"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_install_step_refuses_another_version(tmp_path: Path) -> None:
    code, log, outputs, runner_temp = run_install(tmp_path, version="999.0.0")
    assert code == 2
    assert "::error title=sicheck::" in log and "999.0.0" not in log
    assert outputs == {} and not any(runner_temp.iterdir())


def test_lock_file_pins_every_dependency_with_hashes() -> None:
    lock = (ROOT / "requirements" / "action.txt").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", lock, re.M)
    names = {name.lower().replace("_", "-") for name, _ in pins}
    assert {"typer", "pyyaml", "jsonschema", "rich", "hatchling"} <= names
    for requirement in re.split(r"\n(?=[A-Za-z])", lock.split("\n", 1)[1] if lock.startswith("#") else lock):
        if requirement.strip() and not requirement.startswith("#"):
            assert "--hash=sha256:" in requirement, requirement


# --- the job summary: shortened to max-size, never over 1 MiB ------------------------------------


def test_summary_is_shortened_to_githubs_limit(tmp_path: Path) -> None:
    apps = tmp_path / "apps"
    apps.mkdir()
    source = (SAMPLES / "kompletterande-arbetsmarknad.yaml").read_text(encoding="utf-8")
    for i in range(120):
        (apps / f"ansokan-{i:03}.yaml").write_text(source, encoding="utf-8")
    code, log, summary, _, _ = run_action(tmp_path, paths=str(apps), format="text")
    assert code == 1, log
    text = summary.read_text(encoding="utf-8")
    assert (
        len(text)
        <= 65536
        < len(
            subprocess.run(
                [_installed_sicheck(), "check", str(apps), "--format", "markdown"], capture_output=True, text=True
            ).stdout
        )
    )
    assert re.match(r"Rapporten är förkortad till högst 65\s536 tecken", text.splitlines()[-1])


def test_summary_over_one_mebibyte_is_never_written(tmp_path: Path) -> None:
    """Whatever max-size says, the runner would drop a summary over 1 MiB whole."""
    fake = tmp_path / "fake-sicheck"
    # Writes 2 MiB of Markdown wherever --output points; the last run decides the outcome.
    fake.write_text(
        "#!/usr/bin/env bash\n"
        "while [ $# -gt 0 ]; do\n"
        '  [ "$1" = --output ] && head -c 2097152 /dev/zero | tr "\\0" x > "$2"\n'
        "  shift\n"
        "done\n"
        "exit 0\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    code, log, summary, _, _ = run_action(tmp_path, paths="sample_applications", max_size="", sicheck=str(fake))
    assert code == 0, log
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 1024 and "1 MiB" in text


def test_lock_file_satisfies_the_package_dependencies() -> None:
    """A dependency changed in pyproject.toml without regenerating the lock file fails here."""
    import tomllib

    from packaging.requirements import Requirement

    lock = (ROOT / "requirements" / "action.txt").read_text(encoding="utf-8")
    pinned = {
        name.lower().replace("_", "-"): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", lock, re.M)
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for spec in [*project["project"]["dependencies"], *project["build-system"]["requires"]]:
        requirement = Requirement(spec)
        name = requirement.name.lower().replace("_", "-")
        assert name in pinned, f"{name} is not in requirements/action.txt"
        assert requirement.specifier.contains(pinned[name], prereleases=True), f"{name}=={pinned[name]} vs {spec}"
