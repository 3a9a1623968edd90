"""The guide's pay claims against the market: the bands per level, "salaries vary by role, experience and
location", and the top-paying industries.

Bands are judged only within the guide's market (filters.market, default US) on pay stated per year in the
bands' currency, job postings and salary-survey answers apart: a survey answer is pay received, a posting's
range is pay offered. Other countries' pay shows in its own rows, converted to USD, never against the bands.
"""

import math

import duckdb
import pandas as pd
from mljobs.analysis import evidence, reports
from mljobs.analysis.bootstrap import median_ci
from mljobs.analysis.query import Filters, run
from mljobs.analysis.verdicts import MIN_SALARIES, above_verdict, band_verdict, pct, row, spread_verdict
from mljobs.guide.baseline import Baseline

# What a guide's "varies by" word means in the data.
DIMENSIONS = {"role": "role", "experience": "level", "level": "level", "seniority": "level",
              "location": "country", "country": "country", "industry": "industry"}
UNKNOWN = {"unknown", "unclassified"}
SHOWN_GROUPS = 6  # groups named in a "varies by" verdict's evidence, largest first


def claims(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> list[tuple]:
    currency = reports.band_currency(guide)
    values = run(con, "salary_values", filters, market=filters.market, currency=currency)
    where = f"{filters.market} pay stated in {currency} a year"
    years = run(con, "pay_years", filters, market=filters.market, currency=currency)
    spans = {(r.kind, r.level): _span(r.first, r.last) for r in years.itertuples(index=False)}
    return [*_bands(values, guide, where, spans), *_varies(values, guide, where),
            *_top_paying(values, guide, where)]


def _span(first: float, last: float) -> str:
    """', dated 2020–2025' (or ', dated 2024'; '' when undated)."""
    if pd.isna(first):
        return ""
    return f", dated {int(first)}" if first == last else f", dated {int(first)}–{int(last)}"


def _median(values: pd.DataFrame) -> tuple[int, float, float, float]:
    pooled = values.groupby("pay_usd")["postings"].sum()
    return int(pooled.sum()), *median_ci(pooled.index.to_numpy(), pooled.to_numpy())


def _bands(values: pd.DataFrame, guide: Baseline, where: str, spans: dict[tuple[str, str], str]) -> list[tuple]:
    rows = []
    for kind, name in reports.KINDS.items():
        for band in guide.salary_bands:
            n, median, low, high = _median(values[(values["kind"] == kind) & (values["dimension"] == "level")
                                                  & (values["group"] == band.level)])
            top = "" if band.max is None else f"{band.max:,.0f}"
            claim = (f"{band.level.capitalize()}-level pays ${band.min:,.0f}–{top}{'+' if band.open_upper else ''}"
                     f" ({name})")
            evidence_text = (f"median ${median:,.0f} (95% CI {low:,.0f}–{high:,.0f}) of {n:,} "
                             f"{'salary' if n == 1 else 'salaries'}, {where}"
                             f"{spans.get((kind, band.level), '')}"
                             if n else f"no salaries at this level in the {name} ({where})")
            rows.append(row("salary", claim, evidence_text, n, median, low, high, "usd",
                            band_verdict(n, low, high, band.min, band.max)))
    return rows


def _varies(values: pd.DataFrame, guide: Baseline, where: str) -> list[tuple]:
    rows = []
    for word in guide.pay_varies_by:
        dimension = DIMENSIONS.get(word.lower().split()[-1])
        if dimension is None:
            continue
        scope = values[(values["dimension"] == dimension) & ~values["group"].isin(UNKNOWN)]
        groups = [(group, *_median(part)) for group, part in scope.groupby("group")]
        groups.sort(key=lambda g: -g[1])
        verdict = spread_verdict(groups)
        shown = ", ".join(f"{g} ${m:,.0f} (n={n})" for g, n, m, _, _ in groups[:SHOWN_GROUPS]) or "no salaries"
        place = "annual pay in USD, every country" if dimension == "country" else where
        sized = [g for g in groups if g[1] >= MIN_SALARIES]
        ratio = max(g[2] for g in sized) / min(g[2] for g in sized) if len(sized) > 1 else math.nan
        rows.append(row("pay", f"Salaries vary by {word}",
                        f"median by {dimension} ({place}; postings and survey together): {shown}",
                        sum(g[1] for g in groups), ratio, math.nan, math.nan, "ratio", verdict))
    return rows


def _top_paying(values: pd.DataFrame, guide: Baseline, where: str) -> list[tuple]:
    postings = values[(values["kind"] == "posting") & (values["dimension"] == "industry")]
    total, reference, _, _ = _median(postings)
    rows = []
    for phrase in guide.top_paying_industries:
        ids = evidence.industry_ids(phrase)
        n, median, low, high = _median(postings[postings["group"].isin(ids)])
        evidence_text = (f"median ${median:,.0f} (95% CI {low:,.0f}–{high:,.0f}) of {n} ML postings in "
                         f"{', '.join(ids) or 'no known industry'} vs ${reference:,.0f} over all {total} "
                         f"({where}; {pct(n, total)} of them)" if n else
                         f"no ML postings with pay in {', '.join(ids) or 'no known industry'} ({where})")
        rows.append(row("industry pay", f"{phrase} is a top-paying industry", evidence_text, n, median, low, high,
                        "usd", above_verdict(n, low, high, reference)))
    return rows
