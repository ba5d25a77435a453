"""The call report as an expert group brings it to its meeting: named, dated, ranked per
criteria set, honest about reviews it does not count, and readable on paper and on a phone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicheck import __version__
from sicheck.cli import app
from sicheck.report.model import build

from .clients import chromium, headless_chromium
from .conftest import INPUTS, ROOT, SAMPLES

runner = CliRunner()
SAMPLE_REVIEWS = ROOT / "sample_reviews"
BAD = INPUTS / "reviews" / "bad"
DATE = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01


def report(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["report", *args], env={"CI": None, **DATE, **(env or {})})
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def samples(*args: str) -> str:
    return report(str(SAMPLES), "--reviews", str(SAMPLE_REVIEWS), *args)[1]


# --- the call: name, date, version, criteria sets -------------------------------------


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_title_date_version_and_sets_at_the_top(fmt: str) -> None:
    out = samples("-f", fmt, "--title", "Sociala investeringsmedel 2016", "--no-color")
    top = out[: out.index("MiniMili")]
    first = "<h1>Sociala investeringsmedel 2016</h1>" if fmt == "html" else "Sociala investeringsmedel 2016"
    assert first in top
    if fmt != "html":
        assert out.splitlines()[0].lstrip("# ") == "Sociala investeringsmedel 2016"
    assert "2026-01-01" in top and __version__ in top
    top = top.replace("\\@\u2060", "@").replace("\\@", "@")
    assert "vgr@2015" in top and "ale@2012" in top


def test_title_from_the_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".sicheck.yaml").write_text("call: Utlysning 2017 <b>x</b>\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    page = samples("-f", "html")
    assert "<h1>Utlysning 2017 &lt;b&gt;x&lt;/b&gt;</h1>" in page
    # --title wins over the configuration.
    assert "<h1>Annan</h1>" in samples("-f", "html", "--title", "Annan")
    document = json.loads(samples("-f", "json"))
    assert document["call"]["title"] == "Utlysning 2017 <b>x</b>"
    assert document["call"]["date"] == "2026-01-01"


def test_without_a_title_the_report_says_what_it_is() -> None:
    page = samples("-f", "html")
    assert "<h1>Ansökningar i utlysningen – översikt</h1>" in page


# --- one ranking per criteria set ------------------------------------------------------


def test_each_criteria_set_is_ranked_on_its_own() -> None:
    document = json.loads(samples("-f", "json"))
    sets = [a["criteria_set"]["id"] for a in document["applications"]]
    assert sets == sorted(sets)  # ale first, then vgr: never interleaved
    ranked = [(a["criteria_set"]["id"], a["rank"]) for a in document["applications"] if a["rank"] is not None]
    assert ranked == [("ale", 1), ("vgr", 1), ("vgr", 2), ("vgr", 3), ("vgr", 4)]
    table = samples("--no-color")
    assert table.index("ale@2012 – ") < table.index("vgr@2015 – ")
    markdown = samples("-f", "markdown")
    assert markdown.count("| # | Ansökan | Fil |") == 2


def test_unreviewed_applications_are_marked_and_have_no_place() -> None:
    document = json.loads(samples("-f", "json"))
    unreviewed = [a for a in document["applications"] if a["review"] is None]
    assert {Path(a["file"]).name for a in unreviewed} == {"star-for-life.yaml", "fotosyntes.yaml"}
    assert all(a["rank"] is None for a in unreviewed)
    assert samples("--no-color").count("ej granskad") == 2
    assert samples("-f", "markdown").count("*ej granskad*") == 2
    assert samples("-f", "html", "--lang", "en").count('class="badge unreviewed">not reviewed<') >= 4


def test_an_application_reviewed_low_does_not_outrank_by_comparison(tmp_path: Path) -> None:
    """0.33 of 5 got place 1 above a 100 % application nobody reviewed: now it has a place,
    the unreviewed one is marked instead of being ranked below it."""
    from sicheck.i18n import Text
    from sicheck.model import ApplicationResult, CriteriaSetRef
    from sicheck.reviews.model import Recommendations, ReviewedResult, ReviewSummary

    def item(file: str, score: float, mean: float | None) -> ReviewedResult:
        result = ApplicationResult(file, "T", CriteriaSetRef("vgr", "2015", Text("", "")), "eligible", score)
        review = ReviewSummary(1, Recommendations(), mean, (), ()) if mean is not None else None
        return ReviewedResult(result, review)

    built = build(
        [item("full.yaml", 100.0, None), item("low.yaml", 60.0, 0.33), item("b.yaml", 90.0, None)],
        "1",
        reviews_given=True,
    )
    assert [a.result.file for a in built.applications] == ["low.yaml", "full.yaml", "b.yaml"]
    assert built.ranks == (1, None, None)
    # Without reviews every application has a place, by score.
    plain = build([item("full.yaml", 100.0, None), item("b.yaml", 90.0, None)], "1")
    assert plain.ranks == (1, 2)


# --- reviews that are not counted --------------------------------------------------------


def _with_bad(fmt: str, *extra: str) -> tuple[int, str, str]:
    return report(
        str(SAMPLES),
        "--reviews",
        str(SAMPLE_REVIEWS),
        "--reviews",
        str(BAD / "unknown-criterion.yaml"),
        "--reviews",
        str(BAD / "yaml-syntax.yaml"),
        "-f",
        fmt,
        *extra,
    )


def test_banner_at_the_top_of_html_with_a_link_to_the_list() -> None:
    code, page, _ = _with_bad("html")
    assert code == 1
    banner = re.search(r'<p class="banner" role="alert">(.*?)</p>', page)
    assert banner is not None
    assert "granskning" in banner.group(1) and "räknas inte" in banner.group(1)
    assert 'href="#review-problems"' in banner.group(1)
    # Before the ranking, and the list right after the ranking, long before the applications.
    assert page.index('class="banner"') < page.index('id="ranking"') < page.index('id="review-problems"')
    assert page.index('id="review-problems"') < page.index('id="applications"')


def test_the_list_names_reviewer_application_file_line_and_reason() -> None:
    _, page, _ = _with_bad("html", "--lang", "en")
    table = page[page.index('id="review-problems"') :]
    table = table[: table.index("</section>")]
    rows = re.findall(r"<tr>(<td.*?)</tr>", table)
    assert len(rows) == 2
    unknown = next(r for r in rows if "unknown-criterion.yaml" in r)
    assert "<strong>Anna Andersson</strong>" in unknown
    assert "sample_applications/tmr.yaml" in unknown
    assert "unknown-criterion.yaml:6:3" in unknown
    assert "does not exist" in unknown


def test_the_affected_application_is_marked_in_the_ranking() -> None:
    _, page, _ = _with_bad("html")
    ranking = page[page.index('id="ranking"') : page.index('id="review-problems"')]
    assert ranking.count('class="uncounted nowrap" href="#review-problems"') >= 1


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_banner_in_table_and_markdown(fmt: str) -> None:
    code, out, _ = _with_bad(fmt, "--no-color", "--lang", "sv")
    assert code == 1
    first_table = out.index("Rangordning") if fmt == "markdown" else out.index("ale@2012 – ")
    head = out[:first_table]
    assert re.search(r"\d granskning(ar)? räknas inte", head)
    if fmt == "markdown":
        assert "(#granskningar-som-inte-räknas)" in head
        assert "\n## Granskningar som inte räknas\n" in out


def test_no_banner_when_every_review_counts() -> None:
    assert 'class="banner"' not in samples("-f", "html")
    table = samples("--no-color")
    assert "räknas inte" not in table[: table.index("ale@2012 – ")]
    assert "8 av 8 filer räknas" in table


# --- the reviewers' own means and the chart ------------------------------------------------


def test_each_reviewers_mean_is_shown() -> None:
    page = samples("-f", "html")
    # Björn Lindqvist's scores of TMR: 4 4 3 4 4 4 5 2 0 -> 30/9 = 3.333.. -> 3,33
    assert "Eget medel" in page
    assert "eget medelvärde 3,33" in page
    markdown = samples("-f", "markdown", "--lang", "en")
    assert "own mean 3.33" in markdown


def test_inline_svg_chart_per_reviewed_application() -> None:
    page = samples("-f", "html")
    charts = re.findall(r'<figure class="chart">(.*?)</figure>', page, re.S)
    reviewed = len(json.loads(samples("-f", "json"))["applications"]) - 2
    assert len(charts) == reviewed
    tmr = next(c for c in charts if "Björn Lindqvist: VGR-10 = 0" in c)
    # One marker per score given: Björn 9, Maria's TMR review scores 8 more.
    assert tmr.count("<title>") == tmr.count("Björn Lindqvist: ") + tmr.count("Maria Karlsson: ")
    assert 'fill="#fff4bf"' in tmr  # the row where they disagree (VGR-02) is highlighted
    assert "<script" not in page and 'href="http' not in page


# --- JSON: every reviewer's own judgement -------------------------------------------------


def test_json_by_reviewer() -> None:
    document = json.loads(samples("-f", "json"))
    tmr = next(a for a in document["applications"] if a["file"].endswith("tmr.yaml"))
    review = tmr["review"]
    assert review["reviewers"] == 2  # still the count
    by_name = {r["reviewer"]: r for r in review["by_reviewer"]}
    assert set(by_name) == {"Björn Lindqvist", "Maria Karlsson"}
    bjorn = by_name["Björn Lindqvist"]
    assert bjorn["recommendation"] == "maybe"
    assert bjorn["mean"] == 3.33
    assert bjorn["scores"]["VGR-10"] == 0
    assert bjorn["comments"]["VGR-10"].startswith("Ingen mottagare")
    assert bjorn["file"].endswith("bjorn-lindqvist/tmr.yaml")
    assert set(bjorn) == {"reviewer", "file", "recommendation", "mean", "scores", "comments", "comment"}


# --- paper and phone --------------------------------------------------------------------


def test_print_css_is_a4_and_keeps_headings_with_their_text() -> None:
    page = samples("-f", "html")
    css = page[page.index("<style>") : page.index("</style>")]
    assert "@page { size: A4" in css
    assert re.search(r"h2, h3, h4 \{ break-after: avoid", css)
    assert "@media (max-width: 600px)" in css


def test_ranking_cells_name_their_column_for_cards() -> None:
    page = samples("-f", "html")
    ranking = page[page.index('id="ranking"') : page.index('id="matrix"')]
    for row in re.findall(r"<tr class=\"verdict-.*?</tr>", ranking, re.S):
        cells = re.findall(r"<td[^>]*>", row)
        # Every cell but the rank names its column, so a card reads "Poäng 84,6 %".
        assert all("data-label=" in cell for cell in cells[1:]), cells


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_prints_to_a4_pdf_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(samples("-f", "html", "--title", "Utlysning 2016"), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    done = headless_chromium(page, tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", timeout=180)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", data)
    assert boxes, "no page sizes in the PDF"
    for width, height in boxes:
        # A4 is 210 × 297 mm = 595.3 × 841.9 pt (Letter would be 612 × 792).
        assert abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2


def test_a_narrow_terminal_gets_a_block_per_application() -> None:
    """At 60 columns the table's columns do not fit, and rich squeezed the names away."""
    from sicheck.report.table import NARROW

    titles = [a["title"] for a in json.loads(samples("-f", "json"))["applications"]]
    for width in (60, NARROW - 1, NARROW, 140):
        text = _table_at(width)
        assert max(len(line) for line in text.splitlines()) <= width
        if width < NARROW:
            flat = " ".join(text.split())
            for title in titles:
                assert " ".join(title.split()) in flat, (width, title)
        else:
            # The table keeps every column: none is squeezed out of sight.
            for header in ("Ansökan", "Resultat", "Fullständighet", "Granskare", "Oenighet"):
                assert header in text, (width, header)
    assert "#   Ansökan" not in _table_at(60) and "#   Ansökan" in _table_at(140)


def _table_at(width: int) -> str:
    from sicheck.catalog import CriteriaCatalog
    from sicheck.checker import CheckOptions, check_path
    from sicheck.report import render
    from sicheck.reviews.loading import load_review, review_files
    from sicheck.reviews.merging import attach

    options = CheckOptions(CriteriaCatalog())
    results = [check_path(str(p), options) for p in sorted(SAMPLES.glob("*.yaml"))]
    loaded = [load_review(p, s) for p, s in review_files([str(SAMPLE_REVIEWS)])]
    reviewed, problems = attach(results, loaded, options.catalog)
    call = build(reviewed, "1", reviews_given=True, review_problems=problems, review_files=len(loaded))
    return render("table", call, lang="sv", width=width)
