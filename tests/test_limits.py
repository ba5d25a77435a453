"""Each input limit has a default, a command-line override, and a clear located message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sicheck.cli import app
from sicheck.loader import Limits

from .conftest import SAMPLES

SAMPLE = SAMPLES / "minimili.yaml"


def _first_problem(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["check", *args, "--format", "json", "--lang", "en"])
    assert result.exit_code == 1, result.output
    application = json.loads(result.stdout)["applications"][0]
    assert application["verdict"] == "invalid"
    problem: dict[str, object] = application["problems"][0]
    return problem


def test_defaults_are_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    limits = Limits()
    assert limits.max_file_size == 2 * 1024 * 1024 and "2 MiB" in readme
    assert f"{limits.max_depth} levels" in readme
    assert f"{limits.max_aliases} aliases" in readme
    assert f"{limits.max_nodes:,} values" in readme


def test_max_file_size(tmp_path: Path) -> None:
    problem = _first_problem(str(SAMPLE), "--max-file-size", "100")
    assert problem["code"] == "too-large"
    assert problem["location"] == {"path": "", "line": 1, "column": 1}
    assert "--max-file-size" in str(problem["message"])


def test_max_depth() -> None:
    problem = _first_problem(str(SAMPLE), "--max-depth", "2")
    assert problem["code"] == "too-deep"
    location = problem["location"]
    assert isinstance(location, dict) and location["line"] > 1
    assert "2 levels" in str(problem["message"])


def test_max_aliases(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8") + "x-a: &a [1]\nx-b: *a\nx-c: *a\n"
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    assert CliRunner().invoke(app, ["check", str(path), "--max-aliases", "2"]).exit_code == 0
    problem = _first_problem(str(path), "--max-aliases", "1")
    assert problem["code"] == "alias"
    location = problem["location"]
    assert isinstance(location, dict) and location["line"] == len(text.splitlines())


def test_max_nodes() -> None:
    problem = _first_problem(str(SAMPLE), "--max-nodes", "10")
    assert problem["code"] == "too-many-nodes"
    assert "10" in str(problem["message"])


@pytest.mark.parametrize("option", ["--max-file-size", "--max-depth", "--max-nodes"])
def test_limits_must_be_positive(option: str) -> None:
    assert CliRunner().invoke(app, ["check", str(SAMPLE), option, "0"]).exit_code == 2


def _imported(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sicheck", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


def test_version_imports_only_what_it_uses() -> None:
    modules = _imported("--version")
    for heavy in ("typer", "jsonschema", "rich", "yaml", "sicheck.engine", "sicheck.rules", "sicheck.loader"):
        assert heavy not in modules


def test_check_json_validates_with_jsonschema_and_does_not_import_rich() -> None:
    modules = _imported("check", str(SAMPLE), "--format", "json")
    assert "sicheck.engine" in modules
    assert "jsonschema" in modules
    assert "rich" not in modules


def test_check_of_an_application_leaves_follow_ups_and_reviews_unimported() -> None:
    # Telling a follow-up report from an application reads top-level keys only.
    modules = _imported("check", str(SAMPLE), "--format", "json")
    assert "sicheck.engine" in modules
    for unused in ("sicheck.followup.pairing", "sicheck.followup.analysis", "sicheck.reviews.merging"):
        assert unused not in modules


def test_the_console_script_builds_only_the_command_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from sicheck import cli

    monkeypatch.setattr(cli.app, "registered_commands", list(cli.app.registered_commands))
    monkeypatch.setattr(cli.app, "registered_groups", list(cli.app.registered_groups))
    every = [c.name for c in cli.app.registered_commands]
    for arguments in ([], ["--help"], ["--lang", "en", "check"], ["chek"]):
        cli._build_only(arguments)
        assert [c.name for c in cli.app.registered_commands] == every
    cli._build_only(["criteria", "list"])
    assert [g.name for g in cli.app.registered_groups] == ["criteria"]
    assert cli.app.registered_commands == []


def _options(command: Any) -> list[tuple[object, ...]]:
    """What typer builds from one command: every parameter as the parser and the help see it."""
    import typer
    import typer.core

    alone = typer.Typer()
    alone.registered_commands = [command]
    built = typer.main.get_command(alone)
    return [
        (
            p.name,
            p.opts,
            p.secondary_opts,
            type(p.type).__name__,
            [getattr(p.type, k, None) for k in ("name", "choices", "min", "max", "exists", "dir_okay")],
            repr(p.default),
            p.required,
            p.multiple,
        )
        + ((p.help, p.is_flag) if isinstance(p, typer.core.TyperOption) else ())
        for p in built.params
    ]


@pytest.mark.parametrize("name", [c.name for c in __import__("sicheck.cli").cli.app.registered_commands])
def test_annotations_evaluated_once_give_the_same_options(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from sicheck import cli

    command = next(c for c in cli.app.registered_commands if c.name == name)
    written = _options(command)
    monkeypatch.setattr(command.callback, "__annotations__", dict(command.callback.__annotations__))
    cli._resolve_annotations(command.callback)
    assert not any(isinstance(a, str) for a in command.callback.__annotations__.values())
    assert _options(command) == written


def test_the_console_script_runs_a_named_command_as_before() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sicheck", "check", str(SAMPLE), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(done.stdout)["summary"]["applications"] == 1
    usage = subprocess.run([sys.executable, "-m", "sicheck", "chek"], capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2
    assert "'check'" in usage.stderr


def test_the_console_script_leaves_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # Start-up runs without the collector and sets what it imported aside; the run itself
    # (a thousand files in one process) must have it back.
    import gc

    from sicheck import entry

    seen: list[bool] = []
    monkeypatch.setattr(sys, "argv", ["sicheck", "--help"])
    monkeypatch.setattr("sicheck.cli.main", lambda: seen.append(gc.isenabled()))
    try:
        entry.main()
    finally:
        gc.unfreeze()
    assert seen == [True] and gc.isenabled()
