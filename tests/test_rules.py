"""Unit tests for every rule type in the criteria vocabulary (sicheck.rules.RULES)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sicheck.rules import RULES, RuleError, compile_rule, documentation_table, meta_schema_rules, rule_paths

from .regen_rules import documentation_text, meta_schema_text

REPO = Path(__file__).resolve().parent.parent
META_SCHEMA = REPO / "sicheck" / "schemas" / "criteria.meta.json"
FORMAT_DOC = REPO / "docs" / "criteria-format.md"

# Every value the documentation says "counts as absent".
ABSENT_VALUES: list[Any] = [None, "", "   ", "\n\t ", [], {}]
ABSENT_IDS = ["none", "empty-string", "blank-string", "whitespace", "empty-list", "empty-mapping"]

PRINCIPALS: list[dict[str, Any]] = [
    {"id": "boras-gsf", "name": "Borås stad", "unit": "Grundskoleförvaltningen", "kind": "municipality"},
    {"id": "boras-ifo", "name": "Borås stad", "unit": "Individ- och familjeomsorgen", "kind": "municipality"},
    {"id": "vgr-bup", "name": "Västra Götalandsregionen", "unit": "BUP Södra Älvsborg", "kind": "region"},
    {"id": "foreningen", "name": "Föräldraföreningen Norrby", "kind": "nonprofit"},
]


def passes(spec: dict[str, Any], context: Any, root: Any = None) -> bool:
    """Compile a rule as a criteria file writes it and test it; the root defaults to the context."""
    rule = compile_rule(spec)
    return rule.test(context, context if root is None else root)


# --- the registry, the meta-schema and the documentation agree -------------------------------------


def test_registry_has_the_documented_vocabulary() -> None:
    expected = {
        "present",
        "words",
        "one_of",
        "number",
        "date_order",
        "count",
        "each",
        "ref",
        "all",
        "any",
        "not",
        "named",
        "mentions",
    }
    assert set(RULES) == expected


def test_meta_schema_rule_definition_comes_from_the_vocabulary() -> None:
    # After changing sicheck/rules.py: python -m tests.regen_rules
    meta = json.loads(META_SCHEMA.read_text(encoding="utf-8"))
    assert meta["$defs"]["rule"] == meta_schema_rules()
    assert list(meta["$defs"]["rule"]["properties"]) == list(RULES)
    assert META_SCHEMA.read_text(encoding="utf-8") == meta_schema_text()


def test_documentation_table_comes_from_the_vocabulary() -> None:
    # After changing sicheck/rules.py: python -m tests.regen_rules
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    assert documentation_table() in doc
    assert doc == documentation_text()
    documented = re.findall(r"^\| `([a-z_]+):", doc, re.MULTILINE)
    assert documented == list(RULES)


@pytest.mark.parametrize("rule_type", list(RULES))
def test_every_rule_type_says_what_it_reads(rule_type: str) -> None:
    # The template lists each field's readers from these paths: a rule type that reads a
    # field must say so.
    examples: dict[str, Any] = {
        "present": "a.b",
        "words": {"path": "a.b", "min": 1},
        "one_of": {"path": "a.b", "values": [1]},
        "number": {"path": "a.b"},
        "date_order": {"first": "a.b", "then": "a.c"},
        "count": {"path": "a", "where": {"present": "b"}},
        "each": {"path": "a", "rule": {"present": "b"}},
        "ref": {"path": "a.b", "to": "list", "where": {"present": "c"}},
        "all": [{"present": "a.b"}],
        "any": [{"present": "a.b"}],
        "not": {"present": "a.b"},
        "named": {"path": "a.b", "names": ["Ale"]},
        "mentions": {"path": "a.b", "terms": ["ESF"]},
    }
    spec = {rule_type: examples[rule_type]}
    compile_rule(spec)
    assert ("a", "b") in set(rule_paths(spec))


# --- compile_rule ----------------------------------------------------------------------------------


def test_unknown_rule_type_is_rejected() -> None:
    with pytest.raises(RuleError):
        compile_rule({"exists": "project.title"})


def test_mapping_with_two_keys_is_rejected() -> None:
    with pytest.raises(RuleError):
        compile_rule({"present": "project.title", "words": {"path": "project.title", "min": 1}})


@pytest.mark.parametrize("spec", [{}, "present", ["present"], None], ids=["empty", "string", "list", "none"])
def test_non_rule_is_rejected(spec: Any) -> None:
    with pytest.raises(RuleError):
        compile_rule(spec)


def test_unknown_rule_nested_inside_another_is_rejected() -> None:
    with pytest.raises(RuleError):
        compile_rule({"all": [{"present": "a"}, {"exists": "b"}]})
    with pytest.raises(RuleError):
        compile_rule({"count": {"path": "principals", "where": {"kind_is": "region"}}})
    with pytest.raises(RuleError):
        compile_rule({"not": {"present": "a", "words": {"path": "a", "min": 1}}})


# --- present ---------------------------------------------------------------------------------------


def test_present_passes_for_a_text() -> None:
    assert passes({"present": "project.title"}, {"project": {"title": "Tidiga insatser"}})


@pytest.mark.parametrize("value", [0, 0.0, False, "0", ["x"], {"a": None}], ids=repr)
def test_present_passes_for_falsy_but_real_values(value: Any) -> None:
    assert passes({"present": "a.b"}, {"a": {"b": value}})


@pytest.mark.parametrize("value", ABSENT_VALUES, ids=ABSENT_IDS)
def test_present_fails_for_absent_values(value: Any) -> None:
    assert not passes({"present": "a.b"}, {"a": {"b": value}})


@pytest.mark.parametrize(
    "application",
    [{}, {"a": None}, {"a": "text"}, {"a": ["b"]}, {"a": {"c": 1}}],
    ids=["no-parent", "null-parent", "text-parent", "list-parent", "other-key"],
)
def test_present_fails_when_the_path_does_not_lead_anywhere(application: dict[str, Any]) -> None:
    assert not passes({"present": "a.b"}, application)


def test_present_dot_is_the_context_itself() -> None:
    assert passes({"present": "."}, "text")
    assert passes({"present": "."}, {"id": "E1"})
    for value in ABSENT_VALUES:
        assert not passes({"present": "."}, value)


# --- words -----------------------------------------------------------------------------------------


def test_words_passes_at_and_above_the_minimum() -> None:
    rule = {"words": {"path": "target_group.need", "min": 3}}
    assert passes(rule, {"target_group": {"need": "Hög frånvaro lågstadiet"}})
    assert passes(rule, {"target_group": {"need": "Var fjärde elev har hög frånvaro"}})


def test_words_counts_words_not_characters_or_whitespace() -> None:
    rule = {"words": {"path": "t", "min": 3}}
    assert not passes(rule, {"t": "Hög     frånvaro   "})
    assert passes(rule, {"t": "  Hög\nfrånvaro\ti  lågstadiet  "})
    assert not passes(rule, {"t": "Mycketlångtsammansattordutanmellanslag"})


def test_words_fails_below_the_minimum() -> None:
    assert not passes({"words": {"path": "t", "min": 3}}, {"t": "Hög frånvaro."})


@pytest.mark.parametrize(
    "value", [*ABSENT_VALUES, 123, True, ["ett", "två", "tre"]], ids=[*ABSENT_IDS, "int", "bool", "list"]
)
def test_words_fails_for_absent_and_non_text(value: Any) -> None:
    assert not passes({"words": {"path": "t", "min": 1}}, {"t": value})


def test_words_fails_when_missing() -> None:
    assert not passes({"words": {"path": "goal.description", "min": 1}}, {})


# --- one_of ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["tested", "evidence_based", "new"])
def test_one_of_passes_for_an_allowed_value(kind: str) -> None:
    rule = {"one_of": {"path": "method.kind", "values": ["tested", "evidence_based", "new"]}}
    assert passes(rule, {"method": {"kind": kind}})


@pytest.mark.parametrize("kind", ["Tested", "beprövad", " new", None, ""], ids=repr)
def test_one_of_fails_for_other_values(kind: Any) -> None:
    rule = {"one_of": {"path": "method.kind", "values": ["tested", "evidence_based", "new"]}}
    assert not passes(rule, {"method": {"kind": kind}})


def test_one_of_fails_when_missing() -> None:
    assert not passes({"one_of": {"path": "method.kind", "values": ["new"]}}, {"method": {}})


def test_one_of_false_accepts_only_false() -> None:
    rule = {"one_of": {"path": "demarcation.part_of_ordinary_operations", "values": [False]}}
    assert passes(rule, {"demarcation": {"part_of_ordinary_operations": False}})
    for value in [0, 0.0, None, "", "false", "no", True, []]:
        assert not passes(rule, {"demarcation": {"part_of_ordinary_operations": value}}), repr(value)


def test_one_of_numbers_do_not_accept_booleans() -> None:
    rule = {"one_of": {"path": "format", "values": [1]}}
    assert passes(rule, {"format": 1})
    assert passes(rule, {"format": 1.0})
    assert not passes(rule, {"format": True})
    assert not passes({"one_of": {"path": "x", "values": [True]}}, {"x": 1})


def test_one_of_dot_is_the_context_itself() -> None:
    rule = {"one_of": {"path": ".", "values": ["E1", "E2"]}}
    assert passes(rule, "E1")
    assert not passes(rule, "E3")


# --- number ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, 19.2, -3, 2400000], ids=repr)
def test_number_without_bounds_passes_for_any_number(value: float) -> None:
    assert passes({"number": {"path": "effects_target"}}, {"effects_target": value})


@pytest.mark.parametrize("value", [True, False, "19.2", "19", None, [], {}], ids=repr)
def test_number_fails_for_booleans_text_and_absent(value: Any) -> None:
    assert not passes({"number": {"path": "t"}}, {"t": value})


def test_number_fails_when_missing() -> None:
    assert not passes({"number": {"path": "effects.target"}}, {"effects": {}})


def test_number_min_and_max_are_inclusive() -> None:
    rule = {"number": {"path": "n", "min": 0, "max": 10}}
    assert passes(rule, {"n": 0})
    assert passes(rule, {"n": 10})
    assert passes(rule, {"n": 5.5})
    assert not passes(rule, {"n": -0.1})
    assert not passes(rule, {"n": 10.01})


def test_number_above_is_strict() -> None:
    rule = {"number": {"path": "hours", "above": 0}}
    assert passes(rule, {"hours": 1})
    assert passes(rule, {"hours": 0.5})
    assert not passes(rule, {"hours": 0})
    assert not passes(rule, {"hours": -1})
    # True == 1 > 0 in Python, but a boolean is not a number.
    assert not passes(rule, {"hours": True})


def test_number_bounds_combine() -> None:
    rule = {"number": {"path": "n", "min": 1, "max": 5, "above": 2}}
    assert passes(rule, {"n": 3})
    assert not passes(rule, {"n": 2})
    assert not passes(rule, {"n": 6})


def test_number_dot_is_the_context_itself() -> None:
    assert passes({"number": {"path": ".", "above": 0}}, 5)
    assert not passes({"number": {"path": ".", "above": 0}}, "5")


# --- date_order ------------------------------------------------------------------------------------


def _project(start: Any, end: Any) -> dict[str, Any]:
    return {"project": {"start": start, "end": end}}


DATE_ORDER = {"date_order": {"first": "project.start", "then": "project.end"}}


@pytest.mark.parametrize(
    ("start", "end"),
    [("2015-08-01", "2018-06-30"), ("2015-12-31", "2016-01-01"), ("2016-02-28", "2016-02-29")],
)
def test_date_order_passes_when_then_is_later(start: str, end: str) -> None:
    assert passes(DATE_ORDER, _project(start, end))


def test_date_order_fails_when_then_is_earlier() -> None:
    assert not passes(DATE_ORDER, _project("2018-06-30", "2015-08-01"))


def test_date_order_fails_for_equal_dates() -> None:
    assert not passes(DATE_ORDER, _project("2015-08-01", "2015-08-01"))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2015-02-30", "2018-06-30"),
        ("2015-08-01", "2015-02-30"),
        ("2015-08-01", "2017-02-29"),
        ("2015-13-01", "2018-06-30"),
        ("2015-08-01", "2018-6-30"),
        ("2015-08-01", "20180630"),
        ("2015-08-01", "30/6 2018"),
        ("2015-08-01", "2018-06-30T00:00:00"),
    ],
)
def test_date_order_fails_for_impossible_or_malformed_dates(start: str, end: str) -> None:
    assert not passes(DATE_ORDER, _project(start, end))


def test_date_order_fails_when_a_date_is_not_text() -> None:
    assert not passes(DATE_ORDER, _project(20150801, 20180630))


@pytest.mark.parametrize(("start", "end"), [(None, "2018-06-30"), ("2015-08-01", None), ("", ""), ("  ", None)])
def test_date_order_is_quiet_while_a_date_is_missing(start: Any, end: Any) -> None:
    # Each date's own check (present) says it is missing; the order has nothing to compare.
    assert passes(DATE_ORDER, _project(start, end))


def test_date_order_is_quiet_when_both_are_missing() -> None:
    assert passes(DATE_ORDER, {})


# --- count -----------------------------------------------------------------------------------------

APP: dict[str, Any] = {"principals": PRINCIPALS}
REGION = {"one_of": {"path": "kind", "values": ["region"]}}
MUNICIPALITY = {"one_of": {"path": "kind", "values": ["municipality"]}}


def test_count_without_where_counts_every_item() -> None:
    assert passes({"count": {"path": "principals", "min": 4}}, APP)
    assert not passes({"count": {"path": "principals", "min": 5}}, APP)


def test_count_default_min_is_one() -> None:
    assert passes({"count": {"path": "principals"}}, {"principals": [{"id": "a"}]})
    assert not passes({"count": {"path": "principals"}}, {"principals": []})


def test_count_with_where_counts_matching_items() -> None:
    assert passes({"count": {"path": "principals", "where": REGION, "min": 1}}, APP)
    assert passes({"count": {"path": "principals", "where": MUNICIPALITY, "min": 2}}, APP)
    assert not passes({"count": {"path": "principals", "where": MUNICIPALITY, "min": 3}}, APP)
    only_municipalities = {"principals": [p for p in PRINCIPALS if p["kind"] == "municipality"]}
    assert not passes({"count": {"path": "principals", "where": REGION, "min": 1}}, only_municipalities)


def test_count_max_is_inclusive() -> None:
    assert passes({"count": {"path": "principals", "where": REGION, "max": 1}}, APP)
    assert passes({"count": {"path": "principals", "where": MUNICIPALITY, "max": 2}}, APP)
    assert not passes({"count": {"path": "principals", "where": MUNICIPALITY, "max": 1}}, APP)


def test_count_min_zero_max_zero_means_none_may_match() -> None:
    none_private = {
        "count": {
            "path": "principals",
            "where": {"one_of": {"path": "kind", "values": ["private"]}},
            "min": 0,
            "max": 0,
        }
    }
    assert passes(none_private, APP)
    assert not passes({"count": {"path": "principals", "where": REGION, "min": 0, "max": 0}}, APP)


@pytest.mark.parametrize("value", [None, [], "principals"], ids=["none", "empty-list", "text"])
def test_count_fails_on_absent_or_non_list_with_default_min(value: Any) -> None:
    assert not passes({"count": {"path": "principals"}}, {"principals": value})


def test_count_absent_list_is_like_an_empty_list() -> None:
    for application in ({}, {"principals": None}, {"principals": []}):
        assert passes({"count": {"path": "principals", "min": 0}}, application)
        assert not passes({"count": {"path": "principals", "min": 1}}, application)


@pytest.mark.parametrize("value", ["E1", {"id": "E1"}, 3, True], ids=["text", "mapping", "number", "bool"])
def test_count_and_each_fail_on_a_present_non_list_even_with_min_zero(value: Any) -> None:
    # The docs: count and each pass only when PATH *is a list*. An absent value is treated
    # like an empty list (see above), but a text or a mapping is neither.
    assert not passes({"count": {"path": "effects", "min": 0}}, {"effects": value})
    assert not passes({"each": {"path": "effects", "rule": {"present": "id"}, "min": 0}}, {"effects": value})


def test_count_where_sees_the_item_as_context() -> None:
    # "unit" exists only inside items, so it can only pass with the item as context.
    with_unit = {"count": {"path": "principals", "where": {"present": "unit"}, "min": 3}}
    assert passes(with_unit, APP)
    assert not passes({"count": {"path": "principals", "where": {"present": "unit"}, "min": 4}}, APP)


def test_count_where_skips_items_that_are_not_mappings() -> None:
    application = {"principals": ["vgr-bup", None, {"id": "vgr-bup", "kind": "region"}]}
    assert passes({"count": {"path": "principals", "where": REGION, "min": 1, "max": 1}}, application)


def test_count_of_a_list_of_texts_with_dot() -> None:
    application = {"method": {"references": ["Västbus riktlinjer", "  ", "Skolverket 2010"]}}
    assert passes({"count": {"path": "method.references", "where": {"present": "."}, "min": 2}}, application)
    assert not passes({"count": {"path": "method.references", "where": {"present": "."}, "min": 3}}, application)


# --- each ------------------------------------------------------------------------------------------

EFFECTS: list[dict[str, Any]] = [
    {"id": "E1", "description": "Färre elever med hög frånvaro", "indicator": "Andel elever", "target": 19.2},
    {"id": "E2", "description": "Fler bedömningar", "indicator": "Andel bedömda", "target": 80},
]
EACH_MEASURABLE = {
    "each": {"path": "effects", "rule": {"all": [{"present": "indicator"}, {"number": {"path": "target"}}]}}
}


def test_each_passes_when_every_item_passes() -> None:
    assert passes(EACH_MEASURABLE, {"effects": EFFECTS})


def test_each_fails_when_one_item_fails() -> None:
    broken = [EFFECTS[0], {**EFFECTS[1], "target": "80 procent"}]
    assert not passes(EACH_MEASURABLE, {"effects": broken})
    broken = [{**EFFECTS[0], "indicator": "  "}, EFFECTS[1]]
    assert not passes(EACH_MEASURABLE, {"effects": broken})


def test_each_empty_list_fails_with_default_min() -> None:
    assert not passes(EACH_MEASURABLE, {"effects": []})


def test_each_empty_list_passes_with_min_zero() -> None:
    assert passes({"each": {"path": "effects", "rule": {"present": "indicator"}, "min": 0}}, {"effects": []})


def test_each_min_counts_items() -> None:
    rule = {"each": {"path": "effects", "rule": {"present": "indicator"}, "min": 3}}
    assert not passes(rule, {"effects": EFFECTS})
    assert passes(rule, {"effects": [*EFFECTS, {"id": "E3", "indicator": "Antal möten"}]})


@pytest.mark.parametrize("value", [None, "E1", {"id": "E1", "indicator": "x"}], ids=["none", "text", "mapping"])
def test_each_fails_on_absent_or_non_list(value: Any) -> None:
    assert not passes({"each": {"path": "effects", "rule": {"present": "indicator"}}}, {"effects": value})


def test_each_absent_list_is_like_an_empty_list() -> None:
    for application in ({}, {"effects": None}, {"effects": []}):
        assert passes({"each": {"path": "effects", "rule": {"present": "indicator"}, "min": 0}}, application)
        assert not passes({"each": {"path": "effects", "rule": {"present": "indicator"}}}, application)


def test_each_rule_sees_the_item_as_context() -> None:
    # At the top level there is no "indicator"; only the items have one.
    application = {"indicator": None, "effects": EFFECTS}
    assert passes({"each": {"path": "effects", "rule": {"present": "indicator"}}}, application)
    application = {"indicator": "top level", "effects": [{"id": "E1"}]}
    assert not passes({"each": {"path": "effects", "rule": {"present": "indicator"}}}, application)


def test_each_with_dot_on_a_list_of_texts() -> None:
    rule = {"each": {"path": "method.references", "rule": {"words": {"path": ".", "min": 2}}}}
    assert passes(rule, {"method": {"references": ["Västbus riktlinjer", "Skolverket 2010"]}})
    assert not passes(rule, {"method": {"references": ["Västbus riktlinjer", "Skolverket"]}})


# --- ref -------------------------------------------------------------------------------------------


def test_ref_passes_when_the_id_exists() -> None:
    application = {"principals": PRINCIPALS, "continuation": {"receiver": {"principal": "boras-gsf"}}}
    assert passes({"ref": {"path": "continuation.receiver.principal", "to": "principals"}}, application)


@pytest.mark.parametrize("value", ["boras", "BORAS-GSF", *ABSENT_VALUES], ids=["unknown", "case", *ABSENT_IDS])
def test_ref_fails_for_unknown_or_absent_ids(value: Any) -> None:
    application = {"principals": PRINCIPALS, "project_lead": {"employer": value}}
    assert not passes({"ref": {"path": "project_lead.employer", "to": "principals"}}, application)


@pytest.mark.parametrize(
    "targets", [None, [], "boras-gsf", {"id": "boras-gsf"}], ids=["none", "empty", "text", "mapping"]
)
def test_ref_fails_when_the_target_is_not_a_list(targets: Any) -> None:
    application = {"principals": targets, "project_lead": {"employer": "boras-gsf"}}
    assert not passes({"ref": {"path": "project_lead.employer", "to": "principals"}}, application)


def test_ref_where_tests_the_referenced_item() -> None:
    rule = {
        "ref": {
            "path": "applicant.principal",
            "to": "principals",
            "where": {"all": [{"one_of": {"path": "kind", "values": ["municipality"]}}, {"present": "unit"}]},
        }
    }
    assert passes(rule, {"principals": PRINCIPALS, "applicant": {"principal": "boras-ifo"}})
    # An idea-giver (nonprofit) exists but is not a municipal sector.
    assert not passes(rule, {"principals": PRINCIPALS, "applicant": {"principal": "foreningen"}})
    # A municipality without a unit is not a sector.
    no_unit = [{"id": "ale", "name": "Ale kommun", "kind": "municipality"}]
    assert not passes(rule, {"principals": no_unit, "applicant": {"principal": "ale"}})


def test_ref_list_passes_when_every_element_resolves() -> None:
    application = {"effects": EFFECTS, "measurement": {"effects": ["E1", "E2"]}}
    assert passes({"ref": {"path": "measurement.effects", "to": "effects"}}, application)


def test_ref_list_fails_when_one_element_does_not_resolve() -> None:
    application = {"effects": EFFECTS, "measurement": {"effects": ["E1", "E3"]}}
    assert not passes({"ref": {"path": "measurement.effects", "to": "effects"}}, application)
    application = {"effects": EFFECTS, "measurement": {"effects": ["E1", None]}}
    assert not passes({"ref": {"path": "measurement.effects", "to": "effects"}}, application)


def test_ref_empty_list_fails() -> None:
    application = {"effects": EFFECTS, "measurement": {"effects": []}}
    assert not passes({"ref": {"path": "measurement.effects", "to": "effects"}}, application)


def test_ref_list_with_where_applies_to_every_element() -> None:
    rule = {"ref": {"path": "partners", "to": "principals", "where": MUNICIPALITY}}
    assert passes(rule, {"principals": PRINCIPALS, "partners": ["boras-gsf", "boras-ifo"]})
    assert not passes(rule, {"principals": PRINCIPALS, "partners": ["boras-gsf", "vgr-bup"]})


def test_ref_resolves_from_the_root_inside_count() -> None:
    # The item (a co-financing entry) is the context of "path"; "to" is always from the root.
    rule = {
        "count": {
            "path": "co_financing",
            "where": {
                "all": [
                    {"ref": {"path": "principal", "to": "principals", "where": REGION}},
                    {"number": {"path": "hours", "above": 0}},
                ]
            },
        }
    }
    application = {
        "principals": PRINCIPALS,
        "co_financing": [{"principal": "boras-gsf", "hours": 1200}, {"principal": "vgr-bup", "hours": 450}],
    }
    assert passes(rule, application)
    # VGR: money does not count, only own time.
    application["co_financing"][1] = {"principal": "vgr-bup", "hours": 0, "cash_sek": 300000}
    assert not passes(rule, application)
    # The region's hours under an id that is not the region's.
    application["co_financing"][1] = {"principal": "boras-ifo", "hours": 450}
    assert not passes(rule, application)


def test_ref_to_is_not_relative_to_the_item_context() -> None:
    # Each item carries its own "principals" list; the rule must still look at the root's.
    rule = {"each": {"path": "co_financing", "rule": {"ref": {"path": "principal", "to": "principals"}}}}
    item = {"principal": "vgr-bup", "principals": [{"id": "vgr-bup"}]}
    root = {"principals": [{"id": "boras-gsf"}], "co_financing": [item]}
    assert not passes(rule, root)
    root = {"principals": [{"id": "vgr-bup"}], "co_financing": [{"principal": "vgr-bup"}]}
    assert passes(rule, root)


def test_ref_with_explicit_root_differs_from_context() -> None:
    rule = compile_rule({"ref": {"path": "principal", "to": "principals"}})
    context = {"principal": "vgr-bup"}
    assert rule.test(context, {"principals": PRINCIPALS})
    assert not rule.test(context, {"principals": [{"id": "boras-gsf"}]})


def test_ref_dot_uses_the_context_as_the_id() -> None:
    rule = {"each": {"path": "measurement.effects", "rule": {"ref": {"path": ".", "to": "effects"}}}}
    assert passes(rule, {"effects": EFFECTS, "measurement": {"effects": ["E1", "E2"]}})
    assert not passes(rule, {"effects": EFFECTS, "measurement": {"effects": ["E1", "E9"]}})


# --- all, any, not ---------------------------------------------------------------------------------


def test_all_passes_when_every_rule_passes() -> None:
    rule = {"all": [{"present": "description"}, {"present": "expected_by"}]}
    assert passes(rule, {"description": "Färre elever med hög frånvaro", "expected_by": "2018-06-30"})


def test_all_fails_when_one_rule_fails() -> None:
    rule = {"all": [{"present": "description"}, {"present": "expected_by"}]}
    assert not passes(rule, {"description": "Färre elever med hög frånvaro"})
    assert not passes(rule, {"expected_by": "2018-06-30"})
    assert not passes(rule, {})


def test_any_passes_when_one_rule_passes() -> None:
    rule = {"any": [{"present": "causal_basis"}, {"present": "references"}]}
    assert passes(rule, {"causal_basis": "Studier visar att tidig frånvaro förutsäger avhopp."})
    assert passes(rule, {"references": ["Skolverket 2010"]})
    assert passes(rule, {"causal_basis": "Studier visar", "references": ["Skolverket 2010"]})


def test_any_fails_when_no_rule_passes() -> None:
    rule = {"any": [{"present": "causal_basis"}, {"present": "references"}]}
    assert not passes(rule, {"causal_basis": " ", "references": []})
    assert not passes(rule, {})


def test_not_inverts() -> None:
    rule = {"not": {"one_of": {"path": "method.kind", "values": ["evidence_based"]}}}
    assert passes(rule, {"method": {"kind": "new"}})
    assert passes(rule, {})
    assert not passes(rule, {"method": {"kind": "evidence_based"}})


def test_not_of_not_is_the_rule() -> None:
    rule = {"not": {"not": {"present": "a"}}}
    assert passes(rule, {"a": "x"})
    assert not passes(rule, {"a": ""})


def test_evidence_rule_of_vgr_02() -> None:
    rule = {
        "any": [
            {"not": {"one_of": {"path": "method.kind", "values": ["evidence_based"]}}},
            {"present": "method.references"},
        ]
    }
    assert passes(rule, {"method": {"kind": "new"}})
    assert passes(rule, {"method": {"kind": "evidence_based", "references": ["Skolverket 2010"]}})
    assert not passes(rule, {"method": {"kind": "evidence_based"}})
    assert not passes(rule, {"method": {"kind": "evidence_based", "references": []}})


def test_combinators_nest_inside_each_with_item_context() -> None:
    rule = {
        "each": {
            "path": "effects",
            "rule": {
                "any": [
                    {"all": [{"present": "causal_basis"}, {"not": {"present": "references"}}]},
                    {"present": "references"},
                ]
            },
        }
    }
    assert passes(rule, {"effects": [{"causal_basis": "x"}, {"references": ["y"]}]})
    assert not passes(rule, {"effects": [{"causal_basis": "x"}, {"description": "y"}]})


def test_rule_anchor_points_at_the_path() -> None:
    assert compile_rule({"present": "continuation.receiver.anchoring"}).anchor == (
        "continuation",
        "receiver",
        "anchoring",
    )
    assert compile_rule({"date_order": {"first": "project.start", "then": "project.end"}}).anchor == ("project", "end")
    assert compile_rule({"present": "."}).anchor == ()


# --- named ----------------------------------------------------------------------------------------

MUNICIPALITIES = {"path": "name", "names": ["Borås", "Ale", "Dals-Ed"], "suffixes": [" stad", " kommun", "s kommun"]}


@pytest.mark.parametrize(
    "name", ["Borås", "Borås stad", "BORÅS  STAD", "Ale kommun", "Dals-Eds kommun", "dals eds kommun", " Ale "]
)
def test_named_passes_a_listed_name_with_or_without_a_suffix(name: str) -> None:
    assert passes({"named": MUNICIPALITIES}, {"name": name})


@pytest.mark.parametrize("name", ["Region Skåne", "Borås stad, Grundskoleförvaltningen", "Alem", "", None, 7])
def test_named_fails_other_names_and_non_text(name: Any) -> None:
    assert not passes({"named": MUNICIPALITIES}, {"name": name})


# --- mentions -------------------------------------------------------------------------------------

EXTERNAL = {
    "path": "funding",
    "terms": ["projektmedel", "Europeiska socialfonden", "ESF"],
    "negations": ["utan", "inte", "ingen"],
}


@pytest.mark.parametrize(
    "text",
    [
        "Arbetet fortsätter med projektmedel från Europeiska socialfonden",
        "Vi söker ESF-medel.",
        "Europeiska\nsocialfonden betalar",
        "projektmedelsfinansierat",  # a term may run on
    ],
)
def test_mentions_finds_a_term(text: str) -> None:
    assert passes({"mentions": EXTERNAL}, {"funding": text})


@pytest.mark.parametrize(
    "text",
    [
        "Utan externa projektmedel, inom ordinarie budget.",
        "Arbetet kräver inte projektmedel.",
        "Kommunens ordinarie budget.",
        "Kommunens egna medel",  # 'medel' alone is no term
        "",
        None,
    ],
)
def test_mentions_ignores_negated_terms_and_other_texts(text: Any) -> None:
    assert not passes({"mentions": EXTERNAL}, {"funding": text})


def test_mentions_negation_does_not_reach_into_the_next_sentence() -> None:
    assert passes({"mentions": EXTERNAL}, {"funding": "Vi söker inte pengar. Projektmedel från ESF betalar."})


def test_mentions_negation_window() -> None:
    far = "Utan att kommunen någonsin har bett om det betalar projektmedel arbetet."
    assert passes({"mentions": EXTERNAL}, {"funding": far})
    assert not passes({"mentions": {**EXTERNAL, "window": 10}}, {"funding": far})
