"""Fuzzing the file system: whatever a folder holds and wherever ``-o`` points, the contract holds.

DESIGN.md section 5 and README "What sicheck reads and writes". Hypothesis builds random
trees of regular files (valid, broken, empty, over the size limit), subfolders, unreadable
folders and files, links to files and folders, dangling links, link loops, FIFOs, links to
``/dev/null``, ``/dev/zero`` and ``/proc`` files, under names that are not UTF-8 or hold a
line break or ``::``, and runs ``check`` (on the folder and on named paths) and ``report``
over them. Every run ends in time without a traceback; everything that cannot be read is
an ``invalid`` entry under its own path and the run does not exit 0; no input changes and
nothing is left in the folder.

Then random ``-o`` targets for every format of both commands: a new or existing file, an
input of the run (directly, through a symbolic or hard link, through ``..``), a FIFO,
``/dev/null`` (directly and through a link), a folder, a path in a missing folder, a
read-only file and folder, ``-`` and ``/dev/stdout``. An input is never changed, a special
file is never replaced, a refusal is exit 2 with a message, and a write leaves the whole
output, no temporary file and the mode the umask gives.

Running as root, ``chmod 000`` does not stop reading; then unreadable objects are made so by
refusing them at ``os.scandir`` and ``os.open``, as `tests/test_files.py` does.
``SICHECK_FUZZ_EXAMPLES`` raises the number of examples, as for `tests/test_fuzz.py`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from sicheck.cli import app
from sicheck.reading import shown_name
from sicheck.render import FORMATS as CHECK_FORMATS
from sicheck.report import FORMATS as REPORT_FORMATS

from .conftest import ROOT, SAMPLES

FUZZ_EXAMPLES = int(os.environ.get("SICHECK_FUZZ_EXAMPLES", "150"))
# A tree or an -o target costs ~0.1 s in process; every kind of object and every target is
# also tried once on each run (`EVERY_KIND`, `every_target`).
TREE_EXAMPLES = max(1, FUZZ_EXAMPLES // 3)
TARGET_EXAMPLES = max(1, FUZZ_EXAMPLES // 10)

TREE_SETTINGS = settings(
    max_examples=TREE_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
TARGET_SETTINGS = settings(
    max_examples=TARGET_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

runner = CliRunner()
# A run that takes longer than this hangs: the trees are a few files.
HANG_SECONDS = 60

GOOD = (SAMPLES / "minimili.yaml").read_bytes()  # meets the requirements: exit 0 on its own
OTHER = (SAMPLES / "tmr.yaml").read_bytes()
SIZE_LIMIT = 2 * max(len(GOOD), len(OTHER))
BROKEN = [b"a: [\n", b"\xff\xfe\x00garbage", b"- not a mapping\n", b"title: ! 12\n", b"\xef\xbb\xbfa: 1\na: 2\n"]
EMPTY = [b"", b"---\n", b"# only a comment\n", b"~\n"]

# File names a pull request may choose: not UTF-8, a line break, "::" commands, a leading dash.
NAMES = [
    b"app",
    b"ans\xf6kan",
    b"\xff\xfe",
    b"line\nbreak",
    b"cr\rhere",
    b"::warning::x",
    b"::error file=a.yaml,line=1::y",
    b"a::b",
    b"-dash",
    b"mellan slag",
    "åäö".encode(),
    b"\x1b[31mred",
    b"%0A",
    b"x" * 200,
]
SUFFIXES = [".yaml", ".yaml", ".yml", ".txt", ""]
PROC_FILES = [path for path in ("/proc/self/status", "/proc/kmsg", "/proc/self/mem") if os.path.exists(path)]

# What each kind of object is when a folder scan meets it with a YAML name.
FILE_KINDS = ["valid", "other", "broken", "empty", "oversized", "locked-file"]
LINK_KINDS = ["link-file", "dangling", "loop", "loop-pair", "fifo", "dev-null", "dev-zero", "proc"]
FOLDER_KINDS = ["folder", "locked-folder", "link-folder", "up-link"]
KINDS = FILE_KINDS + LINK_KINDS + FOLDER_KINDS


@functools.cache
def modes_bind() -> bool:
    """Whether ``chmod 000`` stops this process from reading (not as root)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"x")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return True
        finally:
            probe.chmod(0o600)
    return False


