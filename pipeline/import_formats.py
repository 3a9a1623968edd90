"""Row readers for `mljobs import` formats that are whole published data sets rather than postings files.

`aijobs`: the ai-jobs.net salary survey CSV (foorilla/ai-jobs-net-salaries, CC0), plain or .gz. One survey
answer per row: a job title, an experience level, the pay in its own currency and the company's country.
Levels map to the guide's three: EN → entry, MI → mid, SE → senior, and EX (executive) → senior, since the
guide has no executive level. Only full-time rows are kept: a part-time or contract amount is not an annual
full-time salary.

`hn-archive`: the HN "Who is hiring?" posts archive (gaganpreet/hn-hiring-mapped, Unlicense): a directory of
YYYY-MM.json month files (JSON arrays of posts), one such file, or JSON Lines (plain, .gz or .xz) of the same
posts each with a "month" key. Each post becomes the raw posting the `hn` spider writes for that comment
(same source, native id, board and title), so a later crawl of the thread updates it instead of adding a copy.

Each reader yields (row, posting) pairs, or (row, reason) for a row it skips; `row` says where the row is
(a line or record number, or "file:index" inside a directory).
"""

import csv
import gzip
import hashlib
import io
import json
import lzma
import math
import re
import sys
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

from pipeline import vocab

Row = int | str
Posting = dict[str, Any]

AIJOBS_COLUMNS = ("work_year", "experience_level", "employment_type", "job_title", "salary", "salary_currency",
                  "salary_in_usd", "employee_residence", "remote_ratio", "company_location", "company_size")
_AIJOBS_NEEDED = {"experience_level", "employment_type", "job_title", "salary", "salary_currency",
                  "remote_ratio", "company_location"}
# Strings the extractor's level reader (pipeline/seniority.py) reads as entry/mid/senior. The guide has three
# levels: executives (EX) are counted as senior.
AIJOBS_LEVELS = {"EN": "Entry level", "MI": "Mid level", "SE": "Senior level", "EX": "Senior level"}

HN_ITEM_URL = "https://news.ycombinator.com/item?id={}"  # the hn spider's url for a comment
_ITEM_ID = re.compile(r"[?&]id=(\d+)(?!\w)")
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
# A compressed file cut short or corrupt, or a CSV with a NUL byte: the rows before it are kept.
_UNREADABLE = (OSError, EOFError, lzma.LZMAError, csv.Error)


