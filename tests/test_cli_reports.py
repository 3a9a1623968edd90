"""`mljobs report` end to end, on a database built by a real local crawl: the bundled real responses
served on 127.0.0.1, crawled by the real spiders, loaded and extracted (analysis.demo.run). Every report in
every format; the numbers are checked against the database itself."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import DemoRun
from mljobs.analysis import verdicts as rules
from mljobs.guide import baseline
from typer.testing import CliRunner

from mljobs.cli import app

GUIDE = baseline.load()
REPORTS = ["roles", "skills", "salaries", "trends", "monthly", "weekly", "compare"]
FORMATS = ["table", "json", "csv", "markdown"]
runner = CliRunner()


@pytest.fixture(scope="module")
def crawled(demo_run: DemoRun) -> Path:
    """The data directory of one real local crawl, loaded and extracted: the demo's, built once per test run
    (conftest.demo_run) and only read here."""
    assert demo_run.returncode == 0, demo_run.stderr[-3000:]
    return demo_run.data_dir / "demo"


def mljobs(data_dir: Path, *args: str):
    return runner.invoke(app, ["--data-dir", str(data_dir), *args])


def scalar(data_dir: Path, sql: str, *params: object) -> int:
    with duckdb.connect(str(data_dir / "mljobs.duckdb"), read_only=True) as con:
        return con.execute(sql, params).fetchone()[0]


ML = "FROM facts WHERE is_canonical AND is_ml AND kind = 'posting'"  # survey answers are no postings


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", REPORTS)
def test_every_report_in_every_format(crawled: Path, name: str, fmt: str) -> None:
    result = mljobs(crawled, "report", name, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.strip() and not result.stderr  # data on stdout, nothing to complain about
    if fmt == "json":
        body = json.loads(out)
        assert body["report"] == name and body["rows"]
    elif fmt == "csv":
        assert len(pd.read_csv(io.StringIO(out))) > 0
    elif fmt == "markdown":
        assert out.startswith("## ") and "\n|---|" in out
    else:
        assert out.splitlines()[0] == json.loads(mljobs(crawled, "report", name, "--format", "json").stdout)["title"]


def report_json(data_dir: Path, name: str, *filters: str) -> dict:
    result = mljobs(data_dir, "report", name, "--format", "json", *filters)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_roles_match_the_database(crawled: Path) -> None:
    body = report_json(crawled, "roles")
    ml = scalar(crawled, f"SELECT count(*) {ML}")
    assert ml > 50  # the crawl found the ML roles in the saved boards
    assert body["summary"]["ml_postings"] == ml
    assert body["summary"]["postings"] == scalar(crawled, "SELECT count(*) FROM facts WHERE is_canonical "
                                                          "AND kind = 'posting'")
    for row in body["rows"]:
        assert row["postings"] == scalar(crawled, f"SELECT count(*) {ML} AND role = '{row['role']}'")
    assert sum(r["share"] for r in body["rows"]) == pytest.approx(1.0)


def test_skills_match_the_database(crawled: Path) -> None:
    body = report_json(crawled, "skills")
    top = next(r for r in body["rows"] if r["scope"] == "all ML" and r["rank"] == 1)
    described = "f.is_canonical AND f.is_ml AND f.kind = 'posting' AND f.described"  # skill shares count only these
    expected = scalar(crawled, "SELECT count(*) FROM posting_skills s JOIN facts f USING (source, native_id) "
                               f"WHERE {described} AND s.skill = ?", top["skill"])
    assert top["postings"] == expected > 0
    n = scalar(crawled, f"SELECT count(*) FROM facts f WHERE {described}")
    assert top["described"] == body["summary"]["described_postings"] == n < body["summary"]["ml_postings"]
    assert top["share"] == pytest.approx(expected / n)
    guide_rows = {r["skill"] for r in body["rows"] if r["scope"] == "all ML" and r["in_guide"]}
    assert set(GUIDE.skills()) <= guide_rows  # every guide skill is ranked, asked for or not


def test_salaries_disclosure_matches_the_database(crawled: Path) -> None:
    body = report_json(crawled, "salaries")
    disclosed = scalar(crawled, f"SELECT count(*) {ML} AND salary_flag IS NULL AND country = 'US' "
                                "AND salary_currency = 'USD' AND salary_period = 'year' "
                                "AND coalesce(annual_min_usd, annual_max_usd) IS NOT NULL")
    assert body["summary"]["disclosed"] == disclosed > 0  # US postings stating pay in USD a year
    assert body["summary"]["market"] == "US"
    for kind in ("posting", "survey"):
        levels = [r["group"] for r in body["rows"] if r["dimension"] == "level" and r["kind"] == kind]
        assert levels[:3] == ["entry", "mid", "senior"]
    survey = [r for r in body["rows"] if r["kind"] == "survey" and r["dimension"] == "level"]
    assert all(r["disclosed"] >= 100 for r in survey[:3])  # every band meets 100+ US survey salaries
    countries = {r["group"] for r in body["rows"] if r["dimension"] == "country"}
    assert {"US", "GB"} <= countries  # other countries in rows of their own


def test_trends_and_compare_cover_the_guides_claims(crawled: Path) -> None:
    trends = report_json(crawled, "trends")
    assert sorted(r["name"] for r in trends["rows"] if r["group"] == "guide trend") == sorted(GUIDE.emerging_trends)
    verdicts = report_json(crawled, "compare")
    ml = scalar(crawled, f"SELECT count(*) {ML}")
    roles = [r for r in verdicts["rows"] if r["kind"] == "role"]
    assert len(roles) == len(GUIDE.roles) and all(r["n"] == ml for r in roles)
    assert sum(verdicts["summary"][v] for v in rules.VERDICTS) == len(verdicts["rows"])
    bands = [r for r in verdicts["rows"] if r["kind"] == "salary"]
    assert [r["n"] < 20 for r in bands] == [r["verdict"] == "too little data" for r in bands]


def test_monthly_shares_add_up(crawled: Path) -> None:
    result = mljobs(crawled, "report", "monthly", "--format", "csv")
    frame = pd.read_csv(io.StringIO(result.stdout))
    roles = frame[frame["kind"] == "role"].groupby("month").agg(postings=("postings", "sum"),
                                                                 total=("month_postings", "first"))
    assert (roles["postings"] == roles["total"]).all()


def test_weekly_shares_cover_the_latest_weeks(crawled: Path) -> None:
    result = mljobs(crawled, "report", "weekly", "--format", "csv")
    frame = pd.read_csv(io.StringIO(result.stdout))
    weeks = sorted(frame["week"].unique())
    assert 1 <= len(weeks) <= 12
    latest = scalar(crawled, "SELECT max(date_trunc('week', r.posted_at))::DATE::VARCHAR "
                             "FROM facts f JOIN raw_postings r USING (source, native_id) "
                             "WHERE f.is_canonical AND f.is_ml AND f.kind = 'posting'")
    assert weeks[-1] == latest
    roles = frame[frame["kind"] == "role"].groupby("week").agg(postings=("postings", "sum"),
                                                                total=("week_postings", "first"))
    assert (roles["postings"] == roles["total"]).all()


def test_filters_narrow_the_reports(crawled: Path) -> None:
    source = scalar(crawled, f"SELECT mode(source) {ML}")  # a source with ML postings in the demo crawl
    by_source = scalar(crawled, f"SELECT count(*) {ML} AND source = ?", source)
    assert report_json(crawled, "roles", "--source", source)["summary"]["ml_postings"] == by_source
    since = scalar(crawled, f"SELECT count(*) {ML} AND posted_month >= DATE '2025-01-01'")
    assert report_json(crawled, "roles", "--since", "2025-01")["summary"]["ml_postings"] == since
    role = report_json(crawled, "roles", "--role", "mlops-engineer")
    assert role["summary"]["ml_postings"] == scalar(crawled, f"SELECT count(*) {ML} AND role = 'mlops-engineer'")


@pytest.mark.parametrize(("args", "code", "message"), [
    (["report", "roles", "--since", "2099-01"], 3, "no postings match the filters (since 2099-01)"),
    (["report", "roles", "--source", "greenhouse", "--since", "2099-01"], 3,
     "no postings match the filters (since 2099-01, source greenhouse)"),
    (["report", "roles", "--source", "nowhere"], 2, "unknown source 'nowhere': the database holds aijobs, arbeitnow"),
    (["report", "html", "-o", "x.html", "--source", "nowhere"], 2, "unknown source 'nowhere'"),
    (["report", "roles", "--country", "UK", "--since", "2099-01"], 3, "(since 2099-01, country GB)"),
    (["report", "roles", "--since", "March"], 2, "--since 'March' is not a month"),
    (["report", "roles", "--role", "wizard"], 2, "unknown role 'wizard'"),
    (["report", "roles", "--format", "xml"], 2, "unknown format 'xml'"),
    (["report", "everything"], 2, "unknown report 'everything'"),
    (["report", "html"], 2, "report html needs --output FILE"),
])
def test_bad_input_and_empty_results_give_a_clear_message_and_code(crawled: Path, args, code, message) -> None:
    result = mljobs(crawled, *args)
    assert result.exit_code == code
    assert result.stdout == ""
    assert message in result.stderr and "Traceback" not in result.stderr


def test_no_database_is_exit_3(tmp_path: Path) -> None:
    result = mljobs(tmp_path, "report", "compare")
    assert result.exit_code == 3
    assert "no database at" in result.stderr and "mljobs crawl" in result.stderr


def test_html_report_as_a_user_runs_it(crawled: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    done = subprocess.run([sys.executable, "-m", "mljobs", "--data-dir", str(crawled), "report", "html",
                           "--output", str(output)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and f"wrote {output}" in done.stderr
    assert "report: verdicts" in done.stderr  # progress on stderr
    text = output.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.count("<svg") >= 4
    ml = scalar(crawled, f"SELECT count(*) {ML}")
    assert f"<b>{ml:,} (" in text  # the summary's ML postings figure
