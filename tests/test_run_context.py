"""One run context: the settings, the criteria catalog and the run policy, for every command."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicheck.catalog import CriteriaCatalog
from sicheck.cli import app
from sicheck.config import Config
from sicheck.errors import CriteriaError, UnknownCriteriaError
from sicheck.model import ApplicationResult
from sicheck.policy import RunPolicy
from sicheck.settings import DEFAULT_CRITERIA, CommandLine, resolve

from .conftest import ROOT, SAMPLES

runner = CliRunner()
ALE = ROOT / "criteria" / "ale@2012.yaml"


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def own_set(folder: Path, name: str = "myfund@2024.yaml", version: str = "2024") -> Path:
    """Ale's criteria under another id and version: a funder's own set."""
    folder.mkdir(parents=True, exist_ok=True)
    text = ALE.read_text(encoding="utf-8").replace("id: ale\n", "id: myfund\n", 1)
    text = text.replace('version: "2012"\n', f'version: "{version}"\n', 1)
    target = folder / name
    target.write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An applications repository whose configuration names its own criteria set."""
    own_set(tmp_path / "kriterier")
    (tmp_path / ".sicheck.yaml").write_text("criteria_dirs: [kriterier]\ncriteria: myfund@2024\n", encoding="utf-8")
    (tmp_path / "applications").mkdir()
    # One application names the set itself, one leaves it to the configuration.
    text = (SAMPLES / "minimili.yaml").read_text(encoding="utf-8")
    assert "criteria: ale@2012" in text
    (tmp_path / "applications" / "named.yaml").write_text(
        text.replace("criteria: ale@2012", "criteria: myfund@2024"), encoding="utf-8"
    )
    (tmp_path / "applications" / "unnamed.yaml").write_text(
        text.replace("criteria: ale@2012", "x-note: ingen"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sets_and_verdicts(out: str) -> dict[str, tuple[str | None, str]]:
    applications = json.loads(out)["applications"]
    return {
        Path(a["file"]).name: (a["criteria_set"]["id"] if a["criteria_set"] else None, a["verdict"])
        for a in applications
    }


# --- reproductions ----------------------------------------------------------------------------


def test_report_uses_the_repository_configuration(repo: Path) -> None:
    code, checked, _ = invoke("check", "applications", "--format", "json")
    assert code == 0
    expected = {"named.yaml": ("myfund", "eligible"), "unnamed.yaml": ("myfund", "eligible")}
    assert sets_and_verdicts(checked) == expected
    code, reported, err = invoke("report", "applications", "--format", "json")
    assert code == 0, err
    assert sets_and_verdicts(reported) == expected
    # The report's application objects are the check's, criterion by criterion.
    by_file = {a["file"]: a for a in json.loads(checked)["applications"]}
    for application in json.loads(reported)["applications"]:
        assert application["criteria"] == by_file[application["file"]]["criteria"]


def test_report_follows_the_configured_language(repo: Path) -> None:
    config = repo / ".sicheck.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "lang: en\n", encoding="utf-8")
    _, out, _ = invoke("report", "applications")
    assert "meet the requirements" in out.lower() and "uppfyller" not in out.lower()


def test_review_template_and_loader_use_the_configured_criteria_folders(repo: Path) -> None:
    code, template, err = invoke("new", "--review", "applications/named.yaml", "--lang", "en")
    assert code == 0, err
    ids = re.findall(r"^  ([A-Z]+-[0-9]{2}):", template, flags=re.M)
    assert ids and ids == [f"ALE-{n:02d}" for n in range(1, 10)]
    assert "myfund@2024" in template
    filled = template.replace('reviewer: ""', 'reviewer: "Anna"', 1).replace("{score: , ", "{score: 4, ")
    (repo / "reviews").mkdir()
    (repo / "reviews" / "anna.yaml").write_text(filled, encoding="utf-8")
    code, out, err = invoke("report", "applications", "--reviews", "reviews", "--format", "json")
    assert code == 0, err
    reviewed = {Path(a["file"]).name: a["review"] for a in json.loads(out)["applications"]}
    assert reviewed["named.yaml"] is not None and reviewed["named.yaml"]["reviewers"] == 1
    assert json.loads(out)["review_problems"] == []


def test_reviews_of_an_invalid_application_are_held_to_its_own_set(repo: Path) -> None:
    # An invalid application has no checklist; the review's criterion ids are still
    # checked against its set, found in the configured folder.
    broken = repo / "applications" / "named.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "unknown_key: 1\n", encoding="utf-8")
    (repo / "reviews").mkdir()
    (repo / "reviews" / "bo.yaml").write_text(
        "application: named.yaml\nreviewer: Bo\nscores:\n  VGR-01: {score: 3}\n", encoding="utf-8"
    )
    code, out, _ = invoke("report", "applications/named.yaml", "--reviews", "reviews", "--format", "json")
    assert code == 1
    problems = json.loads(out)["review_problems"]
    assert [p["code"] for p in problems] == ["unknown-criterion"]
    assert "myfund@2024" in problems[0]["message"]


@pytest.mark.parametrize(
    ("name", "key", "field_line"), [("myfund@2024.yaml", "version", 5), ("other@2015.yaml", "id", 4)]
)
def test_criteria_file_name_and_content_must_agree(tmp_path: Path, name: str, key: str, field_line: int) -> None:
    own_set(tmp_path / "kriterier", name="myfund@2015.yaml", version="2015").rename(tmp_path / "kriterier" / name)
    with pytest.raises(CriteriaError) as caught:
        CriteriaCatalog((tmp_path / "kriterier",)).load(Path(name).stem)
    assert (caught.value.line, caught.value.column) == (field_line, len(f"{key}: ") + 1)
    assert caught.value.file.endswith(name)
    assert f"{key}:" in caught.value.message.en and "rename the file" in caught.value.message.en


def test_mismatched_criteria_file_is_a_located_usage_error(repo: Path) -> None:
    own_set(repo / "kriterier", version="2015")  # myfund@2024.yaml that says version "2015"
    code, _, err = invoke("check", "applications", "--lang", "en")
    assert code == 2
    assert re.search(r"myfund@2024\.yaml:5:10: .*version: 2015", err)
    code, _, err = invoke("report", "applications", "--no-config", "--criteria", "kriterier/myfund@2024.yaml")
    assert code == 2 and "myfund@2024.yaml:5:10:" in err


# --- the parts --------------------------------------------------------------------------------


def result(verdict: str, score: float | None, warned: bool = False) -> ApplicationResult:
    from sicheck.i18n import Text
    from sicheck.model import Location, Problem

    problems = (Problem("warning", "x", Text("", ""), Location("", 1, 1)),) if warned else ()
    return ApplicationResult("a.yaml", None, None, verdict, score, (), problems)  # type: ignore[arg-type]


def test_run_policy_decides_failure_once() -> None:
    eligible, warned = result("eligible", 80.0), result("eligible", 100.0, warned=True)
    assert not RunPolicy().fails(eligible) and not RunPolicy().fails(warned)
    assert RunPolicy().fails(result("ineligible", 90.0)) and RunPolicy().fails(result("invalid", None))
    assert RunPolicy(fail_under=90).fails(eligible) and not RunPolicy(fail_under=80).fails(eligible)
    assert RunPolicy(fail_under=10).under_threshold(result("invalid", None))
    assert RunPolicy(strict=True).fails(warned)
    assert RunPolicy(exit_zero=True).exit_code(True) == 0
    assert RunPolicy().exit_code(True) == 1 and RunPolicy().exit_code(False) == 0


def test_settings_command_line_over_configuration_over_defaults() -> None:
    config = Config(lang="en", fail_under=50.0, strict=True, format="json", criteria="ale", max_depth=20)
    assert resolve(CommandLine(), Config()).lang == "sv"
    assert resolve(CommandLine(), Config()).default_criteria == DEFAULT_CRITERIA
    settings = resolve(CommandLine(), config)
    assert (settings.lang, settings.format, settings.default_criteria) == ("en", "json", "ale")
    assert settings.policy == RunPolicy(fail_under=50.0, strict=True)
    assert settings.limits.max_depth == 20
    given = resolve(CommandLine(lang="sv", fail_under=70.0, strict=False, format="text", max_depth=30), config)
    assert (given.lang, given.format, given.limits.max_depth) == ("sv", "text", 30)
    assert given.policy == RunPolicy(fail_under=70.0, strict=False)


def test_catalog_loads_each_set_once_and_finds_it_by_key(tmp_path: Path) -> None:
    own_set(tmp_path)
    catalog = CriteriaCatalog((tmp_path,))
    first = catalog.load("myfund")
    assert catalog.load("myfund@2024") is first
    assert catalog.find("myfund@2024") is first
    assert catalog.find("nope@1") is None
    assert "myfund@2024" in catalog.known_specs() and "vgr@2015" in catalog.known_specs()
    # The catalog is explicit: one without the folder does not know the set.
    with pytest.raises(UnknownCriteriaError):
        CriteriaCatalog().load("myfund")
    # A set given by its path is found again by its key.
    by_path = CriteriaCatalog()
    loaded = by_path.load(str(tmp_path / "myfund@2024.yaml"))
    assert by_path.find("myfund@2024") is loaded


def test_catalog_finds_the_file_of_a_spec_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every application names its set: the folders are looked at for the first one only.
    own_set(tmp_path)
    catalog = CriteriaCatalog((tmp_path,))
    resolved: list[str] = []
    resolve = catalog.resolve_path
    monkeypatch.setattr(catalog, "resolve_path", lambda spec: resolved.append(spec) or resolve(spec))
    sets = [catalog.load(spec) for spec in ("myfund@2024", "myfund@2024", "vgr@2015", "myfund@2024", "vgr@2015")]
    assert resolved == ["myfund@2024", "vgr@2015"]
    assert sets[0] is sets[1] is sets[3] and sets[2] is sets[4]


def test_sarif_rules_come_from_the_run_not_from_files(repo: Path) -> None:
    code, out, _ = invoke("check", "applications", "--format", "sarif")
    assert code == 0
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert {r["properties"].get("criteriaSet") for r in rules if "criterion" in r["properties"]} == {"myfund@2024"}


def test_every_command_takes_the_configuration_options(repo: Path) -> None:
    other = repo / "other.yaml"
    other.write_text("lang: en\n", encoding="utf-8")
    for command in (["schema"], ["explain", "VGR-01"], ["criteria", "list"], ["new"]):
        code, _, _ = invoke(*command, "--config", str(other))
        assert code == 0, command
        code, _, err = invoke(*command, "--config", str(repo / "missing.yaml"))
        assert code == 2 and "missing.yaml" in err, command
    shutil.rmtree(repo / "kriterier")
    # The configuration's folder is gone: every command says so, unless told to read none.
    code, _, err = invoke("schema")
    assert code == 2 and "kriterier" in err
    assert invoke("schema", "--no-config")[0] == 0
