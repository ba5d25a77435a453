"""``sicheck check``: screen applications and report verdicts, scores and gaps."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from sicheck import __version__
from sicheck.commands.common import Lang, collect_files, tool_errors, wants_color, width, write_output
from sicheck.render import FORMATS

if TYPE_CHECKING:
    from sicheck.checker import CheckOptions
    from sicheck.model import ApplicationResult


# The --format choices come from the one registry of renderers.
CheckFormat = StrEnum("CheckFormat", {name: name for name in FORMATS})  # type: ignore[misc]
DEFAULT_FORMAT = CheckFormat("text")


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
    ] = DEFAULT_FORMAT,
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
    from sicheck.loader import Limits
    from sicheck.model import Report, RunSummary
    from sicheck.render import render

    lang_code = lang.value
    with tool_errors(lang_code):
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
            color=wants_color(no_color, output),
            width=width() if output is None else 100,
        )
        write_output(text, output)
    raise typer.Exit(exit_code(results, fail_under=fail_under, strict=strict, exit_zero=exit_zero))


def register(app: typer.Typer) -> None:
    app.command("check")(check)
