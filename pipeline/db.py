"""The DuckDB file: connect, migrate, and the SQL files the pipeline runs.

Concurrency (DuckDB allows one writing process per file, and a writer locks readers out too): every
writer — load, derive, import, rebuild — opens the file for one short transaction at a time (one feed, one
batch of facts) and closes it, and readers open it `read_only`. Both retry while another process holds the
lock, so a report run during a crawl or a load waits at most for one transaction, never for the crawl.
The crawl itself only appends to its JSON Lines feed and never opens the database.
"""

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path

import duckdb

LOCK_WAIT_SECONDS = 120.0  # longer than the longest single transaction (one 1M-posting feed ≈ 15 s)


class StoreError(Exception):
    """A database problem with a clear, user-facing message."""


class SchemaTooNew(StoreError):
    pass


class DatabaseBusy(StoreError):
    pass


def connect(
    path: str | Path, read_only: bool = False, wait: float = LOCK_WAIT_SECONDS
) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file. Opening for writing applies pending migrations; a file written by a newer
    mljobs raises SchemaTooNew and is left untouched. Retries for up to `wait` seconds while another
    process holds the file (DatabaseBusy after that). Close the connection soon: see the module doc."""
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"no database at {path}: run `mljobs crawl`, `mljobs load` or `mljobs import` first")
    con = _open(path, read_only, wait)
    try:
        _refuse_truncated(con, path)
        con.execute("SET TimeZone = 'UTC'")  # stored timestamps are UTC; naive feed times are read as UTC
        if read_only:
            _check_readable(con, path)
        else:
            migrate(con, path)
            con.execute("SET preserve_insertion_order = false")  # parallel inserts, half the file size
            # A one-transaction load of a 1M-posting feed held 2.3 GB; capped, DuckDB spills to <file>.tmp
            # and the load takes as long (benchmarks/store.py). Not lower: a 1 GB cap made a 1M-row UPDATE
            # (rebuilding facts) fail with "out of memory" where spilling can't help.
            con.execute("SET memory_limit = '4GB'")
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def opened(path: str | Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """`connect` as a context manager that always closes (and so releases the file lock)."""
    con = connect(path, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """The block as one transaction: committed when it ends, rolled back (and the error raised) when it fails."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def restart(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back the transaction open so far and begin it again (a fast path failed; the slow one follows)."""
    con.execute("ROLLBACK")
    con.execute("BEGIN TRANSACTION")


def _open(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise StoreError(f"cannot open {path}: {error}") from error
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"{path} is busy: another mljobs process kept it for more than {wait:.0f} s"
                ) from error
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        except duckdb.Error as error:  # e.g. a file from a newer DuckDB storage version, or not DuckDB
            raise StoreError(f"cannot open {path}: {error}") from error


HEADERS = 3 * 4096  # a DuckDB file opens with its main header and two database headers, then whole blocks


def _refuse_truncated(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """A file shorter than the blocks in use by its header's count was cut short (a copy that stopped, a full
    disk): DuckDB would open it and fail, or answer from what is left, only when a query reaches a missing
    block. (Free blocks may lie past the end: DuckDB truncates trailing free space, so only used ones count.)"""
    if not path.exists():
        return
    block_size, used = con.execute("SELECT block_size, used_blocks FROM pragma_database_size()").fetchone()
    size = path.stat().st_size
    if size < HEADERS + block_size * used:
        raise StoreError(f"{path} is truncated ({size:,} bytes for {used} blocks of {block_size:,} in use): "
                         "restore it from a copy, or move it away and run `mljobs load` to rebuild from the feeds")


def damaged(path: Path | str, error: Exception) -> str:
    """One line for a DuckDB error met mid-query (its message's first line), with the way out when it says the
    file is damaged (a checksum that does not match, a block past the end)."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    hint = " (the file is damaged: restore it from a copy)" if re.search(r"corrupt|checksum|read enough", first, re.I) \
        else ""
    return f"cannot read {path}: {first}{hint}"


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped with this version, in order."""
    found = []
    for entry in resources.files("mljobs.pipeline.migrations").iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append((int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return sorted(found)


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied to this file (0 for a new file)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0]


def migrate(con: duckdb.DuckDBPyConnection, path: Path | str = "", up_to: int | None = None) -> int:
    """Apply pending migrations (each in its own transaction, recorded in schema_migrations) and return
    the resulting version. `up_to` stops early (tests use it to make an old-version file)."""
    current = schema_version(con)
    known = migrations()
    _refuse_newer(current, known, path)
    for version, name, sql in known:
        if version <= current or (up_to is not None and version > up_to):
            continue
        with transaction(con):
            con.execute(sql)
            con.execute(query("record_migration"), [version, name])
        current = version
    return current


def _check_readable(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    current = schema_version(con)
    known = migrations()
    _refuse_newer(current, known, path)
    if current < known[-1][0]:
        raise StoreError(
            f"{path} has schema version {current}, this mljobs needs {known[-1][0]}: "
            "run `mljobs load` once to upgrade it"
        )


def _refuse_newer(current: int, known: list[tuple[int, str, str]], path: Path | str) -> None:
    newest = known[-1][0]
    if current > newest:
        raise SchemaTooNew(
            f"{path} was written by a newer mljobs (schema version {current}; this version knows up to "
            f"{newest}). Upgrade mljobs (pip install -U mljobs) to open it; the file was not changed."
        )


@cache
def query(name: str, package: str = "mljobs.pipeline.sql") -> str:
    """The text of <name>.sql in `package` (pipeline/sql/ unless another is named, e.g. the reports'
    "mljobs.analysis.sql"): one statement, parameters bound by the caller."""
    return resources.files(package).joinpath(f"{name}.sql").read_text(encoding="utf-8")
