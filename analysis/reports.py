"""The reports: one function each, reading the DuckDB store (read-only) and returning a DataFrame.

Every report counts canonical postings (one per job across sources) that pass the same Filters, and
raises NoData when there is nothing to count rather than returning an empty table. A report's title
and headline numbers travel in `DataFrame.attrs` ("title", "summary") for the renderer.
"""

import dataclasses

import duckdb
import pandas as pd
from mljobs.analysis.query import ANY, Filters, NoData, run
from mljobs.analysis.stats import share_change, wilson
from mljobs.guide.baseline import Baseline

ALL_ML = "all ML"
TOP_SKILLS = 15  # per scope in the skills report
TOP_MOVERS = 8  # rising and falling skills in the trends report
RECENT_MONTHS = 12  # the trends report's recent window, ending at the latest dated month
RECENT_WEEKS = 12  # the weekly report's span, ending at the latest week
MIN_MONTH_POSTINGS = 5  # months thinner than this are left out of trend slopes
MIN_TREND_POSTINGS = 10  # a skill needs this many dated postings to rank as rising or falling
# A skill's share is over *described* postings only: those whose description is whole (pipeline.text.is_whole,
# stored as facts.described): titles-only listings, snippets and cut texts could never mention most skills.
# Role shares come from titles and stay over all postings.
KINDS = {"posting": "job postings", "survey": "salary survey"}  # facts.kind, as the reports name it


def require_postings(con: duckdb.DuckDBPyConnection, filters: Filters, pay: bool = False) -> tuple[int, int]:
    """(postings, ML postings) passing the filters; NoData with the reason when there are none. With `pay`,
    ML salary-survey rows are enough too (the pay reports count them)."""
    counts = run(con, "count", filters).iloc[0]
    if counts["stored"] == 0:
        raise NoData("the database has no postings yet: run `mljobs crawl` (or `mljobs demo`) first")
    if counts["ml_postings"] == 0 and not (pay and counts["ml_survey"]):
        what = "no ML postings" if counts["postings"] else "no postings"
        where = f" match the filters ({filters.describe()})" if filters.describe() else " in the database"
        raise NoData(what + where)
    return int(counts["postings"]), int(counts["ml_postings"])


def roles(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY) -> pd.DataFrame:
    """ML postings per guide role: count and share of ML postings (Wilson 95% interval)."""
    all_postings, ml_postings = require_postings(con, filters)
    counts = run(con, "roles", filters).set_index("role")["postings"]
    known = [(role.id, role.name) for role in guide.roles]
    extra = [(role, "(no guide role)") for role in counts.index if role not in {r for r, _ in known}]
    rows = []
    for role, name in known + extra:
        k = int(counts.get(role, 0))
        low, high = wilson(k, ml_postings)
        rows.append({"role": role, "name": name, "postings": k,
                     "share": k / ml_postings, "share_low": low, "share_high": high})
    frame = pd.DataFrame(rows)
    ml_low, ml_high = wilson(ml_postings, all_postings)
    frame.attrs.update(title="ML postings by guide role", summary={
        "postings": all_postings, "ml_postings": ml_postings, "ml_share": ml_postings / all_postings,
        "ml_share_low": ml_low, "ml_share_high": ml_high, "filters": filters.describe()})
    return frame


