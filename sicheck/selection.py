"""Which of the files a run is given are applications: the rest are skipped and counted.

pre-commit passes every changed YAML file of a repository, and a folder of applications
often holds other YAML: review files, a criteria set of one's own, the configuration, a
``mkdocs.yml``. None of them is an application, and checking one as an application only
gives a "cannot be assessed" that blocks the commit. A file is skipped when

- it is a review file, a follow-up report, a criteria set or sicheck's configuration (told
  from its name or its top-level keys, `sicheck.kinds`); a follow-up report *named* on the
  command line never gets here: `check` holds it against its application;
- it lies in one of the configured ``criteria-dirs``;
- it was named on its own (not found in a folder) and lies outside the configured
  ``paths``, when the configuration has any.

Nothing here prints: the command line says how many were skipped and why.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sicheck.config import YAML_NAMES, Config
from sicheck.kinds import is_criteria_set, is_followup, is_review

# Why a file is skipped, in the order the command line lists the reasons.
REASONS = ("review", "followup", "criteria-set", "configuration", "criteria-dirs", "outside-paths")

# The kind of a file is told from its top-level keys; an application is a few kilobytes,
# so this much holds the keys of any real one (a larger file is read no further).
HEAD_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Selection:
    """The applications to check, and how many files were skipped for each reason."""

    applications: list[tuple[str, str]]
    skipped: Counter[str] = field(default_factory=Counter)


def _inside(file: Path, folder: Path) -> bool:
    return file == folder or folder in file.parents


def _head(path: str) -> bytes | None:
    """The start of a file the check will read; None for anything else, which the check
    reports with its reason (a FIFO, a device or a ``/proc`` file is never opened)."""
    from sicheck.reading import head

    return head(path, HEAD_BYTES)


def reason_to_skip(path: str, config: Config, *, named: bool) -> str | None:
    """Why ``path`` is not an application, or None when it is checked as one."""
    if path == "-":
        return None
    absolute = Path(os.path.abspath(path))
    if absolute.name in YAML_NAMES:
        return "configuration"
    if any(_inside(absolute, Path(os.path.abspath(folder))) for folder in config.criteria_dirs):
        return "criteria-dirs"
    if named and config.paths and not any(_inside(absolute, Path(os.path.abspath(p))) for p in config.paths):
        return "outside-paths"
    head = _head(path)
    if head is not None:
        if is_review(head):
            return "review"
        if is_followup(head):
            return "followup"
        if is_criteria_set(head):
            return "criteria-set"
    return None


def select(files: Sequence[tuple[str, str]], config: Config, named: Sequence[str]) -> Selection:
    """Keep the applications among ``files``; ``named`` are the paths given one by one."""
    given = {os.path.abspath(path) for path in named if path != "-"}
    kept: list[tuple[str, str]] = []
    skipped: Counter[str] = Counter()
    for path, shown in files:
        reason = reason_to_skip(path, config, named=os.path.abspath(path) in given)
        if reason is None:
            kept.append((path, shown))
        else:
            skipped[reason] += 1
    return Selection(kept, skipped)


__all__ = ["REASONS", "Selection", "reason_to_skip", "select"]
