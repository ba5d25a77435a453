"""Record the digests of the shipped criteria files, after validating each in full.

Run from the repository root after changing a file in ``criteria/`` or the meta-schema:

    python -m tests.regen_criteria_digests

``tests/test_criteria_sets.py`` fails while the record has drifted. sicheck skips the
meta-schema for a file whose bytes are in the record (`sicheck.criteria.known_valid`).
"""

from __future__ import annotations

import json
from pathlib import Path

from sicheck.criteria import META_SCHEMA_RESOURCE, VALIDATED_RESOURCE, digest, load_file

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "sicheck" / "schemas"
RECORD = SCHEMAS / VALIDATED_RESOURCE


def record() -> str:
    """The record as it should read today; refuses a shipped file that fails the meta-schema."""
    files = {}
    for path in sorted((ROOT / "criteria").glob("*@*.yaml")):
        load_file(path, full=True)
        files[path.name] = digest(path.read_bytes())
    meta = digest((SCHEMAS / META_SCHEMA_RESOURCE).read_bytes())
    return json.dumps({"meta-schema": meta, "files": files}, indent=2) + "\n"


if __name__ == "__main__":
    RECORD.write_text(record(), encoding="utf-8")
    print(f"wrote {RECORD.relative_to(ROOT)}")
