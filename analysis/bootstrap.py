"""A bootstrap interval for medians (the pay verdicts), seeded so a report is reproducible. Apart from
analysis/stats.py so that the share intervals every small report quotes don't load numpy."""

import math

import numpy as np

BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_BINS = 250  # multinomial draws cost resamples x distinct values: wider histograms are coarsened
SEED = 20240101


def median_ci(values: np.ndarray, counts: np.ndarray | None = None,
              resamples: int = BOOTSTRAP_RESAMPLES) -> tuple[float, float, float]:
    """(median, low, high): the sample median and a 95% percentile-bootstrap interval.

    `values` may be a histogram (sorted distinct values with their `counts`): resampling n postings
    with replacement is then one multinomial draw over the distinct values, which is the same
    bootstrap but costs resamples x distinct values instead of resamples x n. Past BOOTSTRAP_BINS distinct
    values the resampling runs over that many equal-width bins (each at its mean value): the interval
    then moves by at most half a bin ($1,000 over a $60k–$300k spread), the median itself is exact."""
    values = np.asarray(values, dtype=float)
    counts = np.ones(len(values), dtype=np.int64) if counts is None else np.asarray(counts, dtype=np.int64)
    order = np.argsort(values, kind="stable")
    values, counts = values[order], counts[order]
    n = int(counts.sum())
    if n == 0:
        return (math.nan, math.nan, math.nan)
    median = _median_of_counts(values, counts[np.newaxis, :], n)[0]
    if len(values) > BOOTSTRAP_BINS:
        values, counts = _coarsen(values, counts)
    rng = np.random.default_rng(SEED)
    draws = rng.multinomial(n, counts / n, size=resamples)
    medians = _median_of_counts(values, draws, n)
    low, high = np.percentile(medians, [2.5, 97.5])
    return (float(median), float(low), float(high))


def _median_of_counts(values: np.ndarray, counts: np.ndarray, n: int) -> np.ndarray:
    """Median of each row of counts over the same sorted values (the mean of the two middle ones)."""
    cumulative = counts.cumsum(axis=1)
    lower = (cumulative > (n - 1) // 2).argmax(axis=1)
    upper = (cumulative > n // 2).argmax(axis=1)
    return (values[lower] + values[upper]) / 2


def _coarsen(values: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The histogram in BOOTSTRAP_BINS equal-width bins, each at the mean of the values it holds."""
    edges = np.linspace(values[0], values[-1], BOOTSTRAP_BINS + 1)
    which = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, BOOTSTRAP_BINS - 1)
    binned = np.bincount(which, weights=counts, minlength=BOOTSTRAP_BINS)
    sums = np.bincount(which, weights=values * counts, minlength=BOOTSTRAP_BINS)
    kept = binned > 0
    return sums[kept] / binned[kept], binned[kept].astype(np.int64)
