"""The csv format: one row per application, one column per criterion, for a spreadsheet.

- UTF-8 with a byte-order mark, or Excel reads å, ä and ö as two characters each.
- Swedish (``--lang sv``) uses ``;`` between cells and a decimal comma, as Excel does with
  Swedish regional settings; opened there with a double click, every cell lands in its own
  column and the numbers are numbers. English uses ``,`` and a decimal point.
- A cell that starts with ``=``, ``+``, ``-`` or ``@`` is a formula to a spreadsheet: an
  application titled ``=HYPERLINK(...)`` would run as one on the reviewer's machine. Such
  cells get a leading apostrophe, which spreadsheets show as text (OWASP's advice; tab and
  carriage return are guarded the same way).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sicheck.report.model import CallReport, criteria_groups, number, t
from sicheck.reviews.model import RECOMMENDATIONS
from sicheck.sanitize import one_line

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# lang -> cell separator; the decimal mark is format_number's
_DELIMITER = {"sv": ";", "en": ","}


def guard(cell: str) -> str:
    """Make a text cell inert in a spreadsheet."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


# Which checks of a criterion this format shows: none (a status per criterion).
CHECKS_SHOWN = "none"


def chunks(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> Iterator[str]:
    """The header, then one row at a time."""
    delimiter = _DELIMITER.get(lang, _DELIMITER["en"])

    def num(value: float | None, decimals: int = 2) -> str:
        return number(value, lang, decimals=decimals, empty="")

    # Every criterion of every set in the report, in the sets' order; one status and one
    # reviewers' mean column each. A row leaves the other sets' columns empty.
    columns = [c for group in criteria_groups(report) for c in group.criteria]
    columns = list({c.id: c for c in columns}.values())
    header = [
        t("report-csv-rank", lang),
        t("report-csv-title", lang),
        t("heading-file", lang),
        t("heading-criteria-set", lang),
        t("report-column-verdict", lang),
        t("report-csv-score", lang),
        t("report-column-reviewers", lang),
        t("report-column-reviewer-mean", lang),
        *(t("report-csv-recommendation", lang, value=t(f"report-recommendation-{r}", lang)) for r in RECOMMENDATIONS),
        t("report-column-disagreement", lang),
    ]
    for column in columns:
        header += [f"{column.id} {t('column-status', lang).lower()}", f"{column.id} {t('report-csv-mean', lang)}"]
    header.append(t("report-csv-comments", lang))
    if report.followups_given:
        header += [
            t("followup-csv-on-track", lang),
            t("followup-csv-effects", lang),
            t("followup-csv-latest", lang),
            t("followup-csv-status", lang),
        ]

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([guard(cell) for cell in header])
    yield BOM + _taken(buffer)
    for position, item in enumerate(report.applications):
        result, review = item.result, item.review
        row = [
            report.rank_label(position),
            one_line(result.title) if result.title else "",
            one_line(result.file),
            f"{result.criteria_set.id}@{result.criteria_set.version}" if result.criteria_set else "",
            t(f"report-verdict-{result.verdict}", lang),
            num(result.score, 1),
            str(review.reviewers) if review else "0",
            num(review.mean) if review else "",
            str(review.recommendations.yes) if review else "",
            str(review.recommendations.maybe) if review else "",
            str(review.recommendations.no) if review else "",
            " ".join(review.disagreements) if review else "",
        ]
        status = {c.id: c.status for c in result.criteria}
        for column in columns:
            row.append(t(f"status-{status[column.id]}", lang) if column.id in status else "")
            judged = review.criterion(column.id) if review else None
            row.append(num(judged.mean) if judged else "")
        comments = [f"{r.reviewer}: {r.comment}" for r in review.reviews if r.comment] if review else []
        row.append(one_line(" | ".join(comments)))
        if report.followups_given:
            found = report.followup_of(item)
            latest = found.latest_report if found else None
            row += [
                str(found.on_track) if found and latest else "",
                str(len(found.effects)) if found and latest else "",
                latest.period_end.isoformat() if latest and latest.period_end else "",
                one_line(latest.status) if latest and latest.status else "",
            ]
        writer.writerow([guard(cell) for cell in row])
        yield _taken(buffer)


def _taken(buffer: io.StringIO) -> str:
    """What the writer wrote since the last time, leaving the buffer empty."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def render(report: CallReport, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return "".join(chunks(report, lang=lang, color=color, width=width))
