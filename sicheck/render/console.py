"""The one way sicheck makes a rich console: text only, never markup, emoji or highlighting.

Every renderer that uses rich builds its console here, so that application text can never
be read as markup (HARDENING: ``[link=…]``, ``:emoji:`` codes, unbalanced ``[/]``).
"""

from __future__ import annotations

import io

from rich.console import Console


def make_console(buffer: io.StringIO, *, color: bool, width: int, soft_wrap: bool = False) -> Console:
    return Console(
        file=buffer,
        width=width,
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
