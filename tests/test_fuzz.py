"""Fuzzing: whatever bytes arrive, a result comes back and every output format stays well formed.

DESIGN.md section 5: for any input sicheck names file, line and column, and never prints
a traceback, hangs or exhausts memory. These hypothesis tests feed random bytes, random
YAML-ish text built from the fragments that caused trouble in HARDENING.md, and
line-mutated sample applications through the whole pipeline (check, report, every
renderer in both languages, and the command line).

``SICHECK_FUZZ_EXAMPLES`` sets the number of examples for a longer run, e.g.
``SICHECK_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py``. Every input that ever crashed
sicheck is kept in ``tests/inputs/regressions/`` and checked on every run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from sicheck.application import schema_document
from sicheck.checker import CheckOptions, check_bytes
from sicheck.cli import app
from sicheck.model import ApplicationResult, Report, RunSummary
from sicheck.render import FORMATS, render

from .conftest import CATALOG, INPUTS, ROOT, SAMPLES

# The default keeps this file well under a minute on two cores; raise it for a long run.
FUZZ_EXAMPLES = int(os.environ.get("SICHECK_FUZZ_EXAMPLES", "150"))
# Rendering every format in both languages costs ~50 ms an example, the CLI more.
PIPELINE_EXAMPLES = max(1, FUZZ_EXAMPLES * 2 // 3)
CLI_EXAMPLES = max(1, FUZZ_EXAMPLES // 15)

FUZZ_SETTINGS = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIPELINE_SETTINGS = settings(
    max_examples=PIPELINE_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
CLI_SETTINGS = settings(
    max_examples=CLI_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

REGRESSIONS = INPUTS / "regressions"
OPTIONS = CheckOptions(CATALOG)
LANGS = ("sv", "en")
VERDICTS = ("eligible", "ineligible", "invalid")
SAMPLE_TEXTS = {path.name: path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.yaml"))}
GOOD_SAMPLE = "minimili.yaml"

# What a human-facing format must never let through from an application: C0 controls
# but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides, isolates
# and marks that can make a line read differently from what it says.
UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
# The colour codes rich itself writes (SGR only), when colour is on.
SGR = re.compile("\x1b\\[[0-9;]*m")
MACHINE_FORMATS = ("json", "sarif", "junit")

# File names an application may arrive under: a pull request chooses them too.
ODD_NAMES = [
    "app.yaml",
    "dir/sub dir/ansökan.yaml",
    "\x1b[2J\x1b[31mred.yaml",
    "\u202eevil\u202c.yaml",
    "zero\u200bwidth.yaml",
    "[bold]markup[/].yaml",
    "[/].yaml",
    ":thumbs_up:.yaml",
    "::error file=x::injected.yaml",
    "<x>&amp;\"'.yaml",
    "pipe|`tick`@user.yaml",
    "line\nbreak.yaml",
    "nul\x00byte.yaml",
]


# ---------------------------------------------------------------------------- invariants


def assert_result(result: object, name: str) -> ApplicationResult:
    """The result is well formed: a verdict, and located problems when invalid."""
    assert isinstance(result, ApplicationResult)
    if currently_in_test_context():
        # Shown by --hypothesis-show-statistics: how far into the pipeline the inputs get.
        event(f"verdict: {result.verdict}")
        if result.problems:
            event(f"first problem: {result.problems[0].code}")
    assert result.file == name
    assert result.verdict in VERDICTS
    for problem in result.problems:
        assert problem.location.line >= 1, problem
        assert problem.location.column >= 1, problem
        assert problem.message.sv and problem.message.en, problem
    if result.verdict == "invalid":
        assert result.problems, "an invalid verdict without a problem"
        assert any(p.location.line >= 1 and p.location.column >= 1 for p in result.problems)
        # Only a file that cannot be read as an application has no checklist.
        assert (result.score is None) == (result.criteria == ())
    else:
        assert result.score is not None
        assert 0 <= result.score <= 100
    return result


def report_of(result: ApplicationResult) -> Report:
    return Report(results=(result,), summary=RunSummary().add(result, under_threshold=False), version="test")


def assert_call_report_renders(result: ApplicationResult) -> None:
    """Every format of ``sicheck report`` takes the result too; JSON parses, HTML stays escaped."""
    from sicheck import report as call_report
    from sicheck.report.model import build
    from sicheck.reviews.model import ReviewedResult

    report = build([ReviewedResult(result, None)], "test")
    for name in call_report.FORMATS:
        for lang in LANGS:
            output = call_report.render(name, report, lang=lang)
            output.encode("utf-8")
            if name == "json":
                assert json.loads(output)["applications"][0]["verdict"] == result.verdict
            if name == "html":
                assert "<script" not in output.lower()
                assert "\x1b" not in output and "\u202e" not in output


def assert_renders(result: ApplicationResult) -> None:
    """Every registered format, in both languages, gives output that parses and is safe."""
    report = report_of(result)
    for name in FORMATS:
        for lang in LANGS:
            output = render(name, report, lang=lang)
            assert isinstance(output, str)
            # The command line writes UTF-8: a lone surrogate here would crash the write.
            output.encode("utf-8")
            if name in ("json", "sarif"):
                document = json.loads(output)
                if name == "json":
                    assert len(document["applications"]) == 1
                    assert document["applications"][0]["verdict"] == result.verdict
                    assert document["applications"][0]["file"] == result.file
            if name == "junit":
                ElementTree.fromstring(output)
            if name == "github":
                assert_github_commands_only(output)
            if name == "markdown":
                assert_markdown_tables_hold(output)
            if name not in MACHINE_FORMATS:
                assert "\x1b" not in output, f"{name}/{lang}: raw ESC in output"
                assert "\u202e" not in output, f"{name}/{lang}: raw U+202E in output"
                unsafe = UNSAFE_IN_TEXT.search(output)
                assert unsafe is None, f"{name}/{lang}: raw {unsafe.group()!r} in output"
    assert_call_report_renders(result)
    # With colour on, the only escape sequences are rich's own colour codes.
    coloured = render("text", report, lang="en", color=True)
    assert "\x1b" not in SGR.sub("", coloured), "an escape sequence other than colour in coloured text"
    assert "\u202e" not in coloured


def assert_github_commands_only(output: str) -> None:
    """Every line is a workflow command or sicheck's summary: text never starts a line."""
    for line in output.splitlines():
        assert line.startswith(("::", "sicheck: ")), f"github: a line that is not a command: {line[:200]!r}"
        assert "\r" not in line


