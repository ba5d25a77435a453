"""``sicheck followup``: hold a funded project's follow-up reports against its application."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from sicheck import __version__
from sicheck.commands.common import (
    ConfigOption,
    ExitZeroOption,
    LangOption,
    NoColorOption,
    NoConfigOption,
    OutputOption,
    StrictOption,
    run_context,
    run_inputs,
    shown_name,
    tool_errors,
    write_output,
)
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
    output: OutputOption = None,
    lang: LangOption = None,
    strict: StrictOption = None,
    exit_zero: ExitZeroOption = False,
    no_color: NoColorOption = False,
    config_file: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Följ upp ett beviljat projekt mot ansökan. / Follow up a funded project against its application.

    Slutkod 0: inga brister; 1: minst en brist (med --strict även en varning); 2: fel
    användning. / Exit code 0: no gaps; 1: at least one gap (with --strict also a warning);
    2: usage error.
    """
    from sicheck.followup.analysis import follow_up
    from sicheck.followup.load import followup_files, load_followup
    from sicheck.followup.model import FollowupRun
    from sicheck.reading import require_file
    from sicheck.settings import CommandLine
    from sicheck.writing import Output

    line = CommandLine(strict=strict, exit_zero=exit_zero)
    context = run_context(
        lang, config_file=config_file, no_config=no_config, no_color=no_color, output=output, line=line
    )
    settings = context.settings
    with tool_errors(settings.lang):
        require_file(str(application))
        sources = followup_files(reports) if reports else []
        destination = Output(output, inputs=run_inputs([str(application)], settings, reviews=sources, criteria=False))
        loaded = [load_followup(path, shown) for path, shown in sources]
        result = follow_up(str(application), loaded, shown=shown_name(str(application)), limits=settings.limits)
        terminal = output is None and sys.stdout is not None and sys.stdout.isatty()
        run = FollowupRun((result,), __version__, strict=context.policy.strict, sparklines=terminal)
        text = FORMATS.render(output_format.value, run, lang=settings.lang, color=settings.color, width=settings.width)
        write_output(text, destination, format_name=output_format.value)
    raise typer.Exit(context.policy.exit_code(run.failed))


def register(app: typer.Typer) -> None:
    app.command("followup")(followup)
