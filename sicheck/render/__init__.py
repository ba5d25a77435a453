"""Output formats. Each is a pure ``render(report, *, lang, color, width) -> str``.

``FORMATS`` is the one registry: it feeds the command line's ``--format`` choices and the
tests that prove every format has a renderer and golden output.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command line imports this module for FORMATS alone: keep it light
    from sicheck.model import Report

Renderer = Callable[..., str]

# format name -> module holding its render(); imported only when the format is used.
FORMATS: dict[str, str] = {
    "text": "sicheck.render.text",
    "json": "sicheck.render.json_format",
    "junit": "sicheck.render.junit",
    "sarif": "sicheck.render.sarif",
    "github": "sicheck.render.github",
    "markdown": "sicheck.render.markdown",
}


def get(name: str) -> Renderer:
    """The renderer for a format name; a name not in `FORMATS` is a programming error."""
    module = import_module(FORMATS[name])
    render: Renderer = module.render
    return render


def render(name: str, report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return get(name)(report, lang=lang, color=color, width=width)
