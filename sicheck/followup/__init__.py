"""Follow-up of funded projects: progress reports held against the application's promises.

Each format is a module with a pure ``render(run, *, lang, color, width) -> str``, the one
format protocol of `sicheck.formats`. ``FORMATS`` is the registry: it feeds ``sicheck
followup --format`` and the tests that prove every format has a renderer and golden
output. This module imports nothing heavy, because the command line reads ``FORMATS`` at
start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sicheck.formats import Formats

if TYPE_CHECKING:
    from sicheck.followup.model import FollowupRun

FORMATS: Formats[FollowupRun] = Formats(
    {
        "text": "sicheck.followup.text",
        "json": "sicheck.followup.json_format",
        "markdown": "sicheck.followup.markdown",
        "html": "sicheck.followup.html",
    }
)
render = FORMATS.render