def skill_counts(con: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per scope (ALL_ML, each role) and skill: described postings asking for it, the scope's postings
    and described postings, the skill's rank; a scope no described posting asks anything of has one row
    with skill NA."""
    counts = run(con, "skills", filters)
    counts["scope"] = counts["scope"].fillna(ALL_ML)
    return counts


def skills(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY,
           top: int = TOP_SKILLS) -> pd.DataFrame:
    """The skills ML postings ask for, over all ML postings and per role: the `top` most asked for,
    plus every skill the guide names for that scope with its market rank (blank if never asked).
    A share is over the scope's described postings (`described`), not all of them."""
    _, ml_postings = require_postings(con, filters)
    counts = skill_counts(con, filters)
    scopes = {ALL_ML: set(guide.skills())} | {role.id: set(role.skills) for role in guide.roles}
    rows = []
    order = {scope: i for i, scope in enumerate(scopes)}
    for _, group in sorted(counts.groupby("scope", sort=False), key=lambda item: order.get(item[0], len(order))):
        scope = group["scope"].iloc[0]
        named = scopes.get(scope, set())
        described = int(group["described_postings"].iloc[0])
        group = group[group["skill"].notna()]
        shown = group[(group["rank"] <= top) | group["skill"].isin(named)]
        for record in shown.itertuples():
            rows.append({"scope": scope, "rank": int(record.rank), "skill": record.skill,
                         "postings": int(record.postings), "described": described,
                         "share": record.postings / described, "in_guide": record.skill in named})
        for skill in sorted(named - set(group["skill"])):  # the guide names it, no posting asks for it
            rows.append({"scope": scope, "rank": None, "skill": skill, "postings": 0, "described": described,
                         "share": 0.0 if described else float("nan"), "in_guide": True})
    frame = pd.DataFrame(rows, columns=["scope", "rank", "skill", "postings", "described", "share", "in_guide"])
    frame["rank"] = frame["rank"].astype("Int64")
    overall = frame[frame["scope"] == ALL_ML]
    missing = overall[~overall["in_guide"]].sort_values("rank")["skill"].tolist()
    frame.attrs.update(title="Skills ML postings ask for, beside the guide", summary={
        "ml_postings": ml_postings,
        "described_postings": int(counts.loc[counts["scope"] == ALL_ML, "described_postings"].iloc[0]),
        "asked_most_not_in_guide": missing, "filters": filters.describe()})
    return frame


def salaries(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY) -> pd.DataFrame:
    """Annual pay of ML rows (flagged salaries left out), job postings and salary-survey answers apart
    (`kind`): within the guide's market (filters.market, pay stated per year in the bands' currency) overall,
    by seniority level against the guide's bands, by role and by year; then every country (converted to USD)
    and every source. n, quartiles, disclosure rate, share in band."""
    require_postings(con, filters, pay=True)
    bands = [{"level": b.level, "low": b.min, "high": b.max} for b in guide.salary_bands]
    frame = run(con, "salaries", filters, bands=bands, market=filters.market, currency=band_currency(guide))
    frame = _every_band(frame, bands)
    frame["disclosure_rate"] = frame["disclosed"] / frame["postings"].where(frame["postings"] > 0)
    frame["in_band_share"] = (frame["in_band"] / frame["disclosed"]).where(
        frame["band_low"].notna() & (frame["disclosed"] > 0))
    frame = frame[["kind", "dimension", "group", "postings", "disclosed", "disclosure_rate", "flagged",
                   "p25", "median", "p75", "band_low", "band_high", "in_band_share"]]
    overall = frame[(frame["dimension"] == "all") & (frame["kind"] == "posting")]
    survey = frame[(frame["dimension"] == "all") & (frame["kind"] == "survey")]
    frame.attrs.update(title="Annual pay of ML jobs, beside the guide's bands", summary={
        "market": filters.market, "currency": band_currency(guide),
        "ml_postings": int(overall["postings"].sum()), "disclosed": int(overall["disclosed"].sum()),
        "disclosure_rate": float(overall["disclosure_rate"].iloc[0]) if len(overall) else float("nan"),
        "flagged": int(frame.loc[frame["dimension"] == "all", "flagged"].sum()),
        "survey": int(survey["disclosed"].sum()), "filters": filters.describe()})
    return frame


def _every_band(frame: pd.DataFrame, bands: list[dict]) -> pd.DataFrame:
    """Every guide level gets a row per kind, even with no row at that level, in the bands' order."""
    have = set(zip(frame["kind"], frame["dimension"], frame["group"], strict=True))
    missing = [{"kind": kind, "dimension": "level", "group": b["level"], "postings": 0, "disclosed": 0,
                "flagged": 0, "in_band": 0, "band_low": b["low"], "band_high": b["high"]}
               for kind in frame["kind"].unique() for b in bands if (kind, "level", b["level"]) not in have]
    if not missing:
        return frame
    frame = pd.concat([frame, pd.DataFrame(missing)], ignore_index=True)
    rank = {"all": 0, "level": 1, "role": 2, "year": 3, "country": 4, "source": 5}
    position = {b["level"]: i for i, b in enumerate(bands)}
    order = frame["dimension"].map(rank) * 100 + frame["group"].map(lambda g: position.get(g, 99)).where(
        frame["dimension"] == "level", 0)
    return frame.assign(_order=order).sort_values(["kind", "_order"], kind="stable").drop(
        columns="_order").reset_index(drop=True)


def band_currency(guide: Baseline) -> str:
    """The currency the guide's salary bands are stated in (the pay a band can judge)."""
    return guide.salary_bands[0].currency if guide.salary_bands else "USD"


def trends(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY,
           top: int = TOP_MOVERS) -> pd.DataFrame:
    """How role and skill shares move within one source (the chosen one, else the one with the longest dated
    history): every role, the fastest-rising and fastest-falling skills (least-squares slope of the monthly
    share), and the guide's emerging trends, always shown.
    Each row also gives the share in the recent window against before it, with a 95% interval
    for the change."""
    require_postings(con, filters)
    scope = history_scope(con, filters)  # one source's history: a change of source is no trend
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
    return frame


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
        key: int(moves[column].max()) if len(moves) else 0 for key, column in totals.items()}}
    return moves


