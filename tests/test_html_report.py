"""The HTML report: self-contained, every posting-derived string escaped, and it renders in a real
headless Chromium (DOM and a non-blank screenshot). The browser tests skip only off CI with no chromium."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from market_db import Posting, build

from analysis import html
from analysis.compare import compare
from guide import baseline

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
    assert hrefs and all(h.startswith("https://example.test/") for h in hrefs)  # only the postings' own links


def test_sections_and_charts(report_file) -> None:
    text = report_file[0].read_text(encoding="utf-8")
    for heading in ("Summary", "The guide's claims against the market", "Role mix", "Top skills, beside the guide",
                    "Pay per level against the guide's bands", "Trends", "Latest ML postings"):
        assert f"<h2>{heading}</h2>" in text
    assert text.count("<svg") == 5
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
    assert html._series(frame, "skill", ["LLM"]) == {"LLM": [("2026-01", 0.5), ("2026-02", 0.1)]}


def test_trend_lines_fall_back_to_quarters_then_years_for_thin_months() -> None:
    thin = monthly_frame({f"2025-{m:02d}": 2 for m in range(1, 7)}, {"2025-01": 2, "2025-05": 1})
    assert html._series(thin, "skill", ["LLM"]) == {"LLM": [("2025-Q1", 2 / 6), ("2025-Q2", 1 / 6)]}
    history = monthly_frame({"2011-04": 4, "2011-05": 3, "2026-01": 2, "2026-07": 3}, {"2026-01": 1})
    assert html._series(history, "skill", ["LLM"]) == {"LLM": [("2011", 0.0), ("2026", 0.2)]}


def test_undated_postings_still_give_a_report(tmp_path: Path) -> None:
    con = duckdb.connect(str(build(tmp_path / "undated.duckdb", [Posting(month=None, skills=("Python",))] * 5)),
                         read_only=True)
    text = html.report(con, GUIDE)
    assert text.count("no data for this chart") == 2  # the two trend charts
    assert text.count('class="band"') == len(GUIDE.salary_bands)  # no pay, but the guide's bands are drawn
    assert "<h2>Latest ML postings</h2>" in text
