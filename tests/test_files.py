"""Files sicheck writes and reads: never onto an input, never over a device, stat before open."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicheck import reading
from sicheck.cli import app
from sicheck.errors import UsageError
from sicheck.model import Problem
from sicheck.writing import Output

from .conftest import SAMPLES

runner = CliRunner()
SAMPLE = SAMPLES / "tidiga-insatser-skolnarvaro.yaml"


def _sicheck(*args: str, cwd: Path | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sicheck", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        **kwargs,  # type: ignore[call-overload]
    )


@pytest.fixture
def application(tmp_path: Path) -> Path:
    target = tmp_path / "app.yaml"
    shutil.copy(SAMPLE, target)
    return target


# --- writing: never onto an input ---------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "report"])
def test_output_onto_the_application_is_refused(command: str, application: Path) -> None:
    before = application.read_bytes()
    result = runner.invoke(app, [command, str(application), "-o", str(application), "--lang", "en"])
    assert result.exit_code == 2
    assert "one of the files this run reads" in result.output
    assert application.read_bytes() == before


def test_output_through_a_link_or_a_second_name_is_refused(application: Path, tmp_path: Path) -> None:
    before = application.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(application)
    hard = tmp_path / "hard.json"
    os.link(application, hard)
    for target in (link, hard):
        result = runner.invoke(app, ["check", str(tmp_path), "-o", str(target)])
        assert result.exit_code == 2, result.output
    assert application.read_bytes() == before


def test_output_onto_a_review_criteria_or_configuration_file_is_refused(tmp_path: Path) -> None:
    apps = tmp_path / "apps"
    apps.mkdir()
    shutil.copy(SAMPLE, apps / "skolnarvaro.yaml")
    review = tmp_path / "review.yaml"
    review.write_text("application: skolnarvaro.yaml\nreviewer: Anna\n", encoding="utf-8")
    criteria_file = tmp_path / "mine.yaml"
    shutil.copy(SAMPLES.parent / "criteria" / "vgr@2015.yaml", criteria_file)
    config = tmp_path / ".sicheck.yaml"
    config.write_text("lang: en\n", encoding="utf-8")
    cases = [
        ["check", str(apps), "--reviews", str(review), "-o", str(review)],
        ["report", str(apps), "--reviews", str(review), "-o", str(review)],
        ["check", str(apps), "--criteria", str(criteria_file), "-o", str(criteria_file)],
        ["check", str(apps), "--config", str(config), "-o", str(config)],
        ["new", "--review", str(apps / "skolnarvaro.yaml"), "-o", str(apps / "skolnarvaro.yaml"), "--force"],
    ]
    for args in cases:
        before = Path(args[-1] if args[-1] != "--force" else args[-2]).read_bytes()
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert Path(args[-1] if args[-1] != "--force" else args[-2]).read_bytes() == before


def test_output_onto_the_file_stdin_comes_from_is_refused(application: Path) -> None:
    before = application.read_bytes()
    with application.open("rb") as stdin:
        done = _sicheck("check", "-", "-o", str(application), stdin=stdin)
    assert done.returncode == 2, done.stderr
    assert application.read_bytes() == before


# --- writing: special files ---------------------------------------------------------------


def test_output_into_a_fifo_writes_into_it(application: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read_all() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read_all)
    reader.start()
    result = runner.invoke(app, ["check", str(application), "--format", "json", "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.exit_code in (0, 1), result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["summary"]["applications"] == 1


def test_output_to_dev_stdout_and_dash_go_to_stdout(application: Path) -> None:
    for target in ("/dev/stdout", "-"):
        done = _sicheck("check", str(application), "--format", "json", "-o", target)
        assert done.returncode in (0, 1), done.stderr
        assert json.loads(done.stdout)["summary"]["applications"] == 1


def test_special_files_are_never_renamed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_rename(*args: object) -> None:
        raise AssertionError("renamed over a special file")

    monkeypatch.setattr(os, "replace", no_rename)
    assert Output("/dev/null").write(["a", "b"])
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_into_a_full_device_is_a_message() -> None:
    with pytest.raises(UsageError):
        Output("/dev/full").write("x" * 100_000)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


# --- writing: regular files ---------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_written_files_get_the_mode_of_the_umask(mask: int, tmp_path: Path, application: Path) -> None:
    previous = os.umask(mask)
    try:
        out = tmp_path / "out.json"
        assert runner.invoke(app, ["check", str(application), "--format", "json", "-o", str(out)]).exit_code in (0, 1)
        template = tmp_path / "new.yaml"
        assert runner.invoke(app, ["new", "-o", str(template)]).exit_code == 0
        schema = tmp_path / "schema.json"
        assert runner.invoke(app, ["schema", "-o", str(schema)]).exit_code == 0
    finally:
        os.umask(previous)
    for written in (out, template, schema):
        assert stat.S_IMODE(os.stat(written).st_mode) == 0o666 & ~mask, written


def test_a_long_target_name_still_gets_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 250 + ".json")
    assert Output(target).write("{}")
    assert target.read_text() == "{}"


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    def failing() -> Iterator[str]:
        yield "new"
        raise RuntimeError("checker broke")

    with pytest.raises(RuntimeError):
        Output(target).write(failing())
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_refuse_to_overwrite_keeps_the_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    target.write_text("mine", encoding="utf-8")
    assert Output(target, overwrite=False).write("template") is False
    assert target.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]
    result = runner.invoke(app, ["new", "-o", str(target)])
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "mine"


_SLOW_WRITER = """
import sys, time
from sicheck.writing import Output
def chunks():
    yield "x" * 1000
    sys.stdout.write("started\\n"); sys.stdout.flush()
    time.sleep(30)
    yield "never"
