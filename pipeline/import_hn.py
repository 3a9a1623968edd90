"""The `hn-archive` and `hn-structured` import formats.

`hn-archive`: the HN "Who is hiring?" posts archive (gaganpreet/hn-hiring-mapped, Unlicense): a directory of
YYYY-MM.json month files (JSON arrays of posts), one such file, or JSON Lines (plain, .gz or .xz) of the same
posts each with a "month" key. Each post becomes the raw posting the `hn` spider writes for that comment
(same source, native id, board and title), so a later crawl of the thread updates it instead of adding a copy.

`hn-structured`: the fields one author parsed out of HN "Who is hiring?" comments 2022-12 → 2025-10
(Amber-Williams/hackernews-whos-hiring, MIT): its SQLite jobs.db (table `jobs`), or JSON Lines (plain, .gz or
.xz) of the same row objects. One row per comment (with one of its roles: the last the author's table listed),
no post text. Each row keeps the native id, url and board the `hn` spider writes for that comment and is titled
by the row's job title, under a source of its own (HN_STRUCTURED_SOURCE says why).
"""

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from mljobs.pipeline import location, vocab
from mljobs.pipeline.import_formats import (
    HN_STRUCTURED_NEEDED,
    SQLITE_MAGIC,
    UNREADABLE,
    ImportFailed,
    Posting,
    Row,
    country_names,
    month_of,
    object_lines,
    open_binary,
)

HN_ITEM_URL = "https://news.ycombinator.com/item?id={}"  # the hn spider's url for a comment
_ITEM_ID = re.compile(r"[?&]id=(\d+)(?!\w)")


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
        yield from object_lines(path, _from_hn_line)


def _month_file(path: Path, in_directory: bool) -> Iterator[tuple[Row, Posting | str]]:
    """A JSON array of one month's posts; the month is the file's name. A problem with the whole file is
    reported against its name, a post by its number (after the file's name inside a directory)."""
    month = month_of(path.stem)
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











def _from_hn_line(post: dict[str, Any]) -> Posting | str:
    """A post of the bundled JSON Lines, naming its month."""
    month = month_of(post.get("month"))
    return "no_month" if month is None else _from_hn_post(post, month)


def _from_hn_post(post: Any, month: str) -> Posting | str:
    # Scrapy loads only for this format: the spider's own header readers, so titles match a crawl's.
    from mljobs.crawlers.spiders import hn

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





# -- hn-structured -----------------------------------------------------------------------------------------

# The "Ask HN: Who is hiring?" story of each month jobs.db covers. jobs.db dates a comment by the monthly table
# it was parsed into, and its 2024-12 table holds 110 comments of the November 2024 thread: a comment older
# than its month's story is in an earlier thread, the one the spider files it under.
HN_THREADS = {
    "2022-12": 33818037, "2023-01": 34219335, "2023-02": 34612353, "2023-03": 34983767, "2023-04": 35424807,
    "2023-05": 35773707, "2023-06": 36152014, "2023-07": 36573871, "2023-08": 36956867, "2023-09": 37351667,
    "2023-10": 37739028, "2023-11": 38099086, "2023-12": 38490811, "2024-01": 38842977, "2024-02": 39217310,
    "2024-03": 39562986, "2024-04": 39894820, "2024-05": 40224213, "2024-06": 40563283, "2024-07": 40846428,
    "2024-08": 41129813, "2024-09": 41425910, "2024-10": 41709301, "2024-11": 42017580, "2024-12": 42297424,
    "2025-01": 42575537, "2025-02": 42919502, "2025-03": 43243024, "2025-04": 43547611, "2025-05": 43858554,
    "2025-06": 44159528, "2025-07": 44434576, "2025-08": 44757794, "2025-09": 45093192, "2025-10": 45438503,
}
# Not "hn", though the ids, urls and boards are the spider's: pipeline/extract.py reads an "hn" posting without a
# body as an old header-less comment and keeps only the "… engineer/scientist/developer" phrases of its title,
# which drops "Machine Learning Lead", "Head of AI", "Software Engineer (ML)" (114 of the 814 ML titles of
# jobs.db) and 1,274 of its 4,143 seniority readings. Also, one title per comment is not the whole post the hn
# series reads its roles from, so these rows are a series of their own.
HN_STRUCTURED_SOURCE = "hn-structured"
# jobs.db's remote column: yes, no, hybrid or unknown. Hybrid is not remote, as the extractor reads "hybrid".
_HN_REMOTE = {"yes": True, "no": False, "hybrid": False}
_BLANK = {"", "null", "none", "unknown", "n/a"}  # how jobs.db says a city or country is not known


