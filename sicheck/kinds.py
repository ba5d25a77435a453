"""What kind of sicheck file a YAML file is, told from its top-level keys before it is parsed.

Applications, review files, criteria sets and configuration are all YAML, and people keep
them side by side: a reviews folder inside the applications folder, a criteria set in the
repository that `check` is pointed at. The kinds are told apart by keys that only one of
them has at its top level. The test works on the bytes, so a review with a YAML mistake in
it is still recognised as a review (and not reported as a broken application).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# A top-level key is a line that starts in column 0 with the key, optionally quoted, and a
# colon followed by a space or the end of the line. Lines inside block scalars, nested
# mappings and continued plain scalars are indented, so they never match.
_REVIEW_KEY = re.compile(rb"""^["']?(reviewer|application)["']?[ \t]*:(?:[ \t]|\r?$)""", re.MULTILINE)


def is_review(data: bytes) -> bool:
    """True when ``data`` has both ``reviewer`` and ``application`` as top-level keys.

    Those two keys make a review file (``schemas/review-1.schema.json`` requires both),
    and no application has either: its applicant is ``applicant``.
    """
    if b"reviewer" not in data or b"application" not in data:
        return False
    found = {match.group(1) for match in _REVIEW_KEY.finditer(data.removeprefix(b"\xef\xbb\xbf"))}
    return len(found) == 2


_FOLLOWUP_KEY = re.compile(rb"""^["']?(period|application)["']?[ \t]*:(?:[ \t]|\r?$)""", re.MULTILINE)


def is_followup(data: bytes) -> bool:
    """True when ``data`` has both ``application`` and ``period`` as top-level keys.

    Those two keys make a follow-up report (``schemas/followup-1.schema.json`` requires
    both); an application has neither, and a review has no ``period``.
    """
    if b"period" not in data or b"application" not in data:
        return False
    found = {match.group(1) for match in _FOLLOWUP_KEY.finditer(data.removeprefix(b"\xef\xbb\xbf"))}
    return len(found) == 2


# The largest follow-up report sicheck reads (`sicheck.followup.load` holds it to this).
FOLLOWUP_MAX_FILE_SIZE = 512 * 1024


def followup_paths(named: Sequence[str]) -> set[str]:
    """Which of the files named on a command line are follow-up reports.

    Only regular files are read (never a FIFO, a device or a ``/proc`` file), and at most
    the follow-up size limit: the test needs the top-level keys, not the whole file. It
    lives here, with no import of the follow-up modules, because `check` asks it on every
    call.
    """
    from sicheck.reading import head

    found: set[str] = set()
    for path in named:
        start = head(path, FOLLOWUP_MAX_FILE_SIZE + 1)
        if start is not None and is_followup(start):
            found.add(path)
    return found


_CRITERIA_SET_KEY = re.compile(rb"""^["']?(id|version|criteria)["']?[ \t]*:(?:[ \t]|\r?$)""", re.MULTILINE)


def is_criteria_set(data: bytes) -> bool:
    """True when ``data`` has ``id``, ``version`` and ``criteria`` as top-level keys.

    Those three make a criteria set (``schemas/criteria.meta.json`` requires them); an
    application may name its set in ``criteria`` but has neither ``id`` nor ``version``
    at its top level.
    """
    if b"version" not in data or b"criteria" not in data:
        return False
    found = {match.group(1) for match in _CRITERIA_SET_KEY.finditer(data.removeprefix(b"\xef\xbb\xbf"))}
    return len(found) == 3
