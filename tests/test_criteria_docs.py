"""docs/criteria.md shows every shipped check with its basis and the source's words."""

from __future__ import annotations

from tests.conftest import CATALOG
from tests.regen_criteria_docs import DOC, SHIPPED, updated


def test_the_reference_in_the_docs_is_up_to_date() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert updated(text) == text, "run: python -m tests.regen_criteria_docs"


def test_the_reference_names_every_check_its_basis_and_every_quote() -> None:
    text = DOC.read_text(encoding="utf-8")
    for spec in SHIPPED:
        found = CATALOG.load(spec)
        assert found.reference is not None
        assert all(author in text for author in found.reference.authors)
        for criterion in found.criteria:
            assert criterion.quote is not None and criterion.quote.text in text, criterion.id
            for check in criterion.checks:
                row = next(line for line in text.splitlines() if line.startswith(f"| `{check.id}`"))
                assert f"| {check.severity} | {check.basis} |" in row


def test_both_readings_of_ale_02_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "minst två kommunala aktörer" in text
    assert "minst två av kommunens sektorer eller från en sektor och en extern part" in text
    assert "Reading of `ALE-02.two-principals`" in text
