"""sicheck's compiled schema validator and jsonschema (Draft 2020-12) accept the same documents.

sicheck validates with its own compiled subset validator (`sicheck.schema`) for speed, and
ships the same schemas for editors and CI, where check-jsonschema or an editor validates
with a general validator. Both must give the same valid/invalid decision on every value,
or an application passes in one place and fails in the other. This file proves that on
the shipped samples, on hand-written wrong values and on hypothesis-mutated documents.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from sicheck.application import compiled_schema, schema_document
from sicheck.criteria import meta_schema_document
from sicheck.loader import load_yaml
from sicheck.schema import CompiledSchema

from .conftest import INPUTS, ROOT, SAMPLES

FUZZ_EXAMPLES = int(os.environ.get("SICHECK_FUZZ_EXAMPLES", "300"))
# Criteria files are larger and jsonschema walks their recursive rules; fewer examples.
META_FUZZ_EXAMPLES = max(1, FUZZ_EXAMPLES // 3)

APPLICATION_SCHEMA = schema_document()
META_SCHEMA = meta_schema_document()

# Built once, with the format checker: without it `format: date` is not checked at all.
APPLICATION_JSONSCHEMA = Draft202012Validator(APPLICATION_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
META_JSONSCHEMA = Draft202012Validator(META_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
APPLICATION_COMPILED = compiled_schema()
META_COMPILED = CompiledSchema(META_SCHEMA)

SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))
CRITERIA_FILES = sorted((ROOT / "criteria").glob("*.yaml"))


def _load(path: Path) -> Any:
    loaded = load_yaml(path.read_bytes())
    assert loaded.document is not None, loaded.problem
    return loaded.document.value


SAMPLE_VALUES = {path.name: _load(path) for path in SAMPLE_FILES}
CRITERIA_VALUES = {path.name: _load(path) for path in CRITERIA_FILES}


def _decisions(compiled: CompiledSchema, validator: Draft202012Validator, value: Any) -> tuple[bool, bool]:
    """(sicheck says valid, jsonschema says valid)."""
    return not compiled.validate(value), validator.is_valid(value)


def _disagreement(compiled: CompiledSchema, validator: Draft202012Validator, value: Any) -> str:
    ours = [(e.path, e.message.en) for e in compiled.validate(value)]
    theirs = [(list(e.absolute_path), e.message[:200]) for e in validator.iter_errors(value)]
    return f"sicheck errors: {ours}\njsonschema errors: {theirs}"


def _assert_agree(compiled: CompiledSchema, validator: Draft202012Validator, value: Any) -> bool:
    ours, theirs = _decisions(compiled, validator, value)
    assert ours == theirs, _disagreement(compiled, validator, value)
    return ours


# ---------------------------------------------------------------------------- the schemas


@pytest.mark.parametrize("schema", [APPLICATION_SCHEMA, META_SCHEMA], ids=["application", "criteria-meta"])
def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)


def test_both_schemas_compile() -> None:
    # Compiling refuses any keyword outside the subset, so nothing is silently ignored.
    assert callable(CompiledSchema(APPLICATION_SCHEMA).validate)
    assert callable(CompiledSchema(META_SCHEMA).validate)


# ---------------------------------------------------------------------------- shipped files


def test_there_are_samples_and_criteria() -> None:
    assert len(SAMPLE_FILES) >= 7
    assert len(CRITERIA_FILES) >= 2


@pytest.mark.parametrize("name", sorted(SAMPLE_VALUES))
def test_sample_application_is_valid_under_both(name: str) -> None:
    value = SAMPLE_VALUES[name]
    assert APPLICATION_COMPILED.validate(value) == []
    APPLICATION_JSONSCHEMA.validate(value)


@pytest.mark.parametrize("name", sorted(CRITERIA_VALUES))
def test_criteria_file_is_valid_under_both(name: str) -> None:
    value = CRITERIA_VALUES[name]
    assert META_COMPILED.validate(value) == []
    META_JSONSCHEMA.validate(value)


def _loadable_inputs() -> list[tuple[str, Any]]:
    """Every test input that loads as a mapping, as the loader types it (big numbers, dates as text)."""
    found = []
    for path in sorted(INPUTS.rglob("*.y*ml")):
        loaded = load_yaml(path.read_bytes())
        if loaded.document is not None:
            found.append((str(path.relative_to(INPUTS)), loaded.document.value))
    return found


LOADABLE_INPUTS = _loadable_inputs()


@pytest.mark.parametrize("value", [v for _, v in LOADABLE_INPUTS], ids=[n for n, _ in LOADABLE_INPUTS])
def test_test_inputs_get_the_same_decision(value: Any) -> None:
    _assert_agree(APPLICATION_COMPILED, APPLICATION_JSONSCHEMA, value)


# ---------------------------------------------------------------------------- hand-written cases


def _sample() -> dict[str, Any]:
    return copy.deepcopy(SAMPLE_VALUES["tidiga-insatser-skolnarvaro.yaml"])


def _set(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """A full sample application with the value at ``path`` replaced (or added)."""
    document = _sample()
    target: Any = document
    for part in path[:-1]:
        target = target.setdefault(part, {}) if isinstance(target, dict) else target[part]
    target[path[-1]] = value
    return document


def _delete(path: tuple[str | int, ...]) -> dict[str, Any]:
    document = _sample()
    target: Any = document
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return document


_NULL_FIELDS = [
    "format",
    "criteria",
    "project",
    "applicant",
    "principals",
    "goal",
    "target_group",
    "method",
    "implementation",
    "effects",
    "demarcation",
    "measurement",
    "evaluation",
    "continuation",
    "project_lead",
    "co_financing",
    "budget",
    "socioeconomic",
]


def _all_null(value: Any) -> Any:
    """Every leaf of a document replaced by null."""
    if isinstance(value, dict):
        return {k: _all_null(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_all_null(v) for v in value]
    return None


# (case id, document, valid as DESIGN.md section 2 says, or None). Both validators must
# agree with each other, and with the expectation unless it is None.
WRONG_APPLICATIONS: list[tuple[str, Any, bool | None]] = [
    ("empty", {}, True),
    ("sample", _sample(), True),
    ("unknown-top-level-key", _set(("colour",), "blue"), False),
    ("unknown-key-typo", _set(("projekt",), {"title": "x"}), False),
    ("unknown-nested-key", _set(("project", "titel"), "x"), False),
    ("unknown-key-in-list-item", _set(("principals", 0, "nmae"), "x"), False),
    ("unknown-key-deep", _set(("continuation", "receiver", "anchor"), "x"), False),
    ("x-key-top-level", _set(("x-internal",), {"anything": [1, None]}), True),
    ("x-key-nested", _set(("project", "x-note"), [1, 2, 3]), True),
    ("x-key-in-list-item", _set(("effects", 0, "x-source"), None), True),
    ("X-uppercase-is-not-x", _set(("X-note",), "x"), False),
    ("negative-hours", _set(("co_financing", 0, "hours"), -1), False),
    ("negative-hours-float", _set(("co_financing", 0, "hours"), -0.5), False),
    ("zero-hours", _set(("co_financing", 0, "hours"), 0), True),
    ("negative-size", _set(("target_group", "size"), -3), False),
    ("negative-budget", _set(("budget", "requested_sek"), -100), False),
    ("negative-savings-allowed", _set(("socioeconomic", "savings_sek_per_year"), -5), True),
    ("list-where-mapping-belongs", _set(("project",), ["title", "x"]), False),
    ("list-where-mapping-belongs-nested", _set(("applicant", "contact"), ["x"]), False),
    ("mapping-where-list-belongs", _set(("principals",), {"id": "a"}), False),
    ("string-where-list-belongs", _set(("method", "references"), "one reference"), False),
    ("mapping-where-string-belongs", _set(("project", "title"), {"sv": "x"}), False),
    ("impossible-date", _set(("project", "start"), "2015-02-30"), False),
    ("leap-day", _set(("project", "start"), "2016-02-29"), True),
    ("not-leap-day", _set(("project", "start"), "2015-02-29"), False),
    ("compact-date", _set(("project", "start"), "20150801"), False),
    ("date-with-time", _set(("project", "end"), "2015-08-01T00:00:00"), False),
    ("date-trailing-newline", _set(("project", "end"), "2015-08-01\n"), False),
    ("date-non-ascii-digits", _set(("project", "end"), "٢٠١٥-08-01"), False),
    ("date-year-zero", _set(("project", "end"), "0000-01-01"), False),
    ("date-as-number", _set(("project", "end"), 20150801), False),
    ("milestone-impossible-date", _set(("implementation", "milestones", 0, "date"), "2016-13-01"), False),
    ("effect-expected-by-bad", _set(("effects", 0, "expected_by"), "2018-06-31"), False),
    ("float-integer-size", _set(("target_group", "size"), 3.0), True),
    ("float-fraction-size", _set(("target_group", "size"), 3.5), False),
    ("float-integer-format", _set(("format",), 1.0), True),
    ("float-integer-age", _set(("target_group", "age"), {"min": 6.0, "max": 9}), True),
    ("true-where-number-belongs", _set(("co_financing", 0, "hours"), True), False),
    ("false-where-integer-belongs", _set(("target_group", "size"), False), False),
    ("true-as-format", _set(("format",), True), False),
    ("string-number", _set(("budget", "total_sek"), "3100000"), False),
    ("one-where-boolean-belongs", _set(("demarcation", "part_of_ordinary_operations"), 1), False),
    ("zero-where-boolean-belongs", _set(("demarcation", "part_of_ordinary_operations"), 0), False),
    ("string-where-boolean-belongs", _set(("demarcation", "part_of_ordinary_operations"), "no"), False),
    ("missing-principal-id", _delete(("principals", 0, "id")), False),
    ("null-principal-id", _set(("principals", 0, "id"), None), False),
    ("empty-principal-id", _set(("principals", 0, "id"), ""), False),
    ("principal-id-with-space", _set(("principals", 0, "id"), "boras gsf"), False),
    ("principal-id-with-a-ring", _set(("principals", 0, "id"), "borås"), False),
    # `$` in a pattern matches before a final newline in both validators (HARDENING.md);
    # only agreement is asserted, so tightening the pattern later does not break this.
    ("principal-id-trailing-newline", _set(("principals", 0, "id"), "boras\n"), None),
    ("org-id-trailing-newline", _set(("principals", 0, "org_id"), "SE-ON-2120001561\n"), None),
    ("missing-effect-id", _delete(("effects", 0, "id")), False),
    ("missing-co-financing-principal", _delete(("co_financing", 0, "principal")), False),
    ("enum-typo-kind", _set(("principals", 0, "kind"), "municipallity"), False),
    ("enum-case-kind", _set(("principals", 0, "kind"), "Municipality"), False),
    ("enum-null-kind", _set(("principals", 0, "kind"), None), True),
    ("enum-typo-method", _set(("method", "kind"), "evidencebased"), False),
    ("enum-typo-recruitment", _set(("project_lead", "recruitment"), "intern"), False),
    ("org-id-good", _set(("principals", 0, "org_id"), "SE-ON-2120001561"), True),
    ("org-id-with-hyphen", _set(("principals", 0, "org_id"), "SE-ON-212000-1561"), False),
    ("org-id-short", _set(("principals", 0, "org_id"), "SE-ON-212000156"), False),
    ("org-id-no-prefix", _set(("principals", 0, "org_id"), "2120001561"), False),
    ("org-id-lower-case", _set(("principals", 0, "org_id"), "se-on-2120001561"), False),
    ("org-id-non-ascii-digits", _set(("principals", 0, "org_id"), "SE-ON-٢١٢٠٠٠١٥٦١"), False),
    ("org-id-as-number", _set(("principals", 0, "org_id"), 2120001561), False),
    ("format-1", _set(("format",), 1), True),
    ("format-2", _set(("format",), 2), False),
    ("format-0", _set(("format",), 0), False),
    ("format-string", _set(("format",), "1"), False),
    ("format-null", _set(("format",), None), True),
    ("top-level-list", [SAMPLE_VALUES["minimili.yaml"]], False),
    ("top-level-string", "project: x", False),
    ("top-level-null", None, False),
    ("principal-item-null", _set(("principals", 0), None), False),
    ("principal-item-string", _set(("principals", 0), "boras-gsf"), False),
    ("measurement-effects-number", _set(("measurement", "effects"), [1]), False),
    ("criteria-number", _set(("criteria",), 2015), False),
    ("null-everywhere", _all_null(_sample()), False),  # principal ids are required strings
    *[(f"null-section-{name}", _set((name,), None), True) for name in _NULL_FIELDS],
]


@pytest.mark.parametrize(
    ("document", "expected"), [c[1:] for c in WRONG_APPLICATIONS], ids=[c[0] for c in WRONG_APPLICATIONS]
)
def test_hand_written_application_decision_agrees(document: Any, expected: bool | None) -> None:
    valid = _assert_agree(APPLICATION_COMPILED, APPLICATION_JSONSCHEMA, document)
    if expected is not None:
        assert valid == expected


def test_hand_written_cases_cover_every_top_level_section() -> None:
    assert set(_NULL_FIELDS) == set(APPLICATION_SCHEMA["properties"])


def _criteria() -> dict[str, Any]:
    return copy.deepcopy(CRITERIA_VALUES["vgr@2015.yaml"])


def _criteria_set(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    document = _criteria()
    target: Any = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return document


def _rule(rule: Any) -> dict[str, Any]:
    """The shipped criteria set with its first check's rule replaced."""
    return _criteria_set(("criteria", 0, "checks", 0, "rule"), rule)