Output(sys.argv[1]).write(chunks())
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_writing_removes_the_temporary_file(signum: int, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "started\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    process.send_signal(signum)
    process.wait(timeout=30)
    assert process.returncode != 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_just_as_the_temporary_file_is_made_leaves_nothing(
    signum: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the SIGTERM test under load: a signal after the file was created but before
    its name was known left it behind."""
    import tempfile

    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_signal(*args: object, **kwargs: object) -> tuple[int, str]:
        made = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        os.kill(os.getpid(), signum)  # delivered at once unless it is held
        return made  # type: ignore[no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp_then_signal)
    with pytest.raises((SystemExit, KeyboardInterrupt)):
        Output(tmp_path / "out.json").write("{}")
    assert list(tmp_path.iterdir()) == []


# --- closed streams, deleted working directory ---------------------------------------------


def test_closed_stdout_is_a_message_not_a_traceback(application: Path) -> None:
    for args in (["--version"], ["check", str(application)]):
        done = subprocess.run(
            [sys.executable, "-m", "sicheck", *args], stdout=subprocess.DEVNULL, capture_output=False, timeout=60
        )
        assert done.returncode in (0, 1)
        closed = subprocess.run(
            [
                sys.executable,
                "-c",
                "import os, sys, runpy; os.close(1); sys.argv = ['sicheck', *sys.argv[1:]]; "
                "runpy.run_module('sicheck', run_name='__main__')",
                *args,
            ],
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
        assert closed.returncode == 2, closed.stderr
        assert "Traceback" not in closed.stderr
        assert closed.stderr.startswith("sicheck: ")


def _with_closed(stream: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """sicheck started by a shell with ``>&-`` or ``2>&-``: Python gives it ``sys.stdout`` None."""
    capture = {"stderr": subprocess.PIPE} if stream == "stdout" else {"stdout": subprocess.PIPE}
    redirect = ">&-" if stream == "stdout" else "2>&-"
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {redirect}', "sh", sys.executable, "-m", "sicheck", *args],
        text=True,
        timeout=60,
        cwd=cwd,
        check=False,
        **capture,  # type: ignore[call-overload]
    )


@pytest.mark.parametrize(
    "args", [["--version"], ["check"], ["check", "--format", "json"], ["report"], ["check", "--reviews", "."]]
)
def test_stdout_closed_from_the_start_is_a_message(args: list[str], application: Path) -> None:
    """``sicheck --version >&-`` and ``sicheck check app.yaml >&-``: a message and 2, never a traceback."""
    if args != ["--version"]:
        args = [args[0], str(application), *args[1:], "--lang", "en"]
    done = _with_closed("stdout", *args, cwd=application.parent)
    assert done.returncode == 2, done.stderr
    expected = "Standard output is closed" if "--lang" in args else "Standard ut är stängd"
    assert done.stderr.startswith(f"sicheck: {expected}"), done.stderr
    assert done.stderr.count("\n") == 1


@pytest.mark.parametrize("command", ["check", "report"])
def test_stdout_closed_from_the_start_still_writes_to_a_file(command: str, application: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    done = _with_closed("stdout", command, str(application), "--format", "json", "-o", str(out))
    assert done.returncode in (0, 1), done.stderr
    assert done.stderr == ""
    assert json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("command", ["check", "report"])
def test_stderr_closed_from_the_start_changes_no_exit_code(command: str, application: Path) -> None:
    """The progress check asked the closed stderr whether it was a terminal: exit 2 instead of 0."""
    shutil.copy(SAMPLES / "minimili.yaml", application)  # an application that meets the requirements
    done = _with_closed("stderr", command, str(application), "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout)


def test_closed_stderr_still_gives_an_exit_code(application: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys, runpy; os.close(2); sys.argv = ['sicheck', *sys.argv[1:]]; "
            "runpy.run_module('sicheck', run_name='__main__')",
            "check",
            str(application),
            "--criteria",
            "nope",
        ],
        stdout=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2


def test_a_deleted_working_directory_is_a_message(tmp_path: Path, application: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys, runpy; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "sys.argv = ['sicheck', *sys.argv[2:]]; runpy.run_module('sicheck', run_name='__main__')"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(gone), "check", str(application), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "working directory no longer exists" in done.stderr
    assert "Traceback" not in done.stderr


# --- reading -------------------------------------------------------------------------------


def test_an_empty_path_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", ""])
    assert result.exit_code == 2


def test_a_fifo_named_directly_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "app.yaml"
    os.mkfifo(fifo)
    for args in (["check", str(fifo)], ["check", str(SAMPLE), "--reviews", str(fifo)], ["report", str(fifo)]):
        done = _sicheck(*args, "--lang", "en")  # a hang would time out
        assert done.returncode == 2, (args, done.stderr)
        assert "not a regular file" in done.stderr


def _scan_problems(folder: Path) -> tuple[int, dict[str, str]]:
    done = _sicheck("check", str(folder), "--format", "json", "--lang", "en")
    report = json.loads(done.stdout)
    found = {}
    for entry in report["applications"]:
        if entry["problems"] and entry["problems"][0]["code"] == "file-unreadable":
            found[Path(entry["file"]).name] = entry["problems"][0]["message"]
    return done.returncode, found


def test_a_folder_scan_reports_what_it_cannot_read(tmp_path: Path) -> None:
    folder = tmp_path / "apps"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "good.yaml")
    os.mkfifo(folder / "fifo.yaml")
    (folder / "dangling.yaml").symlink_to(folder / "missing.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    (folder / "proc.yaml").symlink_to("/proc/self/status")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "sub" / "up").symlink_to(folder)
    (folder / "notes.txt").symlink_to(folder / "missing.txt")  # not YAML: not ours to report
    code, found = _scan_problems(folder)
    assert code == 1
    assert "FIFO" in found["fifo.yaml"]
    assert "does not exist" in found["dangling.yaml"]
    assert "loop" in found["loop.yaml"]
    assert "/proc" in found["proc.yaml"]
    assert "device" in found["zero.yaml"]
    assert "loop" in found["up"]
    assert "notes.txt" not in found


def test_a_proc_file_behind_a_link_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Telling reviews from applications read the start of every file, /proc/kmsg too: it hung."""
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "good.yaml")
    (folder / "kmsg.yaml").symlink_to("/proc/kmsg")
    (folder / "status.yaml").symlink_to("/proc/self/status")
    opened: list[str] = []
    real_open = os.open

    def recording_open(path: object, *args: object, **kwargs: object) -> int:
        opened.append(os.path.realpath(os.fsdecode(path)))  # type: ignore[arg-type]
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", recording_open)
    monkeypatch.setattr("builtins.open", _refusing_proc(open))
    for args in (["check", str(folder)], ["report", str(folder)], ["check", str(folder / "status.yaml")]):
        result = runner.invoke(app, [*args, "--format", "json", "--lang", "en"])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code in (1, 2), result.output
    assert not [path for path in opened if path.startswith(("/proc/", "/sys/"))]


def _refusing_proc(real: object) -> object:
    def refusing(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, (str, bytes, os.PathLike)) and os.path.realpath(os.fsdecode(file)).startswith("/proc/"):
            raise AssertionError(f"opened {file!r}")
        return real(file, *args, **kwargs)  # type: ignore[operator]

    return refusing


@pytest.mark.skipif(not os.path.exists("/proc/kmsg"), reason="no /proc/kmsg here")
@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null", "/proc/self/status"])
def test_a_link_to_a_device_or_a_proc_file_named_directly_is_refused(target: str, tmp_path: Path) -> None:
    """``z.yaml -> /dev/zero`` named on the command line (or given to --reviews) is never opened."""
    link = tmp_path / "z.yaml"
    link.symlink_to(target)
    for args in (["check", str(link)], ["report", str(link)], ["check", str(SAMPLE), "--reviews", str(link)]):
        result = runner.invoke(app, [*args, "--lang", "en"])
        assert result.exit_code == 2, (args, result.output)
        assert "not a regular file" in result.stderr
        assert result.stdout == ""


@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_sigterm_during_a_run_leaves_no_temporary_file(output_format: str, tmp_path: Path) -> None:
    """The whole command, stopped while it waits for stdin with the temporary file open."""
    out = tmp_path / f"out.{output_format}"
    process = subprocess.Popen(
        [sys.executable, "-m", "sicheck", "check", "-", "--format", output_format, "-o", str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob("*.tmp")):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no temporary file appeared"
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 128 + signal.SIGTERM
    assert b"Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_sigterm_to_the_whole_process_group_during_a_pool_run_ends_it(tmp_path: Path) -> None:
    """A CI runner that cancels a job signals every process of the step. The workers were
    forked with the main process's SIGTERM handler and turned the signal into a result
    nobody read: the run hung for good, with its temporary file."""
    folder = tmp_path / "apps"
    folder.mkdir()
    for index in range(1500):  # a run of a few seconds: the signal comes in the middle
        shutil.copy(SAMPLE, folder / f"app-{index:04}.yaml")
    out = tmp_path / "out.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "sicheck", "check", str(folder), "--format", "json", "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob("*.tmp")):
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "no temporary file appeared"
            time.sleep(0.02)
        time.sleep(0.1)  # the workers are busy with their batches
        os.killpg(process.pid, signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert b"Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["apps"]
    with pytest.raises(ProcessLookupError):  # no worker is left behind
        os.killpg(process.pid, 0)


@pytest.mark.parametrize("args", [[""], ["SAMPLE", ""], ["SAMPLE", "--reviews", ""]])
@pytest.mark.parametrize("command", ["check", "report"])
def test_an_empty_path_anywhere_is_a_usage_error(command: str, args: list[str]) -> None:
    """``check ''`` used to scan the whole working directory."""
    args = [str(SAMPLE) if arg == "SAMPLE" else arg for arg in args]
    result = runner.invoke(app, [command, *args, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "An empty path was given" in result.stderr
    assert result.stdout == ""


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A 1.5 GB file took 1.56 GB of memory: it was read whole before its size was checked."""
    import tracemalloc

    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(1_500_000_000)  # sparse: no disk space used
    tracemalloc.start()
    try:
        result = runner.invoke(app, ["check", str(huge), "--format", "json", "--lang", "en"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["applications"][0]["problems"][0]["code"] == "too-large"
    assert peak < 50 * 1024 * 1024


SINGLE_FILE_COMMANDS = {
    "followup": ["followup", "{path}"],
    "new --review": ["new", "--review", "{path}", "-o", "{out}"],
    "new --followup": ["new", "--followup", "{path}", "-o", "{out}"],
    "check --config": ["check", str(SAMPLE), "--config", "{path}"],
}


@pytest.mark.parametrize("kind", ["fifo", "proc", "dangling", "loop", "folder", "missing"])
@pytest.mark.parametrize("command", sorted(SINGLE_FILE_COMMANDS))
def test_a_single_named_file_is_refused_as_a_folder_scan_would(command: str, kind: str, tmp_path: Path) -> None:
    """``followup /proc/kmsg``, ``new --review fifo.yaml``, ``--config`` a folder: refused before
    anything is opened, with the reason `check` gives (it used to say "no such path", or read it)."""
    path = tmp_path / "named.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "proc":
        path.symlink_to("/proc/self/status")
    elif kind == "dangling":
        path.symlink_to(tmp_path / "gone.yaml")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "folder":
        path.mkdir()
    out = tmp_path / "out.yaml"
    args = [arg.format(path=path, out=out) for arg in SINGLE_FILE_COMMANDS[command]]
    if kind == "fifo":
        done = _sicheck(*args, "--lang", "en")  # a hang would time out
        code, stderr = done.returncode, done.stderr
    else:
        result = runner.invoke(app, [*args, "--lang", "en"])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        code, stderr = result.exit_code, result.stderr
    assert code == 2, stderr
    assert "Traceback" not in stderr
    reason = {"missing": "No such path", "dangling": "does not exist", "loop": "loop"}.get(kind, "not a regular file")
    assert reason in stderr, stderr
    assert not out.exists()


def test_a_folder_with_a_link_to_kmsg_does_not_hang(tmp_path: Path) -> None:
    folder = tmp_path / "apps"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "good.yaml")
    (folder / "kmsg.yaml").symlink_to("/proc/kmsg")
    for command in ("check", "report"):
        done = _sicheck(command, str(folder), "--format", "json", "--lang", "en")  # a hang would time out
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [["report"], ["check", "--reviews", "reviews"], ["report", "--reviews", "reviews"]])
def test_a_link_loop_among_the_applications_is_a_problem_where_reviews_are_matched(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Matching reviews resolved every application's path: a loop raised RuntimeError."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "apps").mkdir()
    (tmp_path / "reviews").mkdir()
    shutil.copy(SAMPLE, tmp_path / "apps" / "good.yaml")
    (tmp_path / "apps" / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "reviews" / "anna.yaml").write_text("application: loop.yaml\nreviewer: Anna\n", encoding="utf-8")
    result = runner.invoke(app, [args[0], "apps", *args[1:], "--format", "json", "--lang", "en"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    entries = {entry["file"]: entry for entry in json.loads(result.stdout)["applications"]}
    assert "loop" in entries["apps/loop.yaml"]["problems"][0]["message"]


def test_a_reviews_folder_reports_what_it_cannot_read(tmp_path: Path) -> None:
    """A FIFO, a device, a /proc file, a dangling link and a loop among the reviews: each is a
    review not counted, with its reason, and nothing is opened that could block."""
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    os.mkfifo(reviews / "fifo.yaml")
    (reviews / "zero.yaml").symlink_to("/dev/zero")
    (reviews / "proc.yaml").symlink_to("/proc/self/status")
    (reviews / "dangling.yaml").symlink_to(reviews / "gone.yaml")
    (reviews / "loop.yaml").symlink_to(reviews / "loop.yaml")
    done = _sicheck("report", str(SAMPLE), "--reviews", str(reviews), "--format", "json", "--lang", "en")
    assert done.returncode == 1, done.stderr
    lines = {Path(line.split(":")[1].strip()).name: line for line in done.stderr.splitlines()}
    assert set(lines) == {"fifo.yaml", "zero.yaml", "proc.yaml", "dangling.yaml", "loop.yaml"}, done.stderr
    assert "FIFO" in lines["fifo.yaml"] and "device" in lines["zero.yaml"] and "/proc" in lines["proc.yaml"]
    assert "does not exist" in lines["dangling.yaml"] and "loop" in lines["loop.yaml"]
    # The reason is the file's, whatever it was meant to be: not "save the application".
    assert "application" not in done.stderr.replace(str(SAMPLE), "")


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "apps"
    locked = folder / "locked"
    locked.mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "good.yaml")
    shutil.copy(SAMPLE, locked / "hidden.yaml")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    # Root reads every folder whatever its mode, so the refusal is simulated.
    monkeypatch.setattr(reading.os, "scandir", scandir)
    result = runner.invoke(app, ["check", str(folder), "--format", "json", "--lang", "en"])
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    names = {Path(entry["file"]).name: entry for entry in report["applications"]}
    assert set(names) == {"good.yaml", "locked"}
    assert "folder could not be read" in names["locked"]["problems"][0]["message"]
    assert report["summary"]["invalid"] == 1


def test_reading_stops_at_the_limit_plus_one_byte(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a" * 5000)
    problem = reading.read(str(big), 1000)
    assert isinstance(problem, Problem) and problem.code == "too-large"
    assert reading.read(str(big), 5000) == b"a" * 5000


@pytest.mark.parametrize(
    ("said", "limit", "expected"), [(10, 5000, "whole"), (10, 1000, "too-large"), (0, 5000, "whole")]
)
def test_a_file_longer_than_its_size_said_is_read_on_to_the_limit(
    said: int, limit: int, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The read is sized from the file's own size; one that grew after it was looked at
    # is still read whole, or refused as too large, never cut short.
    grown = tmp_path / "grown.yaml"
    grown.write_bytes(b"a" * 3000)
    real_fstat = os.fstat

    def smaller(fd: int) -> os.stat_result:
        info = list(real_fstat(fd))
        info[stat.ST_SIZE] = said
        return os.stat_result(info)

    monkeypatch.setattr(os, "fstat", smaller)
    found = reading.read(str(grown), limit)
    if expected == "whole":
        assert found == b"a" * 3000
    else:
        assert isinstance(found, Problem) and found.code == "too-large"


def test_stdin_from_an_endless_source_stops_at_the_limit() -> None:
    started = time.monotonic()
    with open("/dev/zero", "rb") as zero:
        done = _sicheck("check", "-", "--format", "json", "--lang", "en", stdin=zero)
    assert done.returncode == 1
    problem = json.loads(done.stdout)["applications"][0]["problems"][0]
    assert problem["code"] == "too-large"
    assert time.monotonic() - started < 30


def test_a_file_is_checked_again_after_opening(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.yaml"
    target.write_bytes(b"a: 1\n")
    other = os.stat(SAMPLE)
    real_stat = os.stat

    def swapped(path: object, *args: object, **kwargs: object) -> os.stat_result:
        # The file named is not the one opened: as if it were swapped in between.
        return other if path == str(target) else real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading.os, "stat", swapped)
    problem = reading.read(str(target), 10_000)
    assert isinstance(problem, Problem) and problem.code == "file-unreadable"


# --- a worker that dies ----------------------------------------------------------------------


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_a_worker_that_dies_costs_its_files_not_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sicheck import runner
    from sicheck.catalog import CriteriaCatalog
    from sicheck.checker import CheckOptions

    files = []
    for i in range(runner.POOL_THRESHOLD + 10):
        name = "die.yaml" if i == 20 else f"app-{i:03d}.yaml"
        shutil.copy(SAMPLE, tmp_path / name)
        files.append((str(tmp_path / name), name))
    real = runner.check_path

    def deadly(path: str, options: object, shown: str | None = None) -> object:
        if path.endswith("die.yaml"):
            os._exit(9)  # as if the kernel killed the worker for its memory
        return real(path, options, shown)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "check_path", deadly)
    seen = list(runner.outcomes(sorted(files), CheckOptions(catalog=CriteriaCatalog()), None, jobs=2))
    assert len(seen) == len(files)
    by_name = {outcome.result.file: outcome.result for outcome in seen if outcome.result is not None}
    assert by_name["die.yaml"].problems[0].code == "internal-error"
    # Only the batch that held the deadly file is lost, however many were in flight with it.
    lost = {name for name, r in by_name.items() if r.verdict == "invalid"}
    assert "die.yaml" in lost and len(lost) <= runner.CHUNK_SIZE
    names = [name for _, name in sorted(files)]
    deadly_batch = names.index("die.yaml") // runner.CHUNK_SIZE
    assert lost <= set(names[deadly_batch * runner.CHUNK_SIZE : (deadly_batch + 1) * runner.CHUNK_SIZE])
