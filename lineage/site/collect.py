"""Everything the site shows, read from the graph once: documents, parts, tasks, bodies, targets, passages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from lineage.closure import Closure
from lineage.diagram.facts import Facts, facts_from_node
from lineage.records import document_records, task_records
from lineage.refs import containing_document
from lineage.store import LoadedGraph

_PARTICIPANTS = """
SELECT ?task ?role ?org WHERE {
  ?task a lin:Task ; eli-dl:had_participation ?p .
  ?p eli-dl:participation_role ?role ; eli-dl:had_participant_organization ?org .
}
"""
_TASK_EXTRA = """
SELECT ?task ?group ?notes WHERE {
  ?task a lin:Task .
  OPTIONAL { ?task lin:group ?group }
  OPTIONAL { ?task lin:notes ?notes }
}
"""
_BODIES = """
SELECT ?org ?vi ?en ?notation ?level ?parent
       (GROUP_CONCAT(DISTINCT ?alt; separator="\\u001f") AS ?alts) WHERE {
  ?org a org:Organization .
  OPTIONAL { ?org skos:prefLabel ?vi FILTER(lang(?vi) = "vi") }
  OPTIONAL { ?org skos:prefLabel ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?org skos:notation ?notation }
  OPTIONAL { ?org lin:level ?level }
  OPTIONAL { ?org org:subOrganizationOf ?parent }
  OPTIONAL { ?org skos:altLabel ?alt }
}
GROUP BY ?org ?vi ?en ?notation ?level ?parent
"""
_VALUES = """
SELECT ?value ?class ?indicator ?number ?max ?comparator ?printed ?unit ?period ?kind ?sector ?responsible
       ?stated ?locator WHERE {
  ?value a ?class .
  VALUES ?class { lin:Target lin:Observation lin:IndicatorValue }
  OPTIONAL { ?value lin:indicator ?indicator }
  OPTIONAL { ?value lin:value ?number }
  OPTIONAL { ?value lin:valueMax ?max }
  OPTIONAL { ?value lin:comparator ?comparator }
  OPTIONAL { ?value lin:printedValue ?printed }
  OPTIONAL { ?value lin:unit ?unit }
  OPTIONAL { ?value lin:period ?period }
  OPTIONAL { ?value lin:valueKind/skos:prefLabel ?kind FILTER(lang(?kind) = "vi") }
  OPTIONAL { ?value lin:sector ?sector }
  OPTIONAL { ?value lin:responsible ?responsible }
  OPTIONAL { ?value lin:statedIn ?stated }
  OPTIONAL { ?value lin:locator ?locator }
}
"""
_PASSAGES = """
SELECT DISTINCT ?node ?passage ?file ?exact ?start ?end WHERE {
  %s
  ?passage oa:hasSource ?source .
  OPTIONAL { ?source lin:fileName ?file }
  OPTIONAL { ?passage oa:hasSelector ?quote . ?quote oa:exact ?exact }
  OPTIONAL { ?passage oa:hasSelector ?lines . ?lines lin:lineStart ?start ; lin:lineEnd ?end }
}
"""
_REPORTS = """
SELECT ?statement ?directive ?aspect ?text ?report WHERE {
  ?statement a lin:ReportStatement ; lin:aboutDirective ?directive .
  OPTIONAL { ?statement lin:aspect/skos:prefLabel ?aspect FILTER(lang(?aspect) = "vi") }
  OPTIONAL { ?statement dcterms:description ?text }
  OPTIONAL { ?statement lin:statedIn ?report }
}
"""
_UNNUMBERED = "SELECT ?d WHERE { ?d a lin:UnnumberedDocument }"
_LEVEL_LABELS = """
SELECT ?level ?vi ?en WHERE {
  ?level skos:inScheme ?scheme .
  OPTIONAL { ?level skos:prefLabel ?vi FILTER(lang(?vi) = "vi") }
  OPTIONAL { ?level skos:prefLabel ?en FILTER(lang(?en) = "en") }
  FILTER(STRENDS(STR(?scheme), "/scheme/level"))
}
"""
_TYPE_LABELS = """
SELECT ?notation ?vi ?en WHERE {
  ?type skos:inScheme ?scheme .
  OPTIONAL { ?type skos:notation ?code }
  BIND(COALESCE(?code, REPLACE(STR(?type), "^.*/", "")) AS ?notation)
  OPTIONAL { ?type skos:prefLabel ?vi FILTER(lang(?vi) = "vi") }
  OPTIONAL { ?type skos:prefLabel ?en FILTER(lang(?en) = "en") }
  FILTER(STRENDS(STR(?scheme), "/scheme/document-type"))
}
"""


@dataclass(frozen=True)
class Passage:
    """A quotation of a source, with its file and lines."""

    iri: str
    file: str | None
    quote: str | None
    lines: str | None


@dataclass(frozen=True)
class Body:
    """An organisation: names, notation, level, parent body."""

    iri: str
    name: str
    name_en: str | None
    notation: str | None
    level: str | None
    parent: str | None
    alt_labels: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorValue:
    """A target, scenario value or observation, and where it is stated."""

    iri: str
    category: str
    """The class: ``Target``, ``Observation`` or ``IndicatorValue``."""
    kind: str
    indicator: str | None
    value: str | None
    value_max: str | None
    comparator: str | None
    printed: str | None
    unit: str | None
    period: str | None
    sector: str | None
    responsible: str | None
    stated_in: str | None
    locator: str | None


@dataclass(frozen=True)
class ReportStatement:
    """What a report states about a directive."""

    iri: str
    directive: str
    aspect: str | None
    text: str | None
    report: str | None


@dataclass
class SiteData:
    """The graph as the site reads it."""

    graph: LoadedGraph
    view: nx.MultiDiGraph
    closure: Closure
    facts: dict[str, Facts]
    documents: dict[str, dict[str, Any]]
    tasks: dict[str, dict[str, Any]]
    parts: dict[str, dict[str, Any]]
    bodies: dict[str, Body]
    values: dict[str, IndicatorValue]
    passages: dict[str, list[Passage]]
    reports: dict[str, list[ReportStatement]]
    type_labels: dict[str, tuple[str | None, str | None]]
    level_labels: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    """Level code (``central``) → its Vietnamese and English names."""
    roles: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Task → role (``lead``, ``coordinating``) → body IRIs."""
    body_tasks: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Body → role → task IRIs."""

    def document_of(self, iri: str) -> str | None:
        """The document a part or task belongs to."""
        return containing_document(self.view, iri)

    def name(self, iri: str) -> str:
        """How a node, body or value is named in lists and links."""
        if iri in self.bodies:
            return self.bodies[iri].name
        if iri in self.values:
            value = self.values[iri]
            return value.indicator or value.printed or iri
        facts = self.facts.get(iri)
        if facts is None:
            return iri
        if facts.kind in ("part", "task") and facts.document_name:
            return f"{facts.document_name} # {facts.heading}"
        return facts.heading

    def level(self, code: str | None) -> str | None:
        """A level code in both languages: ``Trung ương / Central``."""
        if not code:
            return None
        vi, en = self.level_labels.get(code, (None, None))
        return " / ".join(x for x in (vi, en) if x) or code

    def kind(self, iri: str) -> str | None:
        """The page kind of ``iri``: document, part, task, body or target (None: no page)."""
        if iri in self.bodies:
            return "body"
        if iri in self.values:
            return "target"
        facts = self.facts.get(iri)
        return facts.kind if facts is not None and iri in self.view else None


def collect(graph: LoadedGraph, view: nx.MultiDiGraph) -> SiteData:
    """Read what the site needs from ``graph`` (and its directive view), each kind of fact in one pass."""
    documents = {r["iri"]: r for r in document_records(graph)}
    tasks = {r["iri"]: r for r in task_records(graph)}
    for row in graph.query(_TASK_EXTRA):
        if row["task"].value in tasks:
            tasks[row["task"].value]["group"] = _opt(row["group"])
            tasks[row["task"].value]["notes"] = _opt(row["notes"])
    parts = {
        iri: {"iri": iri, "locator": data.get("locator"), "label": data.get("label")}
        for iri, data in view.nodes(data=True) if data["kind"] == "part"
    }
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    body_tasks: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in graph.query(_PARTICIPANTS):
        role = row["role"].value.rstrip("/").rsplit("/", 1)[-1]
        roles[row["task"].value][role].append(row["org"].value)
        body_tasks[row["org"].value][role].append(row["task"].value)
    type_labels = {row["notation"].value: (_opt(row["vi"]), _opt(row["en"])) for row in graph.query(_TYPE_LABELS)}
    return SiteData(
        graph=graph,
        view=view,
        closure=Closure.from_view(view, inferred=True),
        facts=_fact_book(graph, view, documents, tasks, type_labels),
        documents=documents,
        tasks=tasks,
        parts=parts,
        bodies=_bodies(graph),
        values=_values(graph),
        passages=_passages(graph),
        reports=_reports(graph),
        type_labels=type_labels,
        level_labels={_tail(row["level"].value) or "": (_opt(row["vi"]), _opt(row["en"]))
                      for row in graph.query(_LEVEL_LABELS)},
        roles={task: {r: sorted(set(b)) for r, b in by_role.items()} for task, by_role in roles.items()},
        body_tasks={body: {r: sorted(set(t)) for r, t in by_role.items()} for body, by_role in body_tasks.items()},
    )


def _fact_book(graph: LoadedGraph, view: nx.MultiDiGraph, documents: dict[str, dict[str, Any]],
               tasks: dict[str, dict[str, Any]], type_labels: dict[str, tuple[str | None, str | None]]
               ) -> dict[str, Facts]:
    """The facts of every document, part and task, as :func:`lineage.diagram.fact_book` gives them.

    Built from the records already read, and with the document of each part and
    task found through one map of ``part_of`` links, rather than read again.
    """
    unnumbered = {row["d"].value for row in graph.query(_UNNUMBERED)}
    book = {iri: facts_from_node(iri, data) for iri, data in view.nodes(data=True)}
    for iri, record in documents.items():
        is_unnumbered = iri in unnumbered
        book[iri] = Facts(
            kind="document",
            heading=record["title"] if is_unnumbered and record["title"] else record["symbol"] or iri,
            type_label=type_labels.get(record["type"] or "", (None, None))[0] or record["type"],
            issuer=record["issuer"],
            date=record["date"],
            text=None if is_unnumbered else record["title"],
            unnumbered=is_unnumbered,
        )
    for iri, record in tasks.items():
        book[iri] = Facts(kind="task", heading=record["locator"] or iri, text=record["text"], lead=tuple(record["lead"]))
    document_of = _containing_documents(view)
    for iri, facts in book.items():
        if facts.kind != "document":
            document = document_of(iri)
            name = book[document].heading if document in book else None
            book[iri] = replace(facts, document=document, document_name=name)
    return book


def _containing_documents(view: nx.MultiDiGraph) -> Callable[[str], str | None]:
    """:func:`lineage.refs.containing_document` over a map of each node's first ``part_of`` link."""
    part_of: dict[str, str] = {}
    for source, target, relation in view.edges(keys=True):
        if relation == "part_of":
            part_of.setdefault(source, target)
    kinds = view.nodes

    def document_of(iri: str) -> str | None:
        seen, current = {iri}, iri
        while True:
            parent = part_of.get(current)
            if parent is None:
                return current if kinds[current]["kind"] == "document" and current != iri else None
            current = parent
            if current in seen:
                return None
            seen.add(current)
            if kinds[current]["kind"] == "document":
                return current

    return document_of


