"""The distributed crawl (`--frontier redis://...`): workers share one queue and one duplicate filter in a
real Redis (Debian's redis-server on 127.0.0.1, a free port), each writes its own feed, the loader merges them
with nothing doubled, and a worker killed mid-crawl loses nothing. Real crawls (child processes, the real
Scrapy engine, scrapy-redis's scheduler) against the local replay server."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import read_run, start_child_crawl
from mljobs.pipeline import load
from redis_server import MISSING, RedisServer, available
from replay import ReplayServer, Reply, payload

pytestmark = pytest.mark.skipif(not available(), reason=MISSING)
MLJOBS = str(Path(sys.executable).parent / "mljobs")
JOBS_PER_BOARD = 10  # the saved Luno board


@pytest.fixture
def redis_url() -> Iterator[str]:
    with RedisServer() as server:
        yield server.url


def board_body(board: int) -> bytes:
    """The saved Luno board with ids of its own, so every board's postings are distinct."""
    data = json.loads(payload("greenhouse/luno_jobs_content_true.json"))
    for number, job in enumerate(data["jobs"]):
        job["id"] = board * 1000 + number
    return json.dumps(data).encode()


def serve_boards(replay: ReplayServer, count: int, delay: float) -> list[str]:
    names = [f"b{n:02d}" for n in range(count)]
    for n, name in enumerate(names):
        body = board_body(n)
        replay.serve(f"/v1/boards/{name}/jobs", handler=lambda query, body=body: Reply(body=body, delay=delay))
    return names


def finish(child: subprocess.Popen[str], data_dir: Path):
    stdout, stderr = child.communicate(timeout=180)
    assert child.returncode == 0, stderr[-3000:]
    return read_run(data_dir, json.loads(stdout.strip().splitlines()[-1])["run_id"], stderr)


def redis_keys(url: str) -> list[bytes]:
    import redis

    return redis.Redis.from_url(url).keys("*")


def test_two_workers_share_the_queue_and_filter_and_the_loader_merges_their_feeds(replay, redis_url, tmp_path):
    names = serve_boards(replay, 16, delay=0.2)
    workers = [start_child_crawl(replay, tmp_path, ["greenhouse"], names, MLJOBS_FRONTIER=redis_url,
                                 MLJOBS_FRONTIER_POLL=0.1) for _ in range(2)]
    runs = [finish(worker, tmp_path) for worker in workers]
    for name in names:  # one duplicate filter: every board fetched once, by one worker or the other
        assert len(replay.hits(f"/v1/boards/{name}/jobs")) == 1
    ids = [{p["native_id"] for p in run.of("greenhouse")} for run in runs]
    assert all(ids) and not ids[0] & ids[1]  # both worked; no posting written twice
    assert len(ids[0] | ids[1]) == 16 * JOBS_PER_BOARD
    claimed = [set(run.source("greenhouse")["boards_complete"]) for run in runs]
    assert claimed[0] | claimed[1] == set(names) and not claimed[0] & claimed[1]
    loaded = load.load_feeds(tmp_path)
    assert (loaded.feeds, loaded.new, loaded.closed) == (2, 16 * JOBS_PER_BOARD, 0)
    assert redis_keys(redis_url) == []  # the last worker out cleared the frontier: the next crawl is fresh
    again = finish(start_child_crawl(replay, tmp_path, ["greenhouse"], names, MLJOBS_FRONTIER=redis_url),
                   tmp_path)
    assert len(again.of("greenhouse")) == 16 * JOBS_PER_BOARD


def test_a_worker_killed_mid_crawl_loses_nothing(replay, redis_url, tmp_path):
    names = serve_boards(replay, 8, delay=1.0)
    first = start_child_crawl(replay, tmp_path, ["greenhouse"], names, MLJOBS_FRONTIER=redis_url,
                              MLJOBS_FRONTIER_TTL=2, MLJOBS_FRONTIER_POLL=0.2)
    deadline = time.monotonic() + 60
    while len([s for s in replay.requests if s.path.startswith("/v1/boards/")]) < 2:
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)  # two boards in flight, leased to it, answers not yet sent
    first.wait()
    second = finish(start_child_crawl(replay, tmp_path, ["greenhouse"], names, MLJOBS_FRONTIER=redis_url,
                                      MLJOBS_FRONTIER_TTL=2, MLJOBS_FRONTIER_POLL=0.2), tmp_path)
    assert second.source("greenhouse")["retries"].get("frontier_recovered", 0) >= 2
    assert len(second.of("greenhouse")) == 8 * JOBS_PER_BOARD  # the dead worker's boards were fetched again
    assert sorted(second.source("greenhouse")["boards_complete"]) == names
    loaded = load.load_feeds(tmp_path)
    assert loaded.new == 8 * JOBS_PER_BOARD and loaded.closed == 0
    assert redis_keys(redis_url) == []


def test_a_board_another_worker_fetched_part_of_is_not_claimed_complete(replay, redis_url, tmp_path):
    """A board whose pages were shared between workers: this worker's feed does not hold all its postings, so
    its run may not let the loader close postings of it. (A paged board's next page is nearly always taken by
    the worker that queued it, so the other worker's share is set up in Redis as it would have noted it.)"""
    import redis

    replay.serve("/v1/boards/luno/jobs", payload("greenhouse/luno_jobs_content_true.json"))
    replay.serve("/v1/boards/stripe/jobs", payload("greenhouse/stripe_jobs_content_true_trimmed.json"))
    redis.Redis.from_url(redis_url).hset("mljobs:greenhouse:boards", "luno", "20261206T000000Z-othr")
    run = finish(start_child_crawl(replay, tmp_path, ["greenhouse"], ["luno", "stripe"],
                                   MLJOBS_FRONTIER=redis_url), tmp_path)
    assert run.source("greenhouse")["boards_complete"] == ["stripe"]
    assert len(run.of("greenhouse", "luno")) == JOBS_PER_BOARD  # written, just not claimed complete


