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
    from sicheck.runner import Outcome
    from sicheck.settings import CommandLine, RunContext, Settings
    from sicheck.writing import Output

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
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Skriv till fil. / Write to a file.")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="Ingen färg. / No colour.")]
StrictOption = Annotated[
    Optional[bool],
    typer.Option("--strict/--no-strict", help="Varningar fäller också. / Warnings fail too.", show_default=False),
]
ExitZeroOption = Annotated[bool, typer.Option("--exit-zero", help="Avsluta alltid med 0. / Always exit 0.")]


def run_context(
    lang: Lang | None,
    *,
    config_file: Path | None,
    no_config: bool,
    no_color: bool = False,
    output: Path | None = None,
    line: CommandLine | None = None,
) -> RunContext:
    """The one place a command resolves its settings: the command line over the
    configuration over the defaults, and the catalog of the criteria folders they name.

    The options every command has are arguments; a command's own ones come in ``line``.
    Colour and width follow where the output goes: a terminal gets colour (unless
    ``--no-color`` or ``NO_COLOR``) and its own width, a file neither."""
    from dataclasses import replace

    from sicheck.settings import CommandLine, build

    line = replace(
        line or CommandLine(),
        lang=lang.value if lang is not None else None,
        color=wants_color(no_color, output),
        width=width() if output is None else 100,
    )
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
        from sicheck.reading import require_file

        require_file(str(config_file))
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
    say(f"sicheck: {message}\n")
    return typer.Exit(code)


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def guarded(chunks: str | Iterable[str]) -> Iterator[str]:
    """Text for people, as the GitHub runner must see it: inside ``::stop-commands::``.

    The runner acts on any line that starts with ``::`` (after spaces) and on ``##[`` anywhere
    in a line. Application text can reach the start of a line when rich wraps a long title,
    so outside the ``github`` format nothing sicheck prints may be read as a command.
    """
    from sicheck.sanitize import stop_commands

    if not in_github_actions():
        yield from (chunks,) if isinstance(chunks, str) else chunks
        return
    begin, end = stop_commands()
    yield begin
    ended_line = True
    for chunk in (chunks,) if isinstance(chunks, str) else chunks:
        if chunk:
            ended_line = chunk.endswith("\n")
        yield chunk
    yield end if ended_line else "\n" + end


# How each output format writes "#" so that no "##[" reaches a log (None: text for people,
# guarded by stop-commands instead; github: its own annotations, escaped by the format).
LEGACY_SYNTAX = {
    "json": "json",
    "sarif": "json",
    "junit": "xml",
    "html": "xml",
    "markdown": "xml",
    "csv": "csv",
}


def for_the_log(chunks: str | Iterable[str], format_name: str, *, to_stdout: bool) -> Iterator[str]:
    """The output as it may reach a CI log: text for people inside stop-commands (in GitHub
    Actions, on stdout), every other format with no ``##[`` in it."""
    from sicheck.sanitize import without_legacy_commands

    pieces = (chunks,) if isinstance(chunks, str) else chunks
    syntax = LEGACY_SYNTAX.get(format_name)
    if syntax is not None:
        # A "##[" may be cut between two pieces: the "#"s that end a piece wait for the next.
        waiting = ""
        for piece in pieces:
            piece = waiting + piece
            end = len(piece.rstrip("#"))
            waiting = piece[end:]
            yield without_legacy_commands(piece[:end], syntax)
        yield waiting
    elif format_name in ("text", "table") and to_stdout:
        yield from guarded(pieces)
    else:
        yield from pieces


def say(text: str) -> None:
    """A message for people on stderr; never a workflow command in GitHub Actions."""
    stream = sys.stderr
    if stream is None:  # started with stderr closed: the exit code is all there is
        return
    with contextlib.suppress(OSError, ValueError):
        stream.write("".join(guarded(text)))
        stream.flush()


def wants_color(no_color: bool, output: Path | None) -> bool:
    if no_color or output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout is not None and sys.stdout.isatty()  # None: started with stdout closed


# Below this, wrapped text would be mostly indentation.
MIN_WIDTH = 40


def width() -> int:
    """The output width: the terminal's, else ``COLUMNS`` (piped output too), else 80."""
    import shutil

    # get_terminal_size reads COLUMNS first, then the terminal, then falls back to 80.
    return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)


def shown_name(path: str) -> str:
    """A file name as text: bytes that are not UTF-8 become visible escapes, never an error."""
    from sicheck.reading import shown_name as shown

    return shown(path)


def collect_files(
    paths: list[str], lang: str = "sv", *, excluded: Callable[[str], bool] | None = None
) -> list[tuple[str, str]]:
    """``(path to read, name to show)`` for every application, in a stable sorted order."""
    from sicheck.reading import collect

    return collect(paths, excluded=excluded)


def run_inputs(
    files: Iterable[tuple[str, str]] | Iterable[str],
    settings: Settings,
    *,
    reviews: Iterable[tuple[str, str]] = (),
    criteria: bool = True,
) -> list[str | Path]:
    """Every file a run reads: no output may be written onto one of them.

    That is ``files``, ``reviews`` and the configuration, and (with ``criteria``) the sets
    ``--criteria`` and the configuration name and every set in the criteria folders."""
    from sicheck.catalog import CriteriaCatalog
    from sicheck.criteria import looks_like_path

    found: list[str | Path] = [item if isinstance(item, str) else item[0] for item in files]
    found.extend(path for path, _ in reviews)
    if criteria:
        named = (settings.criteria, settings.config.criteria)
        found.extend(spec for spec in named if spec is not None and looks_like_path(spec))
        for versions in CriteriaCatalog(settings.criteria_dirs).available().values():
            found.extend(versions.values())
    if settings.config.file is not None:
        found.append(settings.config.file)
    return found


def write_output(
    chunks: str | Iterable[str],
    output: Output | Path | str | None,
    *,
    inputs: Iterable[str | Path] = (),
    format_name: str | None = None,
) -> None:
    """Write to stdout, or to ``output`` whole or not at all; never onto one of ``inputs``.

    ``output`` may be an `Output` made earlier (so a bad target failed before the run).
    With ``format_name``, the text is made safe for a CI log first (`for_the_log`).
    ``chunks`` may be a generator that checks files as it goes: nothing is held back.
    """
    from sicheck.writing import Output

    destination = output if isinstance(output, Output) else Output(output, inputs=inputs)
    if format_name is not None:
        chunks = for_the_log(chunks, format_name, to_stdout=destination.is_stdout)
    destination.write(chunks)


# A run shorter than this gets no progress bar: it would only flicker.
PROGRESS_AFTER_SECONDS = 1.0

Item = TypeVar("Item")


def progress_allowed() -> bool:
    """A progress bar only for a person at a terminal: never in CI, never when stderr is piped."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stderr is not None and sys.stderr.isatty()  # None: started with stderr closed


def progress(total: int, label: str) -> Callable[[Iterator[Outcome]], Iterator[Outcome]]:
    """Pass a run's outcomes through a progress bar that shows on a terminal once it is slow."""
    allowed = progress_allowed()
    return lambda checked: with_progress(checked, total, label, allowed=allowed)


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
