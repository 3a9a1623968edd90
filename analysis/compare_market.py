"""The guide's market claims: industries driving demand, demand growing, certifications and internships as
ways in — and the courses, which no job posting can speak to.

Demand is read within one source over time (`history`, the source with the longest dated history), beside
an outside reference line: Indeed Hiring Lab's share of US postings mentioning AI (analysis/reference/).
"""

import csv
import dataclasses
import math
import re
from functools import cache
from importlib import resources

import duckdb
import pandas as pd
from mljobs.analysis import evidence, reports
from mljobs.analysis.query import Filters, month, run
from mljobs.analysis.stats import share_change, wilson
from mljobs.analysis.verdicts import (
    ASK_MIN_SHARE,
    MIN_ML_POSTINGS,
    NOT_MEASURABLE,
    ROLE_MIN_SHARE,
    change_verdict,
    pct,
    row,
    share_verdict,
)
from mljobs.guide.baseline import Baseline

DEMAND_WINDOW_MONTHS = 12  # the first and the last year of the history source, compared
INDEED = "indeed_ai_share_us_monthly.csv"


def claims(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters, history: Filters) -> list[tuple]:
    return [*_growth_industries(con, guide, filters), *_demand(con, guide, filters, history),
            *_certifications(con, guide, filters), *_experience(con, guide, filters), *_courses(guide)]


def _growth_industries(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> list[tuple]:
    counts = run(con, "industries", filters)
    total = int(counts["ml_postings"].iloc[0]) if len(counts) else 0
    by_industry = counts.set_index("industry")["postings"] if len(counts) else pd.Series(dtype=int)
    rows = []
    for phrase in guide.growth_industries:
        ids = evidence.industry_ids(phrase)
        k = int(sum(by_industry.get(i, 0) for i in ids))
        low, high = wilson(k, total)
        rows.append(row("industry", f"{phrase} is among the industries driving ML demand",
                        f"{pct(k, total)} of ML postings ({k} of {total}) are in "
                        f"{', '.join(ids) or 'no known industry'}",
                        total, k / total if total else math.nan, low, high, "share",
                        share_verdict(k, total, ROLE_MIN_SHARE, MIN_ML_POSTINGS, low, high)))
    return rows


def _demand(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters, history: Filters) -> list[tuple]:
    """The verdict from the longest-history source; every other source with two years of months beside it."""
    if not guide.demand_claim:
        return []
    change, low, high, late_n, early_n, text = _ml_share_change(con, history)
    others = [source for source in reports.long_histories(con, filters, 2 * DEMAND_WINDOW_MONTHS)
              if source != history.source]
    for source in others:
        text += "; " + _ml_share_change(con, dataclasses.replace(filters, source=source))[-1]
    reference = indeed_series()
    if reference:
        (first, a), (last, b) = reference[0], reference[-1]
        text += (f"; outside reference, Indeed Hiring Lab (CC BY 4.0): AI share of US postings {a:.1f}% ({first}) "
                 f"→ {b:.1f}% ({last})")
    return [row("demand", guide.demand_claim, text, min(early_n, late_n), change, low, high, "pp",
                change_verdict(late_n, early_n, low, high))]


def _ml_share_change(con: duckdb.DuckDBPyConnection, scope: Filters) -> tuple[float, float, float, int, int, str]:
    """(change, low, high, late n, early n, evidence) of the ML share of one source's dated postings, its first
    DEMAND_WINDOW_MONTHS months against its last."""
    w = run(con, "ml_share_windows", scope, window=DEMAND_WINDOW_MONTHS).iloc[0]
    early_n, early_ml, late_n, late_ml = (int(w[c] or 0) for c in ("early_n", "early_ml", "late_n", "late_ml"))
    change, low, high = share_change(late_ml, late_n, early_ml, early_n)
    source = f"{scope.source} " if scope.source else ""
    span = f"{w['first']:%Y-%m}…{w['last']:%Y-%m}" if early_n else "no dated postings"
    text = (f"ML share of {source}postings: {pct(early_ml, early_n)} in the first {DEMAND_WINDOW_MONTHS} dated months "
            f"(n={early_n}) → {pct(late_ml, late_n)} in the last {DEMAND_WINDOW_MONTHS} (n={late_n}), {span}")
    return change, low, high, late_n, early_n, text


@cache
def indeed_series() -> tuple[tuple[str, float], ...]:
    """Indeed Hiring Lab's US AI share per full year (year, mean % of postings), oldest first."""
    text = resources.files("mljobs.analysis").joinpath("reference", INDEED).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    years: dict[str, list[float]] = {}
    for record in csv.DictReader(lines):
        years.setdefault(record["month"][:4], []).append(float(record["ai_share_percent"]))
    return tuple((year, sum(v) / len(v)) for year, v in sorted(years.items()) if len(v) == 12)


def _certifications(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> list[tuple]:
    rows = []
    for phrase in guide.certifications:
        known = evidence.certification(phrase)
        if known is None:
            rows.append(row("certification", f"Get certified: {phrase}",
                            "no way to recognise this certificate in postings (analysis/evidence.toml)",
                            0, math.nan, math.nan, math.nan, "", NOT_MEASURABLE))
            continue
        pattern = "|".join(re.escape(p) for p in known["phrases"])
        counts = run(con, "mentions", filters, pattern=pattern, since_month=month(known["since"])).iloc[0]
        k, n = int(counts["mentioning"] or 0), int(counts["described"] or 0)
        low, high = wilson(k, n)
        verdict = share_verdict(k, n, ASK_MIN_SHARE, MIN_ML_POSTINGS, low, high) if n else NOT_MEASURABLE
        rows.append(row("certification", f"Get certified: {phrase}",
                        f"mentioned in {pct(k, n)} of {n} described ML postings dated from {known['since']} "
                        "(when it was first offered)", n, k / n if n else math.nan, low, high, "share", verdict))
    return rows


def _experience(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> list[tuple]:
    rows = []
    for phrase in guide.experience_routes:
        known = evidence.experience(phrase)
        if known is None:
            continue  # freelance work and open-source contributions leave no trace in a posting's fields
        counts = run(con, "titled", filters, pattern=known["title_pattern"]).iloc[0]
        k, n = int(counts["matching"] or 0), int(counts["ml_postings"] or 0)
        low, high = wilson(k, n)
        rows.append(row("experience", f"{phrase} are a way to gain ML experience",
                        f"{pct(k, n)} of ML postings ({k} of {n}) are {phrase.lower()} by their title", n,
                        k / n if n else math.nan, low, high, "share",
                        share_verdict(k, n, ASK_MIN_SHARE, MIN_ML_POSTINGS, low, high)))
    return rows


def _courses(guide: Baseline) -> list[tuple]:
    if not guide.learning_resources:
        return []
    return [row("course", f"Take courses ({', '.join(guide.learning_resources)})",
                "job postings don't say where candidates learned: no market data speaks to this", 0,
                math.nan, math.nan, math.nan, "", NOT_MEASURABLE)]
