"""Rebuild the three bundled data sets of `mljobs demo` from the shared datasets directory.

    .venv/bin/python scripts/build_demo_data.py /work/shared/datasets [OUTPUT_DIR]

Writes into analysis/demo_data/ (or OUTPUT_DIR):
- aijobs_salaries.csv.gz: aijobs_salaries/salaries.csv, whole and unchanged, gzipped (no name or time in the
  header, so the same input gives the same bytes).
- hn_whoishiring_2013_2018.jsonl.xz: the posts of hn_whoishiring_2013_2018_full/YYYY-MM.json as JSON Lines,
  each with its "month" and only the keys `mljobs import --format hn-archive` reads, sorted by month and HN
  item id, compressed with xz -9. All posts when that fits MAX_XZ_BYTES; otherwise the same seeded random
  fraction of every month, the largest whole percent that fits.
- hn_whoishiring_2022_2025.jsonl.xz: every row of hn_whoishiring_2022_2025_structured/jobs.db (table `jobs`) as
  JSON Lines with only the columns `mljobs import --format hn-structured` reads plus employment_type, sorted by
  HN item id, compressed with xz -9.
"""

import gzip
import json
import lzma
import random
import re
import sqlite3
import sys
from pathlib import Path

MAX_XZ_BYTES = 4_500_000  # keeps the installed package small
SEED = 20130801  # the archive's first month
HN_KEYS = ("full_html", "address", "country", "url", "user", "remote", "intern")
HN_ITEM_ID = re.compile(r"[?&]id=(\d+)")
# jobs.db's columns the hn-structured import reads, and employment_type; left out: languages_frameworks (that
# author's reading of the post, not the post's words), remote_rules, how_to_apply and post_username.
JOBS_COLUMNS = ("post_link_id", "post_date", "company", "job_title", "employment_type", "salary", "remote", "city",
                "country")
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "analysis" / "demo_data"


def build_aijobs(datasets: Path, output: Path) -> Path:
    target = output / "aijobs_salaries.csv.gz"
    target.write_bytes(gzip.compress((datasets / "aijobs_salaries" / "salaries.csv").read_bytes(), 9, mtime=0))
    return target


def hn_months(datasets: Path) -> dict[str, list[str]]:
    """Each month's posts as JSON lines (kept keys + month), in HN item id order; months in order."""
    months: dict[str, list[str]] = {}
    for file in sorted((datasets / "hn_whoishiring_2013_2018_full").glob("????-??.json")):
        month = file.stem
        posts = json.loads(file.read_bytes())
        posts.sort(key=lambda post: int(HN_ITEM_ID.search(post["url"]).group(1)))
        months[month] = [json.dumps({**{key: post.get(key) for key in HN_KEYS}, "month": month},
                                    ensure_ascii=False, separators=(",", ":")) for post in posts]
    return months


def sample(months: dict[str, list[str]], percent: int) -> bytes:
    """`percent` % of every month's posts, drawn with a per-month seeded shuffle (so a larger percent keeps
    every post a smaller one keeps), written back in item id order."""
    lines: list[str] = []
    for month, posts in months.items():
        order = list(range(len(posts)))
        random.Random(f"{SEED}-{month}").shuffle(order)
        lines += [posts[index] for index in sorted(order[:round(len(posts) * percent / 100)])]
    return ("\n".join(lines) + "\n").encode("utf-8")


def build_hn(datasets: Path, output: Path) -> tuple[Path, int, int, int]:
    """The archive file; returns it, the percent kept, the posts kept and the xz size of all posts."""
    months = hn_months(datasets)
    everything = lzma.compress(sample(months, 100), preset=9)
    percent, packed = 100, everything
    if len(everything) > MAX_XZ_BYTES:
        percent = int(100 * MAX_XZ_BYTES / len(everything))  # a first guess: size grows about linearly
        packed = lzma.compress(sample(months, percent), preset=9)
        while len(packed) > MAX_XZ_BYTES:
            percent -= 1
            packed = lzma.compress(sample(months, percent), preset=9)
        while percent < 99 and len(bigger := lzma.compress(sample(months, percent + 1), preset=9)) <= MAX_XZ_BYTES:
            percent, packed = percent + 1, bigger
    target = output / "hn_whoishiring_2013_2018.jsonl.xz"
    target.write_bytes(packed)
    kept = sum(round(len(posts) * percent / 100) for posts in months.values())
    return target, percent, kept, len(everything)


def build_hn_structured(datasets: Path, output: Path) -> tuple[Path, int]:
    """The jobs.db rows file; returns it and the rows written."""
    database = (datasets / "hn_whoishiring_2022_2025_structured" / "jobs.db").resolve()
    connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            f"SELECT {', '.join(JOBS_COLUMNS)} FROM jobs ORDER BY CAST(post_link_id AS INTEGER), post_link_id"
        ).fetchall()
    finally:
        connection.close()
    lines = [json.dumps(dict(zip(JOBS_COLUMNS, row, strict=True)), ensure_ascii=False, separators=(",", ":"))
             for row in rows]
    target = output / "hn_whoishiring_2022_2025.jsonl.xz"
    target.write_bytes(lzma.compress(("\n".join(lines) + "\n").encode("utf-8"), preset=9))
    return target, len(rows)


def main(arguments: list[str]) -> int:
    if len(arguments) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    datasets = Path(arguments[0])
    output = Path(arguments[1]) if len(arguments) == 2 else DEFAULT_OUTPUT
    aijobs = build_aijobs(datasets, output)
    print(f"{aijobs}: {aijobs.stat().st_size:,} bytes")
    hn, percent, kept, everything = build_hn(datasets, output)
    print(f"{hn}: {hn.stat().st_size:,} bytes; {kept:,} posts ({percent}% of every month); "
          f"all posts would be {everything:,} bytes")
    structured, rows = build_hn_structured(datasets, output)
    print(f"{structured}: {structured.stat().st_size:,} bytes; {rows:,} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
