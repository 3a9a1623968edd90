"""Draw the 3,000-posting labelling corpus (issue 11) at random from every source kind in ../shared.

Reproducible: a fixed seed, sources read in a fixed order, rows already in an earlier labelled set (same
title and text) or repeated within a source left out. Each row is an extract input exactly as the source
gives it (the labelled sets' format, tests/fixtures/labelled/README.md); no extractor runs here.

    python scripts/sample_corpus.py ../shared OUT.jsonl                      # the corpus (corpus.jsonl)
    python scripts/sample_corpus.py ../shared OUT.jsonl --second-final     # untouched.jsonl

A random fifth (the `final` split) is marked here, before anyone labels, so no choice made while looking
at the labels can move a row into or out of it.

`--second-final` draws a second untouched test set (untouched.jsonl): a quarter of each quota, another seed,
every row already labelled left out, every row in the `final` split. It was drawn because the corpus's fifth had
been scored once and later changes would have been judged on it a second time.
"""

import csv
import json
import random
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SEED = 20261206
# Rows per source kind: every kind the product reads, weighted toward the ones with ML postings to learn
# from (HN threads are mostly non-ML; the survey and LinkedIn are titles only).
QUOTAS = {
    "hn-2013-2018": 820, "hn-2024": 250, "hn-2012": 50, "hn-2011": 40, "hn-structured": 200,
    "glassdoor-2021": 320, "glassdoor-2020": 300, "glassdoor-uk": 150, "indeed-uk": 30,
    "linkedin": 520, "aijobs": 300, "greenhouse-anthropic": 100, "themuse": 60, "ashby-cursor": 10,
}
FINAL_SHARE = 0.2
Row = dict[str, Any]

csv.field_size_limit(1 << 30)


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return list(csv.DictReader(handle))


def _posting(id_: str, source: str, title: str = "", company: str = "", location: str = "",
             description: str = "", salary: Any = None, level: str | None = None) -> Row:
    row: Row = {"id": id_, "title": title, "company": company, "location": location,
                "description": description, "source": source}
    if salary not in (None, ""):
        row["salary"] = salary
    if level:
        row["level"] = level
    return row


def hn_2013_2018(shared: Path) -> Iterator[Row]:
    for month in sorted((shared / "datasets/hn_whoishiring_2013_2018_full").glob("*.json")):
        for post in json.loads(month.read_bytes()):
            item = post.get("url", "").rsplit("id=", 1)[-1]
            if post.get("full_html"):
                yield _posting(f"hn-{month.stem.replace('-', '')}-{item}", "hackernews",
                               description=post["full_html"])


def hn_2024(shared: Path) -> Iterator[Row]:
    for name in ("202407", "202408"):
        for row in _csv(shared / f"datasets/hn_whoishiring_2024_llm/{name}_classified.csv"):
            item = row["URL"].rsplit("id=", 1)[-1]
            if row.get("Original Text"):
                yield _posting(f"hn-{name}-{item}", "hackernews", description=row["Original Text"])


def hn_2012(shared: Path) -> Iterator[Row]:
    import re

    page = (shared / "datasets/hn_whoishiring_2012_html/dec2012.html").read_text(encoding="utf-8")
    # Each comment: its id in the reply link, its text between the comment span's font tags.
    for item, body in re.findall(
        r'<a href="item\?id=(\d+)">link</a>.*?<span class="comment"><font color=#000000>(.*?)</font></span>', page, re.S
    ):
        yield _posting(f"hn-2012-{item}", "hackernews", description=body)


def hn_2011(shared: Path) -> Iterator[Row]:
    thread = json.loads((shared / "fixtures/payloads/hn/algolia_items_2396027_whoishiring_2011-04.json").read_bytes())
    for child in thread["children"]:
        if child.get("text"):
            yield _posting(f"hn-2011-{child['id']}", "hackernews", description=child["text"])


def hn_structured(shared: Path) -> Iterator[Row]:
    with sqlite3.connect(shared / "datasets/hn_whoishiring_2022_2025_structured/jobs.db") as db:
        for item, company, title, salary, city, country in db.execute(
            "SELECT post_link_id, company, job_title, salary, city, country FROM jobs ORDER BY post_link_id"
        ):
            where = ", ".join(part for part in (city, country) if part)
            yield _posting(f"hn-structured-{item}", "hn-structured", title=title or "", company=company or "",
                           location=where, salary=salary)


def _glassdoor(path: Path, prefix: str, index_key: str | None) -> Iterator[Row]:
    for number, row in enumerate(_csv(path)):
        index = int(row[index_key]) if index_key else number
        yield _posting(f"{prefix}-{index:04d}", "glassdoor", title=row["Job Title"], company=row["Company Name"],
                       location=row.get("Location", ""), description=row["Job Description"],
                       salary=row.get("Salary Estimate"))


def glassdoor_2021(shared: Path) -> Iterator[Row]:
    yield from _glassdoor(shared / "datasets/glassdoor_ds_2021/Uncleaned_DS_jobs.csv", "glassdoor-2021", "index")


def glassdoor_2020(shared: Path) -> Iterator[Row]:
    yield from _glassdoor(shared / "datasets/glassdoor_ds_salary/glassdoor_jobs.csv", "glassdoor-2020", "")


def glassdoor_uk(shared: Path) -> Iterator[Row]:
    yield from _glassdoor(shared / "datasets/uk_ds_ml_jobs_2024/glassdoor_uk_jobs.csv", "glassdoor-uk", None)


