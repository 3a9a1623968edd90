"""The reports by name, run against a database file: what `mljobs report NAME` calls."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
from mljobs.analysis import reports
from mljobs.analysis.query import SQL, Filters, NoData, dicts, month
from mljobs.analysis.table import Table
from mljobs.guide.baseline import Baseline
from mljobs.pipeline import db
from mljobs.pipeline.filters import known_source

from mljobs import paths

if TYPE_CHECKING:
    from mljobs.analysis import html


Report = Callable[[duckdb.DuckDBPyConnection, Baseline, Filters], Table]


def _later(module: str) -> Report:
    """The report function `module`.`module` (compare, salaries, trends), imported when first run: those
    modules and pandas load only for their reports."""
    def report(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> Table:
        return getattr(importlib.import_module(f"mljobs.analysis.{module}"), module)(con, guide, filters)

    return report


REPORTS: dict[str, Report] = {
    "roles": reports.roles,
    "skills": reports.skills,
    "salaries": _later("salaries"),
    "trends": _later("trends"),
    "monthly": lambda con, guide, filters: reports.monthly(con, filters),
    "weekly": lambda con, guide, filters: reports.weekly(con, filters),
    "compare": _later("compare"),
}
NAMES = (*REPORTS, "changes", "html")


COUNTRY_ALIASES = {"UK": "GB"}  # what people type for the ISO code



def filters(guide: Baseline, since: str | None = None, until: str | None = None, source: str | None = None,
            role: str | None = None, country: str | None = None, remote: bool | None = None,
            market: str = "US") -> Filters:
    """Filters from command-line text; ValueError with the reason for a bad month, role or country code."""
    roles = [r.id for r in guide.roles]
    if role is not None and role not in roles:
        raise ValueError(f"unknown role {role!r}: use one of {', '.join(roles)}")
    chosen = Filters(since=month(since, "--since"), until=month(until, "--until"), source=source, role=role,
                     country=_country(country, "--country") if country else None, remote=remote,
                     market=_country(market, "--market"))
    if chosen.since and chosen.until and chosen.since > chosen.until:
        raise ValueError(f"--since {since} is after --until {until}")
    return chosen


def _country(code: str, option: str) -> str:
    code = code.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise ValueError(f"{option} {code!r} is not a country code: use ISO-2, e.g. US or GB")
    return COUNTRY_ALIASES.get(code, code)


def database(data_dir: Path) -> tuple[Path, str | None]:
    """The database reports read in `data_dir`, and a note when it is the demo's: before any crawl or import,
    `mljobs demo` then `mljobs report …` reads what the demo built (in <data dir>/demo)."""
    own = paths.database(data_dir)
    demo = paths.database(data_dir / "demo")
    if not own.exists() and demo.exists():
        return demo, f"no crawled or imported data in {data_dir} yet: reporting on the demo's ({demo.parent})"
    return own, None


def build(name: str, database: Path, guide: Baseline, chosen: Filters) -> Table:
    """Report `name` over the database file, opened read-only for as long as the report takes."""
    with _open(database) as con, _damage(database):
        known_source(con, chosen.source)
        return REPORTS[name](con, guide, chosen)


def build_html(database: Path, guide: Baseline, chosen: Filters, progress: html.Progress) -> str:
    from mljobs.analysis import html  # charts and the page's modules load only for this report

    with _open(database) as con, _damage(database):
        known_source(con, chosen.source)
        return html.report(con, guide, chosen, progress=progress)


@contextmanager
def _damage(database: Path) -> Iterator[None]:
    """A DuckDB error met mid-query (a damaged block) as one StoreError line."""
    try:
        yield
    except duckdb.Error as error:
        raise db.StoreError(db.damaged(database, error)) from error


def _open(database: Path):
    if not database.exists():
        raise NoData(f"no database at {database}: run `mljobs crawl` (or `mljobs demo`) first")
    return db.opened(database, read_only=True)


def runs(database: Path, limit: int = 20) -> list[dict[str, Any]]:
    """The newest `limit` rows of crawl_runs, one per run and source (analysis/sql/runs.sql), error reasons as
    a dict."""
    with _open(database) as con, _damage(database):
        found = dicts(con.execute(db.query("runs", SQL), {"limit": limit}))
    for run in found:
        run["error_reasons"] = json.loads(run["error_reasons"]) if run["error_reasons"] else {}
    if not found:
        raise NoData(f"no crawl runs recorded in {database}: `mljobs crawl` records one per source")
    return found


def changes(database: Path, since_last: bool = False, limit: int = 20) -> tuple[str, list[dict[str, Any]]]:
    """(title, rows): what each of the latest `limit` runs changed (new, changed, closed postings), or with
    `since_last` every posting new, changed or closed since the latest run started."""
    with _open(database) as con, _damage(database):
        if not since_last:
            return "Changes by run", dicts(con.execute(db.query("changes_by_run", SQL), {"limit": limit}))
        (start,) = con.execute("SELECT max(started_at) FROM crawl_runs").fetchone()
        if start is None:
            raise NoData(f"no crawl runs recorded in {database}: `mljobs crawl` records one per source")
        return f"Changes since the last run began ({start:%Y-%m-%d %H:%M} UTC)", \
            dicts(con.execute(db.query("changes_since", SQL), {"since": start}))

