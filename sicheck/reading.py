"""Find and open input YAML files: regular files or stdin only, never more than the size limit.

Every file sicheck reads from a user (applications, reviews, configuration, criteria
files) is found by `collect` and read by `read`:

- ``stat`` comes before ``open``. Only regular files and stdin are read. Opening a FIFO
  blocks until someone writes to it, a device may do anything when opened, and files
  under ``/proc`` and ``/sys`` look regular but block or never end, so none of them is
  opened. The file is opened without blocking and checked again after opening, in case
  it was swapped in between.
- At most the limit plus one byte is read, from files and stdin alike, so ``/dev/zero``
  or a 1.5 GB file cannot fill memory: the extra byte is enough to know it is too large.
- A folder scan reports what it cannot read instead of skipping it: an unreadable
  folder, a dangling link, a link loop, a FIFO or device with a YAML name. Each stays in
  the list of files and becomes that entry's problem when `read` gets to it, so the run
  cannot pass without having read everything it was asked to read.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from sicheck.errors import UsageError
from sicheck.i18n import Text, msg, os_reason
from sicheck.model import Location, Problem

STDIN = "-"
YAML_SUFFIXES = (".yaml", ".yml")
# Kernel interfaces that look like regular files: reading them may block or never end.
_SYSTEM_FOLDERS = ("/proc/", "/sys/")


def real_path(path: str | os.PathLike[str]) -> Path:
    """``Path.resolve()`` that never raises: a link loop resolves as far as it goes.

    Before Python 3.13, ``Path.resolve()`` raises RuntimeError on a link loop, and a folder
    scan lists loops (as problems) among the applications.
    """
    return Path(os.path.realpath(path))


def shown_name(path: str) -> str:
    """A file name as text: bytes that are not UTF-8 become visible escapes, never an error."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


# --- finding ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Scan:
    """What a folder scan has found so far, and the folders it has walked."""

    excluded: Callable[[str], bool] | None
    found: list[tuple[str, str]]
    # Real folders already walked: a link back to one of them is a loop (or a second name).
    folders: set[tuple[int, int]]


