"""A compiled validator for the JSON Schema subset sicheck's schemas are written in.

sicheck validates every file on the hot path, so instead of a general validator it
compiles its two schemas (the application format and the criteria meta-schema) into
plain Python closures once, and reports each error as a path plus a bilingual message.
The subset is listed in ``KEYWORDS``; a schema using anything else is refused when it is
compiled, so no keyword is ever silently ignored. The test suite checks that jsonschema
(Draft 2020-12, with its format checker) accepts and rejects the same documents.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sicheck.i18n import Text, msg

Path = tuple[str | int, ...]

ANNOTATIONS = frozenset(("$schema", "$id", "$defs", "title", "description", "x-en", "examples", "$comment"))
KEYWORDS = frozenset(
    (
        "$ref",
        "type",
        "properties",
        "patternProperties",
        "additionalProperties",
        "required",
        "items",
        "enum",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "minItems",
        "minProperties",
        "maxProperties",
        "pattern",
        "format",
    )
)


@dataclass(frozen=True, slots=True)
class SchemaError:
    """One schema violation. ``at_key`` means the location is the key itself (unknown key)."""

    path: Path
    code: str
    message: Text
    at_key: bool = False

    def under(self, part: str | int) -> SchemaError:
        return SchemaError((part, *self.path), self.code, self.message, self.at_key)


Validator = Callable[[Any], list[SchemaError]]
_NO_ERRORS: list[SchemaError] = []


def _accept_all(value: Any) -> list[SchemaError]:
    return _NO_ERRORS


_PY_TYPES: dict[str, type] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
    "null": type(None),
}


class SchemaCompileError(Exception):
    """The schema itself uses something outside the supported subset."""


def json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _is_type(value: object, name: str) -> bool:
    kind = json_type(value)
    if name == "number":
        return kind in ("integer", "number")
    if name == "integer":
        # jsonschema counts 3.0 as an integer; agree with it.
        return kind == "integer" or (kind == "number" and float(value).is_integer())  # type: ignore[arg-type]
    return kind == name


def _equal(a: object, b: object) -> bool:
    # true is not 1 and false is not 0, as in jsonschema.
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b


def show_value(value: object, limit: int = 40) -> str:
    """A short, quoted rendering of a user value for a message."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"'{text}'"
    if isinstance(value, (dict, list)):
        return msg(f"type-{json_type(value)}").en
    return str(value).lower() if isinstance(value, bool) else str(value)


def _field(path: Path) -> str:
    from sicheck.loader import format_path

    return format_path(path) or "/"


# difflib costs about candidates x length per call: a suggestion looks at no more than this
# many candidates, those nearest in length, and at no more of the word than this.
MAX_CANDIDATES = 200
MAX_WORD = 100


def close_candidates(word: str, candidates: list[str]) -> list[str]:
    """The candidates difflib could find close to ``word`` (ratio >= 0.6 needs similar lengths), capped."""
    size = len(word)
    near = [c for c in candidates if 0.4 * size <= len(c) * 1.6 and 0.4 * len(c) <= size * 1.6]
    if len(near) > MAX_CANDIDATES:
        near = sorted(near, key=lambda c: abs(len(c) - size))[:MAX_CANDIDATES]
    return near


