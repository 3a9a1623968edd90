"""Report speed over 1,000,000 synthetic postings: each report's SQL query, and the whole report
function (query + Python), median of several runs. Target: every query under 1 s.

    .venv/bin/python benchmarks/reports.py [--postings 1000000] [--runs 5] [--database FILE]

The synthetic market is generated inside DuckDB (seconds, not minutes): canonical and duplicate postings
over 15 years of months, six roles, three levels, ~30% disclosing pay (some flagged), ~6 skills each
drawn from the vocabulary, ~75% with a description (1–60 distinct 33-character words, ~1 KB on average:
skill shares read its length), the rest none or the text "null". A --database that already exists is
reused as it is.
"""

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mljobs.analysis import catalog, html
from mljobs.analysis.query import ANY, run
from mljobs.analysis.reports import RECENT_WEEKS, band_currency
from mljobs.analysis.trends import MIN_MONTH_POSTINGS, RECENT_MONTHS
from mljobs.guide import baseline
from mljobs.pipeline import db, skills
from rich.console import Console
from rich.table import Table

GENERATE = """
INSERT INTO raw_postings (source, native_id, title, company, posted_at, first_seen, last_seen)
SELECT ['greenhouse', 'lever', 'ashby', 'hn', 'remotive'][1 + i % 5], 'p' || i, 'Posting ' || i,
       'Company ' || (i % 5000), TIMESTAMP '2011-04-01' + to_days((hash(i, 'day') % 5600)::INT), now(), now()
FROM range($n) AS t(i);

INSERT INTO facts (source, native_id, is_ml, role, seniority, annual_min_usd, annual_max_usd, salary_flag, remote,
                   country, posted_month, is_canonical, description_text)
SELECT r.source, r.native_id, ml, CASE WHEN ml THEN $roles[(1 + hash(i, 'role') % 6)::INT] END,
       [NULL, 'entry', 'mid', 'senior'][(1 + hash(i, 'level') % 4)::INT],
       CASE WHEN pay THEN 60000 + hash(i, 'min') % 150000 END,
       CASE WHEN pay AND hash(i, 'open') % 5 > 0 THEN 180000 + hash(i, 'max') % 150000 END,
       CASE WHEN pay AND hash(i, 'flag') % 50 = 0 THEN 'implausible' END,
       hash(i, 'remote') % 3 = 0, ['US', 'GB', 'DE', 'IN', NULL][(1 + hash(i, 'country') % 5)::INT],
       date_trunc('month', r.posted_at)::DATE, hash(i, 'dup') % 20 > 0,
       CASE WHEN hash(i, 'described') % 20 < 15
            THEN (SELECT string_agg(md5((i * 64 + j)::VARCHAR), ' ')
                  FROM range(1 + (hash(i, 'words') % 60)::INT) AS w(j))
            WHEN hash(i, 'described') % 20 = 15 THEN 'null' END
FROM (SELECT *, split_part(native_id, 'p', 2)::BIGINT AS i FROM raw_postings) AS r,
     LATERAL (SELECT hash(i, 'ml') % 10 < 6 AS ml, hash(i, 'pay') % 10 < 3 AS pay);

UPDATE facts SET description_chars = length(description_text), described = length(description_text) >= 200,
                 pay_year = year(posted_month);  -- as derive stores them

INSERT INTO posting_skills
SELECT DISTINCT ['greenhouse', 'lever', 'ashby', 'hn', 'remotive'][1 + i % 5], 'p' || i,
       $skills[1 + ((hash(i, j) % 1000) * (hash(i, j) % 1000) * len($skills) // 1000000)::INT]  -- a few skills common
FROM range($n) AS t(i), range(6) AS u(j);
"""


def generate(path: Path, postings: int) -> None:
    values = {"n": postings, "roles": [r.id for r in baseline.load().roles], "skills": list(skills.vocabulary())[:80]}
    with db.opened(path) as con:
        for statement in filter(str.strip, GENERATE.split(";")):
            con.execute(statement, {k: v for k, v in values.items() if f"${k}" in statement})


def timed(action: Callable[[], object], runs: int) -> str:
    """'wall / CPU' seconds, medians of `runs`. CPU time (all of DuckDB's threads) shows the cost when
    other processes share the cores and stretch the wall clock."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return f"{statistics.median(walls):.3f} / {statistics.median(cpus):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = args.database or Path(scratch) / "bench.duckdb"
        if not path.exists():
            started = time.perf_counter()
            generate(path, args.postings)
            print(f"generated {args.postings:,} postings in {time.perf_counter() - started:.1f} s")
        guide = baseline.load()
        bands = [{"level": b.level, "low": b.min, "high": b.max} for b in guide.salary_bands]
        market = {"market": ANY.market, "currency": band_currency(guide)}
        queries: dict[str, tuple[str, dict]] = {  # report (or helper) -> its SQL file and parameters
            "count": ("count", {}), "roles": ("roles", {}), "skills": ("skills", {}),
            "salaries": ("salaries", {"bands": bands, **market}), "salary_values": ("salary_values", market),
            "trends": ("trends", {"recent_months": RECENT_MONTHS, "min_month_postings": MIN_MONTH_POSTINGS}),
            "monthly": ("shares", {"period": "month", "last_periods": None}),
            "weekly": ("shares", {"period": "week", "last_periods": RECENT_WEEKS}),
            "sample_postings": ("sample_postings", {"limit": 25}),
        }
        table = Table(title=f"Reports over {path.name}: wall / CPU seconds, median of {args.runs} runs "
                            f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        for column in ("report", "SQL query", "whole report"):
            table.add_column(column, justify="left" if column == "report" else "right")
        with db.opened(path, read_only=True) as con:
            rows = con.execute("SELECT count(*), count(*) FILTER (WHERE is_ml), count(*) FILTER (WHERE described) "
                               "FROM facts").fetchone()
            skill_rows = con.execute("SELECT count(*) FROM posting_skills").fetchone()[0]
            print(f"{rows[0]:,} postings ({rows[1]:,} ML, {rows[2]:,} described), {skill_rows:,} skill rows")
            for name, (file, params) in queries.items():
                query = timed(lambda file=file, params=params: run(con, file, ANY, **params), args.runs)
                report = catalog.REPORTS.get(name)
                whole = timed(lambda report=report: report(con, guide, ANY), args.runs) if report else None
                table.add_row(name, query, whole or "")
            table.add_row("compare", "", timed(lambda: catalog.REPORTS["compare"](con, guide, ANY), args.runs))
            table.add_row("html", "", timed(lambda: html.report(con, guide, ANY), max(1, args.runs // 2)))
        Console().print(table)


if __name__ == "__main__":
    main()
