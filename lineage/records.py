"""One flat record per document and per task, as ``lineage documents`` and ``lineage tasks`` print them.

The keys are a contract (see the README); lists are sorted so output is stable.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from lineage.store import LoadedGraph

DOCUMENT_KEYS = (
    "iri", "symbol", "symbols_printed", "type", "issuer", "issuer_iri", "date", "dates_printed",
    "level", "title", "implements", "based_on", "cites", "sources",
)
TASK_KEYS = (
    "iri", "document", "document_symbol", "locator", "text", "lead", "coordinating",
    "timing_text", "timing_start", "timing_end", "timing_kind", "resources",
)

_Fact = tuple[str, str, "str | None"]
"""A stated value, the graph stating it, and its label (notation or Vietnamese name)."""

_SOURCES = """
SELECT ?g ?doc WHERE { GRAPH ?g { ?src a lin:SourceText ; dcterms:isFormatOf ?doc } }
"""

_DOCUMENT_FACTS = """
SELECT ?doc ?g ?p ?o ?notation ?vi WHERE {
  GRAPH ?g { ?doc a eli:LegalResource . ?doc ?p ?o }
  FILTER NOT EXISTS { ?doc a eli:LegalResourceSubdivision }
  VALUES ?p { eli:id_local lin:key lin:printedSymbol eli:type_document eli:passed_by eli:date_document
              lin:datePartial lin:printedDate lin:level dcterms:title
              eli:ensures_implementation_of eli:based_on eli:cites }
  OPTIONAL { ?o skos:notation ?notation }
  OPTIONAL { ?o skos:prefLabel ?vi FILTER(lang(?vi) = "vi") }
}
"""

_TASKS = """
SELECT ?task ?doc ?symbol ?key ?locator ?text ?timing ?kind ?start ?end ?resources ?seq WHERE {
  ?task a lin:Task ; eli:is_part_of+ ?doc .
  ?doc a eli:LegalResource .
  FILTER NOT EXISTS { ?doc a eli:LegalResourceSubdivision }
  OPTIONAL { ?doc eli:id_local ?symbol }
  OPTIONAL { ?doc lin:key ?key }
  OPTIONAL { ?task lin:locator ?locator }
  OPTIONAL { ?task lin:sequence ?seq }
  OPTIONAL { ?task dcterms:description ?text }
  OPTIONAL { ?task lin:timing ?t .
             OPTIONAL { ?t lin:printedTiming ?timing }
             OPTIONAL { ?t lin:timingKind/skos:notation ?kind_notation }
             OPTIONAL { ?t lin:timingKind ?kind_iri }
             OPTIONAL { ?t time:hasBeginning/time:inXSDDate ?start }
             OPTIONAL { ?t time:hasEnd/time:inXSDDate ?end } }
  BIND(COALESCE(?kind_notation, REPLACE(STR(?kind_iri), "^.*/", "")) AS ?kind)
  OPTIONAL { ?task lin:resources ?resources }
}
"""

_PARTICIPANTS = """
SELECT ?task ?role ?label WHERE {
  ?task a lin:Task ; eli-dl:had_participation ?p .
  ?p eli-dl:participation_role ?role ; eli-dl:had_participant_organization ?org .
  OPTIONAL { ?org skos:prefLabel ?vi FILTER(lang(?vi) = "vi") }
  BIND(COALESCE(?vi, STR(?org)) AS ?label)
}
"""


def source_documents(graph: LoadedGraph) -> dict[str, str]:
    """Named graph IRI → IRI of the source document it was read from."""
    return {row["g"].value: row["doc"].value for row in graph.query(_SOURCES)}


def document_records(graph: LoadedGraph) -> list[dict[str, Any]]:
    """Every document, one record each, sorted by symbol then IRI (read once per loaded graph; do not change them)."""
    return graph.derived("document_records", lambda: _document_records(graph))


def task_records(graph: LoadedGraph, document: str | None = None) -> list[dict[str, Any]]:
    """Every task (or those of ``document``), in document and printed order (read once per loaded graph)."""
    records = graph.derived("task_records", lambda: _task_records(graph))
    return records if document is None else [r for r in records if r["document"] == document]


def _document_records(graph: LoadedGraph) -> list[dict[str, Any]]:
    graph_to_doc = source_documents(graph)
    inferred = graph.config.inferred_graph
    facts: dict[str, dict[str, list[_Fact]]] = defaultdict(lambda: defaultdict(list))
    for row in graph.query(_DOCUMENT_FACTS):
        name = re.split(r"[#/]", row["p"].value)[-1]
        label = row["notation"] if name == "type_document" else row["vi"]
        facts[row["doc"].value][name].append((row["o"].value, row["g"].value, label.value if label else None))
    graphs_of: dict[str, set[str]] = defaultdict(set)
    for graph_iri, document in graph_to_doc.items():
        graphs_of[document].add(graph_iri)
    records = []
    for iri, props in facts.items():
        own_graphs = graphs_of.get(iri, set())
        stated = {k: [v for v in vals if v[1] != inferred] for k, vals in props.items()}
        records.append({
            "iri": iri,
            "symbol": _first(stated.get("id_local")) or _first(stated.get("key")),
            "symbols_printed": sorted({v for v, _, _ in stated.get("printedSymbol", [])}),
            "type": _first(stated.get("type_document"), label=True, tail=True),
            "issuer": _first(stated.get("passed_by"), label=True),
            "issuer_iri": _first(stated.get("passed_by")),
            "date": _preferred_date(stated.get("date_document", []), own_graphs),
            "dates_printed": [
                {"source": graph_to_doc.get(g, g), "printed": v}
                for v, g, _ in sorted(stated.get("printedDate", []), key=lambda x: (x[1], x[0]))
            ],
            "level": _tail(_first(stated.get("level"))),
            "title": _first(stated.get("title")),
            "implements": sorted({v for v, _, _ in stated.get("ensures_implementation_of", [])}),
            "based_on": sorted({v for v, _, _ in stated.get("based_on", [])}),
            "cites": sorted({v for v, _, _ in stated.get("cites", [])}),
            "sources": sorted({graph_to_doc[g] for vals in stated.values() for _, g, _ in vals if g in graph_to_doc}),
        })
    return sorted(records, key=lambda r: (r["symbol"] or "", r["iri"]))


def _task_records(graph: LoadedGraph) -> list[dict[str, Any]]:
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in graph.query(_PARTICIPANTS):
        roles[row["task"].value][_tail(row["role"].value) or ""].add(row["label"].value)
    records: dict[str, dict[str, Any]] = {}
    order: dict[str, tuple[str, int, str]] = {}
    for row in graph.query(_TASKS):  # the columns in SELECT order, as plain strings
        iri, doc, symbol, key, locator, text, timing, kind, start, end, resources, seq = (
            None if term is None else term.value for term in row)
        task_roles = roles.get(iri, {})
        records[iri] = {
            "iri": iri,
            "document": doc,
            "document_symbol": symbol or key,
            "locator": locator,
            "text": text,
            "lead": sorted(task_roles.get("lead", ())),
            "coordinating": sorted(task_roles.get("coordinating", ())),
            "timing_text": timing,
            "timing_start": start,
            "timing_end": end,
            "timing_kind": kind,
            "resources": resources,
        }
        order[iri] = (doc, int(seq or 0), locator or "")
    return [records[i] for i in sorted(records, key=lambda i: order[i])]


def _first(values: list[_Fact] | None, label: bool = False, tail: bool = False) -> str | None:
    """The value most statements give (its label when asked; an IRI's last segment when it has none)."""
    if not values:
        return None
    counts = Counter((lab if label and lab else (_tail(v) if tail else v)) for v, _, lab in values)
    return sorted(counts, key=lambda v: (-counts[v], v))[0]


def _preferred_date(values: list[_Fact], own_graphs: set[str]) -> str | None:
    """The date the document's own text gives, else the one most sources give (earliest on a tie)."""
    own = [v for v, g, _ in values if g in own_graphs]
    if own:
        return sorted(own)[0]
    counts = Counter(v for v, _, _ in values)
    return sorted(counts, key=lambda v: (-counts[v], v))[0] if counts else None


def _tail(iri: str | None) -> str | None:
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else None
