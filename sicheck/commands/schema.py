"""``sicheck schema``: print the application JSON Schema for editors and CI validators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from sicheck.commands.common import Lang, run_inputs, tool_errors, write_output
from sicheck.commands.criteria import language, repository_config


def schema(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Skriv till fil. / Write to a file.")] = None,
    lang: Annotated[
        Optional[Lang],
        typer.Option(
            "--lang",
            help="Språk för titlar och beskrivningar (standard sv). / Language of titles, descriptions (default sv).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Skriv ut ansökningsformatets JSON Schema. / Print the application format's JSON Schema."""
    from sicheck import schema_export

    with tool_errors(language(lang)):
        settings = repository_config()
        lang_code = language(lang, settings)
        write_output(schema_export.render(lang_code), output, inputs=run_inputs([], config=settings.file))


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
