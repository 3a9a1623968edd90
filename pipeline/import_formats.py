"""What the import formats share (reading compressed files, JSON Lines of objects, counted reasons) and
recognising which format a file is. The formats: `jsonl` and `jobspy` in pipeline/importers.py, `aijobs` in
pipeline/import_aijobs.py, `hn-archive` and `hn-structured` in pipeline/import_hn.py.

Each reader yields (row, posting) pairs, or (row, reason) for a row it skips; `row` says where the row is
(a line or record number, or "file:index" inside a directory).
"""

import csv
import gzip
import json
import lzma
import re
import sqlite3
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

from mljobs.pipeline import vocab

Row = int | str
Posting = dict[str, Any]
Mapper = Callable[[dict[str, Any]], Posting | str]

# What recognises a format by its first row: ai-jobs.net's columns, jobs.db's (the other columns may be missing)
AIJOBS_NEEDED = {"experience_level", "employment_type", "job_title", "salary", "salary_currency",
                 "remote_ratio", "company_location"}
HN_STRUCTURED_NEEDED = ("post_link_id", "post_date", "job_title")
SQLITE_MAGIC = b"SQLite format 3\x00"
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
# A compressed file cut short or corrupt, or a CSV with a NUL byte: the rows before it are kept.
UNREADABLE = (OSError, EOFError, lzma.LZMAError, csv.Error)


class ImportFailed(Exception):
    """The input cannot be read at all (missing file, unknown format, not the format's columns)."""


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when its name ends .gz or .xz."""
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")
    if path.name.endswith(".xz"):
        return lzma.open(path, "rb")
    return path.open("rb")


def object_lines(path: Path, mapper: Mapper) -> Iterator[tuple[Row, Posting | str]]:
    """JSON Lines (plain, .gz or .xz) of objects, each through `mapper`; a bad line is its counted reason."""
    number = 0
    try:
        with open_binary(path) as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield number, _object_line(line, mapper)
    except UNREADABLE:
        yield number + 1, "unreadable_file"


def _object_line(line: bytes, mapper: Mapper) -> Posting | str:
    try:
        row = json.loads(line)
    except ValueError:
        return "bad_json"
    return mapper(row) if isinstance(row, dict) else "not_an_object"


def month_of(value: Any) -> str | None:
    return value if isinstance(value, str) and _MONTH.fullmatch(value) else None


def country_name(code: str) -> str | None:
    """An ISO 3166-1 alpha-2 code as the country name pipeline/location.py reads back to that code (it reads
    names, not bare codes: "DE" is not Germany to it); a code it has no name for stays as given."""
    return country_names().get(code.upper(), code.upper()) if code else None


@cache
def country_names() -> dict[str, str]:
    # The first spelling of each country in the location vocabulary is its English name.
    return {code: names[0].title() for code, names in vocab.load("locations")["countries"].items()}


# -- recognising a format -------------------------------------------------------------------------------------

# Columns JobSpy's scrape_jobs() always writes (pandas may add an index column before them).
_JOBSPY_HEADER = {"site", "job_url", "title", "company", "description"}
_SNIFF_LINE = 1 << 20  # a first line longer than this is no header and no posting we can name
_SNIFF_LINES = 20  # blank lines before the first row: a few, not a file of them


def detect(path: Path) -> str | None:
    """The import format `path` is, from its name and first row: a directory of YYYY-MM.json files or one
    of them (hn-archive), a SQLite file with a jobs table (hn-structured), a CSV with ai-jobs.net's or
    JobSpy's header (aijobs, jobspy), JSON Lines whose first object has jobs.db's columns (hn-structured),
    the archive's post keys with a month (hn-archive), or anything else (jsonl, the extract input format).
    None when it is none of these."""
    if path.is_dir():
        return "hn-archive" if any(month_of(file.stem) for file in path.glob("*.json")) else None
    if path.name.endswith(".json") and month_of(path.name.removesuffix(".json")):
        return "hn-archive"
    compressed = path.name.endswith((".gz", ".xz"))
    try:
        with open_binary(path) as handle:
            first = handle.readline(_SNIFF_LINE)
            if first.startswith(SQLITE_MAGIC):
                return "hn-structured" if _has_jobs_table(path) else None
            for _ in range(_SNIFF_LINES):
                if first.strip():
                    break
                first = handle.readline(_SNIFF_LINE)
    except UNREADABLE:
        return None
    line = first.decode("utf-8", "replace").removeprefix("\ufeff").strip()
    row = _object(line)
    if row is not None and set(HN_STRUCTURED_NEEDED) <= row.keys():
        return "hn-structured"
    if row is not None and {"month", "full_html"} <= row.keys():
        return "hn-archive"
    header = set(next(csv.reader([line]), [])) if row is None else set()
    if AIJOBS_NEEDED <= header:
        return "aijobs"
    # the jobspy and jsonl readers read plain files only; a .jsonl whose first line is broken is still the
    # jsonl reader's to report, line by line
    if compressed:
        return None
    if _JOBSPY_HEADER <= header:
        return "jobspy"
    return "jsonl" if row is not None or path.name.endswith(".jsonl") else None


def _object(line: str) -> dict[str, Any] | None:
    try:
        value = json.loads(line) if line.startswith("{") else None
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _has_jobs_table(path: Path) -> bool:
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'jobs'"
                                  ).fetchone() is not None
    except sqlite3.DatabaseError:
        return False
    finally:
        connection.close()
