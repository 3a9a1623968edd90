"""Confidence intervals for shares the reports quote: Wilson for a share, Newcombe for a change in share.
95% throughout; the medians' bootstrap is in analysis/bootstrap.py."""

import math

Z95 = 1.959963984540054


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials; (nan, nan) when n is 0.

    Chosen over the normal approximation because it stays inside [0, 1] and behaves at k = 0 or
    k = n, which small filtered markets hit all the time."""
    if n <= 0:
        return (math.nan, math.nan)
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def share_change(k_new: int, n_new: int, k_old: int, n_old: int) -> tuple[float, float, float]:
    """The change in share p_new - p_old with Newcombe's hybrid score interval (built from the two
    Wilson intervals): (difference, low, high); nan when either side has no postings."""
    if n_new <= 0 or n_old <= 0:
        return (math.nan, math.nan, math.nan)
    p_new, p_old = k_new / n_new, k_old / n_old
    low_new, high_new = wilson(k_new, n_new)
    low_old, high_old = wilson(k_old, n_old)
    diff = p_new - p_old
    low = diff - math.sqrt((p_new - low_new) ** 2 + (high_old - p_old) ** 2)
    high = diff + math.sqrt((high_new - p_new) ** 2 + (p_old - low_old) ** 2)
    return (diff, low, high)
