"""The command-line parser's own words in the chosen language.

typer (and the click inside it) writes its usage errors and help headings in English:
"Got unexpected extra argument(s)", "No such option", "Usage:", "Options:", "Show this
message and exit." A person who chose Swedish should not meet English the moment they
mistype an option. This module gives the command group and its commands classes that

- run the parser without its standalone error handling, and say a usage error in the
  language of the run (``--lang`` on the command line, else Swedish), with exit code 2;
- translate the help's fixed headings, and give the help option a bilingual text like
  every other option.

The language must be known before the options are parsed (a usage error happens while
parsing), so it is read from the arguments as they are.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

# The parser's exception classes, found from the ones typer exports (their module is private).
_CLICK_EXCEPTION: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_ABORT: type[BaseException] = typer.Abort

_language = "sv"

HELP_OPTION_TEXT = "Visa hjälpen och avsluta. / Show this message and exit."

# Help headings, as the parser writes them, and in Swedish.
_HEADINGS_SV = {
    "Usage:": "Användning:",
    "Arguments:": "Argument:",
    "Options:": "Alternativ:",
    "Commands:": "Kommandon:",
}


def language_of(arguments: Sequence[str]) -> str:
    """The language a run asks for on its command line (``--lang en``, ``--lang=en``); sv if none."""
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(arguments):
            return "en" if arguments[index + 1] == "en" else "sv"
        if argument.startswith("--lang="):
            return "en" if argument.partition("=")[2] == "en" else "sv"
    return "sv"


def translate_help(text: str, lang: str) -> str:
    if lang == "en":
        return text
    for english, swedish in _HEADINGS_SV.items():
        text = re.sub(rf"(?m)^(\s*){re.escape(english)}", rf"\g<1>{swedish}", text)
    return text


def _text(message_id: str, **params: object) -> str:
    from sicheck.i18n import msg

    return msg(message_id, **params).get(_language)


# The parser's usage errors, recognised by their English text, and said in the catalogue's words.
# Patterns are compiled on the first usage error (`re` keeps them), not on every start.
_ERRORS: tuple[tuple[str, str], ...] = (
    (r"^Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)$", "usage-extra-arguments"),
    (r"^No such option: (?P<option>\S+)(?: \(Possible options: (?P<options>.*)\))?$", "usage-no-option"),
    (r"^No such command '?(?P<command>[^']*)'?\.?$", "usage-no-command"),
    (r"^Missing argument '?(?P<argument>[^'.]*)'?\.?$", "usage-missing-argument"),
    (r"^Missing option '?(?P<option>[^'.]*)'?\.?$", "usage-missing-option"),
    (r"^Missing command\.?$", "usage-missing-command"),
    (r"^Option '?(?P<option>[^']*)'? requires an argument\.?$", "usage-option-needs-value"),
    (r"^Option '?(?P<option>[^']*)'? requires (?P<count>\d+) arguments\.?$", "usage-option-needs-value"),
    (r"^Option '?(?P<option>[^']*)'? does not take a value\.?$", "usage-option-takes-no-value"),
    (r"^Invalid value for (?P<option>.*?): (?P<problem>.*)$", "usage-invalid-value"),
)

# What is wrong with an option's value, from the parser's types.
_VALUE_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"^(?P<value>.*) is not one of (?P<choices>.*)\.$", "usage-value-choices"),
    (r"^(?P<value>.*) is not (?P<choices>'[^']*')\.$", "usage-value-choices"),
    (r"^(?P<value>.*) is not in the range (?P<range>.*)\.$", "usage-value-range"),
    (r"^(?P<value>.*) is not a valid integer\.?(?: range)?\.?$", "usage-value-integer"),
    (r"^(?P<value>.*) is not a valid float\.?(?: range)?\.?$", "usage-value-number"),
    (r"^(?P<value>.*) is not a valid boolean.*$", "usage-value-boolean"),
    (r"^(?P<kind>File|Directory|Path) (?P<value>.*) does not exist\.$", "usage-value-missing-path"),
)


def say_usage_error(message: str) -> str:
    """A usage error's message in the language of the run (the parser's English if unknown)."""
    for pattern, message_id in _ERRORS:
        found = re.match(pattern, message.strip(), re.S)
        if found is None:
            continue
        parts = {k: v for k, v in found.groupdict().items() if v is not None}
        if message_id == "usage-no-option" and "options" in parts:
            return _text("usage-no-option-maybe", option=parts["option"], options=parts["options"])
        if message_id == "usage-invalid-value":
            return _text(message_id, option=parts["option"], problem=_value_problem(parts["problem"]))
        parts.setdefault("count", "1")
        return _text(message_id, **parts)
    return message


def _value_problem(problem: str) -> str:
    for pattern, message_id in _VALUE_PROBLEMS:
        found = re.match(pattern, problem.strip(), re.S)
        if found is not None:
            return _text(message_id, **found.groupdict())
    return problem


def _show_usage_error(exc: Any) -> None:
    ctx = getattr(exc, "ctx", None)
    lines: list[str] = []
    if ctx is not None:
        lines.append(translate_help(ctx.get_usage(), _language))
        help_names = ctx.help_option_names
        if help_names:
            lines.append(_text("usage-try-help", command=ctx.command_path, option=help_names[0]))
        lines.append("")
    lines.append(_text("usage-error", message=say_usage_error(exc.format_message())))
    sys.stderr.write("\n".join(lines) + "\n")


class _Localized:
    """What the group and its commands share: the help in the language of the run."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    def get_help(self, ctx: Any) -> str:
        return translate_help(super().get_help(ctx), _language)  # type: ignore[misc]


class LocalizedCommand(_Localized, TyperCommand):
    """A command whose help speaks the language of the run."""


class LocalizedGroup(_Localized, TyperGroup):
    """The command group: parses, and says usage errors in the language of the run."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        global _language
        arguments = list(sys.argv[1:] if args is None else args)
        _language = language_of(arguments)
        try:
            result = super().main(arguments, prog_name, complete_var, standalone_mode=False, **extra)
        except _CLICK_EXCEPTION as exc:
            _show_usage_error(exc)
            code = int(getattr(exc, "exit_code", 2))
        except _ABORT:
            sys.stderr.write(_text("interrupted") + "\n")
            code = 1
        else:
            code = result if isinstance(result, int) else 0
        if not standalone_mode:
            return code
        sys.exit(code)
