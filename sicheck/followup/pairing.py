"""Pair follow-up reports with the applications they follow up, for ``check`` and ``report``."""

from __future__ import annotations

import os
from collections.abc import Sequence

from sicheck.followup.analysis import follow_up, unmatched
from sicheck.followup.load import load_followup
from sicheck.followup.model import FollowupFile, FollowupResult
from sicheck.loader import Limits
from sicheck.model import ApplicationResult
from sicheck.reading import real_path
from sicheck.reviews.merging import ApplicationIndex


def follow_up_all(
    applications: Sequence[tuple[str, str]], reports: Sequence[tuple[str, str]], *, limits: Limits | None = None
) -> tuple[FollowupResult, ...]:
    """Each application that has reports, followed up with them, in the applications' order.

    ``applications`` and ``reports`` are ``(path to read, name to show)``. A report is
    matched by its ``application`` field against the applications given, and else read as
    a path relative to the report's folder; a report that finds none is a result of its own.
    """
    loaded = [load_followup(path, shown) for path, shown in reports]
    stand_ins = [ApplicationResult(path, None, None, "eligible", None) for path, _ in applications]
    index = ApplicationIndex(stand_ins)
    per_application: dict[int, list[FollowupFile]] = {}
    outside: dict[str, tuple[str, list[FollowupFile]]] = {}
    lost: list[FollowupFile] = []
    for item in loaded:
        if item.report is None:
            lost.append(item)
            continue
        folder = real_path(item.file).parent
        matches = index.find(item.report.application, folder)
        if len(matches) == 1:
            per_application.setdefault(matches[0], []).append(item)
            continue
        beside = folder / item.report.application
        if not matches and beside.is_file():
            key = str(real_path(beside))
            outside.setdefault(key, (os.path.relpath(beside), []))[1].append(item)
            continue
        lost.append(item)
    results = [
        follow_up(applications[i][0], files, shown=applications[i][1], limits=limits)
        for i, files in sorted(per_application.items())
    ]
    results += [follow_up(path, files, shown=shown, limits=limits) for path, (shown, files) in sorted(outside.items())]
    results += [unmatched(item, [name for _, name in applications]) for item in lost]
    return tuple(results)
