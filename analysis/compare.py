"""The guide against the market: one verdict per claim of the guide, computed from the data.

Verdict rules (95% intervals; the README's "Verdict rules" section repeats them):

* Roles — "X is one of the ML roles". Evidence: X's share of ML postings, Wilson interval.
  Fewer than MIN_ML_POSTINGS ML postings: too little data. Interval low >= ROLE_MIN_SHARE: holds;
  interval high < ROLE_MIN_SHARE: not supported; otherwise (the interval straddles it): too little data.
* Skills — "role X needs skill S" (each role's list) and "ML jobs need S" (the general lists).
  Evidence: share of the scope's described postings (a description of at least
  reports.MIN_DESCRIPTION_CHARS characters: titles-only listings can't mention a skill) that mention S,
  Wilson interval over that n. Fewer than MIN_SCOPE_POSTINGS described postings in the scope: too little
  data. Same rule as roles with SKILL_MIN_SHARE.
* Salary bands — "level L pays min–max". Evidence: the median of annual USD pay (midpoint of the
  stated range, or its one known end; flagged salaries left out) with a bootstrap interval.
  Fewer than MIN_SALARIES disclosed salaries at that level: too little data. Interval low > band
  max: market higher; interval high < band min: market lower; otherwise holds. A "+" on the top of
  a band ("$250,000+") says some earn more, not that the typical one does, so the median is still
  held to the stated top; a band with no top at all can't be exceeded.
* Emerging trends — "T is emerging". Evidence: T's share of described ML postings in the last
  RECENT_MONTHS months against before, with Newcombe's interval for the change. Fewer than
  MIN_WINDOW_POSTINGS dated, described ML postings on either side: too little data. Change interval
  low > 0: holds; interval high < TREND_PRECISION (no rise of that size is plausible, falling
  included): not supported; otherwise too little data.
"""

import math

import duckdb
import pandas as pd

from analysis import reports
from analysis.query import ANY, Filters, run
from analysis.stats import median_ci, share_change, wilson
from guide.baseline import Baseline

HOLDS, HIGHER, LOWER, UNSUPPORTED, TOO_LITTLE = (
    "holds", "market higher", "market lower", "not supported", "too little data")
VERDICTS = (HOLDS, HIGHER, LOWER, UNSUPPORTED, TOO_LITTLE)

MIN_ML_POSTINGS = 30
ROLE_MIN_SHARE = 0.03  # a role a guide lists should be at least 3% of ML postings
MIN_SCOPE_POSTINGS = 20
SKILL_MIN_SHARE = 0.10  # a skill a guide says is needed should appear in at least 10% of postings
MIN_SALARIES = 20
MIN_WINDOW_POSTINGS = 30
TREND_PRECISION = 0.02  # a rise under 2 percentage points is no emerging trend

COLUMNS = ["kind", "claim", "evidence", "n", "value", "ci_low", "ci_high", "verdict"]


def compare(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters = ANY) -> pd.DataFrame:
    """Each claim of the guide, the market's evidence, and a verdict (see the module docstring)."""
    reports.require_postings(con, filters)
    rows = [*_roles(con, guide, filters), *_skills(con, guide, filters), *_salaries(con, guide, filters),
            *_trends(con, guide, filters)]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.attrs.update(title="The guide against the market", summary={
        **{verdict: int((frame["verdict"] == verdict).sum()) for verdict in VERDICTS},
        "filters": filters.describe()})
    return frame


def share_verdict(k: int, n: int, threshold: float, minimum: int) -> tuple[str, float, float]:
    """(verdict, low, high) for "at least `threshold` of postings" from k of n."""
    low, high = wilson(k, n)
    if n < minimum:
        return TOO_LITTLE, low, high
    if low >= threshold:
        return HOLDS, low, high
    if high < threshold:
        return UNSUPPORTED, low, high
    return TOO_LITTLE, low, high


def band_verdict(n: int, low: float, high: float, band_min: float, band_max: float | None) -> str:
    """Verdict on a salary band from the median's interval [low, high] over n salaries."""
    if n < MIN_SALARIES:
        return TOO_LITTLE
    if band_max is not None and low > band_max:
        return HIGHER
    if high < band_min:
        return LOWER
    return HOLDS


