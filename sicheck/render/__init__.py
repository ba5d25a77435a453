"""The check formats: each a module with a pure ``render(report, *, lang, color, width) -> str``
(the protocol of `sicheck.formats`).

``FORMATS`` is the one registry: it feeds the command line's ``--format`` choices and the
tests that prove every format has a renderer and golden output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sicheck.formats import Formats

if TYPE_CHECKING:  # the command line imports this module for FORMATS alone: keep it light
    from sicheck.model import Report

FORMATS: Formats[Report] = Formats(
    {
        "text": "sicheck.render.text",
        "json": "sicheck.render.json_format",
        "junit": "sicheck.render.junit",
        "sarif": "sicheck.render.sarif",
        "github": "sicheck.render.github",
        "markdown": "sicheck.render.markdown",
    }
)
get = FORMATS.renderer
render = FORMATS.render
