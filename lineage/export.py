"""Serialise the graph: Turtle and N-Triples of the union, N-Quads, TriG and JSON-LD with named graphs."""

from __future__ import annotations

from collections.abc import Iterable
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


def patched_trig(previous: bytes, graph: LoadedGraph, graphs: Iterable[str]) -> bytes | None:
    """The TriG of ``graph`` made from ``previous``, that of the files it was loaded from before the named
    ``graphs`` changed: the block of each changed graph written again (or left out, when the graph is gone),
    every other block kept as it was.

    The store writes a named graph's block as it writes that graph alone, each line
    one tab further in (literals never span lines), and the blocks in the order the
    graphs were loaded: so the result is what :func:`serialize` gives for the files
    loaded afresh. None when a graph is new to the data (where its block goes is
    not known) or ``previous`` is not laid out as expected.
    """
    prefixes = _prefixes(ox.RdfFormat.TRIG)
    text = previous
    for name in graphs:
        found = _block(text, name)
        node = ox.NamedNode(name)
        if not graph.store.contains_named_graph(node):
            if found is not None:
                text = text[:found[0]] + text[found[1]:]
            continue
        if found is None:
            return None
        alone = graph.store.dump(format=ox.RdfFormat.TRIG, from_graph=node, prefixes=prefixes)
        lines = [line for line in alone.splitlines(keepends=True) if not line.startswith(b"@prefix ")]
        block = b"<%s> {\n%s}\n" % (name.encode("utf-8"), b"".join(b"\t" + line for line in lines))
        text = text[:found[0]] + block + text[found[1]:]
    return text


def _block(trig: bytes, name: str) -> tuple[int, int] | None:
    """Where the block of the graph ``name`` starts and ends (after its closing line) in TriG the store wrote."""
    head = b"\n<" + name.encode("utf-8") + b"> {\n"
    start = trig.find(head)
    if start < 0:
        return None
    end = trig.find(b"\n}\n", start + len(head) - 1)
    return None if end < 0 else (start + 1, end + 3)


def write(graph: LoadedGraph, fmt: str, target: Path) -> None:
    """Write the serialisation to ``target`` atomically."""
    data = serialize(graph, fmt)
    with atomic_file(target) as temporary:
        temporary.write_bytes(data)


def _prefixes(rdf_format: ox.RdfFormat) -> dict[str, str] | None:
    return PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
