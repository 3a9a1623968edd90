"""Raw feeds → raw_postings.

A crawl appends RawPosting lines to `<data_dir>/feeds/<run_id>.jsonl` and writes `<run_id>.run.json` when it
ends. `load_feeds` reads what is new in every feed since the last load (feed_loads keeps the byte offset of
the last complete line), so a feed still being written or left by a killed crawl is loaded as far as it
goes and picked up again later. Each feed is loaded in one transaction: a load killed mid-way leaves the
database as it was. Lines are typed by DuckDB (pipeline/sql/type_feed_lines.sql); a finished feed of new
postings is inserted as it is read, anything else is staged in large chunks and upserted with one MERGE per
chunk — no per-row Python, so a million postings load in seconds.
"""

import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from mljobs.crawlers.feed_fields import FEED_FIELDS
from mljobs.pipeline import db

from mljobs import paths

CHUNK_BYTES = 64 * 1024 * 1024  # bounds memory: a chunk, its Arrow view and its staged rows
# The RawPosting fields (crawlers/items.py) and the column types they are read as; salary and raw stay JSON.
MAX_RECORDED_BAD_LINES = 1000


@dataclass
class LoadResult:
    """What one `load_feeds` call did. `problems` counts skipped lines (bad_json, not_an_object,
    missing_source, missing_native_id, bad_utf8, truncated_line) and kept lines with a dropped value
    (bad_posted_at, bad_fetched_at) by reason; `bad_lines` lists (feed, line number, reason)."""

    feeds: int = 0
    lines: int = 0
    postings: int = 0
    new: int = 0
    changed: int = 0
    reopened: int = 0
    closed: int = 0
    runs_finished: int = 0
    problems: Counter[str] = field(default_factory=Counter)
    bad_lines: list[tuple[str, int, str]] = field(default_factory=list)


def load_feeds(data_dir: Path, progress: Callable[[str], None] | None = None) -> LoadResult:
    """Load every feed in `data_dir/feeds` that has something not yet loaded, oldest first, one
    transaction per feed (the write lock is held only for that feed). Then call
    `pipeline.derive.derive_pending(data_dir)` to extract facts for new and changed postings."""
    result = LoadResult()
    database = paths.database(data_dir)
    with db.opened(database) as con:
        seen = {feed: (size, finished) for feed, size, finished in
                con.execute("SELECT feed, size_seen, finished FROM feed_loads").fetchall()}
    feeds = sorted(paths.feeds(data_dir).glob("*.jsonl"), key=lambda f: (f.stat().st_mtime, f.name))
    for feed in feeds:
        size, finished = seen.get(feed.name, (-1, False))
        if finished or (size == feed.stat().st_size and not _run_file(feed).exists()):
            continue  # cheap pre-check; load_feed decides again inside its transaction
        with db.opened(database) as con:
            load_feed(con, feed, result, progress)
    return result


def load_feed(
    con: duckdb.DuckDBPyConnection, feed: Path, result: LoadResult, progress: Callable[[str], None] | None = None
) -> None:
    """Load the unread part of one feed (and apply its .run.json once the run has ended) in one
    transaction; `progress` hears about each chunk."""
    stored = con.execute(db.query("get_feed_load"), [feed.name]).fetchall()
    offset, size_seen, lines, postings, bad_json, finished = stored[0] if stored else (0, -1, 0, 0, "[]", False)
    if finished:
        return
    run = _read_run(_run_file(feed))
    size = feed.stat().st_size
    if size == size_seen and run is None:
        return  # nothing new since the last look
    bad_lines: list[dict[str, Any]] = json.loads(bad_json)
    load_time = datetime.now(UTC).replace(tzinfo=None)

    def problem(line_no: int, reason: str) -> None:
        result.problems[reason] += 1
        result.bad_lines.append((feed.name, line_no, reason))
        if len(bad_lines) < MAX_RECORDED_BAD_LINES:
            bad_lines.append({"line": line_no, "reason": reason})

    with db.transaction(con):
        whole = offset == 0 and run is not None and _ends_with_newline(feed, size)
        count = _insert_new_feed(con, feed, load_time) if whole else None
        if count is not None:  # the fastest path: a finished feed of new postings, inserted as read
            postings += count
            result.new, result.postings = result.new + count, result.postings + count
        elif whole and (count := _stage_whole_feed(con, feed, load_time)) is not None:
            postings += _merge_staged(con, result)  # the fast path: one parallel read of a finished feed
        if count is not None:
            lines, offset = count, size
            result.lines += count
            if progress:
                progress(f"{feed.name}: {lines:,} lines read")
        for chunk in _complete_line_chunks(feed, offset, size):
            count = _stage_chunk(con, chunk, lines, load_time, problem)
            postings += _merge_staged(con, result)
            result.lines += count
            lines += count
            offset += len(chunk)
            if progress:
                progress(f"{feed.name}: {lines:,} lines read")
        if offset < size:  # bytes after the last newline: cut by a killed crawl, or still being written
            if run is None:  # counted for this load only: if the crawl is alive, the next load reads it whole
                result.problems["truncated_line"] += 1
                result.bad_lines.append((feed.name, lines + 1, "truncated_line"))
            else:
                problem(lines + 1, "truncated_line")
        if run is not None:
            _apply_run(con, run, feed, result)
        con.execute(db.query("save_feed_load"), {
            "feed": feed.name, "offset_bytes": offset, "size_seen": size, "lines": lines,
            "postings": postings, "bad_lines": json.dumps(bad_lines), "finished": run is not None,
            "loaded_at": load_time})
    result.feeds += 1


