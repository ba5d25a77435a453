"""The YAML loader: JSON types only, positions kept, limits enforced."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sicheck.loader import MAX_DEPTH_CEILING, Limits, load_yaml, plain_scalar


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("01234", 1234),
        ("-7", -7),
        ("1_000", "1_000"),
        ("1:30", "1:30"),
        ("0x1f", "0x1f"),
        ("0o17", "0o17"),
        ("2.5", 2.5),
        ("1e3", 1000.0),
        (".nan", ".nan"),
        (".inf", ".inf"),
        ("1e999", "1e999"),
        ("2015-08-01", "2015-08-01"),
        ("9" * 5000, "9" * 5000),
    ],
)
def test_plain_scalars_become_json_types_only(text: str, value: object) -> None:
    assert plain_scalar(text) == value
    assert type(plain_scalar(text)) is type(value)


def test_quoted_scalars_stay_text() -> None:
    loaded = load_yaml(b"a: '12'\nb: \"true\"\nc: |\n  hej\n")
    assert loaded.document is not None
    assert loaded.document.value == {"a": "12", "b": "true", "c": "hej\n"}


def test_keys_are_text_as_written() -> None:
    loaded = load_yaml(b"1: a\n~: b\nno: c\n")
    assert loaded.document is not None
    assert loaded.document.value == {"1": "a", "~": "b", "no": "c"}


def test_merge_key_is_not_special() -> None:
    loaded = load_yaml(b"a: &x {b: 1}\nc:\n  <<: *x\n")
    assert loaded.document is not None
    assert loaded.document.value["c"] == {"<<": {"b": 1}}


def test_positions_are_one_based_and_point_at_the_value() -> None:
    loaded = load_yaml(b"project:\n  title: X\nprincipals:\n  - id: a\n    kind: region\n")
    assert loaded.document is not None
    location = loaded.document.locate(("principals", 0, "kind"))
    assert (location.path, location.line, location.column) == ("principals[0].kind", 5, 11)
    key = loaded.document.locate_key(("principals", 0, "kind"))
    assert (key.line, key.column) == (5, 5)


def test_missing_path_points_at_nearest_parent() -> None:
    loaded = load_yaml(b"project:\n  title: X\ncontinuation:\n  plan: P\n")
    assert loaded.document is not None
    location = loaded.document.locate(("continuation", "receiver", "principal"))
    assert (location.path, location.line) == ("continuation", 4)


@pytest.mark.parametrize("depth", [10, 64])
def test_depth_at_the_limit_is_fine(depth: int) -> None:
    data = b"a: " + b"[" * (depth - 1) + b"]" * (depth - 1)
    assert load_yaml(data).document is not None


def _flow(n: int) -> bytes:
    return b"a: " + b"[" * n + b"]" * n


def _block_mapping(n: int) -> bytes:
    return b"".join(b"  " * i + b"k:\n" for i in range(n)) + b"  " * n + b"v\n"


def _block_sequence(n: int) -> bytes:
    return b"".join(b"  " * i + b"-\n" for i in range(n)) + b"  " * n + b"v\n"


@pytest.mark.parametrize(
    ("shape", "levels"),
    # Past libyaml's 1,000 levels; block nesting's indentation grows the file quadratically.
    [(_flow, 10_000), (_block_mapping, 1_100), (_block_sequence, 1_100)],
    ids=["flow", "block-map", "block-seq"],
)
def test_depth_over_the_limit_is_one_problem_whoever_refuses(shape: Callable[[int], bytes], levels: int) -> None:
    """sicheck's own limit (a 70-level file) and libyaml's (past 1,000 levels) give the same problem."""
    ours = load_yaml(shape(70)).problem
    libyamls = load_yaml(shape(levels)).problem
    assert ours is not None and libyamls is not None
    assert ours.code == libyamls.code == "too-deep"
    assert str(libyamls.message) == str(ours.message)
    assert libyamls.location == ours.location
    assert ours.location.line > 1 or ours.location.column > 1


def test_libyaml_refuses_deep_nesting_itself() -> None:
    """The guard the loader relies on (PyYAML 6.0.4 and later): no C recursion past 1,000 levels."""
    import yaml

    for data in (b"[" * 30_000, b"- " * 30_000 + b"x", b"{a: " * 30_000):
        with pytest.raises(yaml.YAMLError, match="exceeded maximum nesting depth"):
            yaml.compose(data, Loader=yaml.CSafeLoader)


def test_depth_limit_is_configurable_and_capped() -> None:
    data = b"a: " + b"[" * 9 + b"]" * 9
    assert load_yaml(data, Limits(max_depth=5)).problem is not None
    assert load_yaml(data, Limits(max_depth=10)).document is not None
    huge = Limits(max_depth=10**6)
    deep = b"a: " + b"[" * (MAX_DEPTH_CEILING + 10) + b"]" * (MAX_DEPTH_CEILING + 10)
    problem = load_yaml(deep, huge).problem
    assert problem is not None and problem.code == "too-deep"


def test_alias_budget_is_configurable() -> None:
    data = b"a: &x [1]\nb: *x\nc: *x\n"
    assert load_yaml(data, Limits(max_aliases=2)).document is not None
    problem = load_yaml(data, Limits(max_aliases=1)).problem
    assert problem is not None and problem.code == "alias"
    assert (problem.location.line, problem.location.column) == (3, 1)


def test_scalar_aliases_count_against_the_node_budget() -> None:
    data = b"a: &x hej\nb: [" + b", ".join([b"*x"] * 50) + b"]\n"
    problem = load_yaml(data, Limits(max_nodes=20)).problem
    assert problem is not None and problem.code == "too-many-nodes"


def test_node_budget() -> None:
    data = b"a: [" + b", ".join(b"1" for _ in range(200)) + b"]\n"
    assert load_yaml(data, Limits(max_nodes=300)).document is not None
    problem = load_yaml(data, Limits(max_nodes=100)).problem
    assert problem is not None and problem.code == "too-many-nodes"


def test_escaped_control_characters_are_kept_as_text() -> None:
    loaded = load_yaml(b'a: "\\e[31m\\x1b\\0"\n')
    assert loaded.document is not None
    assert loaded.document.value["a"] == "\x1b[31m\x1b\x00"
