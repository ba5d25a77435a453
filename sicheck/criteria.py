"""Criteria sets: find them by ``id@version`` or path, validate them, compile their rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from sicheck import schemas, validation
from sicheck.errors import CriteriaError
from sicheck.i18n import Text, msg
from sicheck.loader import Document, Limits, load_yaml
from sicheck.model import Location, Problem, Severity
from sicheck.rules import Rule, RuleError, compile_rule, parse_path

META_SCHEMA_RESOURCE = "criteria.meta.json"
# The digests of the shipped criteria files that pass the meta-schema, recorded with the
# digest of the meta-schema they were checked against (``python -m tests.regen_criteria_digests``).
VALIDATED_RESOURCE = "criteria.validated.json"
SPEC = re.compile(r"^([a-z][a-z0-9_-]*)(?:@([A-Za-z0-9._-]+))?$")
# Criteria files are written by funders, not applicants, but read with the same care.
CRITERIA_LIMITS = Limits(max_file_size=4 * 1024 * 1024, max_depth=200, max_aliases=0, max_nodes=500_000)


Basis = Literal["requirement", "interpretation", "advice"]
# Only what the source demands, or our reading of it, may make a criterion unmet.
GATING_BASES: tuple[Basis, ...] = ("requirement", "interpretation")


@dataclass(frozen=True, slots=True)
class Quote:
    """The source's own words (in its language) and where they stand in it."""

    text: str
    place: Text


@dataclass(frozen=True, slots=True)
class Reference:
    """The report a criteria set is taken from."""

    title: str
    authors: tuple[str, ...]
    publisher: str
    year: int
    series: str | None = None
    part: Text | None = None
    note: Text | None = None

    def citation(self) -> Text:
        """Authors (year): title. Publisher, series. Part."""

        def cite(lang: str) -> str:
            authors = " & ".join(self.authors)
            text = f"{authors} ({self.year}): {self.title}. {self.publisher}"
            if self.series:
                text += f", {self.series}"
            text += "."
            if self.part is not None:
                text += f" {self.part.get(lang)}."
            return text

        return Text(cite("sv"), cite("en"))


@dataclass(frozen=True, slots=True)
class Check:
    """One check of a criterion: the rule it runs, its points and the words shown when it fails."""

    id: str
    severity: Severity
    points: float
    text: Text
    hint: Text
    rule: Rule
    spec: dict[str, Any]
    # Why the funder asks for this (the check's own, else its criterion's). `hint` ends
    # with it as a second line, so every output format teaches it; `advice` is the hint
    # as written, for `sicheck explain`, which shows the why once per criterion.
    why: Text | None = None
    advice: Text | None = None
    basis: Basis = "requirement"
    # The words the check rests on: its own, else (for a requirement or interpretation)
    # its criterion's. An advice check without a quote is sicheck's own advice.
    quote: Quote | None = None
    reading: Text | None = None  # where the source reads two ways: ours and the other


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion of a set: what the source demands, its weight, and the checks that test it."""

    id: str
    title: Text
    requirement: Text
    source: Text
    required: bool
    weight: float
    checks: tuple[Check, ...]
    why: Text | None = None
    example: Text | None = None  # a short YAML fragment that meets the criterion
    quote: Quote | None = None


@dataclass(frozen=True, slots=True)
class CriteriaSet:
    """A funder's criteria, as one versioned file gives them (`load_file` reads and validates it)."""

    id: str
    version: str
    title: Text
    description: Text
    source: Text  # the reference as one citation, for people
    valid_from: str
    criteria: tuple[Criterion, ...]
    file: str
    reference: Reference | None = None

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)


def shipped_dir() -> Path:
    """The shipped criteria: inside the installed package, or the repository's criteria/."""
    installed = Path(str(resources.files("sicheck"))) / "criteria"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "criteria"


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    # Numeric parts compare as numbers, so 2015.10 is newer than 2015.9.
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[._-]", version))


