"""`mljobs crawl` and `scrapy crawl` run as a user runs them, against the replay server."""

import contextlib
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from replay import Reply, payload

pytestmark = pytest.mark.slow  # every test runs mljobs or a crawl in a child process

REPO = Path(__file__).resolve().parent.parent
MLJOBS = str(Path(sys.executable).parent / "mljobs")
SCRAPY = str(Path(sys.executable).parent / "scrapy")
QUIET = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_BACKOFF_BASE=0.01"]


@pytest.fixture
def luno(replay):
    replay.serve("/v1/boards/luno/jobs", payload("greenhouse/luno_jobs_content_true.json"))
    return replay


def mljobs(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MLJOBS, "--data-dir", str(data_dir), *args], capture_output=True, text=True, timeout=120)


def feed_lines(data_dir: Path) -> list[dict]:
    (feed,) = (data_dir / "feeds").glob("*.jsonl")
    return [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]


def test_crawl_without_loading_writes_the_feed_and_prints_the_table(luno, tmp_path):
    done = mljobs(tmp_path, "crawl", "greenhouse", "--board", "luno", "--board", "gone", "--no-load",
                  "-s", f"GREENHOUSE_BASE_URL={luno.url}", *QUIET)
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.strip().startswith("greenhouse"))
    assert row.split()[:5] == ["greenhouse", "finished", "1", "10", "1"]
    assert "not_found 1" in row
    assert len(feed_lines(tmp_path)) == 10
    assert not (tmp_path / "mljobs.duckdb").exists()
    assert "Traceback" not in done.stderr


def test_crawl_then_load_puts_postings_in_the_database(luno, tmp_path):
    done = mljobs(tmp_path, "crawl", "greenhouse", "--board", "luno", "-s", f"GREENHOUSE_BASE_URL={luno.url}", *QUIET)
    assert done.returncode == 0, done.stderr
    with duckdb.connect(str(tmp_path / "mljobs.duckdb"), read_only=True) as con:
        (count,) = con.execute("SELECT count(*) FROM raw_postings WHERE source = 'greenhouse'").fetchone()
        (run_status,) = con.execute("SELECT status FROM crawl_runs WHERE source = 'greenhouse'").fetchone()
    assert count == 10 and run_status == "finished"


def test_unknown_source_is_one_clear_line(tmp_path):
    done = mljobs(tmp_path, "crawl", "monster")
    assert done.returncode == 2
    assert done.stderr.startswith("mljobs: unknown source monster: choose from ")
    assert "greenhouse" in done.stderr and "Traceback" not in done.stderr


def test_board_for_a_source_without_boards(tmp_path):
    done = mljobs(tmp_path, "crawl", "remoteok", "--board", "x")
    assert done.returncode == 2
    assert done.stderr.startswith("mljobs: --board applies to sources with boards (ashby, greenhouse, lever,")


def test_bad_setting_and_bad_boards_file(tmp_path):
    assert mljobs(tmp_path, "crawl", "greenhouse", "-s", "NOEQUALS").stderr == \
        "mljobs: setting 'NOEQUALS' is not KEY=VALUE\n"
    broken = tmp_path / "boards.toml"
    broken.write_text("[greenhouse\nboards = [", encoding="utf-8")
    done = mljobs(tmp_path, "crawl", "greenhouse", "-s", f"MLJOBS_BOARDS_FILE={broken}")
    assert done.returncode == 2 and done.stderr.startswith(f"mljobs: boards file {broken}:")


def test_a_crawl_where_nothing_answers_fails_loudly(replay, tmp_path):
    done = mljobs(tmp_path, "crawl", "greenhouse", "--board", "luno", "--no-load", "-s", "RETRY_TIMES=0",
                  "-s", f"GREENHOUSE_BASE_URL={replay.url}", *QUIET)
    assert done.returncode == 1
    assert "failed: no source fetched anything" in done.stderr
    assert "not_found 1" in done.stdout
    assert f"mljobs: greenhouse: HTTP 404 from {replay.url[len('http://'):]}\n" in done.stderr
    assert done.stderr.splitlines()[-1].startswith(f"mljobs: log: {tmp_path / 'logs'}/")


def test_scrapy_crawl_works_as_in_any_scrapy_project(luno, tmp_path):
    done = subprocess.run(
        [SCRAPY, "crawl", "greenhouse", "-a", "boards=luno", "-s", f"GREENHOUSE_BASE_URL={luno.url}",
         "-s", f"MLJOBS_DATA_DIR={tmp_path}", "-s", "MLJOBS_RUN_ID=20261128T031500Z-ab12", *QUIET],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(feed_lines(tmp_path)) == 10
    summary = json.loads((tmp_path / "feeds" / "20261128T031500Z-ab12.run.json").read_text(encoding="utf-8"))
    assert summary["status"] == "finished" and summary["sources"]["greenhouse"]["boards_complete"] == ["luno"]


def test_live_progress_on_a_terminal(luno, tmp_path):
    """On a terminal, stderr shows per-source progress while the crawl runs (redrawn in place)."""
    luno.fault("/v1/boards/luno/jobs", Reply(delay=1.5))  # long enough for a few redraws
    terminal, child_end = pty.openpty()
    child = subprocess.Popen([MLJOBS, "--data-dir", str(tmp_path), "crawl", "greenhouse", "--board", "luno",
                              "--no-load", "-s", f"GREENHOUSE_BASE_URL={luno.url}", *QUIET],
                             stdout=subprocess.PIPE, stderr=child_end, text=True)
    os.close(child_end)
    stdout, _ = child.communicate(timeout=120)
    shown = b""
    with contextlib.suppress(OSError):  # EIO once the child side is closed
        while chunk := os.read(terminal, 65536):
            shown += chunk
    os.close(terminal)
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode("utf-8", "replace"))
    assert "crawling" in screen and "postings" in screen
    assert re.search(r"greenhouse\s+running\s+0\s+0\s+0", screen)
    assert re.search(r"greenhouse\s+finished\s+1\s+10\s+0", screen)
    assert child.returncode == 0 and "greenhouse" in stdout


def test_a_wrong_source_setting_fails_that_source_by_name(luno, tmp_path):
    done = mljobs(tmp_path, "crawl", "greenhouse", "lever", "--board", "luno", "--no-load",
                  "-s", f"GREENHOUSE_BASE_URL={luno.url}", "-s", "LEVER_PAGE_SIZE=many", *QUIET)
    assert done.returncode == 1  # greenhouse still crawled, but lever fetched nothing: say so
    assert "mljobs: lever: a LEVER_* setting is wrong" in done.stderr
    lever = next(line for line in done.stdout.splitlines() if line.strip().startswith("lever"))
    assert lever.split()[:2] == ["lever", "failed"] and "start_failed 1" in lever
    assert "lever: a LEVER_* setting is wrong" in done.stdout and "Traceback" not in done.stderr
    assert len(feed_lines(tmp_path)) == 10