def _cells(line: str) -> int:
    """The number of cell separators on a table row: pipes not escaped by a backslash."""
    count = 0
    backslashes = 0
    for char in line:
        if char == "|" and backslashes % 2 == 0:
            count += 1
        backslashes = backslashes + 1 if char == "\\" else 0
    return count


def assert_markdown_tables_hold(output: str) -> None:
    """Every row of a Markdown table has as many cells as its header: text never splits a cell."""
    header: int | None = None
    for line in output.splitlines():
        if line.startswith("|"):
            if header is None:
                header = _cells(line)
            assert _cells(line) == header, f"markdown: a row with other cells than its header: {line[:200]!r}"
        else:
            header = None


def pipeline(data: bytes, name: str = "fuzz.yaml") -> ApplicationResult:
    result = assert_result(check_bytes(data, name, OPTIONS), name)
    assert_renders(result)
    return result


# ---------------------------------------------------------------------------- random bytes


@FUZZ_SETTINGS
@given(data=st.binary(max_size=2000))
def test_random_bytes_give_a_result(data: bytes) -> None:
    result = assert_result(check_bytes(data, "random.yaml", OPTIONS), "random.yaml")
    if result.verdict == "invalid":
        assert any(p.location.line >= 1 and p.location.column >= 1 for p in result.problems)


@FUZZ_SETTINGS
@given(
    prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"project:\n  title: ", b"principals:\n  - id: "]), data=st.binary()
)
def test_random_bytes_after_a_plausible_start_give_a_result(prefix: bytes, data: bytes) -> None:
    assert_result(check_bytes(prefix + data, "random.yaml", OPTIONS), "random.yaml")


# ---------------------------------------------------------------------------- YAML-ish text

