"""The call report: every application in a call side by side, with the reviewers' judgements.

Each format is a module with a pure ``render(report, *, lang, color, width) -> str`` (the
protocol of `sicheck.formats`, as for the check formats). ``FORMATS`` is the one registry:
it feeds ``sicheck report --format`` and the tests that prove every format has a renderer
and golden output. This module imports nothing heavy, because the command line reads
``FORMATS`` at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sicheck.formats import Formats

if TYPE_CHECKING:
    from sicheck.report.model import CallReport

FORMATS: Formats[CallReport] = Formats(
    {
        "table": "sicheck.report.table",
        "markdown": "sicheck.report.markdown",
        "csv": "sicheck.report.csv_format",
        "json": "sicheck.report.json_format",
        "html": "sicheck.report.html",
    }
)
get = FORMATS.renderer
render = FORMATS.render
