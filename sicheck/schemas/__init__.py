"""The JSON Schemas shipped with sicheck, each read once per process (`sicheck.validation` validates).

Beside them lies ``criteria.validated.json``, the record of shipped criteria files known
to pass the meta-schema (`sicheck.criteria.known_valid`)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def document(name: str) -> dict[str, Any]:
    """A shipped schema as written (Swedish titles, English under ``x-en``)."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
