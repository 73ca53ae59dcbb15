"""Time a workload and its baseline in one process; report medians, the ratio and the target."""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Benchmark:
    """A workload, the baseline it is compared with, and the time it must stay under (seconds)."""

    name: str
    description: str
    workload: Callable[[], object]
    baseline: Callable[[], object]
    baseline_name: str
    target_seconds: float | None = None
    repeat: int = 5
    baseline_repeat: int | None = None
    """Runs of a slow baseline (default: as many as the workload)."""


@dataclass(frozen=True)
class Measurement:
    """Medians of one benchmark's runs, and the workload's peak traced memory."""

    benchmark: Benchmark
    seconds: float
    baseline_seconds: float
    peak_mib: float

    @property
    def ratio(self) -> float:
        """Workload time over baseline time."""
        return self.seconds / self.baseline_seconds if self.baseline_seconds else float("inf")

    @property
    def within_target(self) -> bool | None:
        """Whether the median time is under the target, when there is one."""
        target = self.benchmark.target_seconds
        return None if target is None else self.seconds < target


def median_seconds(function: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` runs (after one warm-up run when there are several)."""
    if repeat > 1:
        function()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_mib(function: Callable[[], object]) -> float:
    """Peak Python memory of one run, in MiB (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(benchmark: Benchmark) -> Measurement:
    """Run the baseline and the workload, interleaved in one process."""
    baseline = median_seconds(benchmark.baseline, benchmark.baseline_repeat or benchmark.repeat)
    seconds = median_seconds(benchmark.workload, benchmark.repeat)
    return Measurement(benchmark, seconds, baseline, peak_mib(benchmark.workload))


def report(measurements: list[Measurement]) -> list[str]:
    """A plain-text table of the measurements."""
    lines = [(f"{'benchmark':<28} {'median s':>9} {'baseline s':>10} {'ratio':>8} {'peak MiB':>9} "
             f"{'target s':>8}  verdict   baseline")]
    for m in measurements:
        target = m.benchmark.target_seconds
        verdict = {None: "-", True: "ok", False: "SLOW"}[m.within_target]
        lines.append(f"{m.benchmark.name:<28} {m.seconds:>9.3f} {m.baseline_seconds:>10.4f} {m.ratio:>8.1f} "
                     f"{m.peak_mib:>9.1f} {'' if target is None else f'{target:g}':>8}  {verdict:<8}  "
                     f"{m.benchmark.baseline_name}")
    return lines
