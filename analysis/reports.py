"""The small reports, one function each, reading the DuckDB store (read-only) and returning a Table (plain rows,
no pandas: `mljobs report roles` starts nearly as fast as duckdb). Salaries and trends compute with pandas
and live in analysis/salaries.py and analysis/trends.py.

Every report counts canonical postings (one per job across sources) that pass the same Filters, and
raises NoData when there is nothing to count rather than returning an empty table. A report's title
and headline numbers travel in the Table ("title", "summary") for the renderer.
"""

import dataclasses

import duckdb
from mljobs.analysis.query import ANY, Filters, NoData, rows
from mljobs.analysis.stats import wilson
from mljobs.analysis.table import Table
from mljobs.guide.baseline import Baseline

ALL_ML = "all ML"
TOP_SKILLS = 15  # per scope in the skills report
RECENT_WEEKS = 12  # the weekly report's span, ending at the latest week
# A skill's share is over *described* postings only: those whose description is whole (pipeline.text.is_whole,
# stored as facts.described): titles-only listings, snippets and cut texts could never mention most skills.
# Role shares come from titles and stay over all postings.
KINDS = {"posting": "job postings", "survey": "salary survey"}  # facts.kind, as the reports name it


def require_postings(con: duckdb.DuckDBPyConnection, filters: Filters, pay: bool = False) -> tuple[int, int]:
    """(postings, ML postings) passing the filters; NoData with the reason when there are none. With `pay`,
    ML salary-survey rows are enough too (the pay reports count them)."""
    (counts,) = rows(con, "count", filters)
    if counts["stored"] == 0:
        raise NoData("the database has no postings yet: run `mljobs crawl` (or `mljobs demo`) first")
    if counts["ml_postings"] == 0 and not (pay and counts["ml_survey"]):
        what = "no ML postings" if counts["postings"] else "no postings"
        where = f" match the filters ({filters.describe()})" if filters.describe() else " in the database"
        raise NoData(what + where)
    return int(counts["postings"]), int(counts["ml_postings"])


def roles(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY) -> Table:
    """ML postings per guide role: count and share of ML postings (Wilson 95% interval)."""
    all_postings, ml_postings = require_postings(con, filters)
    counts = {found["role"]: int(found["postings"]) for found in rows(con, "roles", filters)}
    known = [(role.id, role.name) for role in guide.roles]
    extra = [(role, "(no guide role)") for role in counts if role not in {r for r, _ in known}]
    table = []
    for role, name in known + extra:
        k = counts.get(role, 0)
        low, high = wilson(k, ml_postings)
        table.append({"role": role, "name": name, "postings": k,
                      "share": k / ml_postings, "share_low": low, "share_high": high})
    ml_low, ml_high = wilson(ml_postings, all_postings)
    return Table("ML postings by guide role", ["role", "name", "postings", "share", "share_low", "share_high"],
                 table, summary={
                     "postings": all_postings, "ml_postings": ml_postings, "ml_share": ml_postings / all_postings,
                     "ml_share_low": ml_low, "ml_share_high": ml_high, "filters": filters.describe()})


