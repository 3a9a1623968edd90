"""Report filters and the one way report SQL runs: files from analysis/sql/, every value bound."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import duckdb
from mljobs.pipeline import db

if TYPE_CHECKING:
    import pandas as pd

SQL = "mljobs.analysis.sql"  # the reports' SQL files
MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})(?:-\d{2})?$")


class NoData(LookupError):
    """Nothing to report: an empty database, or filters that match no posting."""


@dataclass(frozen=True)
class Filters:
    """What every report can be narrowed to. None means "any"."""

    since: date | None = None  # first day of the first month included
    until: date | None = None  # first day of the last month included
    source: str | None = None
    role: str | None = None
    country: str | None = None  # ISO-2
    remote: bool | None = None
    # Not a filter: the market (ISO-2) whose pay is held against the guide's bands; other countries' pay is
    # reported in rows of its own, never against them.
    market: str = "US"

    def params(self) -> dict[str, Any]:
        return {"since": self.since, "until": self.until, "source": self.source, "role": self.role,
                "country": self.country, "remote": self.remote}

    def describe(self) -> str:
        """'since 2024-01, source greenhouse' — for messages; '' when nothing is filtered."""
        parts = [f"{name} {value:%Y-%m}" if isinstance(value, date) else f"{name} {value}"
                 for name, value in self.params().items() if value is not None]
        return ", ".join(parts)


ANY = Filters()  # no filter: every canonical posting


def month(text: str | None, option: str = "month") -> date | None:
    """'2024-03' or '2024-03-15' -> 2024-03-01; None stays None; anything else raises ValueError."""
    if text is None:
        return None
    match = MONTH.match(text.strip())
    if not match or not 1 <= int(match["month"]) <= 12:
        raise ValueError(f"{option} {text!r} is not a month: use YYYY-MM, e.g. 2024-03")
    return date(int(match["year"]), int(match["month"]), 1)


def span(first: str | None, last: str | None, after: str = "") -> str:
    """'2017-05 – 2018-04' and `after`, the months a window holds; '' for an empty window."""
    return f"{first} – {last}{after}" if first and last else ""


def run(con: duckdb.DuckDBPyConnection, name: str, filters: Filters, **params: Any) -> pd.DataFrame:
    """Run analysis/sql/<name>.sql over the filtered canonical postings, with `params` bound too (pandas loads
    here, in duckdb's .df(): the reports that compute with it call this)."""
    return _execute(con, name, filters, params).df()


def rows(con: duckdb.DuckDBPyConnection, name: str, filters: Filters, **params: Any) -> list[dict[str, Any]]:
    """As run(), as plain dicts: for reports that need no pandas."""
    return dicts(_execute(con, name, filters, params))


def dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """An executed query's rows as dicts by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _execute(con: duckdb.DuckDBPyConnection, name: str, filters: Filters,
             params: dict[str, Any]) -> duckdb.DuckDBPyConnection:
    con.execute(db.query("postings", SQL))  # the temp macro every report reads through; cheap to redefine
    return con.execute(db.query(name, SQL), {**filters.params(), **params})
