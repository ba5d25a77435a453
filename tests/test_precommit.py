"""The pre-commit hook (.pre-commit-hooks.yaml), run for real with ``pre-commit try-repo``.

try-repo needs the hook's repository committed, and the working tree of this repository
must never be touched, so the files that make up the package are copied into a temporary
git repository and committed there. pre-commit then installs sicheck from that copy into
an environment of its own (this needs the package index, as any hook install does) and
runs it on a temporary repository of applications.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, SAMPLES

# What building and installing sicheck needs (pyproject.toml names README.md as readme).
PACKAGE_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
PACKAGE_DIRS = ("sicheck", "criteria")


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "sicheck"
    assert hook["entry"] == "sicheck check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    exclude = re.compile(hook["exclude"])
    assert files.search("applications/a.yaml") and files.search("b.yml") and not files.search("c.txt")
    for path in (".pre-commit-config.yaml", ".github/workflows/ci.yml", ".sicheck.yaml"):
        assert exclude.search(path), path
    assert not exclude.search("applications/a.yaml")


def _pre_commit() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install '.[test]' installs it; .ci/run does)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return [sys.executable, "-m", "pre_commit"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=sicheck test", "-c", "user.email=test@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=60,
    )


def _committed_copy_of_sicheck(target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", ".ruff_cache")
    for name in PACKAGE_FILES:
        shutil.copy2(ROOT / name, target / name)
    for name in PACKAGE_DIRS:
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    _git(target, "init", "--quiet")
    _git(target, "add", "--all")
    _git(target, "commit", "--quiet", "--no-verify", "-m", "sicheck under test")
    return target


def _applications_repository(target: Path) -> Path:
    (target / "applications").mkdir()
    shutil.copy(SAMPLES / "minimili.yaml", target / "applications" / "minimili.yaml")
    shutil.copy(SAMPLES / "fotosyntes.yaml", target / "applications" / "fotosyntes.yaml")
    # A YAML file that is not an application: the hook's default exclude passes it over.
    (target / ".github" / "workflows").mkdir(parents=True)
    (target / ".github" / "workflows" / "ci.yml").write_text("on: [pull_request]\n", encoding="utf-8")
    (target / "notes.txt").write_text("inte YAML\n", encoding="utf-8")
    _git(target, "init", "--quiet")
    _git(target, "add", "--all")
    _git(target, "commit", "--quiet", "--no-verify", "-m", "applications")
    return target


def _five_kinds_repository(target: Path) -> Path:
    """Applications, other YAML, reviews (as the README lays them out), criteria and configuration."""
    (target / "applications" / "granskningar").mkdir(parents=True)
    shutil.copy(SAMPLES / "minimili.yaml", target / "applications" / "minimili.yaml")
    (target / "mkdocs.yml").write_text("site_name: Ansökningar\nnav:\n  - index.md\n", encoding="utf-8")
    (target / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n", encoding="utf-8")
    review = (ROOT / "sample_reviews" / "anna-andersson" / "utmanande-avstamp-2.yaml").read_text(encoding="utf-8")
    # One review where the README puts them (outside paths, and a review), one among the applications.
    (target / "granskningar" / "anna").mkdir(parents=True)
    (target / "granskningar" / "anna" / "minimili.yaml").write_text(review, encoding="utf-8")
    (target / "applications" / "granskningar" / "minimili.yaml").write_text(review, encoding="utf-8")
    (target / "criteria").mkdir()
    shutil.copy(ROOT / "criteria" / "ale@2012.yaml", target / "criteria" / "ale@2012.yaml")
    # A criteria set among the applications, told from its keys.
    shutil.copy(ROOT / "criteria" / "vgr@2015.yaml", target / "applications" / "vgr@2015.yaml")
    (target / ".sicheck.yaml").write_text("paths: [applications]\ncriteria-dirs: [criteria]\n", encoding="utf-8")
    _git(target, "init", "--quiet")
    _git(target, "add", "--all")
    _git(target, "commit", "--quiet", "--no-verify", "-m", "five kinds of YAML")
    return target


def _package_registry_reachable() -> bool:
    """Whether pip can reach its configured package index (pre-commit installs the hook from it)."""
    try:
        found = subprocess.run(
            [sys.executable, "-m", "pip", "index", "versions", "hatchling", "--disable-pip-version-check"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return found.returncode == 0


@pytest.mark.network
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """The hook passes an eligible application and fails an ineligible one, naming the gap."""
    pre_commit = _pre_commit()
    # CI must run this test; elsewhere (a laptop on a train) a missing network is no failure.
    if os.environ.get("CI") != "true" and not _package_registry_reachable():
        pytest.skip("the package registry cannot be reached: pre-commit cannot install the hook")
    (tmp_path / "sicheck").mkdir()
    hook_repo = _committed_copy_of_sicheck(tmp_path / "sicheck")
    applications = tmp_path / "applications-repo"
    applications.mkdir()
    _applications_repository(applications)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "NO_COLOR": "1",
    }

    def try_repo(*args: str, cwd: Path = applications) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*pre_commit, "try-repo", str(hook_repo), "sicheck", "--verbose", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    passed = try_repo("--files", "applications/minimili.yaml", ".github/workflows/ci.yml")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    report = passed.stdout.split("- hook id: sicheck", 1)[-1]
    assert "MiniMili" in report
    assert "ci.yml" not in report  # excluded by the hook, never checked as an application

    failed = try_repo("--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "ALE-05.implementation" in failed.stdout
    assert "applications/fotosyntes.yaml:" in failed.stdout
    assert "ci.yml" not in failed.stdout.split("- hook id: sicheck", 1)[-1]

    # A repository that holds all five kinds of YAML: only the applications are checked.
    mixed = tmp_path / "mixed-repo"
    mixed.mkdir()
    _five_kinds_repository(mixed)
    checked = try_repo("--all-files", cwd=mixed)
    report = checked.stdout.split("- hook id: sicheck", 1)[-1]
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "MiniMili" in report
    # pre-commit may split the files over several runs: add up what each says.
    summaries = [line for line in report.splitlines() if line.startswith("Ansökningar: ")]
    assert summaries and all(line.endswith("kan inte bedömas: 0.") for line in summaries), report
    skipped: dict[str, int] = {}
    for found in re.finditer(r"sicheck: \d+ av filerna är inte ansökningar och kontrollerades inte \((.*)\)\.", report):
        for part in found.group(1).split(", "):
            reason, count = part.rsplit(": ", 1)
            skipped[reason] = skipped.get(reason, 0) + int(count)
    # mkdocs.yml, compose.yaml and the review under granskningar/ lie outside paths; the
    # hook's own exclude keeps .sicheck.yaml from being passed at all.
    assert skipped == {"granskningsfil": 1, "kriterieuppsättning": 1, "i criteria-dirs": 1, "utanför paths": 3}, report
