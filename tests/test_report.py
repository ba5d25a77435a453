"""``sicheck report``: ranking, every format with golden output, escaping, and the command line."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from sicheck import __version__
from sicheck.cli import app
from sicheck.commands import common
from sicheck.i18n import Text
from sicheck.model import ApplicationResult, CriteriaSetRef
from sicheck.report import FORMATS, get
from sicheck.report.csv_format import BOM, guard
from sicheck.report.model import build, rank
from sicheck.reviews.model import Recommendations, ReviewedResult, ReviewSummary

from . import regen_report_golden
from .clients import chromium, headless_chromium
from .conftest import GOLDEN, INPUTS, ROOT, SAMPLES

runner = CliRunner()
REPORT_GOLDEN = GOLDEN / "report"
HOSTILE = INPUTS / "hostile"
HOSTILE_REVIEWS = INPUTS / "reviews" / "hostile"
SAMPLE_REVIEWS = ROOT / "sample_reviews"


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["report", *args], env={"CI": None})
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


# --- ranking ------------------------------------------------------------------------


def _item(file: str, verdict: Any, score: float | None, mean: float | None) -> ReviewedResult:
    result = ApplicationResult(file, "T", CriteriaSetRef("vgr", "2015", Text("", "")), verdict, score)
    review = None
    if mean is not None:
        review = ReviewSummary(1, Recommendations(), mean, (), ())
    return ReviewedResult(result, review)


def test_rank_by_verdict_then_reviewer_mean_then_score_then_file() -> None:
    items = [
        _item("invalid.yaml", "invalid", None, 5.0),
        _item("inel-high-score.yaml", "ineligible", 99.0, None),
        _item("inel-reviewed.yaml", "ineligible", 50.0, 1.0),
        _item("b-elig.yaml", "eligible", 90.0, 4.0),
        _item("a-elig.yaml", "eligible", 90.0, 4.0),
        _item("elig-better-mean.yaml", "eligible", 70.0, 4.5),
        _item("elig-unreviewed.yaml", "eligible", 100.0, None),
        _item("elig-higher-score.yaml", "eligible", 95.0, 4.0),
    ]
    assert [i.result.file for i in rank(items)] == [
        "elig-better-mean.yaml",
        "elig-higher-score.yaml",
        "a-elig.yaml",
        "b-elig.yaml",
        "elig-unreviewed.yaml",  # no reviewer mean goes last within its verdict, whatever its score
        "inel-reviewed.yaml",
        "inel-high-score.yaml",
        "invalid.yaml",
    ]


def test_build_counts_and_ranks() -> None:
    report = build([_item("x.yaml", "invalid", None, None), _item("y.yaml", "eligible", 80.0, None)], "1")
    assert [i.result.file for i in report.applications] == ["y.yaml", "x.yaml"]
    assert (report.summary.applications, report.summary.eligible, report.summary.invalid) == (2, 1, 1)


# --- golden output ------------------------------------------------------------------


def test_every_format_has_a_renderer_and_a_golden_case() -> None:
    covered = set()
    for args in regen_report_golden.CASES.values():
        covered.add(args[args.index("--format") + 1] if "--format" in args else "table")
    assert covered == set(FORMATS)
    for name in FORMATS:
        assert callable(get(name))


@pytest.mark.parametrize("name", sorted(regen_report_golden.CASES))
def test_golden_report(name: str) -> None:
    """Report formats match tests/golden/report; regenerate with `python -m tests.regen_report_golden`."""
    with open(REPORT_GOLDEN / name, encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert regen_report_golden.run_case(regen_report_golden.CASES[name]) == expected


# --- every format, on hostile text ---------------------------------------------------


def _hostile(fmt: str, lang: str = "sv") -> str:
    code, out, _ = invoke(str(HOSTILE), "--reviews", str(HOSTILE_REVIEWS), "--format", fmt, "--lang", lang)
    assert code == 0
    return out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_control_characters_reach_any_format(fmt: str) -> None:
    out = _hostile(fmt)
    # JSON is data: it keeps every character (C0 controls as \u escapes), as `check` does.
    unsafe = ("\x1b", "\x07", "\x00") if fmt == "json" else ("\x1b", "\u202e", "\u2066", "\x07", "\x00")
    for raw in unsafe:
        assert raw not in out, (fmt, repr(raw))


def test_table_shows_markup_literally() -> None:
    out = _hostile("table")
    assert "[bold red]TMR[/]" in out
    assert "\\x1b[31m" in out


def test_markdown_escapes_cells() -> None:
    out = _hostile("markdown")
    # Every < and > is escaped, so nothing is HTML to a markdown renderer.
    assert re.search(r"(?<!\\)[<>]", out) is None
    assert "\\<script\\>" in out
    assert "\\| \\`x\\`" in out
    assert "\\@\u2060here" in out and "\\*fet\\*" in out and "\\_kursiv\\_" in out
    assert "\\[länk\\]" in out
    # No cell breaks its table: every row of each table has the same number of unescaped pipes.
    for table in out.split("\n\n"):
        rows = [line for line in table.splitlines() if line.startswith("| ")]
        assert len({line.replace("\\|", "").count("|") for line in rows}) <= 1, table


def test_csv_has_bom_and_guards_formulas(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    code, out, _ = invoke(
        str(HOSTILE), "--reviews", str(HOSTILE_REVIEWS), "--format", "csv", "--lang", "en", "-o", str(target)
    )
    assert code == 0 and out == ""
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8").removeprefix(BOM))))
    assert len(rows) == 1 + 3
    assert all(len(row) == len(rows[0]) for row in rows)
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    comments = rows[1][-1]
    assert comments.startswith("'=cmd|")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@here", "'@here"),
        ("\t=1", "'\t=1"),
        ("Bra ansökan", "Bra ansökan"),
        ("", ""),
        ("1-2", "1-2"),
    ],
)
def test_formula_guard(cell: str, expected: str) -> None:
    assert guard(cell) == expected


def test_csv_conventions_follow_the_language() -> None:
    sv = invoke(str(SAMPLES), "--reviews", str(SAMPLE_REVIEWS), "-f", "csv")[1].removeprefix(BOM)
    en = invoke(str(SAMPLES), "--reviews", str(SAMPLE_REVIEWS), "-f", "csv", "--lang", "en")[1].removeprefix(BOM)
    sv_rows = list(csv.reader(io.StringIO(sv), delimiter=";"))
    en_rows = list(csv.reader(io.StringIO(en)))
    assert len(sv_rows) == len(en_rows) == 8
    assert len(sv_rows[0]) == len(en_rows[0]) == 12 + 2 * (9 + 13) + 1
    score = en_rows[0].index("Completeness (%)")
    # ale@2012 first (sets by id), ranked within the set; Fotosyntes is at 87,5 %.
    assert [row[score] for row in en_rows[1:]][:3] == ["100", "100", "87.5"]
    assert [row[score] for row in sv_rows[1:]][:3] == ["100", "100", "87,5"]


def test_json_shape_and_unchanged_verdicts() -> None:
    code, out, _ = invoke(str(SAMPLES), "--reviews", str(SAMPLE_REVIEWS), "-f", "json")
    assert code == 0
    report = json.loads(out)
    assert set(report) == {"tool", "call", "applications", "summary", "review_problems"}
    assert report["tool"] == {"name": "sicheck", "version": __version__}
    assert [s["id"] for s in report["call"]["criteria_sets"]] == ["ale@2012", "vgr@2015"]
    assert report["review_problems"] == []
    check = json.loads(runner.invoke(app, ["check", str(SAMPLES), "-f", "json"]).stdout)
    by_file = {a["file"]: a for a in check["applications"]}
    for application in report["applications"]:
        review = application.pop("review")
        rank = application.pop("rank")
        assert (rank is None) == (review is None)  # with reviews given, an unreviewed one has no place
        # Exactly the check JSON for the application: reviews change nothing in it.
        assert application == by_file[application["file"]]
        if review is None:
            continue
        assert set(review) == {"reviewers", "recommendations", "mean", "criteria", "by_reviewer"}
        assert len(review["by_reviewer"]) == review["reviewers"]
        assert set(review["recommendations"]) == {"yes", "maybe", "no"}
        for criterion in review["criteria"].values():
            assert set(criterion) == {"n", "mean", "min", "max", "disagreement", "comments"}
            assert all(isinstance(c, str) for c in criterion["comments"])
    reviewed = {Path(a["file"]).name: a for a in json.loads(out)["applications"]}
    assert reviewed["star-for-life.yaml"]["review"] is None
    skolnarvaro = reviewed["tidiga-insatser-skolnarvaro.yaml"]["review"]
    assert skolnarvaro["reviewers"] == 2
    assert skolnarvaro["recommendations"] == {"yes": 0, "maybe": 1, "no": 1}
    assert skolnarvaro["criteria"]["VGR-07"] == {
        "n": 2,
        "mean": 2.5,
        "min": 1,
        "max": 4,
        "disagreement": True,
        "comments": [
            "Tydliga indikatorer och mål; utgångsvärdet 24 procent är en uppskattning men rimligt.",
            "Utgångsvärdet är en grov gissning från ett stickprov. Målet 19,2 procent går inte att följa upp på det "
            "underlaget.",
        ],
    }
    assert report["summary"] == check["summary"]


def test_json_without_reviews_has_review_null() -> None:
    report = json.loads(invoke(str(SAMPLES), "-f", "json")[1])
    assert all(a["review"] is None for a in report["applications"])


# --- html ---------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects what a browser would fetch or run, and the page's visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.references: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "poster", "data", "xlink:href") or name.startswith("on"):
                self.references.append((tag, name, value or ""))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_html_is_self_contained(lang: str) -> None:
    for page in (_hostile("html", lang), invoke(str(SAMPLES), "--reviews", str(SAMPLE_REVIEWS), "-f", "html")[1]):
        parsed = _parse(page)
        assert parsed.tags.count("html") == 1 and "style" in parsed.tags and "svg" in parsed.tags
        for forbidden in ("script", "link", "iframe", "object", "embed", "img", "base", "form", "video", "audio"):
            assert forbidden not in parsed.tags, forbidden
        # The only links are to the page's own sections; no event handlers at all.
        assert parsed.references, "expected in-page links"
        for tag, name, value in parsed.references:
            assert name == "href" and tag == "a" and value.startswith("#"), (tag, name, value)
        css = "".join(parsed.styles)
        assert "url(" not in css and "@import" not in css
        assert "@media print" in css
        assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_html_escapes_application_and_review_text() -> None:
    page = _hostile("html", "en")
    assert '<html lang="en">' in page
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Andersson" not in page
    text = "".join(_parse(page).text)
    # Shown as text, exactly as written (control characters made visible).
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "[bold red]TMR[/]" in text and "\\x1b[31m" in text and "\\u202eevil\\u202c" in text
    assert '@Bo "Citat" Berg' in text


def test_html_highlights_disagreements_and_colours_the_matrix() -> None:
    page = invoke(str(SAMPLES), "--reviews", str(SAMPLE_REVIEWS), "-f", "html")[1]
    assert page.count('<tr class="disagree">') >= 3 * 2  # checklist and reviewers' table, three criteria
    assert 'class="cell st-partial disagree"' in page  # VGR-10 of Tidiga insatser
    assert 'class="cell st-missing"' in page
    assert page.count('<svg class="bar"') >= 7
    assert '<html lang="sv">' in page


@pytest.mark.skipif(
    chromium() is None, reason="Chromium is not installed (Debian: apt-get install chromium); CI installs it"
)
@pytest.mark.parametrize("case", ["samples", "hostile"])
def test_html_screenshot_in_headless_chromium(case: str, tmp_path: Path) -> None:
    if case == "samples":
        page_text = invoke(str(SAMPLES), "--reviews", str(SAMPLE_REVIEWS), "-f", "html")[1]
    else:
        page_text = _hostile("html")
    page = tmp_path / "report.html"
    page.write_text(page_text, encoding="utf-8")
    png = tmp_path / "report.png"
    done = headless_chromium(page, tmp_path / "profile", f"--screenshot={png}", "--window-size=1200,2000", timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 2000)
    # A blank page compresses to almost nothing; a rendered report does not.
    assert len(data) > 20_000
    keep = os.environ.get("SICHECK_SCREENSHOT_DIR")
    if keep:
        shutil.copy(png, Path(keep) / f"report-{case}.png")


# --- the command line ---------------------------------------------------------------


def test_exit_codes() -> None:
    assert invoke(str(SAMPLES))[0] == 0
    assert invoke(str(SAMPLES), "--reviews", str(SAMPLE_REVIEWS))[0] == 0
    code, _, err = invoke(
        str(SAMPLES),
        "--reviews",
        str(SAMPLE_REVIEWS),
        "--reviews",
        str(INPUTS / "reviews" / "bad" / "score-range.yaml"),
    )
    assert code == 1
    assert f"{INPUTS / 'reviews' / 'bad' / 'score-range.yaml'}:5:19:" in err


@pytest.mark.parametrize(
    "args",
    [
        [str(SAMPLES), "--reviews", "no-such-folder"],
        [str(SAMPLES), "--criteria", "nope@1"],
        [str(SAMPLES), "--format", "text"],
        [str(SAMPLES), "--lang", "de"],
        ["no-such-file.yaml"],
        [],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert invoke(*args)[0] == 2


def test_invalid_applications_are_listed_last() -> None:
    code, out, _ = invoke(
        str(INPUTS / "invalid" / "duplicate-key.yaml"), str(SAMPLES / "fotosyntes.yaml"), "-f", "json"
    )
    assert code == 0
    verdicts = [a["verdict"] for a in json.loads(out)["applications"]]
    assert verdicts == ["ineligible", "invalid"]


def test_criteria_option() -> None:
    code, out, _ = invoke(str(SAMPLES / "minimili.yaml"), "--criteria", "vgr", "-f", "json")
    assert code == 0
    assert json.loads(out)["applications"][0]["criteria_set"] == {"id": "vgr", "version": "2015"}


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, _ = invoke(str(SAMPLES), "-f", "html", "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_no_progress_bar_when_piped() -> None:
    _, out, err = invoke(str(SAMPLES), "--reviews", str(SAMPLE_REVIEWS))
    assert err == ""
    assert "\x1b" not in out


# --- the progress bar ----------------------------------------------------------------


class _Clock:
    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


class _FakeProgress:
    started: ClassVar[list[int]] = []

    def __init__(self, *columns: object, console: object, transient: bool) -> None:
        assert transient
        self.total = 0

    def start(self) -> None:
        _FakeProgress.started.append(1)

    def stop(self) -> None:
        pass

    def add_task(self, label: str, *, total: int, completed: int) -> int:
        assert total == 5 and completed >= 1
        return 0

    def advance(self, task: int) -> None:
        pass


def test_progress_bar_only_for_slow_runs_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import rich.progress

    monkeypatch.setattr(rich.progress, "Progress", _FakeProgress)
    _FakeProgress.started = []
    items = [1, 2, 3, 4, 5]

    def run(step: float, allowed: bool) -> list[int]:
        return list(common.with_progress(iter(items), 5, "x", allowed=allowed, clock=_Clock(step)))

    # Fast: no bar, even where allowed.
    assert run(0.01, True) == items
    assert _FakeProgress.started == []
    # Slow but not allowed (CI, piped): no bar.
    assert run(0.6, False) == items
    assert _FakeProgress.started == []
    # Slow on a terminal: one bar, started once the run has taken over a second.
    assert run(0.6, True) == items
    assert _FakeProgress.started == [1]


def test_progress_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(common.sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert common.progress_allowed() is True
    monkeypatch.setenv("CI", "true")
    assert common.progress_allowed() is False
    monkeypatch.delenv("CI")
    monkeypatch.setattr(common.sys.stderr, "isatty", lambda: False, raising=False)
    assert common.progress_allowed() is False


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_non_utf8_file_names_are_shown_not_fatal(fmt: str, tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "apps")
    os.mkdir(folder)
    try:
        with open(folder + b"/ans\xf6kan.yaml", "wb") as handle:
            handle.write((SAMPLES / "minimili.yaml").read_bytes())
    except OSError:
        pytest.skip("this file system does not allow file names that are not UTF-8")
    target = tmp_path / f"report.{fmt}"
    code, _, _ = invoke(os.fsdecode(folder), "--format", fmt, "-o", str(target))
    assert code == 0
    text = target.read_text(encoding="utf-8")
    # The byte that is not UTF-8 is shown as an escape (\xf6 or \udcf6), never dropped silently.
    assert re.search(r"ans\\{1,2}(xf6|udcf6)kan\\?\.yaml", text), text[:500]
    if fmt == "json":
        assert json.loads(text)["applications"][0]["file"].endswith("kan.yaml")
