"""``sicheck new``: write a commented template to start a new application from.

The command picks what to generate, then `emit` decides where it goes: stdout, or a new
file that is never overwritten without ``--force``. Further kinds of template (a
reviewer's, for instance) add an option and a generator, and reuse `emit`.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from sicheck.commands.common import fail, tool_errors, write_output
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


def write_new_file(text: str, output: Path) -> bool:
    """Create ``output`` whole or not at all; False, and nothing written, if it already exists.

    The text goes to a temporary file first and is then hard-linked into place: a link
    never replaces an existing file, so there is no moment where a file another process
    just created gets overwritten. Where links are not supported, exclusive creation
    keeps the never-overwrite promise (without the whole-or-nothing one).
    """
    import tempfile

    from sicheck.errors import UsageError
    from sicheck.i18n import msg

    def failed(exc: OSError) -> UsageError:
        return UsageError(msg("output-failed", path=str(output), reason=exc.strerror or str(exc)))

    if output.exists() or output.is_symlink():
        return False
    target = output.absolute()
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise failed(exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        try:
            os.link(temporary, target)
        except FileExistsError:
            return False
        except OSError:
            try:
                with open(target, "x", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
            except FileExistsError:
                return False
        return True
    except OSError as exc:
        raise failed(exc) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def emit(text: str, output: Path | None, *, force: bool, lang: str) -> None:
    """Print the template, or write it to ``output``: refused (exit 1) if it exists, unless ``force``."""
    from sicheck.i18n import msg

    if output is None:
        write_output(text, None)
        return
    if force:
        write_output(text, output)
    elif not write_new_file(text, output):
        raise fail(msg("new-exists", path=str(output)).get(lang), code=1)
    sys.stderr.write(msg("new-written", path=str(output)).get(lang) + "\n")


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
        emit(text, output, force=force, lang=lang_code)


def register(app: typer.Typer) -> None:
    app.command("new")(new)
