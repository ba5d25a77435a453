"""The command line: exit codes, options, formats and golden output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sicheck import __version__
from sicheck.cli import app

from . import regen_golden
from .conftest import GOLDEN, INPUTS, ROOT, SAMPLES

runner = CliRunner()
ELIGIBLE = str(SAMPLES / "minimili.yaml")
INELIGIBLE = str(SAMPLES / "fotosyntes.yaml")
WARNED = str(SAMPLES / "tidiga-insatser-skolnarvaro.yaml")
INVALID = str(INPUTS / "invalid" / "duplicate-key.yaml")


def invoke(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0
    assert out.strip() == f"sicheck {__version__}"


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        ([ELIGIBLE], 0),
        ([INELIGIBLE], 1),
        ([INVALID], 1),
        ([ELIGIBLE, INELIGIBLE], 1),
        ([ELIGIBLE, INVALID], 1),
    ],
)
def test_exit_codes(paths: list[str], expected: int) -> None:
    code, _, _ = invoke("check", *paths)
    assert code == expected


def test_exit_zero() -> None:
    assert invoke("check", INELIGIBLE, INVALID, "--exit-zero")[0] == 0


def test_fail_under() -> None:
    # An application that meets the requirements is complete (100 %); Fotosyntes is at 87,5 %.
    assert invoke("check", ELIGIBLE, "--fail-under", "100")[0] == 0
    code, out, _ = invoke("check", INELIGIBLE, "--fail-under", "95")
    assert code == 1
    assert "1 under gränsen 95 %" in out
    assert "under gränsen" not in invoke("check", INELIGIBLE, "--fail-under", "80")[1]


def test_strict_makes_warnings_fail() -> None:
    # Utmanande avstamp 2 is eligible with no warnings; a warning-only file needs building.
    application = yaml.safe_load((SAMPLES / "utmanande-avstamp-2.yaml").read_text(encoding="utf-8"))
    for effect in application["effects"]:
        effect.pop("causal_basis", None)
        effect.pop("references", None)
    text = yaml.safe_dump(application, allow_unicode=True, sort_keys=False)
    code, out, _ = invoke("check", "-", stdin=text)
    assert code == 0, out
    assert "VGR-03.causal-basis" in out
    code, _, _ = invoke("check", "-", "--strict", stdin=text)
    assert code == 1


def test_stdin() -> None:
    code, out, _ = invoke("check", "-", "--format", "json", stdin=Path(ELIGIBLE).read_bytes())
    assert code == 0
    report = json.loads(out)
    assert report["applications"][0]["file"] == "<stdin>"
    assert report["applications"][0]["verdict"] == "eligible"


def test_folder_is_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.yml").write_bytes(Path(ELIGIBLE).read_bytes())
    (tmp_path / "a.yaml").write_bytes(Path(INELIGIBLE).read_bytes())
    (tmp_path / "notes.txt").write_text("inte en ansökan")
    code, out, _ = invoke("check", str(tmp_path), "--format", "json")
    files = [a["file"] for a in json.loads(out)["applications"]]
    assert files == [str(tmp_path / "a.yaml"), str(tmp_path / "b" / "z.yml")]
    assert code == 1


@pytest.mark.parametrize(
    "args",
    [
        ["check", ELIGIBLE, "--criteria", "nope@1"],
        ["check", ELIGIBLE, "--criteria", "vgr@1999"],
        ["check", ELIGIBLE, "--criteria", "missing-file.yaml"],
        ["check", ELIGIBLE, "--format", "nope"],
        ["check", ELIGIBLE, "--lang", "de"],
        ["check", ELIGIBLE, "--no-such-option"],
        ["check", str(SAMPLES / "no-such-file.yaml")],
        ["check"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert invoke(*args)[0] == 2


def test_unknown_criteria_suggests(tmp_path: Path) -> None:
    code, _, err = invoke("check", ELIGIBLE, "--criteria", "vgrr")
    assert code == 2
    assert "vgr" in err


def test_broken_criteria_file_names_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "mine@1.yaml"
    text = (ROOT / "criteria" / "ale@2012.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("severity: error", "severity: fatal", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(broken.read_text().splitlines(), 1) if "severity: fatal" in row)
    code, _, err = invoke("check", ELIGIBLE, "--criteria", str(broken))
    assert code == 2
    assert f"{broken}:{line}:" in err


def test_criteria_file_by_path_works() -> None:
    code, out, _ = invoke("check", ELIGIBLE, "--criteria", str(ROOT / "criteria" / "ale@2012.yaml"), "-f", "json")
    assert code == 0
    assert json.loads(out)["applications"][0]["criteria_set"] == {"id": "ale", "version": "2012"}


def test_criteria_option_overrides_the_file() -> None:
    # MiniMili names ale@2012; forced onto VGR it is ineligible.
    code, out, _ = invoke("check", ELIGIBLE, "--criteria", "vgr", "-f", "json")
    assert code == 1
    assert json.loads(out)["applications"][0]["criteria_set"] == {"id": "vgr", "version": "2015"}


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _ = invoke("check", ELIGIBLE, "-f", "json", "-o", str(target))
    assert code == 0
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["eligible"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_output_to_missing_folder_is_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke("check", ELIGIBLE, "-o", str(tmp_path / "nope" / "r.txt"))
    assert code == 2
    assert "nope" in err


def test_application_files_are_never_written(tmp_path: Path) -> None:
    copy = tmp_path / "a.yaml"
    copy.write_bytes(Path(INELIGIBLE).read_bytes())
    before = (copy.read_bytes(), copy.stat().st_mtime_ns)
    invoke("check", str(copy))
    invoke("check", str(copy), "-f", "json")
    assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before


def test_english_and_swedish() -> None:
    _, sv, _ = invoke("check", INELIGIBLE)
    _, en, _ = invoke("check", INELIGIBLE, "--lang", "en")
    assert "UPPFYLLER INTE KRAVEN" in sv and "Varför:" in sv and "saknas" in sv
    assert "DOES NOT MEET THE REQUIREMENTS" in en and "Why:" in en and "missing" in en


def test_no_color_when_piped_and_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = invoke("check", INELIGIBLE)
    assert "\x1b[" not in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = invoke("check", INELIGIBLE)
    assert "\x1b[" not in out


def test_color_on_a_terminal_is_off_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from sicheck.commands import common

    monkeypatch.setattr(common.sys.stdout, "isatty", lambda: True, raising=False)
    assert common.wants_color(False, None) is True
    assert common.wants_color(True, None) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert common.wants_color(False, None) is False


def test_json_shape() -> None:
    _, out, _ = invoke("check", INELIGIBLE, INVALID, "-f", "json")
    report = json.loads(out)
    assert set(report) == {"tool", "applications", "summary"}
    assert report["tool"] == {"name": "sicheck", "version": __version__}
    assert report["summary"] == {"applications": 2, "eligible": 0, "ineligible": 1, "invalid": 1}
    by_verdict = {a["verdict"]: a for a in report["applications"]}
    invalid, ineligible = by_verdict["invalid"], by_verdict["ineligible"]
    assert set(ineligible) == {"file", "title", "criteria_set", "verdict", "score", "criteria", "problems"}
    assert invalid["score"] is None and invalid["criteria"] == []
    criterion = ineligible["criteria"][0]
    assert set(criterion) == {"id", "title", "required", "status", "points", "max_points", "checks"}
    assert set(criterion["checks"][0]) == {"id", "passed", "severity", "message", "location"}
    problem = ineligible["problems"][0]
    assert set(problem) == {"severity", "code", "criterion", "message", "hint", "location"}
    assert set(problem["location"]) == {"path", "line", "column"}
    assert problem["location"]["line"] >= 1 and problem["location"]["column"] >= 1


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "sicheck", "check", ELIGIBLE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "MiniMili" in done.stdout


@pytest.mark.parametrize("name", sorted(regen_golden.CASES))
def test_golden_output(name: str) -> None:
    """Output formats match tests/golden; regenerate with `python -m tests.regen_golden`."""
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert regen_golden.run_case(regen_golden.CASES[name]) == expected


def test_hostile_text_is_escaped_in_text_output() -> None:
    text = (GOLDEN / "hostile.sv.txt").read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert "\\x1b" in text
    assert "[bold red]TMR[/]" in text  # shown literally, not styled