def indeed_uk(shared: Path) -> Iterator[Row]:
    for kind, name in (("ml", "indeed_uk_ml_jobs.csv"), ("ds", "indeed_uk_jobs_data_scientist.csv")):
        for number, row in enumerate(_csv(shared / "datasets/uk_ds_ml_jobs_2024" / name)):
            yield _posting(f"indeed-uk-{kind}-{number:04d}", "indeed", title=row["Job Title"],
                           company=row["Company Name"], location=row["Location"], description=row["Job Description"])


def linkedin(shared: Path) -> Iterator[Row]:
    for number, row in enumerate(_csv(shared / "datasets/linkedin_ds_titles_2024/job_postings.csv")):
        yield _posting(f"linkedin-2024-{number:05d}", "linkedin", title=row["job_title"], company=row["company"],
                       location=row["job_location"], level=row["job_level"])


def aijobs(shared: Path) -> Iterator[Row]:
    for number, row in enumerate(_csv(shared / "datasets/aijobs_salaries/salaries.csv")):
        yield _posting(f"aijobs-{number:05d}", "aijobs", title=row["job_title"], location=row["company_location"],
                       salary={"salary": int(row["salary"]), "salary_currency": row["salary_currency"]},
                       level=row["experience_level"])


def greenhouse_anthropic(shared: Path) -> Iterator[Row]:
    board = json.loads((shared / "fixtures/payloads/greenhouse/anthropic_jobs_list_no_content.json").read_bytes())
    for job in board["jobs"]:
        yield _posting(f"greenhouse-anthropic-{job['id']}", "greenhouse", title=job["title"], company="Anthropic",
                       location=(job.get("location") or {}).get("name", ""))


def themuse(shared: Path) -> Iterator[Row]:
    board = json.loads((shared / "fixtures/payloads/themuse/themuse_public_jobs_results_wrapped_by_aggregator.json")
                       .read_bytes())
    for job in board["jobs"]:
        yield _posting(f"themuse-{job['id']}", "themuse", title=job["name"],
                       company=(job.get("company") or {}).get("name", ""),
                       location="; ".join(place["name"] for place in job.get("locations", [])),
                       description=job.get("contents", ""),
                       level=", ".join(level["name"] for level in job.get("levels", [])))


def ashby_cursor(shared: Path) -> Iterator[Row]:
    board = json.loads((shared / "fixtures/payloads/ashby/cursor_job_board_includeCompensation.json").read_bytes())
    for job in board["jobs"]:
        yield _posting(f"ashby-cursor-{job['id'][:8]}", "ashby", title=job["title"], company="Cursor",
                       location=job.get("location", ""), description=job.get("descriptionHtml", ""))


READERS = {
    "hn-2013-2018": hn_2013_2018, "hn-2024": hn_2024, "hn-2012": hn_2012, "hn-2011": hn_2011,
    "hn-structured": hn_structured, "glassdoor-2021": glassdoor_2021, "glassdoor-2020": glassdoor_2020,
    "glassdoor-uk": glassdoor_uk, "indeed-uk": indeed_uk, "linkedin": linkedin, "aijobs": aijobs,
    "greenhouse-anthropic": greenhouse_anthropic, "themuse": themuse, "ashby-cursor": ashby_cursor,
}


def _key(row: Row) -> tuple[str, str]:
    text = " ".join(row["description"].split()).lower()[:2000]
    return (" ".join(row["title"].split()).lower(), text or str(row.get("level") or "").lower())


def _labelled_keys(labelled: Path, drawn_here: tuple[str, ...]) -> set[tuple[str, str]]:
    """Every labelled row's key, but for the sets this script draws (so a draw repeats exactly)."""
    keys = set()
    for path in labelled.glob("*.jsonl"):
        if path.stem in drawn_here:
            continue
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line:
                continue
            row = json.loads(line)
            keys.add(_key({"title": row.get("title") or "", "description": row.get("description") or ""}))
    return keys


def sample(shared: Path, labelled: Path, second: bool = False) -> list[Row]:
    taken = _labelled_keys(labelled, ("untouched",) if second else ("corpus", "untouched"))
    rng = random.Random(SEED + 1 if second else SEED)
    prefix, share = ("untouched", 1.0) if second else ("corpus", FINAL_SHARE)
    corpus = []
    for kind, full in QUOTAS.items():
        quota = -(-full // 4) if second else full
        pool, seen = [], set()
        for row in READERS[kind](shared):
            key = _key(row)
            if key not in taken and key not in seen and (row["title"] or row["description"]):
                seen.add(key)
                pool.append(row)
        picked = rng.sample(pool, min(quota, len(pool)))
        print(f"{kind:22} {len(pool):6,} distinct unlabelled rows, {len(picked):4} drawn", file=sys.stderr)
        for row in picked:
            row["id"] = f"{prefix}-{row['id']}"
            corpus.append(row)
    rng.shuffle(corpus)
    for number, row in enumerate(corpus):
        row["split"] = "final" if number < round(len(corpus) * share) else "train"
    return corpus


def main() -> None:
    shared, out = Path(sys.argv[1]), Path(sys.argv[2])
    corpus = sample(shared, Path(__file__).resolve().parent.parent / "tests/fixtures/labelled",
                    "--second-final" in sys.argv)
    with out.open("w", encoding="utf-8") as handle:
        for row in corpus:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(corpus):,} rows → {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
