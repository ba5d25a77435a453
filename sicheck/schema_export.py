"""The application JSON Schema as published for editors and CI, in one language.

The shipped schema keeps Swedish titles and descriptions with English under ``x-en``.
Editors show ``title`` and ``description`` as they are, so the published schema swaps in
the chosen language and drops the ``x-en`` keys. Nothing that validates is touched: the
exported schema accepts and rejects exactly what sicheck's own schema step does, and its
``$id`` is the same in every language.
"""

from __future__ import annotations

import json
from typing import Any

_LOCALIZED = ("title", "description")


def localized(node: Any, lang: str) -> Any:
    """A copy of a schema (or any part of it) with texts in ``lang`` and no ``x-en`` keys."""
    if isinstance(node, list):
        return [localized(item, lang) for item in node]
    if not isinstance(node, dict):
        return node
    english = node.get("x-en") if lang == "en" else None
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "x-en":
            continue
        # `properties` maps field names to schemas: a field called "title" is not a text.
        if key in _LOCALIZED and isinstance(value, str) and isinstance(english, dict) and key in english:
            result[key] = english[key]
        else:
            result[key] = localized(value, lang)
    return result


def application_schema(lang: str = "sv") -> dict[str, Any]:
    """The application schema in ``lang``."""
    from sicheck.application import schema_document

    schema: dict[str, Any] = localized(schema_document(), lang)
    return schema


def followup_schema(lang: str = "sv") -> dict[str, Any]:
    """The follow-up report schema in ``lang``."""
    from sicheck.followup.load import schema_document

    schema: dict[str, Any] = localized(schema_document(), lang)
    return schema


def render(lang: str = "sv", *, followup: bool = False) -> str:
    """The schema as JSON text: stable key order, UTF-8 characters as they are, final newline."""
    schema = followup_schema(lang) if followup else application_schema(lang)
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
