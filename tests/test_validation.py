"""The schema step: jsonschema decides, and each error becomes one located bilingual message."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from sicheck import schemas, validation
from sicheck.application import SCHEMA_RESOURCE as APPLICATION
from sicheck.application import validate
from sicheck.checker import CheckOptions, check_bytes
from sicheck.criteria import META_SCHEMA_RESOURCE as META
from sicheck.errors import CriteriaError
from sicheck.i18n import Text
from sicheck.loader import load_yaml
from sicheck.reviews.loading import SCHEMA_RESOURCE as REVIEW

from .conftest import CATALOG, ROOT, SAMPLES

SHIPPED = [APPLICATION, META, REVIEW, "config.schema.json"]
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))
CRITERIA_FILES = sorted((ROOT / "criteria").glob("*.yaml"))


def _load(path: Path) -> Any:
    loaded = load_yaml(path.read_bytes())
    assert loaded.document is not None, loaded.problem
    return loaded.document.value


def _valid(name: str, value: Any) -> bool:
    return not list(validation.violations(name, value))


def _problems(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, code, English message) of each schema or structure problem in a YAML text."""
    loaded = load_yaml(text.encode())
    assert loaded.document is not None, loaded.problem
    return [(p.location.line, p.location.column, p.code, p.message.en) for p in validate(loaded.document)]


# ---------------------------------------------------------------------------- the validators


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_schema_is_valid_draft_2020_12(name: str) -> None:
    Draft202012Validator.check_schema(schemas.document(name))


def test_each_validator_is_built_once_with_the_format_checker() -> None:
    first = validation.validator(APPLICATION)
    assert validation.validator(APPLICATION) is first
    assert first.format_checker is not None
    assert not first.is_valid({"project": {"start": "2015-02-30"}})


def test_every_keyword_in_the_shipped_schemas_has_its_own_message() -> None:
    """No violation of a shipped schema falls back to the generic message."""
    annotations = {"$schema", "$id", "$defs", "title", "description", "x-en", "examples", "$ref"}
    structural = {"properties", "patternProperties", "items"}  # errors come from inside them

    def keywords(node: Any) -> set[str]:
        found: set[str] = set()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("properties", "patternProperties", "$defs"):
                    for sub in value.values():
                        found |= keywords(sub)
                    found.add(key)
                else:
                    found.add(key)
                    found |= keywords(value) if isinstance(value, dict) else set()
        return found

    used = set().union(*(keywords(schemas.document(n)) for n in SHIPPED)) - annotations - structural
    assert used <= set(validation.MESSAGES), used - set(validation.MESSAGES)


# ---------------------------------------------------------------------------- shipped files


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_application_is_valid(path: Path) -> None:
    assert _valid(APPLICATION, _load(path))


@pytest.mark.parametrize("path", CRITERIA_FILES, ids=lambda p: p.name)
def test_shipped_criteria_file_is_valid(path: Path) -> None:
    assert _valid(META, _load(path))


@pytest.mark.parametrize("path", sorted((ROOT / "sample_reviews").rglob("*.yaml")), ids=lambda p: p.name)
def test_sample_review_is_valid(path: Path) -> None:
    assert _valid(REVIEW, _load(path))


# ---------------------------------------------------------------------------- decisions

SAMPLE = _load(SAMPLES / "tidiga-insatser-skolnarvaro.yaml")


