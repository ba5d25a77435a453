"""The SARIF 2.1.0 format, for GitHub code scanning and other static-analysis viewers.

``tool.driver.rules`` holds the tool's own problem codes (YAML syntax, schema, unknown
key, ...) and every check of each criteria set used in the run, with the check's text
and hint in the chosen language and both languages under ``properties``. Each gap is a
result located at ``file:line:column``. Code scanning resolves a relative URI against the
repository root, so files are made relative to the root the command line found (git's top
level, else the working directory) under the ``%SRCROOT%`` base, which
``originalUriBaseIds`` names; a file outside the root is an absolute ``file://`` URI, and
standard input is the artifact ``-``. Invalid files are results too. Every rule has a
``fullDescription``, which GitHub's ingestion requires.

``partialFingerprints`` hash the rule, the file and the field path, never line numbers,
so a gap keeps its identity while lines above it change from commit to commit.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sicheck.i18n import Text, msg
from sicheck.model import ApplicationResult, Problem, Report, Severity
from sicheck.render.gaps import (
    TOOL_CODES,
    gap_message,
    gaps,
    level,
    printable,
    relative_path,
    rule_description,
    rule_name,
    source_root,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
# Standard input has no file; GitHub still needs a location for every result.
STDIN_URI = "-"
FINGERPRINT = "sicheckGap/v1"


def _t(text: str) -> str:
    """Application-derived text for a SARIF string: one line, control characters visible."""
    return printable(text)


def _lines(text: str) -> str:
    """Like `_t`, keeping line breaks (a hint's "why" is on a line of its own)."""
    return printable(text, keep_lines=True)


def _quote(path: str) -> str:
    """Percent-encode a path for a URI, from the bytes the file system has for its name."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")


@dataclass(frozen=True, slots=True)
class _Rule:
    """One entry of SARIF's rule catalogue: a check, or one of sicheck's own problem codes."""

    id: str
    severity: Severity
    text: Text
    hint: Text | None
    description: Text | None = None
    criterion: str | None = None
    criterion_title: Text | None = None
    required: bool | None = None
    criteria_set: str | None = None

    def document(self, lang: str) -> dict[str, Any]:
        # Criteria files may come from the repository being checked (criteria_dirs), so
        # their texts get the same care as application text.
        rule: dict[str, Any] = {"id": _t(self.id), "shortDescription": {"text": _t(self.text.get(lang))}}
        # GitHub's ingestion requires a full description of every rule (the multitool's GH2012).
        rule["fullDescription"] = {"text": _lines((self.description or self.text).get(lang))}
        rule["help"] = {"text": _lines((self.hint or self.text).get(lang))}
        rule["defaultConfiguration"] = {"level": self.severity}
        properties: dict[str, Any] = {"tags": ["sicheck", *(_t(t) for t in (self.criteria_set, self.criterion) if t)]}
        if self.criterion is not None:
            properties["criterion"] = _t(self.criterion)
            properties["required"] = self.required
        if self.criterion_title is not None:
            properties["criterionTitle"] = {"sv": _t(self.criterion_title.sv), "en": _t(self.criterion_title.en)}
        if self.criteria_set is not None:
            properties["criteriaSet"] = _t(self.criteria_set)
        # Both languages, so a viewer that shows one can still offer the other.
        properties["shortDescription"] = {"sv": _t(self.text.sv), "en": _t(self.text.en)}
        if self.hint is not None:
            properties["help"] = {"sv": _lines(self.hint.sv), "en": _lines(self.hint.en)}
        rule["properties"] = properties
        return rule


def _tool_rules() -> list[_Rule]:
    return [_tool_rule(code) for code in TOOL_CODES]


def _tool_rule(code: str) -> _Rule:
    return _Rule(code, "error", rule_name(code), msg("rule-tool-help"), rule_description(code))


def _criteria_rules(report: Report) -> list[_Rule]:
    """Every check of each criteria set the run used, from the run's catalogue of sets."""
    rules: list[_Rule] = []
    for criteria_set in sorted(report.criteria_sets, key=lambda found: found.key):
        for criterion in criteria_set.criteria:
            for check in criterion.checks:
                rules.append(
                    _Rule(
                        check.id,
                        check.severity if criterion.required else "warning",
                        check.text,
                        check.hint,
                        criterion.requirement,
                        criterion.id,
                        criterion.title,
                        criterion.required,
                        criteria_set.key,
                    )
                )
    return rules


def _file_uri(path: str) -> str:
    """An absolute path as a ``file://`` URI, percent-encoded (``C:/x`` becomes ``file:///C:/x``)."""
    return "file://" + ("" if path.startswith("/") else "/") + _quote(path)


def root_uri(root: Path) -> str:
    """The repository root as the ``file://`` URI of a folder (ending in ``/``, as SARIF asks)."""
    return _file_uri(Path(os.path.abspath(root)).as_posix().rstrip("/") + "/")


def _artifact(file: str, root: Path) -> dict[str, Any]:
    path = relative_path(file, root)
    if path is None:
        return {"uri": STDIN_URI}
    if Path(path).is_absolute():  # outside the repository: no base to be relative to
        return {"uri": _file_uri(path)}
    return {"uri": _quote(path), "uriBaseId": SRCROOT}


def _fingerprint(rule_id: str, uri: str, field_path: str) -> str:
    digest = hashlib.sha256("\0".join((rule_id, uri, field_path)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _message(problem: Problem, lang: str) -> str:
    text = _t(gap_message(problem).get(lang))
    if problem.hint is not None:
        text += " → " + _t(problem.hint.get(lang))
    return text


def _results(
    result: ApplicationResult, report: Report, lang: str, index: dict[str, int], seen: dict[str, int]
) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = []
    artifact = _artifact(result.file, source_root(report))
    uri = artifact["uri"]
    for problem in gaps(result, report):
        field_path = problem.location.path
        base = _fingerprint(problem.code, uri, field_path)
        # Two gaps of one rule at one field (say two schema errors) stay apart by order.
        seen[base] = seen.get(base, 0) + 1
        document: dict[str, Any] = {
            "ruleId": _t(problem.code),
            "ruleIndex": index[problem.code],
            "level": level(problem, result, report),
            "message": {"text": _message(problem, lang)},
        }
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": {"startLine": problem.location.line, "startColumn": problem.location.column},
            }
        }
        if field_path:
            location["logicalLocations"] = [{"fullyQualifiedName": _t(field_path), "kind": "member"}]
        document["locations"] = [location]
        document["partialFingerprints"] = {FINGERPRINT: f"{base}:{seen[base]}"}
        properties: dict[str, Any] = {"verdict": result.verdict}
        if problem.criterion is not None:
            properties["criterion"] = _t(problem.criterion)
        if result.criteria_set is not None:
            properties["criteriaSet"] = f"{result.criteria_set.id}@{result.criteria_set.version}"
        if result.title is not None:
            properties["applicationTitle"] = _t(result.title)
        if artifact["uri"] == STDIN_URI:
            properties["file"] = _t(result.file)
        document["properties"] = properties
        documents.append(document)
    return documents


# Which checks of a criterion this format shows: none (each gap is a result; the rules
# come from the run's criteria sets).
CHECKS_SHOWN = "none"
# Where the results sit in the document: json.dumps(indent=2) puts each one this far in.
_RESULT_INDENT = " " * 8


def chunks(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> Iterator[str]:
    """The log with its results one application at a time; the rule catalogue before them
    is made first, from every gap's code."""
    rules: list[_Rule] = []
    index: dict[str, int] = {}
    for rule in (*_tool_rules(), *_criteria_rules(report)):
        # A check id met again (the same id in two versions of a set) keeps its first rule.
        if rule.id not in index:
            index[rule.id] = len(rules)
            rules.append(rule)
    for result in report.results:
        for problem in gaps(result, report):
            if problem.code not in index:  # a code this renderer does not know yet
                index[problem.code] = len(rules)
                rules.append(_tool_rule(problem.code))
    document = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sicheck",
                        "version": report.version,
                        "semanticVersion": report.version,
                        "language": "sv-SE" if lang == "sv" else "en",
                        "rules": [rule.document(lang) for rule in rules],
                    }
                },
                "originalUriBaseIds": {
                    SRCROOT: {
                        "uri": root_uri(source_root(report)),
                        "description": {"text": msg("sarif-srcroot").get(lang)},
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [],
            }
        ],
    }
    # The document with no results, cut where they go: "results" is the run's last key.
    before, empty, after = json.dumps(document, ensure_ascii=False, indent=2).rpartition('"results": []')
    del document, rules
    seen: dict[str, int] = {}
    opened = False
    for result in report.results:
        for found in _results(result, report, lang, index, seen):
            text = json.dumps(found, ensure_ascii=False, indent=2).replace("\n", "\n" + _RESULT_INDENT)
            yield (",\n" if opened else before + '"results": [\n') + _RESULT_INDENT + text
            opened = True
    yield ("\n      ]" if opened else before + empty) + after + "\n"


def render(report: Report, *, lang: str = "sv", color: bool = False, width: int = 100) -> str:
    return "".join(chunks(report, lang=lang, color=color, width=width))
