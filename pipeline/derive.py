"""raw_postings → facts and posting_skills, through `pipeline.extract.extract`.

Extraction runs outside any database lock: each batch is read in one short connection, extracted
(in up to `workers` processes), and written in another short transaction, so reports and loads can
get in between batches. A batch killed mid-way is simply still pending next time: pending means
"facts missing, or derived from another content_hash than the raw row has now".
"""

import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from mljobs.pipeline import db, dedupe, extract, industry, load, skills, text

from mljobs import paths

BATCH = 4000  # a few seconds of extraction between two short write transactions
PARALLEL_FROM = 1000  # below this, starting worker processes costs more than it saves
PROGRESS_EVERY = 10.0  # seconds between two "derived N of M" lines (and the last one): a pulse in a log, not a flood
# Sources whose rows are salary-survey answers (a title, a level and pay; no text), not job postings:
# they count in pay reports only (facts.kind = 'survey').
SURVEY_SOURCES = frozenset({"aijobs"})
FACT_COLUMNS = {
    "source": pa.string(), "native_id": pa.string(), "is_ml": pa.bool_(), "role": pa.string(),
    "seniority": pa.string(), "salary_min": pa.float64(), "salary_max": pa.float64(),
    "salary_currency": pa.string(), "salary_period": pa.string(), "annual_min_usd": pa.float64(),
    "annual_max_usd": pa.float64(), "salary_source": pa.string(), "salary_flag": pa.string(),
    "remote": pa.bool_(), "country": pa.string(), "years_experience": pa.int32(),
    "description_text": pa.string(), "content_hash": pa.string(), "kind": pa.string(), "described": pa.bool_(),
    "industry": pa.string(),
}


@dataclass
class DeriveResult:
    postings: int = 0        # postings whose facts were (re)written
    ml: int = 0              # of which is_ml
    clusters: int = 0        # duplicate clusters (jobs seen more than once) after dedupe
    duplicates: int = 0      # postings that are not canonical
    seconds: float = 0.0
    problems: Counter[str] = field(default_factory=Counter)  # extract_error: postings left pending


def derive_pending(
    data_dir: Path, workers: int | None = None, progress: Callable[[str], None] | None = None
) -> DeriveResult:
    """Extract facts for every new or changed posting (and re-cluster duplicates when any changed).
    Call it after `pipeline.load.load_feeds(data_dir)`. `workers` defaults to min(2, CPUs) processes
    for large backlogs; small ones run in this process."""
    started = time.monotonic()
    database = paths.database(data_dir)
    result = DeriveResult()
    with db.opened(database) as con:
        _mirror_vocabulary(con)
        pending = con.sql(db.query("pending_keys")).to_arrow_table()
    workers = workers or min(2, os.cpu_count() or 1)
    pool = worker_pool(workers) if workers > 1 and pending.num_rows >= PARALLEL_FROM else None
    said = time.monotonic()
    try:
        for start in range(0, pending.num_rows, BATCH):
            with db.opened(database) as con:
                records = _batch_records(con, pending.slice(start, BATCH))
            derived = _extract_all(records, pool, workers)
            with db.opened(database) as con:
                _write_batch(con, records, derived, result)
            done = min(start + BATCH, pending.num_rows)
            if progress and (done == pending.num_rows or time.monotonic() - said >= PROGRESS_EVERY):
                progress(f"derived {done:,} of {pending.num_rows:,} postings")
                said = time.monotonic()
    finally:
        if pool:
            pool.shutdown()
    if result.postings:
        with db.opened(database) as con, db.transaction(con):
            result.clusters, result.duplicates = dedupe.assign_clusters(con)
    result.seconds = time.monotonic() - started
    return result