def _set(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """The sample application with the value at ``path`` replaced (or added)."""
    document = copy.deepcopy(SAMPLE)
    target: Any = document
    for part in path[:-1]:
        target = target.setdefault(part, {}) if isinstance(target, dict) else target[part]
    target[path[-1]] = value
    return document


def _delete(path: tuple[str | int, ...]) -> dict[str, Any]:
    document = copy.deepcopy(SAMPLE)
    target: Any = document
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return document


SECTIONS = sorted(schemas.document(APPLICATION)["properties"])

# (case, document, valid as the application format says)
APPLICATIONS: list[tuple[str, Any, bool]] = [
    ("empty", {}, True),
    ("sample", SAMPLE, True),
    ("unknown-top-level-key", _set(("colour",), "blue"), False),
    ("unknown-nested-key", _set(("project", "titel"), "x"), False),
    ("unknown-key-in-list-item", _set(("principals", 0, "nmae"), "x"), False),
    ("x-key-top-level", _set(("x-internal",), {"anything": [1, None]}), True),
    ("x-key-in-list-item", _set(("effects", 0, "x-source"), None), True),
    ("X-uppercase-is-not-x", _set(("X-note",), "x"), False),
    ("negative-hours", _set(("co_financing", 0, "hours"), -1), False),
    ("zero-hours", _set(("co_financing", 0, "hours"), 0), True),
    ("negative-savings-allowed", _set(("socioeconomic", "savings_sek_per_year"), -5), True),
    ("list-where-mapping-belongs", _set(("project",), ["title", "x"]), False),
    ("mapping-where-list-belongs", _set(("principals",), {"id": "a"}), False),
    ("impossible-date", _set(("project", "start"), "2015-02-30"), False),
    ("leap-day", _set(("project", "start"), "2016-02-29"), True),
    ("not-leap-day", _set(("project", "start"), "2015-02-29"), False),
    ("compact-date", _set(("project", "start"), "20150801"), False),
    ("date-with-time", _set(("project", "end"), "2015-08-01T00:00:00"), False),
    ("date-trailing-newline", _set(("project", "end"), "2015-08-01\n"), False),
    ("date-non-ascii-digits", _set(("project", "end"), "٢٠١٥-08-01"), False),
    ("date-as-number", _set(("project", "end"), 20150801), False),
    ("milestone-impossible-date", _set(("implementation", "milestones", 0, "date"), "2016-13-01"), False),
    ("float-integer-size", _set(("target_group", "size"), 3.0), True),
    ("float-fraction-size", _set(("target_group", "size"), 3.5), False),
    ("true-where-number-belongs", _set(("co_financing", 0, "hours"), True), False),
    ("string-number", _set(("budget", "total_sek"), "3100000"), False),
    ("one-where-boolean-belongs", _set(("demarcation", "part_of_ordinary_operations"), 1), False),
    ("missing-principal-id", _delete(("principals", 0, "id")), False),
    ("empty-principal-id", _set(("principals", 0, "id"), ""), False),
    ("principal-id-with-space", _set(("principals", 0, "id"), "boras gsf"), False),
    ("principal-id-with-a-ring", _set(("principals", 0, "id"), "borås"), False),
    ("principal-id-trailing-newline", _set(("principals", 0, "id"), "boras\n"), False),
    ("org-id-good", _set(("principals", 0, "org_id"), "SE-ON-2120001561"), True),
    ("org-id-trailing-newline", _set(("principals", 0, "org_id"), "SE-ON-2120001561\n"), False),
    ("org-id-with-hyphen", _set(("principals", 0, "org_id"), "SE-ON-212000-1561"), False),
    ("org-id-non-ascii-digits", _set(("principals", 0, "org_id"), "SE-ON-٢١٢٠٠٠١٥٦١"), False),
    ("enum-typo-kind", _set(("principals", 0, "kind"), "municipallity"), False),
    ("enum-null-kind", _set(("principals", 0, "kind"), None), True),
    ("format-1", _set(("format",), 1), True),
    ("format-float-1", _set(("format",), 1.0), True),
    ("format-2", _set(("format",), 2), False),
    ("format-true", _set(("format",), True), False),
    ("top-level-list", [SAMPLE], False),
    ("principal-item-null", _set(("principals", 0), None), False),
    *[(f"null-section-{name}", _set((name,), None), True) for name in SECTIONS],
]


@pytest.mark.parametrize(("document", "valid"), [c[1:] for c in APPLICATIONS], ids=[c[0] for c in APPLICATIONS])
def test_application_decision(document: Any, valid: bool) -> None:
    assert _valid(APPLICATION, document) is valid


CRITERIA = _load(ROOT / "criteria" / "vgr@2015.yaml")


def _criteria_set(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    document = copy.deepcopy(CRITERIA)
    target: Any = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return document


def _rule(rule: Any) -> dict[str, Any]:
    return _criteria_set(("criteria", 0, "checks", 0, "rule"), rule)


CRITERIA_CASES: list[tuple[str, Any, bool]] = [
    ("shipped", CRITERIA, True),
    ("id-upper-case", _criteria_set(("id",), "VGR"), False),
    ("id-trailing-newline", _criteria_set(("id",), "vgr\n"), False),
    ("version-number", _criteria_set(("version",), 2015), False),
    ("valid-from-impossible", _criteria_set(("valid_from",), "2015-02-30"), False),
    ("title-blank", _criteria_set(("title", "sv"), "  \n"), False),
    ("title-no-break-spaces", _criteria_set(("title", "sv"), "\xa0\u3000"), False),
    ("title-missing-en", _criteria_set(("title",), {"sv": "x"}), False),
    ("no-criteria", _criteria_set(("criteria",), []), False),
    ("weight-zero", _criteria_set(("criteria", 0, "weight"), 0), False),
    ("severity-typo", _criteria_set(("criteria", 0, "checks", 0, "severity"), "eror"), False),
    ("check-id-trailing-newline", _criteria_set(("criteria", 0, "checks", 0, "id"), "VGR-01.a\n"), False),
    ("rule-two-keys", _rule({"present": "a", "not": {"present": "b"}}), False),
    ("rule-empty", _rule({}), False),
    ("words-min-13", _rule({"words": {"path": "a", "min": 13}}), False),
    ("words-min-float", _rule({"words": {"path": "a", "min": 3.0}}), True),
    ("path-bad", _rule({"present": "a..b"}), False),
    ("path-trailing-newline", _rule({"present": "a.b\n"}), False),
    ("path-dot", _rule({"present": "."}), True),
    ("deep-not-bad", _rule({"not": {"not": {"not": {"present": 1}}}}), False),
]


@pytest.mark.parametrize(("document", "valid"), [c[1:] for c in CRITERIA_CASES], ids=[c[0] for c in CRITERIA_CASES])
def test_criteria_decision(document: Any, valid: bool) -> None:
    assert _valid(META, document) is valid


# ---------------------------------------------------------------------------- messages


def test_a_value_that_looks_like_a_placeholder_is_shown_as_written() -> None:
    text = "principals:\n  - id: a\n    kind: '{field}'\n"
    assert _problems(text) == [
        (
            3,
            11,
            "schema",
            "'principals[0].kind' cannot be '{field}'. Choose one of: 'municipality', 'region', "
            "'state_agency', 'coordination_association', 'university', 'private', 'nonprofit', 'other'.",
        )
    ]


def test_a_key_that_looks_like_a_placeholder_is_shown_as_written() -> None:
    assert _problems("project:\n  '{field}': x\n") == [(2, 3, "unknown-key", "Unknown key '{field}'.")]


def test_a_value_with_braces_in_both_languages() -> None:
    loaded = load_yaml(b"method:\n  kind: '{key} {0} {'\n")
    assert loaded.document is not None
    (problem,) = validate(loaded.document)
    assert "'{key} {0} {'" in problem.message.sv
    assert "'{key} {0} {'" in problem.message.en


def test_wrong_type_is_one_problem_not_one_per_keyword() -> None:
    # `format` has a type and an enum: a text is reported once, as the wrong type.
    assert _problems("format: one\n") == [
        (1, 9, "schema", "'format' must be a whole number, but is a text."),
    ]


def test_each_missing_key_is_its_own_problem() -> None:
    found = _problems("principals:\n  - name: Borås stad\n")
    assert found == [(2, 5, "schema", "'id' is missing in 'principals[0]'. Add id: there.")]
    review = load_yaml(b"recommendation: yes\n")
    assert review.document is not None
    missing = [v.key for v in validation.violations(REVIEW, review.document.value) if v.keyword == "required"]
    assert missing == ["application", "reviewer"]


def test_each_unknown_key_is_its_own_problem_at_the_key_with_a_suggestion() -> None:
    assert _problems("projekt:\n  title: x\ncolour: blue\n") == [
        (1, 1, "unknown-key", "Unknown key 'projekt'. Did you mean 'project'?"),
        (3, 1, "unknown-key", "Unknown key 'colour'."),
    ]


def test_enum_suggestion_in_both_languages() -> None:
    loaded = load_yaml(b"principals:\n  - id: a\n    kind: municipallity\n")
    assert loaded.document is not None
    (problem,) = validate(loaded.document)
    assert problem.message.sv.endswith(" Menade du 'municipality'?")
    assert problem.message.en.endswith(" Did you mean 'municipality'?")


def test_problems_follow_the_file_from_top_to_bottom() -> None:
    text = "target_group:\n  size: -1\nproject:\n  start: 2015-02-30\n  titel: x\nformat: 2\n"
    lines = [line for line, *_ in _problems(text)]
    assert lines == [2, 4, 5, 6]


def test_messages_name_types_in_the_message_language() -> None:
    loaded = load_yaml(b"method:\n  kind: [new]\n")
    assert loaded.document is not None
    (problem,) = validate(loaded.document)
    assert "en lista" in problem.message.sv
    assert "a list" in problem.message.en


def test_at_most_a_hundred_problems_and_a_count_of_the_rest() -> None:
    text = "".join(f"unknown{i}: x\n" for i in range(250))
    found = _problems(text)
    assert len(found) == 101
    assert found[99][:3] == (100, 1, "unknown-key")
    assert found[100][2] == "too-many-problems"
    assert "150" in found[100][3]


def test_a_hint_is_one_function_in_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hints for common mistakes plug in per keyword, after the message."""

    def decimal_comma(v: validation.Violation) -> Text | None:
        if isinstance(v.value, str) and re.fullmatch(r"[0-9]+,[0-9]+", v.value):
            return Text(" Skriv decimaltal med punkt.", " Write decimals with a point.")
        return None

    monkeypatch.setitem(validation.HINTS, "type", (decimal_comma,))
    (found,) = _problems("effects:\n  - id: E1\n    baseline: 18,0\n")
    assert found[3] == "'effects[0].baseline' must be a number, but is a text. Write decimals with a point."
    (plain,) = _problems("effects:\n  - id: E1\n    baseline: many\n")
    assert plain[3] == "'effects[0].baseline' must be a number, but is a text."


def test_a_huge_wrong_value_is_never_written_out() -> None:
    items = "".join(f"  - {'x' * 50} {i}\n" for i in range(2000))
    data = f"project:\n{items}".encode()
    result = check_bytes(data, "big.yaml", CheckOptions(CATALOG))
    assert result.verdict == "invalid"
    assert all(len(p.message.en) < 300 for p in result.problems)


def test_broken_criteria_file_names_its_first_problem(tmp_path: Path) -> None:
    text = (ROOT / "criteria" / "vgr@2015.yaml").read_text(encoding="utf-8")
    broken = text.replace("severity: error", "severity: eror", 1).replace("id: vgr", "id: VGR", 1)
    target = tmp_path / "vgr@2015.yaml"
    target.write_text(broken, encoding="utf-8")
    from sicheck.criteria import load_file

    with pytest.raises(CriteriaError) as raised:
        load_file(target)
    line = next(i for i, row in enumerate(broken.splitlines(), 1) if row.startswith("id: VGR"))
    assert raised.value.line == line
    assert "'id' has the wrong form: 'VGR'." in raised.value.message.en


# ---------------------------------------------------------------------------- patterns


def _patterns(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                found.append(value)
            elif key == "patternProperties" and isinstance(value, dict):
                found.extend(value)
            found.extend(_patterns(value) if key not in ("enum", "examples") else [])
    elif isinstance(node, list):
        for item in node:
            found.extend(_patterns(item))
    return found


PATTERNS = sorted({p for name in SHIPPED for p in _patterns(schemas.document(name))})
# Strings on the edges where Python's and JavaScript's regular expressions part ways:
# a final newline before `$`, Unicode digits and spaces, and the byte-order mark.
EDGES = [
    "",
    "a",
    "vgr",
    "vgr\n",
    "x-note",
    "x-\n",
    "boras-gsf",
    "boras-gsf\n",
    "SE-ON-2120001561",
    "SE-ON-2120001561\n",
    "SE-ON-٢١٢٠٠٠١٥٦١",
    "2015-08-01",
    "2015-08-01\n",
    "VGR-01",
    "VGR-01\n",
    "VGR-01.region",
    "VGR-01.region\n",
    "a.b",
    "a.b\n",
    ".",
    " ",
    "\n",
    "\ufeff",
    "\xa0",
    "\u3000",
    "\x1c",
    "\x85",
    "\u2028",
    " x ",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_pattern_reads_alike_in_python_and_javascript(pattern: str) -> None:
    """sicheck (Python's re) and editors and check-jsonschema (ECMAScript) decide alike."""
    regress = pytest.importorskip("regress")
    ecmascript = regress.Regex(pattern, "u")
    for text in EDGES:
        assert bool(re.search(pattern, text)) == bool(ecmascript.find(text)), (pattern, text)


def test_patterns_avoid_the_classes_the_two_read_differently() -> None:
    for pattern in PATTERNS:
        assert not re.search(r"\\[dDwWsSbBAZz]", pattern), pattern
        if pattern.endswith("$"):
            assert pattern.endswith("(?!\\n)$"), pattern


# ---------------------------------------------------------------------------- the prepared schema


def _names(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                found |= set(value)
            found |= _names(value)
    elif isinstance(node, list):
        for item in node:
            found |= _names(item)
    return found


def _leaf_paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_leaf_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_leaf_paths(item, (*prefix, index)))
    return found


EDGE_VALUES = [None, True, 0, -1, 3.0, 3.5, 13, "", " ", "x-", "2015-02-30", "2016-02-29", "boras\n", "VGR-01", [], {}]


@st.composite
def _mutated(draw: st.DrawFn, base: Any, names: list[str]) -> Any:
    """A shipped document with a few values replaced and keys added, some of them wrong."""
    keys = st.one_of(st.sampled_from(names), st.sampled_from(["x-note", "X-note", "titel", "{field}"]))
    scalars = st.one_of(st.sampled_from(EDGE_VALUES), st.sampled_from(names), st.integers(-5, 20))
    values = st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=2), st.dictionaries(keys, inner, max_size=2)),
        max_leaves=4,
    )
    document = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_leaf_paths(document)))
        if not path:
            continue
        parent: Any = document
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            parent[draw(keys)] = draw(values)
        else:
            parent[path[-1]] = draw(values)
    return document


