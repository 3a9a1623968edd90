"""Raw feeds for the store tests, made from the real payload lines in tests/fixtures/store/."""

import json
from pathlib import Path
from typing import Any

import duckdb

from mljobs import paths

FIXTURE = Path(__file__).parent / "fixtures" / "store" / "feed_real_payloads.jsonl"
TABLES = ("raw_postings", "facts", "posting_skills", "crawl_runs", "feed_loads", "vocab_skills")


def real_postings() -> list[dict[str, Any]]:
    """18 RawPosting dicts from real Greenhouse, Lever, Ashby and RemoteOK payloads."""
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


def many_postings(count: int, run_id: str = "run-big", fetched_at: str = "2026-11-21T10:00:00+00:00"
                  ) -> list[dict[str, Any]]:
    """`count` distinct postings cycled from the real ones (new native ids, same payloads)."""
    real = real_postings()
    return [{**real[i % len(real)], "native_id": f"{real[i % len(real)]['native_id']}-{run_id}-{i}",
             "run_id": run_id, "fetched_at": fetched_at} for i in range(count)]


def write_feed(data_dir: Path, run_id: str, postings: list[dict[str, Any]], run: dict | None = None) -> Path:
    """`<data_dir>/feeds/<run_id>.jsonl` as a crawl writes it, plus `<run_id>.run.json` when `run` is given."""
    feed = paths.feeds(data_dir) / f"{run_id}.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for posting in postings:
            out.write(json.dumps(posting, ensure_ascii=False) + "\n")
    if run is not None:
        (paths.feeds(data_dir) / f"{run_id}.run.json").write_text(json.dumps({"run_id": run_id, **run}))
    return feed


def snapshot(database: Path) -> dict[str, list[tuple]]:
    """Every row of the store's tables, sorted, read through a plain read-only connection."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        return {table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in TABLES}
    finally:
        con.close()
