"""Store benchmark: load N raw postings from a JSON Lines feed with the real loader (then the same postings
again, as a re-crawl merges them), beside DuckDB's own ingest of the same rows from Parquet and from an Arrow
table, then derived-fact speed on a sample.

    .venv/bin/python benchmarks/store.py [--rows 1000000] [--derive-rows 2000] [--keep DIR]

Each measurement runs in its own process, so "peak MB" is that process's maximum resident memory.
Postings are synthetic with realistic sizes: ~1 KB HTML description, ~0.6 KB raw payload, short fields.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from mljobs.pipeline import db, derive, load

from mljobs import paths

BATCH = 50_000
WORDS = ("model training pipelines pytorch kubernetes python sql data platform inference latency "
         "experimentation statistics feature store evaluation deployment monitoring research team "
         "customers product roadmap ownership mentoring distributed systems gpu clusters").split()
TITLES = ["Machine Learning Engineer", "Senior Data Scientist", "Research Scientist, LLMs",
          "MLOps Engineer", "Computer Vision Engineer", "Data Analyst", "Backend Engineer"]
FETCHED = datetime(2026, 11, 20, 10, tzinfo=UTC)


def posting(i: int) -> dict:
    words = " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(120))
    description = (f"<h2>About the role</h2><p>{words[:420]}</p><ul><li>{words[420:620]}</li>"
                   f"<li>{words[620:820]}</li></ul><p>Req {i}. {words[:150]}</p>")
    board = f"company{i % 5000}"
    raw = {"id": i, "absolute_url": f"https://boards.example.com/{board}/jobs/{i}",
           "updated_at": "2026-11-19T08:00:00-05:00", "requisition_id": f"R{i:07d}",
           "metadata": [{"id": 1, "name": "Employment type", "value": "Full-time"}],
           "departments": [{"id": i % 97, "name": "Engineering", "child_ids": [1, 2, 3]}],
           "offices": [{"id": i % 31, "name": "Remote - US", "location": "United States"}],
           "language": "en", "internal_job_id": i * 3, "first_published": "2026-10-01T09:00:00-04:00"}
    return {"source": ("greenhouse", "lever", "ashby", "remoteok")[i % 4], "native_id": str(i), "board": board,
            "url": raw["absolute_url"], "title": TITLES[i % len(TITLES)], "company": f"Company {i % 5000}",
            "location": ("San Francisco, CA", "Remote - US", "London, UK", "Berlin")[i % 4],
            "remote": i % 3 == 0, "posted_at": (FETCHED - timedelta(days=i % 60)).isoformat(),
            "description": description,
            "salary": {"pay_input_ranges": [{"min_cents": 15_000_000, "max_cents": 21_000_000,
                                             "currency_type": "USD"}]} if i % 5 == 0 else None,
            "level": None, "raw": raw, "fetched_at": FETCHED.isoformat(), "run_id": "bench"}


JSON_INSERT = """
INSERT INTO raw_postings
SELECT source, native_id, board, url, title, company, location, remote,
       posted_at::TIMESTAMPTZ AT TIME ZONE 'UTC', description, salary, level, raw, NULL,
       fetched_at::TIMESTAMPTZ AT TIME ZONE 'UTC', fetched_at::TIMESTAMPTZ AT TIME ZONE 'UTC', NULL, run_id
FROM read_json($path, format = 'newline_delimited', columns = {
    source: 'VARCHAR', native_id: 'VARCHAR', board: 'VARCHAR', url: 'VARCHAR', title: 'VARCHAR',
    company: 'VARCHAR', location: 'VARCHAR', remote: 'BOOLEAN', posted_at: 'VARCHAR', description: 'VARCHAR',
    salary: 'JSON', level: 'VARCHAR', raw: 'JSON', fetched_at: 'VARCHAR', run_id: 'VARCHAR'})