TOP_KEYS = sorted(schema_document()["properties"])
KEYS = [
    *TOP_KEYS,
    "title",
    "id",
    "principal",
    "kind",
    "hours",
    "start",
    "end",
    "effects",
    "x-note",
    "x-",
    "titel",
    "Project",
    "a",
    "b",
]
SCALARS = [
    "1e999",
    "-1e999",
    "9" * 400,
    "-" + "9" * 400,
    "9" * 5000,
    "0." + "0" * 400 + "1",
    ".nan",
    ".NaN",
    ".inf",
    "-.inf",
    "2015-02-30",
    "2015-08-01",
    "2015-08-01T10:00:00Z",
    "0x1F",
    "0o17",
    "01234",
    "1_000",
    "1:30",
    "no",
    "yes",
    "on",
    "off",
    "~",
    "null",
    "true",
    "True",
    "3.0",
    "-1",
    "-0",
    "1",
    "2",
    "vgr@2015",
    "ale@2012",
    "vgr@1999",
    "nope",
    "../../etc/passwd",
    "/etc/passwd",
    "criteria/vgr@2015.yaml",
    "municipality",
    "region",
    "boras-gsf",
    "E1",
    '"\\e"',
    '"\\x1b[31mred"',
    '"\\x1b]8;;file:///etc/passwd\\x07link\\x1b]8;;\\x07"',
    '"\\0"',
    '"\\a\\b\\v\\f\\r"',
    '"\\x85\\u2028\\u2029"',
    '"\\ud800"',
    '"\\udfff"',
    '"\\ud83d\\ude00"',
    '"\\U0010ffff"',
    '"\\U00110000"',
    '"\\u202e"',
    '"\\u2066"',
    '"\\u200f"',
    '"\\ufeff"',
    '"\\x9b31m"',
    "'it''s'",
    '"unterminated',
    "'unterminated",
    "|",
    ">-",
    "|+",
    "|2",
    "\u202eevil",
    "zero\u200bwidth",
    "rtl\u200fmark",
    "iso\u2066late",
    "\ufeffbom",
    "[/]",
    "[bold red]x[/]",
    "[link=file:///etc/passwd]x[/link]",
    ":thumbs_up:",
    "::error::injected",
    "<script>",
    "]]>",
    "&amp;",
    "a|b",
    "`x`",
    "@user",
    "100%",
    "ä ö å",
    "\U0001f600",
    "\u0301",
]
FRAGMENTS = [
    "- ",
    "-",
    ": ",
    ":",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ",",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "<<: *a",
    "<<: ",
    "!!python/object:os.system ",
    "!!python/object/apply:os.system ",
    "!!python/name:os.system ",
    "!tag ",
    "! ",
    "!!binary ",
    "!!set ",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!timestamp ",
    "!<tag:yaml.org,2002:str> ",
    "---",
    "--- ",
    "...",
    "? ",
    "?",
    "# comment",
    "#",
    "%YAML 1.1\n",
    "%TAG ! tag:example.com,2000:\n",
    '"',
    "'",
    "\\",
    "\n",
    "\n  ",
    "\n    ",
    "\n- ",
    "\n  - ",
    "\t",
    " ",
    "  ",
    "\r\n",
    "\r",
]
ODD_CHARS = [
    "\x1b",
    "\x00",
    "\x07",
    "\x7f",
    "\x85",
    "\x9b",
    "\u200b",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u2028",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0001f600",
    "\t",
]

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöABC0123456789_-.@", min_size=1, max_size=12)
tokens = st.one_of(
    st.sampled_from(KEYS),
    st.sampled_from(SCALARS),
    st.sampled_from(FRAGMENTS),
    st.sampled_from(ODD_CHARS),
    words,
    st.integers().map(str),
)
indent = st.sampled_from(["", "", "  ", "    ", "      ", " ", "   ", "\t"])


@st.composite
def structured_line(draw: st.DrawFn) -> str:
    """``indent [- ] key: value``, the shape most application lines have."""
    line = draw(indent)
    if draw(st.booleans()):
        line += "- "
    value = "".join(draw(st.lists(tokens, max_size=3)))
    choice = draw(st.integers(min_value=0, max_value=3))
    if choice == 0:
        return line + value
    key = draw(st.one_of(st.sampled_from(KEYS), words))
    return f"{line}{key}: {value}" if choice < 3 else f"{line}{key}:"


soup_line = st.lists(tokens, max_size=8).map("".join)


@st.composite
def yamlish(draw: st.DrawFn) -> str:
    start = draw(st.sampled_from(["", "", "criteria: vgr@2015\n", "format: 1\ncriteria: ale@2012\n", "---\n"]))
    # Mostly well-shaped lines, so that more inputs get past the parser into the checks.
    lines = draw(st.lists(st.one_of(structured_line(), structured_line(), structured_line(), soup_line), max_size=25))
    text = start + "\n".join(lines)
    # Deep nesting now and then, flow or block.
    depth = draw(st.sampled_from([0, 0, 0, 5, 63, 64, 65, 200, 1000]))
    if depth:
        if draw(st.booleans()):
            text += "\nx-deep: " + "[" * depth + "1" + "]" * draw(st.sampled_from([0, depth]))
        else:
            text += "\nx-deep:\n" + "".join("  " * (i + 1) + "- \n" for i in range(min(depth, 300)))
    return text


