"""A synthetic job market in a real DuckDB temp file, for report tests: the schema comes from the
project's own migrations, the rows from short per-posting descriptions."""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
from mljobs.pipeline import db

# A description long enough to count as whole (pipeline.text.is_whole); skill shares are over postings that
# have one, so every synthetic posting has it unless a test says description=None.
DESCRIPTION = ("We build and ship machine learning systems that serve millions of requests a day. You will "
               "train, evaluate and deploy models, own their data pipelines end to end, and work with product "
               "teams on what to build next.")


@dataclass
class Posting:
    role: str | None = "machine-learning-engineer"
    seniority: str | None = None
    pay: tuple[float | None, float | None] | None = None  # annual USD (min, max)
    skills: tuple[str, ...] = ()
    month: str | None = "2026-10"  # YYYY-MM
    source: str = "greenhouse"
    is_ml: bool = True
    salary_flag: str | None = None
    remote: bool | None = None
    country: str | None = "US"
    title: str = "Machine Learning Engineer"
    company: str = "Acme"
    url: str | None = None  # default: https://example.test/<native id>
    is_canonical: bool = True
    description: str | None = DESCRIPTION  # None: a titles-only listing
    kind: str = "posting"  # or "survey": a salary-survey answer
    industry: str | None = None
    extra: dict = field(default_factory=dict)


def create(path: Path) -> duckdb.DuckDBPyConnection:
    """A new database at `path`, migrated by the store's own connect()."""
    return db.connect(path)


def add(con: duckdb.DuckDBPyConnection, postings: list[Posting], start: int = 0) -> None:
    """Insert postings as raw_postings + facts + posting_skills rows, numbered from `start`."""
    raw, facts, skills = [], [], []
    for number, p in enumerate(postings, start):
        native_id = f"{p.source}-{number}"
        posted = date.fromisoformat(p.month + "-01") if p.month else None
        seen = datetime(2026, 11, 1)
        raw.append({"source": p.source, "native_id": native_id, "title": p.title, "company": p.company,
                    "location": "Remote", "url": p.url or f"https://example.test/{native_id}",
                    "posted_at": datetime.combine(posted, datetime.min.time()) if posted else None,
                    "description": p.description,
                    "first_seen": seen, "last_seen": seen})
        low, high = p.pay if p.pay else (None, None)
        facts.append({"source": p.source, "native_id": native_id, "is_ml": p.is_ml,
                      "role": p.role if p.is_ml else None, "seniority": p.seniority,
                      "salary_min": low, "salary_max": high, "salary_currency": "USD" if p.pay else None,
                      "salary_period": "year" if p.pay else None, "annual_min_usd": low, "annual_max_usd": high,
                      "salary_source": "structured" if p.pay else None, "salary_flag": p.salary_flag,
                      "remote": p.remote, "country": p.country, "posted_month": posted,
                      "description_text": p.description,
                      "description_chars": len(p.description) if p.description is not None else None,
                      "described": p.description is not None and len(p.description) >= 200,
                      "kind": p.kind, "industry": p.industry,
                      "pay_year": posted.year if posted else None,
                      "is_canonical": p.is_canonical, **p.extra})
        skills.extend({"source": p.source, "native_id": native_id, "skill": s} for s in p.skills)
    for table, rows in (("raw_postings", raw), ("facts", facts), ("posting_skills", skills)):
        if rows:
            frame = pd.DataFrame(rows)  # noqa: F841 — read by name in the SQL below
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frame")


def build(path: Path, postings: list[Posting]) -> Path:
    """A database file at `path` holding `postings`, closed so reports can open it read-only."""
    con = create(path)
    add(con, postings)
    con.close()
    return path