def skills(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY,
           top: int = TOP_SKILLS) -> Table:
    """The skills ML postings ask for, over all ML postings and per role: the `top` most asked for,
    plus every skill the guide names for that scope with its market rank (blank if never asked).
    A share is over the scope's described postings (`described`), not all of them."""
    _, ml_postings = require_postings(con, filters)
    scopes = {ALL_ML: set(guide.skills())} | {role.id: set(role.skills) for role in guide.roles}
    by_scope: dict[str, list[dict]] = {}  # skills.sql's rows per scope (a scope nobody asks anything of: skill NULL)
    for found in rows(con, "skills", filters):
        by_scope.setdefault(found["scope"] or ALL_ML, []).append(found)
    order = {scope: i for i, scope in enumerate(scopes)}
    table = []
    for scope, found in sorted(by_scope.items(), key=lambda item: order.get(item[0], len(order))):
        named = scopes.get(scope, set())
        described = int(found[0]["described_postings"])
        asked = [f for f in found if f["skill"] is not None]
        for f in asked:
            if f["rank"] <= top or f["skill"] in named:
                table.append({"scope": scope, "rank": int(f["rank"]), "skill": f["skill"],
                              "postings": int(f["postings"]), "described": described,
                              "share": f["postings"] / described, "in_guide": f["skill"] in named})
        for skill in sorted(named - {f["skill"] for f in asked}):  # the guide names it, no posting asks for it
            table.append({"scope": scope, "rank": None, "skill": skill, "postings": 0, "described": described,
                          "share": 0.0 if described else None, "in_guide": True})
    overall = sorted((r for r in table if r["scope"] == ALL_ML and not r["in_guide"]), key=lambda r: r["rank"])
    return Table("Skills ML postings ask for, beside the guide",
                 ["scope", "rank", "skill", "postings", "described", "share", "in_guide"], table, summary={
                     "ml_postings": ml_postings,
                     "described_postings": int(by_scope[ALL_ML][0]["described_postings"]) if ALL_ML in by_scope else 0,
                     "asked_most_not_in_guide": [r["skill"] for r in overall], "filters": filters.describe()})


def band_currency(guide: Baseline) -> str:
    """The currency the guide's salary bands are stated in (the pay a band can judge)."""
    return guide.salary_bands[0].currency if guide.salary_bands else "USD"


def monthly(con: duckdb.DuckDBPyConnection, filters: Filters = ANY) -> Table:
    """Monthly share of dated ML postings per role and of the described ones per skill (the series
    behind the trends; HN history reaches back years)."""
    return _shares(con, filters, "month", None)


def weekly(con: duckdb.DuckDBPyConnection, filters: Filters = ANY, weeks: int = RECENT_WEEKS) -> Table:
    """Weekly share of ML postings per role and of the described ones per skill over the latest `weeks`
    weeks, each posting dated by its own date, else by the day a crawl first saw it."""
    return _shares(con, filters, "week", weeks)


def _shares(con: duckdb.DuckDBPyConnection, filters: Filters, period: str, last: int | None) -> Table:
    require_postings(con, filters)
    found = rows(con, "shares", filters, period=period, last_periods=last)
    if not found:
        raise NoData("none of the ML postings" + (f" matching the filters ({filters.describe()})"
                                                  if filters.describe() else "") + " has a date")
    shape = "%Y-%m" if period == "month" else "%Y-%m-%d"
    table = [{period: f["period"].strftime(shape), "kind": f["kind"], "name": f["name"], "postings": f["postings"],
              f"{period}_postings": f["period_postings"], f"{period}_described": f["period_described"],
              "share": f["share"]} for f in found]
    return Table(f"{period.capitalize()}ly share of ML postings per role and skill", list(table[0]), table,
                 summary={f"{period}s": len({r[period] for r in table}), "filters": filters.describe()})


def sample_postings(con: duckdb.DuckDBPyConnection, filters: Filters = ANY, limit: int = 20) -> Table:
    """The latest ML postings with their extracted facts (titles and companies as the source gave them)."""
    require_postings(con, filters)
    found = rows(con, "sample_postings", filters, limit=limit)
    columns = ["title", "company", "location", "role", "seniority", "pay_usd", "source", "url", "posted"]
    return Table("Latest ML postings", columns, found, summary={"filters": filters.describe()})


def history_scope(con: duckdb.DuckDBPyConnection, filters: Filters) -> Filters:
    """The filters narrowed to the source with the most dated months, unless a source is already chosen."""
    if filters.source is not None:
        return filters
    found = rows(con, "history_source", filters)
    return dataclasses.replace(filters, source=found[0]["source"]) if found else filters


def long_histories(con: duckdb.DuckDBPyConnection, filters: Filters, months: int) -> list[str]:
    """Every source with at least `months` dated months, longest history first."""
    return [found["source"] for found in rows(con, "history_source", filters) if found["months"] >= months]
