"""Postings from files → a raw feed in the data directory, then the usual load.

`mljobs import` turns each input row into a RawPosting line in `<data_dir>/feeds/import-*.jsonl` (plus its
.run.json), so imported postings go through the same loader, idempotence and crash safety as crawled ones.
Formats: JSON Lines in the extract input format (id, title, company, location, description, salary, level,
source, posted_at, url), the CSV that JobSpy's `scrape_jobs(...).to_csv()` writes (LinkedIn, Indeed,
Glassdoor, ... pulls), and three published data sets: the ai-jobs.net salary survey (`aijobs`,
pipeline/import_aijobs.py), the HN "Who is hiring?" posts archive and the fields parsed from 2022–2025 HN posts
(`hn-archive`, `hn-structured`, pipeline/import_hn.py). A posting without an id gets a stable one from its
content, so importing the same file twice adds nothing.
"""

import csv
import hashlib
import json
import math
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mljobs.pipeline import import_aijobs, import_formats, import_hn, lines
from mljobs.pipeline.import_formats import ImportFailed, Posting, Row

from mljobs import paths

FORMATS = ("jsonl", "jobspy", "aijobs", "hn-archive", "hn-structured")
# JobSpy's `interval` → schema.org unitText, so the salary parser reads JobSpy pay like any baseSalary.
JOBSPY_INTERVALS = {"yearly": "YEAR", "monthly": "MONTH", "weekly": "WEEK", "daily": "DAY", "hourly": "HOUR"}


@dataclass
class ImportResult:
    feed: Path
    postings: int = 0
    problems: Counter[str] = field(default_factory=Counter)
    bad_rows: list[tuple[Row, str]] = field(default_factory=list)
    replaced: int = 0  # rows whose id a later row of the file repeats: the later row is the one kept


def recognise(source_file: Path) -> str:
    """The format of a file given without one (pipeline/import_formats.py `detect` says how it is told).
    Raises ImportFailed when the file is missing or is none of the formats."""
    if not source_file.exists():
        raise ImportFailed(f"no such file: {source_file}")
    fmt = import_formats.detect(source_file)
    if fmt is None:
        raise ImportFailed(f"cannot tell what {source_file} holds: give --format, one of {', '.join(FORMATS)}")
    return fmt


