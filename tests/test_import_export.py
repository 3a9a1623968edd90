"""`mljobs import` (extract-input JSON Lines, JobSpy CSV) and `mljobs export` (jsonl, csv, parquet), run
through the Typer app as a user runs them."""

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from mljobs.pipeline import extract, text
from store_feeds import real_postings
from typer.testing import CliRunner, Result

from mljobs.cli import app

JOBSPY_COLUMNS = [  # the column order of JobSpy's scrape_jobs() DataFrame
    "id", "site", "job_url", "job_url_direct", "title", "company", "location", "date_posted", "job_type",
    "salary_source", "interval", "min_amount", "max_amount", "currency", "is_remote", "job_level",
    "job_function", "listing_type", "emails", "description", "company_industry", "company_url", "company_logo",
    "company_url_direct", "company_addresses", "company_num_employees", "company_revenue", "company_description",
]


def mljobs(data_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--data-dir", str(data_dir), *args])


def extract_inputs() -> list[dict]:
    return [{"id": f"{p['source']}-{p['native_id']}", "title": p["title"], "company": p["company"],
             "location": p["location"], "description": p["description"], "salary": p["salary"],
             "level": p["level"], "source": p["source"], "posted_at": p["posted_at"], "url": p["url"]}
            for p in real_postings()]


def exported_jsonl(data_dir: Path) -> list[dict]:
    result = mljobs(data_dir, "export", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout_bytes.decode().splitlines()]


def test_jsonl_import_gives_each_posting_the_facts_extract_gives_it(tmp_path: Path) -> None:
    records = extract_inputs()
    source = tmp_path / "postings.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records[:9]) + "\n{broken\n"
                      + "\n".join(json.dumps(r) for r in records[9:]) + "\n")
    result = mljobs(tmp_path / "data", "import", str(source))
    assert result.exit_code == 0, result.stderr
    assert f"read {len(records)} postings" in result.stderr
    assert f"{source}:10: not_json" in result.stderr

    exported = {row["native_id"]: row for row in exported_jsonl(tmp_path / "data")}
    assert len(exported) == len(records)
    for record in records:
        row = exported[record["id"]]
        facts = extract.extract(record)
        assert (row["is_ml"], row["role"], row["seniority"]) == (facts["is_ml"], facts["role"], facts["seniority"])
        assert row["skills"] == sorted(set(facts["skills"]))
        assert (row["title"], row["company"], row["url"]) == (record["title"], record["company"], record["url"])
        assert row["description"] == text.clean(record["description"] or "")
        assert row["id"] == f"{record['source']}:{record['id']}"

    again = mljobs(tmp_path / "data", "import", str(source))
    assert "0 new" in again.stderr
    assert len(exported_jsonl(tmp_path / "data")) == len(records)


def test_a_jobspy_csv_imports_with_its_salary_and_exports_to_csv_and_parquet(tmp_path: Path) -> None:
    postings = [p for p in real_postings() if p["source"] == "lever"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=JOBSPY_COLUMNS)
    writer.writeheader()
    for number, p in enumerate(postings):
        writer.writerow({
            "id": f"li-{4100 + number}", "site": "linkedin", "job_url": f"https://www.linkedin.com/jobs/view/{number}",
            "job_url_direct": p["url"], "title": p["title"], "company": p["company"], "location": p["location"],
            "date_posted": "2026-11-02", "job_type": "fulltime", "is_remote": "False", "job_level": "mid-senior level",
            "description": text.clean(p["description"]),
            **({"salary_source": "direct_data", "interval": "yearly", "min_amount": "150000.0",
                "max_amount": "180000.0", "currency": "USD"} if number == 0 else {}),
        })
    source = tmp_path / "linkedin_pull.csv"
    source.write_text(out.getvalue(), encoding="utf-8")

    result = mljobs(tmp_path / "data", "import", str(source), "--format", "jobspy")
    assert result.exit_code == 0, result.stderr
    rows = {row["native_id"]: row for row in exported_jsonl(tmp_path / "data")}
    assert set(rows) == {f"li-{4100 + n}" for n in range(len(postings))}
    first = rows["li-4100"]
    assert first["source"] == "jobspy-linkedin"
    assert first["url"] == postings[0]["url"]
    assert first["remote"] is False
    salary = {"@type": "MonetaryAmount", "currency": "USD", "value": {
        "@type": "QuantitativeValue", "minValue": 150000.0, "maxValue": 180000.0, "unitText": "YEAR"}}
    expected = extract.extract({"title": first["title"], "description": text.clean(postings[0]["description"]),
                                "salary": salary, "level": "mid-senior level", "source": "jobspy-linkedin"})
    got = first["salary"]
    want = expected["salary"]
    assert (got and {k: got[k] for k in ("min", "max", "currency", "period")}) == (
        want and {k: want[k] for k in ("min", "max", "currency", "period")})
    assert first["seniority"] == expected["seniority"]

    csv_file, parquet_file = tmp_path / "all.csv", tmp_path / "all.parquet"
    assert mljobs(tmp_path / "data", "export", "--format", "csv", "--output", str(csv_file)).exit_code == 0
    assert mljobs(tmp_path / "data", "export", "--format", "parquet", "-o", str(parquet_file)).exit_code == 0
    with csv_file.open(newline="", encoding="utf-8") as handle:
        flat = {row["native_id"]: row for row in csv.DictReader(handle)}
    assert flat.keys() == rows.keys()
    assert flat["li-4100"]["skills"] == "; ".join(first["skills"])
    assert (float(flat["li-4100"]["salary.min"]) if got else flat["li-4100"]["salary.min"]) == (
        got["min"] if got else "")
    table = pq.read_table(parquet_file)
    assert table.num_rows == len(rows)
    assert {"id", "is_ml", "role", "seniority", "skills", "salary", "source", "url", "company", "title",
            "location", "posted_at", "first_seen", "last_seen", "description"} <= set(table.column_names)
    assert sorted(table.column("native_id").to_pylist()) == sorted(rows)


def test_bad_requests_fail_with_one_clear_line(tmp_path: Path) -> None:
    missing = mljobs(tmp_path, "import", str(tmp_path / "nope.csv"), "--format", "jobspy")
    assert (missing.exit_code, missing.stderr.strip()) == (2, f"mljobs: no such file: {tmp_path / 'nope.csv'}")
    (tmp_path / "x.jsonl").write_text("{}\n")
    wrong = mljobs(tmp_path, "import", str(tmp_path / "x.jsonl"), "--format", "xml")
    assert wrong.exit_code == 2 and "unknown format 'xml'" in wrong.stderr
    empty = mljobs(tmp_path / "fresh", "export")
    assert empty.exit_code == 1 and "no database" in empty.stderr and "mljobs crawl" in empty.stderr
    not_jobspy = mljobs(tmp_path, "import", str(tmp_path / "x.jsonl"), "--format", "jobspy")
    assert not_jobspy.exit_code == 2 and "not a JobSpy CSV" in not_jobspy.stderr


def test_csv_export_neutralises_spreadsheet_formulas_and_jsonl_keeps_them(tmp_path: Path) -> None:
    hostile = {"id": "evil-1", "title": '=HYPERLINK("http://example.invalid","Senior ML Engineer")',
               "company": "@SUM(1+1)", "location": "-London", "description": "Build models in Python.",
               "source": "jobspy"}
    plain = {"id": "plain-1", "title": "Machine Learning Engineer", "company": "Acme", "location": "Berlin",
             "description": "PyTorch.", "source": "jobspy"}
    source = tmp_path / "postings.jsonl"
    source.write_text(json.dumps(hostile) + "\n" + json.dumps(plain) + "\n")
    assert mljobs(tmp_path / "data", "import", str(source), "--format", "jsonl").exit_code == 0
    out = tmp_path / "all.csv"
    assert mljobs(tmp_path / "data", "export", "--format", "csv", "--output", str(out)).exit_code == 0
    with out.open(newline="", encoding="utf-8") as handle:
        rows = {row["native_id"]: row for row in csv.DictReader(handle)}
    assert rows["evil-1"]["title"] == "'" + hostile["title"]
    assert (rows["evil-1"]["company"], rows["evil-1"]["location"]) == ("'@SUM(1+1)", "'-London")
    assert (rows["plain-1"]["title"], rows["plain-1"]["company"]) == ("Machine Learning Engineer", "Acme")
    as_given = {row["native_id"]: row for row in exported_jsonl(tmp_path / "data")}
    assert as_given["evil-1"]["title"] == hostile["title"]  # only the CSV is made inert


def test_duplicate_ids_in_one_file_the_last_line_wins(tmp_path: Path) -> None:
    lines = [{"id": f"p{n}", "title": f"Posting {n}", "company": "Acme", "description": "Python."} for n in range(300)]
    for position, title in ((0, "First of dup"), (150, "Middle of dup"), (299, "Last of dup")):
        lines.insert(position, {"id": "dup", "title": title, "company": "Acme", "description": title})
    source = tmp_path / "postings.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = mljobs(tmp_path / "data", "import", str(source), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert "read 301 postings" in result.stderr and "2 rows repeated the id of a later row" in result.stderr
    rows = {row["native_id"]: row for row in exported_jsonl(tmp_path / "data")}
    assert len(rows) == 301
    assert (rows["dup"]["title"], rows["dup"]["description"]) == ("Last of dup", "Last of dup")