class ImportFailed(Exception):
    """The input cannot be read at all (missing file, unknown format, not the format's columns)."""


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when its name ends .gz or .xz."""
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")
    if path.name.endswith(".xz"):
        return lzma.open(path, "rb")
    return path.open("rb")


# -- aijobs ------------------------------------------------------------------------------------------------

def aijobs_postings(path: Path) -> Iterator[tuple[Row, Posting | str]]:
    """One raw posting per full-time survey answer with a salary."""
    csv.field_size_limit(sys.maxsize)
    with io.TextIOWrapper(open_binary(path), encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.DictReader(handle)
        try:
            missing = _AIJOBS_NEEDED - set(reader.fieldnames or ())
        except _UNREADABLE:
            yield 1, "unreadable_file"
            return
        if missing:
            raise ImportFailed(f"{path} is not an ai-jobs.net salaries CSV: no {', '.join(sorted(missing))} column")
        seen: Counter[str] = Counter()
        number = 1
        try:
            for number, row in enumerate(reader, 2):  # numbered as lines: row 2 is the first after the header
                yield number, _from_aijobs(row, seen)
        except _UNREADABLE:
            yield number + 1, "unreadable_file"


def _from_aijobs(row: dict[str | None, str | None], seen: Counter[str]) -> Posting | str:
    if None in row or None in row.values():  # more or fewer fields than the header names
        return "wrong_column_count"
    values: dict[str, str] = {str(key): (value or "").strip() for key, value in row.items()}
    if values["employment_type"].upper() != "FT":
        return "not_full_time"
    amount = _positive(values["salary"])
    if amount is None:
        return "no_salary"
    if not values["salary_currency"]:
        return "no_currency"
    if not values["job_title"]:
        return "no_title"
    # Identical rows are distinct answers: the k-th copy in the file is "<sha1>-k", the same in every version
    # of the file that holds it. The known columns in a fixed order, so a new column would not change ids.
    digest = hashlib.sha1(json.dumps([values.get(c, "") for c in AIJOBS_COLUMNS]).encode("utf-8")).hexdigest()
    seen[digest] += 1
    raw: dict[str, Any] = dict(values)
    if values.get("work_year", "").isdigit():
        raw["work_year"] = int(values["work_year"])
    return {
        "source": "aijobs", "native_id": f"{digest}-{seen[digest]}", "board": None, "url": None,
        "title": values["job_title"], "company": None, "location": country_name(values["company_location"]),
        "remote": _remote(values["remote_ratio"]), "posted_at": None,  # the survey dates a row by year only
        "description": None,
        "salary": {"@type": "MonetaryAmount", "currency": values["salary_currency"].upper(),
                   "value": {"@type": "QuantitativeValue", "minValue": amount, "maxValue": amount,
                             "unitText": "YEAR"}},
        "level": AIJOBS_LEVELS.get(values["experience_level"].upper()), "raw": raw,
    }


def country_name(code: str) -> str | None:
    """An ISO 3166-1 alpha-2 code as the country name pipeline/location.py reads back to that code (it reads
    names, not bare codes: "DE" is not Germany to it); a code it has no name for stays as given."""
    return _country_names().get(code.upper(), code.upper()) if code else None


@cache
def _country_names() -> dict[str, str]:
    # The first spelling of each country in the location vocabulary is its English name.
    return {code: names[0].title() for code, names in vocab.load("locations")["countries"].items()}


def _positive(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and number > 0 else None


def _remote(ratio: str) -> bool | None:
    """Fully remote (remote_ratio 100) or not (0, or 50 = hybrid); None when the ratio is missing."""
    return int(ratio) == 100 if ratio.isdigit() else None


# -- hn-archive --------------------------------------------------------------------------------------------

def hn_archive_postings(path: Path) -> Iterator[tuple[Row, Posting | str]]:
    """The posts of a directory of YYYY-MM.json files, of one such file, or of a JSON Lines file."""
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise ImportFailed(f"{path} holds no YYYY-MM.json month files")
        for file in files:
            yield from _month_file(file, in_directory=True)
    elif path.name.endswith(".json"):
        yield from _month_file(path, in_directory=False)
    else:
        yield from _month_lines(path)


def _month_file(path: Path, in_directory: bool) -> Iterator[tuple[Row, Posting | str]]:
    """A JSON array of one month's posts; the month is the file's name. A problem with the whole file is
    reported against its name, a post by its number (after the file's name inside a directory)."""
    month = _month(path.stem)
    if month is None:
        yield path.name, "no_month"
        return
    try:
        posts = json.loads(path.read_bytes())
    except ValueError:  # also a UnicodeDecodeError
        yield path.name, "bad_json"
        return
    if not isinstance(posts, list):
        yield path.name, "not_an_array"
        return
    for index, post in enumerate(posts, 1):
        yield f"{path.name}:{index}" if in_directory else index, _from_hn_post(post, month)


def _month_lines(path: Path) -> Iterator[tuple[Row, Posting | str]]:
    """JSON Lines of posts, each naming its month."""
    number = 0
    try:
        with open_binary(path) as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield number, _from_hn_line(line)
    except _UNREADABLE:
        yield number + 1, "unreadable_file"


def _from_hn_line(line: bytes) -> Posting | str:
    try:
        post = json.loads(line)
    except ValueError:
        return "bad_json"
    if not isinstance(post, dict):
        return "not_an_object"
    month = _month(post.get("month"))
    return "no_month" if month is None else _from_hn_post(post, month)


def _from_hn_post(post: Any, month: str) -> Posting | str:
    # Scrapy loads only for this format: the spider's own header readers, so titles match a crawl's.
    from crawlers.spiders import hn

    if not isinstance(post, dict):
        return "not_an_object"
    item = _ITEM_ID.search(post.get("url") if isinstance(post.get("url"), str) else "")
    if item is None:
        return "no_item_id"
    html = post.get("full_html") if isinstance(post.get("full_html"), str) else ""
    title = hn.header_line(html)
    if not title:
        return "empty"  # the spider skips a comment without text the same way
    address = post.get("address")
    return {
        "source": "hn", "native_id": item.group(1), "board": month, "url": HN_ITEM_URL.format(item.group(1)),
        "title": title, "company": hn.header({"text": html}).company,
        "location": address if isinstance(address, str) and address.strip() else None,
        "remote": True if post.get("remote") is True else None,  # the archive's False means "not said"
        "posted_at": f"{month}-01T00:00:00Z",  # the archive dates a post by its thread's month
        "description": html, "salary": None, "level": None, "raw": post,
    }


def _month(value: Any) -> str | None:
    return value if isinstance(value, str) and _MONTH.fullmatch(value) else None