def write_feed(source_file: Path, fmt: str, data_dir: Path) -> ImportResult:
    """Convert `source_file` into a finished raw feed in data_dir/feeds; returns what was written and
    the rows skipped (row number, reason). Load it with `pipeline.load.load_feeds`."""
    if fmt not in FORMATS:
        raise ImportFailed(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    if not (source_file.is_file() or (fmt == "hn-archive" and source_file.is_dir())):
        raise ImportFailed(f"no such file: {source_file}")
    started = datetime.now(UTC)
    run_id = f"import-{started:%Y%m%dT%H%M%S%f}-{_slug(source_file.stem)}"
    feed = paths.feeds(data_dir) / f"{run_id}.jsonl"
    result = ImportResult(feed=feed)
    per_source: Counter[str] = Counter()
    fetched_at = started.isoformat()
    latest: dict[tuple[str, str], int] = {}  # (source, native id) -> the feed line that has it now
    superseded: set[int] = set()
    try:
        with feed.open("w", encoding="utf-8") as out:
            for number, posting in _READERS[fmt](source_file):
                if isinstance(posting, str):
                    result.problems[posting] += 1
                    result.bad_rows.append((number, posting))
                    continue
                posting.update(fetched_at=fetched_at, run_id=run_id)
                out.write(json.dumps(posting, ensure_ascii=False, default=str) + "\n")
                key = (posting["source"], posting["native_id"])
                if key in latest:
                    superseded.add(latest[key])
                else:
                    per_source[posting["source"]] += 1
                latest[key] = result.postings  # lines written so far: this line's index
                result.postings += 1
        if superseded:
            _keep_last_of_each_id(feed, superseded)
            result.replaced = len(superseded)
            result.postings -= len(superseded)
    except (ImportFailed, OSError):  # a full disk, a read-only directory: no half feed left behind
        feed.unlink(missing_ok=True)  # a feed without its .run.json would be loaded as a crawl still running
        feed.with_name(feed.name + ".tmp").unlink(missing_ok=True)
        raise
    if not result.postings and result.problems:  # not one row readable: the wrong file or format, no import
        feed.unlink()
        reasons = ", ".join(f"{reason} {count:,}" for reason, count in result.problems.most_common())
        raise ImportFailed(f"no row of {source_file} could be read as {fmt} ({reasons}); nothing imported")
    run = {
        "run_id": run_id, "started_at": fetched_at, "finished_at": datetime.now(UTC).isoformat(),
        "status": "finished", "input": str(source_file), "format": fmt,
        "sources": {source: {"pages": 0, "postings": count, "errors": sum(result.problems.values()),
                             "error_reasons": dict(result.problems), "status": "finished",
                             "boards_complete": []}
                    for source, count in per_source.items()},
    }
    summary = feed.with_name(f"{run_id}.run.json")
    try:
        summary.write_text(json.dumps(run, indent=1), encoding="utf-8")
    except OSError:  # without its summary the feed would be loaded as a crawl still running
        summary.unlink(missing_ok=True)
        feed.unlink(missing_ok=True)
        raise
    return result


def _keep_last_of_each_id(feed: Path, superseded: set[int]) -> None:
    """Rewrite `feed` without the lines (0-based) a later line of the same id supersedes: every line of an
    import shares one fetched_at, so the loader could not tell which of two came last."""
    kept = feed.with_name(feed.name + ".tmp")
    with feed.open("rb") as lines, kept.open("wb") as out:
        for index, line in enumerate(lines):
            if index not in superseded:
                out.write(line)
    os.replace(kept, feed)


def _mapped(rows: Iterator[tuple[int, dict[str, Any] | str]], mapper: Callable[[dict[str, Any]], Posting | str]
            ) -> Iterator[tuple[Row, Posting | str]]:
    for number, row in rows:
        yield number, row if isinstance(row, str) else mapper(row)


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Each line checked as `mljobs extract` checks it (pipeline/lines.py): a posting or a reason."""
    with path.open("rb") as handle:
        for number, raw in lines.read_lines(handle):
            record = lines.parse(raw)
            if record is None:
                continue
            if isinstance(record, lines.Refused):
                yield number, record.reason
                continue
            yield number, lines.wrong_type(record) or record


def _jobspy_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | str]]:
    csv.field_size_limit(sys.maxsize)  # JobSpy descriptions can be long
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.DictReader(handle)
        missing = {"title", "description"} - set(reader.fieldnames or ())
        if missing:
            raise ImportFailed(f"{path} is not a JobSpy CSV: no {', '.join(sorted(missing))} column")
        yield from enumerate(reader, 2)  # numbered as records after the header (descriptions span lines)


def _from_extract_input(row: dict[str, Any]) -> Posting | str:
    """An extract-input object (checked by pipeline/lines.py: its text keys are text) as a raw posting."""
    if not _text(row.get("title")) and not _text(row.get("description")):
        return "no_title_or_description"
    return {
        "source": _text(row.get("source")) or "import",
        "native_id": _text(row.get("id")) or _content_id(row),
        "board": None, "url": _text(row.get("url")), "title": _text(row.get("title")),
        "company": _text(row.get("company")), "location": _text(row.get("location")),
        "remote": row.get("remote") if isinstance(row.get("remote"), bool) else None,
        "posted_at": _text(row.get("posted_at")), "description": _text(row.get("description")),
        "salary": row.get("salary"), "level": _text(row.get("level")), "raw": row,
    }


def _from_jobspy(row: dict[str, Any]) -> Posting | str:
    row = {key: value for key, value in row.items() if key and value not in (None, "", "nan")}
    if not row.get("title") and not row.get("description"):
        return "no_title_or_description"
    site = _slug(row.get("site") or "unknown")
    return {
        "source": f"jobspy-{site}",
        "native_id": row.get("id") or row.get("job_url") or _content_id(row),
        "board": None, "url": row.get("job_url_direct") or row.get("job_url"), "title": row.get("title"),
        "company": row.get("company"), "location": row.get("location"),
        "remote": {"true": True, "false": False}.get((row.get("is_remote") or "").lower()),
        "posted_at": row.get("date_posted"), "description": row.get("description"),
        "salary": _jobspy_salary(row), "level": row.get("job_level"), "raw": row,
    }


def _jobspy_salary(row: dict[str, str]) -> dict[str, Any] | None:
    """JobSpy's min_amount/max_amount/currency/interval as a schema.org baseSalary."""
    low, high = _amount(row.get("min_amount")), _amount(row.get("max_amount"))
    if low is None and high is None:
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue", "minValue": low, "maxValue": high}
    unit = JOBSPY_INTERVALS.get((row.get("interval") or "").lower())
    if unit:
        value["unitText"] = unit
    return {"@type": "MonetaryAmount", "currency": row.get("currency"), "value": value}


def _amount(value: str | None) -> float | None:
    try:
        number = float(value) if value else None
    except ValueError:
        return None
    return number if number is not None and math.isfinite(number) else None


def _text(value: Any) -> str | None:
    """The value as a string, as given; None when missing or blank."""
    if value is None:
        return None
    value = str(value)
    return value if value.strip() else None


def _content_id(row: dict[str, Any]) -> str:
    """A stable id for a row that has none: the same posting imported twice is one posting."""
    basis = json.dumps([row.get(k) for k in ("company", "title", "location", "description")], default=str)
    return "sha1-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:20]


def _slug(value: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in value.lower()).strip("-")[:40] or "file"


# Each format: the file (or directory) → (row, raw posting) or (row, reason skipped).
_READERS: dict[str, Callable[[Path], Iterator[tuple[Row, Posting | str]]]] = {
    "jsonl": lambda path: _mapped(_jsonl_rows(path), _from_extract_input),
    "jobspy": lambda path: _mapped(_jobspy_rows(path), _from_jobspy),
    "aijobs": import_aijobs.aijobs_postings,
    "hn-archive": import_hn.hn_archive_postings,
    "hn-structured": import_hn.hn_structured_postings,
}
