"""``sicheck explain``: what a criterion requires and why, its checks and hints, and an example."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from sicheck.commands.common import (
    ConfigOption,
    CriteriaOption,
    LangOption,
    NoColorOption,
    NoConfigOption,
    run_context,
    tool_errors,
)
from sicheck.commands.criteria import FormatOption, ViewFormat, write_view

if TYPE_CHECKING:
    from sicheck.catalog import CriteriaCatalog
    from sicheck.criteria import CriteriaSet


def _set_named(argument: str, known: set[str]) -> str | None:
    """The set an argument names (``VGR``, ``vgr@2015``), or None for a criterion id."""
    set_id, at, version = argument.partition("@")
    if set_id.lower() in known:
        return f"{set_id.lower()}{at}{version}"
    return None


def choose_set(argument: str, spec: str | None, default: str, catalog: CriteriaCatalog) -> tuple[CriteriaSet, bool]:
    """The set to explain from, and whether the argument names the set itself.

    ``--criteria`` wins; otherwise a criterion's prefix names its set (``ALE-03`` is in
    the newest ``ale``), and anything else is looked up in the default set.
    """
    known = set(catalog.available())
    named = _set_named(argument, known)
    if named is not None:
        # `explain VGR --criteria vgr@2015` lists that version of the set.
        if "@" not in named and spec is not None and spec.partition("@")[0].lower() == named:
            named = spec
        return catalog.load(named), True
    if spec is not None:
        return catalog.load(spec), False
    prefix = argument.partition("-")[0].lower()
    return catalog.load(prefix if prefix in known else default), False


def explain(
    criterion: Annotated[
        str,
        typer.Argument(
            metavar="CRITERION",
            help="Kriteriets id (VGR-06), en kontroll (VGR-06.region) eller en uppsättning (VGR). / "
            "A criterion id, a check id or a set.",
        ),
    ],
    criteria: CriteriaOption = None,
    lang: LangOption = None,
    output_format: FormatOption = ViewFormat.text,
    no_color: NoColorOption = False,
    config_file: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Förklara ett kriterium: krav, kontroller, tips och exempel. / Explain a criterion."""
    from sicheck.criteria_view import render_explain, render_explain_check, render_show
    from sicheck.errors import UsageError
    from sicheck.i18n import msg, suggestion
    from sicheck.settings import CommandLine

    line = CommandLine(criteria=criteria)
    context = run_context(lang, config_file=config_file, no_config=no_config, no_color=no_color, line=line)
    settings = context.settings
    lang_code, color = settings.lang, settings.color
    with tool_errors(lang_code):
        chosen, whole_set = choose_set(criterion.strip(), criteria, settings.default_criteria, context.catalog)
        if whole_set:
            footer = msg("explain-more", criterion=chosen.criteria[0].id).get(lang_code)
            text = render_show(
                chosen, lang=lang_code, fmt=output_format.value, color=color, width=settings.width, footer=footer
            )
            write_view(text, output_format)
            return
        # A check id (VGR-06.region, as in a gap) explains its criterion.
        wanted = criterion.strip().partition(".")[0].upper()
        found = chosen.criterion(wanted)
        if found is None:
            ids = [c.id for c in chosen.criteria]
            hint = suggestion(wanted, ids)
            number = wanted.rpartition("-")[2]
            if not hint.en and number.isdigit():
                # Another set's prefix with this set's number (XYZ-01): the same number is nearest.
                same = [i for i in ids if i.rpartition("-")[2] == number.zfill(2)]
                hint = msg("did-you-mean", candidate=same[0]) if same else hint
            raise UsageError(
                msg(
                    "explain-unknown",
                    id=criterion.strip(),
                    set=chosen.key,
                    suggestion=hint,
                    known=", ".join(ids),
                    set_id=chosen.id.upper(),
                )
            )
        _, dot, check_part = criterion.strip().partition(".")
        if dot:
            # A check id (VGR-06.region, as in a gap): that one check.
            check_ids = [c.id for c in found.checks]
            wanted_check = f"{found.id}.{check_part}"
            matched = next((c for c in found.checks if c.id.lower() == wanted_check.lower()), None)
            if matched is None:
                raise UsageError(
                    msg(
                        "explain-unknown-check",
                        id=criterion.strip(),
                        criterion=found.id,
                        suggestion=suggestion(wanted_check, check_ids),
                        known=", ".join(check_ids),
                    )
                )
            text = render_explain_check(
                chosen, found, matched, lang=lang_code, fmt=output_format.value, color=color, width=settings.width
            )
        else:
            text = render_explain(
                chosen, found, lang=lang_code, fmt=output_format.value, color=color, width=settings.width
            )
        write_view(text, output_format)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain)
