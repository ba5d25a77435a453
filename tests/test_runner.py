"""Many files: the same output in the pool as in one process, streamed, interruptible."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sicheck import runner
from sicheck.checker import CheckOptions
from sicheck.model import Report
from sicheck.policy import RunPolicy
from sicheck.render import render
from sicheck.runner import RenderOptions, RunTracker, outcomes, render_run

from .conftest import CATALOG, SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


def _many(tmp_path: Path, count: int) -> list[tuple[str, str]]:
    files = []
    for index in range(count):
        source = SAMPLE_FILES[index % len(SAMPLE_FILES)]
        target = tmp_path / f"a{index:04d}.yaml"
        target.write_bytes(source.read_bytes())
        files.append((str(target), target.name))
    return files


@pytest.mark.parametrize("format_name", ["json", "text"])
def test_pool_gives_the_same_output_as_one_process(tmp_path: Path, format_name: str) -> None:
    files = _many(tmp_path, runner.POOL_THRESHOLD + 10)
    rendering = RenderOptions(format=format_name, version="test")
    serial = "".join(render_run(files, CheckOptions(CATALOG), rendering, RunTracker(), jobs=1))
    pooled_tracker = RunTracker()
    pooled = "".join(render_run(files, CheckOptions(CATALOG), rendering, pooled_tracker, jobs=2))
    assert pooled == serial
    assert pooled_tracker.summary.applications == len(files)


def test_streamed_json_equals_the_whole_document(tmp_path: Path) -> None:
    files = _many(tmp_path, 9)
    tracker = RunTracker()
    streamed = "".join(
        render_run(files, CheckOptions(CATALOG), RenderOptions(format="json", version="v"), tracker, jobs=1)
    )
    results = [outcome.result for outcome in outcomes(files, CheckOptions(CATALOG), None, jobs=1)]
    whole = render("json", Report(results=tuple(r for r in results if r), summary=tracker.summary, version="v"))
    assert streamed == whole
    document = json.loads(streamed)
    assert [a["file"] for a in document["applications"]] == [name for _, name in files]


def test_tracker_exit_status() -> None:
    files = [(str(SAMPLES / "minimili.yaml"), "m"), (str(SAMPLES / "star-for-life.yaml"), "s")]
    ok = RunTracker(RunPolicy(fail_under=100))
    list(render_run(files, CheckOptions(CATALOG), RenderOptions(format="json"), ok, jobs=1))
    assert not ok.failed
    files = [(str(SAMPLES / "minimili.yaml"), "m"), (str(SAMPLES / "fotosyntes.yaml"), "f")]  # 87,5 %
    threshold = RunTracker(RunPolicy(fail_under=95))
    list(render_run(files, CheckOptions(CATALOG), RenderOptions(format="json"), threshold, jobs=1))
    assert threshold.failed and threshold.summary.under_threshold == 1


def test_a_bug_in_one_file_becomes_that_files_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: str, options: CheckOptions, shown: str | None = None) -> object:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(runner, "check_path", broken)
    outcome = next(outcomes([("x.yaml", "x.yaml")], CheckOptions(CATALOG), None, jobs=1))
    assert outcome.verdict == "invalid"
    assert outcome.result is not None
    assert outcome.result.problems[0].code == "internal-error"


def test_no_progress_bar_when_piped(tmp_path: Path) -> None:
    _many(tmp_path, 30)
    done = subprocess.run(
        [sys.executable, "-m", "sicheck", "check", str(tmp_path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stderr == ""
    assert json.loads(done.stdout)["summary"]["applications"] == 30


def test_ctrl_c_exits_130_without_traceback_or_partial_output(tmp_path: Path) -> None:
    folder = tmp_path / "apps"
    folder.mkdir()
    _many(folder, 3000)
    target = tmp_path / "report.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "sicheck", "check", str(folder), "--format", "json", "-o", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(1.5)
    # Ctrl-C on a terminal signals the whole process group, workers included.
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the run finished before the interrupt arrived")
    assert process.returncode == 130
    assert "Traceback" not in stderr
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["apps"]
