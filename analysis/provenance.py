"""The data behind a report: what each source is, how many rows it gives, which months and countries they
cover — and the ML share of all dated postings per source and month, the plainest trend there is."""

import duckdb
import pandas as pd
from mljobs.analysis.query import ANY, Filters, run

MIN_MONTH_POSTINGS = 5  # a month's ML share needs this many dated postings of its source
MIN_SOURCE_MONTHS = 6  # ... and a source this many such months, to draw a line at all


def sources(con: duckdb.DuckDBPyConnection, filters: Filters = ANY, currency: str = "USD") -> pd.DataFrame:
    """Per source and kind ('posting' | 'survey'): rows, ML rows, described ML postings, undated postings, dated
    span (months for postings, pay years for a survey), ML rows with pay and with pay a band in `currency` for
    filters.market can judge, and `countries` as [(ISO-2 or 'unknown', rows)], most first. The same over every
    source is attrs["summary"]."""
    frame = run(con, "sources", filters, market=filters.market, currency=currency)
    frame["countries"] = frame["countries"].map(lambda found: [(c["country"], int(c["rows"])) for c in found])
    total = frame["source"].isna()
    summary = frame[total].drop(columns=["source", "kind"]).iloc[0].to_dict() if total.any() else {}
    frame = frame[~total].reset_index(drop=True)
    frame.attrs.update(title="The data behind this report", summary={
        **summary, "market": filters.market, "currency": currency, "filters": filters.describe()})
    return frame


def basis(sources: pd.DataFrame, rows: str = "described_ml") -> str:
    """What shares over `rows` rest on, in words, from sources(): for "described_ml" (every skill share) 'the
    2,295 described ML postings, 2,260 (98%) of them hn's, dated 2011-04 – 2018-04'; for "ml_postings" (every
    role share) the same over all ML postings; '' when there are none. A verdict speaks for those years."""
    total = int(sources.attrs["summary"].get(rows) or 0)
    if not total:
        return ""
    main = sources.loc[sources[rows].idxmax()]
    first, last, n = main[f"{rows}_first"], main[f"{rows}_last"], int(main[rows])
    dated = "undated" if pd.isna(first) else f"dated {first:%Y-%m} – {last:%Y-%m}"
    most = "all" if n == total else f"{n:,} ({n / total:.0%})"
    what = "described ML postings" if rows == "described_ml" else "ML postings"
    return f"the {total:,} {what}, {most} of them {main['source']}'s, {dated}"


def ml_share(con: duckdb.DuckDBPyConnection, filters: Filters = ANY) -> pd.DataFrame:
    """Per source and month ('YYYY-MM') with at least MIN_MONTH_POSTINGS dated postings: postings, ML postings
    and their share; sources with fewer than MIN_SOURCE_MONTHS such months are left out."""
    frame = run(con, "ml_share_monthly", filters, min_postings=MIN_MONTH_POSTINGS, min_months=MIN_SOURCE_MONTHS)
    frame["share"] = frame["ml_postings"] / frame["postings"]
    return frame