def looks_like_path(spec: str) -> bool:
    return "/" in spec or "\\" in spec or spec.endswith((".yaml", ".yml"))


def load_file(path: Path, *, full: bool = False) -> CriteriaSet:
    """Load and validate one criteria file. Raises `CriteriaError` naming file:line:column.

    A file named ``id@version.yaml`` must hold that set: the name is how ``criteria:
    myfund@2024`` finds it, so a file whose content says another version would be found
    under a name it does not have. (`CriteriaCatalog` caches what this returns.) With
    ``full``, the meta-schema is applied even to a file known to pass it."""
    from sicheck.reading import read, shown_name

    shown = shown_name(str(path))
    data = read(str(path), CRITERIA_LIMITS.max_file_size)
    if isinstance(data, Problem):
        raise CriteriaError(shown, 1, 1, data.message)
    loaded = load_yaml(data, CRITERIA_LIMITS)
    if loaded.document is None:
        assert loaded.problem is not None
        location = loaded.problem.location
        raise CriteriaError(shown, location.line, location.column, loaded.problem.message)
    document = loaded.document
    found = [] if not full and known_valid(data) else _violations(document)
    if found:
        # The first problem in the file; a funder fixes them one at a time.
        location, first = min(found, key=lambda item: (item[0].line, item[0].column))
        raise CriteriaError(shown, location.line, location.column, validation.message(first))
    _check_name(path, document, shown)
    return _build(document, shown)


def _violations(document: Document) -> list[tuple[Location, validation.Violation]]:
    return [(v.locate(document), v) for v in validation.violations(META_SCHEMA_RESOURCE, document.value)]


def digest(data: bytes) -> str:
    # hashlib's import loads OpenSSL (5 ms, a tenth of a one-file run); BLAKE2 is built in.
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter without the built-in module
        from hashlib import blake2b
    return blake2b(data, digest_size=32).hexdigest()


@cache
def _validated() -> frozenset[str]:
    """Digests of criteria files known to pass today's meta-schema: none if it has changed."""
    record = schemas.document(VALIDATED_RESOURCE)
    if record["meta-schema"] != digest(resources.files(schemas).joinpath(META_SCHEMA_RESOURCE).read_bytes()):
        return frozenset()
    return frozenset(record["files"].values())


def known_valid(data: bytes) -> bool:
    """Whether these exact bytes are a shipped criteria file that passed the meta-schema.

    Every run loads a shipped set, and validating it against the meta-schema is a tenth of
    the time of checking one application. The same bytes against the same meta-schema give
    the same answer, so it is given once, when the set is shipped; a file changed in any
    byte, or a changed meta-schema, is validated in full. The rules that the meta-schema
    cannot express (ids, names, rules) are still checked on every load."""
    return digest(data) in _validated()


def _check_name(path: Path, document: Document, shown: str) -> None:
    """Refuse ``myfund@2024.yaml`` that says ``version: "2015"`` (or another id)."""
    named = SPEC.match(path.stem)
    if named is None or named.group(2) is None:
        return
    raw = document.value
    for key, expected in (("id", named.group(1)), ("version", named.group(2))):
        found = str(raw[key])
        if found != expected:
            location = document.locate((key,))
            problem = msg("criteria-name-mismatch", name=path.name, key=key, expected=expected, found=found)
            raise CriteriaError(shown, location.line, location.column, problem)


def _text(value: dict[str, str]) -> Text:
    return Text(value["sv"], value["en"])


def _optional_text(value: dict[str, str] | None) -> Text | None:
    return None if value is None else _text(value)


def _quote(value: dict[str, Any] | None) -> Quote | None:
    return None if value is None else Quote(value["text"], _text(value["place"]))


