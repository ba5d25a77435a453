"""No text from an application or review can command the GitHub Actions runner.

The runner acts on any output line that starts with ``::`` once leading spaces are trimmed,
and on ``##[`` anywhere in a line, unless ``::stop-commands::TOKEN`` is in force until
``::TOKEN::``. `runner_commands` reads output the same way; outside the ``github`` format's
own annotations, no line may come out as a command.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicheck.cli import app
from sicheck.render import FORMATS as CHECK_FORMATS
from sicheck.report import FORMATS as REPORT_FORMATS

runner = CliRunner()

_LINES = re.compile(r"\r\n|\r|\n")


def runner_commands(output: str) -> list[str]:
    """The lines the GitHub runner would act on, as it reads them."""
    commands: list[str] = []
    token: str | None = None
    for line in _LINES.split(output):
        trimmed = line.strip()
        if token is not None:
            if trimmed == f"::{token}::":
                token = None
            continue
        if trimmed.startswith("::stop-commands::"):
            token = trimmed.removeprefix("::stop-commands::")
            continue
        if trimmed.startswith("::") or "##[" in line:
            commands.append(line)
    return commands


def test_the_parser_finds_what_the_runner_would_run() -> None:
    assert runner_commands("  ::warning::x\nok\nsome ##[error]y\n") == ["  ::warning::x", "some ##[error]y"]
    assert runner_commands("::stop-commands::abc\n::warning::x\n::abc::\n::error::y\n") == ["::error::y"]


# A title that rich wraps just before "::", a key and values with line breaks, and the old
# "##[" command form: each tried to become a command line.
TITLE = "Projekt " + "x" * 70 + " ::warning title=sicheck::injected ##[error]legacy"
HOSTILE_APPLICATION = f"""\
project:
  title: "{TITLE}"
  summary: "first\\n::warning::from-summary\\r::error::from-cr"
principals:
  - id: "p1\\n::error::from-id"
    name: Borås stad
    kind: municipality
applicant:
  principal: "nobody\\n::warning::from-reference ##[warning]legacy"
"""
HOSTILE_KEY = 'project:\n  title: ok\n"bad\\n::warning::from-key ##[error]x": 1\n'
HOSTILE_REVIEW = """\
application: hostile.yaml
reviewer: "Anna\\n::warning::from-reviewer"
recommendation: yes
scores:
  "VGR-99\\n::error::from-criterion ##[error]x": {score: 3, comment: "ok\\n::warning::from-comment"}
