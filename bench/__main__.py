"""``python -m bench``: the comparison table; ``python -m bench NAME …``: single benchmarks; ``python -m bench all``.

Without arguments (``make bench``) every operation runs on every size of
``LINEAGE_BENCH_SIZES`` by Lineage's engine and by the baseline, and the table
is printed and written to ``bench/results/`` (:mod:`bench.suite`).

With names, the benchmarks of the ``bench/bench_*.py`` modules run: each module
has a ``benchmarks()`` function returning :class:`bench.harness.Benchmark`
objects and ``KINDS``, the names of its benchmarks before their ``:``; a module
whose kinds are not asked for is not set up (its set-up may load a national
corpus). ``all`` runs every one of them. Exit 1 when one is over its target.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from bench.harness import Benchmark, measure, report

EVERY = "all"


def discover(names: list[str]) -> list[Benchmark]:
    """The benchmarks of every ``bench_*`` module that has one of ``names`` (all when none), in module order."""
    kinds = {name.split(":")[0] for name in names}
    found: list[Benchmark] = []
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if info.name.startswith("bench_"):
            module = importlib.import_module(f"bench.{info.name}")
            if not kinds or kinds & set(module.KINDS):
                found.extend(module.benchmarks())
    return found


def run_named(names: list[str]) -> int:
    """Run and report the named benchmarks (every one for ``[]``); exit 1 if any misses its target."""
    chosen = [b for b in discover(names) if not names or b.name in names or b.name.split(":")[0] in names]
    if not chosen:
        print(f"no benchmark named {' '.join(names)}", file=sys.stderr)
        return 2
    measurements = []
    for benchmark in chosen:
        print(f"running {benchmark.name}: {benchmark.description}", file=sys.stderr)
        measurements.append(measure(benchmark))
    print("\n".join(report(measurements)))
    return 1 if any(m.within_target is False for m in measurements) else 0


def main(names: list[str]) -> int:
    """The table without arguments; else the named benchmarks (``all``: every one)."""
    if not names:
        from bench.suite import main as table  # imported on use: it imports pySHACL and the build

        return table()
    return run_named([] if names == [EVERY] else names)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
