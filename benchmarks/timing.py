"""The one timing loop the per-item benchmarks share."""

import time
from collections.abc import Callable, Sequence
from typing import Any


def rate(work: Callable[[Any], object], items: Sequence[Any], rounds: int = 3) -> float:
    """Items per second of CPU time, best of `rounds` (CPU time: steadier than wall time on a shared machine)."""
    return rates([work], items, rounds)[0]


def rates(works: Sequence[Callable[[Any], object]], items: Sequence[Any], rounds: int = 3) -> list[float]:
    """`rate` of each of `works`, their rounds interleaved so that each sees the same spells of a
    busy machine (a ratio between them then holds even when the absolute rates swing)."""
    best = [float("inf")] * len(works)
    for _ in range(rounds):
        for i, work in enumerate(works):
            start = time.process_time()
            for item in items:
                work(item)
            best[i] = min(best[i], time.process_time() - start)
    return [len(items) / b for b in best]
