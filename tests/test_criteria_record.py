"""The record of shipped criteria files that pass the meta-schema, and what it may skip."""

from __future__ import annotations

from pathlib import Path

import pytest

from sicheck import criteria
from sicheck.errors import CriteriaError
from tests.regen_criteria_digests import RECORD, record

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "criteria").glob("*@*.yaml"))


def test_the_record_is_current() -> None:
    # record() validates every shipped file in full before it lists it.
    assert RECORD.read_text(encoding="utf-8") == record(), "run: python -m tests.regen_criteria_digests"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_a_recorded_file_loads_the_same_with_and_without_the_meta_schema(path: Path) -> None:
    assert criteria.known_valid(path.read_bytes())
    assert shape(criteria.load_file(path)) == shape(criteria.load_file(path, full=True))


def shape(loaded: criteria.CriteriaSet) -> object:
    """What a set says, without its compiled rules (functions compare by identity)."""
    return (
        loaded.key,
        loaded.title,
        [
            (c.id, c.weight, c.required, [(k.id, k.points, k.severity, k.spec, k.hint) for k in c.checks])
            for c in loaded.criteria
        ],
    )


def test_a_shipped_file_changed_in_one_place_is_validated_in_full(tmp_path: Path) -> None:
    source = (ROOT / "criteria" / "vgr@2015.yaml").read_text(encoding="utf-8")
    changed = source.replace("weight: ", "weight: -", 1)
    assert changed != source
    copy = tmp_path / "vgr@2015.yaml"
    copy.write_text(changed, encoding="utf-8")
    assert not criteria.known_valid(copy.read_bytes())
    with pytest.raises(CriteriaError) as refused:
        criteria.load_file(copy)
    line = next(n for n, text in enumerate(changed.splitlines(), 1) if "weight: -" in text)
    assert refused.value.line == line


def test_a_changed_meta_schema_trusts_no_record(monkeypatch: pytest.MonkeyPatch) -> None:
    criteria._validated.cache_clear()
    monkeypatch.setattr(criteria, "META_SCHEMA_RESOURCE", "config.schema.json")
    try:
        assert not any(criteria.known_valid(path.read_bytes()) for path in SHIPPED)
    finally:
        criteria._validated.cache_clear()


def test_the_check_of_names_and_ids_still_runs_for_a_recorded_file(tmp_path: Path) -> None:
    copy = tmp_path / "vgr@2016.yaml"
    copy.write_bytes((ROOT / "criteria" / "vgr@2015.yaml").read_bytes())
    assert criteria.known_valid(copy.read_bytes())
    with pytest.raises(CriteriaError):
        criteria.load_file(copy)
