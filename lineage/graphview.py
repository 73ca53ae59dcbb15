"""The directive graph as networkx: documents, parts and tasks, and the links between them.

Edges point from the implementing or citing node to what it implements or
cites (task → part → document → directive), keyed by relation, each with the
graphs that state it and whether the link is inferred.

>>> # view = directive_graph(loaded); view.edges[task, part, "part_of"]["inferred"]
"""

from __future__ import annotations

import networkx as nx

from lineage.store import LoadedGraph

RELATIONS: dict[str, str] = {
    "http://data.europa.eu/eli/ontology#ensures_implementation_of": "implements",
    "http://data.europa.eu/eli/ontology#based_on": "based_on",
    "http://data.europa.eu/eli/ontology#cites": "cites",
    "https://w3id.org/lineage-vn/def#reportsOn": "reports_on",
    "http://data.europa.eu/eli/ontology#is_part_of": "part_of",
}
"""Predicate IRI → relation name used on edges."""

CHAIN_RELATIONS = frozenset({"implements", "part_of"})
"""The relations a chain follows from a task up to its root directives."""

_NODES = """
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX lin: <https://w3id.org/lineage-vn/def#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?kind
       (SAMPLE(?symbol_) AS ?symbol) (SAMPLE(?locator_) AS ?locator) (SAMPLE(?key_) AS ?key)
       (SAMPLE(?label_) AS ?label) (MIN(STR(?date_)) AS ?date) (SAMPLE(?level_) AS ?level)
       (SAMPLE(?type_) AS ?type)
WHERE {
  { ?node a lin:Task . BIND("task" AS ?kind) }
  UNION { ?node a eli:LegalResourceSubdivision . FILTER NOT EXISTS { ?node a lin:Task } BIND("part" AS ?kind) }
  UNION { ?node a eli:LegalResource . BIND("document" AS ?kind) }
  OPTIONAL { ?node eli:id_local ?symbol_ }
  OPTIONAL { ?node lin:locator ?locator_ }
  OPTIONAL { ?node lin:key ?key_ }
  OPTIONAL { { ?node dcterms:title ?label_ } UNION { ?node dcterms:description ?label_ } }
  OPTIONAL { ?node eli:date_document ?date_ }
  OPTIONAL { ?node lin:level ?level_ }
  OPTIONAL { ?node eli:type_document/skos:notation ?type_ }
}
GROUP BY ?node ?kind
"""

_EDGES = """
SELECT ?s ?p ?o ?g WHERE {
  VALUES ?p { %s }
  GRAPH ?g { ?s ?p ?o }
  FILTER(isIRI(?o))
}
""" % " ".join(f"<{p}>" for p in RELATIONS)



def directive_graph(graph: LoadedGraph) -> nx.MultiDiGraph:
    """Build the directive graph of ``graph``; nodes carry iri, kind, symbol, locator, label, date, level, type_code."""
    view = nx.MultiDiGraph()
    for row in graph.query(_NODES):
        iri = row["node"].value
        kind = row["kind"].value
        # a task is also a subdivision and a legal resource: keep the most specific kind
        if iri in view and _rank(view.nodes[iri]["kind"]) >= _rank(kind):
            continue
        view.add_node(
            iri,
            iri=iri,
            kind=kind,
            symbol=_value(row["symbol"]) or _value(row["key"]),
            locator=_value(row["locator"]),
            label=_value(row["label"]),
            date=_value(row["date"]),
            level=_value(row["level"]),
            type_code=_value(row["type"]),
        )
    inferred_graph = graph.config.inferred_graph
    for row in graph.query(_EDGES):
        source, target = row["s"].value, row["o"].value
        if source not in view or target not in view:
            continue
        relation = RELATIONS[row["p"].value]
        stated_in = row["g"].value
        if view.has_edge(source, target, relation):
            data = view.edges[source, target, relation]
            data["graphs"].add(stated_in)
            data["inferred"] = data["inferred"] and stated_in == inferred_graph
        else:
            view.add_edge(
                source, target, key=relation, relation=relation,
                graphs={stated_in}, inferred=stated_in == inferred_graph,
            )
    return view


def chain_view(view: nx.MultiDiGraph, *, inferred: bool = False) -> nx.DiGraph:
    """The sub-graph of chain edges (implements, part of); inferred ones only when asked."""
    chain = nx.DiGraph()
    chain.add_nodes_from(view.nodes(data=True))
    for source, target, relation, data in view.edges(keys=True, data=True):
        if relation in CHAIN_RELATIONS and (inferred or not data["inferred"]):
            chain.add_edge(source, target, relation=relation, inferred=data["inferred"])
    return chain



def _rank(kind: str) -> int:
    return {"document": 0, "part": 1, "task": 2}[kind]


def _value(term: object) -> str | None:
    return None if term is None else str(getattr(term, "value", term))
