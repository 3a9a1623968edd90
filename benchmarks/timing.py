"""The one timing loop the per-item benchmarks share."""

import time
from collections.abc import Callable, Sequence
from typing import Any


def rate(work: Callable[[Any], object], items: Sequence[Any], rounds: int = 3) -> float:
    """Items per second of CPU time, best of `rounds` (CPU time: steadier than wall time on a shared machine)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for item in items:
            work(item)
        best = min(best, time.process_time() - start)
    return len(items) / best