def _complete_line_chunks(feed: Path, offset: int, size: int) -> Iterator[bytes]:
    """Chunks of about CHUNK_BYTES from `offset`, each ending at a newline; bytes past the last newline
    before `size` (a partial line still being written, or cut by a kill) are not returned."""
    with feed.open("rb") as handle:
        handle.seek(offset)
        remaining = size - offset
        carry = b""
        while remaining > 0:
            block = handle.read(min(CHUNK_BYTES, remaining))
            if not block:
                break
            remaining -= len(block)
            data = carry + block
            end = data.rfind(b"\n") + 1
            carry = data[end:]
            if end:
                yield data[:end]


def _stage_chunk(
    con: duckdb.DuckDBPyConnection, chunk: bytes, lines_before: int, load_time: datetime,
    problem: Callable[[int, str], None],
) -> int:
    """Type a chunk of complete lines into the `staged` temp table; report bad lines; return the count."""
    ends = np.flatnonzero(np.frombuffer(chunk, dtype=np.uint8) == ord("\n")) + 1
    offsets = np.concatenate(([0], ends)).astype(np.int64)
    line_nos = np.arange(lines_before + 1, lines_before + 1 + len(ends), dtype=np.int64)
    text = pa.LargeStringArray.from_buffers(len(ends), pa.py_buffer(offsets), pa.py_buffer(chunk))
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:  # some line is not UTF-8: find it, blank it, carry on
        decoded = []
        for i in range(len(ends)):
            try:
                decoded.append(chunk[offsets[i] : offsets[i + 1]].decode("utf-8"))
            except UnicodeDecodeError:
                problem(int(line_nos[i]), "bad_utf8")
                decoded.append("")
        text = pa.array(decoded, type=pa.large_string())
    con.register("feed_lines", pa.table({"line_no": line_nos, "line": text}))
    try:
        _stage(con, con.sql(db.query("parse_feed_lines"), params={"fields": json.dumps(FEED_FIELDS)}), load_time)
        con.execute(db.query("stage_newest"))
    finally:
        con.unregister("feed_lines")
    for line_no, reason in con.execute(db.query("staged_problems")).fetchall():
        problem(line_no, reason)
    return len(ends)


def _insert_new_feed(con: duckdb.DuckDBPyConnection, feed: Path, load_time: datetime) -> int | None:
    """Insert a whole finished feed straight into raw_postings when every line is a good posting not yet
    stored and listed once (a crawl's first load), and return its line count; None, with the transaction
    restarted, otherwise — a re-crawl fails at its first stored posting, so trying costs little."""
    try:
        with _typed_lines(con, _parse_file(con, feed), load_time):
            return con.execute(db.query("insert_new_feed")).fetchall()[0][0]
    except duckdb.Error:  # a problem line, a posting listed twice or already stored: stage and merge instead
        db.restart(con)
        return None