# ---------------------------------------------------------------------------- building trees


@dataclass(frozen=True)
class Entry:
    kind: str
    name: bytes
    parent: int  # index of the folder entry it lies in; -1 is the root
    variant: int = 0  # which broken or empty content, which /proc file


@st.composite
def trees(draw: st.DrawFn) -> list[Entry]:
    entries: list[Entry] = []
    folders = [-1]
    for _ in range(draw(st.integers(min_value=1, max_value=9))):
        kind = draw(st.sampled_from(KINDS))
        stem = draw(st.sampled_from(NAMES))
        suffix = "" if kind in FOLDER_KINDS else draw(st.sampled_from(SUFFIXES))
        parent = draw(st.sampled_from(folders))
        name = stem + f"-{len(entries)}{suffix}".encode()  # unique within any folder
        entries.append(Entry(kind, name, parent, draw(st.integers(min_value=0, max_value=9))))
        if kind in ("folder", "locked-folder"):
            folders.append(len(entries) - 1)
    return entries


@dataclass
class Tree:
    """A built tree, and what a folder scan must say about each of its objects."""

    root: bytes
    locked: set[bytes] = field(default_factory=set)
    # Path -> the verdict its entry must have ("invalid" with the problem code, or "eligible").
    expected: dict[bytes, tuple[str, str | None]] = field(default_factory=dict)
    # Paths no scan may reach (inside a locked folder), and links to the outside folder.
    hidden: set[bytes] = field(default_factory=set)
    folder_links: set[bytes] = field(default_factory=set)
    # Top-level objects, for naming them on the command line.
    top: list[tuple[bytes, str]] = field(default_factory=list)


def _is_yaml(name: bytes) -> bool:
    return name.endswith((b".yaml", b".yml"))


