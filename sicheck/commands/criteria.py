"""``sicheck criteria list | show | diff | validate``: the criteria sets, for funders and applicants."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sicheck.commands.common import (
    ConfigOption,
    LangOption,
    NoColorOption,
    NoConfigOption,
    guarded,
    run_context,
    say,
    tool_errors,
    write_output,
)

if TYPE_CHECKING:
    from sicheck.criteria import CriteriaSet
    from sicheck.i18n import Text


class ViewFormat(StrEnum):
    text = "text"
    json = "json"


FormatOption = Annotated[ViewFormat, typer.Option("--format", "-f", help="Utdataformat. / Output format.")]


def write_view(text: str, output_format: ViewFormat) -> None:
    """Print a view of criteria: text for people guarded in a CI log, JSON as it is."""
    write_output(guarded(text) if output_format is ViewFormat.text else text, None)


criteria_app = typer.Typer(
    name="criteria",
    help="Kriterieuppsättningar: lista, visa, jämför och validera. / Criteria sets: list, show, compare and validate.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@criteria_app.command("list")
def list_sets(
    lang: LangOption = None,
    output_format: FormatOption = ViewFormat.text,
    no_color: NoColorOption = False,
    config_file: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Lista medföljande och konfigurerade uppsättningar. / List shipped and configured sets."""
    from sicheck.criteria import shipped_dir, version_key
    from sicheck.criteria_view import ListedSet, render_list
    from sicheck.errors import SicheckError

    context = run_context(lang, config_file=config_file, no_config=no_config, no_color=no_color)
    lang_code = context.lang
    shipped = shipped_dir().resolve()
    entries: list[ListedSet] = []
    broken: list[Text] = []
    with tool_errors(lang_code):
        for _set_id, versions in sorted(context.catalog.available().items()):
            for version in sorted(versions, key=version_key):
                path = versions[version]
                try:
                    found = context.catalog.load_path(path)
                except SicheckError as exc:
                    # One broken file must not hide the others; it still makes the run fail.
                    broken.append(exc.message)
                    continue
                entries.append(ListedSet(found, path.resolve().parent == shipped))
        text = render_list(
            entries, lang=lang_code, fmt=output_format.value, color=context.settings.color, width=context.settings.width
        )
        write_view(text, output_format)
    for message in broken:
        say(f"sicheck: {message.get(lang_code)}\n")
    raise typer.Exit(2 if broken else 0)


@criteria_app.command("show")
def show(
    spec: Annotated[str, typer.Argument(metavar="ID[@VERSION]|FILE", help="Uppsättning. / Criteria set.")],
    lang: LangOption = None,
    output_format: FormatOption = ViewFormat.text,
    no_color: NoColorOption = False,
    config_file: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Visa en uppsättning som en tabell. / Show a set as a table."""
    from sicheck.criteria_view import render_show

    context = run_context(lang, config_file=config_file, no_config=no_config, no_color=no_color)
    lang_code = context.lang
    with tool_errors(lang_code):
        found = context.catalog.load(spec)
        text = render_show(
            found, lang=lang_code, fmt=output_format.value, color=context.settings.color, width=context.settings.width
        )
        write_view(text, output_format)


@criteria_app.command("diff")
def diff(
    old: Annotated[str, typer.Argument(metavar="A", help="Den gamla uppsättningen. / The old set.")],
    new: Annotated[str, typer.Argument(metavar="B", help="Den nya uppsättningen. / The new set.")],
    lang: LangOption = None,
    output_format: FormatOption = ViewFormat.text,
    no_color: NoColorOption = False,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Avsluta med 1 om något skiljer. / Exit 1 if anything differs."),
    ] = False,
    config_file: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Visa vad som ändrats mellan två uppsättningar. / Show what changed between two sets."""
    from sicheck.criteria_diff import diff as compare
    from sicheck.criteria_view import render_diff

    context = run_context(lang, config_file=config_file, no_config=no_config, no_color=no_color)
    lang_code = context.lang
    with tool_errors(lang_code):
        change = compare(context.catalog.load(old), context.catalog.load(new))
        text = render_diff(
            change, lang=lang_code, fmt=output_format.value, color=context.settings.color, width=context.settings.width
        )
        write_view(text, output_format)
    raise typer.Exit(1 if exit_code and not change.empty else 0)


@criteria_app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Kriteriefilen. / The criteria file.")],
    lang: LangOption = None,
    config_file: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Validera en kriteriefil mot metaschemat och regelspråket. / Validate a criteria file."""
    from sicheck.criteria import load_file
    from sicheck.i18n import msg

    lang_code = run_context(lang, config_file=config_file, no_config=no_config, no_color=True).lang
    with tool_errors(lang_code):
        found = load_file(file)
        _check_examples(found, file)
    checks = sum(len(c.checks) for c in found.criteria)
    message = msg("validate-ok", file=str(file), set=found.key, criteria=len(found.criteria), checks=checks)
    write_output(guarded(message.get(lang_code) + "\n"), None)


def _check_examples(found: CriteriaSet, file: Path) -> None:
    """Each criterion's example must be a valid application that meets the criterion."""
    from sicheck import application
    from sicheck.errors import CriteriaError
    from sicheck.i18n import LANGS, msg
    from sicheck.loader import load_yaml

    for index, criterion in enumerate(found.criteria):
        if criterion.example is None:
            continue
        for lang_code in LANGS:
            loaded = load_yaml(criterion.example.get(lang_code).encode("utf-8"))
            problem: Text | None = None
            if loaded.document is None:
                assert loaded.problem is not None
                problem = msg("validate-example-invalid", criterion=criterion.id, problem=loaded.problem.message)
            else:
                problems = application.validate(loaded.document)
                value = loaded.document.value
                failed = [c.id for c in criterion.checks if not c.rule.test(value, value)]
                if problems:
                    problem = msg("validate-example-invalid", criterion=criterion.id, problem=problems[0].message)
                elif failed:
                    problem = msg("validate-example-fails", criterion=criterion.id, checks=", ".join(failed))
            if problem is not None:
                line, column = _example_position(file, index, lang_code)
                raise CriteriaError(str(file), line, column, problem)


def _example_position(file: Path, index: int, lang_code: str) -> tuple[int, int]:
    from sicheck.criteria import CRITERIA_LIMITS
    from sicheck.loader import load_yaml

    document = load_yaml(file.read_bytes(), CRITERIA_LIMITS).document
    if document is None:
        return 1, 1
    location = document.locate(("criteria", index, "example", lang_code))
    return location.line, location.column


def register(app: typer.Typer) -> None:
    app.add_typer(criteria_app, name="criteria")