def monthly(con: duckdb.DuckDBPyConnection, filters: Filters = ANY) -> pd.DataFrame:
    """Monthly share of dated ML postings per role and of the described ones per skill (the series
    behind the trends; HN history reaches back years)."""
    return _shares(con, filters, "month", None)


def weekly(con: duckdb.DuckDBPyConnection, filters: Filters = ANY, weeks: int = RECENT_WEEKS) -> pd.DataFrame:
    """Weekly share of ML postings per role and of the described ones per skill over the latest `weeks`
    weeks, each posting dated by its own date, else by the day a crawl first saw it."""
    return _shares(con, filters, "week", weeks)


def _shares(con: duckdb.DuckDBPyConnection, filters: Filters, period: str, last: int | None) -> pd.DataFrame:
    require_postings(con, filters)
    frame = run(con, "shares", filters, period=period, last_periods=last)
    if frame.empty:
        raise NoData("none of the ML postings" + (f" matching the filters ({filters.describe()})"
                                                  if filters.describe() else "") + " has a date")
    frame["period"] = pd.to_datetime(frame["period"]).dt.strftime("%Y-%m" if period == "month" else "%Y-%m-%d")
    frame = frame.rename(columns={"period": period, "period_postings": f"{period}_postings",
                                  "period_described": f"{period}_described"})
    frame.attrs.update(title=f"{period.capitalize()}ly share of ML postings per role and skill",
                       summary={f"{period}s": int(frame[period].nunique()), "filters": filters.describe()})
    return frame


def sample_postings(con: duckdb.DuckDBPyConnection, filters: Filters = ANY, limit: int = 20) -> pd.DataFrame:
    """The latest ML postings with their extracted facts (titles and companies as the source gave them)."""
    require_postings(con, filters)
    frame = run(con, "sample_postings", filters, limit=limit)
    frame.attrs.update(title="Latest ML postings", summary={"filters": filters.describe()})
    return frame


def history_scope(con: duckdb.DuckDBPyConnection, filters: Filters) -> Filters:
    """The filters narrowed to the source with the most dated months, unless a source is already chosen."""
    if filters.source is not None:
        return filters
    found = run(con, "history_source", filters)
    return dataclasses.replace(filters, source=found["source"].iloc[0]) if len(found) else filters


def long_histories(con: duckdb.DuckDBPyConnection, filters: Filters, months: int) -> list[str]:
    """Every source with at least `months` dated months, longest history first."""
    found = run(con, "history_source", filters)
    return found.loc[found["months"] >= months, "source"].tolist()
