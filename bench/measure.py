"""Timing and memory measurements: several repetitions, medians and 95th percentiles."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Repeated measurements of one thing, in milliseconds."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        """The median of the samples."""
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        """The 95th percentile (nearest rank) of the samples."""
        ordered = sorted(self.samples)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)]

    def plus(self, other: Timing) -> Timing:
        """The samples of two parts of one thing, timed in the same rounds, added."""
        return Timing(tuple(a + b for a, b in zip(self.samples, other.samples, strict=True)))

    def as_json(self) -> dict[str, float]:
        """Median and p95, rounded for the report."""
        return {
            "median_ms": round(self.median, 3),
            "p95_ms": round(self.p95, 3),
            "n": len(self.samples),
        }


def timed(
    action: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> Timing:
    """Run action `repeat` times (calling `before` untimed first each time) and time it."""
    samples = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(tuple(samples))


PROBE_STEPS = 5_000_000


def cpu_probe_ms(repeat: int = 3) -> float:
    """How long this machine takes for a fixed piece of pure Python (the best of `repeat`).

    Ratios are measured against baselines of the same run, but clicks and refreshes have
    targets in milliseconds: the probe, printed with them, tells a slow machine (or a busy
    day of a shared one) from slower code when runs are compared.
    """

    def work() -> None:
        total = 0
        for step in range(PROBE_STEPS):
            total += step

    return min(timed(work, repeat).samples)