WRONG_CRITERIA: list[tuple[str, Any, bool]] = [
    ("shipped", _criteria(), True),
    ("id-upper-case", _criteria_set(("id",), "VGR"), False),
    ("version-number", _criteria_set(("version",), 2015), False),
    ("valid-from-impossible", _criteria_set(("valid_from",), "2015-02-30"), False),
    ("valid-from-compact", _criteria_set(("valid_from",), "20150101"), False),
    ("title-blank", _criteria_set(("title", "sv"), "  \n"), False),
    ("title-missing-en", _criteria_set(("title",), {"sv": "x"}), False),
    ("no-criteria", _criteria_set(("criteria",), []), False),
    ("weight-zero", _criteria_set(("criteria", 0, "weight"), 0), False),
    ("weight-true", _criteria_set(("criteria", 0, "weight"), True), False),
    ("required-one", _criteria_set(("criteria", 0, "required"), 1), False),
    ("severity-typo", _criteria_set(("criteria", 0, "checks", 0, "severity"), "eror"), False),
    ("rule-two-keys", _rule({"present": "a", "not": {"present": "b"}}), False),
    ("rule-empty", _rule({}), False),
    ("rule-unknown", _rule({"exists": "a"}), False),
    ("words-min-13", _rule({"words": {"path": "a", "min": 13}}), False),
    ("words-min-float", _rule({"words": {"path": "a", "min": 3.0}}), True),
    ("path-bad", _rule({"present": "a..b"}), False),
    ("path-dot", _rule({"present": "."}), True),
    ("one-of-null-value", _rule({"one_of": {"path": "a", "values": [None]}}), False),
    ("deep-not", _rule({"not": {"not": {"not": {"present": "a"}}}}), True),
    ("deep-not-bad", _rule({"not": {"not": {"not": {"present": 1}}}}), False),
]


