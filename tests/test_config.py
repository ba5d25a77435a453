"""Repository configuration: discovery upward, command-line override, broken files with positions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from sicheck import config
from sicheck.cli import app
from sicheck.config import Config, ConfigError, glob_pattern

from .conftest import ROOT, SAMPLES

runner = CliRunner()

ELIGIBLE = SAMPLES / "minimili.yaml"  # names ale@2012 itself
INELIGIBLE = SAMPLES / "fotosyntes.yaml"  # ale@2012, ALE-05 missing


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An applications repository: applications/ with one eligible and one ineligible file."""
    (tmp_path / "applications" / "drafts").mkdir(parents=True)
    shutil.copy(ELIGIBLE, tmp_path / "applications" / "minimili.yaml")
    shutil.copy(INELIGIBLE, tmp_path / "applications" / "drafts" / "fotosyntes.yaml")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def files_in(out: str) -> list[str]:
    return [a["file"] for a in json.loads(out)["applications"]]


# --- discovery ----------------------------------------------------------------------------


def test_pyproject_table_is_found_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.sicheck]\nlang = "en"\n', encoding="utf-8")
    monkeypatch.chdir(repo / "docs")
    found = config.discover()
    assert found.file == repo / "pyproject.toml"
    assert found.lang == "en"


def test_nearest_file_wins(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "pyproject.toml").write_text('[tool.sicheck]\nlang = "en"\n', encoding="utf-8")
    (repo / "docs" / ".sicheck.yaml").write_text("lang: sv\n", encoding="utf-8")
    monkeypatch.chdir(repo / "docs")
    assert config.discover().lang == "sv"


def test_yaml_wins_over_pyproject_in_one_folder(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.sicheck]\nlang = "en"\n', encoding="utf-8")
    (repo / ".sicheck.yaml").write_text("lang: sv\n", encoding="utf-8")
    assert config.find(repo) == repo / ".sicheck.yaml"


def test_pyproject_without_the_table_is_passed_over(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".sicheck.yaml").write_text("format: json\n", encoding="utf-8")
    (repo / "docs" / "pyproject.toml").write_text('[project]\nname = "docs"\n', encoding="utf-8")
    monkeypatch.chdir(repo / "docs")
    assert config.discover().format == "json"


def test_no_configuration_is_an_empty_one(tmp_path: Path) -> None:
    # The repository's own pyproject.toml has no [tool.sicheck] table.
    assert config.discover(ROOT) == Config()
    assert config.find(tmp_path) is None