def _kind(mode: int) -> Text:
    if stat.S_ISFIFO(mode):
        return msg("kind-fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("kind-device")
    if stat.S_ISSOCK(mode):
        return msg("kind-socket")
    if stat.S_ISDIR(mode):
        return msg("kind-folder")
    return msg("kind-other")


def _system_file(path: str) -> bool:
    real = os.path.realpath(path)
    return real.startswith(_SYSTEM_FOLDERS) or real in ("/proc", "/sys")


def collect(
    paths: Sequence[str],
    *,
    excluded: Callable[[str], bool] | None = None,
    require_any: bool = True,
) -> list[tuple[str, str]]:
    """``(path to read, name to show)`` for every YAML file named or found below a folder.

    A named path that is missing, empty or not a regular file is a usage error. Inside a
    folder, anything with a YAML name that cannot be read stays in the list (see `read`),
    and so does an unreadable folder. ``excluded`` prunes files and whole folders.
    """
    scan = _Scan(excluded, [], set())
    matched = False
    for given in paths:
        if given == STDIN:
            scan.found.append((STDIN, "<stdin>"))
            matched = True
            continue
        info = _stat_named(given)
        if stat.S_ISDIR(info.st_mode):
            before = len(scan.found)
            if _walk(scan, given, info, ancestors=()):
                matched = True
            matched = matched or len(scan.found) > before
            continue
        _require_regular(given, info)
        matched = True
        if excluded is None or not excluded(given):
            scan.found.append((given, shown_name(given)))
    if require_any and not matched:
        raise UsageError(msg("no-files", paths=", ".join(shown_name(p) for p in paths)))
    # Sorted, without duplicates, so that runs are deterministic whatever the argument order.
    unique = dict.fromkeys(scan.found)
    return sorted(unique, key=lambda item: (item[0] == STDIN, item[1]))


def require_file(path: str) -> None:
    """Refuse, as `collect` does, a single file named on the command line that `read` would
    not read: missing, a dangling link or loop, a folder, a FIFO, a device, a ``/proc`` file."""
    _require_regular(path, _stat_named(path))


def _stat_named(path: str) -> os.stat_result:
    """``stat`` of a path named on the command line; a usage error saying why it has none."""
    if not path:
        raise UsageError(msg("path-empty"))
    try:
        return os.stat(path)
    except OSError as exc:
        raise UsageError(_named_problem(path, exc)) from None


def _require_regular(given: str, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode) or _system_file(given):
        kind = _kind(info.st_mode) if not stat.S_ISREG(info.st_mode) else msg("kind-system")
        raise UsageError(msg("path-not-regular", path=shown_name(given), kind=kind))


def _named_problem(given: str, exc: OSError) -> Text:
    name = shown_name(given)
    if exc.errno == errno.ELOOP:
        return msg("path-loop", path=name)
    if isinstance(exc, FileNotFoundError) and os.path.lexists(given):
        return msg("path-dangling", path=name)
    if isinstance(exc, FileNotFoundError):
        return msg("path-missing", path=name)
    return msg("path-unreadable", path=name, reason=os_reason(exc))


def _walk(scan: _Scan, folder: str, info: os.stat_result, ancestors: tuple[tuple[int, int], ...]) -> bool:
    """Add the YAML files below ``folder``; True if any file matched (excluded or not)."""
    node = (info.st_dev, info.st_ino)
    if node in ancestors:
        # A link back up the tree: reported, never followed round.
        scan.found.append((folder, shown_name(folder)))
        return True
    if node in scan.folders:
        return False  # the same folder under a second name: its files are already listed
    scan.folders.add(node)
    try:
        # Names only: a folder of ten thousand files held as entries with their stat
        # results would raise the peak memory of the whole run (workers start from it).
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError:
        # `read` says why when it gets to this entry.
        scan.found.append((folder, shown_name(folder)))
        return True
    matched = False
    for name in names:
        path = os.path.join(folder, name)
        if scan.excluded is not None and scan.excluded(path):
            matched = matched or name.endswith(YAML_SUFFIXES)
            continue
        try:
            target = os.stat(path)  # follows links
        except OSError:
            if name.endswith(YAML_SUFFIXES):
                scan.found.append((path, shown_name(path)))  # dangling link or loop
                matched = True
            continue
        if stat.S_ISDIR(target.st_mode):
            if _system_file(path):
                continue
            matched = _walk(scan, path, target, (*ancestors, node)) or matched
        elif name.endswith(YAML_SUFFIXES):
            # Regular or not: `read` refuses what is not a regular file, with a reason.
            scan.found.append((path, shown_name(path)))
            matched = True
    return matched


# --- reading ----------------------------------------------------------------------------


def _unreadable(message: Text) -> Problem:
    return Problem("error", "file-unreadable", message, Location("", 1, 1))


def _too_large(size: int, limit: int) -> Problem:
    return Problem("error", "too-large", msg("too-large", size=size, limit=limit), Location("", 1, 1))


def _regular(path: str) -> os.stat_result | Problem:
    """``stat`` of a regular file outside /proc and /sys, or why it is not read (never opened)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return _unreadable(_stat_problem(path, exc))
    if stat.S_ISDIR(info.st_mode):
        return _unreadable(_folder_problem(path))
    if not stat.S_ISREG(info.st_mode):
        return _unreadable(msg("file-not-regular", kind=_kind(info.st_mode)))
    if _system_file(path):
        return _unreadable(msg("file-not-regular", kind=msg("kind-system")))
    return info


def _read_regular(path: str, info: os.stat_result, size: int) -> bytes | Problem:
    """At most ``size`` bytes of the file ``info`` describes, opened without blocking and checked again."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return _unreadable(_stat_problem(path, exc))
    with open(fd, "rb") as handle:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            return _unreadable(msg("file-not-regular", kind=_kind(opened.st_mode)))
        try:
            # A buffer as large as the file (and one byte to see it grow), not as the
            # limit: a limit of 2 MB would cost every small application a 2 MB buffer.
            expected = min(size, opened.st_size + 1)
            data = handle.read(expected)
            if len(data) == expected < size:  # longer than its size said: read on, to the limit
                data += handle.read(size - expected)
            return data
        except OSError as exc:
            return _unreadable(msg("file-unreadable", reason=os_reason(exc)))


def read(path: str, limit: int) -> bytes | Problem:
    """The bytes of a regular file or stdin, or a problem saying why they cannot be read."""
    if path == STDIN:
        return _read_stdin(limit)
    info = _regular(path)
    if isinstance(info, Problem):
        return info
    if info.st_size > limit:
        return _too_large(info.st_size, limit)
    data = _read_regular(path, info, limit + 1)
    if isinstance(data, Problem):
        return data
    if len(data) > limit:
        return _too_large(max(len(data), info.st_size), limit)
    return data


def head(path: str, size: int) -> bytes | None:
    """The first ``size`` bytes of a file `read` would read; None for anything it refuses.

    For telling what kind of file it is (a review, a criteria set, a follow-up report)
    before it is checked: the same rules as `read`, so a FIFO, a device or a ``/proc``
    file behind a link is never opened.
    """
    info = _regular(path)
    if isinstance(info, Problem):
        return None
    data = _read_regular(path, info, size)
    return None if isinstance(data, Problem) else data


def _read_stdin(limit: int) -> bytes | Problem:
    stream = sys.stdin
    if stream is None:  # started with stdin closed
        return _unreadable(msg("stdin-closed"))
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError):
        info = None  # not a real file descriptor (a test harness): just read, within the limit
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size > limit:
        return _too_large(info.st_size, limit)
    try:
        data = stream.buffer.read(limit + 1)
    except (OSError, ValueError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else type(exc).__name__
        return _unreadable(msg("file-unreadable", reason=reason))
    if len(data) > limit:
        return Problem("error", "too-large", msg("too-large-stream", limit=limit), Location("", 1, 1))
    return data


def _stat_problem(path: str, exc: OSError) -> Text:
    if exc.errno == errno.ELOOP:
        return msg("file-link-loop")
    if isinstance(exc, FileNotFoundError):
        return msg("file-dangling-link") if os.path.lexists(path) else msg("file-not-found")
    return msg("file-unreadable", reason=os_reason(exc))


def _folder_problem(path: str) -> Text:
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return msg("folder-unreadable", reason=os_reason(exc))
    # Listed as an entry only when it led back up the tree.
    return msg("folder-loop")


# --- exclude patterns -------------------------------------------------------------------


class GlobError(ValueError):
    """A pattern that cannot be used, with the 1-based column in the pattern where it breaks."""

    def __init__(self, column: int, problem: Text) -> None:
        super().__init__(problem.en)
        self.column = column
        self.problem = problem


# One element of a folder-name pattern: a literal character, "?" (any one), or a character
# class (negated?, ranges); "*" (any run) is None.
_Item = tuple[str, object]
_Part = TypeVar("_Part")
_Element = TypeVar("_Element")


def _class_item(text: str, start: int) -> tuple[_Item, int] | None:
    """The class that opens at ``text[start]`` ("["), and the index after it; None if unclosed."""
    end = text.find("]", start + 2)
    if end < 0:
        return None
    body = text[start + 1 : end]
    negated = body.startswith(("!", "^"))
    if negated:
        body = body[1:]
    ranges: list[tuple[str, str]] = []
    i = 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            low, high = body[i], body[i + 2]
            if low > high:
                raise GlobError(start + 1 + int(negated) + i + 1, msg("glob-bad-range", low=low, high=high))
            ranges.append((low, high))
            i += 3
        else:
            ranges.append((body[i], body[i]))
            i += 1
    return ("class", (negated, tuple(ranges))), end + 1


def _segment(text: str, offset: int) -> tuple[_Item | None, ...]:
    items: list[_Item | None] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "*":
            if not items or items[-1] is not None:  # ** inside a name is one *
                items.append(None)
            i += 1
        elif char == "?":
            items.append(("any", None))
            i += 1
        elif char == "[" and (found := _class_item(text, i)) is not None:
            item, i = found
            items.append(item)
        else:
            items.append(("char", char))
            i += 1
    del offset
    return tuple(items)


def _item_matches(item: _Item, char: str) -> bool:
    kind, value = item
    if kind == "any":
        return True
    if kind == "char":
        return char == value
    negated, ranges = cast("tuple[bool, tuple[tuple[str, str], ...]]", value)
    inside = any(low <= char <= high for low, high in ranges)
    return inside is not negated


def _wildcard_matches(
    pattern: Sequence[_Part | None], subject: Sequence[_Element], matches: Callable[[_Part, _Element], bool]
) -> bool:
    """Wildcard matching without backtracking blow-up, None in ``pattern`` being the star (any
    run of ``subject``): on a mismatch, only the last star takes one more element, so the
    cost is at most len(pattern) x len(subject)."""
    i = j = 0
    star_part = -1
    star_element = 0
    while j < len(subject):
        part = pattern[i] if i < len(pattern) else None
        if i < len(pattern) and part is None:
            star_part, star_element = i, j
            i += 1
        elif part is not None and matches(part, subject[j]):
            i += 1
            j += 1
        elif star_part >= 0:
            star_element += 1
            i, j = star_part + 1, star_element
        else:
            return False
    while i < len(pattern) and pattern[i] is None:
        i += 1
    return i == len(pattern)


def _name_matches(items: tuple[_Item | None, ...], name: str) -> bool:
    """A folder or file name against one level of a pattern, a character at a time."""
    return _wildcard_matches(items, name, _item_matches)


@dataclass(frozen=True, slots=True)
class Glob:
    """A compiled exclude pattern: ``*``, ``?``, ``[abc]``, ``[!a-z]`` within a folder name,
    and ``**`` for any number of folders. Matching is a loop, not a regular expression, so
    no pattern can take exponential time (``[z-a]`` is refused when the pattern is read)."""

    pattern: str
    # One entry per folder level; None is "**".
    parts: tuple[tuple[_Item | None, ...] | None, ...]

    def fullmatch(self, path: str) -> bool:
        # The same loop as for names, with "**" as the star over folders.
        return _wildcard_matches(self.parts, path.split("/"), _name_matches)


def compile_glob(pattern: str) -> Glob:
    """A pattern relative to the configuration's folder; raises `GlobError` if it is broken."""
    text = pattern.strip().removeprefix("./").strip("/")
    lead = len(pattern) - len(pattern.lstrip())
    parts: list[tuple[_Item | None, ...] | None] = []
    offset = lead
    for name in text.split("/"):
        if name == "**":
            if not parts or parts[-1] is not None:
                parts.append(None)
        else:
            try:
                parts.append(_segment(name, offset))
            except GlobError as exc:
                raise GlobError(offset + exc.column, exc.problem) from None
        offset += len(name) + 1
    return Glob(pattern, tuple(parts))


__all__ = [
    "STDIN",
    "YAML_SUFFIXES",
    "Glob",
    "GlobError",
    "collect",
    "compile_glob",
    "head",
    "read",
    "real_path",
    "require_file",
    "shown_name",
]