@pytest.mark.parametrize(("document", "expected"), [c[1:] for c in WRONG_CRITERIA], ids=[c[0] for c in WRONG_CRITERIA])
def test_hand_written_criteria_decision_agrees(document: Any, expected: bool) -> None:
    assert _assert_agree(META_COMPILED, META_JSONSCHEMA, document) == expected


# ---------------------------------------------------------------------------- property tests


def _property_names(schema: Any) -> set[str]:
    """Every property name anywhere in a schema: keys a mutation may plausibly add."""
    names: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                names |= set(value)
            names |= _property_names(value)
    elif isinstance(schema, list):
        for item in schema:
            names |= _property_names(item)
    return names


def _enum_values(schema: Any) -> list[Any]:
    found: list[Any] = []
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "enum" and isinstance(value, list):
                found.extend(value)
            else:
                found.extend(_enum_values(value))
    elif isinstance(schema, list):
        for item in schema:
            found.extend(_enum_values(item))
    return found


# Strings that sit on the edges of the schemas' patterns and formats.
EDGE_STRINGS = [
    "",
    " ",
    "\n",
    "2015-08-01",
    "2015-02-30",
    "2016-02-29",
    "20150801",
    "2015-8-1",
    "2015-08-01\n",
    "2015-08-01T10:00:00",
    "٢٠١٥-٠٨-٠١",
    "0000-01-01",
    "9999-12-31",
    "SE-ON-2120001561",
    "SE-ON-2120001561\n",
    "SE-ON-212000156",
    "SE-ON-٢١٢٠٠٠١٥٦١",
    "boras-gsf",
    "E1",
    "a b",
    "-a",
    "å",
    "x-",
    "x-note",
    "vgr@2015",
    "VGR-01",
    "VGR-01.region",
    "VGR-01.Region",
    "a.b",
    "a..b",
    ".",
    "ALE-1",
    "no",
    "yes",
    "1",
]


