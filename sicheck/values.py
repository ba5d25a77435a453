"""Loaded YAML values read as JSON: path access, numbers, emptiness, equality and type names.

The loader hands on plain dicts, lists, strings, numbers, booleans and None. Every part of
sicheck that looks inside such a value (the rules, the application's structure checks,
the review and configuration checks) reads it with these, so that ``true`` is never the
number 1 and a path that runs into a list or a missing key is simply absent.
"""

from __future__ import annotations

from typing import Any

FieldPath = tuple[str | int, ...]


def value_at(value: Any, path: FieldPath) -> Any:
    """The value at ``path`` (keys into mappings, indexes into lists), or None if there is none."""
    for part in path:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        elif (
            isinstance(value, list) and isinstance(part, int) and not isinstance(part, bool) and 0 <= part < len(value)
        ):
            value = value[part]
        else:
            return None
    return value


def is_number(value: object) -> bool:
    """A JSON number: an int or a float, never a boolean (which Python counts as an int)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_absent(value: object) -> bool:
    """Missing, or as good as: None, blank text, an empty list or mapping."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def json_equal(a: object, b: object) -> bool:
    """Equality as JSON means it: ``true`` equals only ``true``, never 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


# The JSON Schema type names of loaded values, asked in this order (a bool is an int too).
_JSON_TYPES: tuple[tuple[type, str], ...] = (
    (type(None), "null"),
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
)


def json_type(value: object) -> str:
    """The JSON Schema type name of a loaded value ("object", "array", "string" …)."""
    return next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), type(value).__name__)


__all__ = ["FieldPath", "is_absent", "is_number", "json_equal", "json_type", "value_at"]
