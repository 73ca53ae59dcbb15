"""The audit of the corpus (issue: under 10 s), against loading the graph and building its directive view.

The baseline is the work every check builds on; the ratio says what the checks add to it.
"""

from __future__ import annotations

from bench.harness import Benchmark
from lineage.audit import CHECKS, run_audit
from lineage.config import Config
from lineage.graphview import directive_graph
from lineage.store import load


KINDS = ("audit",)
"""The names of this module's benchmarks, before their ``:``."""


def benchmarks() -> list[Benchmark]:
    """The whole audit, and each check alone, on the corpus."""
    config = Config.default()

    def baseline() -> object:
        return directive_graph(load(config, prefer_disk=False))

    def audit(checks: list[str] | None) -> object:
        return run_audit(load(config, prefer_disk=False), checks=checks)

    whole = Benchmark("audit:all", "lineage audit of the corpus, every check", lambda: audit(None), baseline,
                      "load + directive view", target_seconds=10.0, repeat=3)
    alone = [Benchmark(f"audit:{name}", f"the {name} check alone", lambda n=name: audit([n]), baseline,
                       "load + directive view", repeat=3) for name in CHECKS]
    return [whole, *alone]
