"""Run pySHACL over the loaded graph.

pySHACL reads the triples of every named graph from an in-memory rdflib copy
(its Core constraints walk triples one by one, which an in-memory graph answers
fastest) and sends SPARQL — the queries of SHACL-SPARQL constraints and SPARQL
targets — to Oxigraph, over the union of the named graphs, with ``$this`` bound
as a SPARQL substitution.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph, Variable
from rdflib.namespace import SH
from rdflib.query import Result
from rdflib.term import Identifier

from lineage.errors import LineageError
from lineage.validate.terms import add_triples, to_oxigraph, to_rdflib

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target, SH.deactivated)
"""What a property shape inherits from the node shape it is attached to when flattened."""


class DataGraph(Graph):
    """The data graph pySHACL validates: triples in memory, SPARQL answered by Oxigraph."""

    def __init__(self, store: ox.Store) -> None:
        super().__init__()
        self.oxigraph = store
        add_triples(self, store.quads_for_pattern(None, None, None, None))

    def query(  # type: ignore[override]  # rdflib's signature, names included
        self,
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Mapping[str, Any] | None = None,
        initBindings: Mapping[str, Identifier] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        """Answer a SELECT query with Oxigraph over the union of all named graphs."""
        substitutions = {ox.Variable(str(name)): to_oxigraph(term) for name, term in (initBindings or {}).items()}
        try:
            solutions = self.oxigraph.query(
                str(query_object), use_default_graph_as_union=True, substitutions=substitutions or None
            )
        except SyntaxError as error:
            raise LineageError(f"a SPARQL query of the shapes does not parse: {error}") from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise LineageError("SPARQL in shapes must be SELECT queries")
        names = [Variable(v.value) for v in solutions.variables]
        answer = Result("SELECT")
        answer.vars = names
        answer.bindings = [
            {name: to_rdflib(row[index]) for index, name in enumerate(names) if row[index] is not None}
            for row in solutions
        ]
        return answer


def flatten(shapes: Graph) -> Graph:
    """A copy of ``shapes`` where each property shape of a targeted node shape carries the targets itself.

    Validating a node shape's ``sh:property`` against a focus node is the same as
    validating the property shape, targeted like the node shape, against it: the
    results are identical. Node shapes that other shapes refer to (``sh:node``,
    ``sh:or`` …) keep their property shapes. pySHACL validates a nested property shape one focus
    node at a time but a targeted one over all its focus nodes at once, which is
    several times faster on a graph of this size.
    """
    flat = Graph()
    for triple in shapes:
        flat.add(triple)
    for node, prop in shapes.subject_objects(SH.property):
        if _referenced(shapes, node):
            continue  # used by sh:node, sh:or … on other nodes: its property shapes must stay with it
        inherited = [(p, o) for p in TARGETS for o in shapes.objects(node, p)]
        if not any(p != SH.deactivated for p, _ in inherited):
            continue
        for p, o in inherited:
            flat.add((prop, p, o))
        flat.remove((node, SH.property, prop))
    return flat


def _referenced(shapes: Graph, node: Identifier) -> bool:
    return any(p != SH.property for _, p in shapes.subject_predicates(node))


def run(data: DataGraph, shapes: Graph) -> tuple[bool, Graph]:
    """Validate ``data`` against ``shapes`` (best :func:`flatten`-ed): (no Violation, the pySHACL report graph).

    Warnings and Info results are reported but do not break conformance.
    SHACL-AF is on for SPARQL targets.
    """
    try:
        conforms, report, _ = pyshacl_validate(
            data, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True, advanced=True
        )
    except ReportableRuntimeError as error:
        raise LineageError(f"pySHACL could not validate: {error.message}") from None
    if not isinstance(report, Graph):  # pySHACL returns some failures instead of raising them
        raise LineageError(f"pySHACL could not validate: {report}")
    return bool(conforms), report
