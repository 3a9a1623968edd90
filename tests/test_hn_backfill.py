"""`mljobs crawl hn --since YYYY-MM`: every monthly thread, incremental (a month an ended run read whole after
it was over is not fetched again), resumable, with a line of progress per thread. Real crawls (child
process, real Scrapy engine) of real Who-is-hiring comments (tests/fixtures/payloads/hn/backfill) replayed
at Algolia's paths."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from mljobs.crawlers import hn_history
from replay import ReplayServer, payload, payload_json

MLJOBS = str(Path(sys.executable).parent / "mljobs")
THREADS = {"2013-08": 6139927, "2013-09": 6310234, "2013-10": 6475879}
PER_THREAD = 12


@pytest.fixture
def archive(replay: ReplayServer) -> ReplayServer:
    replay.serve("/api/v1/search_by_date", payload("hn/backfill/search_by_date_2013-08_to_2013-10.json"))
    for month, thread in THREADS.items():
        replay.serve(f"/api/v1/items/{thread}", payload(f"hn/backfill/items_{thread}_{month}.json"))
    return replay


def trees_fetched(replay: ReplayServer) -> list[str]:
    return sorted(seen.path.rsplit("/", 1)[1] for seen in replay.requests if seen.path.startswith("/api/v1/items/"))


def write_run(feeds: Path, run_id: str, started_at: str, months: list[str]) -> None:
    feeds.mkdir(parents=True, exist_ok=True)
    run = {"run_id": run_id, "started_at": started_at, "finished_at": started_at, "status": "finished",
           "sources": {"hn": {"pages": 1, "postings": 1, "errors": 0, "status": "finished",
                              "boards_complete": months}}}
    (feeds / f"{run_id}.run.json").write_text(json.dumps(run), encoding="utf-8")


def test_backfill_reads_every_month_whole_with_a_line_per_thread(archive, crawl):
    run = crawl(["hn"], HN_SINCE="2013-08", HN_UNTIL="2013-10", HN_PROGRESS=True)
    assert len(run.of("hn")) == 3 * PER_THREAD
    assert {p["board"] for p in run.of("hn")} == set(THREADS)
    assert run.source("hn")["boards_complete"] == sorted(THREADS)
    progress = [line for line in run.stderr.splitlines() if line.startswith("hn ")]
    assert len(progress) == 3 and all(f"{PER_THREAD} comments read" in line for line in progress)
    assert sorted(line.split()[-4] for line in progress) == ["(1", "(2", "(3"]  # "(2 of 3 months)"


def test_a_second_backfill_fetches_no_complete_month_and_refetch_fetches_all(archive, crawl):
    crawl(["hn"], HN_SINCE="2013-08", HN_UNTIL="2013-10")
    archive.requests.clear()
    again = crawl(["hn"], HN_SINCE="2013-08", HN_UNTIL="2013-10")
    assert trees_fetched(archive) == [] and again.of("hn") == []
    assert again.skipped("hn")["already_complete"] == 3
    assert again.source("hn")["errors"] == 0
    archive.requests.clear()
    forced = crawl(["hn"], HN_SINCE="2013-08", HN_UNTIL="2013-10", HN_REFETCH=True)
    assert len(trees_fetched(archive)) == 3 and len(forced.of("hn")) == 3 * PER_THREAD


def test_only_months_read_after_they_were_over_count_as_complete(archive, crawl, tmp_path):
    feeds = tmp_path / "feeds"
    write_run(feeds, "20130915T000000Z-0001", "2013-09-15T00:00:00+00:00", ["2013-09"])  # mid-month: may grow
    write_run(feeds, "20131102T000000Z-0002", "2013-11-02T00:00:00+00:00", ["2013-10"])  # after: complete
    (feeds / "20131201T000000Z-0003.running.json").write_text(json.dumps(  # killed: proves nothing
        {"started_at": "2013-12-01T00:00:00+00:00", "sources": {"hn": {"boards_complete": ["2013-08"]}}}))
    assert hn_history.complete_months(feeds) == {"2013-10"}
    run = crawl(["hn"], HN_SINCE="2013-08", HN_UNTIL="2013-10")
    assert trees_fetched(archive) == [str(THREADS["2013-08"]), str(THREADS["2013-09"])]
    assert run.skipped("hn")["already_complete"] == 1


def test_a_stopped_run_resumes_where_it_stopped(tmp_path):
    feeds = tmp_path / "feeds"
    run = {"run_id": "r", "started_at": "2026-01-05T00:00:00+00:00", "status": "partial",
           "sources": {"hn": {"status": "stopped", "boards_complete": ["2013-08", "2013-09"]}}}
    feeds.mkdir()
    (feeds / "r.run.json").write_text(json.dumps(run), encoding="utf-8")
    (feeds / "bad.run.json").write_text("{half", encoding="utf-8")
    assert hn_history.complete_months(feeds) == {"2013-08", "2013-09"}  # Ctrl-C: its whole threads count


def test_months_between() -> None:
    assert hn_history.months_between("2011-11", "2012-02") == ["2011-11", "2011-12", "2012-01", "2012-02"]
    assert hn_history.months_between("2012-02", "2012-01") == []


def test_cli_since_backfills_hn_with_progress_on_stderr(archive, tmp_path):
    done = subprocess.run([MLJOBS, "--data-dir", str(tmp_path), "crawl", "hn", "--since", "2013-08", "--no-load",
                           "-s", "HN_UNTIL=2013-10", "-s", f"HN_ALGOLIA_BASE_URL={archive.url}",
                           "-s", "AUTOTHROTTLE_ENABLED=0"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sum(line.startswith("hn 2013-") for line in done.stderr.splitlines()) == 3
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["hn", "--since", "2013-13"], "--since='2013-13' is not a month like 2011-04"),
    (["lever", "--since", "2013-08"], "--since backfills the hn source only, not lever"),
])
def test_cli_since_refuses_bad_input_in_one_line(args, message, tmp_path):
    done = subprocess.run([MLJOBS, "--data-dir", str(tmp_path), "crawl", *args], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and done.stderr.strip() == f"mljobs: {message}"


def test_fixture_trees_are_real_archive_comments() -> None:
    tree = payload_json("hn/backfill/items_6139927_2013-08.json")
    assert isinstance(tree, dict) and len(tree["children"]) == PER_THREAD
