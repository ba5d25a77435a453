"""The hook and the command line check only applications: other YAML is skipped and counted."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicheck import config
from sicheck.cli import app
from sicheck.kinds import is_criteria_set, is_review
from sicheck.selection import reason_to_skip, select

from .conftest import INPUTS, ROOT, SAMPLES

runner = CliRunner()
REVIEW = ROOT / "sample_reviews" / "anna-andersson" / "utmanande-avstamp-2.yaml"
FOLLOWUP = ROOT / "sample_followups" / "tmr" / "slutrapport.yaml"


@pytest.mark.parametrize("criteria_file", sorted((ROOT / "criteria").glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_criteria_sets_are_criteria_sets(criteria_file: Path) -> None:
    data = criteria_file.read_bytes()
    assert is_criteria_set(data) and not is_review(data)


@pytest.mark.parametrize(
    "application",
    [*sorted(SAMPLES.glob("*.yaml")), *sorted((INPUTS / "invalid").glob("*.yaml"))],
    ids=lambda p: p.name,
)
def test_applications_are_neither_reviews_nor_criteria_sets(application: Path) -> None:
    data = application.read_bytes()
    assert not is_criteria_set(data) and not is_review(data)


def test_a_criteria_set_is_told_from_its_top_level_keys() -> None:
    assert is_criteria_set(b'\xef\xbb\xbf"id": x\nversion: "1"\ncriteria: []\n')
    assert not is_criteria_set(b"criteria: vgr@2015\nproject:\n  id: x\n  version: 2\n")  # nested keys
    assert not is_criteria_set(b"id: x\ncriteria: []\n")
    assert not is_criteria_set(b"# id: x\n# version: 1\ncriteria: vgr\n")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "applications" / "granskningar").mkdir(parents=True)
    (tmp_path / "criteria").mkdir()
    (tmp_path / "other").mkdir()
    shutil.copy(SAMPLES / "minimili.yaml", tmp_path / "applications" / "minimili.yaml")
    shutil.copy(SAMPLES / "minimili.yaml", tmp_path / "other" / "minimili.yaml")
    shutil.copy(REVIEW, tmp_path / "applications" / "granskningar" / "anna.yaml")
    shutil.copy(FOLLOWUP, tmp_path / "applications" / "slutrapport.yaml")
    shutil.copy(ROOT / "criteria" / "ale@2012.yaml", tmp_path / "criteria" / "ale@2012.yaml")
    shutil.copy(ROOT / "criteria" / "vgr@2015.yaml", tmp_path / "applications" / "vgr@2015.yaml")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / ".sicheck.yaml").write_text("paths: [applications]\ncriteria-dirs: [criteria]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_each_reason(repo: Path) -> None:
    settings = config.load(repo / ".sicheck.yaml")
    cases = {
        "applications/minimili.yaml": None,
        "applications/granskningar/anna.yaml": "review",
        "applications/slutrapport.yaml": "followup",
        "applications/vgr@2015.yaml": "criteria-set",
        ".sicheck.yaml": "configuration",
        "criteria/ale@2012.yaml": "criteria-dirs",
        "mkdocs.yml": "outside-paths",
        "other/minimili.yaml": "outside-paths",
        "-": None,
    }
    for path, reason in cases.items():
        assert reason_to_skip(path, settings, named=True) == reason, path
    # Found in a folder rather than named, a file outside paths is checked: the folder was asked for.
    assert reason_to_skip("other/minimili.yaml", settings, named=False) is None
    # Without paths in the configuration, nothing is outside them.
    assert reason_to_skip("mkdocs.yml", config.Config(), named=True) is None


def test_a_fifo_is_never_opened(repo: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(repo / "applications" / "pipe.yaml")
    selection = select([("applications/pipe.yaml", "applications/pipe.yaml")], config.Config(), named=[])
    assert selection.applications == [("applications/pipe.yaml", "applications/pipe.yaml")]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_check_skips_and_counts_what_is_not_an_application(repo: Path) -> None:
    named = [
        "applications/minimili.yaml",
        "applications/granskningar/anna.yaml",
        "applications/vgr@2015.yaml",
        ".sicheck.yaml",
        "criteria/ale@2012.yaml",
        "mkdocs.yml",
    ]
    code, out, err = invoke(*named, "--lang", "en", "--format", "json")
    assert code == 0, out + err
    import json

    assert [a["file"] for a in json.loads(out)["applications"]] == ["applications/minimili.yaml"]
    assert err == (
        "sicheck: 5 of the files are not applications and were not checked (review file: 1, criteria set: 1, "
        "configuration file: 1, in criteria-dirs: 1, outside paths: 1).\n"
    )


def test_the_configured_folder_skips_reviews_and_criteria_sets_inside_it(repo: Path) -> None:
    code, out, err = invoke("--format", "github")
    assert code == 0, out + err
    assert "applications/minimili.yaml" in out and "anna.yaml" not in out and "vgr@2015" not in out
    assert "granskningsfil: 1" in err and "kriterieuppsättning: 1" in err
    # A follow-up report kept beside the applications is not an application that cannot be
    # assessed: found in a folder it is skipped (named, `check` follows it up).
    assert "slutrapport" not in out and "uppföljningsrapport: 1" in err


def test_only_files_that_are_not_applications_is_success(repo: Path) -> None:
    code, out, err = invoke("mkdocs.yml", "criteria/ale@2012.yaml")
    assert code == 0 and "Ansökningar: 0." in out
    assert err.startswith("sicheck: 2 av filerna är inte ansökningar")


def test_nothing_skipped_says_nothing(repo: Path) -> None:
    code, _, err = invoke("applications/minimili.yaml")
    assert code == 0 and err == ""


def test_readme_hook_files_pattern_is_the_configured_folder() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### pre-commit") :]
    section = section[: section.index("\n### ", 1)]
    assert "files: ^applications/" in section
    configuration = readme[readme.index("### Repository configuration") :]
    assert 'paths = ["applications"]' in configuration
