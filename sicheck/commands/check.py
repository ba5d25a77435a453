"""``sicheck check``: screen applications and report verdicts, scores and gaps."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from sicheck import __version__
from sicheck.commands.common import (
    CriteriaOption,
    Lang,
    collect_files,
    for_the_log,
    progress_allowed,
    run_inputs,
    tool_errors,
    wants_color,
    width,
    with_progress,
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
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Skriv till fil. / Write to a file.")] = None,
    lang: Annotated[
        Optional[Lang], typer.Option("--lang", help="Språk (standard sv). / Language (default sv).", show_default=False)
    ] = None,
    fail_under: Annotated[
        Optional[float],
        typer.Option("--fail-under", min=0, max=100, help="Lägsta poäng i procent. / Lowest passing score, percent."),
    ] = None,
    strict: Annotated[
        Optional[bool],
        typer.Option("--strict/--no-strict", help="Varningar fäller också. / Warnings fail too.", show_default=False),
    ] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Avsluta alltid med 0. / Always exit 0.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Ingen färg. / No colour.")] = False,
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
    config_file: Annotated[
        Optional[Path],
        typer.Option(
            "--config",
            help="Konfigurationsfil i stället för den som hittas uppåt från arbetskatalogen. / "
            "Configuration file instead of the one found upward from the working directory.",
        ),
    ] = None,
    no_config: Annotated[
        bool,
        typer.Option("--no-config", help="Läs ingen konfigurationsfil. / Read no configuration file."),
    ] = False,
) -> None:
    """Granska ansökningar. / Check applications."""
    from dataclasses import replace

    from sicheck import criteria as criteria_sets
    from sicheck.checker import DEFAULT_CRITERIA, CheckOptions
    from sicheck.loader import Limits
    from sicheck.reviews import review_files
    from sicheck.runner import RenderOptions, RunTracker, render_run
    from sicheck.writing import Output

    with tool_errors(lang.value if lang is not None else "sv"):
        settings = _configuration(config_file, no_config)
    # Command-line options override the configuration, which overrides the defaults.
    lang_code = lang.value if lang is not None else settings.lang or "sv"
    format_name = output_format.value if output_format is not None else settings.format or DEFAULT_FORMAT.value
    fail_under = fail_under if fail_under is not None else settings.fail_under
    strict = strict if strict is not None else bool(settings.strict)
    with tool_errors(lang_code):
        limits = Limits()
        overrides = {
            "max_file_size": max_file_size if max_file_size is not None else settings.max_file_size,
            "max_depth": max_depth if max_depth is not None else settings.max_depth,
            "max_aliases": max_aliases if max_aliases is not None else settings.max_aliases,
            "max_nodes": max_nodes if max_nodes is not None else settings.max_nodes,
        }
        limits = replace(limits, **{k: v for k, v in overrides.items() if v is not None})
        criteria_dirs = settings.criteria_dirs
        if criteria is not None:
            # an unknown or broken set is a usage error, before any file
            criteria_sets.load(criteria, criteria_dirs)
        # DESIGN section 2: --criteria, else the file's own field, else the configuration.
        options = CheckOptions(
            criteria=criteria,
            default_criteria=settings.criteria or DEFAULT_CRITERIA,
            criteria_dirs=criteria_dirs,
            limits=limits,
        )
        files = _files(paths, settings, lang_code)
        # Every path is checked before the slow part, so a typo fails at once.
        review_sources = review_files(reviews) if reviews else []
        destination = Output(
            output,
            inputs=run_inputs(
                files,
                reviews=review_sources,
                criteria=(criteria, settings.criteria),
                criteria_dirs=criteria_dirs,
                config=settings.file,
            ),
        )
        tracker = RunTracker(fail_under=fail_under, strict=strict)
        rendering = RenderOptions(
            format=format_name,
            lang=lang_code,
            color=wants_color(no_color, output),
            width=width() if output is None else 100,
            version=__version__,
            extra={"fail_under": fail_under, "strict": strict, "criteria_dirs": criteria_dirs},
        )
        if reviews:
            review_problems = _check_with_reviews(files, options, rendering, tracker, review_sources, jobs, destination)
            failed = tracker.failed or review_problems
        else:
            watch = _progress(len(files), lang_code)
            chunks = render_run(files, options, rendering, tracker, jobs=jobs, watch=watch)
            destination.write(for_the_log(chunks, format_name, to_stdout=destination.is_stdout))
            failed = tracker.failed
    raise typer.Exit(0 if exit_zero or not failed else 1)


def _check_with_reviews(
    files: list[tuple[str, str]],
    options: CheckOptions,
    rendering: RenderOptions,
    tracker: RunTracker,
    reviews: list[tuple[str, str]],
    jobs: int | None,
    destination: Output,
) -> bool:
    """Check, attach the reviews, write the output; True when a review file had problems."""
    from sicheck.errors import UsageError
    from sicheck.i18n import msg
    from sicheck.model import Report
    from sicheck.render import reviewed as reviewed_format
    from sicheck.reviews import attach, load_review
    from sicheck.runner import outcomes

    if rendering.format not in reviewed_format.FORMATS_WITH_REVIEWS:
        raise UsageError(msg("check-reviews-format"))
    results = []
    for outcome in _progress(len(files), rendering.lang)(outcomes(files, options, None, jobs=jobs)):
        tracker.add(outcome)
        assert outcome.result is not None
        results.append(outcome.result)
    reviewed, problems = attach(results, [load_review(path, shown) for path, shown in reviews])
    report = Report(
        results=tuple(results),
        summary=tracker.summary,
        version=rendering.version,
        options={**rendering.extra, "format": rendering.format},
    )
    text = reviewed_format.render(
        report, reviewed, problems, lang=rendering.lang, color=rendering.color, width=rendering.width
    )
    destination.write(for_the_log(text, rendering.format, to_stdout=destination.is_stdout))
    return bool(problems)


def _progress(total: int, lang: str) -> Callable[[Iterator[Outcome]], Iterator[Outcome]]:
    """Pass outcomes through a progress bar that shows on a terminal once a run is slow."""
    from sicheck.i18n import msg

    label = msg("progress-checking").get(lang)
    allowed = progress_allowed()
    return lambda checked: with_progress(checked, total, label, allowed=allowed)


def _configuration(config_file: Path | None, no_config: bool) -> Config:
    """The repository configuration: the one named, none, or the nearest upward."""
    from sicheck import config
    from sicheck.errors import UsageError
    from sicheck.i18n import msg

    if config_file is not None and no_config:
        raise UsageError(msg("config-and-no-config"))
    if no_config:
        return config.Config()
    if config_file is not None:
        if not config_file.is_file():
            raise UsageError(msg("path-missing", path=str(config_file)))
        return config.load(config_file)
    return config.discover(Path.cwd())


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


def register(app: typer.Typer) -> None:
    app.command("check")(check)
