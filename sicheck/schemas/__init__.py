"""The JSON Schemas shipped with sicheck: read once, and compiled once, per process."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sicheck.schema import CompiledSchema


@cache
def document(name: str) -> dict[str, Any]:
    """A shipped schema as written (Swedish titles, English under ``x-en``)."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def compiled(name: str) -> CompiledSchema:
    from sicheck.schema import CompiledSchema

    return CompiledSchema(document(name))