def test_empty_yaml_file_sets_nothing(repo: Path) -> None:
    (repo / ".sicheck.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert config.discover() == Config(file=repo / ".sicheck.yaml")


# --- defaults from the configuration, overridden on the command line -----------------------


def test_paths_and_exclude_from_the_configuration(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".sicheck.yaml").write_text(
        "paths: [applications]\nexclude: [applications/drafts]\nformat: json\n", encoding="utf-8"
    )
    code, out, _ = invoke()
    assert code == 0
    assert files_in(out) == ["applications/minimili.yaml"]
    # From a subfolder the same files are found, shown relative to where we stand.
    monkeypatch.chdir(repo / "docs")
    code, out, _ = invoke()
    assert code == 0
    assert files_in(out) == ["../applications/minimili.yaml"]


def test_command_line_paths_replace_the_configured_ones(repo: Path) -> None:
    (repo / ".sicheck.yaml").write_text("paths: [docs]\nformat: json\n", encoding="utf-8")
    code, out, _ = invoke("applications")
    assert code == 1
    assert files_in(out) == ["applications/drafts/fotosyntes.yaml", "applications/minimili.yaml"]


def test_exclude_applies_to_named_files_too(repo: Path) -> None:
    """pre-commit names every changed YAML file; an excluded one is not an application."""
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\n", encoding="utf-8")
    (repo / ".sicheck.yaml").write_text("exclude: ['.github/**', '**/drafts']\nformat: json\n", encoding="utf-8")
    code, out, _ = invoke(
        ".github/workflows/ci.yml", "applications/drafts/fotosyntes.yaml", "applications/minimili.yaml"
    )
    assert code == 0
    assert files_in(out) == ["applications/minimili.yaml"]
    # Everything excluded: nothing to check is a success, not a usage error.
    code, out, _ = invoke(".github/workflows/ci.yml")
    assert code == 0
    assert json.loads(out)["summary"]["applications"] == 0


def test_options_override_the_configuration(repo: Path) -> None:
    # Files named on the command line are checked only inside the configured paths.
    (repo / "candidates").mkdir()
    (repo / "pyproject.toml").write_text(
        '[tool.sicheck]\npaths = ["applications/minimili.yaml", "candidates"]\nformat = "json"\nlang = "en"\n'
        "fail_under = 100\nstrict = true\n",
        encoding="utf-8",
    )
    code, out, _ = invoke()
    assert code == 0 and json.loads(out)["applications"][0]["criteria"][0]["title"] == "Application through a sector"
    code, out, _ = invoke("--format", "text", "--lang", "sv")
    assert "UPPFYLLER KRAVEN" in out
    # Fotosyntes is incomplete (87,5 %): fail_under = 100 from the file counts it as under the
    # threshold, --fail-under 80 does not. (An application that meets the requirements is
    # complete, 100 %.)
    fotosyntes = str(shutil.copy(SAMPLES / "fotosyntes.yaml", repo / "candidates"))
    assert json.loads(invoke(fotosyntes, "--format", "json")[1])["applications"][0]["score"] == 87.5
    assert "1 under the threshold of 100 %" in invoke(fotosyntes, "--format", "text")[1]
    assert "under the threshold" not in invoke(fotosyntes, "--format", "text", "--fail-under", "80")[1]
    # Eligible at 100 % with one warning: strict = true in the file fails it, --no-strict not.
    application = yaml.safe_load((SAMPLES / "utmanande-avstamp-2.yaml").read_text(encoding="utf-8"))
    for effect in application["effects"]:
        effect.pop("causal_basis", None)
        effect.pop("references", None)
    warned = repo / "candidates" / "warned.yaml"
    warned.write_text(yaml.safe_dump(application, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert invoke(str(warned))[0] == 1
    assert invoke(str(warned), "--no-strict", "--fail-under", "0")[0] == 0
    assert invoke(str(warned), "--fail-under", "0")[0] == 1


def test_configured_criteria_is_the_fallback_after_the_file(repo: Path) -> None:
    (repo / ".sicheck.yaml").write_text("criteria: vgr@2015\nformat: json\n", encoding="utf-8")
    no_criteria = repo / "applications" / "no-criteria.yaml"
    no_criteria.write_text(
        ELIGIBLE.read_text(encoding="utf-8").replace("criteria: ale@2012", "x-note: ingen"), encoding="utf-8"
    )
    _, out, _ = invoke("applications/minimili.yaml", "applications/no-criteria.yaml")
    sets = {a["file"]: a["criteria_set"]["id"] for a in json.loads(out)["applications"]}
    # The file's own field wins over the configuration; without one the configuration applies.
    assert sets == {"applications/minimili.yaml": "ale", "applications/no-criteria.yaml": "vgr"}
    # --criteria wins over both.
    _, out, _ = invoke("applications/no-criteria.yaml", "--criteria", "ale")
    assert json.loads(out)["applications"][0]["criteria_set"]["id"] == "ale"


def test_criteria_dirs_are_relative_to_the_configuration(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "kriterier").mkdir()
    text = (ROOT / "criteria" / "ale@2012.yaml").read_text(encoding="utf-8")
    (repo / "kriterier" / "egen@1.yaml").write_text(
        text.replace("id: ale\n", "id: egen\n").replace('version: "2012"', 'version: "1"'), encoding="utf-8"
    )
    (repo / ".sicheck.yaml").write_text(
        "criteria_dirs: [kriterier]\ncriteria: egen\nformat: json\npaths: [applications/minimili.yaml]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(repo / "docs")
    code, out, err = invoke("--criteria", "egen@1")
    assert code == 0, err
    assert json.loads(out)["applications"][0]["criteria_set"] == {"id": "egen", "version": "1"}


def test_limits_from_the_configuration(repo: Path) -> None:
    (repo / ".sicheck.yaml").write_text("max_file_size: 100\nformat: json\n", encoding="utf-8")
    _, out, _ = invoke("applications/minimili.yaml")
    assert json.loads(out)["applications"][0]["problems"][0]["code"] == "too-large"
    _, out, _ = invoke("applications/minimili.yaml", "--max-file-size", "1000000")
    assert json.loads(out)["applications"][0]["verdict"] == "eligible"


def test_explicit_config_and_no_config(repo: Path) -> None:
    (repo / ".sicheck.yaml").write_text("format: json\n", encoding="utf-8")
    (repo / "docs" / "ci.yaml").write_text("format: github\n", encoding="utf-8")
    assert invoke("applications/minimili.yaml")[1].startswith("{")
    assert invoke("applications/minimili.yaml", "--config", "docs/ci.yaml")[1].startswith("::group::")
    assert invoke("applications/minimili.yaml", "--no-config")[1].startswith("MiniMili")
    assert invoke("applications/minimili.yaml", "--config", "docs/ci.yaml", "--no-config")[0] == 2
    assert invoke("applications/minimili.yaml", "--config", "docs/nope.yaml")[0] == 2


def test_no_paths_anywhere_is_a_usage_error(repo: Path) -> None:
    (repo / ".sicheck.yaml").write_text("lang: en\n", encoding="utf-8")
    code, _, err = invoke()
    assert code == 2
    assert "paths" in err


# --- broken files: exit 2 with file:line:column -------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "words"),
    [
        # TOML syntax: the position tomllib gives.
        ("pyproject.toml", '[tool.sicheck]\nlang = "en"\nstrict = tru\n', 3, 10, ["TOML"]),
        # Unknown key, with a suggestion, at the key's line.
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.sicheck]\nfail-undr = 80\n', 5, 1, ["'fail-under'"]),
        ("pyproject.toml", '[tool.sicheck]\n  lang = "en"\n  pahts = ["a"]\n', 3, 3, ["'paths'"]),
        # Both spellings of one key.
        ("pyproject.toml", "[tool.sicheck]\nfail_under = 80\nfail-under = 90\n", 3, 1, ["'fail-under'", "'fail_"]),
        (".sicheck.yaml", "max-size: 2000\nmax_size: 3000\n", 2, 1, ["'max_size'", "'max-size'"]),
        # nan is no threshold, in either file.
        ("pyproject.toml", "[tool.sicheck]\nfail-under = nan\n", 2, 14, ["fail-under", "nan"]),
        (".sicheck.yaml", "fail-under: .nan\n", 1, 13, ["fail-under", "number"]),
        ("pyproject.toml", "[tool.sicheck]\nmax-size = 10\n", 2, 12, ["max-size", "1000"]),
        # Wrong types and values, at the value.
        ("pyproject.toml", '[tool.sicheck]\nstrict = "yes"\n', 2, 10, ["strict"]),
        ("pyproject.toml", "[tool.sicheck]\nfail_under = 120\n", 2, 14, ["fail_under", "100"]),
        ("pyproject.toml", '[tool.sicheck]\nformat = "sarf"\n', 2, 10, ["'sarif'"]),
        ("pyproject.toml", "[tool]\nsicheck = 3\n", 2, 1, ["[tool.sicheck]"]),
        ("pyproject.toml", '[tool.sicheck]\ncriteria = "vgrr"\n', 2, 12, ["'vgr'"]),
        ("pyproject.toml", '[tool.sicheck]\ncriteria_dirs = ["nope"]\n', 2, 17, ["nope"]),
        ("pyproject.toml", "[tool.sicheck]\nmax_depth = 1000\n", 2, 13, ["max_depth"]),
        ("pyproject.toml", '[tool.sicheck]\npaths = "applications"\n', 2, 9, ["paths"]),
        # A TOML date is no JSON type: a message, never a traceback.
        ("pyproject.toml", "[tool.sicheck]\nfail_under = 2024-01-01\n", 2, 14, ["fail_under", "another kind"]),
        ("pyproject.toml", '[tool.sicheck]\ncriteria = "  "\n', 2, 12, ["'criteria' must be a text"]),
        # Several problems: the first in the file is named.
        ("pyproject.toml", '[tool.sicheck]\nlang = "fi"\nstrict = 1\n', 2, 8, ["'lang'", "'fi'"]),
        # The same in .sicheck.yaml, where the loader knows every position.
        # A bracket that is never closed is named where it opens.
        (".sicheck.yaml", "lang: en\npaths: [a\n", 2, 8, ["[", "never closed"]),
        (".sicheck.yaml", "lang: en\nlangg: sv\n", 2, 1, ["'lang'"]),
        (".sicheck.yaml", "lang: en\nstrict: yes\n", 2, 9, ["strict"]),
        (".sicheck.yaml", "exclude:\n  - drafts\n  - 3\n", 2, 3, ["exclude"]),
        (".sicheck.yaml", "strict: 1\nlang: fi\n", 1, 9, ["strict", "true or false"]),
        (".sicheck.yaml", "- lang\n", 1, 1, ["mapping"]),
        (".sicheck.yaml", "lang: en\nlang: sv\n", 2, 1, ["lang"]),
        (".sicheck.yaml", "paths: !!python/object:os.system x\n", 1, 8, ["python/object"]),
    ],
)
def test_broken_configuration_names_file_line_and_column(
    repo: Path, name: str, text: str, line: int, column: int, words: list[str]
) -> None:
    (repo / name).write_text(text, encoding="utf-8")
    code, _, err = invoke("applications", "--lang", "en")
    assert code == 2
    assert err.startswith(f"sicheck: {name}:{line}:{column}: the configuration is broken"), err
    for word in words:
        assert word in err, err
    with pytest.raises(ConfigError) as caught:
        config.load(repo / name)
    assert (caught.value.line, caught.value.column) == (line, column)


def test_broken_pyproject_that_does_not_mention_sicheck_is_not_ours(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[project\nname = \n", encoding="utf-8")
    assert config.find(repo) is None
    assert invoke("applications/minimili.yaml")[0] == 0


def test_configuration_errors_are_in_the_chosen_language(repo: Path) -> None:
    (repo / ".sicheck.yaml").write_text("langg: sv\n", encoding="utf-8")
    assert "konfigurationen är trasig" in invoke("applications")[2]
    assert "Did you mean 'lang'?" in invoke("applications", "--lang", "en")[2]


# --- exclude patterns -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("drafts", "drafts", True),
        ("drafts/", "drafts", True),
        ("*.yml", "a.yml", True),
        ("*.yml", "sub/a.yml", False),
        ("**/*.yml", "sub/deeper/a.yml", True),
        ("**/*.yml", "a.yml", True),
        ("applications/**", "applications/a/b.yaml", True),
        ("applications/*/b.yaml", "applications/a/b.yaml", True),
        ("applications/*/b.yaml", "applications/a/c/b.yaml", False),
        ("draft-?.yaml", "draft-1.yaml", True),
        ("draft-[!0-9].yaml", "draft-1.yaml", False),
        ("draft-[!0-9].yaml", "draft-x.yaml", True),
        ("./a.yaml", "a.yaml", True),
        ("a+b.yaml", "a+b.yaml", True),
    ],
)
def test_glob_patterns(pattern: str, path: str, matches: bool) -> None:
    assert bool(glob_pattern(pattern).fullmatch(path)) is matches


def test_excluded_folders_exclude_what_is_below_them(tmp_path: Path) -> None:
    (tmp_path / ".sicheck.yaml").write_text("exclude: [drafts]\n", encoding="utf-8")
    settings = config.load(tmp_path / ".sicheck.yaml")
    assert settings.excluded(str(tmp_path / "drafts" / "deep" / "a.yaml"))
    assert not settings.excluded(str(tmp_path / "final" / "drafts.yaml"))
    assert not settings.excluded("-")


def test_whole_numbers_may_be_written_with_a_point_zero(repo: Path) -> None:
    (repo / ".sicheck.yaml").write_text("max_depth: 20.0\nmax_aliases: 0\n", encoding="utf-8")
    loaded = config.load(repo / ".sicheck.yaml")
    assert (loaded.max_depth, loaded.max_aliases) == (20, 0)
    assert isinstance(loaded.max_depth, int)


def test_texts_are_used_without_surrounding_spaces(repo: Path) -> None:
    (repo / ".sicheck.yaml").write_text("lang: ' en '\nexclude: [' drafts ']\n", encoding="utf-8")
    loaded = config.load(repo / ".sicheck.yaml")
    assert (loaded.lang, loaded.exclude) == ("en", ("drafts",))
