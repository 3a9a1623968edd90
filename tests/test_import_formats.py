"""`mljobs import --format aijobs|hn-archive|hn-structured`: the ai-jobs.net salary survey, the HN "Who is hiring?"
posts archive and the fields parsed from 2022–2025 HN posts, from real rows (tests/fixtures/import/README.md),
through the CLI and through write_feed + load, checked on the stored DuckDB rows."""

import gzip
import hashlib
import json
import lzma
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from mljobs.crawlers.spiders import hn
from mljobs.pipeline import derive, extract, import_aijobs, import_formats, import_hn, importers, location, vocab
from scrapy.utils.test import get_crawler

from mljobs import paths

FIXTURES = Path(__file__).parent / "fixtures" / "import"
AIJOBS = FIXTURES / "aijobs_salaries_sample.csv"
HN_MONTH = FIXTURES / "hn_archive" / "2015-06.json"
HN_STRUCTURED = FIXTURES / "hn_structured_sample.jsonl"
ROOT = Path(__file__).resolve().parent.parent


def mljobs_import(data_dir: Path, source: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    """The real CLI, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "mljobs", "--data-dir", str(data_dir), "import", str(source),
                           "--format", fmt], capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data directory, as the CLI makes one."""
    directory = tmp_path / "data"
    directory.mkdir()
    return directory


def imported(source: Path, fmt: str, data_dir: Path) -> importers.ImportResult:
    """What `mljobs import` does, through the library: the feed, then load and derive."""
    result = importers.write_feed(source, fmt, data_dir)
    derive.load_and_derive(data_dir)
    return result


def stored(data_dir: Path, source: str) -> dict[str, dict[str, Any]]:
    """Each stored posting of `source` by native id: its raw_postings columns, raw parsed, and its facts."""
    with duckdb.connect(str(paths.database(data_dir)), read_only=True) as con:
        cursor = con.execute(
            "SELECT r.native_id, r.board, r.url, r.title, r.company, r.location, r.remote, r.level, r.raw,"
            " strftime(r.posted_at, '%Y-%m-%d') AS posted_day, f.is_ml, f.role, f.seniority, f.country, f.salary_min,"
            " f.salary_currency, f.salary_period, f.annual_min_usd"
            " FROM raw_postings r JOIN facts f USING (source, native_id) WHERE r.source = ?", [source])
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return {row["native_id"]: {**row, "raw": json.loads(row["raw"])} for row in rows}


def count(data_dir: Path) -> int:
    with duckdb.connect(str(paths.database(data_dir)), read_only=True) as con:
        return con.execute("SELECT count(*) FROM raw_postings").fetchone()[0]


# -- aijobs ------------------------------------------------------------------------------------------------
@pytest.mark.slow
def test_the_survey_imports_through_the_cli_with_level_country_pay_and_stable_ids(data: Path) -> None:
    done = mljobs_import(data, AIJOBS, "aijobs")
    assert done.returncode == 0, done.stderr
    assert "read 9 postings" in done.stderr
    assert "skipped rows: not_full_time 1" in done.stderr and f"{AIJOBS}:7: not_full_time" in done.stderr

    rows = stored(data, "aijobs")
    assert len(rows) == 9
    wanted = {"EN": "entry", "MI": "mid", "SE": "senior", "EX": "senior"}  # the guide has no executive level
    for row in rows.values():
        raw = row["raw"]
        assert row["seniority"] == wanted[raw["experience_level"]], row["title"]
        assert row["title"] == raw["job_title"] and row["company"] is None
        assert (row["salary_currency"], row["salary_period"], row["salary_min"]) == (
            raw["salary_currency"], "year", float(raw["salary"]))
        assert row["annual_min_usd"] > 0
        assert row["remote"] is (raw["remote_ratio"] == "100")
        assert row["posted_day"] is None
        assert isinstance(raw["work_year"], int) and raw["company_size"] in {"S", "M", "L"}
        # Lithuania is not in the location vocabulary yet: its code is kept as the location, no country read.
        assert row["country"] == (None if raw["company_location"] == "LT" else raw["company_location"])
    us = [row for row in rows.values() if row["salary_currency"] == "USD"]
    assert us and all(row["annual_min_usd"] == row["salary_min"] for row in us)

    # The two identical answers are two postings: the same digest, occurrences 1 and 2.
    line = AIJOBS.read_text().splitlines()[1].split(",")
    digest = hashlib.sha1(json.dumps(line).encode()).hexdigest()
    assert {f"{digest}-1", f"{digest}-2"} <= set(rows)

    again = mljobs_import(data, AIJOBS, "aijobs")
    assert again.returncode == 0 and " 0 new" in again.stderr
    assert count(data) == 9


def test_a_gzipped_survey_gives_the_same_postings(tmp_path: Path, data: Path) -> None:
    packed = tmp_path / "salaries.csv.gz"
    packed.write_bytes(gzip.compress(AIJOBS.read_bytes()))
    plain = importers.write_feed(AIJOBS, "aijobs", data)
    derive.load_and_derive(data)
    result = imported(packed, "aijobs", data)
    assert result.postings == plain.postings == 9
    assert count(data) == 9  # the same ids: nothing added


def test_bad_survey_rows_are_counted_by_reason(tmp_path: Path, data: Path) -> None:
    lines = AIJOBS.read_text().splitlines()
    header, good = lines[0], lines[3]  # a senior US machine learning engineer
    source = tmp_path / "salaries.csv"
    source.write_text("\n".join([
        header, good,
        good.replace(",295680,USD,", ",,USD,"),               # no salary
        good.replace(",295680,USD,", ",n/a,USD,"),            # a salary that is no number
        good.replace(",USD,", ",,"),                          # no currency
        good.replace(",Machine Learning Engineer,", ",,"),    # no title
        good.replace(",SE,", ",XX,"),                         # an unknown level: kept, level unknown
        good.replace(",FT,", ",CT,"),                         # a contract
        good + ",extra",                                      # more fields than the header
    ]) + "\n")
    result = imported(source, "aijobs", data)
    assert result.postings == 2
    assert [reason for _, reason in result.bad_rows] == [
        "no_salary", "no_salary", "no_currency", "no_title", "not_full_time", "wrong_column_count"]
    assert sorted((row["level"] or "-") for row in stored(data, "aijobs").values()) == [
        "-", "Senior level"]


@pytest.mark.slow
def test_a_file_that_is_not_the_survey_is_refused_and_leaves_no_feed(tmp_path: Path, data: Path) -> None:
    source = tmp_path / "jobs.csv"
    source.write_text("title,description\nData Scientist,Build models\n")
    done = mljobs_import(data, source, "aijobs")
    assert done.returncode == 2 and "is not an ai-jobs.net salaries CSV: no" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(paths.feeds(data).iterdir())


def test_a_corrupt_gzip_is_a_counted_reason_not_a_traceback(tmp_path: Path, data: Path) -> None:
    source = tmp_path / "salaries.csv.gz"
    source.write_bytes(gzip.compress(AIJOBS.read_bytes())[:300])  # cut short
    result = importers.write_feed(source, "aijobs", data)
    assert 0 < result.postings < 9  # the rows before the cut are kept
    assert result.bad_rows[-1][1] == "unreadable_file" and result.problems["unreadable_file"] == 1

    source.write_bytes(b"not gzip at all")  # nothing readable at all: refused, with the reason
    with pytest.raises(importers.ImportFailed, match=r"could be read as aijobs \(unreadable_file 1\)"):
        importers.write_feed(source, "aijobs", data)


def test_each_level_string_reads_as_its_guide_level() -> None:
    for code, level in import_aijobs.AIJOBS_LEVELS.items():
        expected = {"EN": "entry", "MI": "mid"}.get(code, "senior")
        assert extract.extract({"title": "Data Scientist", "level": level})["seniority"] == expected


def test_every_country_the_vocabulary_names_reads_back_to_its_code() -> None:
    for code in vocab.load("locations")["countries"]:
        assert location.country(import_formats.country_name(code)) == code


# -- hn-archive --------------------------------------------------------------------------------------------
def spider_item(post: dict[str, Any]) -> dict[str, Any]:
    """What the hn spider writes for this post's comment, from the fields an Algolia comment carries."""
    spider = hn.HnSpider.from_crawler(get_crawler(hn.HnSpider))
    item_id = int(post["url"].rsplit("=", 1)[1])
    return dict(spider.posting({"id": item_id, "text": post["full_html"], "author": post["user"]}, None))


@pytest.mark.slow
def test_archive_posts_are_the_postings_the_hn_spider_writes(data: Path) -> None:
    done = mljobs_import(data, HN_MONTH.parent, "hn-archive")
    assert done.returncode == 0, done.stderr
    assert "read 7 postings" in done.stderr and "skipped" not in done.stderr

    posts = json.loads(HN_MONTH.read_text())
    rows = stored(data, "hn")
    assert len(rows) == len(posts)
    for post in posts:
        item = spider_item(post)
        row = rows[item["native_id"]]
        assert row["native_id"].isdigit() and post["url"].endswith(f"?id={row['native_id']}")
        assert (row["url"], row["title"], row["company"]) == (item["url"], item["title"], item["company"])
        assert row["board"] == "2015-06" and row["posted_day"] == "2015-06-01"
        assert row["location"] == post["address"] and row["raw"] == post
        assert row["remote"] is (True if post["remote"] else None)

    # The extractor reads the geocoded address ("San Francisco, CA, USA") as the archive's own country code.
    geocoded = {item_id: post["country"] for post in posts if post["country"] in {"US", "GB", "FR"}
                for item_id in [post["url"].rsplit("=", 1)[1]]}
    assert set(geocoded.values()) == {"US", "GB", "FR"}
    assert {item_id: rows[item_id]["country"] for item_id in geocoded} == geocoded
    scalyr = rows["9640153"]  # "... - San Francisco Peninsula (on-site) - $110k-$150k+, >1% equity"
    assert (scalyr["salary_currency"], scalyr["salary_period"], scalyr["annual_min_usd"]) == ("USD", "year", 110000)
    assert rows["9640076"]["is_ml"]  # "Sift Science (YCS11) is Hiring Machine Learning Experts"

    again = mljobs_import(data, HN_MONTH, "hn-archive")  # the month file alone: the same posts
    assert again.returncode == 0 and " 0 new" in again.stderr
    assert count(data) == len(posts)


def test_json_lines_of_posts_carry_their_month_and_bad_lines_are_counted(tmp_path: Path, data: Path) -> None:
    posts = json.loads(HN_MONTH.read_text())
    lines = [json.dumps({**post, "month": "2015-06"}) for post in posts]
    lines += [
        json.dumps(posts[0]),                                        # no month
        json.dumps({**posts[0], "month": "June 2015"}),              # not a month
        json.dumps({**posts[0], "month": "2015-06", "url": "https://news.ycombinator.com/"}),  # no item id
        json.dumps({**posts[0], "month": "2015-06", "full_html": "<p> </p>"}),  # no text
        "{broken", "[1, 2]",
    ]
    source = tmp_path / "posts.jsonl.xz"
    source.write_bytes(lzma.compress(("\n".join(lines) + "\n").encode()))
    result = imported(source, "hn-archive", data)
    assert result.postings == len(posts)
    assert result.problems == {"no_month": 2, "no_item_id": 1, "empty": 1, "bad_json": 1, "not_an_object": 1}
    assert result.bad_rows[0] == (len(posts) + 1, "no_month")
    rows = stored(data, "hn")
    assert {row["posted_day"] for row in rows.values()} == {"2015-06-01"}

    directory = imported(HN_MONTH.parent, "hn-archive", data)
    assert directory.postings == len(posts) and count(data) == len(posts)


def test_month_files_without_a_month_or_without_json_are_counted(tmp_path: Path, data: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "2015-06.json").write_bytes(HN_MONTH.read_bytes())
    (archive / "latest.json").write_bytes(HN_MONTH.read_bytes())
    (archive / "2015-07.json").write_text("[{")
    (archive / "2015-08.json").write_text('{"posts": []}')
    result = importers.write_feed(archive, "hn-archive", data)
    assert result.postings == 7
    assert sorted(result.bad_rows) == [("2015-07.json", "bad_json"), ("2015-08.json", "not_an_array"),
                                       ("latest.json", "no_month")]

    with pytest.raises(importers.ImportFailed, match=r"\(no_month 1\); nothing imported"):
        importers.write_feed(archive / "latest.json", "hn-archive", data)


@pytest.mark.parametrize("fmt", ["aijobs", "hn-archive", "hn-structured"])
def test_a_missing_input_is_a_clear_failure(tmp_path: Path, fmt: str, data: Path) -> None:
    with pytest.raises(importers.ImportFailed, match="no such file"):
        importers.write_feed(tmp_path / "nothing.json", fmt, data)


# -- hn-structured -----------------------------------------------------------------------------------------
JOBS_COLUMNS = ("post_link_id", "post_date", "company", "job_title", "employment_type", "salary", "remote", "city",
                "country", "languages_frameworks", "remote_rules", "how_to_apply", "post_username")


def jobs_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in HN_STRUCTURED.read_text(encoding="utf-8").splitlines()]


