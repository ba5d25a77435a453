"""The command line: parse options, hand them to the core, write what the renderers return.

Only this module prints or exits. Imports of the core sit inside the commands, so
``sicheck --version`` and ``--help`` load typer and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from sicheck import __version__

if TYPE_CHECKING:
    from sicheck.checker import CheckOptions
    from sicheck.model import ApplicationResult

app = typer.Typer(
    name="sicheck",
    help="Granska ansökningar om sociala investeringsmedel mot en finansiärs kriterier. / "
    "Screen applications for social investment funds against a funder's criteria.",
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, Enum):
    sv = "sv"
    en = "en"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sicheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen. / Show the version."),
    ] = False,
) -> None:
    """Granska ansökningar om sociala investeringsmedel. / Screen social investment fund applications."""


def _fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"sicheck: {message}\n")
    return typer.Exit(code)


def _wants_color(no_color: bool, output: Path | None) -> bool:
    if no_color or output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _width() -> int:
    if sys.stdout.isatty():
        import shutil

        return max(60, shutil.get_terminal_size((100, 24)).columns)
    return 100


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
            found.extend((str(p), str(p)) for p in files)
        elif path.exists():
            found.append((given, given))
        else:
            raise UsageError(msg("path-missing", path=given))
    if not found:
        raise UsageError(msg("no-files", paths=", ".join(paths)))
    # Sorted, without duplicates, so that runs are deterministic whatever the argument order.
    unique = dict.fromkeys(found)
    return sorted(unique, key=lambda item: (item[0] == "-", item[1]))


def write_output(text: str, output: Path | None) -> None:
    """Write to stdout, or to ``output`` whole or not at all (a temporary file, then rename)."""
    if output is None:
        sys.stdout.write(text)
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
            handle.write(text)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise UsageError(msg("output-failed", path=str(output), reason=exc.strerror or str(exc))) from None
        raise


def exit_code(results: list[ApplicationResult], *, fail_under: float | None, strict: bool, exit_zero: bool) -> int:
    if exit_zero:
        return 0
    for result in results:
        if result.verdict != "eligible":
            return 1
        if fail_under is not None and (result.score is None or result.score < fail_under):
            return 1
        if strict and result.has_warnings:
            return 1
    return 0


def run_check(files: list[tuple[str, str]], options: CheckOptions) -> list[ApplicationResult]:
    from sicheck.checker import check_path

    return [check_path(path, options, shown) for path, shown in files]


@app.command()
def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Filer, mappar (rekursivt) eller - för stdin. / Files, folders (recursive) or - for stdin."
        ),
    ],
    criteria: Annotated[
        Optional[str],
        typer.Option(
            "--criteria",
            "-c",
            help="Kriterier: id, id@version eller fil. / Criteria: id, id@version or file.",
        ),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Utdataformat. / Output format.")
    ] = CheckFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Skriv till fil. / Write to a file.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Språk. / Language.")] = Lang.sv,
    fail_under: Annotated[
        Optional[float],
        typer.Option("--fail-under", min=0, max=100, help="Lägsta poäng i procent. / Lowest passing score, percent."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Varningar fäller också. / Warnings fail too.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Avsluta alltid med 0. / Always exit 0.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Ingen färg. / No colour.")] = False,
    max_file_size: Annotated[
        Optional[int], typer.Option("--max-file-size", min=1, help="Största filstorlek i byte. / Largest file, bytes.")
    ] = None,
    max_depth: Annotated[
        Optional[int], typer.Option("--max-depth", min=1, max=200, help="Största nästlingsdjup. / Deepest nesting.")
    ] = None,
    max_aliases: Annotated[
        Optional[int], typer.Option("--max-aliases", min=0, help="Flest YAML-alias. / Most YAML aliases.")
    ] = None,
    max_nodes: Annotated[
        Optional[int], typer.Option("--max-nodes", min=1, help="Flest värden i en fil. / Most values in a file.")
    ] = None,
) -> None:
    """Granska ansökningar. / Check applications."""
    from dataclasses import replace

    from sicheck import criteria as criteria_sets
    from sicheck.checker import CheckOptions
    from sicheck.errors import SicheckError
    from sicheck.loader import Limits
    from sicheck.model import Report, RunSummary
    from sicheck.render import render

    lang_code = lang.value
    try:
        limits = Limits()
        overrides = {
            "max_file_size": max_file_size,
            "max_depth": max_depth,
            "max_aliases": max_aliases,
            "max_nodes": max_nodes,
        }
        limits = replace(limits, **{k: v for k, v in overrides.items() if v is not None})
        if criteria is not None:
            criteria_sets.load(criteria)  # an unknown or broken set is a usage error, before any file
        options = CheckOptions(criteria=criteria, limits=limits)
        files = collect_files(paths, lang_code)
        results = run_check(files, options)
        summary = RunSummary()
        for result in results:
            under = fail_under is not None and (result.score is None or result.score < fail_under)
            summary = summary.add(result, under_threshold=under)
        report = Report(
            results=tuple(results),
            summary=summary,
            version=__version__,
            options={"fail_under": fail_under, "strict": strict},
        )
        text = render(
            output_format.value,
            report,
            lang=lang_code,
            color=_wants_color(no_color, output),
            width=_width() if output is None else 100,
        )
        write_output(text, output)
    except SicheckError as exc:
        raise _fail(exc.message.get(lang_code)) from None
    raise typer.Exit(exit_code(results, fail_under=fail_under, strict=strict, exit_zero=exit_zero))


def main() -> None:
    """Console-script entry point."""
    # Never fail on a terminal that cannot show a character; show a replacement instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")
    app()