def trend_verdict(n_recent: int, n_earlier: int, low: float, high: float) -> str:
    """Verdict on "T is emerging" from the interval [low, high] of its change in share."""
    if min(n_recent, n_earlier) < MIN_WINDOW_POSTINGS or math.isnan(low):
        return TOO_LITTLE
    if low > 0:
        return HOLDS
    if high < TREND_PRECISION:
        return UNSUPPORTED
    return TOO_LITTLE


def _roles(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> list[dict]:
    counts = run(con, "roles", filters)
    ml_postings = int(counts["ml_postings"].iloc[0]) if len(counts) else 0
    by_role = counts.set_index("role")["postings"]
    rows = []
    for role in guide.roles:
        k = int(by_role.get(role.id, 0))
        verdict, low, high = share_verdict(k, ml_postings, ROLE_MIN_SHARE, MIN_ML_POSTINGS)
        rows.append(_row("role", f"{role.name} is one of the ML roles",
                         f"{_pct(k, ml_postings)} of ML postings ({k} of {ml_postings})",
                         ml_postings, k / ml_postings if ml_postings else math.nan, low, high, verdict))
    return rows


def _skills(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> list[dict]:
    counts = reports.skill_counts(con, filters)
    mentions = counts[counts["skill"].notna()].set_index(["scope", "skill"])["postings"]
    sizes = counts.groupby("scope")["described_postings"].first()  # a skill's share is of described postings
    claims = [(role.id, f"{role.name} needs {skill}", skill) for role in guide.roles for skill in role.skills]
    claims += [(reports.ALL_ML, f"ML jobs need {skill} ({group})", skill)
               for group, names in guide.skill_groups.items() for skill in names]
    rows = []
    for scope, claim, skill in claims:
        n = int(sizes.get(scope, 0))
        k = int(mentions.get((scope, skill), 0))
        verdict, low, high = share_verdict(k, n, SKILL_MIN_SHARE, MIN_SCOPE_POSTINGS)
        rows.append(_row("skill", claim, f"in {_pct(k, n)} of {n} described postings", n,
                         k / n if n else math.nan, low, high, verdict))
    return rows


def _salaries(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> list[dict]:
    histogram = run(con, "salary_values", filters)
    rows = []
    for band in guide.salary_bands:
        level = histogram[histogram["level"] == band.level]
        n = int(level["postings"].sum())
        median, low, high = median_ci(level["pay_usd"].to_numpy(), level["postings"].to_numpy())
        top = "" if band.max is None else f"{band.max:,.0f}"
        claim = f"{band.level.capitalize()}-level pays ${band.min:,.0f}–{top}{'+' if band.open_upper else ''}"
        evidence = (f"median ${median:,.0f} (95% CI {low:,.0f}–{high:,.0f}) of {n} disclosed salaries"
                    if n else "no disclosed salaries")
        rows.append(_row("salary", claim, evidence, n, median, low, high,
                         band_verdict(n, low, high, band.min, band.max)))
    return rows


def _trends(con: duckdb.DuckDBPyConnection, guide: Baseline, filters: Filters) -> list[dict]:
    moves = reports.changes(con, filters)
    skills = moves[moves["kind"] == "skill"].set_index("name")
    window = moves.attrs["summary"]
    n_recent, n_earlier = window["recent_described"], window["earlier_described"]  # trends are skills
    rows = []
    for trend in guide.emerging_trends:
        known = trend in skills.index
        k_recent = int(skills.at[trend, "recent_postings"]) if known else 0
        k_earlier = int(skills.at[trend, "earlier_postings"]) if known else 0
        change, low, high = share_change(k_recent, n_recent, k_earlier, n_earlier)
        evidence = (f"{_pct(k_recent, n_recent)} of the last {window['recent_months']} months' described postings "
                    f"(n={n_recent}) vs {_pct(k_earlier, n_earlier)} before (n={n_earlier})")
        rows.append(_row("trend", f"{trend} is emerging", evidence, min(n_recent, n_earlier), change, low, high,
                         trend_verdict(n_recent, n_earlier, low, high)))
    return rows


def _row(kind: str, claim: str, evidence: str, n: int, value: float, low: float, high: float,
         verdict: str) -> dict:
    return dict(zip(COLUMNS, (kind, claim, evidence, n, value, low, high, verdict), strict=True))


def _pct(k: int, n: int) -> str:
    return f"{k / n:.1%}" if n else "n/a"
