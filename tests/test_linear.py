"""Rules and messages whose cost grows with the input, counted in steps rather than timed.

A reference is resolved through an index of its target list built once per application,
and a "did you mean" is computed only for a problem that is shown, against a capped list
of candidates. (How long a large run takes is measured in ``bench/``.)
"""

from __future__ import annotations

import difflib
from typing import Any

import pytest

from sicheck import i18n as schema_module
from sicheck import rules
from sicheck.application import MAX_PROBLEMS, validate
from sicheck.catalog import CriteriaCatalog
from sicheck.loader import Limits, load_yaml
from sicheck.model import ApplicationResult, Location
from sicheck.reviews.merging import attach
from sicheck.reviews.model import Review, ReviewFile
from sicheck.rules import compile_rule


class _CountingList(list[Any]):
    """A list that counts how often it is walked from the start."""

    walks = 0

    def __iter__(self) -> Any:
        type(self).walks += 1
        return super().__iter__()


def test_references_are_resolved_through_an_index_built_once() -> None:
    principals = _CountingList({"id": f"p{i}", "kind": "municipality"} for i in range(5000))
    _CountingList.walks = 0
    application = {"principals": principals, "refs": [f"p{i}" for i in range(0, 5000, 3)]}
    rule = compile_rule({"ref": {"path": "refs", "to": "principals"}})
    assert rule.test(application, application)
    assert rule.test(application, application)  # the same application again: no new index
    assert _CountingList.walks == 1


def test_the_index_keeps_the_rules_of_a_scan() -> None:
    rule = compile_rule({"ref": {"path": "r", "to": "items", "where": {"one_of": {"path": "kind", "values": ["a"]}}}})
    items = [{"id": 1, "kind": "b"}, {"id": 1, "kind": "a"}, {"id": True, "kind": "a"}, {"id": "x", "kind": "a"}]
    # The first item with the id decides, as a scan would; true is not 1; 1.0 is 1.
    assert not rule.test({"r": 1, "items": items}, {"r": 1, "items": items})
    assert rule.test({"r": True, "items": items}, {"r": True, "items": items})
    assert not rule.test({"r": 1.0, "items": items}, {"r": 1.0, "items": items})
    assert rule.test({"r": "x", "items": items}, {"r": "x", "items": items})
    assert not rule.test({"r": [1], "items": items}, {"r": [1], "items": items})
    # A new application gets a new index, never the last one's.
    other = [{"id": 1, "kind": "a"}]
    assert rule.test({"r": 1, "items": other}, {"r": 1, "items": other})
    assert rules._id_key([1]) is None


@pytest.fixture
def difflib_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    sizes: list[int] = []
    real = difflib.get_close_matches

    def counting(word: str, candidates: list[str], *args: Any, **kwargs: Any) -> list[str]:
        sizes.append(len(candidates))
        return real(word, candidates, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    return sizes


def test_suggestions_only_for_shown_reference_problems(difflib_calls: list[int]) -> None:
    lines = ["principals:"] + [f"  - {{id: p{i}, name: n, kind: municipality}}" for i in range(400)]
    lines += ["co_financing:"] + [f"  - {{principal: q{i}, hours: 1}}" for i in range(3000)]
    loaded = load_yaml("\n".join(lines).encode(), Limits(max_nodes=1_000_000))
    assert loaded.document is not None
    problems = validate(loaded.document)
    assert len(problems) == MAX_PROBLEMS + 1  # the shown ones, and one saying how many more
    # At most two per shown problem (the principal's name, then its id); none for the rest.
    assert MAX_PROBLEMS <= len(difflib_calls) <= 2 * MAX_PROBLEMS
    assert max(difflib_calls) <= schema_module.MAX_CANDIDATES


def test_suggestions_for_unmatched_reviews_use_a_capped_list(difflib_calls: list[int]) -> None:
    results = [
        ApplicationResult(
            file=f"apps/application-{i:05d}.yaml", title=None, criteria_set=None, verdict="invalid", score=None
        )
        for i in range(5000)
    ]
    loaded = []
    for i in range(300):
        review = Review(
            file=f"reviews/r{i}.yaml",
            application=f"aplication-{i:05d}.yaml",
            application_location=Location("", 1, 1),
            reviewer=f"R{i}",
            reviewer_location=Location("", 1, 1),
            recommendation=None,
            scores=(),
            comment=None,
        )
        loaded.append(ReviewFile(review.file, review))
    _, problems = attach(results, loaded, CriteriaCatalog())
    assert len(problems) == 300
    assert "application-00007.yaml" in problems[7].problem.message.en  # still a good suggestion
    assert max(difflib_calls) <= schema_module.MAX_CANDIDATES


def test_a_long_word_gets_no_suggestion(difflib_calls: list[int]) -> None:
    assert schema_module.suggestion("x" * 10_000, ["x" * 10_000]).en == ""
    assert difflib_calls == []


def test_suggestions_only_for_shown_unknown_keys(difflib_calls: list[int]) -> None:
    """49,000 unknown keys took 3 s: each got a "did you mean", though 100 are shown."""
    text = "project:\n  title: x\n" + "".join(f"projekt{i}: 1\n" for i in range(20_000))
    loaded = load_yaml(text.encode(), Limits(max_nodes=1_000_000, max_file_size=10_000_000))
    assert loaded.document is not None
    problems = validate(loaded.document)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].code == "unknown-key" and "'project'" in problems[0].message.en
    assert len(difflib_calls) <= MAX_PROBLEMS
    assert max(difflib_calls) <= schema_module.MAX_CANDIDATES