def build(base: Path, entries: list[Entry]) -> Tree:
    root = os.fsencode(base / "tree")
    outside = os.fsencode(base / "outside")
    os.mkdir(outside)
    with open(os.path.join(outside, b"target.yaml"), "wb") as handle:
        handle.write(GOOD)
    os.mkdir(os.path.join(outside, b"folder"))
    with open(os.path.join(outside, b"folder", b"inside.yaml"), "wb") as handle:
        handle.write(GOOD)
    os.mkdir(root)
    tree = Tree(root)
    paths: list[bytes] = []
    for entry in entries:
        folder = root if entry.parent < 0 else paths[entry.parent]
        path = os.path.join(folder, entry.name)
        paths.append(path)
        hidden = folder in tree.hidden or any(folder.startswith(locked + b"/") for locked in tree.locked)
        hidden = hidden or folder in tree.locked
        yaml_name = _is_yaml(entry.name)
        expect: tuple[str, str | None] | None = None
        kind = entry.kind
        if kind in ("valid", "other", "broken", "empty", "oversized", "locked-file"):
            content = {
                "valid": GOOD,
                "other": OTHER,
                "broken": BROKEN[entry.variant % len(BROKEN)],
                "empty": EMPTY[entry.variant % len(EMPTY)],
                "oversized": GOOD + b"\n# " + b"x" * SIZE_LIMIT + b"\n",
                "locked-file": GOOD,
            }[kind]
            with open(path, "wb") as handle:
                handle.write(content)
            if yaml_name:
                expect = {
                    "valid": ("eligible", None),
                    "other": ("", None),  # checked, whatever its verdict
                    "broken": ("invalid", ""),
                    "empty": ("invalid", "empty"),
                    "oversized": ("invalid", "too-large"),
                    "locked-file": ("invalid", "file-unreadable"),
                }[kind]
            if kind == "locked-file":
                tree.locked.add(path)
        elif kind in ("folder", "locked-folder"):
            os.mkdir(path)
            with open(os.path.join(path, b"hidden-or-not.yaml"), "wb") as handle:
                handle.write(GOOD)
            if kind == "locked-folder":
                tree.locked.add(path)
                expect = ("invalid", "file-unreadable")
            elif not hidden:
                tree.expected[os.path.join(path, b"hidden-or-not.yaml")] = ("eligible", None)
        elif kind == "link-folder":
            os.symlink(os.path.join(outside, b"folder"), path)
            if not hidden:
                tree.folder_links.add(path)
        elif kind == "up-link":
            os.symlink(folder, path)  # back to the folder it lies in: a loop
            expect = ("invalid", "file-unreadable")
        else:
            target = {
                "link-file": os.path.join(outside, b"target.yaml"),
                "dangling": os.path.join(outside, b"missing.yaml"),
                "loop": path,
                "loop-pair": path + b".pair",
                "dev-null": b"/dev/null",
                "dev-zero": b"/dev/zero",
                "proc": os.fsencode(PROC_FILES[entry.variant % len(PROC_FILES)]) if PROC_FILES else b"/dev/null",
            }.get(kind)
            if kind == "fifo":
                os.mkfifo(path)
            else:
                assert target is not None
                os.symlink(target, path)
            if kind == "loop-pair":
                os.symlink(path, path + b".pair")  # not a YAML name: only the first is listed
            if yaml_name:
                expect = ("eligible", None) if kind == "link-file" else ("invalid", "file-unreadable")
        if hidden:
            tree.hidden.add(path)
        elif expect is not None:
            tree.expected[path] = expect
        if entry.parent < 0:
            tree.top.append((path, kind))
    return tree


def snapshot(root: bytes) -> dict[bytes, tuple[object, ...]]:
    """Every object below ``root`` (links not followed): its kind, node, size and a hash of a file."""
    seen: dict[bytes, tuple[object, ...]] = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            digest = ""
            if stat.S_ISREG(info.st_mode):
                with open(path, "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
            elif stat.S_ISLNK(info.st_mode):
                digest = os.fsdecode(os.readlink(path))
            seen[path] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), info.st_ino, info.st_size, digest)
    return seen


@contextlib.contextmanager
def locked(tree: Tree) -> Iterator[None]:
    """The tree's locked objects unreadable: by their mode, or refused where root would read them."""
    if modes_bind():
        modes = {path: stat.S_IMODE(os.lstat(path).st_mode) for path in tree.locked}
        for path in tree.locked:
            os.chmod(path, 0)
        try:
            yield
        finally:
            for path, mode in modes.items():
                os.chmod(path, mode)
        return
    refused = {os.path.realpath(path) for path in tree.locked}

    def is_refused(path: object) -> bool:
        return isinstance(path, (str, bytes, os.PathLike)) and os.path.realpath(os.fsencode(path)) in refused

    real_scandir, real_open = os.scandir, os.open

    def scandir(path: object = ".") -> object:
        if is_refused(path):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)  # type: ignore[call-overload]

    def open_(path: object, *args: object, **kwargs: object) -> int:
        if is_refused(path):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "scandir", scandir)
        patch.setattr(os, "open", open_)
        yield


class Hang(Exception):
    pass


def _hang(signum: int, frame: FrameType | None) -> None:
    raise Hang()


def invoke(args: list[str]) -> tuple[int, str, str]:
    """One in-process run with an alarm: a run that blocks fails the test, not the suite."""
    result = invoke_raw(args)
    return result.exit_code, result.stdout, result.stderr


