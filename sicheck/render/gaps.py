"""What the CI formats (junit, sarif, github, markdown) share: gaps, levels, rule names, file paths.

The CI formats must agree with the exit code: a gap they show as an error is one that
fails the run, and the run policy (`sicheck.policy.RunPolicy.level`) says which. A failing
check of a criterion that is not required is a warning (it never makes an application
ineligible); under ``--strict`` every warning is an error; a score under ``--fail-under``
is a gap of its own, located at the top of the file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

from sicheck.i18n import CATALOGUE, Text, msg, number_text
from sicheck.model import ApplicationResult, CriterionResult, Location, Problem, Report, Severity
from sicheck.sanitize import one_line, visible

STDIN = "<stdin>"
FAIL_UNDER = "fail-under"

# Problem codes of the tool itself (file, YAML, schema and structure problems), in the
# order they are listed as SARIF rules. Each has a "rule-<code>" catalogue entry.
TOOL_CODES: tuple[str, ...] = (
    "file-unreadable",
    "too-large",
    "encoding",
    "yaml-syntax",
    "empty",
    "multiple-documents",
    "not-mapping",
    "duplicate-key",
    "duplicate-anchor",
    "alias",
    "alias-recursive",
    "too-many-nodes",
    "too-deep",
    "tag",
    "complex-key",
    "schema",
    "unknown-key",
    "duplicate-id",
    "reference",
    "org-id",
    "unknown-criteria",
    "internal-error",
    FAIL_UNDER,
)


def criterion_of(result: ApplicationResult, criterion_id: str | None) -> CriterionResult | None:
    if criterion_id is None:
        return None
    return next((c for c in result.criteria if c.id == criterion_id), None)


def level(problem: Problem, result: ApplicationResult, report: Report) -> Severity:
    """The level a CI format shows: ``error`` exactly when the gap fails the run (the run policy)."""
    return report.policy.level(result, problem)


def gaps(result: ApplicationResult, report: Report) -> tuple[Problem, ...]:
    """The application's problems, plus a score under the threshold when there is one.

    An invalid file already fails and has no score, so it gets no threshold gap.
    """
    limit = report.policy.fail_under
    if limit is None or result.score is None or result.score >= limit:
        return result.problems
    score_gap = Problem(
        "error",
        FAIL_UNDER,
        msg("fail-under-message", score=number_text(result.score), threshold=number_text(limit)),
        Location("", 1, 1),
        hint=msg("fail-under-hint"),
    )
    return (*result.problems, score_gap)


def rule_name(code: str) -> Text:
    """A short bilingual name for a tool problem code (criteria checks have their own texts)."""
    message_id = f"rule-{code}"
    if message_id in CATALOGUE:
        return msg(message_id)
    return msg("rule-other", code=code)


def rule_description(code: str) -> Text:
    """What a tool problem code means and why it matters, for a rule's full description."""
    message_id = f"rule-{code}-description"
    if message_id in CATALOGUE:
        return msg(message_id)
    return rule_name(code)


def gap_message(problem: Problem) -> Text:
    """What is wrong, in a sentence: a failing check's text is what the criterion asks for."""
    if problem.criterion is not None:
        return msg("gap-not-met", message=problem.message)
    return problem.message


def source_root(report: Report) -> Path:
    """The folder CI paths are relative to: the repository root the command line found.

    Without one (a renderer called directly), the working directory.
    """
    return report.source_root if report.source_root is not None else Path.cwd()


def relative_path(file: str, root: Path | None = None) -> str | None:
    """The file relative to ``root`` (default the working directory) with ``/`` separators.

    None for stdin. A file outside ``root`` (``../other/a.yaml``) keeps its absolute path,
    so that it can never be mistaken for a file inside the repository.
    """
    if file == STDIN:
        return None
    base = os.path.abspath(root if root is not None else Path.cwd())
    absolute = os.path.abspath(file)
    try:
        relative = os.path.relpath(absolute, base)
    except ValueError:  # another drive on Windows
        return PurePosixPath(Path(absolute).as_posix()).as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return PurePosixPath(relative.replace(os.sep, "/")).as_posix()


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str, *, keep_lines: bool = False) -> str:
    """Text with control characters visible and no lone surrogates; on one line unless asked.

    Surrogates come from file names that are not UTF-8 (Python keeps their bytes as
    surrogates); they cannot be written as UTF-8, so they become the original bytes
    decoded with replacement characters.
    """
    text = visible(text) if keep_lines else one_line(text)
    if not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
