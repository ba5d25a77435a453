"""The shape of the code: one format protocol, pure renderers, no import cycles (docs/architecture.md)."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from sicheck import followup, render, report
from sicheck.formats import STREAMING, Formats

from .conftest import ROOT

PACKAGE = ROOT / "sicheck"
REGISTRIES: dict[str, Formats[object]] = {  # type: ignore[dict-item]
    "check": render.FORMATS,
    "report": report.FORMATS,
    "followup": followup.FORMATS,
}
FORMAT_CASES = [(kind, name) for kind, registry in REGISTRIES.items() for name in registry]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The sicheck modules a file imports, also inside functions, but not for type checking."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sicheck"):
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("sicheck"))
    return found


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
GRAPH = {name: {m for m in _imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


@pytest.mark.parametrize(("kind", "name"), FORMAT_CASES)
def test_every_format_follows_the_one_protocol(kind: str, name: str) -> None:
    module = REGISTRIES[kind].module(name)
    parameters = inspect.signature(module.render).parameters
    first, *options = parameters.values()
    assert first.kind in (first.POSITIONAL_ONLY, first.POSITIONAL_OR_KEYWORD)
    assert {p.name: p.kind for p in options} == dict.fromkeys(("lang", "color", "width"), first.KEYWORD_ONLY)
    if REGISTRIES[kind].streams(name):
        assert all(callable(getattr(module, part)) for part in STREAMING)
        assert "policy" in inspect.signature(module.tail).parameters


# The output packages, and every format module wherever it lives.
RENDERING = sorted(
    {*PACKAGE.glob("render/*.py"), *PACKAGE.glob("report/*.py")}
    | {ROOT.joinpath(*REGISTRIES[kind][name].split(".")).with_suffix(".py") for kind, name in FORMAT_CASES}
)


@pytest.mark.parametrize("path", RENDERING, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_renderers_read_no_files_and_no_settings(path: Path) -> None:
    # A renderer is a pure function of typed values: what it shows comes in the report.
    reads = {"sicheck.criteria", "sicheck.catalog", "sicheck.config", "sicheck.settings"}
    assert not reads & _imports(path)
    source = path.read_text(encoding="utf-8")
    for call in ("open(", "read_text(", "read_bytes(", "os.environ"):
        assert call not in source, (path.name, call)


def test_no_import_cycles() -> None:
    # A helper that two modules both need lives below both of them (sicheck.values,
    # sicheck.symbols), never in one that imports the other inside a function.
    cycles: list[list[str]] = []

    def visit(name: str, trail: list[str]) -> None:
        for target in sorted(GRAPH[name]):
            if target in trail:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in done:
                visit(target, [*trail, target])
        done.add(name)

    done: set[str] = set()
    for name in sorted(GRAPH):
        if name not in done:
            visit(name, [name])
    assert cycles == []


def test_the_core_does_not_reach_up_into_the_command_line() -> None:
    for name, path in MODULES.items():
        if name.startswith(("sicheck.cli", "sicheck.commands", "sicheck.entry")):
            continue
        imported = _imports(path)
        assert not {m for m in imported if m.split(".")[0:2] == ["sicheck", "commands"] or m == "sicheck.cli"}, name
        assert "import typer" not in path.read_text(encoding="utf-8"), name


def test_no_json_round_trip_inside_the_program() -> None:
    # Formats that add to the check JSON (reviews, follow-ups) build it from the values;
    # only the shipped schemas are ever parsed as JSON.
    for name, path in MODULES.items():
        if name != "sicheck.schemas":
            assert "json.loads(" not in path.read_text(encoding="utf-8"), name