def _bodies(graph: LoadedGraph) -> dict[str, Body]:
    bodies: dict[str, Body] = {}
    for row in graph.query(_BODIES):
        iri = row["org"].value
        alts = tuple(sorted(set(filter(None, (_opt(row["alts"]) or "").split("\u001f")))))
        bodies[iri] = Body(
            iri=iri, name=_opt(row["vi"]) or iri.rsplit("/", 1)[-1], name_en=_opt(row["en"]),
            notation=_opt(row["notation"]), level=_tail(_opt(row["level"])), parent=_opt(row["parent"]),
            alt_labels=alts,
        )
    return bodies


def _values(graph: LoadedGraph) -> dict[str, IndicatorValue]:
    values: dict[str, IndicatorValue] = {}
    rank = {"Target": 0, "Observation": 1, "IndicatorValue": 2}
    for row in graph.query(_VALUES):
        iri = row["value"].value
        kind = row["class"].value.rsplit("#", 1)[-1]
        if iri in values and rank[values[iri].category] <= rank[kind]:
            continue
        values[iri] = IndicatorValue(
            iri=iri, category=kind, kind=_opt(row["kind"]) or kind, indicator=_opt(row["indicator"]), value=_opt(row["number"]),
            value_max=_opt(row["max"]), comparator=_opt(row["comparator"]), printed=_opt(row["printed"]),
            unit=_opt(row["unit"]), period=_opt(row["period"]), sector=_opt(row["sector"]),
            responsible=_opt(row["responsible"]), stated_in=_opt(row["stated"]), locator=_opt(row["locator"]),
        )
    return values