def _reference(value: dict[str, Any]) -> Reference:
    return Reference(
        title=value["title"],
        authors=tuple(value["authors"]),
        publisher=value["publisher"],
        year=int(value["year"]),
        series=value.get("series"),
        part=_optional_text(value.get("part")),
        note=_optional_text(value.get("note")),
    )


def with_why(advice: Text, why: Text | None) -> Text:
    """A hint with the funder's reason as its second line."""
    if why is None:
        return advice
    line = msg("why-line", why=why)
    return Text(f"{advice.sv}\n{line.sv}", f"{advice.en}\n{line.en}")


def _build(document: Document, shown: str) -> CriteriaSet:
    raw = document.value
    seen: set[str] = set()
    criteria: list[Criterion] = []

    def fail(path: tuple[str | int, ...], problem: Text) -> CriteriaError:
        location = document.locate(path)
        return CriteriaError(shown, location.line, location.column, problem)

    for ci, raw_criterion in enumerate(raw["criteria"]):
        criterion_id = raw_criterion["id"]
        if criterion_id in seen:
            raise fail(("criteria", ci, "id"), msg("criteria-duplicate-id", id=criterion_id))
        seen.add(criterion_id)
        criterion_why = _optional_text(raw_criterion.get("why"))
        criterion_quote = _quote(raw_criterion.get("quote"))
        required = bool(raw_criterion["required"])
        checks: list[Check] = []
        for ki, raw_check in enumerate(raw_criterion["checks"]):
            check_id = raw_check["id"]
            where = ("criteria", ci, "checks", ki)
            if check_id in seen:
                raise fail((*where, "id"), msg("criteria-duplicate-id", id=check_id))
            seen.add(check_id)
            if not check_id.startswith(criterion_id + "."):
                raise fail((*where, "id"), msg("criteria-check-prefix", check=check_id, criterion=criterion_id))
            try:
                rule = compile_rule(raw_check["rule"])
            except (RuleError, KeyError, TypeError, ValueError) as exc:
                raise fail((*where, "rule"), Text(str(exc), str(exc))) from None
            basis: Basis = raw_check["basis"]
            if raw_check["severity"] == "error" and basis not in GATING_BASES:
                raise fail((*where, "severity"), msg("criteria-advice-error", check=check_id))
            if not required and basis != "advice":
                raise fail((*where, "basis"), msg("criteria-optional-gate", check=check_id, criterion=criterion_id))
            quote = _quote(raw_check.get("quote"))
            if quote is None and basis in GATING_BASES:
                quote = criterion_quote
            advice = _text(raw_check["hint"])
            why = _optional_text(raw_check.get("why")) or criterion_why
            checks.append(
                Check(
                    id=check_id,
                    severity=raw_check["severity"],
                    points=float(raw_check.get("points", 1)),
                    text=_text(raw_check["text"]),
                    hint=with_why(advice, why),
                    rule=rule,
                    spec=raw_check["rule"],
                    why=why,
                    advice=advice,
                    basis=basis,
                    quote=quote,
                    reading=_optional_text(raw_check.get("reading")),
                )
            )
        criteria.append(
            Criterion(
                id=criterion_id,
                title=_text(raw_criterion["title"]),
                requirement=_text(raw_criterion["requirement"]),
                source=_text(raw_criterion["source"]),
                required=required,
                weight=float(raw_criterion["weight"]),
                checks=tuple(checks),
                why=criterion_why,
                example=_optional_text(raw_criterion.get("example")),
                quote=criterion_quote,
            )
        )
    reference = _reference(raw["source"])
    return CriteriaSet(
        id=raw["id"],
        version=str(raw["version"]),
        title=_text(raw["title"]),
        description=_text(raw["description"]),
        source=reference.citation(),
        reference=reference,
        valid_from=raw["valid_from"],
        criteria=tuple(criteria),
        file=shown,
    )


__all__ = ["Basis", "Check", "CriteriaSet", "Criterion", "Quote", "Reference", "load_file", "parse_path"]
