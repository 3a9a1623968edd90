"""`mljobs demo`: offline, the real spiders over the bundled real responses, verdicts on stdout and the
HTML report's path on stderr."""

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest
from conftest import DemoRun
from mljobs.analysis import demo


@pytest.mark.slow
def test_demo_as_a_user_runs_it_then_the_next_command(demo_run: DemoRun) -> None:
    done, data_dir = demo_run, demo_run.data_dir  # conftest ran `mljobs --data-dir DIR demo --format json`
    stale = data_dir / "demo" / "stale.txt"  # the demo's directory is replaced on every run, never added to
    assert done.returncode == 0, done.stderr[-3000:]
    assert not stale.exists()
    body = json.loads(done.stdout)
    assert body["report"] == "compare"
    html = Path(re.search(r"HTML report: (\S+)", done.stderr)[1])
    assert html == data_dir / "demo" / "report.html" and "<svg" in html.read_text(encoding="utf-8")
    for step in ("serving", "crawling", "Hacker News", "importing", "ai-jobs.net", "loading"):
        assert step in done.stderr  # progress on stderr
    with duckdb.connect(str(data_dir / "demo" / "mljobs.duckdb"), read_only=True) as con:
        sources = dict(con.execute("SELECT source, count(*) FROM raw_postings GROUP BY ALL").fetchall())
        ml = con.execute("SELECT count(*) FROM facts WHERE is_ml AND is_canonical AND kind = 'posting'").fetchone()[0]
        hn_months = con.execute("SELECT count(DISTINCT posted_month) FROM facts WHERE source = 'hn'").fetchone()[0]
        survey = con.execute("SELECT count(*) FROM facts WHERE kind = 'survey'").fetchone()[0]
        undated_in_trends = con.execute("SELECT count(*) FROM facts f JOIN raw_postings r USING (source, native_id) "
                                        "WHERE r.posted_at IS NULL AND f.posted_month IS NOT NULL").fetchone()[0]
    assert set(demo.API_SOURCES) | {"hn", "aijobs", "glassdoor-uk", "indeed-uk"} <= set(sources)
    assert sources["greenhouse"] == 10 + 2  # every job of the two saved Greenhouse boards
    assert survey == sources["aijobs"] > 70_000  # every full-time survey answer, none counted as a posting
    assert hn_months >= 24 and undated_in_trends == 0  # real monthly history; undated rows have no month
    rows = body["rows"]
    assert all(r["n"] == ml for r in rows if r["kind"] == "role")
    verdicts = [r["verdict"] for r in rows]
    assert verdicts.count("too little data") <= len(rows) / 4  # the demo's data can speak to most claims
    bands = [r for r in rows if r["kind"] == "salary" and r["claim"].endswith("(salary survey)")]
    assert len(bands) == 3 and all(r["n"] >= 100 for r in bands)  # every band from 100+ US salaries
    assert {r["kind"] for r in rows} >= {"role", "skill", "salary", "pay", "industry pay", "industry", "demand",
                                         "trend", "certification", "experience", "course"}

    # the next command a user types reads the demo's data, with the same data directory and no other flag
    nxt = subprocess.run([sys.executable, "-m", "mljobs", "--data-dir", str(data_dir), "report", "compare",
                          "--format", "json"], capture_output=True, text=True, timeout=120)
    assert nxt.returncode == 0, nxt.stderr
    assert "reporting on the demo's" in nxt.stderr
    assert json.loads(nxt.stdout)["rows"] == rows


def test_the_demo_server_answers_saved_paths_and_404s_the_rest() -> None:
    with demo.serve() as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}/v1/boards/luno/jobs?content=true", timeout=10) as reply:
            assert len(json.loads(reply.read())["jobs"]) == 10
        try:
            urllib.request.urlopen(f"{url}/v1/boards/unknown/jobs", timeout=10)
            raise AssertionError("an unknown board must 404")
        except urllib.error.HTTPError as error:
            assert error.code == 404
