"""Follow-up of funded projects: progress reports held against the application's promises.

``FORMATS`` is the one registry of follow-up formats: it feeds ``sicheck followup
--format`` and the tests that prove every format has a renderer and golden output. Each
format is a pure ``render(run, *, lang, color, width, terminal) -> str``. This module
imports nothing at the top, because the command line reads ``FORMATS`` at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sicheck.followup.model import FollowupRun

Renderer = Callable[..., str]

# format name -> module holding its render(); imported only when the format is used.
FORMATS: dict[str, str] = {
    "text": "sicheck.followup.text",
    "json": "sicheck.followup.json_format",
    "markdown": "sicheck.followup.markdown",
    "html": "sicheck.followup.html",
}


def render(
    name: str, run: FollowupRun, *, lang: str = "sv", color: bool = False, width: int = 100, terminal: bool = False
) -> str:
    """Render a follow-up run in the format ``name``; a name not in `FORMATS` is a programming error."""
    renderer: Renderer = import_module(FORMATS[name]).render
    return renderer(run, lang=lang, color=color, width=width, terminal=terminal)
