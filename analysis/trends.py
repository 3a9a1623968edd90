"""The trends report: how role and skill shares move within one source (computed with pandas), and the
recent-against-before changes the guide's trend verdicts read too."""

import duckdb
import pandas as pd
from mljobs.analysis import reports
from mljobs.analysis.query import ANY, Filters, run
from mljobs.analysis.stats import share_change
from mljobs.analysis.table import Table
from mljobs.guide.baseline import Baseline

TOP_MOVERS = 8  # rising and falling skills in the trends report
RECENT_MONTHS = 12  # the trends report's recent window, ending at the latest dated month
MIN_MONTH_POSTINGS = 5  # months thinner than this are left out of trend slopes
MIN_TREND_POSTINGS = 10  # a skill needs this many dated postings to rank as rising or falling


def trends(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY,
           top: int = TOP_MOVERS) -> Table:
    """How role and skill shares move within one source (the chosen one, else the one with the longest dated
    history): every role, the fastest-rising and fastest-falling skills (least-squares slope of the monthly
    share), and the guide's emerging trends, always shown.
    Each row also gives the share in the recent window against before it, with a 95% interval
    for the change."""
    reports.require_postings(con, filters)
    scope = reports.history_scope(con, filters)  # one source's history: a change of source is no trend
    moves = changes(con, scope)
    skills = moves[moves["kind"] == "skill"]
    trends = skills.set_index("name").reindex(list(guide.emerging_trends)).rename_axis("name").reset_index()
    window = moves.attrs["summary"]  # a guide trend no posting names still has its denominators
    trends = trends.assign(kind="skill", postings=trends["postings"].fillna(0),
                           recent_n=trends["recent_n"].fillna(window["recent_described"]),
                           earlier_n=trends["earlier_n"].fillna(window["earlier_described"]))
    ranked = skills[(skills["postings"] >= MIN_TREND_POSTINGS) & skills["slope_per_year"].notna()
                    & ~skills["name"].isin(guide.emerging_trends)]
    frame = pd.concat([
        moves[moves["kind"] == "role"].sort_values("slope_per_year", ascending=False).assign(group="role"),
        trends.assign(group="guide trend"),
        ranked[ranked["slope_per_year"] > 0].nlargest(top, "slope_per_year").assign(group="rising"),
        ranked[ranked["slope_per_year"] < 0].nsmallest(top, "slope_per_year").assign(group="falling"),
    ], ignore_index=True)
    counts = ["postings", "months", "recent_n", "earlier_n"]
    frame[counts] = frame[counts].fillna(0).astype(int)
    frame = frame[["group", "kind", "name", "postings", "months", "slope_per_year", "earlier_n", "earlier_share",
                   "recent_n", "recent_share", "change", "change_low", "change_high"]].reset_index(drop=True)
    frame.attrs.update(title="Trends in ML postings: share per year, and recent months against before",
                       summary={**moves.attrs["summary"], "source": scope.source, "filters": filters.describe()})
    return Table.of(frame)


def changes(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Every role and skill with its slope and its recent-against-earlier change in share; a row's
    recent_n and earlier_n are its shares' denominators: dated ML postings for a role, the described
    ones for a skill."""
    moves = run(con, "trends", filters, recent_months=RECENT_MONTHS, min_month_postings=MIN_MONTH_POSTINGS)
    skill = moves["kind"] == "skill"
    moves["recent_n"] = moves["recent_described"].where(skill, moves["recent_total"])
    moves["earlier_n"] = moves["earlier_described"].where(skill, moves["earlier_total"])
    intervals = [share_change(int(r.recent_postings), int(r.recent_n), int(r.earlier_postings), int(r.earlier_n))
                 for r in moves.itertuples()]
    moves[["change", "change_low", "change_high"]] = pd.DataFrame(
        intervals, index=moves.index, columns=["change", "change_low", "change_high"])
    moves["recent_share"] = moves["recent_postings"] / moves["recent_n"].where(moves["recent_n"] > 0)
    moves["earlier_share"] = moves["earlier_postings"] / moves["earlier_n"].where(moves["earlier_n"] > 0)
    totals = {"recent_postings": "recent_total", "earlier_postings": "earlier_total",
              "recent_described": "recent_described", "earlier_described": "earlier_described"}
    moves.attrs["summary"] = {"recent_months": RECENT_MONTHS, **{
        key: int(moves[column].max()) if len(moves) else 0 for key, column in totals.items()}, **{
        key: f"{moves[key].iloc[0]:%Y-%m}" if len(moves) and pd.notna(moves[key].iloc[0]) else None
        for key in ("first_month", "recent_from", "earlier_until", "last_month")}}
    return moves
