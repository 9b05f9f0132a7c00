"""Small timing helpers the benchmarks share: percentiles and the median of repeated calls."""

from __future__ import annotations

import statistics
import time


def percentile(values: list[float], p: float) -> float:
    """The ``p`` quantile (0..1) with linear interpolation between neighbours; nan without values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def median_ms(fn, repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``fn``, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