comment: "overall\\n::warning::from-overall ##[error]y"
"""


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    apps = tmp_path / "apps"
    apps.mkdir()
    (apps / "hostile.yaml").write_text(HOSTILE_APPLICATION, encoding="utf-8")
    (apps / "hostile-key.yaml").write_text(HOSTILE_KEY, encoding="utf-8")
    (apps / "::warning::name ##[error]n.yaml").write_text(HOSTILE_APPLICATION, encoding="utf-8")
    # A line break in a file name: a pull request chooses its names too.
    (apps / "line\n::warning::from-name.yaml").write_text(HOSTILE_APPLICATION, encoding="utf-8")
    (apps / "cr\r::error::from-name.yaml").write_text("- not a mapping\n", encoding="utf-8")
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    (reviews / "anna.yaml").write_text(HOSTILE_REVIEW, encoding="utf-8")
    (reviews / "broken.yaml").write_text('application: hostile.yaml\n"x\\n::warning::k": [\n', encoding="utf-8")
    return apps, reviews


@pytest.mark.parametrize("in_actions", [True, False])
@pytest.mark.parametrize("output_format", sorted(set(CHECK_FORMATS) - {"github"}))
def test_check_output_has_no_runner_commands(
    output_format: str, in_actions: bool, hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    apps, _ = hostile
    if in_actions:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["check", str(apps), "--format", output_format, "--lang", "en"])
    assert result.exit_code == 1, result.output
    commands = runner_commands(result.stdout) + runner_commands(result.stderr)
    if output_format == "text" and not in_actions:
        # Outside Actions nobody acts on commands, and text is not guarded; still, no line
        # break from a file reaches the output.
        commands = [c for c in commands if re.match(r"\s*::(warning|error)::from-", c)]
    assert commands == []


def test_check_text_in_actions_is_inside_stop_commands(
    hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    apps, _ = hostile
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    first = runner.invoke(app, ["check", str(apps), "--lang", "en"]).stdout
    second = runner.invoke(app, ["check", str(apps), "--lang", "en"]).stdout
    assert first.startswith("::stop-commands::")
    assert first.splitlines()[0] != second.splitlines()[0]  # a new random token each run
    token = first.splitlines()[0].removeprefix("::stop-commands::")
    assert first.rstrip("\n").endswith(f"::{token}::")


def test_check_github_format_has_only_its_own_annotations(
    hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    apps, _ = hostile
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["check", str(apps), "--format", "github", "--lang", "en"])
    lines = [line for line in _LINES.split(result.stdout) if line]
    commands = runner_commands(result.stdout)
    assert commands
    for line in commands:
        # Every command is one of the format's own, at the start of its line, with its
        # data escaped so it stays on that line.
        assert re.match(r"::(error|warning|notice) [^\n]*::|::(group|endgroup)::", line), line
    assert all(line in commands or not line.startswith(":") for line in lines)
    # Nothing injected into properties; the file property names the file, escaped (test_ci_destinations).
    properties = [re.sub(r"file=[^,]*", "", c.split("::", 2)[1]) for c in commands]
    assert [p for p in properties if "from-" in p] == []


@pytest.mark.parametrize("in_actions", [True, False])
@pytest.mark.parametrize("output_format", sorted(REPORT_FORMATS))
def test_report_output_and_its_stderr_have_no_runner_commands(
    output_format: str, in_actions: bool, hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    apps, reviews = hostile
    if in_actions:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    else:
        monkeypatch.setenv("COLUMNS", "1000")  # no wrapping: a line can start only after a line break
    result = runner.invoke(
        app, ["report", str(apps), "--reviews", str(reviews), "--format", output_format, "--lang", "en"]
    )
    assert result.exit_code == 1, result.output
    assert "from-" in result.stderr  # the review problems were reported
    commands = runner_commands(result.stdout) + runner_commands(result.stderr)
    if not in_actions:
        # Outside Actions nobody acts on commands, and rich may wrap a line before "::"; still,
        # no line break from a file or a file name reaches the output.
        commands = [c for c in commands if re.match(r"\s*::(warning|error)::from-", c)]
    assert commands == []


def test_check_with_reviews_has_no_runner_commands(hostile: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    apps, reviews = hostile
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    for output_format in ("text", "json"):
        result = runner.invoke(
            app, ["check", str(apps), "--reviews", str(reviews), "--format", output_format, "--lang", "en"]
        )
        assert result.exit_code == 1
        assert runner_commands(result.stdout) == []
        assert runner_commands(result.stderr) == []


def test_usage_errors_on_stderr_have_no_runner_commands(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["check", str(tmp_path / "x\n::warning::from-path ##[error]p")])
    assert result.exit_code == 2
    assert "from-path" in result.stderr
    assert runner_commands(result.stderr) == []


@pytest.mark.parametrize("output_format", ["json", "table"])
def test_report_review_problems_on_stderr_are_one_line_each_outside_actions(
    output_format: str, hostile: tuple[Path, Path]
) -> None:
    """Outside GitHub Actions nothing is wrapped: a line break from a review is shown as ``\\n``."""
    apps, reviews = hostile
    args = ["report", str(apps), "--reviews", str(reviews), "--format", output_format, "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "from-criterion" in result.stderr
    lines = [line for line in _LINES.split(result.stderr) if line]
    assert lines and all(line.startswith("sicheck: ") for line in lines), lines
    assert "\\n::error::from-criterion" in result.stderr  # the line break is there to read, as an escape
