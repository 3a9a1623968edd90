"""Distributed crawl benchmark: 1 vs 2 worker processes sharing a Redis frontier (`--frontier`), beside the
plain single-process crawl, on a local board server; postings/s and what Redis costs per request.

    .venv/bin/python benchmarks/distributed.py [--pages 200] [--latency 0.2] [--concurrency 2] [--repeat 3]

The board server (crawl.py's, its own process) answers every /v1/boards/{slug}/jobs with 20 greenhouse-shaped
postings of ~4 KB, after `--latency` seconds (a real API across the internet answers in 0.1–0.5 s) and at once
(0: the machine's CPU is the limit). Redis is Debian's redis-server on 127.0.0.1 (tests/redis_server.py).
Every worker is the real greenhouse spider with the project's middlewares and feed, in its own process, with
the project's politeness of 2 requests at once per source (--concurrency; robots.txt and AutoThrottle off).
postings/s = all postings over the span from the first worker's start to the last one's end. Redis per
request: calls from Redis's own command counts, and the time the worker spent in the frontier's Redis calls
(scheduler, leases, board notes, heartbeats), measured in the worker, over its requests. Medians of --repeat.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from crawl import FAST, JOBS_PER_PAGE, serve  # noqa: E402
from redis_server import MISSING, RedisServer, available  # noqa: E402

REDIS_TIME = [0.0]
ROUND_TRIPS = [0]


def timed(cls: type, name: str) -> None:
    """Add the time spent in `cls.name` to REDIS_TIME."""
    original = getattr(cls, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            REDIS_TIME[0] += time.perf_counter() - started

    setattr(cls, name, wrapper)


def worker(url: str, pages: int, frontier: str | None, out: str, concurrency: int) -> None:
    """One crawl process; prints its start, end, postings, requests and seconds in Redis calls."""
    from mljobs.crawlers.run import project_settings
    from scrapy.crawler import CrawlerProcess

    overrides: dict[str, Any] = {**FAST, "GREENHOUSE_BASE_URL": url, "MLJOBS_DATA_DIR": out,
                                 "CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency}
    if frontier:
        from mljobs.crawlers.frontier import FrontierScheduler, frontier_settings

        overrides.update(frontier_settings(frontier))
        # (not idle(): a signal handler, whose arguments Scrapy matches by name)
        for name in ("enqueue_request", "next_request", "has_pending_requests", "release", "done", "tick",
                     "open", "close"):
            timed(FrontierScheduler, name)
        import redis

        send = redis.Redis.execute_command

        def counted(self: Any, *args: Any, **options: Any) -> Any:
            ROUND_TRIPS[0] += 1
            return send(self, *args, **options)

        redis.Redis.execute_command = counted  # type: ignore[method-assign]
    from mljobs.crawlers.identity import new_run_id

    overrides["MLJOBS_RUN_ID"] = new_run_id()
    process = CrawlerProcess(project_settings(overrides))
    crawler = process.create_crawler("greenhouse")  # by name: its class is made of sources.toml
    process.crawl(crawler, boards=",".join(f"b{n}" for n in range(pages)))
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    print(json.dumps({"start": stats["start_time"].timestamp(), "end": stats["finish_time"].timestamp(),
                      "postings": stats.get("item_scraped_count", 0),
                      "requests": stats.get("response_received_count", 0), "redis_seconds": REDIS_TIME[0],
                      "round_trips": ROUND_TRIPS[0]}))


def run(url: str, pages: int, workers: int, frontier: str | None, concurrency: int) -> dict[str, Any]:
    """`workers` crawl processes at once; the postings/s over their joint span."""
    with tempfile.TemporaryDirectory() as out:
        children = [subprocess.Popen([sys.executable, __file__, "--worker", "--url", url, "--pages", str(pages),
                                      "--out", out, "--concurrency", str(concurrency),
                                      *(["--frontier", frontier] if frontier else [])],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                    for _ in range(workers)]
        results = []
        for child in children:
            stdout, stderr = child.communicate(timeout=900)
            if child.returncode:
                raise SystemExit(f"a worker failed: {stderr.strip().splitlines()[-1:]}")
            results.append(json.loads(stdout.strip().splitlines()[-1]))
    postings = sum(r["postings"] for r in results)
    assert postings == pages * JOBS_PER_PAGE, (postings, results)  # every board once, by one worker
    span = max(r["end"] for r in results) - min(r["start"] for r in results)
    return {"seconds": span, "postings": postings, "requests": sum(r["requests"] for r in results),
            "shares": sorted(r["postings"] for r in results),
            "redis_seconds": sum(r["redis_seconds"] for r in results),
            "round_trips": sum(r["round_trips"] for r in results)}


def redis_calls(url: str) -> int:
    import redis

    stats = redis.Redis.from_url(url).info("commandstats")
    return sum(int(entry["calls"]) for name, entry in stats.items() if not name.endswith(("info", "config")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--serve", type=float, default=None)
    parser.add_argument("--url")
    parser.add_argument("--frontier")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.serve is not None:
        return serve(args.serve)
    if args.worker:
        return worker(args.url, args.pages, args.frontier, args.out, args.concurrency)
    if not available():
        raise SystemExit(f"distributed benchmark: {MISSING}")

    rows = []
    calls_per_request: list[float] = []
    redis_ms_per_request: list[float] = []
    trips_per_request: list[float] = []
    started = time.monotonic()
    with RedisServer() as redis_server:
        for latency in (0.0, args.latency):
            server = subprocess.Popen([sys.executable, __file__, "--serve", str(latency)], stdout=subprocess.PIPE,
                                      text=True)
            try:
                url = f"http://127.0.0.1:{server.stdout.readline().strip()}"  # type: ignore[union-attr]
                for label, workers, frontier in (("plain crawl, no Redis", 1, None),
                                                 ("frontier, 1 worker", 1, redis_server.url),
                                                 ("frontier, 2 workers", 2, redis_server.url)):
                    measured = []
                    for _ in range(args.repeat):
                        before = redis_calls(redis_server.url)
                        result = run(url, args.pages, workers, frontier, args.concurrency)
                        if frontier:
                            calls_per_request.append((redis_calls(redis_server.url) - before) / result["requests"])
                            redis_ms_per_request.append(result["redis_seconds"] * 1000 / result["requests"])
                            trips_per_request.append(result["round_trips"] / result["requests"])
                        measured.append(result)
                    seconds = statistics.median(r["seconds"] for r in measured)
                    rows.append((latency, label, workers, seconds, args.pages * JOBS_PER_PAGE / seconds,
                                 measured[-1]["shares"]))
            finally:
                server.kill()
                server.wait()

    print(f"{args.pages} boards x {JOBS_PER_PAGE} postings (~4 KB each), {args.concurrency} requests at once "
          f"per worker, "
          f"median of {args.repeat}, {time.monotonic() - started:.0f} s in all, on {_cores()} cores")
    print(f"{'latency':>8}  {'crawl':<24}{'seconds':>9}{'postings/s':>12}{'vs 1 worker':>13}  postings per worker")
    for latency in (0.0, args.latency):
        group = [row for row in rows if row[0] == latency]
        single = next(row for row in group if row[1] == "frontier, 1 worker")
        for _, label, _, seconds, rate, shares in group:
            print(f"{latency:>7.2f}s  {label:<24}{seconds:>9.2f}{rate:>12,.0f}{rate / single[4]:>13.2f}  "
                  f"{' + '.join(f'{s:,}' for s in shares)}")
    print(f"Redis per request: {statistics.median(trips_per_request):.1f} round trips from the worker "
          f"({statistics.median(calls_per_request):.1f} commands, counting those inside the Lua scripts), "
          f"{statistics.median(redis_ms_per_request):.2f} ms of the worker's time in them; "
          f"one round trip alone: {_round_trip_ms():.3f} ms (median over the frontier runs; Redis on this machine)")


def _round_trip_ms() -> float:
    import redis

    with RedisServer() as server:
        client = redis.Redis.from_url(server.url)
        client.ping()
        started = time.perf_counter()
        for _ in range(2000):
            client.ping()
        return (time.perf_counter() - started) / 2000 * 1000


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    main()
