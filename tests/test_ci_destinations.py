"""Reports that fit where they go, judged by the clients that read them.

- SARIF: the SARIF 2.1.0 schema and, where it can be installed, Microsoft's multitool
  with GitHub's ingestion rules (``--rule-kind Gh``); URIs relative to the repository
  root, whatever the working directory.
- GitHub annotations: parsed back with a port of the Actions runner's command parser.
- Markdown: rendered by cmark-gfm (GitHub's renderer) and markdown-it with linkify, and
  shortened to ``--max-size``.
- The repository configuration in either spelling, and ``nan`` refused like ``inf``.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sicheck.cli import app
from sicheck.render.sarif import root_uri

from .conftest import INPUTS, ROOT, SAMPLES
from .test_formats import assert_markdown_is_safe, assert_valid_sarif

runner = CliRunner()


def check(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args], input=stdin)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def repository(tmp_path: Path) -> Path:
    """A repository with applications/ and a working folder below it, as a CI job has."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)  # what makes a folder git's top level
    (repo / "applications").mkdir()
    (repo / "jobs" / "screening").mkdir(parents=True)
    for name in ("fotosyntes.yaml", "minimili.yaml"):
        (repo / "applications" / name).write_text((SAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    return repo


def sarif_run(text: str) -> dict[str, Any]:
    run: dict[str, Any] = json.loads(text)["runs"][0]
    return run


def artifacts(run: dict[str, Any]) -> list[dict[str, Any]]:
    return [result["locations"][0]["physicalLocation"]["artifactLocation"] for result in run["results"]]


# --- SARIF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_sarif_rule_has_a_full_description(lang: str) -> None:
    inputs = [str(SAMPLES), str(INPUTS / "invalid"), str(INPUTS / "hostile")]
    _, out, _ = check(*inputs, "--format", "sarif", "--lang", lang, "--fail-under", "90")
    assert_valid_sarif(out)
    rules = sarif_run(out)["tool"]["driver"]["rules"]
    assert len(rules) > 21
    for rule in rules:
        assert rule["fullDescription"]["text"].strip(), rule["id"]
    tool_rules = {rule["id"]: rule for rule in rules if "criterion" not in rule["properties"]}
    # The tool's own codes say more in the full description than in the short one.
    assert tool_rules["duplicate-key"]["fullDescription"] != tool_rules["duplicate-key"]["shortDescription"]


def test_sarif_stdin_results_have_a_location() -> None:
    source = (SAMPLES / "fotosyntes.yaml").read_text(encoding="utf-8")
    _, out, _ = check("-", "--format", "sarif", stdin=source)
    assert_valid_sarif(out)
    run = sarif_run(out)
    assert run["results"]
    for result in run["results"]:
        (location,) = result["locations"]
        assert location["physicalLocation"]["artifactLocation"] == {"uri": "-"}
        assert location["physicalLocation"]["region"]["startLine"] >= 1
        assert result["properties"]["file"] == "<stdin>"


def test_sarif_uris_are_relative_to_the_repository_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A job with ``working-directory:`` still points code scanning at the right files."""
    repo = repository(tmp_path)
    monkeypatch.chdir(repo / "jobs" / "screening")
    _, out, _ = check("../../applications/fotosyntes.yaml", "--format", "sarif")
    assert_valid_sarif(out)
    run = sarif_run(out)
    assert set(map(json.dumps, artifacts(run))) == {
        json.dumps({"uri": "applications/fotosyntes.yaml", "uriBaseId": "%SRCROOT%"})
    }
    base = run["originalUriBaseIds"]["%SRCROOT%"]
    assert base["uri"] == repo.absolute().as_uri() + "/" == root_uri(repo)
    assert base["description"]["text"]


def test_sarif_paths_outside_the_root_are_absolute_file_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = repository(tmp_path)
    elsewhere = tmp_path / "x y"
    elsewhere.mkdir()
    (elsewhere / "ä.yaml").write_text((SAMPLES / "fotosyntes.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(repo)
    _, out, _ = check("../x y/ä.yaml", "applications/fotosyntes.yaml", "--format", "sarif")
    assert_valid_sarif(out)
    found = {json.dumps(a, sort_keys=True) for a in artifacts(sarif_run(out))}
    outside = (tmp_path / "x y" / "ä.yaml").absolute().as_uri()
    assert found == {
        json.dumps({"uri": outside}, sort_keys=True),
        json.dumps({"uri": "applications/fotosyntes.yaml", "uriBaseId": "%SRCROOT%"}, sort_keys=True),
    }
    assert "%SRCROOT%" not in outside and "%20" in outside and "%C3%A4" in outside


def test_sarif_root_without_git_is_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plain"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.yaml").write_text((SAMPLES / "fotosyntes.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(folder)
    if any((parent / ".git").exists() for parent in folder.parents):
        pytest.skip("the temporary folder lies inside a git repository")
    _, out, _ = check("sub/a.yaml", "--format", "sarif")
    run = sarif_run(out)
    assert artifacts(run)[0] == {"uri": "sub/a.yaml", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == folder.absolute().as_uri() + "/"


def test_sarif_passes_githubs_ingestion_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Microsoft's SARIF multitool with GitHub's rules (GH1001-GH1007, GH2012 ...): no finding."""
    from .clients import sarif_multitool

    command = sarif_multitool()
    repo = repository(tmp_path)
    (tmp_path / "outside.yaml").write_text((SAMPLES / "tmr.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(repo / "jobs" / "screening")
    inputs = [str(SAMPLES), str(INPUTS / "invalid"), str(INPUTS / "hostile")]
    inputs += ["../../applications", "../../../outside.yaml"]
    for lang in ("sv", "en"):
        _, out, _ = check(*inputs, "-", "--format", "sarif", "--lang", lang, "--fail-under", "95", stdin="- a\n")
        sarif = tmp_path / f"sicheck.{lang}.sarif"
        sarif.write_text(out, encoding="utf-8")
        verdict = tmp_path / f"multitool.{lang}.sarif"
        done = subprocess.run(
            [*command, "validate", "--rule-kind", "Gh", "--output", str(verdict), str(sarif)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0 and verdict.is_file(), done.stdout + done.stderr
        findings = json.loads(verdict.read_text(encoding="utf-8-sig"))["runs"][0].get("results", [])
        assert findings == [], [f["message"] for f in findings][:5]


# --- GitHub annotations ----------------------------------------------------------------------------

# A port of the Actions runner's parser (ActionCommand.TryParseV2): "::name k=v,k=v::data",
# properties split on "," and "=", then unescaped.
_UNESCAPE_PROPERTY = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
_UNESCAPE_DATA = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))


def runner_command(line: str) -> tuple[str, dict[str, str], str] | None:
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info, data = message[2:end], message[end + 2 :]
    name, _, properties_text = info.partition(" ")
    properties: dict[str, str] = {}
    for pair in filter(None, properties_text.split(",")):
        key, sep, value = pair.partition("=")
        if sep and key and value:
            for escaped, plain in _UNESCAPE_PROPERTY:
                value = value.replace(escaped, plain)
            properties[key] = value
    for escaped, plain in _UNESCAPE_DATA:
        data = data.replace(escaped, plain)
    return name, properties, data


@pytest.mark.parametrize(
    "name",
    ["line\nbreak.yaml", "tab\there.yaml", "cr\rhere.yaml", "100%, a:b.yaml", "%0A.yaml", "mellan slag.yaml"],
)
def test_annotations_name_the_exact_file(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "apps"
    folder.mkdir()
    try:
        (folder / name).write_text((SAMPLES / "fotosyntes.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    except OSError:
        pytest.skip("this file system does not allow that name")
    monkeypatch.chdir(tmp_path)
    _, out, _ = check("apps", "--format", "github")
    lines = out.split("\n")
    commands = [parsed for parsed in map(runner_command, lines) if parsed is not None]
    annotations = [(kind, props) for kind, props, _ in commands if kind in ("error", "warning")]
    assert annotations
    for _, properties in annotations:
        assert properties["file"] == f"apps/{name}"
    # Every line is a command or sicheck's own summary: the name cannot start one.
    assert all(line.startswith(("::", "sicheck: ")) for line in lines if line)


def test_annotations_are_relative_to_the_repository_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = repository(tmp_path)
    monkeypatch.chdir(repo / "jobs" / "screening")
    _, out, _ = check("../../applications/fotosyntes.yaml", "--format", "github")
    files = {props.get("file") for kind, props, _ in filter(None, map(runner_command, out.splitlines()))}
    assert files - {None} == {"applications/fotosyntes.yaml"}


# --- Markdown: no autolinks, and a size that fits ---------------------------------------------------

LINKS = (
    "Se https://evil.example/x?a=1&b=2 HTTP://EVIL.EXAMPLE ftp://evil.example/f "
    "www.evil.example WWW.EVIL.SE evil.se //evil.example mailto:a@evil.example xmpp:b@evil.example "
    "kontakt@evil.example @octocat <https://evil.example> [x](https://evil.example) "
    "mailto:a@evil a@localhost (@octocat) x@@evil.example"
)


def _renderers() -> list[tuple[str, Any]]:
    cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm (GitHub's renderer) is a test dependency")
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is a test dependency")
    pytest.importorskip("linkify_it", reason="markdown-it-py[linkify] is a test dependency")
    from cmarkgfm.cmark import Options

    linkify = markdown_it.MarkdownIt("gfm-like", {"linkify": True})
    linkify.linkify.set({"fuzzy_link": True, "fuzzy_email": True})
    return [
        ("cmark-gfm", lambda text: cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)),
        ("markdown-it", linkify.render),
    ]


def _titled(tmp_path: Path, title: str) -> Path:
    source = (SAMPLES / "fotosyntes.yaml").read_text(encoding="utf-8")
    target = tmp_path / "evil.example.yaml"
    target.write_text(source.replace("title: Fotosyntes", "title: " + json.dumps(title), 1), encoding="utf-8")
    return target


@pytest.mark.parametrize("command", ["check", "report"])
def test_markdown_has_no_links_in_any_renderer(command: str, tmp_path: Path) -> None:
    application = _titled(tmp_path, LINKS)
    args = [command, str(application), "--format", "markdown", "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    out = result.stdout
    assert "evil" in out
    if command == "check":
        assert_markdown_is_safe(out)
    for name, render in _renderers():
        html = render(out)
        assert "<a " not in html and "<script" not in html, f"{name}: {html}"
        # The text itself is still there to read.
        assert "https://evil.example/x?a=1&amp;b=2" in html, name


@pytest.mark.parametrize("command", ["check", "report"])
def test_set_ids_in_markdown_copy_as_they_are(command: str) -> None:
    # A set id copied from the rendered report works on the command line: no invisible
    # character inside it, and no link around it.
    result = runner.invoke(app, [command, str(SAMPLES), "--format", "markdown"])
    assert result.exit_code in (0, 1), result.output
    out = result.stdout
    assert "ale\\@2012" in out and "vgr\\@2015" in out
    assert "\u2060" not in out
    for name, render in _renderers():
        html = render(out)
        assert "ale@2012" in html and "vgr@2015" in html, name
        assert "<a " not in html and "\u2060" not in html, name


# The 100 applications behind these tests: a failing and an eligible one, alternating.
def _many(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    failing = (SAMPLES / "kompletterande-arbetsmarknad.yaml").read_text(encoding="utf-8")
    eligible = (SAMPLES / "minimili.yaml").read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"a{i:04}.yaml").write_text(failing if i % 2 else eligible, encoding="utf-8")
    return folder


def _table_rows(text: str) -> list[str]:
    head, _, _ = text.partition("\n### ")
    return [line for line in head.splitlines() if line.startswith("| ") and line[2] in "✅❌⛔⚠"]


def test_markdown_under_the_limit_is_unchanged() -> None:
    _, whole, _ = check(str(SAMPLES), "--format", "markdown")
    _, limited, _ = check(str(SAMPLES), "--format", "markdown", "--max-size", str(len(whole)))
    assert limited == whole


def test_markdown_past_the_limit_keeps_the_table_and_what_falls_short(tmp_path: Path) -> None:
    folder = _many(tmp_path, 100)
    _, whole, _ = check(str(folder), "--format", "markdown", "--lang", "en")
    assert len(whole) > 3 * 65536 / 2
    code, out, _ = check(str(folder), "--format", "markdown", "--lang", "en", "--max-size", "65536")
    assert code == 1
    assert len(out) <= 65536
    assert _table_rows(out) == _table_rows(whole)  # the whole summary table
    sections = [line for line in out.splitlines() if line.startswith("### ")]
    assert sections and all(line.startswith("### ❌") for line in sections)  # only those that fall short
    body = out.rsplit("\n", 2)[0]  # without the last line
    for section in body.split("\n### ")[1:]:
        assert "\n### " + section.rstrip("\n") + "\n" in whole  # each section whole
    last = out.splitlines()[-1]
    assert last.startswith("The report is shortened to at most 65,536 characters (--max-size).")
    assert f"Applications not shown in detail: {100 - len(sections)}." in last


def test_markdown_far_past_the_limit_keeps_the_rows_that_fall_short(tmp_path: Path) -> None:
    folder = _many(tmp_path, 60)
    _, whole, _ = check(str(folder), "--format", "markdown", "--lang", "en")
    code, out, _ = check(str(folder), "--format", "markdown", "--lang", "en", "--max-size", "4000")
    assert code == 1 and len(out) <= 4000
    rows = _table_rows(out)
    assert rows and all(row.startswith("| ❌") for row in rows)
    assert rows == [row for row in _table_rows(whole) if row.startswith("| ❌")][: len(rows)]
    assert f"Of these, {60 - len(rows)} are not in the summary table either." in out.splitlines()[-1]
    assert_markdown_is_safe(out)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(limit=st.integers(min_value=1000, max_value=40_000), lang=st.sampled_from(["sv", "en"]))
def test_markdown_never_exceeds_max_size(limit: int, lang: str) -> None:
    inputs = [str(SAMPLES), str(INPUTS / "invalid"), str(INPUTS / "hostile")]
    _, out, _ = check(*inputs, "--format", "markdown", "--lang", lang, "--max-size", str(limit), "--strict")
    assert len(out) <= limit
    assert out.startswith("## sicheck")
    assert_markdown_is_safe(out)


def test_max_size_from_the_configuration_in_either_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for key in ("max-size", "max_size"):
        Path(".sicheck.yaml").write_text(f"{key}: 1500\n", encoding="utf-8")
        _, out, _ = check(str(SAMPLES), "--format", "markdown")
        assert len(out) <= 1500 and "(--max-size)" in out


def test_max_size_too_small_is_a_usage_error() -> None:
    code, _, err = check(str(SAMPLES), "--format", "markdown", "--max-size", "999")
    assert code == 2 and "--max-size" in err


# --- configuration spelling and nan ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", "[tool.sicheck]\nfail-under = 95\n"),
        ("pyproject.toml", "[tool.sicheck]\nfail_under = 95\n"),
        (".sicheck.yaml", "fail-under: 95\n"),
        (".sicheck.yaml", "fail_under: 95\n"),
        (".sicheck.yaml", "fail-under: 95\ncriteria-dirs: []\nmax-file-size: 2097152\n"),
    ],
)
def test_configuration_keys_in_either_spelling(
    name: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # Fotosyntes is incomplete at 87,5 % (one that meets the requirements is complete, 100 %).
    fotosyntes = str(SAMPLES / "fotosyntes.yaml")
    assert "1 under gränsen 95 %" in check(fotosyntes)[1]  # 95 from the file
    assert "under gränsen" not in check(fotosyntes, "--fail-under", "80")[1]


@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf", "+Infinity"])
def test_fail_under_nan_is_refused_like_inf(value: str) -> None:
    code, _, err = check(str(SAMPLES / "minimili.yaml"), "--fail-under", value)
    assert code == 2 and "--fail-under" in err


def test_documentation_uses_the_kebab_case_keys() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Repository configuration") :]
    section = section[: section.index("\n### ", 1)]
    examples = "".join(part for i, part in enumerate(section.split("```")) if i % 2)
    from sicheck.config import KEYS

    for key in KEYS:
        if "_" in key:
            assert key not in examples, key
            assert key.replace("_", "-") in examples, key
