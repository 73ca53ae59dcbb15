"""Serialise the graph: Turtle and N-Triples of the union, N-Quads, TriG and JSON-LD with named graphs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from lineage.atomic import atomic_file
from lineage.namespaces import PREFIXES
from lineage.store import LoadedGraph

FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
WITH_GRAPHS = frozenset({"nq", "trig", "jsonld"})
"""Formats that keep the named graphs; the others write the union of all graphs."""


def serialize(graph: LoadedGraph, fmt: str) -> bytes:
    """The whole graph in ``fmt`` (a key of :data:`FORMATS`)."""
    rdf_format = FORMATS[fmt]
    if fmt in WITH_GRAPHS:  # the store writes itself natively: no Python object per quad
        return graph.store.dump(format=rdf_format, prefixes=_prefixes(rdf_format))
    triples = graph.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    return ox.serialize(triples, format=rdf_format, prefixes=_prefixes(rdf_format))


def write(graph: LoadedGraph, fmt: str, target: Path) -> None:
    """Write the serialisation to ``target`` atomically."""
    data = serialize(graph, fmt)
    with atomic_file(target) as temporary:
        temporary.write_bytes(data)


def _prefixes(rdf_format: ox.RdfFormat) -> dict[str, str] | None:
    return PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
