"""Write sicheck's output: to stdout, into a device or FIFO as it is, or to a file whole or not at all.

Every file sicheck writes (``-o`` of every command, templates) goes through `Output`:

- ``None`` or ``-`` is standard output.
- A target that resolves to one of the run's inputs (an application, a review, a criteria
  or configuration file), by path or by ``(st_dev, st_ino)``, is refused before anything
  is read: sicheck never writes to an application.
- A target that exists and is not a regular file (``/dev/null``, a FIFO, ``/dev/stdout``)
  is written into directly. Renaming over it would replace a device node with a regular
  file, which as root breaks the machine.
- A regular file is written to a temporary file with a short name in the same folder and
  then renamed into place, so readers see the old file or the new one, never half of it.
  The new file gets the mode the umask gives (``mkstemp`` alone would make it 0600). The
  temporary file is removed on any error, on Ctrl-C and on SIGTERM.
- With ``overwrite=False`` an existing target is left alone (``sicheck new``): the
  temporary file is hard-linked into place, and a link never replaces anything.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType

from sicheck.errors import UsageError
from sicheck.i18n import msg, os_reason

STDOUT = "-"
# Short, so that a long target name never makes the temporary name too long for the folder.
_TEMP_PREFIX = ".sicheck-"
_TEMP_SUFFIX = ".tmp"
# Paths that name file descriptors or kernel objects: written through, never renamed over.
_PASS_THROUGH = ("/dev/", "/proc/")


class Terminated(SystemExit):
    """SIGTERM while writing: unwinds like Ctrl-C so the temporary file is removed."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


@contextlib.contextmanager
def _terminate_by_exception() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: signals cannot be caught here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _failed(target: str | Path, exc: OSError) -> UsageError:
    return UsageError(msg("output-failed", path=shown(target), reason=os_reason(exc)))


def shown(path: str | Path) -> str:
    """A path as text: bytes that are not UTF-8 become visible escapes, never an error."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def input_identities(paths: Iterable[str | Path]) -> tuple[set[str], set[tuple[int, int]]]:
    """Resolved paths and ``(st_dev, st_ino)`` of the inputs that exist (``-`` is stdin)."""
    resolved: set[str] = set()
    nodes: set[tuple[int, int]] = set()
    for path in paths:
        try:
            if str(path) == STDOUT:
                info = os.fstat(0)
            else:
                resolved.add(os.path.realpath(path))
                info = os.stat(path)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(info.st_mode):
            nodes.add((info.st_dev, info.st_ino))
    return resolved, nodes


def _chunks(text: str | Iterable[str]) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def _close(chunks: Iterable[str]) -> None:
    # A generator that checks files as it goes holds a process pool: stop it now.
    close = getattr(chunks, "close", None)
    if close is not None:
        close()


class Output:
    """Where a command's text goes; checked when made, so a bad target fails before the run."""

    def __init__(self, target: str | Path | None, *, inputs: Iterable[str | Path] = (), overwrite: bool = True) -> None:
        self.target = None if target is None or str(target) == STDOUT else Path(target)
        self.overwrite = overwrite
        if self.target is not None:
            self._refuse_inputs(self.target, inputs)

    @property
    def is_stdout(self) -> bool:
        return self.target is None

    def _refuse_inputs(self, target: Path, inputs: Iterable[str | Path]) -> None:
        try:
            info: os.stat_result | None = os.stat(target)
        except (OSError, ValueError):
            info = None
        paths, nodes = input_identities(inputs)
        resolved = os.path.realpath(target)
        if resolved in paths or (info is not None and (info.st_dev, info.st_ino) in nodes):
            raise UsageError(msg("output-is-input", path=shown(target)))

    def write(self, text: str | Iterable[str]) -> bool:
        """Write everything; False (and nothing written) when the target exists and may not be replaced."""
        chunks = _chunks(text)
        try:
            if self.target is None:
                _to_stdout(chunks)
                return True
            return self._to_file(self.target, chunks)
        finally:
            _close(chunks)

    def _to_file(self, target: Path, chunks: Iterable[str]) -> bool:
        if not self.overwrite and os.path.lexists(target):
            return False
        try:
            info: os.stat_result | None = os.stat(target)
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise _failed(target, exc) from None
        absolute = os.path.abspath(target)
        if (info is not None and not stat.S_ISREG(info.st_mode)) or absolute.startswith(_PASS_THROUGH):
            if info is not None and stat.S_ISDIR(info.st_mode):
                raise UsageError(
                    msg(
                        "output-failed",
                        path=shown(target),
                        reason=os_reason(IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))),
                    )
                )
            _into_special(target, chunks)
            return True
        # Through a symbolic link, the file it points to is replaced and the link kept.
        return _replace_regular(Path(os.path.realpath(target)), chunks, display=target, overwrite=self.overwrite)


def _to_stdout(chunks: Iterable[str]) -> None:
    stream = sys.stdout
    if stream is None:  # started with standard output closed
        raise UsageError(msg("stdout-closed"))
    for chunk in chunks:
        stream.write(chunk)
    stream.flush()


def _into_special(target: Path, chunks: Iterable[str]) -> None:
    try:
        with open(target, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
    except OSError as exc:
        raise _failed(target, exc) from None


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block ends: a temporary file made inside it is
    known (and so removed) before either can stop the run."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):  # no signal masks on this platform
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _replace_regular(target: Path, chunks: Iterable[str], *, display: Path, overwrite: bool) -> bool:
    temporary: str | None = None
    with _terminate_by_exception():
        try:
            try:
                # A signal between creating the file and knowing its name would leave it behind.
                with _signals_held():
                    fd, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=target.parent)
            except OSError as exc:
                raise _failed(display, exc) from None
            os.fchmod(fd, 0o666 & ~_umask())
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
                for chunk in chunks:
                    handle.write(chunk)
            if overwrite:
                os.replace(temporary, target)
                return True
            return _link_new(temporary, target)
        except OSError as exc:
            raise _failed(display, exc) from None
        finally:
            # Renamed: nothing left. Linked, failed, interrupted or terminated: remove it.
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def _link_new(temporary: str, target: Path) -> bool:
    """Put ``temporary`` at ``target`` only if nothing is there; False if something is."""
    try:
        os.link(temporary, target)
        return True
    except FileExistsError:
        return False
    except OSError:
        # No hard links on this file system: exclusive creation still never overwrites.
        try:
            with open(temporary, "rb") as source, open(target, "xb") as handle:
                handle.write(source.read())
            return True
        except FileExistsError:
            return False


__all__ = ["STDOUT", "Output", "Terminated", "input_identities", "shown"]
