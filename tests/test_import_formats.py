"""`mljobs import --format aijobs|hn-archive`: the ai-jobs.net salary survey and the HN "Who is hiring?" posts
archive, from real rows (tests/fixtures/import/README.md), through the CLI and through write_feed + load, checked
on the stored DuckDB rows."""

import gzip
import hashlib
import json
import lzma
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from scrapy.utils.test import get_crawler

from crawlers.spiders import hn
from pipeline import derive, extract, import_formats, importers, location, paths, vocab

FIXTURES = Path(__file__).parent / "fixtures" / "import"
AIJOBS = FIXTURES / "aijobs_salaries_sample.csv"
HN_MONTH = FIXTURES / "hn_archive" / "2015-06.json"
ROOT = Path(__file__).resolve().parent.parent


def mljobs_import(data_dir: Path, source: Path, fmt: str) -> subprocess.CompletedProcess[str]:
    """The real CLI, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "analysis", "--data-dir", str(data_dir), "import", str(source),
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
            " strftime(r.posted_at, '%Y-%m-%d') AS posted_day, f.is_ml, f.seniority, f.country, f.salary_min,"
            " f.salary_currency, f.salary_period, f.annual_min_usd"
            " FROM raw_postings r JOIN facts f USING (source, native_id) WHERE r.source = ?", [source])
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return {row["native_id"]: {**row, "raw": json.loads(row["raw"])} for row in rows}


def count(data_dir: Path) -> int:
    with duckdb.connect(str(paths.database(data_dir)), read_only=True) as con:
        return con.execute("SELECT count(*) FROM raw_postings").fetchone()[0]


# -- aijobs ------------------------------------------------------------------------------------------------
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

    source.write_bytes(b"not gzip at all")
    assert importers.write_feed(source, "aijobs", data).bad_rows == [(1, "unreadable_file")]


def test_each_level_string_reads_as_its_guide_level() -> None:
    for code, level in import_formats.AIJOBS_LEVELS.items():
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

    single = importers.write_feed(archive / "latest.json", "hn-archive", data)
    assert (single.postings, single.bad_rows) == (0, [("latest.json", "no_month")])


@pytest.mark.parametrize("fmt", ["aijobs", "hn-archive"])
def test_a_missing_input_is_a_clear_failure(tmp_path: Path, fmt: str, data: Path) -> None:
    with pytest.raises(importers.ImportFailed, match="no such file"):
        importers.write_feed(tmp_path / "nothing.json", fmt, data)
