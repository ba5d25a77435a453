"""``sicheck schema``: print the application JSON Schema for editors and CI validators."""

from __future__ import annotations

from typing import Annotated

import typer

from sicheck.commands.common import (
    ConfigOption,
    LangOption,
    NoConfigOption,
    OutputOption,
    run_context,
    run_inputs,
    tool_errors,
    write_output,
)


def schema(
    output: OutputOption = None,
    lang: LangOption = None,
    config_file: ConfigOption = None,
    no_config: NoConfigOption = False,
    followup: Annotated[
        bool,
        typer.Option(
            "--followup",
            help="Uppföljningsrapporternas schema i stället. / The follow-up reports' schema instead.",
        ),
    ] = False,
) -> None:
    """Skriv ut ansökningsformatets JSON Schema. / Print the application format's JSON Schema.

    Med --followup: uppföljningsrapporternas. / With --followup: the follow-up reports'.
    """
    from sicheck import schema_export

    context = run_context(lang, config_file=config_file, no_config=no_config)
    with tool_errors(context.lang):
        inputs = run_inputs([], context.settings, criteria=False)
        write_output(schema_export.render(context.lang, followup=followup), output, inputs=inputs)


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