def jobs_db(path: Path, rows: list[dict[str, Any]], columns: tuple[str, ...] = JOBS_COLUMNS) -> Path:
    """A jobs.db as the source repository builds it (its CREATE TABLE), holding `rows`."""
    with sqlite3.connect(path) as con:
        con.execute(f"CREATE TABLE jobs ({', '.join(f'{c} TEXT' for c in columns)}, PRIMARY KEY ({columns[0]}))")
        con.executemany(f"INSERT INTO jobs VALUES ({', '.join('?' * len(columns))})",
                        [[row.get(c) for c in columns] for row in rows])
    con.close()
    return path


def spider_ids(item_id: str) -> tuple[str, str]:
    """The native id and url the hn spider writes for the comment with this id (Algolia gives ids as numbers)."""
    spider = hn.HnSpider.from_crawler(get_crawler(hn.HnSpider))
    item = spider.posting({"id": int(item_id), "text": "<p>Acme | Engineer</p>", "author": "someone"}, None)
    return item["native_id"], item["url"]


@pytest.mark.slow
def test_structured_rows_import_through_the_cli_with_the_spiders_ids_month_pay_and_country(data: Path) -> None:
    done = mljobs_import(data, HN_STRUCTURED, "hn-structured")
    assert done.returncode == 0, done.stderr
    assert "read 12 postings" in done.stderr and "skipped" not in done.stderr

    source_rows = jobs_rows()
    rows = stored(data, import_hn.HN_STRUCTURED_SOURCE)
    assert len(rows) == len(source_rows)
    # jobs.db dates these two comments of the November 2024 thread (ids below December's 42297424) 2024-12.
    moved = {"42102968", "42146099"}
    for source_row in source_rows:
        item_id, dated = source_row["post_link_id"], source_row["post_date"]  # a month, or the comment's time
        row = rows[item_id]
        assert (row["native_id"], row["url"]) == spider_ids(item_id)
        assert (row["board"], row["posted_day"]) == (("2024-11", "2024-11-01") if item_id in moved
                                                     else (dated[:7], dated[:10]))
        assert row["raw"] == source_row and row["title"] == source_row["job_title"]
        assert row["company"] == source_row["company"] and row["level"] is None
        assert row["remote"] is {"yes": True, "no": False, "hybrid": False}.get(source_row["remote"])

    ml = {item_id: (row["title"], row["role"]) for item_id, row in rows.items() if row["is_ml"]}
    assert ml == {
        "42577812": ("Machine Learning Engineer", "machine-learning-engineer"),
        "42927791": ("AI Engineer", "machine-learning-engineer"),
        "43243071": ("Data Scientist", "data-scientist"),
        # titles an "hn" posting without a body would lose (see import_hn.HN_STRUCTURED_SOURCE)
        "40579891": ("Software Engineer, Machine Learning", "machine-learning-engineer"),
        "40235577": ("Machine Learning Lead", "machine-learning-engineer"),
        "44161543": ("Head of AI", "machine-learning-engineer"),
    }
    assert rows["40235577"]["seniority"] == "senior"

    pay = {item_id: (row["salary_currency"], row["salary_period"], row["annual_min_usd"])
           for item_id, row in rows.items() if row["salary_currency"]}
    assert {item_id: currency for item_id, (currency, _, _) in pay.items()} == {
        "42920826": "USD", "42577812": "USD", "43243071": "USD", "42102968": "USD", "42919622": "GBP",
        "42920692": "EUR"}
    assert pay["42920826"] == ("USD", "year", 178500)  # "$178,500 + equity (USD)"
    assert pay["42577812"] == ("USD", "year", 160000)  # "$160k-210k (USD)", the ML row
    assert pay["43243071"] == ("USD", "year", 129900)  # "$129.9K - $216K (USD)"
    assert all(period == "year" and usd > 0 for _, period, usd in pay.values())

    assert {item_id: row["country"] for item_id, row in rows.items()} == {
        "42920826": None,  # no city or country
        "42920692": "FR",  # Paris
        "42919622": "GB", "44161543": "GB",  # UK
        "42927791": "US",  # San Francisco, CA: a state, not Canada
        "43243071": "US", "42102968": "US",  # US
        "42146099": "US",  # Remote (US)
        "42577812": "US",  # USA
        "39931622": "DE",  # Berlin, DE: Germany, not Delaware
        "40579891": None, "40235577": None,  # remote, no country
    }

    again = mljobs_import(data, HN_STRUCTURED, "hn-structured")
    assert again.returncode == 0 and " 0 new" in again.stderr
    assert count(data) == len(source_rows)