def _passages(graph: LoadedGraph) -> dict[str, list[Passage]]:
    found: dict[str, dict[str, Passage]] = defaultdict(dict)
    rows = [*graph.query(_PASSAGES % "?node prov:wasDerivedFrom ?passage ."),
            *graph.query(_PASSAGES % "?link rdf:subject ?node ; prov:wasDerivedFrom ?passage .")]
    for row in rows:
        start, end = _opt(row["start"]), _opt(row["end"])
        found[row["node"].value][row["passage"].value] = Passage(
            iri=row["passage"].value, file=_opt(row["file"]), quote=_opt(row["exact"]),
            lines=f"{start}-{end}" if start else None,
        )
    return {
        node: sorted(by_iri.values(), key=lambda p: (p.file or "", int((p.lines or "0-").split("-")[0] or 0), p.iri))
        for node, by_iri in found.items()
    }


def _reports(graph: LoadedGraph) -> dict[str, list[ReportStatement]]:
    reports: dict[str, list[ReportStatement]] = defaultdict(list)
    for row in graph.query(_REPORTS):
        statement = ReportStatement(
            iri=row["statement"].value, directive=row["directive"].value, aspect=_opt(row["aspect"]),
            text=_opt(row["text"]), report=_opt(row["report"]),
        )
        reports[statement.directive].append(statement)
    return {d: sorted(items, key=lambda s: _natural(s.iri)) for d, items in reports.items()}


def _natural(text: str) -> tuple[str, int]:
    head, _, tail = text.rpartition("/")
    return (head, int(tail)) if tail.isdigit() else (text, 0)


def _opt(term: object) -> str | None:
    return None if term is None else str(getattr(term, "value", term))


def _tail(iri: str | None) -> str | None:
    return iri.rstrip("/").rsplit("/", 1)[-1] if iri else None