def suggestion(word: str, candidates: list[str]) -> Text:
    """A "did you mean" for one shown problem; empty when nothing is close."""
    if len(word) > MAX_WORD:
        return Text("", "")
    close = difflib.get_close_matches(word, close_candidates(word, candidates), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return msg("did-you-mean", candidate=close[0]) if close else Text("", "")


def _type_names(names: list[str]) -> Text:
    parts = [msg(f"type-{n}") for n in names if n != "null"] or [msg("type-null")]
    return Text(
        msg("or").sv.join(p.sv for p in parts),
        msg("or").en.join(p.en for p in parts),
    )


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date(text: str) -> bool:
    """The same test as jsonschema's ``format: date``: YYYY-MM-DD and a real day."""
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


class CompiledSchema:
    """A schema compiled once; ``validate`` returns every error it finds in a value."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self._root = schema
        self._refs: dict[str, Validator] = {}
        self.validate: Validator = self._compile(schema)

    def _resolve(self, ref: str) -> Validator:
        if not ref.startswith("#/$defs/"):
            raise SchemaCompileError(f"only local $defs references are supported: {ref}")
        if ref not in self._refs:
            name = ref.removeprefix("#/$defs/")
            target = self._root.get("$defs", {}).get(name)
            if not isinstance(target, dict):
                raise SchemaCompileError(f"unresolvable $ref: {ref}")
            # A placeholder first, so recursive definitions compile.
            cell: list[Validator] = []
            self._refs[ref] = lambda value: cell[0](value)
            cell.append(self._compile(target))
        return self._refs[ref]

    def _compile(self, schema: dict[str, Any]) -> Validator:
        unknown = set(schema) - KEYWORDS - ANNOTATIONS
        if unknown:
            raise SchemaCompileError(f"unsupported keywords: {sorted(unknown)}")
        steps: list[Validator] = []

        if "$ref" in schema:
            steps.append(self._resolve(schema["$ref"]))

        types = schema.get("type")
        type_names: list[str] = [types] if isinstance(types, str) else list(types or [])

        if "enum" in schema:
            allowed = list(schema["enum"])
            shown = ", ".join(show_value(a) for a in allowed if a is not None)
            words = [a for a in allowed if isinstance(a, str)]

            def check_enum(value: Any) -> list[SchemaError]:
                if any(_equal(value, a) for a in allowed):
                    return _NO_ERRORS
                hint = suggestion(value, words) if isinstance(value, str) else Text("", "")
                return [
                    SchemaError(
                        (),
                        "schema",
                        msg("schema-enum", field="{field}", value=show_value(value), allowed=shown, suggestion=hint),
                    )
                ]

            steps.append(check_enum)

        for keyword, message_id, compare in (
            ("minimum", "schema-minimum", lambda v, b: v >= b),
            ("maximum", "schema-maximum", lambda v, b: v <= b),
            ("exclusiveMinimum", "schema-exclusive-minimum", lambda v, b: v > b),
        ):
            if keyword in schema:
                steps.append(self._bound(schema[keyword], message_id, compare))

        if "pattern" in schema:
            pattern = re.compile(schema["pattern"])

            def check_pattern(value: Any) -> list[SchemaError]:
                if isinstance(value, str) and not pattern.search(value):
                    return [SchemaError((), "schema", msg("schema-pattern", field="{field}", value=show_value(value)))]
                return _NO_ERRORS

            steps.append(check_pattern)

        if "format" in schema:
            if schema["format"] != "date":
                raise SchemaCompileError(f"unsupported format: {schema['format']}")

            def check_date(value: Any) -> list[SchemaError]:
                if isinstance(value, str) and not is_date(value):
                    return [SchemaError((), "schema", msg("schema-date", field="{field}", value=show_value(value)))]
                return _NO_ERRORS

            steps.append(check_date)

        if "minItems" in schema:
            min_items = schema["minItems"]

            def check_min_items(value: Any) -> list[SchemaError]:
                if isinstance(value, list) and len(value) < min_items:
                    return [SchemaError((), "schema", msg("schema-min-items", field="{field}", minimum=min_items))]
                return _NO_ERRORS

            steps.append(check_min_items)

        if "items" in schema:
            item_validator = self._compile(schema["items"])

            def check_items(value: Any) -> list[SchemaError]:
                if not isinstance(value, list):
                    return _NO_ERRORS
                errors: list[SchemaError] = []
                for index, item in enumerate(value):
                    found = item_validator(item)
                    if found:
                        errors.extend(e.under(index) for e in found)
                return errors

            steps.append(check_items)

        object_keywords = {"properties", "patternProperties", "additionalProperties", "required"}
        object_keywords |= {"minProperties", "maxProperties"}
        if object_keywords & set(schema):
            steps.append(self._object(schema))

        if not type_names and not steps:
            return _accept_all

        accepted = frozenset(_PY_TYPES[name] for name in type_names if name in _PY_TYPES) | (
            {int, float} if "number" in type_names else set()
        )
        # jsonschema counts 3.0 as an integer; agree with it.
        integral_floats = "integer" in type_names and "number" not in type_names
        check_type = bool(type_names)

        def wrong_type(value: Any) -> bool:
            kind = type(value)
            return kind not in accepted and not (integral_floats and kind is float and value.is_integer())

        def type_error(value: Any) -> list[SchemaError]:
            found = msg(f"type-{json_type(value)}")
            expected = _type_names(type_names)
            return [SchemaError((), "schema", msg("schema-type", field="{field}", expected=expected, found=found))]

        if len(steps) == 1:
            (only_step,) = steps

            def validate_one(value: Any) -> list[SchemaError]:
                if check_type and wrong_type(value):
                    return type_error(value)
                return only_step(value)

            return validate_one

        run_steps = tuple(steps)

        def validate(value: Any) -> list[SchemaError]:
            if check_type and wrong_type(value):
                return type_error(value)
            errors = _NO_ERRORS
            for step in run_steps:
                found_errors = step(value)
                if found_errors:
                    errors = [*errors, *found_errors]
            return errors

        return validate

    def _bound(self, bound: float, message_id: str, compare: Callable[[float, float], bool]) -> Validator:
        def check(value: Any) -> list[SchemaError]:
            if _is_type(value, "number") and not compare(value, bound):
                return [
                    SchemaError(
                        (), "schema", msg(message_id, field="{field}", minimum=bound, maximum=bound, value=value)
                    )
                ]
            return _NO_ERRORS

        return check

    def _object(self, schema: dict[str, Any]) -> Validator:
        properties = {name: self._compile(sub) for name, sub in schema.get("properties", {}).items()}
        patterns = [(re.compile(p), self._compile(sub)) for p, sub in schema.get("patternProperties", {}).items()]
        additional = schema.get("additionalProperties", True)
        additional_validator: Validator | None = None
        if isinstance(additional, dict):
            additional_validator = self._compile(additional)
        elif additional is not True and additional is not False:
            raise SchemaCompileError("additionalProperties must be a boolean or a schema")
        closed = additional is False
        required: list[str] = list(schema.get("required", []))
        min_props = schema.get("minProperties")
        max_props = schema.get("maxProperties")
        names = sorted(properties)
        # Which validators apply to each known key is fixed by the schema: work it out once.
        per_key: dict[str, tuple[Validator, ...]] = {}
        for name, validator in properties.items():
            applies = [validator] + [v for p, v in patterns if p.search(name)]
            per_key[name] = tuple(v for v in applies if v is not _accept_all)

        def check_object(value: Any) -> list[SchemaError]:
            if not isinstance(value, dict):
                return _NO_ERRORS
            errors: list[SchemaError] = []
            for key, item in value.items():
                validators = per_key.get(key)
                if validators is None:
                    matched = [v for p, v in patterns if p.search(key)]
                    if not matched:
                        if closed:
                            hint = suggestion(key, names)
                            message = msg("schema-unknown-key", key=key, suggestion=hint)
                            errors.append(SchemaError((key,), "unknown-key", message, True))
                            continue
                        if additional_validator is not None:
                            matched = [additional_validator]
                    validators = tuple(v for v in matched if v is not _accept_all)
                for validator in validators:
                    found = validator(item)
                    if found:
                        errors.extend(e.under(key) for e in found)
            for key in required:
                if key not in value:
                    errors.append(SchemaError((), "schema", msg("schema-required", key=key, field="{field}")))
            if (min_props is not None and len(value) < min_props) or (max_props is not None and len(value) > max_props):
                expected = _count_text(min_props, max_props)
                errors.append(
                    SchemaError((), "schema", msg("schema-properties-count", field="{field}", expected=expected))
                )
            return errors

        return check_object


def _count_text(low: int | None, high: int | None) -> Text:
    if low == high == 1:
        return Text("exakt en nyckel", "exactly one key")
    if high is None:
        return Text(f"minst {low} nycklar", f"at least {low} keys")
    return Text(f"högst {high} nycklar", f"at most {high} keys")


def finish(error: SchemaError) -> Text:
    """Put the field's path into the message, now that the full path is known."""
    field = _field(error.path)
    return Text(error.message.sv.replace("{field}", field), error.message.en.replace("{field}", field))
