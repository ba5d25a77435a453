"""``check --reviews``: the check output with each application's merged reviews beside it.

Reviews never change the machine's verdict or score; they are shown next to them. Text
gets a reviewer block under each application, JSON a ``"review"`` object per application
(the same object ``report --format json`` writes) and ``"review_problems"`` at the top.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.padding import Padding
from rich.text import Text as RichText

from sicheck.i18n import format_number, msg, number_text
from sicheck.model import Report
from sicheck.render import text
from sicheck.render.console import make_console
from sicheck.report.json_format import reviewed_text
from sicheck.reviews.model import ReviewedResult, ReviewProblem, ReviewSummary
from sicheck.sanitize import one_line, visible

# Formats that can show reviews; the command refuses --reviews with the others.
FORMATS_WITH_REVIEWS = ("text", "json")


def _review_block(summary: ReviewSummary | None, lang: str, color: bool, width: int) -> str:
    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    console.print(RichText(msg("check-reviews-heading").get(lang), style="bold underline"))
    if summary is None:
        console.print(RichText("  " + msg("check-reviews-none").get(lang), style="dim"))
        console.print()
        return buffer.getvalue()
    counts = summary.recommendations
    console.print(
        RichText(
            "  "
            + msg(
                "check-reviews-summary",
                reviewers=summary.reviewers,
                mean=number_text(summary.mean, 2),
                yes=counts.yes,
                maybe=counts.maybe,
                no=counts.no,
            ).get(lang)
        )
    )
    # Each reviewer's own mean, so one reviewer's harshness or generosity is seen.
    own = msg("report-column-own-mean").get(lang).lower()
    for review in summary.reviews:
        said = f"  {one_line(review.reviewer)}"
        if review.recommendation is not None:
            said += f" – {msg(f'report-recommendation-{review.recommendation}').get(lang)}"
        if review.mean is not None:
            said += f" ({own} {format_number(review.mean, lang, 2)})"
        console.print(RichText(said, style="dim"))
    for criterion in summary.criteria:
        line = RichText(f"  {criterion.id}  ", style="bold")
        line.append(
            msg(
                "check-reviews-criterion",
                mean=number_text(criterion.mean, 2),
                low=number_text(criterion.min),
                high=number_text(criterion.max),
                n=criterion.n,
            ).get(lang),
            style="",
        )
        if criterion.disagreement:
            line.append("  " + msg("check-reviews-disagreement").get(lang), style="bold yellow")
        console.print(line)
        for comment in criterion.comments:
            said = f"{one_line(comment.reviewer)}: {visible(comment.text)}"
            console.print(Padding(RichText(said, style="italic"), (0, 0, 0, 6), expand=False))
    console.print()
    return buffer.getvalue()


def render(
    report: Report,
    reviewed: Sequence[ReviewedResult],
    problems: Sequence[ReviewProblem],
    *,
    format_name: str,
    lang: str = "sv",
    color: bool = False,
    width: int = 100,
) -> str:
    """The whole run, for the formats in `FORMATS_WITH_REVIEWS`, in file order."""
    if format_name == "json":
        return reviewed_text(reviewed, report.summary, report.version, problems, lang)
    parts = []
    for index, item in enumerate(reviewed):
        parts.append(text.item(item.result, index=index, lang=lang, color=color, width=width))
        parts.append(_review_block(item.review, lang, color, width))
    for entry in problems:
        location = entry.problem.location
        line = msg(
            "report-score-problem-line" if entry.scope == "score" else "report-review-problem-line",
            file=entry.file,
            line=location.line,
            column=location.column,
            message=entry.problem.message,
        )
        parts.append(visible(line.get(lang)) + "\n")
    parts.append(text.tail(report.summary, policy=report.policy, lang=lang, color=color, width=width))
    return "".join(parts)