@FUZZ_SETTINGS
@given(text=yamlish())
def test_yamlish_text_gives_a_result(text: str) -> None:
    result = assert_result(check_bytes(text.encode("utf-8"), "yamlish.yaml", OPTIONS), "yamlish.yaml")
    json.loads(render("json", report_of(result)))


# ---------------------------------------------------------------------------- mutated samples


def _value_at(line: str) -> int | None:
    """Where the value of ``key: value`` starts on a line, if it has one."""
    match = re.match(r"^(\s*(?:- )?[A-Za-z_][A-Za-z0-9_-]*: )", line)
    return match.end() if match else None


@st.composite
def mutated_sample(draw: st.DrawFn) -> tuple[str, str]:
    """A sample application's text with one to five line-level mutations."""
    name = draw(st.sampled_from(sorted(SAMPLE_TEXTS)))
    lines = SAMPLE_TEXTS[name].split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        if not lines:
            lines = [""]
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        line = lines[index]
        at = _value_at(line)
        kind = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "indent",
                    "anchor-alias",
                    "alias-bomb",
                    "tag",
                    "nest-flow",
                    "nest-block",
                    "odd-char",
                    "escape",
                    "scalar",
                    "rename-key",
                ]
            )
        )
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)  # a duplicate key, or a duplicate list item
        elif kind == "indent":
            change = draw(st.sampled_from(["", " ", "  ", "    ", "\t"]))
            stripped = line.lstrip(" ")
            lines[index] = (change if draw(st.booleans()) else line[: len(line) - len(stripped)] + change) + stripped
        elif kind == "anchor-alias" and at is not None:
            lines[index] = line[:at] + "&a " + line[at:]
            target = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            other = _value_at(lines[target])
            if other is not None:
                lines[target] = lines[target][:other] + draw(st.sampled_from(["*a", "*b", "*a *a", "[*a, *a]"]))
        elif kind == "alias-bomb":
            bomb = ["x-a: &a [x, x, x, x, x, x, x, x, x]"]
            bomb += [f"x-{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
            lines[index:index] = bomb if not line.startswith((" ", "-")) else []
        elif kind == "tag" and at is not None:
            tag = draw(st.sampled_from(["!!python/object:os.system ", "!tag ", "!!binary ", "!!str ", "!!set ", "! "]))
            lines[index] = line[:at] + tag + line[at:]
        elif kind == "nest-flow" and at is not None:
            depth = draw(st.sampled_from([1, 10, 63, 64, 65, 199, 200, 201, 2000]))
            lines[index] = line[:at] + "[" * depth + line[at:] + "]" * depth
        elif kind == "nest-block" and at is not None:
            depth = draw(st.sampled_from([2, 62, 63, 64, 65, 150]))
            lead = " " * (len(line) - len(line.lstrip(" ")))
            deep = [lead + "  " * (i + 1) + f"k{i}:" for i in range(depth)] + [lead + "  " * (depth + 1) + "v"]
            lines[index : index + 1] = [line[:at].rstrip(), *deep]
        elif kind == "odd-char":
            position = draw(st.integers(min_value=0, max_value=len(line)))
            lines[index] = line[:position] + draw(st.sampled_from(ODD_CHARS)) + line[position:]
        elif kind == "escape" and at is not None:
            escape = draw(
                st.sampled_from(['"\\e[31mred"', '"\\x1b[2J"', '"\\u202eevil"', '"\\0"', '"\\ud800"', '"a\\x9bb"'])
            )
            lines[index] = line[:at] + escape
        elif kind == "scalar" and at is not None:
            lines[index] = line[:at] + draw(st.sampled_from(SCALARS))
        elif kind == "rename-key" and at is not None:
            key = line[:at].rstrip(": ").lstrip(" -")
            typo = draw(st.sampled_from([key[:-1], key + "s", key.upper(), "x-" + key, key.replace("_", "-")]))
            lines[index] = line[:at].replace(key, typo or "k", 1) + line[at:]
    file_name = draw(st.one_of(st.just(name), st.sampled_from(ODD_NAMES)))
    return file_name, "\n".join(lines)


@PIPELINE_SETTINGS
@given(case=mutated_sample())
def test_mutated_sample_through_the_whole_pipeline(case: tuple[str, str]) -> None:
    name, text = case
    pipeline(text.encode("utf-8"), name)


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_file_names_render_safely(name: str) -> None:
    pipeline(SAMPLE_TEXTS[GOOD_SAMPLE].encode("utf-8"), name)
    pipeline(b"- not a mapping\n", name)


# ---------------------------------------------------------------------------- the command line

runner = CliRunner()
NOT_A_MAPPING = b"- not a mapping\n"


def crash_of(result: Result) -> str | None:
    """The exception a CLI run ended with, short, unless it is the normal exit."""
    if result.exception is None or isinstance(result.exception, SystemExit):
        return None
    return f"{type(result.exception).__name__}: {str(result.exception)[:300]}"


def _run_cli_over(files: dict[str, bytes]) -> None:
    """Write the files and one good sample to a folder and check it in one CLI run."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "good.yaml").write_text(SAMPLE_TEXTS[GOOD_SAMPLE], encoding="utf-8")
        (root / "not-a-mapping.yaml").write_bytes(NOT_A_MAPPING)  # so the exit code is always 1
        for file_name, data in files.items():
            (root / file_name).write_bytes(data)
        result = runner.invoke(app, ["check", folder, "--format", "json"])
        assert "Traceback" not in result.output
        assert crash_of(result) is None
        assert result.exit_code == 1, result.output[-2000:]
        document = json.loads(result.stdout)
        shown = {Path(a["file"]).name for a in document["applications"]}
        assert shown == {"good.yaml", "not-a-mapping.yaml", *files}
        assert len(document["applications"]) == len(files) + 2
        good = next(a for a in document["applications"] if Path(a["file"]).name == "good.yaml")
        assert good["verdict"] == "eligible"
        assert document["summary"]["applications"] == len(files) + 2


fuzzed_file = st.one_of(
    st.binary(max_size=500),
    yamlish().map(lambda text: text.encode("utf-8")),
    mutated_sample().map(lambda case: case[1].encode("utf-8")),
)


@CLI_SETTINGS
@given(contents=st.lists(fuzzed_file, min_size=1, max_size=5))
def test_cli_over_a_folder_of_fuzzed_files(contents: list[bytes]) -> None:
    _run_cli_over({f"fuzzed-{i}.yaml": data for i, data in enumerate(contents)})


# ---------------------------------------------------------------------------- regressions

REGRESSION_FILES = sorted(p for p in REGRESSIONS.glob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))
# Inputs that once made checking take minutes: checked against a time budget, not rendered.
SLOW_FILES = sorted((REGRESSIONS / "slow").glob("*.yaml"))
# Linear work on these ~100 KB files takes well under a second; quadratic work took minutes.
# The budget is a hang guard with room for a loaded CI machine, not a speed target.
SLOW_BUDGET_SECONDS = 30.0


def test_regression_folder_is_not_empty() -> None:
    assert REGRESSION_FILES, f"no regression inputs in {REGRESSIONS}"


@pytest.mark.parametrize("path", REGRESSION_FILES, ids=[p.name for p in REGRESSION_FILES])
def test_regression_input(path: Path) -> None:
    pipeline(path.read_bytes(), path.name)


def test_regressions_in_one_cli_run() -> None:
    _run_cli_over({path.name: path.read_bytes() for path in REGRESSION_FILES})


@pytest.mark.parametrize("path", SLOW_FILES, ids=[p.name for p in SLOW_FILES])
def test_many_problems_in_one_file_do_not_hang(path: Path) -> None:
    """Many unknown keys or broken references in one file are found in about linear time.

    Run in a child process so that a regression costs the budget, not minutes.
    """
    code = (
        "import sys\n"
        "from sicheck.catalog import CriteriaCatalog\n"
        "from sicheck.checker import CheckOptions, check_bytes\n"
        "result = check_bytes(sys.stdin.buffer.read(), 'slow.yaml', CheckOptions(CriteriaCatalog()))\n"
        "print(result.verdict, len(result.problems))\n"
    )
    try:
        completed = subprocess.run(
            [sys.executable, "-c", code],
            input=path.read_bytes(),
            capture_output=True,
            timeout=SLOW_BUDGET_SECONDS,
            cwd=ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"checking {path.name} ({path.stat().st_size} bytes) took over {SLOW_BUDGET_SECONDS} s")
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")[-2000:]
    assert completed.stdout.startswith(b"invalid "), completed.stdout


# ---------------------------------------------------------------------------- file names

# A file name that is not UTF-8 (Latin-1 ö): Python gives it to sicheck with a lone
# surrogate ("\udcf6") in place of the byte.
NON_UTF8_NAME = b"ans\xf6kan \x1b[31m.yaml"


def _folder_with_non_utf8_name(root: Path) -> Path:
    folder = root / "apps"
    folder.mkdir()
    try:
        with open(os.path.join(os.fsencode(folder), NON_UTF8_NAME), "wb") as handle:
            handle.write(SAMPLE_TEXTS[GOOD_SAMPLE].encode("utf-8"))
    except OSError:
        pytest.skip("this file system refuses file names that are not UTF-8")
    return folder


def _assert_well_formed(text: str, output_format: str) -> None:
    """Machine formats parse; text for people has nothing unsafe in it."""
    if output_format in ("json", "sarif"):
        json.loads(text)
    if output_format == "junit":
        ElementTree.fromstring(text)
    if output_format not in MACHINE_FORMATS:
        assert UNSAFE_IN_TEXT.search(text) is None


@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_non_utf8_file_name_with_output_file(output_format: str, tmp_path: Path) -> None:
    """Found by fuzzing file names: the name reached the output file's UTF-8 encoder."""
    folder = _folder_with_non_utf8_name(tmp_path)
    out = tmp_path / f"report.{output_format}"
    result = runner.invoke(app, ["check", str(folder), "--format", output_format, "--output", str(out)])
    assert "Traceback" not in result.output
    assert crash_of(result) is None
    assert result.exit_code == 0, result.output[-2000:]
    text = out.read_text(encoding="utf-8")
    _assert_well_formed(text, output_format)


@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_non_utf8_file_name_to_stdout(output_format: str, tmp_path: Path) -> None:
    """The real entry point, whose stdout replaces what it cannot encode."""
    folder = _folder_with_non_utf8_name(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("NO_COLOR", None)
    completed = subprocess.run(
        [sys.executable, "-m", "sicheck", "check", str(folder), "--format", output_format],
        capture_output=True,
        timeout=60,
        cwd=ROOT,
        env=env,
        check=False,
    )
    assert b"Traceback" not in completed.stderr, completed.stderr.decode("utf-8", "replace")[-2000:]
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")[-2000:]
    text = completed.stdout.decode("utf-8")
    _assert_well_formed(text, output_format)


@pytest.mark.parametrize(
    ("command", "output_format"),
    [
        ("check", "json"),
        ("check", "text"),
        *(("report", name) for name in ("json", "html", "csv", "markdown", "table")),
    ],
)
def test_non_utf8_review_file_name_with_output_file(command: str, output_format: str, tmp_path: Path) -> None:
    """A review file whose name is not UTF-8, with ``--format json -o``, gave UnicodeEncodeError."""
    folder = _folder_with_non_utf8_name(tmp_path)
    (folder / GOOD_SAMPLE).write_text(SAMPLE_TEXTS[GOOD_SAMPLE], encoding="utf-8")  # what the review is of
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    review = b"application: minimili.yaml\nreviewer: Anna\nrecommendation: ja\nscores:\n  NOPE-01: 3\n"
    with open(os.path.join(os.fsencode(reviews), b"gransk\xe5ning.yaml"), "wb") as handle:
        handle.write(review)
    out = tmp_path / f"out.{output_format}"
    args = [command, str(folder), "--reviews", str(reviews), "--format", output_format, "-o", str(out), "--lang", "en"]
    result = runner.invoke(app, args)
    assert crash_of(result) is None
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output[-2000:]
    text = out.read_bytes().decode("utf-8")
    if output_format == "json":
        files = {entry["file"] for entry in json.loads(text)["review_problems"]}
        # The review's file is named in the output, its byte shown as an escape.
        assert {Path(name).name for name in files} == {"gransk\\xe5ning.yaml"}
    if command == "report":  # the scores not counted are said on stderr too
        assert "reviews/gransk\\xe5ning.yaml" in result.stderr
    elif output_format == "text":
        assert "reviews/gransk\\xe5ning.yaml" in text
