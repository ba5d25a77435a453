"""Validate with jsonschema, and turn each error into a located message in Swedish and English.

Each shipped schema gets one Draft 2020-12 validator per process, built with the format
checker (without it ``format: date`` is not checked at all, and ``2015-02-30`` would pass).

jsonschema's own messages are English and quote whole values, so none is shown. Each
error is read as structured parts instead: its keyword, the path to the value, the value
and what the schema asks for (a `Violation`). The message is built from those parts with
the catalogue, and a user value is only ever a parameter of it, so a value that looks like
a placeholder (``{field}``) is shown as it is.

Messages and hints are tables keyed by the schema keyword: a new hint for a common
mistake (``HINTS``) is one function and one entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator

from sicheck import schemas
from sicheck.i18n import Text, msg, suggestion
from sicheck.loader import Document, format_path
from sicheck.model import Problem
from sicheck.values import json_type

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

Path = tuple[str | int, ...]

FORMAT_CHECKER = Draft202012Validator.FORMAT_CHECKER


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator of a shipped schema, built once per process."""
    return build(schemas.document(name))


def build(schema: Mapping[str, Any]) -> Draft202012Validator:
    """A Draft 2020-12 validator with the format checker, for the schema as it validates."""
    return Draft202012Validator(prepared(schema), format_checker=FORMAT_CHECKER)


# Keywords that only describe (for editors and people); jsonschema looks each one up in
# every part of the schema it visits, on every value, and does nothing with it. Titles and
# descriptions stay: hints read the Swedish words for keys and values from them.
_ANNOTATIONS = frozenset(("examples", "$comment", "x-en"))
_DROPPED_BESIDE_REF = frozenset(("title", "description", *_ANNOTATIONS))
_SUBSCHEMA = frozenset(
    (
        *("items", "additionalProperties", "not", "contains", "propertyNames"),
        *("if", "then", "else", "unevaluatedItems", "unevaluatedProperties"),
    )
)
_SUBSCHEMA_MAPS = frozenset(("properties", "patternProperties", "$defs", "dependentSchemas"))
_SUBSCHEMA_LISTS = frozenset(("allOf", "anyOf", "oneOf", "prefixItems"))
_LOCAL_DEF = "#/$defs/"


