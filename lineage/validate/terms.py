"""RDF terms between pyoxigraph (the engine) and rdflib (what pySHACL reads).

>>> to_rdflib(ox.Literal("2026-02-12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))).toPython()
datetime.date(2026, 2, 12)
>>> to_oxigraph(URIRef("https://w3id.org/lineage-vn/def#Task"))
<NamedNode value=https://w3id.org/lineage-vn/def#Task>
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: OxTerm) -> Identifier:
    """The rdflib term of a pyoxigraph term (blank nodes keep their identifier)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:  # a simple literal, as rdflib reads "…" from Turtle
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_oxigraph(term: Identifier) -> OxTerm:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def add_triples(target: Graph, triples: Iterable[ox.Triple | ox.Quad]) -> Graph:
    """Add pyoxigraph triples (or the triples of quads) to ``target``; each term is converted once."""
    converted: dict[OxTerm, Identifier] = {}

    def term(value: OxTerm) -> Identifier:
        found = converted.get(value)
        if found is None:
            found = converted[value] = to_rdflib(value)
        return found

    target.addN((term(t.subject), term(t.predicate), term(t.object), target) for t in triples)
    return target
