"""`mljobs demo`: offline, the real spiders over the bundled real responses, verdicts on stdout and the
HTML report's path on stderr."""

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import duckdb

from analysis import demo
from guide import baseline

GUIDE = baseline.load()


def test_demo_as_a_user_runs_it(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "analysis", "--data-dir", str(tmp_path), "demo", "--format", "json"],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "80"})
    assert done.returncode == 0, done.stderr[-3000:]
    body = json.loads(done.stdout)
    assert body["report"] == "compare"
    claims = len(GUIDE.roles) + sum(len(r.skills) for r in GUIDE.roles) + sum(
        len(s) for s in GUIDE.skill_groups.values()) + len(GUIDE.salary_bands) + len(GUIDE.emerging_trends)
    assert len(body["rows"]) == claims
    html = Path(re.search(r"HTML report: (\S+)", done.stderr)[1])
    assert html == tmp_path / "demo" / "report.html" and "<svg" in html.read_text(encoding="utf-8")
    for step in ("serving", "crawling", "Hacker News", "importing 256 UK postings", "loading"):
        assert step in done.stderr  # progress on stderr
    with duckdb.connect(str(tmp_path / "demo" / "mljobs.duckdb"), read_only=True) as con:
        sources = dict(con.execute("SELECT source, count(*) FROM raw_postings GROUP BY ALL").fetchall())
        ml = con.execute("SELECT count(*) FROM facts WHERE is_ml AND is_canonical").fetchone()[0]
        hn_2011 = con.execute("SELECT count(*) FROM raw_postings WHERE source = 'hn' "
                              "AND posted_at < TIMESTAMP '2011-05-01'").fetchone()[0]
    assert set(demo.API_SOURCES) | {"hn", "glassdoor-uk", "indeed-uk"} == set(sources)  # every bundled source
    assert sources["greenhouse"] == 10 + 2  # every job of the two saved Greenhouse boards
    assert sources["glassdoor-uk"] + sources["indeed-uk"] == 209 + 8 + 39  # every row of the imported dataset
    assert hn_2011 > 100  # the April 2011 thread gives the trends their history
    role_rows = [r for r in body["rows"] if r["kind"] == "role"]
    assert all(r["n"] == ml for r in role_rows)

    again = demo.run(tmp_path / "demo")  # a second run replaces the demo data, never adds to it
    assert again.postings == sum(sources.values())


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