def rebuild(data_dir: Path, workers: int | None = None, progress: Callable[[str], None] | None = None
            ) -> DeriveResult:
    """Re-derive every posting's facts from raw_postings (after a vocabulary or extractor change)."""
    with db.opened(paths.database(data_dir)) as con:
        con.execute(db.query("clear_facts_hashes"))
    return derive_pending(data_dir, workers, progress)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Extraction processes that die with this one: a `load` or `rebuild` killed (kill -9, an OOM kill, a
    terminal closed) leaves no worker behind holding memory and CPU. Started fresh ("spawn"), not forked:
    this process holds DuckDB's and Scrapy's threads, and a fork of a threaded process can inherit a lock
    mid-use (seen: a forked worker crashing in garbage collection during a test run)."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=die_with_parent,
                               initargs=(os.getpid(),))


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """In a worker: ask Linux for SIGKILL when the parent process dies (prctl PR_SET_PDEATHSIG), and exit at
    once if it already has. Elsewhere nothing happens (the pool's own shutdown still applies)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _mirror_vocabulary(con: duckdb.DuckDBPyConnection) -> None:
    vocab = pa.table({
        "name": [s.name for s in skills.vocabulary().values()],
        "category": [s.category for s in skills.vocabulary().values()],
        "in_guide": [s.guide for s in skills.vocabulary().values()],
        "aliases": [list(s.aliases) for s in skills.vocabulary().values()],
    })
    con.register("vocab", vocab)
    try:
        with db.transaction(con):
            con.execute("DELETE FROM vocab_skills")
            con.execute(db.query("mirror_vocab_skills"))
    finally:
        con.unregister("vocab")


def _batch_records(con: duckdb.DuckDBPyConnection, keys: pa.Table) -> list[dict[str, Any]]:
    con.register("batch_keys", keys)
    try:
        cursor = con.execute(db.query("batch_postings"))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.unregister("batch_keys")


def _extract_all(records: list[dict[str, Any]], pool: ProcessPoolExecutor | None, workers: int
                 ) -> list[dict[str, Any] | None]:
    if pool is None:
        return derive_records(records)
    size = -(-len(records) // workers)
    parts = [records[i : i + size] for i in range(0, len(records), size)]
    return [facts for part in pool.map(derive_records, parts) for facts in part]


def derive_records(records: list[dict[str, Any]]) -> list[dict[str, Any] | None]:
    """Facts plus clean description text per raw record; None where extraction failed."""
    out: list[dict[str, Any] | None] = []
    for record in records:
        salary = record["salary"]
        item = {**record, "id": f"{record['source']}:{record['native_id']}",
                "salary": json.loads(salary) if isinstance(salary, str) else salary}
        try:
            facts, body = extract.extract_with_text(item)
            # what the store adds to the extract contract: whether skills can be read from the text at all,
            # and the employer's industry
            facts.update(description_text=body, described=text.is_whole(body),
                         industry=industry.extract(record["company"], body))
        except Exception:  # one bad posting must not stop a million-row rebuild; counted, left pending
            facts = None
        out.append(facts)
    return out


def _write_batch(con: duckdb.DuckDBPyConnection, records: list[dict[str, Any]],
                 derived: list[dict[str, Any] | None], result: DeriveResult) -> None:
    rows: dict[str, list[Any]] = {name: [] for name in FACT_COLUMNS}
    skill_rows: dict[str, list[str]] = {"source": [], "native_id": [], "skill": []}
    for record, facts in zip(records, derived, strict=True):
        if facts is None:
            result.problems["extract_error"] += 1
            continue
        for name, value in _fact_row(record, facts).items():
            rows[name].append(value)
        for skill in dict.fromkeys(facts.get("skills") or []):
            skill_rows["source"].append(record["source"])
            skill_rows["native_id"].append(record["native_id"])
            skill_rows["skill"].append(skill)
    con.register("derived_facts", pa.table(rows, schema=pa.schema(FACT_COLUMNS)))
    con.register("derived_skills", pa.table(skill_rows, schema=pa.schema(
        {"source": pa.string(), "native_id": pa.string(), "skill": pa.string()})))
    try:
        with db.transaction(con):
            con.execute(db.query("write_facts"))
            con.execute(db.query("delete_batch_skills"))
            con.execute(db.query("write_skills"))
    finally:
        con.unregister("derived_facts")
        con.unregister("derived_skills")
    result.postings += len(rows["source"])
    result.ml += sum(bool(v) for v in rows["is_ml"])


def _fact_row(record: dict[str, Any], facts: dict[str, Any]) -> dict[str, Any]:
    salary = facts.get("salary") or {}
    return {
        "source": record["source"], "native_id": record["native_id"], "is_ml": bool(facts.get("is_ml")),
        "role": facts.get("role"), "seniority": facts.get("seniority"),
        "salary_min": _number(salary.get("min")), "salary_max": _number(salary.get("max")),
        "salary_currency": salary.get("currency"), "salary_period": salary.get("period"),
        "annual_min_usd": _number(salary.get("annual_min_usd")),
        "annual_max_usd": _number(salary.get("annual_max_usd")),
        "salary_source": salary.get("source"), "salary_flag": salary.get("flag"),
        "remote": facts.get("remote") if isinstance(facts.get("remote"), bool) else None,
        "country": facts.get("country"),
        "years_experience": _whole(facts.get("years_experience")),
        "description_text": facts["description_text"], "content_hash": record["content_hash"],
        "kind": "survey" if record["source"] in SURVEY_SOURCES else "posting",
        "described": facts["described"], "industry": facts["industry"],
    }


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _whole(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None


def load_and_derive(
    data_dir: Path, progress: Callable[[str], None] | None = None
) -> tuple[load.LoadResult, DeriveResult]:
    """What follows a crawl or an import: load every new feed line (`pipeline.load.load_feeds`), then
    derive facts for new and changed postings (`derive_pending`)."""
    loaded = load.load_feeds(data_dir, progress)
    return loaded, derive_pending(data_dir, progress=progress)
