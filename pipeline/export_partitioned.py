"""Every posting with its facts as Parquet files partitioned by source and month, for readers on other
machines (Spark, Trino, DuckDB, pandas): `mljobs export --format parquet --partition --output DIR`.

The layout is Hive's, which those readers recognise as columns:

    DIR/source=greenhouse/month=2026-11/data_0.parquet

`month` is the posting's own date (posted_at), else the month it was first seen. DuckDB streams the rows
into the files (write_parquet with partition_by), reading the database read-only, so it runs beside a crawl. The
directory is written beside the target and renamed into place once complete: a failure leaves the old
export as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from datetime import date
from pathlib import Path

from mljobs.pipeline import db

from mljobs import paths

MONTH = "strftime(coalesce(posted_at, first_seen), '%Y-%m')"


def export_partitioned(data_dir: Path, directory: str | Path, source: str | None = None, ml_only: bool = False,
                       since: date | None = None) -> tuple[int, int]:
    """Write the partitioned export to `directory` (replaced whole); returns (rows, files). The filters are
    export.export's."""
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(20, "not a directory", str(target))
    if not target.parent.is_dir():
        raise FileNotFoundError(2, "no such directory", str(target.parent))
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    con = db.connect(paths.database(data_dir), read_only=True)
    try:
        params = {"source": source, "ml_only": ml_only, "since": since}
        query = f"SELECT *, {MONTH} AS month FROM ({db.query('export_postings').rstrip().rstrip(';')})"
        rows = con.execute(f"SELECT count(*) FROM ({query})", params).fetchall()[0][0]
        if rows:
            con.sql(query, params=params).write_parquet(str(temporary), partition_by=["source", "month"])
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    finally:
        con.close()
    if not temporary.exists():  # no rows: an empty directory is the honest export
        temporary.mkdir()
    files = sum(1 for _ in temporary.rglob("*.parquet"))
    old = target.with_name(f".{target.name}.{secrets.token_hex(4)}.old")
    if target.exists():
        os.replace(target, old)
    os.replace(temporary, target)
    with contextlib.suppress(OSError):
        shutil.rmtree(old)
    return rows, files
