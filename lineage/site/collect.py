"""Everything the site shows, read from the graph once: documents, parts, tasks, bodies, targets, passages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
import pyoxigraph as ox

from lineage.closure import Closure
from lineage.diagram.facts import Facts, facts_from_node
from lineage.records import document_records, task_records
from lineage.refs import containing_document
from lineage.store import LoadedGraph

_LIN, _OA = "https://w3id.org/lineage-vn/def#", "http://www.w3.org/ns/oa#"
_ELI_DL = "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDF_SUBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
_TASK = ox.NamedNode(_LIN + "Task")
_TASK_FIELDS = {"group": ox.NamedNode(_LIN + "group"), "notes": ox.NamedNode(_LIN + "notes"),
                "sequence": ox.NamedNode(_LIN + "sequence")}
_HAD_PARTICIPATION = ox.NamedNode(_ELI_DL + "had_participation")
_ROLE = ox.NamedNode(_ELI_DL + "participation_role")
_PARTICIPANT = ox.NamedNode(_ELI_DL + "had_participant_organization")
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_HAS_SOURCE, _HAS_SELECTOR, _EXACT = (ox.NamedNode(_OA + name) for name in ("hasSource", "hasSelector", "exact"))
_FILE_NAME, _LINE_START, _LINE_END = (ox.NamedNode(_LIN + name) for name in ("fileName", "lineStart", "lineEnd"))
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


@dataclass
class NodeRecords:
    """What :func:`read_records` reads node by node: the part of :class:`SiteData` a change can reach far into."""

    documents: dict[str, dict[str, Any]]
    tasks: dict[str, dict[str, Any]]
    roles: dict[str, dict[str, list[str]]]
    passages: dict[str, list[Passage]]
    unnumbered: set[str]


def collect(graph: LoadedGraph, view: nx.MultiDiGraph) -> SiteData:
    """Read what the site needs from ``graph`` (and its directive view), each kind of fact in one pass."""
    records = read_records(graph)
    labels = read_labels(graph)
    return SiteData(
        graph=graph,
        view=view,
        closure=Closure.from_view(view, inferred=True),
        facts=fact_book(view, records.documents, records.tasks, labels.type_labels, records.unnumbered),
        documents=records.documents,
        tasks=records.tasks,
        parts=view_parts(view),
        bodies=labels.bodies,
        values=labels.values,
        passages=records.passages,
        reports=labels.reports,
        type_labels=labels.type_labels,
        level_labels=labels.level_labels,
        roles=records.roles,
        body_tasks=body_tasks_of(records.roles),
    )


def read_records(graph: LoadedGraph) -> NodeRecords:
    """The records of documents and tasks, the bodies of each task by role, and the passages of every node."""
    documents = {r["iri"]: r for r in document_records(graph)}
    tasks = {r["iri"]: dict(r) for r in task_records(graph)}  # the graph's records are shared: add to copies
    store = graph.store
    extra = {name: _values_of(store, predicate) for name, predicate in _TASK_FIELDS.items()}
    for iri, record in tasks.items():
        record["group"] = extra["group"].get(iri)
        record["notes"] = extra["notes"].get(iri)
        record["sequence"] = int(extra["sequence"].get(iri) or 0)
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for task, role, org in _participants(store):
        roles[task][role].add(org)
    return NodeRecords(
        documents=documents,
        tasks=tasks,
        roles={task: {r: sorted(by_role[r]) for r in sorted(by_role)} for task, by_role in roles.items()},
        passages=_passages(store),
        unnumbered={row["d"].value for row in graph.query(_UNNUMBERED)},
    )


@dataclass
class Labels:
    """What :func:`read_labels` reads whole: bodies, values, reports and the labels of schemes (few, quick to read)."""

    bodies: dict[str, Body]
    values: dict[str, IndicatorValue]
    reports: dict[str, list[ReportStatement]]
    type_labels: dict[str, tuple[str | None, str | None]]
    level_labels: dict[str, tuple[str | None, str | None]]


def read_labels(graph: LoadedGraph) -> Labels:
    """Bodies, values, report statements, and the names of document types and levels."""
    return Labels(
        bodies=_bodies(graph),
        values=_values(graph),
        reports=_reports(graph),
        type_labels={row["notation"].value: (_opt(row["vi"]), _opt(row["en"])) for row in graph.query(_TYPE_LABELS)},
        level_labels={_tail(row["level"].value) or "": (_opt(row["vi"]), _opt(row["en"]))
                      for row in graph.query(_LEVEL_LABELS)},
    )


def view_parts(view: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Every part of the directive view: its IRI, locator and label."""
    return {
        iri: {"iri": iri, "locator": data.get("locator"), "label": data.get("label")}
        for iri, data in view.nodes(data=True) if data["kind"] == "part"
    }


