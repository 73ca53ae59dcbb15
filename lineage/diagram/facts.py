"""What a diagram box says about a node: symbol, type, issuer, date; for tasks the locator, text and lead body."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from lineage.records import document_records, task_records
from lineage.refs import containing_document
from lineage.store import LoadedGraph

_TYPE_LABELS = """
SELECT ?notation ?vi WHERE {
  ?type skos:inScheme ?scheme ; skos:prefLabel ?vi .
  OPTIONAL { ?type skos:notation ?code }
  BIND(COALESCE(?code, REPLACE(STR(?type), "^.*/", "")) AS ?notation)
  FILTER(lang(?vi) = "vi" && STRENDS(STR(?scheme), "/scheme/document-type"))
}
"""
"""Type code (or, for a type printed without one, the last segment of its IRI) → Vietnamese name."""
_UNNUMBERED = "SELECT ?d WHERE { ?d a lin:UnnumberedDocument }"


@dataclass(frozen=True)
class Facts:
    """The facts a box shows; every field is optional but the kind and the heading."""

    kind: str
    heading: str
    type_label: str | None = None
    issuer: str | None = None
    date: str | None = None
    text: str | None = None
    lead: tuple[str, ...] = ()
    unnumbered: bool = False
    document: str | None = None
    document_name: str | None = None


def facts_from_node(iri: str, data: Mapping[str, Any]) -> Facts:
    """Facts from the attributes of a directive-graph node (``kind``, ``symbol``, ``locator``, ``label``, ``date``)."""
    kind = str(data.get("kind") or "document")
    heading = data.get("locator") if kind != "document" else data.get("symbol")
    return Facts(kind=kind, heading=str(heading or data.get("symbol") or iri.rsplit("/", 1)[-1]),
                 date=data.get("date"), text=data.get("label"), type_label=data.get("type_code"))


def fact_book(graph: LoadedGraph, view: nx.MultiDiGraph) -> dict[str, Facts]:
    """The facts of every document, part and task of ``graph``."""
    type_labels = {row["notation"].value: row["vi"].value for row in graph.query(_TYPE_LABELS)}
    unnumbered = {row["d"].value for row in graph.query(_UNNUMBERED)}
    book = {iri: facts_from_node(iri, data) for iri, data in view.nodes(data=True)}
    for record in document_records(graph):
        iri = record["iri"]
        is_unnumbered = iri in unnumbered
        book[iri] = Facts(
            kind="document",
            heading=record["title"] if is_unnumbered and record["title"] else record["symbol"] or iri,
            type_label=type_labels.get(record["type"] or "", record["type"]),
            issuer=record["issuer"],
            date=record["date"],
            text=None if is_unnumbered else record["title"],
            unnumbered=is_unnumbered,
        )
    for record in task_records(graph):
        book[record["iri"]] = Facts(
            kind="task", heading=record["locator"] or record["iri"], text=record["text"], lead=tuple(record["lead"]),
        )
    for iri, facts in list(book.items()):
        if facts.kind != "document":
            document = containing_document(view, iri)
            name = book[document].heading if document in book else None
            book[iri] = replace(facts, document=document, document_name=name)
    return book
