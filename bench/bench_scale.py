"""National scale: load, directive view and closure, trace and impact on synthetic corpora.

Sizes come from ``LINEAGE_BENCH_SIZES`` (default ``small,national``; ``make
bench-large`` adds ``large``). Each corpus is generated once (seed 1) into
``bench/.corpora/`` (not in git). Baselines are the engines the fast path replaces, run in the
same process: rdflib's memory store for loading, SPARQL property paths for
tracing and impact. On ``national`` and ``large`` a slow baseline runs once
instead of five times.
"""

from __future__ import annotations

import os
from functools import cache

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.namespace import Namespace

from bench.harness import Benchmark
from lineage.closure import Closure
from lineage.config import Config
from lineage.graphview import directive_graph
from lineage.store import LoadedGraph, input_files, load
from lineage.synth.generate import SIZES, generate

SEED = 1
TRACED = 1000
TRACE_PATH = """
SELECT ?task ?root WHERE {
  ?task (eli:is_part_of|eli:ensures_implementation_of)+ ?root .
  FILTER NOT EXISTS { ?root eli:ensures_implementation_of|eli:is_part_of ?up }
}"""
IMPACT_PATH = """
SELECT ?directive (COUNT(DISTINCT ?node) AS ?n) WHERE {
  ?node (eli:is_part_of|eli:ensures_implementation_of)+ ?directive .
} GROUP BY ?directive"""


def sizes() -> list[str]:
    """The sizes to run."""
    return [s.strip() for s in os.environ.get("LINEAGE_BENCH_SIZES", "small,national").split(",") if s.strip()]


@cache
def corpus(size: str) -> Config:
    """The synthetic corpus of ``size``, generated on first use."""
    config = Config.default()
    folder = config.root / "bench" / ".corpora" / f"{size}-seed{SEED}"
    if not (folder / "synth.json").is_file():
        generate(SIZES[size], folder, config.base_iri)
    return config.with_data(folder)


KINDS = ("load", "closure", "trace-1000", "trace-all", "impact", "trace-rdflib")
"""The names of this module's benchmarks, before their ``:``."""


def benchmarks() -> list[Benchmark]:
    """Per size: load, view + closure, trace of 1,000 tasks, trace of every task, impact of one directive."""
    out: list[Benchmark] = []
    for size in sizes():
        config = corpus(size)
        repeat_slow = 5 if size == "small" else 1
        graph = load(config, prefer_disk=False)
        view = directive_graph(graph)
        closure = Closure.from_view(view)
        tasks = sorted(n for n, kind in view.nodes(data="kind") if kind == "task")
        sample = tasks[:: max(1, len(tasks) // TRACED)][:TRACED]
        directive = max((n for n in view if closure.is_root(n) and "/eli/vn/tw/" in n),
                        key=lambda n: len(closure.descendants(n)))
        rdflib_graph = _rdflib_dataset(config) if size == "small" else None
        out += [
            Benchmark(f"load:{size}", f"Oxigraph load of {size} ({graph.triple_count()} triples)",
                      lambda c=config: load(c, prefer_disk=False), lambda c=config: _rdflib_dataset(c),
                      "rdflib memory store load", repeat=5, baseline_repeat=repeat_slow),
            Benchmark(f"closure:{size}", f"directive view + closure of {size}",
                      lambda g=graph: Closure.from_view(directive_graph(g)),
                      lambda g=graph, d=directive: g.query(IMPACT_PATH, {"directive": ox.NamedNode(d)}),
                      "one SPARQL impact count", repeat=5),
            Benchmark(f"trace-1000:{size}", f"trace of {len(sample)} tasks from the closure",
                      lambda c=closure, s=sample: [c.paths(t) for t in s],
                      lambda g=graph, s=sample: _trace_sparql(g, s), "SPARQL property paths on Oxigraph",
                      repeat=5),
            Benchmark(f"trace-all:{size}", f"trace of all {len(tasks)} tasks (target < 5 s)",
                      lambda c=closure, s=tasks: [c.paths(t) for t in s],
                      lambda c=closure, s=sample: [c.paths(t) for t in s], "trace of 1,000 tasks",
                      target_seconds=5.0, repeat=5),
            Benchmark(f"impact:{size}", "impact of the directive with most descendants (target < 50 ms)",
                      lambda c=closure, d=directive: c.descendants(d),
                      lambda g=graph, d=directive: g.query(IMPACT_PATH, {"directive": ox.NamedNode(d)}),
                      "SPARQL property path count", target_seconds=0.05, repeat=5),
        ]
        if rdflib_graph is not None:
            out.append(Benchmark(f"trace-rdflib:{size}", f"trace of {len(sample)} tasks from the closure",
                                 lambda c=closure, s=sample: [c.paths(t) for t in s],
                                 lambda d=rdflib_graph, s=sample: _trace_rdflib(d, s),
                                 "SPARQL property paths on rdflib's memory store", repeat=5, baseline_repeat=1))
    return out


def _rdflib_dataset(config: Config) -> Dataset:
    dataset = Dataset(default_union=True)
    for file in input_files(config):
        dataset.graph(file.graph).parse(file.path, format="turtle")
    return dataset


def _trace_sparql(graph: LoadedGraph, tasks: list[str]) -> int:
    return sum(len(list(graph.query(TRACE_PATH, {"task": ox.NamedNode(t)}))) for t in tasks)


def _trace_rdflib(dataset: Dataset, tasks: list[str]) -> int:
    eli = Namespace("http://data.europa.eu/eli/ontology#")
    return sum(len(list(dataset.query(TRACE_PATH, initNs={"eli": eli}, initBindings={"task": URIRef(t)})))
               for t in tasks)
