"""The call report: every application in a call side by side, with the reviewers' judgements.

Each format is a pure ``render(report, *, lang, color, width) -> str`` in its own module.
``FORMATS`` is the one registry: it feeds ``sicheck report --format`` and the tests that
prove every format has a renderer and golden output. This module imports nothing at the
top, because the command line reads ``FORMATS`` at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sicheck.report.model import CallReport

Renderer = Callable[..., str]

# format name -> module holding its render(); imported only when the format is used.
FORMATS: dict[str, str] = {
    "table": "sicheck.report.table",
    "markdown": "sicheck.report.markdown",
    "csv": "sicheck.report.csv_format",
    "json": "sicheck.report.json_format",
    "html": "sicheck.report.html",
}


def get(name: str) -> Renderer:
    """The renderer for a format name; a name not in `FORMATS` is a programming error."""
    module = import_module(FORMATS[name])
    render: Renderer = module.render
    return render


def render(name: str, report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return get(name)(report, lang=lang, color=color, width=width)
