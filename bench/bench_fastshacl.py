"""Validation: the fast validator (SHACL compiled to SPARQL on Oxigraph) against pySHACL, on synthetic corpora.

On ``small`` the baseline is pySHACL as ``lineage validate`` runs it (an
in-memory rdflib copy of the store, SPARQL sent to Oxigraph), run once. On
``national`` pySHACL takes minutes and is skipped; the baseline there is the
fast validator in one process, so the ratio is what the worker processes save,
and the target is the issue's 15 s. Both sides start from the loaded store.
"""

from __future__ import annotations

from rdflib import Graph

from bench.bench_scale import corpus, sizes
from bench.harness import Benchmark
from lineage.fastshacl import validate_fast
from lineage.store import LoadedGraph, load
from lineage.validate.engine import DataGraph, flatten, run
from lineage.validate.shapes import load_shapes

TARGET_SECONDS = {"national": 15.0}


KINDS = ("validate-fast",)
"""The names of this module's benchmarks, before their ``:``."""


def benchmarks() -> list[Benchmark]:
    """Per size: the fast validator, against pySHACL on ``small`` and against itself in one process elsewhere."""
    out: list[Benchmark] = []
    for size in sizes():
        config = corpus(size)
        graph = load(config, prefer_disk=False)
        shapes = load_shapes(config.shapes_dir).graph
        if size == "small":
            baseline, name = (lambda g=graph, s=shapes: _pyshacl(g, s)), "pySHACL, as lineage validate runs it"
        else:
            baseline, name = (lambda g=graph, s=shapes: validate_fast(g, s, workers=1)), "fast validator, one process"
        out.append(Benchmark(
            f"validate-fast:{size}", f"SHACL validation of {size} ({graph.triple_count()} triples), fast validator",
            lambda g=graph, s=shapes: validate_fast(g, s), baseline, name,
            target_seconds=TARGET_SECONDS.get(size), repeat=5, baseline_repeat=1))
    return out


def _pyshacl(graph: LoadedGraph, shapes: Graph) -> object:
    return run(DataGraph(graph.store), flatten(shapes))