def hn_structured_postings(path: Path) -> Iterator[tuple[Row, Posting | str]]:
    """The rows of a jobs.db (numbered by rowid) or of JSON Lines of its row objects (numbered by line)."""
    with open_binary(path) as handle:
        try:
            is_sqlite = handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
        except UNREADABLE:
            is_sqlite = False  # a broken .gz/.xz: the line reader counts it
    yield from _jobs_table(path) if is_sqlite else object_lines(path, _from_jobs_row)


def _jobs_table(path: Path) -> Iterator[tuple[Row, Posting | str]]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        try:
            cursor = connection.execute("SELECT rowid AS _rowid, * FROM jobs ORDER BY rowid")
        except sqlite3.DatabaseError as error:  # no jobs table, or not a database after its header
            raise ImportFailed(f"{path} has no readable jobs table: {error}") from None
        missing = set(HN_STRUCTURED_NEEDED) - {column[0] for column in cursor.description}
        if missing:
            raise ImportFailed(f"{path} is not a Who-is-hiring jobs.db: no {', '.join(sorted(missing))} column")
        number = 0
        try:
            for record in cursor:
                row = dict(record)
                number = row.pop("_rowid")
                yield number, _from_jobs_row(row)
        except sqlite3.DatabaseError:  # a corrupt page: the rows before it are kept
            yield number + 1, "unreadable_file"
    finally:
        connection.close()


def _from_jobs_row(row: dict[str, Any]) -> Posting | str:
    digits = _field(row, "post_link_id")
    if not (digits.isascii() and digits.isdigit()):
        return "no_item_id"
    comment = int(digits)
    item_id = str(comment)  # as the spider writes an Algolia id
    title = _field(row, "job_title")
    if not title:
        return "no_title"
    try:
        dated = datetime.fromisoformat(_field(row, "post_date"))
    except ValueError:
        return "no_month"
    if dated.tzinfo is not None:  # HN times are UTC; jobs.db writes them without a zone
        dated = dated.astimezone(UTC).replace(tzinfo=None)
    month = _threadmonth_of(comment, f"{dated:%Y-%m}")
    city, country = _field(row, "city"), _field(row, "country")
    city = "" if city.lower() in _BLANK else city
    place = ", ".join(part for part in (city, _country_words(city, country)) if part)
    return {
        "source": HN_STRUCTURED_SOURCE, "native_id": item_id, "board": month, "url": HN_ITEM_URL.format(item_id),
        "title": title, "company": _field(row, "company") or None, "location": place or None,
        "remote": _HN_REMOTE.get(_field(row, "remote").lower()),
        # The comment's own time where jobs.db has it, else its month; a comment moved to an earlier thread is
        # dated by that thread's month.
        "posted_at": f"{dated:%Y-%m-%dT%H:%M:%S}Z" if month == f"{dated:%Y-%m}" else f"{month}-01T00:00:00Z",
        # The post's words are not in jobs.db; its languages_frameworks column is that author's reading, kept in
        # raw only, so skills are never counted from it as if the post said them.
        "description": None, "salary": _field(row, "salary") or None, "level": None, "raw": row,
    }


def _field(row: dict[str, Any], key: str) -> str:
    """A column as stripped text; "" when missing or null. Numbers too (a JSON copy may hold ids as numbers)."""
    value = row.get(key)
    return str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""


def _threadmonth_of(item_id: int, month: str) -> str:
    story = HN_THREADS.get(month)
    if story is None or item_id >= story:
        return month
    return max((earlier for earlier, first in HN_THREADS.items() if first <= item_id), default=month)


def _country_words(city: str, country: str) -> str:
    """jobs.db's country as words pipeline/location.py reads. The column holds names ("USA", "Germany"), ISO codes
    ("SE", "DE") and US state codes ("CA", "NY": the converter's split of "Austin, TX"). location.py reads names,
    a few codes ("US", "UK", "NL") and ", XX" as a US state or Canadian province, so another ISO code becomes its
    country's name, and a code that is also a state or province ("DE", "IN", "CA") does only when the city is in
    that country ("Berlin, DE" → Germany; "San Francisco, CA" stays Californian)."""
    if country.lower() in _BLANK:
        return ""
    code = country.upper()
    if location.country(country) is not None or code not in country_names():  # a name it reads ("US", "UK")
        return country
    if code in _regions() and location.country(city) != code:
        return country
    return country_names()[code]


@cache
def _regions() -> frozenset[str]:
    codes = vocab.load("locations")["codes"]
    return frozenset(codes["us_states"] + codes["ca_provinces"])
