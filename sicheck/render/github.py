"""The GitHub Actions format: workflow commands that annotate the pull request.

One ``::error`` or ``::warning`` command per gap, with file, line, column and a title,
grouped per application, and a one-line summary at the end.

Escaping follows the runner's rules: ``%``, CR and LF in a command's data, and also
``:`` and ``,`` in its properties. A file name is given exactly, so that the annotation
lands on that file: CR and LF in it are percent-encoded (the runner decodes them), and a
tab stays a tab (the runner keeps it, and has no escape for it). Paths are relative to
the repository root, as the runner resolves them, whatever the job's working directory.

Every line sicheck writes starts with a command or with ``sicheck:``; application text is
made visible and kept on that line, so it can never start a workflow command of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sicheck.i18n import msg, number_text
from sicheck.model import ApplicationResult, Problem, Report
from sicheck.render.gaps import (
    criterion_of,
    gap_message,
    gaps,
    level,
    printable,
    relative_path,
    rule_name,
    source_root,
)

_BREAKS = re.compile(r"([\t\n\r])")


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def escape_file(path: str) -> str:
    """A file name for the ``file`` property: exact, so the runner decodes it to the same name.

    Other control characters are made visible: they could colour or rewrite the log.
    """
    kept = "".join(part if part in "\t\n\r" else printable(part, keep_lines=True) for part in _split_breaks(path))
    return escape_property(kept)


def _split_breaks(text: str) -> list[str]:
    return [part for part in _BREAKS.split(text) if part]


def _title(problem: Problem, result: ApplicationResult, lang: str) -> str:
    criterion = criterion_of(result, problem.criterion)
    if criterion is not None:
        return f"{problem.code} ({criterion.id} {criterion.title.get(lang)})"
    return f"{problem.code} ({rule_name(problem.code).get(lang)})"


def _annotation(problem: Problem, result: ApplicationResult, report: Report, lang: str) -> str:
    properties: list[str] = []
    path = relative_path(result.file, source_root(report))
    if path is not None:
        properties += [
            f"file={escape_file(path)}",
            f"line={problem.location.line}",
            f"col={problem.location.column}",
        ]
    properties.append(f"title={escape_property(printable(_title(problem, result, lang)))}")
    message = printable(gap_message(problem).get(lang))
    if path is None:  # no file to annotate: say in the message where it is
        message = f"{printable(result.file)}:{problem.location.line}:{problem.location.column}: {message}"
    if problem.hint is not None:
        message += "\n→ " + printable(problem.hint.get(lang))
    return f"::{level(problem, result, report)} {','.join(properties)}::{escape_data(message)}"


def _group(result: ApplicationResult, lang: str) -> str:
    title = printable(result.title) if result.title else msg("untitled").get(lang)
    verdict = msg(f"verdict-{result.verdict}").get(lang)
    name = f"{verdict}: {printable(result.file)} – {title}"
    if result.score is not None:
        name += f" ({msg('score-line', score=number_text(result.score)).get(lang)})"
    return f"::group::{escape_data(name)}"


# Which checks of a criterion this format shows: none (one annotation per gap).
CHECKS_SHOWN = "none"


def chunks(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> Iterator[str]:
    """The commands one application at a time, then the summary line."""
    for result in report.results:
        lines = [_group(result, lang)]
        lines.extend(_annotation(problem, result, report, lang) for problem in gaps(result, report))
        lines.append("::endgroup::")
        yield "".join(line + "\n" for line in lines)
    summary = report.summary
    parts = [summary.line().get(lang)]
    limit = report.policy.fail_under
    under = sum(report.policy.under_threshold(r) for r in report.results)
    if limit is not None and under:
        parts.append(msg("summary-under-threshold", count=under, threshold=number_text(limit)).get(lang))
    if report.policy.strict and summary.warned:
        parts.append(msg("summary-warnings-strict", count=summary.warned).get(lang))
    yield "sicheck: " + " ".join(parts) + "\n"


def render(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return "".join(chunks(report, lang=lang, color=color, width=width))
