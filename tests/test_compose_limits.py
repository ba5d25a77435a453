"""Limits hold while composing, before the tree is built; and the loader's edge messages."""

from __future__ import annotations

import tracemalloc

import pytest

from sicheck import loader
from sicheck.loader import Limits, load_yaml


def test_a_huge_flow_mapping_stops_at_the_node_limit_while_composing() -> None:
    data = b"{" + b",".join([b"a"] * 1_000_000) + b"}"
    tracemalloc.start()
    try:
        loaded = load_yaml(data, Limits(max_file_size=3_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert loaded.problem is not None and loaded.problem.code == "too-many-nodes"
    # Stopped where the limit was passed, not after the whole line was composed.
    assert loaded.problem.location.column < 2 * Limits().max_nodes + 10
    assert peak < 200 * 1024 * 1024


def test_small_files_take_the_c_composer_and_large_ones_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    for cls in (loader._FastLoader, loader._CountingLoader):
        original = cls.__init__

        def spy(self: object, *args: object, _original: object = original, _name: str = cls.__name__) -> None:
            made.append(_name)
            _original(self, *args)  # type: ignore[operator]

        monkeypatch.setattr(cls, "__init__", spy)
    load_yaml(b"a: 1\n")
    load_yaml(b"a: [" + b"1, " * 40_000 + b"1]\n")
    assert made == ["_FastLoader", "_CountingLoader"]


def test_the_node_limit_holds_for_a_small_limit_too() -> None:
    small = b"a: [" + b"1, " * 60 + b"1]\n"  # 62 nodes, over a limit of 50
    loaded = load_yaml(small, Limits(max_nodes=50))
    assert loaded.problem is not None and loaded.problem.code == "too-many-nodes"


def test_aliases_are_counted_while_composing() -> None:
    data = b"a: &x [1]\n" + b"".join(b"b%d: *x\n" % i for i in range(30)) + b"pad: " + b"x" * 60_000 + b"\n"
    loaded = load_yaml(data)
    assert loaded.problem is not None and loaded.problem.code == "alias"
    assert loaded.problem.location.line == 22  # the 21st use, past the limit of 20


@pytest.mark.parametrize("source", [b"title: ! 12\n", b"title: !\n", b"--- !\n", b"a: [! x]\n", b"a: {b: ! c}\n"])
def test_the_non_specific_tag_is_refused(source: bytes) -> None:
    loaded = load_yaml(source)
    assert loaded.problem is not None and loaded.problem.code == "tag"


def test_an_exclamation_mark_in_text_is_text() -> None:
    loaded = load_yaml(b"a: Hej!\nb: 'x ! y'\nc: x ! y\n")
    assert loaded.document is not None
    assert loaded.document.value == {"a": "Hej!", "b": "x ! y", "c": "x ! y"}


@pytest.mark.parametrize(
    ("source", "line"),
    [(b"---\n", 1), (b"null\n", 1), (b"~\n", 1), (b"# note\n\n---\n", 3), (b"--- # c\n", 1), (b"# c\n--- ~\n", 2)],
)
def test_an_explicitly_empty_document_is_an_empty_file(source: bytes, line: int) -> None:
    loaded = load_yaml(source)
    assert loaded.problem is not None
    assert loaded.problem.code == "empty"
    assert loaded.problem.location.line == line


def test_a_duplicate_anchor_is_named_with_its_first_line() -> None:
    loaded = load_yaml(b"a: &first 1\nb: 2\nc: &first [3]\n")
    assert loaded.problem is not None
    assert loaded.problem.code == "duplicate-anchor"
    assert (loaded.problem.location.line, loaded.problem.location.column) == (3, 4)
    assert "&first" in loaded.problem.message.en and "line 1" in loaded.problem.message.en