def prepared(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The same schema, quicker to validate with: it accepts and refuses exactly the same.

    Examples and comments are left out, and a ``$ref`` to a local definition is replaced by
    the definition itself (under the referring field's title and description) unless it
    refers to itself, which stays a ``$ref``. A reference costs a lookup on every value it applies to.
    """
    definitions: Mapping[str, Any] = schema.get("$defs", {})

    def walk(node: Any, inlining: tuple[str, ...]) -> Any:
        if not isinstance(node, Mapping):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_LOCAL_DEF) and set(node) - _DROPPED_BESIDE_REF == {"$ref"}:
            name = ref.removeprefix(_LOCAL_DEF)
            if name in definitions and name not in inlining:
                inlined: dict[str, Any] = walk(definitions[name], (*inlining, name))
                # The field's own title and description, over the definition's.
                return {**inlined, **{k: v for k, v in node.items() if k in ("title", "description")}}
        result: dict[str, Any] = {}
        for key, value in node.items():
            if key in _ANNOTATIONS:
                continue
            if key in _SUBSCHEMA:
                result[key] = walk(value, inlining)
            elif key in _SUBSCHEMA_MAPS and isinstance(value, Mapping):
                result[key] = {name: walk(sub, inlining) for name, sub in value.items()}
            elif key in _SUBSCHEMA_LISTS and isinstance(value, list):
                result[key] = [walk(sub, inlining) for sub in value]
            else:
                result[key] = value
        return result

    root: dict[str, Any] = walk(schema, ())
    return root


def is_date(text: str) -> bool:
    """The schema's own test for ``format: date``: YYYY-MM-DD and a day that exists."""
    return bool(FORMAT_CHECKER.conforms(text, "date"))


@dataclass(frozen=True, slots=True)
class Violation:
    """One way a value breaks a schema, as structured parts.

    ``keyword`` is the schema keyword that failed, ``path`` leads to the value (for an
    unknown key, to the key itself), ``value`` is that value, ``expected`` the keyword's
    setting in the schema and ``schema`` the part of the schema it sits in. ``key`` names
    the unknown or missing key, when the keyword is about one.
    """

    keyword: str
    path: Path
    value: Any
    expected: Any
    schema: Mapping[str, Any]
    key: str | None = None

    @property
    def at_key(self) -> bool:
        """True when the place to point at is the key itself (an unknown key)."""
        return self.keyword == "additionalProperties"

    @property
    def field(self) -> str:
        return format_path(self.path) or "/"

    def locate(self, document: Document) -> Any:
        return document.locate_key(self.path) if self.at_key else document.locate(self.path)


def violations(name: str, value: Any) -> Iterator[Violation]:
    """Every violation of the shipped schema ``name`` in ``value``, one per problem."""
    return violations_of(validator(name), value)


def violations_of(schema_validator: Draft202012Validator, value: Any) -> Iterator[Violation]:
    """Every violation ``schema_validator`` finds in ``value``, one per problem.

    A value of the wrong type gets that one violation, not one more for each keyword
    that cannot hold either (an ``enum`` beside the ``type``, say).
    """
    wrong_type: set[Path] = set()
    required_seen: dict[Path, int] = {}
    for error in schema_validator.iter_errors(value):
        for found in _from_error(error, required_seen):
            if found.keyword == "type":
                wrong_type.add(found.path)
            elif found.path in wrong_type:
                continue
            yield found


def _from_error(error: ValidationError, required_seen: dict[Path, int]) -> Iterator[Violation]:
    keyword = str(error.validator)
    path: Path = tuple(error.absolute_path)
    value = error.instance
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if keyword == "additionalProperties" and isinstance(value, dict):
        # jsonschema reports every unknown key of a mapping in one error; each is a problem.
        for key in _unknown_keys(value, schema):
            yield Violation(keyword, (*path, key), value[key], error.validator_value, schema, key)
        return
    if keyword == "required" and isinstance(value, dict):
        # One error per missing key, in the order the schema lists them.
        missing = [k for k in error.validator_value if k not in value]
        index = required_seen.get(path, 0)
        required_seen[path] = index + 1
        if index < len(missing):
            yield Violation(keyword, path, value, error.validator_value, schema, str(missing[index]))
        return
    yield Violation(keyword, path, value, error.validator_value, schema)


def _unknown_keys(value: dict[str, Any], schema: Mapping[str, Any]) -> list[str]:
    """The keys neither ``properties`` nor ``patternProperties`` admit, as jsonschema decides."""
    known = schema.get("properties", {})
    patterns = schema.get("patternProperties", {})
    return [key for key in value if key not in known and not any(re.search(p, key) for p in patterns)]


# --- messages -------------------------------------------------------------------------------


def type_name(value: object) -> Text:
    """What a value is, in words: "a list", "a text"."""
    kind = json_type(value)
    return msg(f"type-{kind}") if f"type-{kind}" in _TYPE_IDS else msg("type-other")


_TYPE_IDS = frozenset(f"type-{t}" for t in ("object", "array", "string", "integer", "number", "boolean", "null"))


def type_names(names: str | list[str]) -> Text:
    """The types a schema allows, joined by "or"; "empty" (null) is left out unless alone."""
    listed = [names] if isinstance(names, str) else list(names)
    parts = [msg(f"type-{n}") for n in listed if n != "null"] or [msg("type-null")]
    joiner = msg("or")
    return Text(joiner.sv.join(p.sv for p in parts), joiner.en.join(p.en for p in parts))


def show_value(value: object, limit: int = 40) -> str | Text:
    """A short rendering of a user value for a message: quoted text, or what kind of value."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"'{text}'"
    if isinstance(value, (dict, list)):
        return type_name(value)
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _count_text(low: int | None, high: int | None) -> Text:
    if low == high == 1:
        return msg("count-exactly-one-key")
    if high is None:
        return msg("count-at-least-keys", count=low)
    return msg("count-at-most-keys", count=high)


def _type(v: Violation) -> Text:
    return msg("schema-type", field=v.field, expected=type_names(v.expected), found=type_name(v.value))


def _unknown_key(v: Violation) -> Text:
    return msg("schema-unknown-key", key=v.key)


def _enum(v: Violation) -> Text:
    allowed = ", ".join(str(show_value(a)) for a in v.expected if a is not None and not isinstance(a, (dict, list)))
    return msg("schema-enum", field=v.field, value=show_value(v.value), allowed=allowed)


def _required(v: Violation) -> Text:
    return msg("schema-required", key=v.key, field=v.field)


def _format(v: Violation) -> Text:
    if v.expected == "date":
        return msg("schema-date", field=v.field, value=show_value(v.value))
    return _other(v)


def _properties_count(v: Violation) -> Text:
    expected = _count_text(v.schema.get("minProperties"), v.schema.get("maxProperties"))
    return msg("schema-properties-count", field=v.field, expected=expected)


def _other(v: Violation) -> Text:
    return msg("schema-other", field=v.field)


Message = Callable[[Violation], Text]

MESSAGES: dict[str, Message] = {
    "type": _type,
    "additionalProperties": _unknown_key,
    "enum": _enum,
    "required": _required,
    "format": _format,
    "minimum": lambda v: msg("schema-minimum", field=v.field, minimum=v.expected, value=v.value),
    "maximum": lambda v: msg("schema-maximum", field=v.field, maximum=v.expected, value=v.value),
    "exclusiveMinimum": lambda v: msg("schema-exclusive-minimum", field=v.field, minimum=v.expected, value=v.value),
    "pattern": lambda v: msg("schema-pattern", field=v.field, value=show_value(v.value)),
    "minItems": lambda v: msg("schema-min-items", field=v.field, minimum=v.expected),
    "minProperties": _properties_count,
    "maxProperties": _properties_count,
}


# --- hints ----------------------------------------------------------------------------------

# A hint adds a sentence to a message when it recognises the mistake behind a violation,
# and returns None otherwise. The first hint that speaks for a keyword is used.
Hint = Callable[[Violation], Text | None]


def _close_key(v: Violation) -> Text | None:
    names = sorted(v.schema.get("properties", {}))
    return _said(suggestion(str(v.key), names))


def _close_value(v: Violation) -> Text | None:
    if not isinstance(v.value, str):
        return None
    return _said(suggestion(v.value, [a for a in v.expected if isinstance(a, str)]))


def _said(text: Text) -> Text | None:
    return text if text.sv or text.en else None


def _swedish_key(v: Violation) -> Text | None:
    """``mål:`` for ``goal:``: the Swedish title of a key, from the schema."""
    from sicheck.swedish import key_titles, matching

    found = matching(str(v.key), key_titles(v.schema))
    return msg("did-you-mean", candidate=found) if found is not None else None


def _swedish_value(v: Violation) -> Text | None:
    """``kind: kommun`` for ``municipality``: a value's Swedish word, from the schema."""
    from sicheck.swedish import matching, value_words

    if not isinstance(v.value, str):
        return None
    found = matching(v.value, value_words(v.schema))
    return msg("did-you-mean", candidate=found) if found is not None else None


def _swedish_number(v: Violation) -> Text | None:
    """``18,0`` and ``1 200``: the number as it must be written."""
    from sicheck.swedish import number_as_written

    expected = [v.expected] if isinstance(v.expected, str) else list(v.expected or [])
    if not isinstance(v.value, str) or not {"number", "integer"} & set(expected):
        return None
    written = number_as_written(v.value)
    return msg("hint-number-as-written", number=written) if written is not None else None


def _id_characters(v: Violation) -> Text | None:
    """An id with å, ä, ö or a space: which characters an id may hold."""
    from sicheck.swedish import as_id

    if not v.path or v.path[-1] != "id" or not isinstance(v.value, str):
        return None
    return msg("hint-id-characters", example=as_id(v.value) or "id-1")


def _org_id_form(v: Violation) -> Text | None:
    """An organisation number in a form the format does not take: the forms it does."""
    from sicheck.swedish import org_id_example

    if not v.path or v.path[-1] != "org_id" or not isinstance(v.value, (str, int)):
        return None
    example = org_id_example(str(v.value))
    return msg("hint-org-id", example=example, digits=example.replace("-", ""))


HINTS: dict[str, tuple[Hint, ...]] = {
    "additionalProperties": (_swedish_key, _close_key),
    "enum": (_swedish_value, _close_value),
    "type": (_swedish_number,),
    "pattern": (_id_characters, _org_id_form),
    "minimum": (_org_id_form,),
    "maximum": (_org_id_form,),
}


def hint_for(v: Violation) -> Text | None:
    for hint in HINTS.get(v.keyword, ()):
        found = hint(v)
        if found is not None:
            return found
    return None


def message(v: Violation) -> Text:
    """The whole message for a violation: what is wrong, and a hint when there is one."""
    text = MESSAGES.get(v.keyword, _other)(v)
    hint = hint_for(v)
    if hint is None:
        return text
    return Text(f"{text.sv}{hint.sv}", f"{text.en}{hint.en}")


def code(v: Violation) -> str:
    return "unknown-key" if v.keyword == "additionalProperties" else "schema"


def problem(document: Document, v: Violation) -> Problem:
    """A violation as a located `Problem`."""
    return Problem("error", code(v), message(v), v.locate(document))


__all__ = [
    "HINTS",
    "MESSAGES",
    "Violation",
    "is_date",
    "message",
    "problem",
    "show_value",
    "type_name",
    "type_names",
    "validator",
    "violations",
    "violations_of",
]
