"""``sicheck followup``: hold a funded project's follow-up reports against its application."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from sicheck import __version__
from sicheck.commands.common import Lang, for_the_log, run_inputs, tool_errors, wants_color, width
from sicheck.followup import FORMATS

# The --format choices come from the follow-up's own registry of renderers.
FollowupFormat = StrEnum("FollowupFormat", {name: name for name in FORMATS})  # type: ignore[misc]
DEFAULT_FORMAT = FollowupFormat("text")


def followup(
    application: Annotated[
        Path, typer.Argument(help="Den beviljade ansökan. / The funded application.", show_default=False)
    ],
    reports: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="Uppföljningsrapporter: filer eller mappar. / Follow-up reports: files or folders (recursive).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        FollowupFormat, typer.Option("--format", "-f", help="Utdataformat. / Output format.")
    ] = DEFAULT_FORMAT,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Skriv till fil. / Write to a file.")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Språk. / Language.")] = Lang.sv,
    strict: Annotated[bool, typer.Option("--strict", help="Varningar fäller också. / Warnings fail too.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Avsluta alltid med 0. / Always exit 0.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Ingen färg. / No colour.")] = False,
) -> None:
    """Följ upp ett beviljat projekt mot ansökan. / Follow up a funded project against its application.

    Slutkod 0: inga brister; 1: minst en brist (med --strict även en varning); 2: fel
    användning. / Exit code 0: no gaps; 1: at least one gap (with --strict also a warning);
    2: usage error.
    """
    from sicheck.errors import UsageError
    from sicheck.i18n import msg

    lang_code = lang.value
    with tool_errors(lang_code):
        if not application.is_file():
            raise UsageError(msg("path-missing", path=str(application)))
        from sicheck.followup.load import followup_files
        from sicheck.reading import shown_name
        from sicheck.writing import Output

        report_sources = followup_files(reports) if reports else []
        destination = Output(output, inputs=run_inputs([str(application)], reviews=report_sources))
        run = build_run([(str(application), shown_name(str(application)))], reports or [], strict=strict)
        text = render_run(run, output_format.value, lang_code, no_color=no_color, output=output)
        destination.write(for_the_log(text, output_format.value, to_stdout=destination.is_stdout))
    failed = any(r.fails(strict=strict) for r in run.followups)
    raise typer.Exit(0 if exit_zero or not failed else 1)


def build_run(applications: list[tuple[str, str]], report_paths: list[str], *, strict: bool = False):  # type: ignore[no-untyped-def]
    """Load every report below ``report_paths`` and follow up each application with its reports."""
    from sicheck.followup.analysis import follow_up
    from sicheck.followup.load import followup_files, load_followup
    from sicheck.followup.model import FollowupRun

    loaded = [load_followup(path, shown) for path, shown in followup_files(report_paths)] if report_paths else []
    results = tuple(follow_up(path, loaded, shown=shown) for path, shown in applications)
    return FollowupRun(results, __version__, strict=strict)


def render_run(run, format_name: str, lang: str, *, no_color: bool, output: Path | None) -> str:  # type: ignore[no-untyped-def]
    from sicheck.followup import render

    return render(
        format_name,
        run,
        lang=lang,
        color=wants_color(no_color, output),
        width=width() if output is None else 100,
        terminal=output is None and sys.stdout.isatty(),
    )


def register(app: typer.Typer) -> None:
    app.command("followup")(followup)