def test_a_plain_crawl_touches_no_redis(replay, redis_url, crawl):
    replay.serve("/v1/boards/luno/jobs", payload("greenhouse/luno_jobs_content_true.json"))
    result = crawl(["greenhouse"], ["luno"])
    assert len(result.of("greenhouse")) == JOBS_PER_BOARD and redis_keys(redis_url) == []


@pytest.mark.parametrize(("frontier", "message"), [
    ("http://127.0.0.1:1/0", "--frontier 'http://127.0.0.1:1/0' is not a Redis URL like redis://host:6379/0"),
    ("redis://127.0.0.1:1/0", "cannot reach the frontier at 127.0.0.1:1"),
])
def test_cli_a_bad_or_unreachable_frontier_is_one_line(frontier, message, tmp_path):
    done = subprocess.run([MLJOBS, "--data-dir", str(tmp_path), "crawl", "greenhouse", "--frontier", frontier],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.startswith(f"mljobs: {message}")
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_worker_out_of_work_waits_for_a_busy_peer_before_clearing_the_filter(replay, redis_url, tmp_path):
    """A worker may run out of work while a peer is still queueing its start requests (all duplicates): it must
    not take that moment for the end and clear the duplicate filter under the peer (seen in the benchmark:
    boards fetched twice). The busy peer is one registered in Redis, alive, not idle."""
    import redis

    server = redis.Redis.from_url(redis_url)
    server.sadd("mljobs:greenhouse:workers", "peer")
    server.set("mljobs:greenhouse:alive:peer", b"1", px=120_000)
    names = serve_boards(replay, 4, delay=0.0)
    worker = start_child_crawl(replay, tmp_path, ["greenhouse"], names, MLJOBS_FRONTIER=redis_url,
                               MLJOBS_FRONTIER_POLL=0.1)
    deadline = time.monotonic() + 60
    while len(replay.requests) < 4:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.5)
    assert worker.poll() is None  # every board done, but the peer is busy: it waits
    assert server.scard("mljobs:greenhouse:dupefilter") == 4  # and the filter is still there for the peer
    server.delete("mljobs:greenhouse:alive:peer")  # the peer dies with nothing leased
    run = finish(worker, tmp_path)
    assert len(run.of("greenhouse")) == 4 * JOBS_PER_BOARD
    assert [len(replay.hits(f"/v1/boards/{name}/jobs")) for name in names] == [1] * 4
    assert redis_keys(redis_url) == []  # the last one out cleared the crawl


def test_a_worker_stopped_with_ctrl_c_hands_its_requests_back_and_the_next_resumes(replay, redis_url, tmp_path):
    import redis

    names = serve_boards(replay, 6, delay=1.5)
    first = start_child_crawl(replay, tmp_path, ["greenhouse"], names, MLJOBS_FRONTIER=redis_url)
    deadline = time.monotonic() + 60
    while len([s for s in replay.requests if s.path.startswith("/v1/boards/")]) < 2:
        assert time.monotonic() < deadline and first.poll() is None
        time.sleep(0.05)
    first.send_signal(signal.SIGINT)  # Scrapy's graceful shutdown: the worker closes with reason "shutdown"
    stopped = finish(first, tmp_path)
    assert stopped.source("greenhouse")["status"] == "stopped"
    server = redis.Redis.from_url(redis_url)
    assert server.llen("mljobs:greenhouse:requests") >= 6 - len(stopped.of("greenhouse")) // JOBS_PER_BOARD
    assert not server.keys("mljobs:greenhouse:lease:*")  # nothing left leased to the stopped worker
    resumed = finish(start_child_crawl(replay, tmp_path, ["greenhouse"], names, MLJOBS_FRONTIER=redis_url),
                     tmp_path)
    ids = {p["native_id"] for p in stopped.of("greenhouse")} | {p["native_id"] for p in resumed.of("greenhouse")}
    assert len(ids) == 6 * JOBS_PER_BOARD
    assert load.load_feeds(tmp_path).new == 6 * JOBS_PER_BOARD
    assert redis_keys(redis_url) == []


def test_requests_that_fail_for_good_do_not_keep_workers_waiting(replay, redis_url, tmp_path):
    """A download that fails after its retries reaches no callback, so nothing releases its lease; idle workers
    holding such leases must still end (they waited for each other forever before)."""
    names = serve_boards(replay, 4, delay=0.0)
    replay.serve("/v1/boards/slow/jobs", handler=lambda query: Reply(body=b"{}", delay=3))
    workers = [start_child_crawl(replay, tmp_path, ["greenhouse"], [*names, "slow"], MLJOBS_FRONTIER=redis_url,
                                 MLJOBS_FRONTIER_POLL=0.1, RETRY_TIMES=0, DOWNLOAD_TIMEOUT=1) for _ in range(2)]
    runs = [finish(worker, tmp_path) for worker in workers]
    reasons = [run.source("greenhouse")["error_reasons"] for run in runs]
    assert sum(r.get("timeout", 0) for r in reasons) == 1, reasons
    assert sum(len(run.of("greenhouse")) for run in runs) == 4 * JOBS_PER_BOARD
    assert redis_keys(redis_url) == []
