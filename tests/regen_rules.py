"""Rewrite what comes from the rule vocabulary (sicheck/rules.py): the meta-schema's rule
definition and the rule table in docs/criteria-format.md.

Run from the repository root after adding or changing a rule type:

    python -m tests.regen_rules

then review the diff. ``tests/test_rules.py`` fails while either has drifted.
"""

from __future__ import annotations

import json
from pathlib import Path

from sicheck.rules import documentation_table, meta_schema_rules

ROOT = Path(__file__).resolve().parent.parent
META_SCHEMA = ROOT / "sicheck" / "schemas" / "criteria.meta.json"
FORMAT_DOC = ROOT / "docs" / "criteria-format.md"
TABLE_START = "| rule | passes when |\n"


RULE_START = '\n    "rule": {\n'
LINE = 100


def compact(value: object, indent: int) -> str:
    """JSON as the shipped schemas are written: short values on one line."""
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict | list) or indent + len(flat) <= LINE - 20:
        return flat
    inner = " " * (indent + 2)
    if isinstance(value, list):
        parts = [inner + compact(item, indent + 2) for item in value]
        return "[\n" + ",\n".join(parts) + "\n" + " " * indent + "]"
    parts = [f"{inner}{json.dumps(key)}: {compact(item, indent + 2)}" for key, item in value.items()]
    return "{\n" + ",\n".join(parts) + "\n" + " " * indent + "}"


def meta_schema_text() -> str:
    """The meta-schema with its ``rule`` definition rewritten, the rest as it is."""
    text = META_SCHEMA.read_text(encoding="utf-8")
    start = text.index(RULE_START) + 1
    depth, end = 0, start
    for end in range(text.index("{", start), len(text)):
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        if depth == 0:
            break
    return text[:start] + '    "rule": ' + compact(meta_schema_rules(), 4) + text[end + 1 :]


def documentation_text() -> str:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    start = text.index(TABLE_START)
    end = text.find("\n\n", start)
    return text[:start] + documentation_table().rstrip("\n") + text[end:]


def main() -> None:
    META_SCHEMA.write_text(meta_schema_text(), encoding="utf-8")
    FORMAT_DOC.write_text(documentation_text(), encoding="utf-8")


if __name__ == "__main__":
    main()
