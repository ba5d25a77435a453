"""``sicheck new``: write a commented template to start a new application from.

The command picks what to generate, then `emit` decides where it goes: stdout, or a new
file that is never overwritten without ``--force``. Further kinds of template (a
reviewer's, for instance) add an option and a generator, and reuse `emit`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from sicheck.commands.common import (
    ConfigOption,
    CriteriaOption,
    LangOption,
    NoConfigOption,
    fail,
    run_context,
    run_inputs,
    say,
    tool_errors,
)

if TYPE_CHECKING:
    from sicheck.catalog import CriteriaCatalog
    from sicheck.criteria import CriteriaSet
    from sicheck.i18n import Text


def application_template(chosen: CriteriaSet, catalog: CriteriaCatalog, lang: str, output: Path | None) -> str:
    """The application template for the criteria set ``chosen``."""
    from sicheck import schema_export
    from sicheck.template import render_template

    return render_template(
        chosen,
        lang=lang,
        schema=schema_export.application_schema(lang),
        # Only a set that `criteria: id@version` finds again is named in the template.
        criteria_field=chosen.key if catalog.names(chosen) else None,
        file_name=output.name if output is not None else None,
    )


def emit(
    text: str,
    output: Path | None,
    *,
    force: bool,
    lang: str,
    written: Text | None = None,
    inputs: tuple[str | Path, ...] = (),
) -> None:
    """Print the template, or write it to ``output``: refused (exit 1) if it exists, unless ``force``.

    ``written`` is what to say once the file is written (by default: check it with ``check``).
    The template never lands on one of ``inputs`` (the application it is for, say).
    """
    from sicheck.i18n import msg
    from sicheck.writing import Output, shown

    destination = Output(output, inputs=inputs, overwrite=force)
    if destination.is_stdout:
        destination.write(text)
        return
    if not destination.write(text):
        raise fail(msg("new-exists", path=shown(str(output))).get(lang), code=1)
    say((written or msg("new-written", path=shown(str(output)))).get(lang) + "\n")


def new(
    file: Annotated[
        Optional[Path],
        typer.Argument(
            metavar="[FILE]",
            help="Ny fil att skriva mallen till (som -o). / New file to write the template to (as -o).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Skriv till en ny fil. / Write to a new file."),
    ] = None,
    criteria: CriteriaOption = None,
    lang: LangOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Skriv över en befintlig fil. / Overwrite an existing file.")
    ] = False,
    followup: Annotated[
        Optional[Path],
        typer.Option(
            "--followup",
            help="Skriv en mall för en uppföljningsrapport för den här ansökan. / "
            "Write a follow-up report template for this application.",
        ),
    ] = None,
    review: Annotated[
        Optional[Path],
        typer.Option(
            "--review",
            help="Skriv en granskningsmall för den här ansökan. / Write a review template for this application.",
        ),
    ] = None,
    config_file: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Skriv en kommenterad mall för en ny ansökan. / Write a commented template for a new application."""
    from sicheck.checker import CheckOptions
    from sicheck.settings import CommandLine

    context = run_context(lang, config_file=config_file, no_config=no_config, line=CommandLine(criteria=criteria))
    lang_code = context.lang
    with tool_errors(lang_code):
        if file is not None and output is not None and file != output:
            from sicheck.errors import UsageError
            from sicheck.i18n import msg

            raise UsageError(msg("new-two-files", file=str(file), output=str(output)))
        # `sicheck new ansokan.yaml` is what people type; it means the same as -o.
        output = output or file
        written = None
        if followup is not None:
            from sicheck.followup.template import followup_template
            from sicheck.i18n import msg
            from sicheck.reading import require_file

            require_file(str(followup))
            text = followup_template(followup, lang_code, file_name=str(output) if output else None)
            written = msg("new-written-followup", path=str(output), application=str(followup))
        elif review is not None:
            from sicheck.i18n import msg
            from sicheck.reading import require_file
            from sicheck.reviews.template import review_template

            require_file(str(review))
            # The application's own criteria set unless --criteria says otherwise, found
            # in the configured criteria folders too.
            options = CheckOptions.of(context.settings, context.catalog)
            text = review_template(review, options, lang_code, review_file=output)
            # What checks a review is `check` on its application with --reviews, never `check`
            # on the review file itself (that reads it as an application).
            written = msg("new-review-written", path=_quoted(output), application=_quoted(review)) if output else None
        else:
            # DESIGN section 2: --criteria, else the repository configuration, else the newest vgr.
            chosen = context.catalog.load(context.settings.criteria or context.settings.default_criteria)
            text = application_template(chosen, context.catalog, lang_code, output)
        named = [str(path) for path in (review, followup) if path is not None]
        inputs = run_inputs(named, context.settings)
        emit(text, output, force=force, lang=lang_code, written=written, inputs=tuple(inputs))


def _quoted(path: Path | None) -> str:
    import shlex

    return shlex.quote(str(path))


def register(app: typer.Typer) -> None:
    app.command("new")(new)
