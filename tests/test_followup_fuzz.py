"""Fuzzing the follow-up: whatever a report holds, a result comes back and every format renders.

Line-mutated sample reports (lines dropped, doubled, swapped, values replaced by the values
that caused trouble in HARDENING.md) go through loading, the analysis against the sample
applications, and every follow-up format in both languages. ``SICHECK_FUZZ_EXAMPLES`` sets
the number of examples for a longer run.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sicheck.followup import FORMATS, render
from sicheck.followup.analysis import follow_up
from sicheck.followup.load import load_followup_bytes
from sicheck.followup.model import FollowupRun

from .conftest import ROOT

EXAMPLES = max(20, int(os.environ.get("SICHECK_FUZZ_EXAMPLES", "150")) // 3)
REPORTS = sorted((ROOT / "sample_followups").rglob("*.yaml"))
APPLICATIONS = {
    "tmr": str(ROOT / "sample_applications" / "tmr.yaml"),
    "utmanande-avstamp-2": str(ROOT / "sample_applications" / "utmanande-avstamp-2.yaml"),
}
ODD_VALUES = [
    "",
    "~",
    "no",
    "-1",
    "1e999",
    ".nan",
    "2016-02-30",
    "0001-01-01",
    "9999-12-31",
    "[]",
    "{}",
    "&a [1]",
    "*a",
    "!!python/object:os.system x",
    '"\\x1b[31m\\u202e"',
    "[bold]x[/]",
    "E9",
]


@st.composite
def mutated_report(draw: st.DrawFn) -> tuple[str, bytes]:
    path = draw(st.sampled_from(REPORTS))
    lines = path.read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "double", "value", "swap"]))
        if action == "drop":
            del lines[index]
        elif action == "double":
            lines.insert(index, lines[index])
        elif action == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        elif ":" in lines[index]:
            key = lines[index].split(":", 1)[0]
            lines[index] = f"{key}: {draw(st.sampled_from(ODD_VALUES))}"
        if not lines:
            lines = ["x: 1"]
    return APPLICATIONS[path.parent.name], ("\n".join(lines) + "\n").encode()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_report())
def test_any_report_gives_a_result_in_every_format(case: tuple[str, bytes]) -> None:
    application, data = case
    loaded = load_followup_bytes(data, str(ROOT / "sample_followups" / "x" / "fuzz.yaml"))
    assert loaded.report is not None or loaded.problems
    result = follow_up(application, [loaded])
    for gap in result.gaps:
        assert gap.problem.location.line >= 1 and gap.problem.location.column >= 1
    run = FollowupRun((result,), "0", sparklines=True)
    for name in FORMATS:
        for lang in ("sv", "en"):
            text = render(name, run, lang=lang)
            assert "\x1b" not in text
            if name == "json":
                # Data, as in the check JSON: kept exactly (control characters as JSON escapes).
                json.loads(text)
            else:
                assert "\u202e" not in text


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_are_a_result(data: bytes) -> None:
    loaded = load_followup_bytes(data, "bytes.yaml")
    assert loaded.report is not None or loaded.problems
