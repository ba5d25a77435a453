"""What the commands share: the language option, file collection, output and tool errors."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional, TypeVar

import typer

# --criteria means the same wherever it appears: the set to use for every file.
CriteriaOption = Annotated[
    Optional[str],
    typer.Option("--criteria", "-c", help="Kriterier: id, id@version eller fil. / Criteria: id, id@version or file."),
]


class Lang(StrEnum):
    sv = "sv"
    en = "en"


@contextlib.contextmanager
def tool_errors(lang: str) -> Iterator[None]:
    """Turn sicheck's own errors (options, configuration, criteria files) into exit code 2."""
    from sicheck.errors import SicheckError

    try:
        yield
    except SicheckError as exc:
        raise fail(exc.message.get(lang)) from None


def fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"sicheck: {message}\n")
    return typer.Exit(code)


def wants_color(no_color: bool, output: Path | None) -> bool:
    if no_color or output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


# Below this, wrapped text would be mostly indentation.
MIN_WIDTH = 40


def width() -> int:
    """The output width: the terminal's, else ``COLUMNS`` (piped output too), else 80."""
    import shutil

    # get_terminal_size reads COLUMNS first, then the terminal, then falls back to 80.
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def shown_name(path: str) -> str:
    """A file name as text: bytes that are not UTF-8 become visible escapes, never an error."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def collect_files(paths: list[str], lang: str) -> list[tuple[str, str]]:
    """``(path to read, name to show)`` for every application, in a stable sorted order."""
    from sicheck.errors import UsageError
    from sicheck.i18n import msg

    found: list[tuple[str, str]] = []
    for given in paths:
        if given == "-":
            found.append(("-", "<stdin>"))
            continue
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            found.extend((str(p), shown_name(str(p))) for p in files)
        elif path.exists():
            found.append((given, shown_name(given)))
        else:
            raise UsageError(msg("path-missing", path=given))
    if not found:
        raise UsageError(msg("no-files", paths=", ".join(paths)))
    # Sorted, without duplicates, so that runs are deterministic whatever the argument order.
    unique = dict.fromkeys(found)
    return sorted(unique, key=lambda item: (item[0] == "-", item[1]))


def write_output(chunks: str | Iterable[str], output: Path | None) -> None:
    """Write to stdout, or to ``output`` whole or not at all (a temporary file, then rename).

    ``chunks`` may be a generator that checks files as it goes: nothing is held back.
    """
    if isinstance(chunks, str):
        chunks = (chunks,)
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    import tempfile

    from sicheck.errors import UsageError
    from sicheck.i18n import msg

    target = output.resolve()
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UsageError(msg("output-failed", path=str(output), reason=exc.strerror or str(exc))) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(temporary, target)
    except BaseException as exc:
        # Interrupted or failed: the target is left as it was, and no partial file remains.
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise UsageError(msg("output-failed", path=str(output), reason=exc.strerror or str(exc))) from None
        raise


# A run shorter than this gets no progress bar: it would only flicker.
PROGRESS_AFTER_SECONDS = 1.0

Item = TypeVar("Item")


def progress_allowed() -> bool:
    """A progress bar only for a person at a terminal: never in CI, never when stderr is piped."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stderr.isatty()


def with_progress(
    items: Iterable[Item],
    total: int,
    label: str,
    *,
    allowed: bool,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[Item]:
    """Pass ``items`` through, with a transient progress bar on stderr once the run has
    taken longer than `PROGRESS_AFTER_SECONDS` (and ``allowed``)."""
    started = clock()
    progress = None
    task = None
    try:
        for done, item in enumerate(items, 1):
            if progress is None and allowed and done < total and clock() - started > PROGRESS_AFTER_SECONDS:
                from rich.console import Console
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

                console = Console(stderr=True, highlight=False, emoji=False, markup=False)
                progress = Progress(
                    TextColumn(label),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeRemainingColumn(),
                    console=console,
                    transient=True,
                )
                progress.start()
                task = progress.add_task(label, total=total, completed=done - 1)
            if progress is not None and task is not None:
                progress.advance(task)
            yield item
    finally:
        if progress is not None:
            progress.stop()
