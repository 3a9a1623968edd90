"""The HTML report: self-contained, every posting-derived string escaped, the data behind it counted right,
trend charts on a real time axis, and it renders in a real headless Chromium (DOM, a non-blank screenshot, no
horizontal overflow on a 390-px phone). The browser tests skip only off CI with no chromium."""

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import duckdb
import pandas as pd
import pytest
import report_market
from market_db import Posting, build
from mljobs.analysis import html, svg
from mljobs.analysis.compare import compare
from mljobs.analysis.compare_market import indeed_series
from mljobs.analysis.timeline import Line
from mljobs.guide import baseline

GUIDE = baseline.load()
HOSTILE_TITLE = "<script>alert(1)</script>"
HOSTILE_COMPANY = '<img src=x onerror="alert(2)">'
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not installed (apt-get install chromium); in CI these tests always run")


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, duckdb.DuckDBPyConnection]:
    postings = [Posting(role="mlops-engineer", seniority="senior", pay=(200_000 + 1000 * i, 240_000),
                        skills=("Kubernetes", "Docker"), month=f"2025-{i % 12 + 1:02d}") for i in range(30)]
    postings += [Posting(role="data-scientist", seniority="entry", pay=(95_000, 105_000), skills=("SQL",),
                         month=f"2026-{i % 6 + 1:02d}") for i in range(20)]
    postings += [Posting(title=HOSTILE_TITLE, company=HOSTILE_COMPANY, url="javascript:alert(3)", month="2026-09")]
    folder = tmp_path_factory.mktemp("html")
    con = duckdb.connect(str(build(folder / "market.duckdb", postings)), read_only=True)
    path = folder / "report.html"
    path.write_text(html.report(con, GUIDE), encoding="utf-8")
    return path, con


def test_posting_strings_are_escaped_and_unsafe_links_dropped(report_file) -> None:
    text = report_file[0].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script" not in text.lower() and "<img" not in text.lower()
    assert "javascript:" not in text
    assert re.search(r"<a href='https://example\.test/greenhouse-\d+'>", text)


def test_self_contained(report_file) -> None:
    text = report_file[0].read_text(encoding="utf-8")
    assert not re.search(r"<(link|iframe|object|embed)\b|<[^>]*\bsrc=|@import|url\(", text, re.IGNORECASE)
    hrefs = re.findall(r"href='([^']*)'", text)
    assert hrefs and all(h.startswith("https://example.test/") or h == html.INDEED_URL for h in hrefs)


def test_sections_and_charts(report_file) -> None:
    text = report_file[0].read_text(encoding="utf-8")
    for heading in ("Summary", "The data behind this", "The guide's claims against the market", "Role mix",
                    "Top skills, beside the guide", "Pay per level against the guide's bands", "Trends",
                    "Latest ML postings"):
        assert f"<h2>{heading}</h2>" in text
    assert text.count("<svg") == 5  # no month has 5 dated postings: no ML-share chart
    assert re.search(r"ML share of all dated postings per month, per source \([^)]*\): no data for this chart", text)
    assert text.count('class="band"') == len(GUIDE.salary_bands)  # the guide's bands drawn on the pay chart


