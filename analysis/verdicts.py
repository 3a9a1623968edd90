"""Verdict rules: from a claim's evidence (a share, a median, a change, with 95% intervals) to one word.

The thresholds are here, named; the README's "Verdict rules" section repeats them. Every rule asks for a
minimum sample first: below it the verdict is "too little data", whatever the point estimate says. "Not
measurable" is for claims no data in the store can speak to: courses (a posting doesn't say where anyone
learned), and a skill or a certificate when every dated posting is from before it existed.
"""

import math

HOLDS, HIGHER, LOWER, UNSUPPORTED, BORDERLINE, TOO_LITTLE, NOT_MEASURABLE = (
    "holds", "market higher", "market lower", "not supported", "borderline", "too little data", "not measurable")
VERDICTS = (HOLDS, HIGHER, LOWER, UNSUPPORTED, BORDERLINE, TOO_LITTLE, NOT_MEASURABLE)

MIN_ML_POSTINGS = 30
ROLE_MIN_SHARE = 0.03  # a role (or an industry) a guide lists should be at least 3% of ML postings
MIN_SCOPE_POSTINGS = 20
SKILL_MIN_SHARE = 0.10  # a skill a guide says is needed should appear in at least 10% of postings
ASK_MIN_SHARE = 0.02  # a certificate worth getting, or internships as a way in: at least 2% of ML postings
MIN_SALARIES = 20
MIN_WINDOW_POSTINGS = 30
TREND_PRECISION = 0.02  # a rise under 2 percentage points is no emerging trend
NEAR = 0.5  # an interval within ±50% of a share threshold is near it: "borderline"

COLUMNS = ["kind", "claim", "evidence", "n", "value", "ci_low", "ci_high", "unit", "verdict"]


def row(kind: str, claim: str, evidence: str, n: int, value: float, low: float, high: float, unit: str,
        verdict: str) -> tuple:
    """One verdict row (COLUMNS); `unit` says how value and interval read: share, usd, pp, ratio or ''."""
    return (kind, claim, evidence, n, value, low, high, unit, verdict)


def pct(k: int, n: int) -> str:
    return f"{k / n:.1%}" if n else "n/a"


def share_verdict(k: int, n: int, threshold: float, minimum: int, low: float, high: float) -> str:
    """"At least `threshold` of postings", from k of n with its interval [low, high]. An interval across the
    threshold is "borderline" when it is known to lie near it (within half the threshold either way: Statistics
    in 9.7%–12.3% of postings against 10%): the market sits at the guide's line, and more data would only say on
    which side by a hair. A wider one is "too little data"."""
    if n < minimum:
        return TOO_LITTLE
    if low >= threshold:
        return HOLDS
    if high < threshold:
        return UNSUPPORTED
    if low >= threshold * (1 - NEAR) and high <= threshold * (1 + NEAR):
        return BORDERLINE
    return TOO_LITTLE


def band_verdict(n: int, low: float, high: float, band_min: float, band_max: float | None) -> str:
    """A salary band from the median's interval [low, high] over n salaries. A "+" on the top ("$250,000+")
    says some earn more, not that the typical one does, so the median is still held to the stated top; a band
    with no top at all can't be exceeded."""
    if n < MIN_SALARIES:
        return TOO_LITTLE
    if band_max is not None and low > band_max:
        return HIGHER
    if high < band_min:
        return LOWER
    return HOLDS


def change_verdict(n_recent: int, n_earlier: int, low: float, high: float) -> str:
    """"T is emerging" / "demand is growing", from the interval [low, high] of the change in share."""
    if min(n_recent, n_earlier) < MIN_WINDOW_POSTINGS or math.isnan(low):
        return TOO_LITTLE
    if low > 0:
        return HOLDS
    if high < TREND_PRECISION:
        return UNSUPPORTED
    return TOO_LITTLE


def above_verdict(n: int, low: float, high: float, reference: float) -> str:
    """"Group G pays more": G's median interval [low, high] over n salaries against the market's median."""
    if n < MIN_SALARIES or math.isnan(reference):
        return TOO_LITTLE
    if low > reference:
        return HOLDS
    if high < reference:
        return UNSUPPORTED
    return TOO_LITTLE


def spread_verdict(groups: list[tuple[str, int, float, float, float]]) -> str:
    """"Pay varies by X": groups (name, n, median, low, high). Holds when, among groups with at least
    MIN_SALARIES salaries, the best-paid group's interval lies wholly above the worst-paid one's; with fewer
    than two such groups, or overlapping intervals, the data can't tell."""
    sized = [g for g in groups if g[1] >= MIN_SALARIES]
    if len(sized) < 2:
        return TOO_LITTLE
    lowest, highest = min(sized, key=lambda g: g[2]), max(sized, key=lambda g: g[2])
    return HOLDS if highest[3] > lowest[4] else TOO_LITTLE
