"""``sicheck schema``: print the application JSON Schema for editors and CI validators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from sicheck.commands.common import Lang, tool_errors, write_output


def schema(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Skriv till fil. / Write to a file.")] = None,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Språk för titlar och beskrivningar. / Language of titles and descriptions.")
    ] = Lang.sv,
) -> None:
    """Skriv ut ansökningsformatets JSON Schema. / Print the application format's JSON Schema."""
    from sicheck import schema_export

    with tool_errors(lang.value):
        write_output(schema_export.render(lang.value), output)


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)
