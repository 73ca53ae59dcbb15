"""The audit: of the corpus (issue: under 10 s), and of the synthetic corpora (``small``, ``national``; see bench_scale).

Corpus: the whole audit and each check alone, against loading the graph and
building its directive view (the work every check builds on; the ratio says what
the checks add to it).

Synthetic corpora: the whole audit of a graph already loaded, with its directive
view, as ``lineage build`` runs it, against one pass over every quad of the store
(the ratio says how many passes over the graph the audit costs). At ``national``
(≈1 M triples) the audit must stay near 4 s: an incremental build, which re-runs
it, must finish in under 10 s.
"""

from __future__ import annotations

from bench.bench_scale import corpus, sizes
from bench.harness import Benchmark
from lineage.audit import CHECKS, run_audit
from lineage.config import Config
from lineage.graphview import directive_graph
from lineage.store import LoadedGraph, load

KINDS = ("audit",)
"""The names of this module's benchmarks, before their ``:``."""
TARGETS = {"national": 4.0}
"""Seconds the audit of a synthetic corpus may take (the issue's aim; ``small`` has none of its own)."""


def benchmarks() -> list[Benchmark]:
    """The whole audit, and each check alone, on the corpus; the whole audit on each synthetic size."""
    config = Config.default()

    def baseline() -> object:
        return directive_graph(load(config, prefer_disk=False))

    def audit(checks: list[str] | None) -> object:
        return run_audit(load(config, prefer_disk=False), checks=checks)

    whole = Benchmark("audit:all", "lineage audit of the corpus, every check", lambda: audit(None), baseline,
                      "load + directive view", target_seconds=10.0, repeat=3)
    alone = [Benchmark(f"audit:{name}", f"the {name} check alone", lambda n=name: audit([n]), baseline,
                       "load + directive view", repeat=3) for name in CHECKS]
    return [whole, *alone, *(_synthetic(size) for size in sizes())]


def _synthetic(size: str) -> Benchmark:
    """The audit of the synthetic corpus of ``size``, loaded once, against reading every quad of its store."""
    graph = load(corpus(size), prefer_disk=False)
    view = directive_graph(graph)
    return Benchmark(
        f"audit:{size}", f"lineage audit of {size} ({graph.triple_count()} triples), graph and view loaded",
        lambda: run_audit(graph, view=view), lambda: _every_quad(graph), "one pass over every quad",
        target_seconds=TARGETS.get(size), repeat=3)


def _every_quad(graph: LoadedGraph) -> int:
    return sum(1 for _ in graph.store.quads_for_pattern(None, None, None, None))
