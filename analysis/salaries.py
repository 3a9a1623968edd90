"""The salaries report: annual pay of ML rows against the guide's bands (computed with pandas)."""

import duckdb
import pandas as pd
from mljobs.analysis import reports
from mljobs.analysis.query import ANY, Filters, run
from mljobs.analysis.table import Table
from mljobs.guide.baseline import Baseline


def salaries(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY) -> Table:
    """Annual pay of ML rows (flagged salaries left out), job postings and salary-survey answers apart
    (`kind`): within the guide's market (filters.market, pay stated per year in the bands' currency) overall,
    by seniority level against the guide's bands, by role and by year; then every country (converted to USD)
    and every source. n, quartiles, disclosure rate, share in band."""
    reports.require_postings(con, filters, pay=True)
    bands = [{"level": b.level, "low": b.min, "high": b.max} for b in guide.salary_bands]
    frame = run(con, "salaries", filters, bands=bands, market=filters.market, currency=reports.band_currency(guide))
    frame = _every_band(frame, bands)
    frame["disclosure_rate"] = frame["disclosed"] / frame["postings"].where(frame["postings"] > 0)
    frame["in_band_share"] = (frame["in_band"] / frame["disclosed"]).where(
        frame["band_low"].notna() & (frame["disclosed"] > 0))
    frame = frame[["kind", "dimension", "group", "postings", "disclosed", "disclosure_rate", "flagged",
                   "p25", "median", "p75", "band_low", "band_high", "in_band_share"]]
    overall = frame[(frame["dimension"] == "all") & (frame["kind"] == "posting")]
    survey = frame[(frame["dimension"] == "all") & (frame["kind"] == "survey")]
    frame.attrs.update(title="Annual pay of ML jobs, beside the guide's bands", summary={
        "market": filters.market, "currency": reports.band_currency(guide),
        "ml_postings": int(overall["postings"].sum()), "disclosed": int(overall["disclosed"].sum()),
        "disclosure_rate": float(overall["disclosure_rate"].iloc[0]) if len(overall) else float("nan"),
        "flagged": int(frame.loc[frame["dimension"] == "all", "flagged"].sum()),
        "survey": int(survey["disclosed"].sum()), "filters": filters.describe()})
    return Table.of(frame)


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
