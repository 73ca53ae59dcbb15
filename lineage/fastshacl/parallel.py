"""Validate the targeted shapes on several cores: worker processes forked with the store already in memory.

Oxigraph holds the GIL while a query's rows are read, so threads do not help;
forked processes share the loaded store copy-on-write and take shapes from a
queue, longest-running last to finish. On the two-core machine this pays off on
graphs of national size only (see ``bench/bench_fastshacl.py``); small graphs run
in the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from rdflib.term import Identifier

from lineage.fastshacl.evaluate import ShapeEvaluator
from lineage.fastshacl.model import Shape, SparqlConstraint
from lineage.fastshacl.reader import ShapesIndex
from lineage.fastshacl.runner import Runner
from lineage.fastshacl.scope import Violation

PARALLEL_FROM_QUADS = 300_000
"""Below this many quads the fork and the transfer of results cost more than a second core saves."""

_shared: tuple[ShapesIndex, ox.Store, Mapping[Identifier, str]] | None = None

Found = list[tuple[Identifier, Violation]]


def default_workers(store: ox.Store, in_memory: bool) -> int:
    """Two or more processes for a large in-memory store when the machine has the cores (and can fork); else one.

    A store on disk is not shared with forked processes: its database handle belongs to one process.
    """
    if not in_memory or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if multiprocessing.current_process().daemon:
        return 1  # already a worker process, which may not have children
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, 4) if cores > 1 and len(store) >= PARALLEL_FROM_QUADS else 1


def run_shapes(index: ShapesIndex, store: ox.Store, workers: int,
               limits: Mapping[Identifier, str] | None = None) -> tuple[Found, dict[str, float], int]:
    """Every targeted shape's results as (source shape, violation), the time per check and the query count.

    ``limits`` restricts shapes to some focus nodes (see :class:`ShapeEvaluator`).
    """
    limits = limits or {}
    if workers <= 1:
        runner = Runner(store)
        evaluator = ShapeEvaluator(index, runner, limits)
        found = [(shape.node, v) for outcome in evaluator.run() for shape, v in outcome.results]
        return found, dict(runner.seconds), runner.queries
    global _shared
    _shared = (index, store, limits)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return _merge(pool.imap_unordered(_one_part, _parts(index, limits), chunksize=1))
    finally:
        _shared = None


def _parts(index: ShapesIndex, limits: Mapping[Identifier, str]) -> list[tuple[int, int | None]]:
    """(targeted shape, part) units of work, the likely longest first so that no core idles at the end.

    A part is a shape's own constraints (None) or one of its property shapes;
    its cost is guessed from its number of constraints, SPARQL ones counting three.
    """
    def cost(shape: Shape) -> int:
        return sum(3 if isinstance(c, SparqlConstraint) else 1 for c in shape.constraints) + len(shape.properties)

    units = []
    for position, shape in enumerate(index.targeted):
        if limits.get(shape.node) == "":
            continue  # no focus node to validate
        units.append((cost(shape) - len(shape.properties), (position, None)))
        units += [(cost(index.shapes[node]), (position, i)) for i, node in enumerate(shape.properties)]
    return [unit for _, unit in sorted(units, key=lambda item: -item[0])]


def _one_part(unit: tuple[int, int | None]) -> tuple[Found, dict[str, float], int]:
    assert _shared is not None
    index, store, limits = _shared
    runner = Runner(store)
    position, part = unit
    found = ShapeEvaluator(index, runner, limits).part(index.targeted[position], part)
    return [(shape.node, v) for shape, v in found], dict(runner.seconds), runner.queries


def _merge(parts: Iterable[tuple[Found, dict[str, float], int]]) -> tuple[Found, dict[str, float], int]:
    found: Found = []
    seconds: dict[str, float] = {}
    queries = 0
    for part_found, part_seconds, part_queries in parts:
        found.extend(part_found)
        for label, spent in part_seconds.items():
            seconds[label] = seconds.get(label, 0.0) + spent
        queries += part_queries
    return found, seconds, queries
