"""`mljobs import FILE` without --format: the format told from the file's name and first row, on real fixtures."""

import csv
import gzip
import io
import json
import sqlite3
from pathlib import Path

import pytest
from mljobs.pipeline import import_formats, text
from store_feeds import real_postings
from test_import_export import JOBSPY_COLUMNS, mljobs

FIXTURES = Path(__file__).parent / "fixtures"
AIJOBS = FIXTURES / "import" / "aijobs_salaries_sample.csv"
HN_ARCHIVE = FIXTURES / "import" / "hn_archive"
HN_STRUCTURED = FIXTURES / "import" / "hn_structured_sample.jsonl"
POSTINGS = FIXTURES / "extract" / "postings.jsonl"


def jobspy_csv(path: Path, index_column: bool = False) -> Path:
    """Real lever postings as JobSpy's scrape_jobs(...).to_csv() writes them (with pandas' index column
    first unless index=False)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(([""] if index_column else []) + JOBSPY_COLUMNS)
    for number, p in enumerate(p for p in real_postings() if p["source"] == "lever"):
        row = {"id": f"li-{number}", "site": "linkedin", "job_url": f"https://www.linkedin.com/jobs/view/{number}",
               "title": p["title"], "company": p["company"], "location": p["location"],
               "description": text.clean(p["description"])}
        writer.writerow(([str(number)] if index_column else []) + [row.get(c, "") for c in JOBSPY_COLUMNS])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def jobs_db(path: Path) -> Path:
    """A SQLite jobs table holding the real hn-structured rows."""
    rows = [json.loads(line) for line in HN_STRUCTURED.read_text(encoding="utf-8").splitlines()]
    columns = list(rows[0])
    with sqlite3.connect(path) as con:
        con.execute(f"CREATE TABLE jobs ({', '.join(columns)})")
        con.executemany(f"INSERT INTO jobs VALUES ({', '.join('?' * len(columns))})",
                        [[row[c] for c in columns] for row in rows])
    con.close()
    return path


def test_a_jobspy_csv_is_recognised_by_its_header_and_imported(tmp_path: Path) -> None:
    source = jobspy_csv(tmp_path / "linkedin_pull.csv")
    result = mljobs(tmp_path / "data", "import", str(source))
    assert result.exit_code == 0, result.stderr
    assert f"recognised {source} as jobspy" in result.stderr
    exported = mljobs(tmp_path / "data", "export")
    sources = {json.loads(line)["source"] for line in exported.stdout.splitlines()}
    assert sources == {"jobspy-linkedin"}
    assert import_formats.detect(jobspy_csv(tmp_path / "with_index.csv", index_column=True)) == "jobspy"


def test_an_aijobs_csv_is_recognised_plain_and_gzipped(tmp_path: Path) -> None:
    result = mljobs(tmp_path / "data", "import", str(AIJOBS))
    assert result.exit_code == 0, result.stderr
    assert f"recognised {AIJOBS} as aijobs" in result.stderr
    gzipped = tmp_path / "salaries.csv.gz"
    gzipped.write_bytes(gzip.compress(AIJOBS.read_bytes()))
    assert import_formats.detect(gzipped) == "aijobs"


@pytest.mark.parametrize(("path", "fmt"), [
    (HN_ARCHIVE, "hn-archive"),
    (HN_ARCHIVE / "2015-06.json", "hn-archive"),
    (HN_STRUCTURED, "hn-structured"),
    (POSTINGS, "jsonl"),
])
def test_the_fixtures_are_recognised(path: Path, fmt: str) -> None:
    assert import_formats.detect(path) == fmt


def test_a_jobs_db_is_recognised_by_its_magic_bytes_and_jobs_table(tmp_path: Path) -> None:
    database = jobs_db(tmp_path / "whoishiring.sqlite")
    assert import_formats.detect(database) == "hn-structured"
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE posts (id)")
    con.close()
    assert import_formats.detect(other) is None


def test_json_lines_are_jsonl_whatever_the_name_and_with_a_bom(tmp_path: Path) -> None:
    named = tmp_path / "postings.txt"
    named.write_bytes(b"\n\xef\xbb\xbf" + POSTINGS.read_bytes())
    assert import_formats.detect(named) == "jsonl"
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n")
    assert import_formats.detect(broken) == "jsonl"  # the jsonl reader reports its lines


def test_an_unknown_file_is_one_line_listing_the_formats(tmp_path: Path) -> None:
    unknown = tmp_path / "notes.csv"
    unknown.write_text("name,age\nada,36\n")
    result = mljobs(tmp_path / "data", "import", str(unknown))
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"mljobs: cannot tell what {unknown} holds: give --format, one of "
                                     "jsonl, jobspy, aijobs, hn-archive, hn-structured")
    assert not (tmp_path / "data" / "feeds").exists() or not any((tmp_path / "data" / "feeds").iterdir())
    missing = mljobs(tmp_path / "data", "import", str(tmp_path / "nope.csv"))
    assert (missing.exit_code, missing.stderr.strip()) == (2, f"mljobs: no such file: {tmp_path / 'nope.csv'}")
