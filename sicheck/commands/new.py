"""``sicheck new``: write a commented template to start a new application from.

The command picks what to generate, then `emit` decides where it goes: stdout, or a new
file that is never overwritten without ``--force``. Further kinds of template (a
reviewer's, for instance) add an option and a generator, and reuse `emit`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from sicheck.commands.common import fail, run_inputs, say, tool_errors
from sicheck.commands.criteria import LangOption, language, repository_config


def application_template(spec: str, lang: str, output: Path | None, dirs: tuple[Path, ...] = ()) -> str:
    """The application template for the criteria set ``spec``, found also in ``dirs``."""
    from sicheck import criteria as criteria_sets
    from sicheck import schema_export
    from sicheck.template import render_template

    chosen = criteria_sets.load(spec, dirs)
    return render_template(
        chosen,
        lang=lang,
        schema=schema_export.application_schema(lang),
        schema_id=schema_export.schema_id(),
        criteria_field=chosen.key if _nameable(chosen.key, chosen.file, dirs) else None,
        file_name=output.name if output is not None else None,
    )


def _nameable(key: str, file: str, dirs: tuple[Path, ...]) -> bool:
    """Whether an application's ``criteria: id@version`` finds this very file."""
    from sicheck import criteria as criteria_sets
    from sicheck.errors import UnknownCriteriaError

    try:
        return criteria_sets.resolve_path(key, dirs).resolve() == Path(file).resolve()
    except UnknownCriteriaError:
        return False


def emit(text: str, output: Path | None, *, force: bool, lang: str, inputs: tuple[str | Path, ...] = ()) -> None:
    """Print the template, or write it to ``output``: refused (exit 1) if it exists, unless ``force``."""
    from sicheck.i18n import msg
    from sicheck.writing import Output, shown

    destination = Output(output, inputs=inputs, overwrite=force)
    if destination.is_stdout:
        destination.write(text)
        return
    if not destination.write(text):
        raise fail(msg("new-exists", path=shown(str(output))).get(lang), code=1)
    say(msg("new-written", path=shown(str(output))).get(lang) + "\n")


def new(
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Skriv till en ny fil. / Write to a new file."),
    ] = None,
    criteria: Annotated[
        Optional[str],
        typer.Option(
            "--criteria",
            "-c",
            help="Kriterier att skriva mallen för: id, id@version eller fil. / Criteria: id, id@version or file.",
        ),
    ] = None,
    lang: LangOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Skriv över en befintlig fil. / Overwrite an existing file.")
    ] = False,
    review: Annotated[
        Optional[Path],
        typer.Option(
            "--review",
            help="Skriv en granskningsmall för den här ansökan. / Write a review template for this application.",
        ),
    ] = None,
) -> None:
    """Skriv en kommenterad mall för en ny ansökan. / Write a commented template for a new application."""
    from sicheck.checker import DEFAULT_CRITERIA

    with tool_errors(language(lang)):
        settings = repository_config()
    lang_code = language(lang, settings)
    # DESIGN section 2: --criteria, else the repository configuration, else the newest vgr.
    spec = criteria or settings.criteria or DEFAULT_CRITERIA
    with tool_errors(lang_code):
        if review is not None:
            from sicheck.errors import UsageError
            from sicheck.i18n import msg
            from sicheck.reviews import review_template

            if not review.is_file():
                raise UsageError(msg("path-missing", path=str(review)))
            # The application's own criteria set unless --criteria says otherwise.
            text = review_template(review, lang_code, criteria=criteria)
        else:
            text = application_template(spec, lang_code, output, settings.criteria_dirs)
        inputs = run_inputs(
            [str(review)] if review is not None else [],
            criteria=(criteria, settings.criteria),
            criteria_dirs=settings.criteria_dirs,
            config=settings.file,
        )
        emit(text, output, force=force, lang=lang_code, inputs=tuple(inputs))


def register(app: typer.Typer) -> None:
    app.command("new")(new)