def invoke_raw(args: list[str]) -> Result:
    previous = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(HANG_SECONDS)
    try:
        result = runner.invoke(app, args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    if isinstance(result.exception, Hang):
        pytest.fail(f"sicheck {' '.join(args)!r} did not end within {HANG_SECONDS} s")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr
    return result


def shown(path: bytes) -> str:
    return shown_name(os.fsdecode(path))


# ---------------------------------------------------------------------------- the contract


def assert_scan(tree: Tree, code: int, stdout: str, *, report: bool) -> None:
    """Each object the scan reached is an entry with the verdict it must have; no other entries.

    ``check`` exits 1 when any application is not eligible; ``report`` when an application
    could not be read (README: 1 is also for a review file with errors).
    """
    if not tree.expected and not tree.folder_links:
        # Nothing to check in the folder: a usage error, as for an empty folder.
        assert code == 2 and stdout == "", (code, stdout[-500:])
        return
    document = json.loads(stdout)
    entries = {entry["file"]: entry for entry in document["applications"]}
    expected = {shown(path): verdict for path, verdict in tree.expected.items()}
    through_links = {name for name in entries if any(name.startswith(shown(link) + "/") for link in tree.folder_links)}
    # The outside folder is walked once, under the first of the links that lead to it.
    assert len(through_links) == (1 if tree.folder_links else 0), sorted(through_links)
    assert set(entries) - through_links == set(expected), (sorted(entries), sorted(expected))
    for name, (verdict, code_wanted) in expected.items():
        entry = entries[name]
        if verdict:
            assert entry["verdict"] == verdict, (name, entry["verdict"], entry.get("problems"))
        if code_wanted:
            assert entry["problems"][0]["code"] == code_wanted, (name, entry["problems"])
        for problem in entry.get("problems", []):
            assert problem["location"]["line"] >= 1 and problem["location"]["column"] >= 1
    if report:
        failed = any(p["code"] == "file-unreadable" for entry in entries.values() for p in entry["problems"])
    else:
        failed = any(entry["verdict"] != "eligible" for entry in entries.values())
    assert code == (1 if failed else 0), (code, sorted((n, e["verdict"]) for n, e in entries.items()))


# Each kind once, in a folder and at the top, and each /proc file: run on every test run.
EVERY_KIND = [
    Entry("folder", b"sub", -1),
    *(Entry(kind, f"{kind}.yaml".encode(), parent) for kind in KINDS for parent in (-1, 0) if kind != "folder"),
    *(Entry("proc", f"proc-{i}.yaml".encode(), -1, i) for i in range(len(PROC_FILES))),
    Entry("valid", b"ans\xf6kan\n::warning::x.yaml", 0),
]


def assert_reviews(tree: Tree, code: int, stdout: str, stderr: str) -> None:
    """None of the objects is a review: each one reached is a problem on a line of its own."""
    if not tree.expected and not tree.folder_links:
        assert code in (0, 2), (code, stderr)  # a folder without YAML files: nothing to count
        return
    assert code == 1, (code, stderr)
    assert json.loads(stdout)["applications"][0]["verdict"] == "eligible"
    lines = [line for line in stderr.split("\n") if line]
    assert len(lines) >= len(tree.expected), lines
    # A line break in a file name is shown as "\n", never written: one line per problem.
    assert all(line.startswith("sicheck: ") for line in lines), lines


NAMED_REFUSED = {"dangling", "loop", "loop-pair", "fifo", "dev-null", "dev-zero", "proc"}
NAMED_INVALID = {"locked-file", "locked-folder", "broken", "empty", "oversized"}


def assert_named(named: list[tuple[bytes, str]], code: int, stdout: str, stderr: str) -> None:
    """Named directly, what is not a regular file or a folder is refused without being opened;
    every named file is an entry, and one that cannot be read makes the run fail."""
    if not named:  # a tree with nothing at its top: no paths, so the configuration's (none)
        assert code == 2 and stderr.startswith("sicheck: ")
        return
    kinds = {kind for _, kind in named}
    if kinds & NAMED_REFUSED:
        assert code == 2, (code, stdout[-500:])
        assert stderr.startswith("sicheck: ") and stdout == ""
        return
    files = {shown(path) for path, kind in named if kind not in FOLDER_KINDS}
    if "up-link" not in kinds:
        # Through a named link to the folder above, a locked folder is met (and listed) first
        # under the link's name; the same folder is not listed twice.
        files |= {shown(path) for path, kind in named if kind == "locked-folder"}
    assert files <= {entry["file"] for entry in json.loads(stdout)["applications"]}
    assert code in (0, 1)
    if kinds & NAMED_INVALID:
        assert code == 1


@TREE_SETTINGS
@given(entries=trees(), mode=st.sampled_from(["check", "report", "named", "reviews"]), picks=st.lists(st.booleans()))
@example(entries=EVERY_KIND, mode="check", picks=[])
@example(entries=EVERY_KIND, mode="report", picks=[])
@example(entries=EVERY_KIND, mode="reviews", picks=[])
def test_random_trees_of_file_system_objects(entries: list[Entry], mode: str, picks: list[bool]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        tree = build(Path(folder), entries)
        # `report` takes the size limit from a configuration file only.
        config = Path(folder) / "config.yaml"
        config.write_text(f"max-file-size: {SIZE_LIMIT}\n", encoding="utf-8")
        args = ["--format", "json", "--lang", "en", "--config", str(config)]
        before = snapshot(os.fsencode(folder))
        if mode == "named":
            # The objects at the top picked (the first one if none is).
            named = [item for item, pick in zip(tree.top, picks, strict=False) if pick] or tree.top[:1]
            with locked(tree):
                code, stdout, stderr = invoke(["check", *[os.fsdecode(p) for p, _ in named], *args])
            assert_named(named, code, stdout, stderr)
        elif mode == "reviews":
            # The tree as the reviews of a call: `report` says on stderr why each is not counted.
            application = os.path.join(folder, "outside", "target.yaml")
            with locked(tree):
                code, stdout, stderr = invoke(["report", application, "--reviews", os.fsdecode(tree.root), *args])
            assert_reviews(tree, code, stdout, stderr)
        else:
            with locked(tree):
                code, stdout, stderr = invoke([mode, os.fsdecode(tree.root), *args])
            assert_scan(tree, code, stdout, report=mode == "report")
        # No input changed and nothing was left behind: no temporary file, no output.
        assert snapshot(os.fsencode(folder)) == before


# ---------------------------------------------------------------------------- -o targets

TARGETS = [
    "new",
    "existing",
    "application",
    "application-symlink",
    "application-hardlink",
    "application-dotdot",
    "review",
    "criteria",
    "configuration",
    "fifo",
    "dev-null",
    "dev-null-symlink",
    "folder",
    "missing-folder",
    "read-only-file",
    "read-only-folder",
    "dash",
    "dev-stdout",
]
# Targets that name one of the run's inputs: refused, exit 2.
INPUT_TARGETS = {"application", "application-symlink", "application-hardlink", "application-dotdot", "configuration"}
UMASKS = [0o022, 0o077, 0o002, 0o027]

# A child process with the umask given, so that the mode of what it writes can be checked.
_WITH_UMASK = (
    "import os, sys, runpy; os.umask(int(sys.argv[1], 8)); sys.argv = ['sicheck', *sys.argv[2:]]; "
    "runpy.run_module('sicheck', run_name='__main__')"
)


@dataclass
class Work:
    root: Path
    special: dict[str, os.stat_result] = field(default_factory=dict)


def make_work(root: Path) -> None:
    (root / "apps").mkdir(parents=True)
    (root / "apps" / "minimili.yaml").write_bytes(GOOD)
    (root / "apps" / "tmr.yaml").write_bytes(OTHER)
    (root / "reviews").mkdir()
    (root / "reviews" / "anna.yaml").write_text(
        "application: minimili.yaml\nreviewer: Anna\nrecommendation: ja\n", encoding="utf-8"
    )
    shutil.copy(ROOT / "criteria" / "ale@2012.yaml", root / "mine.yaml")
    (root / ".sicheck.yaml").write_text("lang: en\n", encoding="utf-8")
    (root / "out").mkdir()
    (root / "out" / "old.txt").write_text("old\n", encoding="utf-8")
    (root / "out" / "read-only.txt").write_text("read only\n", encoding="utf-8")
    (root / "out" / "read-only.txt").chmod(0o444)
    (root / "locked-out").mkdir()
    (root / "locked-out").chmod(0o555)
    os.mkfifo(root / "out" / "pipe")
    (root / "out" / "null").symlink_to("/dev/null")
    (root / "link.json").symlink_to(root / "apps" / "minimili.yaml")
    os.link(root / "apps" / "minimili.yaml", root / "hard.json")


def target_path(name: str, root: Path, extension: str) -> str:
    return {
        "new": f"out/new.{extension}",
        "existing": "out/old.txt",
        "application": "apps/minimili.yaml",
        "application-symlink": "link.json",
        "application-hardlink": "hard.json",
        "application-dotdot": "reviews/../apps/minimili.yaml",
        "review": "reviews/anna.yaml",
        "criteria": "mine.yaml",
        "configuration": ".sicheck.yaml",
        "fifo": "out/pipe",
        "dev-null": "/dev/null",
        "dev-null-symlink": "out/null",
        "folder": "out",
        "missing-folder": "missing/out.txt",
        "read-only-file": "out/read-only.txt",
        "read-only-folder": "locked-out/out.txt",
        "dash": "-",
        "dev-stdout": "/dev/stdout",
    }[name]


@functools.cache
def folder_modes_bind() -> bool:
    """Whether a folder without write permission stops this process from creating a file in it."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        Path(folder).chmod(0o555)
        try:
            (Path(folder) / "probe").write_bytes(b"")
        except PermissionError:
            return True
        finally:
            Path(folder).chmod(0o755)
    return False


def hashes(root: Path) -> dict[str, str]:
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and stat.S_ISREG(path.lstat().st_mode):
            found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def nodes(paths: list[str]) -> dict[str, tuple[int, int, int, int]]:
    return {path: (info.st_mode, info.st_rdev, info.st_ino, info.st_dev) for path in paths for info in [os.lstat(path)]}


class FifoReader:
    """Reads a FIFO in a thread; unblocks itself if nobody ever opens it for writing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = b""
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        with open(self.path, "rb") as handle:
            self.data = handle.read()

    def finish(self) -> bytes:
        if self.thread.is_alive():
            with contextlib.suppress(OSError):
                os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))  # EOF for a reader still waiting
        self.thread.join(timeout=30)
        assert not self.thread.is_alive()
        return self.data


