"""The entry point: read the shapes, validate the store, turn violations into results."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cache

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.term import Identifier

from lineage.fastshacl.model import Shape
from lineage.fastshacl.parallel import default_workers, run_shapes
from lineage.fastshacl.reader import ShapesIndex, read_shapes
from lineage.fastshacl.report import BLOCKING_FREE, FastReport, ValidationResult, default_messages
from lineage.fastshacl.runner import Term
from lineage.fastshacl.scope import Violation
from lineage.store import LoadedGraph
from lineage.validate.terms import to_oxigraph, to_rdflib

ONTOLOGY_GRAPH = "urn:lineage:fastshacl:ontology"


def validate_fast(graph: LoadedGraph, shapes: Graph, ontology: Graph | None = None, *,
                  workers: int | None = None, focus: Mapping[Identifier, Collection[Term]] | None = None,
                  index: ShapesIndex | None = None) -> FastReport:
    """Validate the union of ``graph``'s named graphs (plus ``ontology``) against ``shapes``.

    ``focus`` limits targeted shapes (by node) to some of their focus nodes: the
    report then holds only those nodes' results. Shapes it does not name are
    validated on all their focus nodes.

    The ontology is mixed into the data as pySHACL's ``ont_graph`` is; when the
    store already holds it (``lineage.store.load`` loads ``ontology/``) nothing is
    copied. ``workers`` processes share the shapes (default: one per core, up to
    four, for an in-memory store of national size; one otherwise). ``index`` is
    ``shapes`` already read (:func:`read_shapes`).
    """
    index = read_shapes(shapes) if index is None else index
    store = _with_ontology(graph.store, ontology)
    in_memory = store is not graph.store or not graph.from_disk
    if workers is None:
        workers = default_workers(store, in_memory)
    elif workers > 1 and not in_memory:
        raise ValueError("worker processes need an in-memory store: load the graph with prefer_disk=False")
    limits = {node: " ".join(sorted(str(term) for term in terms)) for node, terms in (focus or {}).items()}
    found, seconds, queries = run_shapes(index, store, workers, limits)
    rdf = cache(to_rdflib)
    seconds = dict(sorted(seconds.items(), key=lambda item: -item[1]))
    return report_of({_result(index.shapes[node], violation, rdf) for node, violation in found}, shapes,
                     seconds, queries)


def report_of(results: Iterable[ValidationResult], shapes: Graph, seconds: dict[str, float] | None = None,
              queries: int = 0) -> FastReport:
    """The report holding ``results`` (distinct) in order of shape, component, focus node, value, path and messages;
    it conforms when none is a Violation or worse."""
    ordered = sorted(set(results), key=lambda r: (str(r.source_shape), str(r.component), str(r.focus), str(r.value),
                                                  str(r.path), [message.n3() for message in r.messages]))
    conforms = not any(result.severity not in BLOCKING_FREE for result in ordered)
    return FastReport(conforms, tuple(ordered), shapes, seconds or {}, queries)


def _result(shape: Shape, violation: Violation, rdf: Callable[[Term], Identifier]) -> ValidationResult:
    """The result of ``violation`` of ``shape``, in rdflib terms (each term converted once)."""
    messages = violation.messages if violation.messages is not None else shape.messages
    return ValidationResult(
        focus=rdf(violation.focus),
        path=violation.path if violation.path is not None else shape.path,
        value=None if violation.value is None else rdf(violation.value),
        source_shape=shape.node,
        component=violation.component,
        severity=shape.severity,
        messages=messages or default_messages(violation.component),
        source_constraint=violation.source_constraint,
    )


def _with_ontology(store: ox.Store, ontology: Graph | None) -> ox.Store:
    """``store``, or an in-memory copy with the ontology added when the store lacks some of its triples.

    Triples with blank nodes cannot be looked up by identity and are not compared.
    """
    if ontology is None:
        return store
    missing = [
        triple for triple in ontology
        if not any(isinstance(term, BNode) for term in triple)
        and next(iter(store.quads_for_pattern(*(to_oxigraph(t) for t in triple), None)), None) is None
    ]
    if not missing:
        return store
    copy = ox.Store()
    copy.bulk_extend(store.quads_for_pattern(None, None, None, None))
    target = ox.NamedNode(ONTOLOGY_GRAPH)
    copy.bulk_extend(ox.Quad(*(to_oxigraph(t) for t in triple), target) for triple in ontology)
    return copy