def body_tasks_of(roles: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
    """Body → role → the tasks it has that role in (sorted), from the bodies of each task by role."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for task, by_role in roles.items():
        for role, bodies in by_role.items():
            for body in bodies:
                found[body][role].append(task)
    return {body: {r: sorted(set(by_role[r])) for r in sorted(by_role)} for body, by_role in found.items()}


def fact_book(view: nx.MultiDiGraph, documents: dict[str, dict[str, Any]], tasks: dict[str, dict[str, Any]],
              type_labels: dict[str, tuple[str | None, str | None]], unnumbered: set[str],
              nodes: set[str] | None = None, book: dict[str, Facts] | None = None) -> dict[str, Facts]:
    """The facts of every document, part and task, as :func:`lineage.diagram.fact_book` gives them.

    Built from the records already read, and with the document of each part and
    task found through one map of ``part_of`` links, rather than read again.
    Given ``nodes``, only theirs, into ``book`` (which holds the facts of every
    other node, and is returned).
    """
    if nodes is None:
        found = {iri: facts_from_node(iri, data) for iri, data in view.nodes(data=True)}
        for iri, record in documents.items():
            found[iri] = _document_facts(iri, record, type_labels, unnumbered)
        for iri, record in tasks.items():
            found[iri] = _task_facts(iri, record)
    else:
        found = {}
        for iri in nodes:
            if iri in tasks:
                found[iri] = _task_facts(iri, tasks[iri])
            elif iri in documents:
                found[iri] = _document_facts(iri, documents[iri], type_labels, unnumbered)
            elif iri in view:
                found[iri] = facts_from_node(iri, view.nodes[iri])
    book = {} if book is None else book
    book.update(found)
    document_of = _containing_documents(view)
    for iri, facts in found.items():
        if facts.kind != "document":
            document = document_of(iri)
            name = book[document].heading if document in book else None
            book[iri] = replace(facts, document=document, document_name=name)
    return book


def _document_facts(iri: str, record: dict[str, Any], type_labels: dict[str, tuple[str | None, str | None]],
                    unnumbered: set[str]) -> Facts:
    is_unnumbered = iri in unnumbered
    return Facts(
        kind="document",
        heading=record["title"] if is_unnumbered and record["title"] else record["symbol"] or iri,
        type_label=type_labels.get(record["type"] or "", (None, None))[0] or record["type"],
        issuer=record["issuer"],
        date=record["date"],
        text=None if is_unnumbered else record["title"],
        unnumbered=is_unnumbered,
    )


def _task_facts(iri: str, record: dict[str, Any]) -> Facts:
    return Facts(kind="task", heading=record["locator"] or iri, text=record["text"], lead=tuple(record["lead"]))


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


def _passages(store: ox.Store) -> dict[str, list[Passage]]:
    """Node → the passages it is derived from, itself or through a link it is the subject of.

    Read from the store's indexes: a passage counts when it names its source; its
    file, quotation and lines are those of its source and selectors (the smallest,
    should there be several).
    """
    shown: dict[object, Passage | None] = {}

    def passage(term: object) -> Passage | None:
        if term not in shown:
            sources = _objects(store, term, _HAS_SOURCE)
            if not sources:
                shown[term] = None
            else:
                selectors = _objects(store, term, _HAS_SELECTOR)
                quotes = [q for s in selectors for q in _literals(store, s, _EXACT)]
                lines = [(_literals(store, s, _LINE_START), _literals(store, s, _LINE_END)) for s in selectors]
                spans = sorted(f"{a}-{b}" for starts, ends in lines for a in starts for b in ends)
                files = sorted(f for source in sources for f in _literals(store, source, _FILE_NAME))
                shown[term] = Passage(iri=term.value, file=files[0] if files else None,  # type: ignore[attr-defined]
                                      quote=min(quotes) if quotes else None, lines=spans[0] if spans else None)
        return shown[term]

    found: dict[str, dict[str, Passage]] = defaultdict(dict)
    for quad in store.quads_for_pattern(None, _DERIVED_FROM, None, None):
        nodes = [quad.subject, *_objects(store, quad.subject, _RDF_SUBJECT)]
        made = passage(quad.object)
        if made is not None:
            for node in nodes:
                found[node.value][made.iri] = made
    return {
        node: sorted(by_iri.values(), key=lambda p: (p.file or "", int((p.lines or "0-").split("-")[0] or 0), p.iri))
        for node, by_iri in found.items()
    }


def _participants(store: ox.Store) -> list[tuple[str, str, str]]:
    """(task, role, body) of every participation of a task: the role is the last segment of its IRI."""
    tasks = {q.subject for q in store.quads_for_pattern(None, _RDF_TYPE, _TASK, None)}
    found = []
    for quad in store.quads_for_pattern(None, _HAD_PARTICIPATION, None, None):
        if quad.subject not in tasks:
            continue
        roles = _objects(store, quad.object, _ROLE)
        for org in _objects(store, quad.object, _PARTICIPANT):
            for role in roles:
                found.append((quad.subject.value, role.value.rstrip("/").rsplit("/", 1)[-1], org.value))
    return found


def _objects(store: ox.Store, subject: object, predicate: ox.NamedNode) -> list[Any]:
    """The distinct objects of ``subject predicate ?o`` over every graph."""
    if not isinstance(subject, (ox.NamedNode, ox.BlankNode)):
        return []
    return list(dict.fromkeys(q.object for q in store.quads_for_pattern(subject, predicate, None, None)))


def _literals(store: ox.Store, subject: object, predicate: ox.NamedNode) -> list[str]:
    return [term.value for term in _objects(store, subject, predicate)]


def _values_of(store: ox.Store, predicate: ox.NamedNode) -> dict[str, str]:
    """Subject IRI → the smallest value of ``predicate`` it has."""
    found: dict[str, str] = {}
    for quad in store.quads_for_pattern(None, predicate, None, None):
        subject, value = quad.subject.value, quad.object.value
        if subject not in found or value < found[subject]:
            found[subject] = value
    return found


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