def _stage_whole_feed(con: duckdb.DuckDBPyConnection, feed: Path, load_time: datetime) -> int | None:
    """Stage a whole finished feed with DuckDB's parallel JSON reader (2–3× faster than line by line) and
    return its line count; None, with the transaction restarted, when any line is malformed or has a
    problem — the line-by-line path then says which line."""
    try:
        _stage(con, _parse_file(con, feed), load_time)
        problems, count = con.execute(
            "SELECT count(*) FILTER (WHERE reason IS NOT NULL OR warning IS NOT NULL), count(*) FROM staged"
        ).fetchall()[0]
    except duckdb.Error:  # a malformed line: the strict reader stops at it
        problems, count = 1, 0
    if problems:
        db.restart(con)
        return None
    con.execute(db.query("stage_newest"))
    return count


def _parse_file(con: duckdb.DuckDBPyConnection, feed: Path) -> duckdb.DuckDBPyRelation:
    return con.sql(db.query("parse_feed_file"), params={"path": str(feed), "fields": FEED_FIELDS})


def _stage(con: duckdb.DuckDBPyConnection, parsed: duckdb.DuckDBPyRelation, load_time: datetime) -> None:
    """Type the `parsed` lines into the `staged` temp table."""
    with _typed_lines(con, parsed, load_time):
        con.execute(db.query("stage_feed_lines"))


@contextmanager
def _typed_lines(
    con: duckdb.DuckDBPyConnection, parsed: duckdb.DuckDBPyRelation, load_time: datetime
) -> Iterator[None]:
    """While open, the view typed_lines is the `parsed` lines typed by type_feed_lines.sql."""
    con.register("parsed_lines", parsed)
    try:
        con.register("typed_lines", con.sql(db.query("type_feed_lines"), params={"load_time": load_time}))
        yield
    finally:
        con.unregister("typed_lines")
        con.unregister("parsed_lines")


def _merge_staged(con: duckdb.DuckDBPyConnection, result: LoadResult) -> int:
    """Upsert the staged postings into raw_postings, count what changed; returns the postings merged."""
    new, changed, reopened = con.execute(db.query("staged_changes")).fetchall()[0]
    con.execute(db.query("merge_staged"))
    good = con.execute("SELECT count(*) FROM staged WHERE reason IS NULL").fetchall()[0][0]
    result.new, result.changed, result.reopened = (
        result.new + new, result.changed + changed, result.reopened + reopened)
    result.postings += good
    return good


def _ends_with_newline(feed: Path, size: int) -> bool:
    with feed.open("rb") as handle:
        handle.seek(max(size - 1, 0))
        return size > 0 and handle.read(1) == b"\n"


def _run_file(feed: Path) -> Path:
    return feed.with_name(feed.name.removesuffix(".jsonl") + ".run.json")


def _read_run(run_file: Path) -> dict[str, Any] | None:
    """The run summary once the run has ended; None while it runs (or if the crawl was killed)."""
    try:
        run = json.loads(run_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None  # half-written: the crawl is writing it right now; the next load reads it
    return run if isinstance(run, dict) and isinstance(run.get("sources"), dict) else None


def _apply_run(con: duckdb.DuckDBPyConnection, run: dict[str, Any], feed: Path, result: LoadResult) -> None:
    """Record the run per source, and close postings of boards it listed completely but did not see."""
    for source, stats in run["sources"].items():
        stats = stats if isinstance(stats, dict) else {}
        con.execute(db.query("save_crawl_run"), {
            "run_id": str(run.get("run_id") or feed.stem), "source": source,
            "started_at": run.get("started_at"), "finished_at": run.get("finished_at"),
            "pages": _int(stats.get("pages")), "postings": _int(stats.get("postings")),
            "errors": _int(stats.get("errors")), "error_reasons": json.dumps(stats.get("error_reasons") or {}),
            "feed_path": str(feed), "status": stats.get("status") or run.get("status")})
        boards = [str(b) for b in stats.get("boards_complete") or []]
        if boards and run.get("started_at") and run.get("finished_at"):
            closed = con.execute(db.query("close_unseen"), {
                "source": source, "boards": boards,
                "started_at": run["started_at"], "finished_at": run["finished_at"]}).fetchall()[0][0]
            result.closed += closed
    result.runs_finished += 1


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
