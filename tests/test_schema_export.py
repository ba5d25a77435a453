"""``sicheck schema``: the exported JSON Schema, and an outside validator agreeing with sicheck.

check-jsonschema reads YAML with ruamel.yaml, turns unquoted timestamps back into text
(so ``start: 2015-08-01`` is the string ``"2015-08-01"``, as in sicheck's loader) and
checks ``format: date``. These tests run it on the samples, on bad files and on dates
written every way, and compare its decision with sicheck's verdict file by file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from sicheck.application import schema_document
from sicheck.checker import CheckOptions, check_path
from sicheck.cli import app

from .conftest import CATALOG, INPUTS, SAMPLES

runner = CliRunner()
SHIPPED = schema_document()
ANNOTATIONS = {"title", "description", "x-en", "examples", "$comment"}


def _exported(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["schema", *args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("}\n")
    schema: dict[str, Any] = json.loads(result.stdout)
    return schema


def _without_annotations(node: Any) -> Any:
    """Only what validates. Under ``properties`` the keys are field names, kept as they are."""
    if isinstance(node, list):
        return [_without_annotations(item) for item in node]
    if not isinstance(node, dict):
        return node
    kept: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties":
            kept[key] = {name: _without_annotations(field) for name, field in value.items()}
        elif key not in ANNOTATIONS:
            kept[key] = _without_annotations(value)
    return kept


def _keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in _keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in _keys(v)}
    return set()


# ---------------------------------------------------------------------------- the schema itself


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_exported_schema_is_valid_draft_2020_12(lang: str) -> None:
    schema = _exported("--lang", lang)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_id_is_stable_across_languages() -> None:
    assert _exported("--lang", "sv")["$id"] == _exported("--lang", "en")["$id"] == SHIPPED["$id"]
    assert SHIPPED["$id"] == "https://sicheck.dev/schemas/application-1.schema.json"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_exported_schema_validates_exactly_as_the_shipped_one(lang: str) -> None:
    exported = _exported("--lang", lang)
    assert "x-en" not in _keys(exported)
    assert _without_annotations(exported) == _without_annotations(SHIPPED)


def test_titles_and_descriptions_follow_the_language() -> None:
    sv, en = _exported(), _exported("--lang", "en")
    assert sv["title"] == SHIPPED["title"]
    assert en["title"] == SHIPPED["x-en"]["title"]
    need = ("properties", "target_group", "properties", "need")

    def at(node: dict[str, Any]) -> dict[str, Any]:
        for key in need:
            node = node[key]
        return node

    assert at(en)["description"] == at(SHIPPED)["x-en"]["description"]
    assert at(sv)["description"] == at(SHIPPED)["description"]
    # A field called "title" is a field, not a text to translate.
    assert "title" in en["properties"]["project"]["properties"]


def test_writes_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "application.schema.json"
    target.write_text("old", encoding="utf-8")  # a schema file is regenerated, so overwriting is fine
    assert runner.invoke(app, ["schema", "-o", str(target), "--lang", "en"]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == _exported("--lang", "en")


# ---------------------------------------------------------------------------- check-jsonschema agrees

CHECK_JSONSCHEMA = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
    "check-jsonschema"
)
needs_check_jsonschema = pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed")

BAD_FILES = [
    *sorted(INPUTS.glob("invalid/wrong-type-*.yaml")),
    INPUTS / "invalid" / "unknown-key.yaml",
    INPUTS / "invalid" / "negative-hours.yaml",
    INPUTS / "invalid" / "invalid-date.yaml",
]

# Dates written every way: (file name, YAML, valid).
DATE_CASES = [
    ("quoted.yaml", 'project:\n  start: "2015-08-01"\n  end: "2018-06-30"\n', True),
    ("unquoted.yaml", "project:\n  start: 2015-08-01\n  end: 2018-06-30\n", True),
    ("single-quoted.yaml", "project:\n  start: '2015-08-01'\n", True),
    ("leap-day.yaml", "project:\n  start: 2016-02-29\n", True),
    ("milestone.yaml", "implementation:\n  milestones:\n    - {date: 2016-01-15, description: x}\n", True),
    ("effect.yaml", "effects:\n  - id: E1\n    expected_by: 2018-06-30\n", True),
    ("impossible-unquoted.yaml", "project:\n  start: 2015-02-30\n", False),
    ("impossible-quoted.yaml", 'project:\n  start: "2015-02-30"\n', False),
    ("not-leap-day.yaml", "project:\n  start: 2015-02-29\n", False),
    ("short-unquoted.yaml", "project:\n  start: 2015-8-1\n", False),
    ("compact.yaml", "project:\n  start: 20150801\n", False),
    ("with-time.yaml", "project:\n  start: 2015-08-01 10:00:00\n", False),
    ("with-t.yaml", "project:\n  start: 2015-08-01T10:00:00Z\n", False),
    ("words.yaml", "project:\n  start: i höst\n", False),
    ("milestone-bad.yaml", "implementation:\n  milestones:\n    - {date: 2016-13-01}\n", False),
]


def _check_jsonschema(schema_file: Path, files: list[Path]) -> dict[str, bool]:
    """check-jsonschema's decision per file (True: valid), from one run."""
    assert CHECK_JSONSCHEMA is not None
    done = subprocess.run(
        [CHECK_JSONSCHEMA, "--schemafile", str(schema_file), "-o", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    rejected = {e["filename"] for key in ("errors", "parse_errors") for e in report.get(key, [])}
    return {str(f): str(f) not in rejected for f in files}


def _sicheck_valid(path: Path) -> bool:
    """sicheck's schema decision: a file is invalid, or it is checked against the criteria."""
    return check_path(str(path), CheckOptions(CATALOG)).verdict != "invalid"


def _assert_both_decide(exported_schema: Path, tmp_path: Path, cases: list[tuple[str, str, bool]]) -> None:
    """check-jsonschema and sicheck each accept exactly the cases marked valid."""
    files = []
    for name, text, _ in cases:
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(tmp_path / name)
    decisions = _check_jsonschema(exported_schema, files)
    for (name, _, valid), path in zip(cases, files, strict=True):
        assert _sicheck_valid(path) is valid, name
        assert decisions[str(path)] is valid, name


@pytest.fixture(scope="module")
def exported_schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("schema")
    target = folder / "application.schema.json"
    assert runner.invoke(app, ["schema", "-o", str(target)]).exit_code == 0
    return target


@needs_check_jsonschema
def test_check_jsonschema_accepts_every_sample(exported_schema: Path) -> None:
    samples = sorted(SAMPLES.glob("*.yaml"))
    assert len(samples) >= 7
    decisions = _check_jsonschema(exported_schema, samples)
    assert all(decisions.values()), decisions
    assert all(_sicheck_valid(p) for p in samples)


@needs_check_jsonschema
def test_check_jsonschema_rejects_wrong_types_and_unknown_keys(exported_schema: Path) -> None:
    assert len(BAD_FILES) >= 5
    decisions = _check_jsonschema(exported_schema, BAD_FILES)
    for path in BAD_FILES:
        assert decisions[str(path)] is False, path
        assert _sicheck_valid(path) is False, path


@needs_check_jsonschema
def test_check_jsonschema_and_sicheck_agree_on_dates(exported_schema: Path, tmp_path: Path) -> None:
    _assert_both_decide(exported_schema, tmp_path, DATE_CASES)


@needs_check_jsonschema
def test_check_jsonschema_accepts_fresh_templates(exported_schema: Path, tmp_path: Path) -> None:
    files = []
    for spec in ("vgr", "ale"):
        for lang in ("sv", "en"):
            target = tmp_path / f"{spec}-{lang}.yaml"
            assert runner.invoke(app, ["new", "-c", spec, "--lang", lang, "-o", str(target)]).exit_code == 0
            files.append(target)
    assert all(_check_jsonschema(exported_schema, files).values())


# Patterns, where Python's and JavaScript's regular expressions could part ways: (file name, YAML, valid).
PATTERN_CASES = [
    ("id.yaml", "principals:\n  - id: boras-gsf\n", True),
    ("id-newline.yaml", 'principals:\n  - id: "boras-gsf\\n"\n', False),
    ("id-block.yaml", "principals:\n  - id: |\n      boras-gsf\n", False),
    ("id-ring.yaml", "principals:\n  - id: borås\n", False),
    ("org-id.yaml", "principals:\n  - id: a\n    org_id: SE-ON-2120001561\n", True),
    ("org-id-newline.yaml", 'principals:\n  - id: a\n    org_id: "SE-ON-2120001561\\n"\n', False),
    ("org-id-arabic.yaml", "principals:\n  - id: a\n    org_id: SE-ON-٢١٢٠٠٠١٥٦١\n", False),
]


@needs_check_jsonschema
def test_check_jsonschema_and_sicheck_agree_on_patterns_without_a_regex_variant(
    exported_schema: Path, tmp_path: Path
) -> None:
    _assert_both_decide(exported_schema, tmp_path, PATTERN_CASES)
