"""What the commands share: the language option, file collection, output and tool errors."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer

if TYPE_CHECKING:
    from sicheck.config import Config
    from sicheck.settings import CommandLine, RunContext, Settings

# --criteria means the same wherever it appears: the set to use for every file.
CriteriaOption = Annotated[
    Optional[str],
    typer.Option("--criteria", "-c", help="Kriterier: id, id@version eller fil. / Criteria: id, id@version or file."),
]


class Lang(StrEnum):
    sv = "sv"
    en = "en"


LangOption = Annotated[
    Optional[Lang], typer.Option("--lang", help="Språk (standard sv). / Language (default sv).", show_default=False)
]
ConfigOption = Annotated[
    Optional[Path],
    typer.Option(
        "--config",
        help="Konfigurationsfil i stället för den som hittas uppåt från arbetskatalogen. / "
        "Configuration file instead of the one found upward from the working directory.",
    ),
]
NoConfigOption = Annotated[
    bool, typer.Option("--no-config", help="Läs ingen konfigurationsfil. / Read no configuration file.")
]


def run_context(
    line: CommandLine,
    *,
    config_file: Path | None = None,
    no_config: bool = False,
    no_color: bool = False,
    output: Path | None = None,
) -> RunContext:
    """The one place a command resolves its settings: the command line over the
    configuration over the defaults, and the catalog of the criteria folders they name.

    Colour and width follow where the output goes: a terminal gets colour (unless
    ``--no-color`` or ``NO_COLOR``) and its own width, a file neither."""
    from dataclasses import replace

    from sicheck.settings import build

    line = replace(line, color=wants_color(no_color, output), width=width() if output is None else 100)
    with tool_errors(line.lang or "sv"):
        config = configuration(config_file, no_config)
    with tool_errors(line.lang or config.lang or "sv"):
        return build(line, config)


def configuration(config_file: Path | None, no_config: bool) -> Config:
    """The repository configuration: the one named, none, or the nearest upward."""
    from sicheck import config
    from sicheck.errors import UsageError
    from sicheck.i18n import msg

    if config_file is not None and no_config:
        raise UsageError(msg("config-and-no-config"))
    if no_config:
        return config.Config()
    if config_file is not None:
        if not config_file.is_file():
            raise UsageError(msg("path-missing", path=str(config_file)))
        return config.load(config_file)
    return config.discover(Path.cwd())


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
    from sicheck.i18n import msg, os_reason

    target = output.resolve()
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UsageError(msg("output-failed", path=str(output), reason=os_reason(exc))) from None
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
            raise UsageError(msg("output-failed", path=str(output), reason=os_reason(exc))) from None
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


def source_root(start: Path | None = None) -> Path:
    """The repository root that CI paths are relative to: git's top level, else ``start``.

    Code scanning and annotations resolve a relative path against the repository root, not
    against a job's ``working-directory``. The folder holding ``.git`` (a folder, or a file
    in a worktree or submodule) is found by walking upward, without running git.
    """
    folder = (start or Path.cwd()).absolute()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def applications_only(
    files: list[tuple[str, str]], paths: list[str] | None, settings: Settings
) -> list[tuple[str, str]]:
    """The applications among ``files``; the others are skipped, and a line on stderr says so.

    `check` and `report` both skip review files, criteria sets and configuration found among
    the applications (a reviews folder inside the applications folder, for instance).
    """
    import sys

    from sicheck.i18n import msg
    from sicheck.selection import REASONS, select

    selection = select(files, settings.config, named=[p for p in paths or [] if not Path(p).is_dir()])
    if selection.skipped:
        reasons = ", ".join(
            f"{msg(f'skipped-{reason}').get(settings.lang)}: {selection.skipped[reason]}"
            for reason in REASONS
            if selection.skipped[reason]
        )
        count = sum(selection.skipped.values())
        sys.stderr.write(f"sicheck: {msg('skipped', count=count, reasons=reasons).get(settings.lang)}\n")
    return selection.applications