def _errors(checker: Draft202012Validator, document: Any) -> list[tuple[str, list[str | int]]]:
    return sorted(((str(e.validator), list(e.absolute_path)) for e in checker.iter_errors(document)), key=repr)


PLAIN = {
    name: Draft202012Validator(schemas.document(name), format_checker=validation.FORMAT_CHECKER) for name in SHIPPED
}
BASES = {APPLICATION: SAMPLE, META: CRITERIA, REVIEW: _load(next((ROOT / "sample_reviews").rglob("*.yaml")))}


@pytest.mark.parametrize("name", sorted(BASES))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_prepared_schema_finds_the_same_errors(name: str, data: st.DataObject) -> None:
    """Leaving out annotations and inlining references changes nothing jsonschema decides."""
    document = data.draw(_mutated(BASES[name], sorted(_names(schemas.document(name)))))
    assert _errors(validation.validator(name), document) == _errors(PLAIN[name], document)


def test_prepared_schema_keeps_self_references() -> None:
    # A rule holds rules: inlined once, then referred to, so the schema stays finite.
    assert '{"$ref": "#/$defs/rule"}' in json.dumps(validation.prepared(schemas.document(META)))
    assert "$ref" not in json.dumps(validation.prepared(schemas.document(APPLICATION))["properties"])


def test_prepared_schema_keeps_each_fields_own_title_for_hints() -> None:
    start = validation.prepared(schemas.document(APPLICATION))["properties"]["project"]["properties"]["start"]
    assert start["title"] == "Startdatum"
    assert start["format"] == "date"
    assert "examples" not in start
    assert "x-en" not in start