"""


def generate(rows: int, work: Path) -> tuple[Path, Path]:
    """The feed (JSON Lines) and the same rows, typed as raw_postings columns, in Parquet."""
    feed = paths.feeds(paths.data_dir(work / "feed-load")) / "bench.jsonl"
    parquet = work / "postings.parquet"
    writer = None
    with feed.open("w", encoding="utf-8") as out:
        for start in range(0, rows, BATCH):
            batch = [posting(i) for i in range(start, min(start + BATCH, rows))]
            out.write("".join(json.dumps(p) + "\n" for p in batch))
            table = pa.table({
                "source": [p["source"] for p in batch], "native_id": [p["native_id"] for p in batch],
                "board": [p["board"] for p in batch], "url": [p["url"] for p in batch],
                "title": [p["title"] for p in batch], "company": [p["company"] for p in batch],
                "location": [p["location"] for p in batch], "remote": [p["remote"] for p in batch],
                "posted_at": pa.array([datetime.fromisoformat(p["posted_at"]).replace(tzinfo=None) for p in batch]),
                "description": [p["description"] for p in batch],
                "salary": [json.dumps(p["salary"]) if p["salary"] else None for p in batch],
                "level": [p["level"] for p in batch], "raw": [json.dumps(p["raw"]) for p in batch],
                "content_hash": [f"{i:032x}" for i in range(start, start + len(batch))],
                "first_seen": pa.array([FETCHED.replace(tzinfo=None)] * len(batch)),
                "last_seen": pa.array([FETCHED.replace(tzinfo=None)] * len(batch)),
                "closed_at": pa.nulls(len(batch), pa.timestamp("us")),
                "run_id": ["bench"] * len(batch),
            })
            writer = writer or pq.ParquetWriter(parquet, table.schema)
            writer.write_table(table)
    writer.close()
    run = {"run_id": "bench", "started_at": FETCHED.isoformat(), "finished_at": FETCHED.isoformat(),
           "status": "finished", "sources": {}}  # a finished crawl, as the loader usually meets it
    feed.with_name("bench.run.json").write_text(json.dumps(run))
    return feed, parquet


def measure(variant: str, work: Path, rows: int, derive_rows: int) -> dict:
    """Runs inside a child process: one measurement, returned with this process's peak memory."""
    started, cpu_started = time.perf_counter(), _cpu()
    if variant == "feed":
        result = load.load_feeds(work / "feed-load")
        assert result.postings == result.new == rows, result
    elif variant == "recrawl":  # the same postings again in a second finished feed: staged and merged
        feeds = paths.feeds(work / "feed-load")
        os.link(feeds / "bench.jsonl", feeds / "recrawl.jsonl")
        shutil.copy(feeds / "bench.run.json", feeds / "recrawl.run.json")
        started, cpu_started = time.perf_counter(), _cpu()
        result = load.load_feeds(work / "feed-load")
        assert result.postings == rows and result.new == 0, result
    elif variant in ("parquet", "arrow"):
        con = db.connect(work / f"{variant}.duckdb")
        if variant == "arrow":
            table = pq.read_table(work / "postings.parquet")  # client-side table, built before timing
            started, cpu_started = time.perf_counter(), _cpu()
            con.register("postings", table)
            con.execute("INSERT INTO raw_postings SELECT * FROM postings")
        else:
            con.execute("INSERT INTO raw_postings SELECT * FROM read_parquet($path)",
                        {"path": str(work / "postings.parquet")})
        con.close()
    elif variant == "json":  # DuckDB's own JSON reader over the same feed, typed, no checks or hashing
        con = db.connect(work / "json.duckdb")
        con.execute(JSON_INSERT, {"path": str(paths.feeds(work / "feed-load") / "bench.jsonl")})
        con.close()
    else:  # derive-1 / derive-2: extraction over a sample, in one or two processes
        data_dir = work / "derive"
        if variant == "derive-1":
            load.load_feeds(data_dir)
            started, cpu_started = time.perf_counter(), _cpu()
            result = derive.derive_pending(data_dir, workers=1)
        else:
            result = derive.rebuild(data_dir, workers=2)
        rows = result.postings
    seconds = time.perf_counter() - started
    return {"variant": variant, "rows": rows, "seconds": seconds, "cpu": _cpu() - cpu_started,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _cpu() -> float:
    """CPU seconds of this process and its finished children: steadier than wall time on a shared machine."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def child(variant: str, work: Path, rows: int, derive_rows: int) -> dict:
    run = subprocess.run([sys.executable, __file__, "--child", variant, "--work", str(work), "--rows", str(rows),
                          "--derive-rows", str(derive_rows)], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--derive-rows", type=int, default=2_000)
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.work, args.rows, args.derive_rows)))
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="mljobs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        feed, parquet = generate(args.rows, work)
        print(f"generated {args.rows:,} postings in {time.perf_counter() - started:.0f} s: feed "
              f"{feed.stat().st_size / 1e6:,.0f} MB, parquet {parquet.stat().st_size / 1e6:,.0f} MB", file=sys.stderr)
        sample = paths.feeds(paths.data_dir(work / "derive")) / "sample.jsonl"
        with feed.open("rb") as source, sample.open("wb") as out:
            for _ in range(args.derive_rows):
                out.write(source.readline())
        results = [child(v, work, args.rows, args.derive_rows) for v in ("parquet", "arrow", "json", "feed")]
        sizes = {v: (work / f"{v}.duckdb").stat().st_size for v in ("parquet", "arrow", "json")}
        sizes["feed"] = paths.database(work / "feed-load").stat().st_size
        results += [child(v, work, args.rows, args.derive_rows) for v in ("recrawl", "derive-1", "derive-2")]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    best = max(r["rows"] / r["seconds"] for r in results if r["variant"] in ("parquet", "arrow"))
    labels = {"parquet": "DuckDB INSERT from read_parquet", "arrow": "DuckDB INSERT from Arrow table",
              "json": "DuckDB INSERT from read_json (feed)",
              "feed": "mljobs load_feeds (JSON Lines feed)",
              "recrawl": "mljobs load_feeds, same rows again", "derive-1": "derive facts, 1 process",
              "derive-2": "rebuild facts, 2 processes"}
    best_cpu = max(r["rows"] / r["cpu"] for r in results if r["variant"] in ("parquet", "arrow"))
    print(f"{'method':36} {'rows':>9} {'seconds':>7} {'rows/s':>8} {'vs DuckDB':>9} {'CPU s':>6} "
          f"{'rows/CPU s':>10} {'vs DuckDB':>9} {'peak MB':>7} {'file MB':>7}")
    for r in results:
        rate, cpu_rate = r["rows"] / r["seconds"], r["rows"] / r["cpu"]
        ingest = r["variant"] in ("parquet", "arrow", "json", "feed", "recrawl")
        versus = f"{rate / best:.0%}" if ingest else ""
        cpu_versus = f"{cpu_rate / best_cpu:.0%}" if ingest else ""
        size = f"{sizes[r['variant']] / 1e6:,.0f}" if r["variant"] in sizes else ""
        print(f"{labels[r['variant']]:36} {r['rows']:>9,} {r['seconds']:>7.1f} {rate:>8,.0f} {versus:>9} "
              f"{r['cpu']:>6.1f} {cpu_rate:>10,.0f} {cpu_versus:>9} {r['peak_mb']:>7,.0f} {size:>7}")


if __name__ == "__main__":
    main()
