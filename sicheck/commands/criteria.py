"""``sicheck criteria list | show | diff | validate``: the criteria sets, for funders and applicants.

Also the lookups the applicant commands share: the repository configuration's criteria
folders, default set and language, read the same way ``sicheck check`` reads them.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from sicheck.commands.common import Lang, guarded, say, tool_errors, wants_color, width, write_output

if TYPE_CHECKING:
    from sicheck.config import Config
    from sicheck.criteria import CriteriaSet
    from sicheck.i18n import Text


class ViewFormat(StrEnum):
    text = "text"
    json = "json"


LangOption = Annotated[
    Optional[Lang], typer.Option("--lang", help="Språk (standard sv). / Language (default sv).", show_default=False)
]
FormatOption = Annotated[ViewFormat, typer.Option("--format", "-f", help="Utdataformat. / Output format.")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="Ingen färg. / No colour.")]


# ---------------------------------------------------------------------------- shared lookups


def repository_config() -> Config:
    """The configuration found upward from the working directory, or an empty one."""
    from sicheck import config

    return config.discover(Path.cwd())


def configured_criteria_dirs() -> tuple[Path, ...]:
    return repository_config().criteria_dirs


def language(lang: Lang | None, settings: Config | None = None) -> str:
    """``--lang``, else the configuration's language, else Swedish."""
    if lang is not None:
        return lang.value
    return (settings.lang if settings is not None else None) or "sv"


# ---------------------------------------------------------------------------- the commands

criteria_app = typer.Typer(
    name="criteria",
    help="Kriterieuppsättningar: lista, visa, jämför och validera. / Criteria sets: list, show, compare and validate.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@criteria_app.command("list")
def list_sets(
    lang: LangOption = None, output_format: FormatOption = ViewFormat.text, no_color: NoColorOption = False
) -> None:
    """Lista medföljande och konfigurerade uppsättningar. / List shipped and configured sets."""
    from sicheck import criteria as criteria_sets
    from sicheck.criteria_view import ListedSet, render_list
    from sicheck.errors import SicheckError

    with tool_errors(language(lang)):
        settings = repository_config()
    lang_code = language(lang, settings)
    shipped = criteria_sets.shipped_dir().resolve()
    entries: list[ListedSet] = []
    broken: list[Text] = []
    with tool_errors(lang_code):
        for _set_id, versions in sorted(criteria_sets.available(settings.criteria_dirs).items()):
            for version in sorted(versions, key=criteria_sets.version_key):
                path = versions[version]
                try:
                    found = criteria_sets.load_file(path)
                except SicheckError as exc:
                    # One broken file must not hide the others; it still makes the run fail.
                    broken.append(exc.message)
                    continue
                entries.append(ListedSet(found, path.resolve().parent == shipped))
        text = render_list(
            entries, lang=lang_code, fmt=output_format.value, color=wants_color(no_color, None), width=width()
        )
        write_output(guarded(text) if output_format is ViewFormat.text else text, None)
    for message in broken:
        say(f"sicheck: {message.get(lang_code)}\n")
    raise typer.Exit(2 if broken else 0)


@criteria_app.command("show")
def show(
    spec: Annotated[str, typer.Argument(metavar="ID[@VERSION]|FILE", help="Uppsättning. / Criteria set.")],
    lang: LangOption = None,
    output_format: FormatOption = ViewFormat.text,
    no_color: NoColorOption = False,
) -> None:
    """Visa en uppsättning som en tabell. / Show a set as a table."""
    from sicheck import criteria as criteria_sets
    from sicheck.criteria_view import render_show

    with tool_errors(language(lang)):
        settings = repository_config()
    lang_code = language(lang, settings)
    with tool_errors(lang_code):
        found = criteria_sets.load(spec, settings.criteria_dirs)
        text = render_show(
            found, lang=lang_code, fmt=output_format.value, color=wants_color(no_color, None), width=width()
        )
        write_output(guarded(text) if output_format is ViewFormat.text else text, None)


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
) -> None:
    """Visa vad som ändrats mellan två uppsättningar. / Show what changed between two sets."""
    from sicheck import criteria as criteria_sets
    from sicheck.criteria_diff import diff as compare
    from sicheck.criteria_view import render_diff

    with tool_errors(language(lang)):
        settings = repository_config()
    lang_code = language(lang, settings)
    with tool_errors(lang_code):
        change = compare(
            criteria_sets.load(old, settings.criteria_dirs), criteria_sets.load(new, settings.criteria_dirs)
        )
        text = render_diff(
            change, lang=lang_code, fmt=output_format.value, color=wants_color(no_color, None), width=width()
        )
        write_output(guarded(text) if output_format is ViewFormat.text else text, None)
    raise typer.Exit(1 if exit_code and not change.empty else 0)


@criteria_app.command("validate")
def validate(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Kriteriefilen. / The criteria file.")],
    lang: Annotated[Lang, typer.Option("--lang", help="Språk. / Language.")] = Lang.sv,
) -> None:
    """Validera en kriteriefil mot metaschemat och regelspråket. / Validate a criteria file."""
    from sicheck import criteria as criteria_sets
    from sicheck.i18n import msg

    lang_code = lang.value
    with tool_errors(lang_code):
        found = criteria_sets.load_file(file)
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
