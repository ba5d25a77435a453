"""The command line: parse options, hand them to the core, write what the renderers return.

Only the command layer (this module and ``sicheck.commands``) prints or exits. Imports of
the core sit inside the command functions, so ``sicheck --version`` and ``--help`` load
typer and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import sys
from importlib import import_module
from typing import Annotated

import typer
from typer.core import TyperCommand

from sicheck import __version__
from sicheck.commands.localized import LocalizedCommand, LocalizedGroup

app = typer.Typer(
    cls=LocalizedGroup,
    name="sicheck",
    help="Granska ansökningar om sociala investeringsmedel mot en finansiärs kriterier. / "
    "Screen applications for social investment funds against a funder's criteria.",
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from sicheck.commands.common import write_output

        write_output(f"sicheck {__version__}\n", None)
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Visa versionen. / Show the version."),
    ] = False,
) -> None:
    """Granska ansökningar om sociala investeringsmedel. / Screen social investment fund applications."""


# Each command lives in its own module under sicheck.commands and registers itself.
# Those modules import only typer at the top, so start-up stays cheap.
COMMANDS = ("check", "report", "followup", "new", "schema", "explain", "criteria")
for _name in COMMANDS:
    import_module(f"sicheck.commands.{_name}").register(app)


def _localize(typer_app: typer.Typer) -> None:
    """Every command and group speaks the language of the run (usage errors, help headings)."""
    for command in typer_app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = LocalizedCommand
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            group.typer_instance.info.cls = LocalizedGroup
            _localize(group.typer_instance)


_localize(app)


def _build_only(arguments: list[str]) -> None:
    """Keep only the command the run names, when it names one first.

    typer turns the signature of every command into options before it parses anything; a
    run uses one of them. With help or a misspelt command the group keeps every command,
    so what those show is unchanged. Only the console script does this, once per process.
    """
    if not arguments or arguments[0] not in COMMANDS:
        return
    name = arguments[0]
    app.registered_commands = [c for c in app.registered_commands if c.name == name]
    app.registered_groups = [g for g in app.registered_groups if g.name == name]
    for command in app.registered_commands:
        _resolve_annotations(command.callback)


def _resolve_annotations(callback: object) -> None:
    """Evaluate a command's annotations once, here, instead of twice inside typer.

    The command modules write annotations as text (``from __future__ import annotations``);
    typer reads the signature with ``eval_str`` and then with ``get_type_hints``, and each
    compiles and evaluates every option's text again. Objects are read as they are.
    """
    import typing

    if callable(callback):
        with contextlib.suppress(Exception):  # typer evaluates them itself, and says what is wrong
            callback.__annotations__ = typing.get_type_hints(callback, include_extras=True)


def main() -> None:
    """Console-script entry point."""
    from sicheck.commands.common import say

    _build_only(sys.argv[1:])
    if sys.stderr is None:
        # Started with stderr closed: messages go nowhere, and the exit code says the rest.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    # Never fail on a terminal that cannot show a character; show a replacement instead.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")
    try:
        os.getcwd()
    except OSError:
        # Relative paths, the configuration search and every shown name need it.
        from sicheck.i18n import msg

        say(f"sicheck: {msg('cwd-missing').get(_lang_from_argv())}\n")
        sys.exit(2)
    try:
        app()
    except KeyboardInterrupt:
        say("\n")
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (| head): quiet, like other command-line tools.
        with contextlib.suppress(OSError, AttributeError):
            sys.stderr.close()
        sys.exit(1)
    except Exception as exc:  # never a traceback for users; say what broke
        from sicheck.errors import SicheckError

        if isinstance(exc, SicheckError):  # raised outside a command (the --version callback)
            say(f"sicheck: {exc.message.get(_lang_from_argv())}\n")
        else:
            say(f"sicheck: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(2)


def _lang_from_argv() -> str:
    """The language asked for, read before the command line is parsed (for early errors)."""
    args = sys.argv[1:]
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return "sv"
