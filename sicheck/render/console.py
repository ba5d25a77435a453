"""The one way sicheck makes a rich console: text only, never markup, emoji or highlighting.

Every renderer that uses rich builds its console here, so that application text can never
be read as markup (HARDENING: ``[link=…]``, ``:emoji:`` codes, unbalanced ``[/]``).
"""

from __future__ import annotations

import io
import textwrap

from rich.console import Console
from rich.text import Text

_HEIGHT = 25


def make_console(buffer: io.StringIO, *, color: bool, width: int, soft_wrap: bool = False) -> Console:
    return Console(
        file=buffer,
        width=width,
        # A height of its own, or rich asks the terminal for its size at every print; no
        # output of sicheck depends on it.
        height=_HEIGHT,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=soft_wrap,
    )


def finished(buffer: io.StringIO, color: bool) -> str:
    """What a console wrote, without the trailing spaces rich pads plain lines with.

    With colour the padding may carry a background style, so it stays.
    """
    text = buffer.getvalue()
    return text if color else "\n".join(line.rstrip() for line in text.split("\n"))


# textwrap swaps each whitespace character for one space; the same swap keeps offsets.
_SPACES = str.maketrans("\t\n\x0b\x0c\r", "     ")


def paragraph(console: Console, text: Text, *, indent: int = 0, hang: int = 2) -> None:
    """Print ``text`` wrapped to the console's width at ``indent``; later lines ``hang`` further in
    (counted from where ``text`` starts, its leading spaces included).

    Lines break at spaces only: a word longer than the line (a location ``file:line:column``,
    a check id) is never split inside, except a path, which folds after a ``/`` (a terminal
    would otherwise wrap it anywhere). Lines end without trailing spaces, a wrapped line
    never starts at column 0, and styles follow the text onto every line. Spaces at the
    start of ``text`` stay on its first line.
    """
    # Leading spaces are an indent: textwrap would drop them before a word too long to fit.
    lead = len(text.plain) - len(text.plain.lstrip(" "))
    if lead and lead < len(text.plain):
        text, indent, hang = text[lead:], indent + lead, max(0, hang - lead)
    plain = text.plain.translate(_SPACES)
    lines = textwrap.wrap(
        plain,
        width=max(20, console.width - indent),
        subsequent_indent=" " * hang,
        expand_tabs=False,
        break_on_hyphens=False,
        break_long_words=False,
    )
    position = 0
    pieces: list[Text] = []
    for number, line in enumerate(lines):
        content = line if number == 0 else line[hang:]
        start = plain.find(content, position)
        position = start + len(content)
        # Too long: a word alone on its line. Fold it after the last "/" that fits, if any.
        room = console.width - indent - (hang if number or pieces else 0)
        while len(content) > room and (cut := content.rfind("/", 0, room) + 1) > 0:
            pieces.append(text[start : start + cut])
            content, start = content[cut:], start + cut
            room = console.width - indent - hang
        pieces.append(text[start:position])
    for number, piece in enumerate(pieces):
        row = Text(" " * (indent + (hang if number else 0)))
        row.append_text(piece)
        console.print(row, soft_wrap=True)
    if not lines:
        console.print()
