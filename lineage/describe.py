"""Everything known about one node: its statements per source, links in, and the passages behind them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pyoxigraph as ox

from lineage.namespaces import PREFIXES
from lineage.store import LoadedGraph

_OUT = "SELECT ?s ?g ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?p ?o"
_IN = "SELECT ?s ?g ?x ?p WHERE { GRAPH ?g { ?x ?p ?s } FILTER(?p != rdf:subject && ?p != rdf:object) } ORDER BY ?g ?p ?x"
_LABEL = """
SELECT ?s ?label WHERE {
  { ?s eli:id_local ?label } UNION { ?s lin:key ?label }
  UNION { ?s skos:prefLabel ?label FILTER(lang(?label) = "vi") }
  UNION { ?s lin:locator ?label } UNION { ?s rdfs:label ?label FILTER(lang(?label) = "vi") }
} LIMIT 1
"""
_PASSAGE = """
SELECT ?p ?file ?exact ?start ?end WHERE {
  ?p oa:hasSource ?src .
  OPTIONAL { ?src lin:fileName ?file }
  OPTIONAL { ?p oa:hasSelector ?q . ?q oa:exact ?exact }
  OPTIONAL { ?p oa:hasSelector ?l . ?l lin:lineStart ?start ; lin:lineEnd ?end }
} LIMIT 1
"""
_GRAPH_SOURCE = "SELECT ?g ?file WHERE { GRAPH ?g { ?src a lin:SourceText ; lin:fileName ?file } } LIMIT 1"


@dataclass
class Statement:
    """One triple about the node, with the graph that states it."""

    graph: str
    source: str | None
    property: str
    value: str
    label: str | None
    details: list[Statement] = field(default_factory=list)


@dataclass
class Passage:
    """A quotation behind a statement, with its file and lines."""

    iri: str
    file: str | None
    quote: str | None
    lines: tuple[int, int] | None


@dataclass
class Description:
    """What ``lineage show`` prints."""

    iri: str
    label: str | None
    statements: list[Statement]
    incoming: list[Statement]
    passages: list[Passage]

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return asdict(self)


def describe(graph: LoadedGraph, iri: str) -> Description:
    """Collect the description of ``iri``."""
    labels: dict[str, str | None] = {}
    sources: dict[str, str | None] = {}

    def label(term: ox.NamedNode) -> str | None:
        if term.value not in labels:
            rows = list(graph.query(_LABEL, {"s": term}))
            labels[term.value] = rows[0]["label"].value if rows else None
        return labels[term.value]

    def source(g: str) -> str | None:
        if g not in sources:
            rows = list(graph.query(_GRAPH_SOURCE, {"g": ox.NamedNode(g)}))
            sources[g] = rows[0]["file"].value if rows else None
        return sources[g]

    def statements(subject: ox.NamedNode | ox.BlankNode, depth: int = 0) -> list[Statement]:
        found = []
        for row in graph.query(_OUT, {"s": subject}):
            obj, g = row["o"], row["g"].value
            found.append(Statement(
                graph=g, source=source(g), property=curie(row["p"].value), value=_text(obj),
                label=label(obj) if isinstance(obj, ox.NamedNode) else None,
                details=statements(obj, depth + 1) if _owned(subject, obj) and depth < 3 else [],
            ))
        return found

    node = ox.NamedNode(iri)
    outgoing = statements(node)
    incoming = [
        Statement(graph=r["g"].value, source=source(r["g"].value), property=curie(r["p"].value),
                  value=r["x"].value, label=label(r["x"]) if isinstance(r["x"], ox.NamedNode) else None)
        for r in graph.query(_IN, {"s": node})
    ]
    passage_iris = sorted({s.value for s in outgoing if s.property == "prov:wasDerivedFrom"})
    passage_iris += sorted(_link_passages(graph, node) - set(passage_iris))
    return Description(iri, label(node), outgoing, incoming, [_passage(graph, p) for p in passage_iris])


def _owned(subject: ox.NamedNode | ox.BlankNode, obj: object) -> bool:
    """A node that only exists as part of ``subject``: a blank node, or an IRI under the subject's own IRI."""
    if isinstance(obj, ox.BlankNode):
        return True
    return isinstance(obj, ox.NamedNode) and isinstance(subject, ox.NamedNode) and obj.value.startswith(subject.value + "/")


def curie(iri: str) -> str:
    """Shorten an IRI with the project prefixes."""
    best = max((ns for ns in PREFIXES.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return iri
    prefix = next(p for p, ns in PREFIXES.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def _link_passages(graph: LoadedGraph, node: ox.NamedNode) -> set[str]:
    query = "SELECT ?s ?p WHERE { ?l rdf:subject ?s ; prov:wasDerivedFrom ?p }"
    return {row["p"].value for row in graph.query(query, {"s": node})}


def _passage(graph: LoadedGraph, iri: str) -> Passage:
    rows = list(graph.query(_PASSAGE, {"p": ox.NamedNode(iri)}))
    if not rows:
        return Passage(iri, None, None, None)
    row = rows[0]
    lines = (int(row["start"].value), int(row["end"].value)) if row["start"] is not None else None
    return Passage(iri, _opt(row["file"]), _opt(row["exact"]), lines)


def _text(term: Any) -> str:
    return term.value if hasattr(term, "value") else str(term)


def _opt(term: Any) -> str | None:
    return None if term is None else term.value


def format_text(description: Description) -> str:
    """The human form: statements grouped by source, links in, passages with lines."""
    out = [f"{description.label or description.iri}", f"  <{description.iri}>", ""]
    by_source: dict[str, list[Statement]] = {}
    for statement in description.statements:
        by_source.setdefault(statement.source or statement.graph, []).append(statement)
    for source, items in by_source.items():
        out.append(f"According to / Theo: {source}")
        for s in items:
            out += _statement_lines(s, "  ")
        out.append("")
    if description.incoming:
        out.append("Linked from / Được dẫn chiếu bởi:")
        out += [f"  {s.label or s.value}  {s.property}  (in {s.source or s.graph})" for s in description.incoming]
        out.append("")
    if description.passages:
        out.append("Source passages / Đoạn văn nguồn:")
        for p in description.passages:
            where = f"{p.file}:{p.lines[0]}-{p.lines[1]}" if p.lines else (p.file or p.iri)
            out.append(f"  [{where}] “{p.quote}”")
    return "\n".join(out).rstrip() + "\n"


def _statement_lines(statement: Statement, indent: str) -> list[str]:
    shown = f"{statement.label} <{statement.value}>" if statement.label else statement.value
    lines = [f"{indent}{statement.property}: {shown if not statement.details else ''}".rstrip()]
    for detail in statement.details:
        lines += _statement_lines(detail, indent + "    ")
    return lines
