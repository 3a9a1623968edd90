"""mljobs.pipeline.db: migrations on fresh, old and newer files; read-only opening; waiting for the lock."""

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from mljobs.pipeline import db

LATEST = db.migrations()[-1][0]


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def test_fresh_file_gets_every_migration_recorded_in_order(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "new.duckdb")
    applied = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert applied == [(version, name) for version, name, _ in db.migrations()]
    assert {"raw_postings", "facts", "posting_skills", "crawl_runs", "vocab_skills", "feed_loads"} <= tables(con)
    con.close()


def test_old_version_file_is_upgraded_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert db.migrate(con, up_to=1) == 1
    con.execute("INSERT INTO raw_postings (source, native_id, title, first_seen, last_seen) "
                "VALUES ('lever', 'abc', 'Data Scientist', TIMESTAMP '2026-01-01', TIMESTAMP '2026-01-02')")
    assert "feed_loads" not in tables(con)
    con.close()

    with pytest.raises(db.StoreError, match="run `mljobs load` once"):
        db.connect(path, read_only=True)  # a reader never upgrades
    con = db.connect(path)
    assert db.schema_version(con) == LATEST
    assert "feed_loads" in tables(con)
    assert con.execute("SELECT count(*) FROM information_schema.columns "
                       "WHERE table_name = 'facts' AND column_name = 'content_hash'").fetchall() == [(1,)]
    assert con.execute("SELECT title FROM raw_postings").fetchall() == [("Data Scientist",)]
    con.close()


def test_newer_version_file_gives_a_clear_error_and_is_not_changed(tmp_path: Path) -> None:
    path = tmp_path / "newer.duckdb"
    con = db.connect(path)
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, 'from_the_future')", [LATEST + 7])
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    for read_only in (False, True):
        with pytest.raises(db.SchemaTooNew, match=rf"newer mljobs \(schema version {LATEST + 7}"):
            db.connect(path, read_only=read_only)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_newer_version_file_through_the_cli_is_one_line_and_exit_1(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "mljobs.duckdb")
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, 'from_the_future')", [LATEST + 1])
    con.close()
    run = subprocess.run([str(Path(sys.executable).with_name("mljobs")), "--data-dir", str(tmp_path), "load"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "written by a newer mljobs" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1


def test_reading_a_missing_database_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(db.StoreError, match="mljobs crawl"):
        db.connect(tmp_path / "nothing.duckdb", read_only=True)
    assert not (tmp_path / "nothing.duckdb").exists()


def test_a_reader_waits_for_a_writer_then_reads_and_gives_up_after_its_wait(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    db.connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from mljobs.pipeline import db; con = db.connect(sys.argv[1]); "
         "print('holding', flush=True); time.sleep(float(sys.argv[2]))", str(path), "1.5"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(db.DatabaseBusy, match="busy"):
            db.connect(path, read_only=True, wait=0.2)
        started = time.monotonic()
        con = db.connect(path, read_only=True, wait=30)
        waited = time.monotonic() - started
        assert db.schema_version(con) == LATEST
        con.close()
        assert waited > 0.3  # it really waited for the writer to let go
    finally:
        holder.wait(timeout=30)


def test_a_writer_is_capped_and_spills_beside_the_file(tmp_path: Path) -> None:
    """A one-transaction load of a large feed must not take most of the machine: writers cap DuckDB's memory
    at 4 GB (4e9 bytes, shown in GiB) and spill to <file>.tmp."""
    path = tmp_path / "store.duckdb"
    with db.opened(path) as con:
        limit, spill = con.execute(
            "SELECT current_setting('memory_limit'), current_setting('temp_directory')").fetchall()[0]
    assert limit == "3.7 GiB"
    assert Path(spill) == path.with_name("store.duckdb.tmp")


def test_a_failure_inside_a_transaction_rolls_all_of_it_back(tmp_path):
    with db.opened(tmp_path / "t.duckdb") as con:
        con.execute("CREATE TABLE t (x INTEGER)")
        with pytest.raises(RuntimeError, match="midway"), db.transaction(con):
            con.execute("INSERT INTO t VALUES (1)")
            raise RuntimeError("midway")
        assert con.execute("SELECT count(*) FROM t").fetchall() == [(0,)]
        with db.transaction(con):  # the connection is left usable, with no transaction open
            con.execute("INSERT INTO t VALUES (2)")
        assert con.execute("SELECT x FROM t").fetchall() == [(2,)]


def test_a_failed_batch_of_facts_writes_none_of_them(tmp_path, monkeypatch):
    from mljobs.pipeline import derive, load
    from store_feeds import real_postings, write_feed

    from mljobs import paths

    write_feed(tmp_path, "run-1", real_postings())
    load.load_feeds(tmp_path)
    original = db.query

    def fail_at_skills(name: str) -> str:
        if name == "write_skills":  # after write_facts and delete_batch_skills ran in the same transaction
            raise RuntimeError("disk full at the skills")
        return original(name)

    monkeypatch.setattr(db, "query", fail_at_skills)
    with pytest.raises(RuntimeError, match="at the skills"):
        derive.derive_pending(tmp_path, workers=1)
    monkeypatch.undo()
    with db.opened(paths.database(tmp_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM facts").fetchall() == [(0,)]
