"""``sicheck report``: the call overview for the expert group, with reviewers' judgements."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from sicheck import __version__
from sicheck.commands.common import (
    ConfigOption,
    CriteriaOption,
    LangOption,
    NoColorOption,
    NoConfigOption,
    OutputOption,
    applications_only,
    collect_files,
    progress,
    run_context,
    run_inputs,
    say,
    tool_errors,
    write_output,
)
from sicheck.report import FORMATS

if TYPE_CHECKING:
    from sicheck.followup.model import Gap
    from sicheck.reviews.model import ReviewProblem

# The --format choices come from the report's own registry of renderers.
ReportFormat = StrEnum("ReportFormat", {name: name for name in FORMATS})  # type: ignore[misc]
DEFAULT_FORMAT = ReportFormat("table")


def _problem_lines(entries: Sequence[ReviewProblem | Gap], message_id: str, lang: str) -> str:
    """One ``sicheck: file:line:column: message`` line on stderr for each file left out."""
    from sicheck.i18n import msg
    from sicheck.sanitize import visible

    lines = []
    for entry in entries:
        where = entry.problem.location
        # A review with only one bad score still counts: say that it is the score that does not.
        used = "report-score-problem-line" if getattr(entry, "scope", None) == "score" else message_id
        message = msg(used, file=entry.file, line=where.line, column=where.column, message=entry.problem.message)
        # File names and messages repeat text from those files: keep control characters visible.
        lines.append(f"sicheck: {visible(message.get(lang))}\n")
    return "".join(lines)


def report_date() -> str:
    """Today's date, or the one ``SOURCE_DATE_EPOCH`` gives, so a report can be made again byte for byte."""
    import datetime
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    return datetime.date.today().isoformat()


def report(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Ansökningar: filer eller mappar (rekursivt). / Applications: files or folders (recursive)."
        ),
    ],
    reviews: Annotated[
        Optional[list[str]],
        typer.Option(
            "--reviews",
            "-r",
            help="Granskningar: filer eller mappar; kan upprepas. / Reviews: files or folders; may be repeated.",
        ),
    ] = None,
    followups: Annotated[
        Optional[list[str]],
        typer.Option(
            "--followups",
            help="Uppföljningsrapporter: filer eller mappar; kan upprepas. / "
            "Follow-up reports: files or folders; may be repeated.",
        ),
    ] = None,
    criteria: CriteriaOption = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Utdataformat. / Output format.")
    ] = DEFAULT_FORMAT,
    output: OutputOption = None,
    title: Annotated[
        Optional[str],
        typer.Option(
            "--title",
            help="Utlysningens namn, överst i rapporten (annars 'call' i konfigurationen). / "
            "The call's name, at the top of the report (else 'call' in the configuration).",
        ),
    ] = None,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    config_file: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Översikt över en utlysning, med granskarnas bedömningar. / Call overview, with reviewers' judgements.

    Slutkod 0: rapporten är skriven och alla granskningar räknas; 1: en granskningsfil har
    fel (den räknas inte); 2: fel användning. / Exit code 0: the report is written and every
    review counts; 1: a review file has errors (it is not counted); 2: usage error.
    """
    from dataclasses import replace

    from sicheck.checker import CheckOptions
    from sicheck.followup.load import followup_files
    from sicheck.followup.pairing import follow_up_all
    from sicheck.i18n import msg
    from sicheck.report.model import build
    from sicheck.reviews.loading import review_files
    from sicheck.runner import RunTracker, check_and_review
    from sicheck.settings import CommandLine
    from sicheck.writing import Output

    context = run_context(
        lang,
        config_file=config_file,
        no_config=no_config,
        no_color=no_color,
        output=output,
        line=CommandLine(criteria=criteria),
    )
    lang_code = context.lang
    with tool_errors(lang_code):
        # The same criteria as `check`: --criteria, else the file's, else the configuration's.
        options = CheckOptions.of(context.settings, context.catalog)
        # Every result is kept to the end (the ranking): only with the checks the format shows.
        options = replace(options, checks_kept=FORMATS.checks_shown(output_format.value))
        # Review files, criteria sets and configuration among the applications are skipped
        # (and counted on stderr): a reviews folder inside the applications folder is common.
        files = applications_only(collect_files(paths, lang_code), paths, context.settings)
        # Every path is checked before the slow part, so a typo fails at once.
        review_sources = review_files(reviews) if reviews else []
        followup_sources = followup_files(followups) if followups else []
        destination = Output(
            output, inputs=run_inputs(files, context.settings, reviews=[*review_sources, *followup_sources])
        )
        # The same runner and review pipeline as `check --reviews`: both cores for a large
        # call, results in file order, and a bug in sicheck on one file becomes that file's problem.
        run = check_and_review(
            files,
            options,
            review_sources,
            RunTracker(context.policy),
            watch=progress(len(files), msg("report-progress").get(lang_code)),
        )
        problems = run.problems
        followed = None
        if followups is not None:
            applications = [(r.file, r.file) for r in run.results if r.file != "<stdin>"]
            followed = follow_up_all(applications, followup_sources, limits=context.settings.limits)
        call_report = build(
            run.reviewed,
            __version__,
            reviews_given=reviews is not None,
            review_files=len(review_sources),
            review_problems=problems,
            title=title if title is not None else context.settings.config.call,
            date=report_date(),
            followups=followed,
        )
        text = FORMATS.chunks(
            output_format.value,
            call_report,
            lang=lang_code,
            color=context.settings.color,
            width=context.settings.width,
        )
        write_output(text, destination, format_name=output_format.value)
    if problems:
        say(_problem_lines(problems, "report-review-problem-line", lang_code))
    if call_report.followup_problems:
        say(_problem_lines(call_report.followup_problems, "followup-report-problem-line", lang_code))
    # A run that could not read an application it was asked to read does not pass.
    unread = any(problem.code == "file-unreadable" for result in run.results for problem in result.problems)
    raise typer.Exit(1 if problems or call_report.followup_problems or unread else 0)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