def test_a_jobs_db_gives_the_same_postings_as_its_rows_in_json_lines(tmp_path: Path, data: Path) -> None:
    database = jobs_db(tmp_path / "jobs.db", jobs_rows())
    from_lines = list(import_hn.hn_structured_postings(HN_STRUCTURED))
    from_database = list(import_hn.hn_structured_postings(database))
    assert [posting for _, posting in from_database] == [posting for _, posting in from_lines]
    assert [row for row, _ in from_database] == list(range(1, 13))  # rowids

    packed = tmp_path / "jobs.jsonl.xz"
    packed.write_bytes(lzma.compress(HN_STRUCTURED.read_bytes()))
    assert imported(database, "hn-structured", data).postings == 12
    assert imported(packed, "hn-structured", data).postings == 12
    assert count(data) == 12  # the same ids: nothing added


def test_bad_structured_rows_are_counted_by_reason(tmp_path: Path, data: Path) -> None:
    good = jobs_rows()[9]  # the Machine Learning Engineer, 42577812
    bad = [
        {**good, "post_link_id": None},                                 # no comment id
        {**good, "post_link_id": "https://news.ycombinator.com/item"},  # not an id
        {**good, "job_title": "  "},                                    # no title
        {**good, "post_date": "February 2025"},                         # not a date
        {**good, "post_date": None},                                    # no date
    ]
    source = tmp_path / "jobs.jsonl"
    source.write_text("\n".join([*map(json.dumps, [good, *bad]), "{broken", "[1, 2]"]) + "\n")
    result = imported(source, "hn-structured", data)
    assert result.postings == 1
    assert result.bad_rows == [(2, "no_item_id"), (3, "no_item_id"), (4, "no_title"), (5, "no_month"),
                               (6, "no_month"), (7, "bad_json"), (8, "not_an_object")]

    database = jobs_db(tmp_path / "jobs.db", [good, {**bad[2], "post_link_id": "1"}])
    assert importers.write_feed(database, "hn-structured", data).bad_rows == [(2, "no_title")]


@pytest.mark.slow
def test_a_database_that_is_not_a_jobs_db_is_refused_and_leaves_no_feed(tmp_path: Path, data: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE posts (id TEXT)")
    con.close()
    done = mljobs_import(data, other, "hn-structured")
    assert done.returncode == 2 and "has no readable jobs table" in done.stderr and "Traceback" not in done.stderr

    narrow = jobs_db(tmp_path / "narrow.db", jobs_rows(), ("post_link_id", "job_title"))
    with pytest.raises(importers.ImportFailed, match="not a Who-is-hiring jobs.db: no post_date column"):
        importers.write_feed(narrow, "hn-structured", data)
    assert not list(paths.feeds(data).iterdir())


def test_a_file_with_no_readable_row_is_refused_and_leaves_no_feed(tmp_path: Path) -> None:
    text = tmp_path / "notes.md"
    text.write_text("# not postings\n\nsome prose\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mljobs", "--data-dir", str(tmp_path / "data"), "import", str(text),
                           "--format", "hn-archive"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "no row of" in done.stderr and "bad_json 2" in done.stderr and "nothing imported" in done.stderr
    assert not list((tmp_path / "data" / "feeds").glob("*"))  # no orphan feed for a later load to pick up
