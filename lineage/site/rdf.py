"""The RDF behind a page: a SPARQL CONSTRUCT per page and the Turtle it produces.

A page's statements are its node's own triples and those of the nodes it owns
(IRIs under its own, such as a task's timing and participations), like a
concise bounded description; parts, tasks and values under a document have
pages of their own and are left out.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import pyoxigraph as ox

from lineage.namespaces import PREFIXES
from lineage.store import LoadedGraph

_CONSTRUCT = """\
# Statements about <{iri}> as its page shows them: its own triples and those of the
# nodes it owns (blank nodes, IRIs under its own without a page), over the union of graphs.
# Các thông tin về đối tượng như trang của nó: bộ ba của nó và của các nút nó sở hữu.
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX lin: <https://w3id.org/lineage-vn/def#>
CONSTRUCT {{ ?s ?p ?o }}
WHERE {{
  {{ BIND(<{iri}> AS ?s) }}
  UNION {{ <{iri}> ?p1 ?s . FILTER(isBlank(?s) || STRSTARTS(STR(?s), "{iri}/")) }}
  UNION {{ <{iri}> ?p1 ?owned . ?owned ?p2 ?s .
           FILTER(isBlank(?owned) || STRSTARTS(STR(?owned), "{iri}/")) FILTER(isBlank(?s) || STRSTARTS(STR(?s), "{iri}/"))
           FILTER NOT EXISTS {{ ?owned a ?paged VALUES ?paged {{ eli:LegalResource lin:Target lin:Observation lin:IndicatorValue }} }} }}
  FILTER(?s = <{iri}> || NOT EXISTS {{ ?s a ?paged VALUES ?paged {{ eli:LegalResource lin:Target lin:Observation lin:IndicatorValue }} }})
  ?s ?p ?o .
}}
"""


def statements_query(iri: str) -> str:
    """The SPARQL CONSTRUCT producing the statements of ``iri``'s page; ``iri`` is checked first."""
    checked = ox.NamedNode(iri).value  # raises ValueError on anything that is not an IRI
    if '"' in checked or "\\" in checked:
        raise ValueError(f"IRI {iri!r} cannot be quoted in a SPARQL string")
    return _CONSTRUCT.format(iri=checked)


def page_statements(graph: LoadedGraph, iri: str) -> set[ox.Triple]:
    """What :func:`statements_query` constructs, read straight from the store (no query to parse)."""
    store = graph.store
    node = ox.NamedNode(iri)
    found = _triples(store, node)
    frontier = [node]
    for _ in range(2):  # the node's owned nodes, and theirs
        owned = {t.object for s in frontier for t in found if t.subject == s and _owned(store, iri, t.object)}
        owned -= {t.subject for t in found}
        for term in owned:
            found |= _triples(store, term)
        frontier = list(owned)
    return found


def statements_turtle(graph: LoadedGraph, iri: str) -> str:
    """The Turtle of ``iri``'s page statements, triples sorted and blank nodes named by their content.

    The store names blank nodes anew each time the data is loaded; naming them
    after what they say keeps the file the same while the statements are.
    """
    triples = sorted(stable_blank_nodes(page_statements(graph, iri)), key=_triple_key)
    body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    header = f"# Lineage: statements about / các thông tin về <{iri}>\n"
    return header + (body.decode("utf-8") if body else "")


def stable_blank_nodes(triples: set[ox.Triple]) -> list[ox.Triple]:
    """``triples`` with each blank node renamed after its statements and the statements naming it.

    >>> a, b = ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p")
    >>> def named(label: str) -> list[str]:
    ...     blank = ox.BlankNode(label)
    ...     return sorted(map(str, stable_blank_nodes({ox.Triple(a, b, blank), ox.Triple(blank, b, a)})))
    >>> named("x1") == named("y9")
    True
    """
    blanks = {term for t in triples for term in (t.subject, t.object) if isinstance(term, ox.BlankNode)}
    if not blanks:
        return list(triples)
    about: dict[object, list[ox.Triple]] = defaultdict(list)
    named_by: dict[object, list[ox.Triple]] = defaultdict(list)
    for triple in triples:
        about[triple.subject].append(triple)
        if isinstance(triple.object, ox.BlankNode):
            named_by[triple.object].append(triple)
    seen: dict[object, str] = {}

    def content(node: object) -> str:
        if not isinstance(node, ox.BlankNode):
            return str(node)
        if node not in seen:
            seen[node] = "[…]"  # a cycle of blank nodes reads as itself
            seen[node] = "[" + " ; ".join(sorted(f"{t.predicate} {content(t.object)}" for t in about[node])) + "]"
        return seen[node]

    keys = {b: content(b) + "|" + " ".join(sorted(f"{t.subject if not isinstance(t.subject, ox.BlankNode) else ''}"
                                                   f" {t.predicate}" for t in named_by[b])) for b in blanks}
    names: dict[object, ox.BlankNode] = {}
    used: set[str] = set()
    for blank in sorted(blanks, key=lambda b: keys[b]):
        stem = "b" + hashlib.blake2b(keys[blank].encode("utf-8"), digest_size=6).hexdigest()
        name, n = stem, 1
        while name in used:
            n += 1
            name = f"{stem}x{n}"
        used.add(name)
        names[blank] = ox.BlankNode(name)
    return [ox.Triple(names.get(t.subject, t.subject), t.predicate, names.get(t.object, t.object)) for t in triples]


_PAGED = tuple(ox.NamedNode(c) for c in (
    "http://data.europa.eu/eli/ontology#LegalResource", "https://w3id.org/lineage-vn/def#Target",
    "https://w3id.org/lineage-vn/def#Observation", "https://w3id.org/lineage-vn/def#IndicatorValue",
))
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _triples(store: ox.Store, subject: ox.NamedNode | ox.BlankNode) -> set[ox.Triple]:
    return {quad.triple for quad in store.quads_for_pattern(subject, None, None, None)}


def _owned(store: ox.Store, iri: str, term: object) -> bool:
    """A blank node or an IRI under ``iri`` that has no page of its own."""
    if isinstance(term, ox.BlankNode):
        pass
    elif not (isinstance(term, ox.NamedNode) and term.value.startswith(iri + "/")):
        return False
    return not any(next(store.quads_for_pattern(term, _TYPE, c, None), None) for c in _PAGED)


def _triple_key(triple: ox.Triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))
