"""Every posting with its facts → CSV, Parquet or JSON Lines, to a file or stdout.

Rows stream from DuckDB in Arrow batches, so exporting a million postings needs little memory. CSV has
no nesting: `skills` becomes "PyTorch; Python" and `salary` becomes salary.min, salary.max, ... columns.
CSV text cells that a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage return: a
title such as "=HYPERLINK(...)") get a leading apostrophe, which spreadsheets show as text; JSON Lines and
Parquet keep every value as it was.
"""

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
from mljobs.pipeline import db, filters

from mljobs import paths

FORMATS = ("jsonl", "csv", "parquet")
FORMULA = r"^[=+\-@\t\r]"  # what a spreadsheet takes for the start of a formula (OWASP's CSV injection list)
BATCH_ROWS = 20_000


def export(data_dir: Path, fmt: str, out: BinaryIO, source: str | None = None, ml_only: bool = False,
           since: date | None = None) -> int:
    """Write every posting with its facts to the binary stream `out`; returns the row count. `source`,
    `ml_only` and `since` (postings dated, or else first seen, on or after it) narrow the rows.
    Opens the database read-only, so it runs beside a crawl or a report."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    database = paths.database(data_dir)
    con = db.connect(database, read_only=True)
    try:
        filters.known_source(con, source)
        params = {"source": source, "ml_only": ml_only, "since": since}
        batches = con.sql(db.query("export_postings"), params=params).to_arrow_reader(BATCH_ROWS)
        return _write(batches, fmt, out)
    except duckdb.Error as error:
        raise db.StoreError(db.damaged(database, error)) from error
    finally:
        con.close()


def _write(batches: pa.RecordBatchReader, fmt: str, out: BinaryIO) -> int:
    rows = 0
    writer: Any = None
    try:
        for batch in batches:
            rows += batch.num_rows
            if fmt == "jsonl":
                out.write("".join(json.dumps(row, ensure_ascii=False, default=_iso) + "\n"
                                  for row in batch.to_pylist()).encode("utf-8"))
                continue
            table = pa.Table.from_batches([batch])
            if fmt == "csv":
                table = _flat(table)
                writer = writer or pcsv.CSVWriter(out, table.schema)
            else:
                writer = writer or pq.ParquetWriter(out, table.schema)
            writer.write_table(table)
        if writer is None and fmt != "jsonl":  # no rows: still a valid file with the header / schema
            empty = batches.schema.empty_table()
            with (pcsv.CSVWriter(out, _flat(empty).schema) if fmt == "csv" else pq.ParquetWriter(out, empty.schema)):
                pass
    finally:
        if writer is not None:
            writer.close()
    return rows


def _flat(table: pa.Table) -> pa.Table:
    skills = pc.binary_join(table["skills"], "; ")
    table = table.set_column(table.schema.get_field_index("skills"), "skills", skills).flatten()
    for index, field in enumerate(table.schema):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            table = table.set_column(index, field.name, _inert(table[field.name]))
    return table


def _inert(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Text a spreadsheet would run as a formula, prefixed with an apostrophe (shown as text)."""
    quoted = pc.binary_join_element_wise(pa.scalar("'", column.type), column, pa.scalar("", column.type))
    return pc.if_else(pc.match_substring_regex(column, FORMULA), quoted, column)


def _iso(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