def run_with_umask(args: list[str], cwd: Path, umask: int) -> tuple[int, bytes, str]:
    """In process, but for ``/dev/stdout``: that is this process's own standard output."""
    if "/dev/stdout" not in args:
        previous = os.umask(umask)
        try:
            with contextlib.chdir(cwd):
                result = invoke_raw(args)
        finally:
            os.umask(previous)
        return result.exit_code, result.stdout_bytes, result.stderr
    try:
        done = subprocess.run(
            [sys.executable, "-c", _WITH_UMASK, oct(umask), *args],
            capture_output=True,
            timeout=HANG_SECONDS,
            cwd=cwd,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"sicheck {' '.join(args)} did not end within {HANG_SECONDS} s")
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    return done.returncode, done.stdout, stderr


def reference(command: list[str], cwd: Path, cache: dict[tuple[str, ...], bytes]) -> bytes:
    """What the same run gives on stdout (in process, so it costs little): a write must hold it whole."""
    key = tuple(command)
    if key not in cache:
        with contextlib.chdir(cwd):
            result = runner.invoke(app, command)
        assert result.exit_code in (0, 1), result.output
        cache[key] = result.stdout_bytes
    return cache[key]


# Every format of both commands.
RUNS = [("check", name) for name in sorted(CHECK_FORMATS)] + [("report", name) for name in sorted(REPORT_FORMATS)]


