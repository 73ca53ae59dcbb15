"""The local graph cut into batches: each named graph, its triple count, and N-Triples chunks to send.

A blank node's label means something only inside one request, so a graph that
holds blank nodes is sent whole, in one batch; other graphs are cut into
batches of ``size`` triples.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox

from lineage.store import LoadedGraph

_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_BLANK = "ASK { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } }"


@dataclass(frozen=True)
class GraphPart:
    """One named graph to publish."""

    iri: str
    triples: int
    batches: int
    blank_nodes: bool


def graph_parts(graph: LoadedGraph, size: int) -> list[GraphPart]:
    """Every named graph of ``graph`` with its triple count and number of batches, sorted by IRI."""
    parts = []
    for row in graph.store.query(_COUNTS):
        node, count = row["g"], int(row["n"].value)
        if not isinstance(node, ox.NamedNode):
            continue
        blank = bool(graph.store.query(_BLANK, substitutions={ox.Variable("g"): node}))
        batches = 1 if blank else max(1, -(-count // size))
        parts.append(GraphPart(node.value, count, batches, blank))
    return sorted(parts, key=lambda part: part.iri)


def batches(graph: LoadedGraph, part: GraphPart, size: int) -> Iterator[tuple[int, bytes]]:
    """The triples of ``part`` as (count, N-Triples bytes) chunks of at most ``size`` (one chunk with blank nodes)."""
    quads = graph.store.quads_for_pattern(None, None, None, ox.NamedNode(part.iri))
    triples = (quad.triple for quad in quads)
    step = part.triples if part.blank_nodes else size
    while chunk := list(islice(triples, max(step, 1))):
        yield len(chunk), ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES)
