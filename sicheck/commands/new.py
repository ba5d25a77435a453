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
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from sicheck.commands.common import (
    ConfigOption,
    CriteriaOption,
    LangOption,
    NoConfigOption,
    fail,
    run_context,
    tool_errors,
    write_output,
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


def write_new_file(text: str, output: Path) -> bool:
    """Create ``output`` whole or not at all; False, and nothing written, if it already exists.

    The text goes to a temporary file first and is then hard-linked into place: a link
    never replaces an existing file, so there is no moment where a file another process
    just created gets overwritten. Where links are not supported, exclusive creation
    keeps the never-overwrite promise (without the whole-or-nothing one).
    """
    import tempfile

    from sicheck.errors import UsageError
    from sicheck.i18n import msg, os_reason

    def failed(exc: OSError) -> UsageError:
        return UsageError(msg("output-failed", path=str(output), reason=os_reason(exc)))

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


def emit(text: str, output: Path | None, *, force: bool, lang: str, written: Text | None = None) -> None:
    """Print the template, or write it to ``output``: refused (exit 1) if it exists, unless ``force``.

    ``written`` is what to say once the file is written (by default: check it with ``check``).
    """
    from sicheck.i18n import msg

    if output is None:
        write_output(text, None)
        return
    if force:
        write_output(text, output)
    elif not write_new_file(text, output):
        raise fail(msg("new-exists", path=str(output)).get(lang), code=1)
    sys.stderr.write((written or msg("new-written", path=str(output))).get(lang) + "\n")


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

    context = run_context(
        CommandLine(lang=lang.value if lang is not None else None, criteria=criteria),
        config_file=config_file,
        no_config=no_config,
    )
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
            from sicheck.errors import UsageError
            from sicheck.followup.template import followup_template
            from sicheck.i18n import msg

            if not followup.is_file():
                raise UsageError(msg("path-missing", path=str(followup)))
            text = followup_template(followup, lang_code, file_name=str(output) if output else None)
            written = msg("new-written-followup", path=str(output), application=str(followup))
        elif review is not None:
            from sicheck.errors import UsageError
            from sicheck.i18n import msg
            from sicheck.reviews.template import review_template

            if not review.is_file():
                raise UsageError(msg("path-missing", path=str(review)))
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
        emit(text, output, force=force, lang=lang_code, written=written)


def _quoted(path: Path | None) -> str:
    import shlex

    return shlex.quote(str(path))


def register(app: typer.Typer) -> None:
    app.command("new")(new)