def every_target(test: Callable[..., None]) -> Callable[..., None]:
    """An explicit example for each target, run every time, the formats taken in turn."""
    for i, target in enumerate(TARGETS):
        chosen = {"run": RUNS[i % len(RUNS)], "reviews": i % 2 == 0, "criteria": i % 3 == 0}
        test = example(target=target, umask=UMASKS[i % len(UMASKS)], **chosen)(test)
    return test


@TARGET_SETTINGS
@given(
    run=st.sampled_from(RUNS),
    target=st.sampled_from(TARGETS),
    reviews=st.booleans(),
    criteria=st.booleans(),
    umask=st.sampled_from(UMASKS),
)
@every_target
def test_random_output_targets(
    run: tuple[str, str], target: str, reviews: bool, criteria: bool, umask: int, tmp_path: Path
) -> None:
    command, output_format = run
    # --reviews goes with check's text and JSON, and with report; --criteria with check.
    reviews = command == "report" or (output_format in ("text", "json") and reviews)
    criteria = command == "check" and criteria
    root = tmp_path / "work"
    if root.exists():
        with contextlib.suppress(FileNotFoundError):
            (root / "locked-out").chmod(0o755)
        shutil.rmtree(root)
    root.mkdir()
    make_work(root)
    args = [command, "apps", "--format", output_format]
    if reviews:
        args += ["--reviews", "reviews"]
    if criteria:
        args += ["--criteria", "mine.yaml"]
    path = target_path(target, root, output_format)
    inputs = INPUT_TARGETS | ({"review"} if reviews else set()) | ({"criteria"} if criteria else set())
    specials = [str(root / "out" / "pipe"), str(root / "out" / "null"), "/dev/null"]
    before, special_before = hashes(root), nodes(specials)
    expected = reference(args, root, _REFERENCES)
    reader = FifoReader(root / "out" / "pipe") if target == "fifo" else None
    try:
        code, stdout, stderr = run_with_umask([*args, "-o", path], root, umask)
    finally:
        received = reader.finish() if reader is not None else b""
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    # Special files are never replaced, and no input ever changes.
    assert nodes(specials) == special_before
    after = hashes(root)
    written = {"existing": "out/old.txt", "review": "reviews/anna.yaml", "criteria": "mine.yaml"}
    written |= {"read-only-file": "out/read-only.txt", "new": f"out/new.{output_format}"}
    written |= {"read-only-folder": "locked-out/out.txt"}
    if target in written and target not in inputs:
        after.pop(written[target], None)
        before.pop(written[target], None)
    assert after == before
    # Whatever happened, no temporary file is left behind.
    assert not [p.name for p in root.rglob("*") if p.name.startswith(".sicheck-") or p.name.endswith(".tmp")]

    refused = target in inputs or target in ("folder", "missing-folder")
    refused = refused or (target == "read-only-folder" and folder_modes_bind())
    if refused:
        assert code == 2, (code, stderr)
        assert stderr.startswith("sicheck: ") and stdout == b""
        return
    assert code in (0, 1), stderr
    if target in ("dash", "dev-stdout"):
        assert stdout == expected
    elif target == "fifo":
        assert received == expected
    elif target in ("dev-null", "dev-null-symlink"):
        assert stdout == b""
    else:
        out = root / (written[target] if target in written else target_path(target, root, output_format))
        assert out.read_bytes() == expected
        assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask, oct(out.stat().st_mode)
        assert stdout == b""


_REFERENCES: dict[tuple[str, ...], bytes] = {}
