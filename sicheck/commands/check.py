"""``sicheck check``: screen applications and report verdicts, scores and gaps."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from sicheck import __version__
from sicheck.commands.common import (
    ConfigOption,
    CriteriaOption,
    ExitZeroOption,
    LangOption,
    NoColorOption,
    NoConfigOption,
    OutputOption,
    StrictOption,
    applications_only,
    collect_files,
    progress,
    run_context,
    run_inputs,
    source_root,
    tool_errors,
    write_output,
)
from sicheck.render import FORMATS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sicheck.checker import CheckOptions
    from sicheck.config import Config
    from sicheck.runner import Outcome, RenderOptions, RunTracker
    from sicheck.writing import Output


# The --format choices come from the one registry of renderers.
CheckFormat = StrEnum("CheckFormat", {name: name for name in FORMATS})  # type: ignore[misc]
DEFAULT_FORMAT = CheckFormat("text")
# The Markdown report's heading, summary sentence and last line always fit in this many characters.
MIN_MARKDOWN_SIZE = 1000


def _finite(value: float | None) -> float | None:
    """Refuse ``nan`` as ``inf`` is refused: it passes every range check and would switch the
    threshold off without a word."""
    import math

    if value is not None and math.isnan(value):
        raise typer.BadParameter(f"{value} is not in the range 0<=x<=100.")
    return value


def check(
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(
            help="Filer, mappar (rekursivt) eller - för stdin; annars 'paths' i konfigurationen. / "
            "Files, folders (recursive) or - for stdin; else 'paths' in the configuration.",
            show_default=False,
        ),
    ] = None,
    criteria: CriteriaOption = None,
    output_format: Annotated[
        Optional[CheckFormat],
        typer.Option(
            "--format", "-f", help="Utdataformat (standard text). / Output format (default text).", show_default=False
        ),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
    fail_under: Annotated[
        Optional[float],
        typer.Option(
            "--fail-under",
            min=0,
            max=100,
            callback=_finite,
            help="Lägsta poäng i procent. / Lowest passing score, percent.",
        ),
    ] = None,
    strict: StrictOption = None,
    exit_zero: ExitZeroOption = False,
    no_color: NoColorOption = False,
    max_file_size: Annotated[
        Optional[int], typer.Option("--max-file-size", min=1, help="Största filstorlek i byte. / Largest file, bytes.")
    ] = None,
    max_depth: Annotated[
        Optional[int], typer.Option("--max-depth", min=1, max=200, help="Största nästlingsdjup. / Deepest nesting.")
    ] = None,
    max_aliases: Annotated[
        Optional[int], typer.Option("--max-aliases", min=0, help="Flest YAML-alias. / Most YAML aliases.")
    ] = None,
    max_nodes: Annotated[
        Optional[int], typer.Option("--max-nodes", min=1, help="Flest värden i en fil. / Most values in a file.")
    ] = None,
    max_size: Annotated[
        Optional[int],
        typer.Option(
            "--max-size",
            min=MIN_MARKDOWN_SIZE,
            help="Längsta Markdown-rapport i tecken. / Longest Markdown report, characters.",
            show_default=False,
        ),
    ] = None,
    reviews: Annotated[
        Optional[list[str]],
        typer.Option(
            "--reviews",
            help="Granskningsfiler eller mappar att visa bredvid. / Review files or folders to show alongside.",
        ),
    ] = None,
    jobs: Annotated[
        Optional[int],
        typer.Option(
            "--jobs", "-j", min=1, help="Antal processer (standard: alla kärnor). / Processes (default: all cores)."
        ),
    ] = None,
    config_file: ConfigOption = None,
    no_config: NoConfigOption = False,
) -> None:
    """Granska ansökningar. / Check applications."""
    from sicheck.checker import CheckOptions
    from sicheck.runner import RenderOptions, RunTracker, render_run
    from sicheck.settings import CommandLine
    from sicheck.writing import Output

    line = CommandLine(
        format=output_format.value if output_format is not None else None,
        criteria=criteria,
        fail_under=fail_under,
        strict=strict,
        exit_zero=exit_zero,
        max_file_size=max_file_size,
        max_depth=max_depth,
        max_aliases=max_aliases,
        max_nodes=max_nodes,
        max_size=max_size,
    )
    context = run_context(
        lang, config_file=config_file, no_config=no_config, no_color=no_color, output=output, line=line
    )
    settings = context.settings
    with tool_errors(settings.lang):
        # DESIGN section 2: --criteria, else the file's own field, else the configuration.
        options = CheckOptions.of(settings, context.catalog)
        files = _files(paths, settings.config, settings.lang)
        # Every path is checked before the slow part, so a typo fails at once, and no
        # output may land on anything the run reads.
        destination = Output(
            output,
            inputs=run_inputs(files, settings, reviews=_review_files(reviews)),
        )
        tracker = RunTracker(context.policy)
        rendering = RenderOptions(
            format=settings.format or DEFAULT_FORMAT.value,
            lang=settings.lang,
            color=settings.color,
            width=settings.width,
            version=__version__,
            policy=context.policy,
            source_root=source_root(),
            max_size=settings.max_size,
        )
        # A follow-up report named on the command line is held against its application
        # after the checklist (`sicheck followup` does the same on its own).
        named = _followups([p for p in paths or [] if p != "-"])
        reports = [(path, shown) for path, shown in files if path in named]
        files = applications_only([(path, shown) for path, shown in files if path not in named], paths, settings)
        if reports:
            followups_failed = _check_with_followups(
                files, reports, options, rendering, tracker, jobs, destination, reviews
            )
            failed = tracker.failed or followups_failed
        elif reviews:
            review_problems = _check_with_reviews(files, options, rendering, tracker, reviews, jobs, destination)
            failed = tracker.failed or review_problems
        else:
            watch = _progress(len(files), settings.lang)
            chunks = render_run(files, options, rendering, tracker, jobs=jobs, watch=watch)
            write_output(chunks, destination, format_name=rendering.format)
            failed = tracker.failed
    raise typer.Exit(context.policy.exit_code(failed))


def _review_files(reviews: list[str] | None) -> list[tuple[str, str]]:
    """The review files named (a folder gives its YAML files); the review modules only when asked."""
    if not reviews:
        return []
    from sicheck.reviews.loading import review_files

    return review_files(reviews)


def _check_with_reviews(
    files: list[tuple[str, str]],
    options: CheckOptions,
    rendering: RenderOptions,
    tracker: RunTracker,
    reviews: list[str],
    jobs: int | None,
    output: Output,
) -> bool:
    """Check, attach the reviews, write the output; True when a review file had problems."""
    from sicheck.errors import UsageError
    from sicheck.i18n import msg
    from sicheck.model import Report
    from sicheck.render import reviewed as reviewed_format
    from sicheck.reviews.loading import review_files
    from sicheck.runner import check_and_review, criteria_sets

    if rendering.format not in reviewed_format.FORMATS_WITH_REVIEWS:
        raise UsageError(msg("check-reviews-format"))
    # Every review path is checked before the slow part, so a typo fails at once.
    sources = review_files(reviews)
    run = check_and_review(files, options, sources, tracker, jobs=jobs, watch=_progress(len(files), rendering.lang))
    report = Report(
        results=run.results,
        summary=tracker.summary,
        version=rendering.version,
        policy=rendering.policy,
        criteria_sets=criteria_sets(run.results, options.catalog),
    )
    text = reviewed_format.render(
        report,
        run.reviewed,
        run.problems,
        format_name=rendering.format,
        lang=rendering.lang,
        color=rendering.color,
        width=rendering.width,
    )
    write_output(text, output, format_name=rendering.format)
    return bool(run.problems)


def _followups(named: list[str]) -> set[str]:
    from sicheck.kinds import followup_paths

    return followup_paths(named)


def _check_with_followups(
    files: list[tuple[str, str]],
    reports: list[tuple[str, str]],
    options: CheckOptions,
    rendering: RenderOptions,
    tracker: RunTracker,
    jobs: int | None,
    output: Output,
    reviews: list[str] | None,
) -> bool:
    """Check the applications, then follow up those the reports name; True when a follow-up fails."""
    import json

    from sicheck.errors import UsageError
    from sicheck.followup import render as render_followups
    from sicheck.followup.json_format import followup, summary
    from sicheck.followup.model import FollowupRun
    from sicheck.followup.pairing import follow_up_all
    from sicheck.i18n import msg
    from sicheck.render.json_format import document
    from sicheck.runner import check_all, render_run

    if reviews or rendering.format not in FORMATS_WITH_FOLLOWUPS:
        raise UsageError(msg("followup-check-format"))
    followed = follow_up_all(files, reports, limits=options.limits)
    run = FollowupRun(followed, rendering.version, strict=rendering.policy.strict)
    watch = _progress(len(files), rendering.lang)

    def chunks() -> Iterator[str]:
        if rendering.format == "json":
            # The check JSON as a value, with the follow-ups beside the applications.
            results = check_all(files, options, tracker, jobs=jobs, watch=watch)
            found = document(results, tracker.summary, rendering.version, rendering.lang)
            found["followups"] = [followup(r, rendering.lang) for r in run.followups]
            found["followup_summary"] = summary(run)
            yield json.dumps(found, ensure_ascii=False, indent=2) + "\n"
            return
        yield from render_run(files, options, rendering, tracker, jobs=jobs, watch=watch)
        yield "\n" + render_followups(
            rendering.format, run, lang=rendering.lang, color=rendering.color, width=rendering.width
        )

    write_output(chunks(), output, format_name=rendering.format)
    return run.failed


# Formats that can show follow-ups after the checklist; `sicheck followup` has html too.
FORMATS_WITH_FOLLOWUPS = ("text", "json", "markdown")


def _progress(total: int, lang: str) -> Callable[[Iterator[Outcome]], Iterator[Outcome]]:
    from sicheck.i18n import msg

    return progress(total, msg("progress-checking").get(lang))


def _files(paths: list[str] | None, settings: Config, lang: str) -> list[tuple[str, str]]:
    """The files to check: those named, else the configuration's paths, less its exclusions."""
    import os

    from sicheck.errors import UsageError
    from sicheck.i18n import msg

    if paths:
        given = paths
    elif settings.paths:
        # Relative to the working directory, so names in the output read as the user expects.
        given = [os.path.relpath(p) if p.is_absolute() else str(p) for p in settings.paths]
    else:
        raise UsageError(msg("no-paths"))
    # Exclusions apply to named files too: pre-commit names every changed YAML file, and
    # a workflow file must not be checked as an application. When all are excluded there
    # is nothing to check, which is a success, not a usage error.
    return collect_files(given, lang, excluded=settings.excluded)


# "\b" keeps the lines as they are written (the help would otherwise rewrap them).
EXIT_CODES_HELP = (
    "\b\n"
    "Slutkoder / Exit codes:\n"
    "  0  alla ansökningar uppfyller kraven (och når --fail-under)\n"
    "     every application eligible (and at or over --fail-under)\n"
    "  1  någon uppfyller inte kraven, kan inte bedömas eller ligger under gränsen\n"
    "     at least one ineligible, invalid or under the threshold\n"
    "  2  fel i kommandot eller konfigurationen, eller okänd eller trasig kriteriefil\n"
    "     usage or configuration error, or an unknown or broken criteria set"
)


def register(app: typer.Typer) -> None:
    app.command("check", epilog=EXIT_CODES_HELP)(check)
