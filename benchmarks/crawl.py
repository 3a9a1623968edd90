"""Crawl benchmark: postings/s of the real greenhouse spider (with the project's middlewares, flushed feed,
run summary) beside a bare Scrapy spider that only decodes the same JSON and writes the same feed lines
with Scrapy's own JSON-lines export. Politeness off for both (no robots.txt, no AutoThrottle, 16 at once).

    .venv/bin/python benchmarks/crawl.py [--pages 500] [--repeat 3]

A local aiohttp server (its own process) answers every /v1/boards/{slug}/jobs with one board of 20
greenhouse-shaped postings of ~4 KB each. Each crawl runs in its own process (a Twisted reactor runs once
per process), so "peak MB" is that crawl's maximum resident memory. Medians over --repeat runs, the two
kinds alternating.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

JOBS_PER_PAGE = 20
DESCRIPTION_BYTES = 4000
PARAGRAPH = ("&lt;p&gt;You will train and deploy machine learning models in PyTorch on Kubernetes, build "
             "evaluation pipelines in Python and SQL, and work with researchers on inference latency.&lt;/p&gt;")


def board_body() -> bytes:
    """One board: 20 jobs shaped like the saved Greenhouse payloads, ~4 KB of escaped HTML each."""
    content = (PARAGRAPH * (DESCRIPTION_BYTES // len(PARAGRAPH) + 1))[:DESCRIPTION_BYTES]
    jobs = [{
        "id": 7000000 + n, "internal_job_id": 3000000 + n, "title": f"Machine Learning Engineer {n}",
        "absolute_url": f"https://job-boards.greenhouse.io/bench/jobs/{7000000 + n}",
        "location": {"name": "New York City, NY; San Francisco, CA"}, "company_name": "Bench",
        "first_published": "2026-05-19T05:34:15-04:00", "updated_at": "2026-07-27T10:34:32-04:00",
        "metadata": None, "content": content, "departments": [{"id": 1, "name": "Engineering"}],
        "offices": [{"id": 2, "name": "New York"}],
    } for n in range(JOBS_PER_PAGE)]
    return json.dumps({"jobs": jobs, "meta": {"total": JOBS_PER_PAGE}}).encode()


def serve(latency: float = 0.0) -> None:
    """The board server: prints its port, then serves until killed, each answer after `latency` seconds."""
    import asyncio

    from aiohttp import web

    body = board_body()

    async def board(request: web.Request) -> web.Response:
        if latency:
            await asyncio.sleep(latency)
        return web.Response(body=body, content_type="application/json")

    async def main() -> None:
        app = web.Application()
        app.router.add_get("/v1/boards/{slug}/jobs", board)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        print(site._server.sockets[0].getsockname()[1], flush=True)  # type: ignore[union-attr]
        await asyncio.Event().wait()

    asyncio.run(main())


FAST = {"ROBOTSTXT_OBEY": False, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False}


def crawl_mljobs(url: str, pages: int, out: Path) -> dict[str, Any]:
    from mljobs.crawlers.run import project_settings
    from scrapy.crawler import CrawlerProcess

    settings = project_settings({**FAST, "GREENHOUSE_BASE_URL": url, "MLJOBS_DATA_DIR": str(out),
                                 "MLJOBS_RUN_ID": "bench"})
    process = CrawlerProcess(settings)
    crawler = process.create_crawler("greenhouse")  # by name: its class is made of sources.toml
    process.crawl(crawler, boards=",".join(f"b{n}" for n in range(pages)))
    process.start()
    return crawler.stats.get_stats() if crawler.stats else {}


def crawl_bare(url: str, pages: int, out: Path) -> dict[str, Any]:
    from datetime import UTC, datetime

    import scrapy
    from scrapy.crawler import CrawlerProcess

    class BareSpider(scrapy.Spider):
        name = "bare"

        async def start(self):  # type: ignore[no-untyped-def]
            for n in range(pages):
                yield scrapy.Request(f"{url}/v1/boards/b{n}/jobs?content=true", cb_kwargs={"board": f"b{n}"})

        def parse(self, response, board):  # type: ignore[no-untyped-def]
            fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
            for job in json.loads(response.body)["jobs"]:
                yield {"source": "bare", "native_id": str(job["id"]), "board": board, "url": job["absolute_url"],
                       "title": job["title"], "company": job["company_name"], "location": job["location"]["name"],
                       "remote": None, "posted_at": job["first_published"], "description": job["content"],
                       "salary": None, "level": None, "raw": job, "fetched_at": fetched_at, "run_id": "bench"}

    feed = out / "bare.jsonl"
    process = CrawlerProcess({**FAST, "FEEDS": {str(feed): {"format": "jsonlines", "encoding": "utf8"}}})
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    process.start()
    return crawler.stats.get_stats() if crawler.stats else {}


def child(kind: str, url: str, pages: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        stats = (crawl_mljobs if kind == "mljobs" else crawl_bare)(url, pages, Path(scratch))
        lines = sum(1 for path in Path(scratch).rglob("*.jsonl") for _ in path.open(encoding="utf-8"))
    print(json.dumps({
        "seconds": stats["elapsed_time_seconds"], "postings": stats.get("item_scraped_count", 0),
        "pages": stats.get("response_received_count", 0), "lines": lines,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


def server_ceiling(url: str, pages: int) -> float:
    """Pages/s a raw aiohttp client gets from the same server: shows the server is not the bottleneck."""
    import asyncio

    import aiohttp

    async def fetch_all() -> float:
        gate = asyncio.Semaphore(16)
        async with aiohttp.ClientSession() as session:
            async def one(n: int) -> None:
                async with gate, session.get(f"{url}/v1/boards/b{n}/jobs") as response:
                    await response.read()

            started = time.monotonic()
            await asyncio.gather(*(one(n) for n in range(pages)))
            return pages / (time.monotonic() - started)

    return asyncio.run(fetch_all())


def measure(kind: str, url: str, pages: int) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", kind, "--url", url, "--pages", str(pages)],
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["postings"] == result["lines"] == pages * JOBS_PER_PAGE, result  # nothing lost
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["mljobs", "bare"])
    parser.add_argument("--url")
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args()
    if args.serve:
        return serve()
    if args.child:
        return child(args.child, args.url, args.pages)

    server = subprocess.Popen([sys.executable, __file__, "--serve"], stdout=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{server.stdout.readline().strip()}"  # type: ignore[union-attr]
        runs: dict[str, list[dict[str, Any]]] = {"bare": [], "mljobs": []}
        started = time.monotonic()
        ceiling = server_ceiling(url, args.pages)
        for _ in range(args.repeat):
            for kind in runs:
                runs[kind].append(measure(kind, url, args.pages))
    finally:
        server.kill()
    rates = {kind: statistics.median(r["postings"] / r["seconds"] for r in results) for kind, results in runs.items()}
    print(f"{args.pages} pages x {JOBS_PER_PAGE} postings (~{DESCRIPTION_BYTES // 1000} KB each), "
          f"median of {args.repeat}, {time.monotonic() - started:.0f} s in all")
    print(f"{'crawler':<34}{'pages/s':>10}{'postings/s':>12}{'peak MB':>10}{'vs bare':>9}")
    for kind, label in (("bare", "bare Scrapy spider + JSON-lines feed"), ("mljobs", "mljobs greenhouse spider")):
        peak = max(r["peak_mb"] for r in runs[kind])
        print(f"{label:<34}{rates[kind] / JOBS_PER_PAGE:>10,.0f}{rates[kind]:>12,.0f}{peak:>10,.0f}"
              f"{rates[kind] / rates['bare']:>9.2f}")
    print(f"{'server ceiling (raw aiohttp client)':<34}{ceiling:>10,.0f}{ceiling * JOBS_PER_PAGE:>12,.0f}")


if __name__ == "__main__":
    main()