def chromium(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    command = [CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
               f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@needs_chromium
def test_chromium_dom_shows_the_hostile_title_as_text(report_file, tmp_path: Path) -> None:
    path, con = report_file
    done = chromium("--dump-dom", path.as_uri(), tmp_path=tmp_path)
    dom = done.stdout
    assert "<svg" in dom, done.stderr[-2000:]
    assert "<script" not in dom.lower() and "<img" not in dom.lower()  # no element was made from posting text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # ... it is text in the page
    verdict_rows = re.search(r"<table id=\"verdicts\">.*?<tbody>(.*?)</tbody>", dom, re.S)[1]
    assert verdict_rows.count("<tr>") == len(compare(con, GUIDE))
    assert dom.count("<svg") == 5


@needs_chromium
def test_chromium_screenshot_is_not_blank(report_file, tmp_path: Path) -> None:
    from PIL import Image

    shot = tmp_path / "report.png"
    done = chromium(f"--screenshot={shot}", "--window-size=1000,1400", report_file[0].as_uri(), tmp_path=tmp_path)
    assert shot.exists(), done.stderr[-2000:]
    with Image.open(shot) as image:
        assert image.size == (1000, 1400)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 20  # text, bars, bands: far from one flat colour
    background = max(colours)[0] / (1000 * 1400)
    assert background < 0.97


def monthly_frame(month_postings: dict[str, int], with_skill: dict[str, int]) -> pd.DataFrame:
    rows = [{"month": m, "kind": "skill", "name": "LLM", "postings": with_skill.get(m, 0), "month_postings": n}
            for m, n in month_postings.items()]
    return pd.DataFrame(rows)


def test_trend_lines_use_months_when_they_are_full_enough() -> None:
    frame = monthly_frame({"2026-01": 10, "2026-02": 10, "2026-03": 1}, {"2026-01": 5, "2026-02": 1})
    assert html._series(frame, "skill", {"LLM": "LLM"}) == [Line("LLM", [("2026-01", 0.5), ("2026-02", 0.1)])]


def test_trend_lines_fall_back_to_quarters_then_years_for_thin_months() -> None:
    thin = monthly_frame({f"2025-{m:02d}": 2 for m in range(1, 7)}, {"2025-01": 2, "2025-05": 1})
    assert html._series(thin, "skill", {"LLM": "LLM"}) == [Line("LLM", [("2025-Q1", 2 / 6), ("2025-Q2", 1 / 6)])]
    history = monthly_frame({"2011-04": 4, "2011-05": 3, "2026-01": 2, "2026-07": 3}, {"2026-01": 1})
    assert html._series(history, "skill", {"LLM": "LLM"}) == [Line("LLM", [("2011", 0.0), ("2026", 0.2)])]


def test_undated_postings_still_give_a_report(tmp_path: Path) -> None:
    con = duckdb.connect(str(build(tmp_path / "undated.duckdb", [Posting(month=None, skills=("Python",))] * 5)),
                         read_only=True)
    text = html.report(con, GUIDE)
    assert text.count("no data for this chart") == 3  # the ML share and the two share-trend charts
    assert text.count('class="band"') == len(GUIDE.salary_bands)  # no pay, but the guide's bands are drawn
    assert "<h2>Latest ML postings</h2>" in text


# --- a realistic market: several sources, HN-like history with missing months, survey rows, GB and US pay ------

SVG = "{http://www.w3.org/2000/svg}"
INDEED_LABEL = "Indeed Hiring Lab: AI share of US postings (CC BY 4.0)"


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, duckdb.DuckDBPyConnection]:
    path = build(tmp_path_factory.mktemp("market") / "market.duckdb", report_market.postings())
    con = duckdb.connect(str(path), read_only=True)
    return html.report(con, GUIDE), con


def cells(text: str, table: str) -> list[list[str]]:
    """The text of every body cell of the table with id `table`, row by row."""
    body = re.search(rf"<table id={table}\b.*?<tbody>(.*?)</tbody>", text, re.S)[1]
    return [[unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def figure(text: str, containing: str) -> ET.Element:
    """The SVG of the figure whose markup contains `containing`."""
    chosen = next(f for f in re.findall(r"<figure>.*?</figure>", text, re.S) if containing in f)
    return ET.fromstring(re.search(r"<svg.*</svg>", chosen, re.S)[0])


def series_x(chart: ET.Element, name: str) -> tuple[list[float], int]:
    """The x of every point of the series titled `name`, left to right, and how many pieces it is drawn in."""
    group = next(g for g in chart.iter(f"{SVG}g") if g.findtext(f"{SVG}title") == name)
    pieces = group.findall(f"{SVG}polyline") + group.findall(f"{SVG}circle")
    xs = [float(p.split(",")[0]) for line in group.findall(f"{SVG}polyline") for p in line.get("points").split()]
    return sorted(xs + [float(c.get("cx")) for c in group.findall(f"{SVG}circle")]), len(pieces)


def month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7])


def test_viewport_and_charts_that_scale(market) -> None:
    text = market[0]
    assert '<meta name=viewport content="width=device-width,initial-scale=1">' in text
    tags = re.findall(r"<svg[^>]*>", text)
    assert len(tags) == 6 and all("viewBox=" in tag and " width=" not in tag for tag in tags)
    assert re.search(r"figure svg\{[^}]*width:100%[^}]*height:auto", text)
    assert "<div class=scroll><table id=latest>" in text


def test_data_section_counts_are_the_databases(market) -> None:
    text, con = market
    expected = con.execute("""
        SELECT source, count(*), count(*) FILTER (WHERE is_ml),
               count(*) FILTER (WHERE kind = 'posting' AND is_ml AND described), any_value(kind)
        FROM facts WHERE is_canonical GROUP BY source""").fetchall()
    shown = {row[0]: row for row in cells(text, "sources")}
    assert set(shown) == {source for source, *_ in expected} | {"all sources"}
    for source, rows, ml, described, kind in expected:
        assert [int(n.replace(",", "") or 0) for n in shown[source][2:5]] == [rows, ml, described]
        assert shown[source][1] == {"posting": "job postings", "survey": "salary survey"}[kind]
    total = shown["all sources"]
    assert int(total[2].replace(",", "")) == sum(rows for _, rows, *_ in expected) == len(report_market.postings())
    months = report_market.hn_months()
    assert shown["hn"][5] == f"{months[0]} – {months[-1]} ({len(months)} months)"
    assert shown["aijobs"][5] == "pay years 2020–2025" and shown["uk-sample"][5] == "60 undated"
    assert shown["uk-sample"][6] == "GB 60"
    us = con.execute("SELECT count(*) FROM facts WHERE source = 'hn' AND country = 'US'").fetchone()[0]
    assert shown["hn"][6].startswith(f"US {us:,}, ")


def test_data_section_says_what_the_data_cannot_speak_to(market) -> None:
    text, con = market
    elsewhere, = con.execute("""
        SELECT count(*) FROM facts
        WHERE is_canonical AND is_ml AND salary_flag IS NULL AND coalesce(annual_min_usd, annual_max_usd) > 0
          AND NOT coalesce(country = 'US' AND salary_currency = 'USD' AND salary_period = 'year', false)""").fetchone()
    said = unescape(re.search(r"What this data can't speak to\.</b>(.*?)</p>", text, re.S)[1])
    assert "60 job postings carry no date (uk-sample)" in said and "left out of every trend" in said
    assert "The 400 salary-survey answers (aijobs) count only in pay" in said
    assert f"the other {elsewhere} — other countries, currencies or pay periods — never meet the bands" in said
    assert elsewhere > 0
    (described, source, n, first, last), = con.execute("""
        WITH d AS (SELECT source, posted_month FROM facts
                   WHERE is_canonical AND kind = 'posting' AND is_ml AND described)
        SELECT (SELECT count(*) FROM d), source, count(*), min(posted_month), max(posted_month)
        FROM d GROUP BY source ORDER BY count(*) DESC LIMIT 1""").fetchall()
    share = "all" if n == described else f"{n:,} ({n / described:.0%})"
    assert (f"Skill shares rest on the {described:,} described ML postings, {share} of them {source}'s, dated "
            f"{first:%Y-%m} – {last:%Y-%m}: the skill verdicts speak for those postings and years") in said


def test_pay_chart_has_a_row_per_level_and_kind_with_n(market) -> None:
    text, con = market
    disclosed = dict(((kind, level), n) for kind, level, n in con.execute("""
        SELECT kind, seniority, count(*) FROM facts
        WHERE is_canonical AND is_ml AND country = 'US' AND salary_currency = 'USD' AND salary_period = 'year'
          AND coalesce(annual_min_usd, annual_max_usd) > 0
        GROUP BY ALL""").fetchall())
    chart = figure(text, "Annual pay per seniority level")
    labels = [t.text for t in chart.iter(f"{SVG}text")]
    for band in GUIDE.salary_bands:
        at = labels.index(band.level)
        assert labels[at + 1: at + 3] == [f"postings n={disclosed[('posting', band.level)]:,}",
                                          f"survey n={disclosed[('survey', band.level)]:,}"]
    assert len(chart.findall(f".//{SVG}rect[@class='band']")) == len(GUIDE.salary_bands)
    note = re.search(r"<h2>Pay per level against the guide's bands</h2><p class=note>(.*?)</p>", text, re.S)[1]
    assert note.startswith("US pay stated in USD a year") and "is not held against the guide's bands" in note


def test_ml_share_chart_spaces_points_by_time_and_breaks_across_gaps(market) -> None:
    text = market[0]
    chart = figure(text, INDEED_LABEL)
    months = report_market.hn_months()  # every HN month has 40+ postings, so every one is drawn
    xs, pieces = series_x(chart, "hn: ML share of its postings")
    assert len(xs) == len(months) and xs == sorted(set(xs))
    step = (xs[-1] - xs[0]) / (month_number(months[-1]) - month_number(months[0]))
    for x, month in zip(xs, months, strict=True):  # x is proportional to time, the missing months included
        assert x - xs[0] == pytest.approx(step * (month_number(month) - month_number(months[0])), abs=0.2)
    assert pieces == 2  # 2016-02…05 missing: the line breaks; the one month missing in 2014 is bridged
    board, _ = series_x(chart, "greenhouse: ML share of its postings")
    assert (board[0] - xs[-1]) / step == pytest.approx(month_number("2026-01") - month_number(months[-1]), abs=0.1)
    reference, _ = series_x(chart, INDEED_LABEL)
    assert len(reference) == len(indeed_series())
    assert (reference[1] - reference[0]) / step == pytest.approx(12, abs=0.1)  # yearly points, same axis


def test_trend_charts_label_gridlines_ticks_and_last_values(market) -> None:
    text = market[0]
    for caption in (INDEED_LABEL, "Share of ML postings per role", "Share of described ML postings: the guide"):
        chart = figure(text, caption)
        labels = [t.text for t in chart.iter(f"{SVG}text")]
        assert "0%" in labels and len([x for x in labels if re.fullmatch(r"\d+%", x)]) >= 3
        assert {"2014", "2016", "2026"} <= set(labels)
        ends = [(float(t.get("x")), float(t.get("y"))) for t in chart.iter(f"{SVG}text") if "end" in t.get("class", "")]
        assert ends and all(re.fullmatch(r"\d+\.\d%", t.text) for t in chart.iter(f"{SVG}text")
                            if "end" in t.get("class", ""))
        for i, (x1, y1) in enumerate(ends):
            for x2, y2 in ends[i + 1:]:
                assert abs(x1 - x2) >= 40 or abs(y1 - y2) >= 12 - 0.01  # no two last-value labels overlap


def test_indeed_reference_is_cited(market) -> None:
    text = market[0]
    chosen = next(f for f in re.findall(r"<figure>.*?</figure>", text, re.S) if INDEED_LABEL in f)
    assert "<li><span class='key dashed'" in chosen and f"{INDEED_LABEL}</li>" in chosen
    assert f"<a href='{html.INDEED_URL}'>" in chosen and "(CC BY 4.0)" in chosen
    assert 'stroke-dasharray="6 4"' in chosen


# A test-only probe: the report has no script, so a copy of it gets one that posts its layout to a wrapper page
# holding it in a 390-px iframe (a headless window is at least 500 px wide, an iframe sets the width exactly).
PROBE = """<script>parent.postMessage(JSON.stringify({inner: innerWidth, client: document.documentElement.clientWidth,
scroll: document.documentElement.scrollWidth, verdicts: document.getElementById("verdicts").scrollWidth,
claim: document.querySelector("#verdicts .claim").getBoundingClientRect().width,
svgs: [...document.querySelectorAll("svg")].map(s => s.getBoundingClientRect().width)}), "*")</script>"""
WRAPPER = """<!DOCTYPE html><html><body style="margin:0"><script>addEventListener("message",
e => document.body.setAttribute("data-layout", e.data))</script>
<iframe src="{src}" style="border:0;width:390px;height:900px"></iframe></body></html>"""


@needs_chromium
def test_chromium_at_390_px_nothing_overflows_sideways(market, tmp_path: Path) -> None:
    probe, wrapper = tmp_path / "probe.html", tmp_path / "phone.html"
    probe.write_text(market[0].replace("</body>", PROBE + "</body>"), encoding="utf-8")
    wrapper.write_text(WRAPPER.format(src=probe.as_uri()), encoding="utf-8")
    done = chromium("--hide-scrollbars", "--window-size=500,900", "--virtual-time-budget=10000", "--dump-dom",
                    wrapper.as_uri(), tmp_path=tmp_path)
    found = re.search(r'data-layout="([^"]*)"', done.stdout)
    assert found, done.stderr[-2000:]
    layout = json.loads(unescape(found[1]))
    assert layout["inner"] == 390
    assert layout["scroll"] <= layout["client"]  # the page never scrolls sideways
    assert layout["verdicts"] <= layout["client"]  # the verdicts are cards, not a table to scroll ...
    assert layout["claim"] >= 0.8 * layout["client"]  # ... each claim across the screen, not in a narrow column
    assert len(layout["svgs"]) == 6 and all(0 < width <= layout["client"] for width in layout["svgs"])
    assert min(layout["svgs"]) / svg.WIDTH * svg.FONT >= 10  # chart text at 10 px or more on the phone
