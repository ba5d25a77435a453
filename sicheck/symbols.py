"""How statuses, verdicts and severities look: one symbol and one style each, for every format.

Styles are rich style names; the text formats use them as they are, and the HTML report
keeps its own colours in CSS classes named after the same statuses.
"""

from __future__ import annotations

from sicheck.model import Severity, Status, Verdict

# In the order a legend lists them.
STATUSES: tuple[Status, ...] = ("met", "partial", "missing")

STATUS_SYMBOL: dict[Status, str] = {"met": "✔", "partial": "◐", "missing": "✘"}
STATUS_STYLE: dict[Status, str] = {"met": "green", "partial": "yellow", "missing": "red"}
VERDICT_STYLE: dict[Verdict, str] = {"eligible": "bold green", "ineligible": "bold red", "invalid": "bold magenta"}
SEVERITY_STYLE: dict[Severity, str] = {"error": "red", "warning": "yellow"}

__all__ = ["SEVERITY_STYLE", "STATUSES", "STATUS_STYLE", "STATUS_SYMBOL", "VERDICT_STYLE"]