def _json_values(keys: st.SearchStrategy[str], enums: list[Any]) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.sampled_from([0, 1, -1, 2, 12, 13, 0.0, -0.0, 1.0, 3.0, 0.5, -0.5, 1e300, -1e-300, 2**53 + 1]),
        # JSON numbers only: the loader turns .nan and .inf into text, never floats.
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=20),
        st.sampled_from(EDGE_STRINGS),
        st.sampled_from([e for e in enums if e is not None] or [None]),
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(keys, children, max_size=3),
        ),
        max_leaves=8,
    )


def _paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path in a document, the root included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_paths(item, (*prefix, index)))
    return found


def _get(document: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


def _replace(document: Any, path: tuple[str | int, ...], value: Any) -> Any:
    if not path:
        return value
    parent = _get(document, path[:-1])
    parent[path[-1]] = value
    return document


MUTATIONS = ("delete", "replace", "add-key", "duplicate-item", "rename-key", "wrap-in-list", "unwrap")


@st.composite
def mutated(draw: st.DrawFn, bases: dict[str, Any], schema: dict[str, Any]) -> Any:
    """A base document with one to six random structural mutations."""
    names = sorted(_property_names(schema))
    keys = st.one_of(
        st.sampled_from(names),
        st.sampled_from(names).map(lambda n: "x-" + n),
        st.sampled_from(["x-", "X-note", "id", "sv", "en", "title", "Title", "path", "rule"]),
        st.text(max_size=8),
    )
    values = _json_values(keys, _enum_values(schema))
    document: Any = copy.deepcopy(bases[draw(st.sampled_from(sorted(bases)))])
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths))
        target = _get(document, path)
        kind = draw(st.sampled_from(MUTATIONS))
        if kind == "delete" and path:
            parent = _get(document, path[:-1])
            del parent[path[-1]]
        elif kind == "replace":
            document = _replace(document, path, draw(values))
        elif kind == "add-key" and isinstance(target, dict):
            target[draw(keys)] = draw(values)
        elif kind == "duplicate-item" and isinstance(target, list) and target:
            index = draw(st.integers(min_value=0, max_value=len(target) - 1))
            target.insert(index, copy.deepcopy(target[index]))
        elif kind == "rename-key" and isinstance(target, dict) and target:
            old = draw(st.sampled_from(sorted(target)))
            target[draw(keys)] = target.pop(old)
        elif kind == "wrap-in-list":
            document = _replace(document, path, [copy.deepcopy(target)])
        elif kind == "unwrap" and isinstance(target, list) and target:
            document = _replace(document, path, target[0])
    return document


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated(SAMPLE_VALUES, APPLICATION_SCHEMA))
def test_property_application_schema_agrees(document: Any) -> None:
    ours = bool(APPLICATION_COMPILED.validate(document))
    theirs = not APPLICATION_JSONSCHEMA.is_valid(document)
    assert ours == theirs, _disagreement(APPLICATION_COMPILED, APPLICATION_JSONSCHEMA, document)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=_json_values(st.sampled_from(sorted(_property_names(APPLICATION_SCHEMA))), []))
def test_property_application_schema_agrees_on_arbitrary_values(document: Any) -> None:
    ours = bool(APPLICATION_COMPILED.validate(document))
    theirs = not APPLICATION_JSONSCHEMA.is_valid(document)
    assert ours == theirs, _disagreement(APPLICATION_COMPILED, APPLICATION_JSONSCHEMA, document)


@settings(max_examples=META_FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=mutated(CRITERIA_VALUES, META_SCHEMA))
def test_property_criteria_meta_schema_agrees(document: Any) -> None:
    ours = bool(META_COMPILED.validate(document))
    theirs = not META_JSONSCHEMA.is_valid(document)
    assert ours == theirs, _disagreement(META_COMPILED, META_JSONSCHEMA, document)


def test_jsonschema_is_the_draft_we_compare_with() -> None:
    # The agreement above is with Draft 2020-12 and its format checker, as shipped.
    assert APPLICATION_SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert jsonschema.validators.validator_for(APPLICATION_SCHEMA) is Draft202012Validator
