"""What every check reads: the graph, its directive view and closure, and the passages behind each fact.

What many checks need is loaded once per audit, in whole-graph queries or straight
from the store's indexes, and shared by the checks; what only findings need (the
passages behind a node, a document's year) is read by IRI when asked for, so an
audit of a million triples reads a few thousand passages, not all of them. A check
asks for the subject and the evidence of a node by IRI.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

import networkx as nx
import pyoxigraph as ox

from lineage.audit.model import Evidence, Finding, Subject
from lineage.audit.sparql import audit_query
from lineage.closure import Closure
from lineage.errors import InputError
from lineage.graphview import CHAIN_RELATIONS, RELATIONS, directive_graph
from lineage.store import LoadedGraph

_OA = "http://www.w3.org/ns/oa#"
_LIN = "https://w3id.org/lineage-vn/def#"
_ELI = "http://data.europa.eu/eli/ontology#"
_HAS_SOURCE = ox.NamedNode(_OA + "hasSource")
_HAS_SELECTOR = ox.NamedNode(_OA + "hasSelector")
_EXACT = ox.NamedNode(_OA + "exact")
_FILE_NAME = ox.NamedNode(_LIN + "fileName")
_LINE_START = ox.NamedNode(_LIN + "lineStart")
_LINE_END = ox.NamedNode(_LIN + "lineEnd")
_SEQUENCE = ox.NamedNode(_LIN + "sequence")
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_LEGAL_RESOURCE = ox.NamedNode(_ELI + "LegalResource")
_DATES = (ox.NamedNode(_ELI + "date_document"), ox.NamedNode(_LIN + "datePartial"))

_LINKS = """
SELECT ?s ?pred ?o ?p WHERE {
  ?link a lin:StatedLink ; rdf:subject ?s ; rdf:predicate ?pred ; rdf:object ?o ; prov:wasDerivedFrom ?p .
}
"""

_SOURCES = """
SELECT ?g ?src ?file ?doc ?quality WHERE {
  GRAPH ?g { ?src a lin:SourceText ; lin:fileName ?file . OPTIONAL { ?src dcterms:isFormatOf ?doc }
             OPTIONAL { ?src lin:textQuality ?quality } }
}
"""

_TARGETS = """
SELECT ?t ?class ?doc ?indicator ?sector ?value ?max ?comparator ?printed ?unit ?period ?kind ?locator WHERE {
  ?t a ?class ; lin:statedIn ?doc .
  VALUES ?class { lin:Target lin:Observation lin:IndicatorValue }
  OPTIONAL { ?t lin:indicator ?indicator }
  OPTIONAL { ?t lin:sector ?sector }
  OPTIONAL { ?t lin:value ?value }
  OPTIONAL { ?t lin:valueMax ?max }
  OPTIONAL { ?t lin:comparator ?comparator }
  OPTIONAL { ?t lin:printedValue ?printed }
  OPTIONAL { ?t lin:unit ?unit }
  OPTIONAL { ?t lin:period ?period }
  OPTIONAL { ?t lin:valueKind ?kind_ }
  OPTIONAL { ?t lin:locator ?locator }
  BIND(REPLACE(STR(?kind_), "^.*/", "") AS ?kind)
}
"""

_BODIES = """
SELECT ?org ?label ?alt ?parent WHERE {
  ?org a org:Organization .
  OPTIONAL { ?org skos:prefLabel ?label FILTER(lang(?label) = "vi") }
  OPTIONAL { ?org skos:altLabel ?alt }
  OPTIONAL { ?org org:subOrganizationOf ?parent }
}
"""

_NO_ATTRIBUTES: Mapping[str, Any] = {}
T = TypeVar("T")
Term = ox.NamedNode | ox.BlankNode | ox.Literal

RELATION_PREDICATES = {relation: predicate for predicate, relation in RELATIONS.items()}
"""Relation name of the directive view (implements, cites …) → its predicate IRI."""


@dataclass(frozen=True)
class SourceInfo:
    """A source text: its named graph, file name, the document it is the text of, and its quality."""

    graph: str
    iri: str
    file: str
    document: str | None
    quality: str


@dataclass(frozen=True)
class IndicatorValue:
    """A target, scenario value, contribution or observation, as stated by one document."""

    iri: str
    document: str
    indicator: str
    sector: str | None
    value: float | None
    value_max: float | None
    comparator: str
    printed: str
    unit: str
    period: str
    kind: str
    locator: str | None


@dataclass(frozen=True)
class Body:
    """A body with its Vietnamese name, every other printed name, and the body it belongs to."""

    iri: str
    label: str
    alt_labels: tuple[str, ...]
    parents: tuple[str, ...]


class AuditContext:
    """The graph under audit, with lookups shared by every check."""

    def __init__(self, graph: LoadedGraph, *, as_of: datetime.date | None = None,
                 view: nx.MultiDiGraph | None = None) -> None:
        self.graph = graph
        self.config = graph.config
        self.as_of = as_of
        self._print_keys: dict[str, tuple[str, int, str]] = {}
        self._source_texts: dict[str, list[str] | None] = {}
        self._passages: dict[str, Evidence | None] = {}
        self._derived: dict[str, tuple[str, ...]] = {}
        self._years: dict[str, int | None] = {}
        self._subjects: dict[str, Subject] = {}
        self._task_values: dict[str, dict[str, list[str]]] = {}
        self._shared: dict[str, Any] = {}
        if view is not None:
            self.__dict__["view"] = view

    # -- the graph -------------------------------------------------------------------------------------

    @cached_property
    def view(self) -> nx.MultiDiGraph:
        """The networkx directive graph (documents, parts, tasks and their links)."""
        return directive_graph(self.graph)

    @cached_property
    def closure(self) -> Closure:
        """The chain closure over stated links (as :meth:`Closure.from_view` builds it)."""
        return Closure(self.view, ((child, parent, False) for child, parent, relation, inferred in self.edges
                                   if relation in CHAIN_RELATIONS and not inferred))

    @cached_property
    def inferred_closure(self) -> Closure:
        """The chain closure with the inferred links counted too (as :meth:`Closure.from_view` builds it)."""
        return Closure(self.view, ((child, parent, inferred) for child, parent, relation, inferred in self.edges
                                   if relation in CHAIN_RELATIONS))

    @cached_property
    def edges(self) -> list[tuple[str, str, str, bool]]:
        """Every link of the view as (from, to, relation, inferred), in the view's order, read once."""
        return list(self.view.edges(keys=True, data="inferred"))

    def rows(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
             ) -> list[dict[str, str | None]]:
        """The rows of a SELECT query as plain strings (``None`` where unbound)."""
        results = self.graph.query(sparql, bindings)
        names = [v.value for v in results.variables]
        return [{name: None if term is None else term.value for name, term in zip(names, row)} for row in results]

    def objects(self, subject: str | ox.NamedNode | ox.BlankNode, predicate: ox.NamedNode) -> list[Term]:
        """The objects of ``subject predicate ?o`` in any graph, read straight from the store's index."""
        node = subject if isinstance(subject, ox.NamedNode | ox.BlankNode) else _named(subject)
        if node is None:
            return []
        return [q.object for q in self.graph.store.quads_for_pattern(node, predicate, None, None)]

    def subjects_of(self, predicate: ox.NamedNode) -> Iterator[tuple[str, Term]]:
        """Every ``(subject IRI, object)`` of ``predicate``, in any graph (a triple stated twice comes twice)."""
        for quad in self.graph.store.quads_for_pattern(None, predicate, None, None):
            if isinstance(quad.subject, ox.NamedNode):
                yield quad.subject.value, quad.object

    def query(self, name: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
              ) -> list[dict[str, str | None]]:
        """The rows of the audit query ``queries/audit/NAME.rq``."""
        query = audit_query(self.config.queries_dir, name)
        try:
            return self.rows(query.text, bindings)
        except SyntaxError as err:
            raise InputError(query.path, getattr(err, "lineno", None), f"SPARQL syntax error: {err}",
                             "correct the query; every audit query must parse") from None

    def attributes(self, iri: str) -> Mapping[str, Any]:
        """The view's attributes of ``iri`` (empty when it is not a document, part or task); read, never change."""
        return self._nodes.get(iri, _NO_ATTRIBUTES)

    @cached_property
    def _nodes(self) -> Mapping[str, Mapping[str, Any]]:
        """Node IRI → the view's attributes of it, looked up without a networkx view object per call."""
        return dict(self.view.nodes(data=True))

    @cached_property
    def documents(self) -> list[str]:
        """Every document of the view, by IRI."""
        return [iri for iri, data in self._nodes.items() if data["kind"] == "document"]

    @cached_property
    def tasks(self) -> list[str]:
        """Every task of the view (``lin:Task``), by IRI."""
        return [iri for iri, data in self._nodes.items() if data["kind"] == "task"]

    def task_values(self, predicate: ox.NamedNode) -> dict[str, list[str]]:
        """Task → the values of ``predicate`` it has, each once, read straight from the store's index."""
        if predicate.value not in self._task_values:
            found: dict[str, list[str]] = {}
            tasks = self.task_set
            for quad in self.graph.store.quads_for_pattern(None, predicate, None, None):
                subject = quad.subject.value
                if subject in tasks:
                    value = quad.object.value
                    values = found.get(subject)
                    if values is None:
                        found[subject] = [value]
                    elif value not in values:
                        values.append(value)
            self._task_values[predicate.value] = found
        return self._task_values[predicate.value]

    @cached_property
    def task_set(self) -> frozenset[str]:
        """Every task of the view, as a set."""
        return frozenset(self.tasks)

    def shared(self, name: str, make: Callable[[], T]) -> T:
        """What ``make`` computes, computed once per audit however many checks ask for ``name``."""
        if name not in self._shared:
            self._shared[name] = make()
        return self._shared[name]

    def kind(self, iri: str) -> str | None:
        """``document``, ``part``, ``task``, ``target``, ``body``, or ``None``."""
        data = self._nodes.get(iri)
        if data is not None:
            return str(data["kind"])
        if iri in self.targets:
            return "target"
        return "body" if iri in self.bodies else None

    @cached_property
    def sequences(self) -> dict[str, int]:
        """Part or task IRI → its position among its siblings, as printed (``lin:sequence``)."""
        return {s: int(n.value or 0) for s, n in self.subjects_of(_SEQUENCE)}

    def in_print_order(self, iris: Iterable[str]) -> list[str]:
        """Parts or tasks sorted by document, then as printed."""
        return sorted(iris, key=self.print_key)

    def print_key(self, iri: str) -> tuple[str, int, str]:
        """What to sort parts and tasks by: their document, then their place in it as printed."""
        key = self._print_keys.get(iri)
        if key is None:
            key = self._print_keys[iri] = (self.document_of(iri) or "", self.sequences.get(iri, 0), iri)
        return key

    @cached_property
    def targets(self) -> dict[str, IndicatorValue]:
        """Every target, scenario value, contribution and observation, by IRI."""
        found: dict[str, IndicatorValue] = {}
        for row in self.rows(_TARGETS):
            iri = row["t"] or ""
            if iri in found:
                continue
            found[iri] = IndicatorValue(
                iri, row["doc"] or "", row["indicator"] or "", row["sector"],
                _number(row["value"]), _number(row["max"]), row["comparator"] or "=", row["printed"] or "",
                row["unit"] or "", row["period"] or "", row["kind"] or "", row["locator"],
            )
        return found

    def document_year(self, iri: str) -> int | None:
        """The year a document was issued: the earliest year of its full or partial dates (None when undated)."""
        if iri not in self._years:
            node = _named(iri)
            typed = node is not None and any(True for _ in self.graph.store.quads_for_pattern(
                node, _RDF_TYPE, _LEGAL_RESOURCE, None))
            years = [int(t.value[:4]) for p in _DATES for t in (self.objects(iri, p) if typed else ())
                     if t.value[:4].isdigit()]
            self._years[iri] = min(years) if years else None
        return self._years[iri]

    def target_document(self, iri: str) -> str | None:
        """The document that states the target ``iri``."""
        value = self.targets.get(iri)
        return self.document_of(value.document) if value else None

    def document_of(self, iri: str) -> str | None:
        """The document a part or task belongs to (the document itself for a document; None outside the view)."""
        return self.containing_documents.get(iri)

    @cached_property
    def containing_documents(self) -> dict[str, str | None]:
        """Every node of the view → its document: itself for a document, else the first document above it
        through ``part_of`` links (None past a loop or at a loose top).

        Each chain is walked once: the nodes on the way up share what is found at its end.
        """
        nodes, whole = self._nodes, self._whole
        found: dict[str, str | None] = {iri: iri for iri, data in nodes.items() if data["kind"] == "document"}
        for iri in nodes:
            if iri in found:
                continue
            climbed = [iri]
            on_way = {iri}
            current = whole.get(iri)
            while current is not None and current not in found and current not in on_way:
                climbed.append(current)
                on_way.add(current)
                current = whole.get(current)
            document = found.get(current) if current is not None and current not in on_way else None
            for step in climbed:
                found[step] = document
        return found

    @cached_property
    def _whole(self) -> dict[str, str]:
        """Part or task → what it is first said to be part of (the link :func:`lineage.refs.containing_document` follows)."""
        found: dict[str, str] = {}
        for child, parent, relation, _ in self.edges:
            if relation == "part_of":
                found.setdefault(child, parent)
        return found

    def symbol(self, iri: str) -> str | None:
        """The symbol (or key) of the document ``iri`` is, or belongs to."""
        document = self.document_of(iri)
        return self.attributes(document).get("symbol") if document else None

    def subject(self, iri: str) -> Subject:
        """``iri`` named as people name it."""
        found = self._subjects.get(iri)
        if found is None:
            found = self._subjects[iri] = self._make_subject(iri)
        return found

    def _make_subject(self, iri: str) -> Subject:
        kind = self.kind(iri)
        if kind == "body":
            return Subject(iri, None, None, self.bodies[iri].label, "body")
        if kind == "target":
            value = self.targets[iri]
            label = value.indicator + (f" — {value.sector}" if value.sector else "") + f" ({value.period})"
            return Subject(iri, self.symbol(value.document), value.locator, label, "target")
        data = self.attributes(iri)
        locator = data.get("locator") if kind in ("part", "task") else None
        return Subject(iri, self.symbol(iri), locator, data.get("label"), kind)

    def subjects(self, iris: Iterable[str]) -> tuple[Subject, ...]:
        """Several subjects, in the order given, each once."""
        return tuple(self.subject(i) for i in dict.fromkeys(iris))

    def display(self, iri: str) -> str:
        """``SYMBOL``, ``SYMBOL#LOCATOR``, a body's name or the IRI."""
        return self.subject(iri).display()

    def display_key(self, iri: str) -> tuple[str, str]:
        """What to sort by: the display, then the IRI (two provinces' plans may share a symbol)."""
        return (self.subject(iri).display(), iri)

    # -- sources and passages --------------------------------------------------------------------------

    @cached_property
    def sources(self) -> dict[str, SourceInfo]:
        """Named graph IRI → the source text read into it."""
        found: dict[str, SourceInfo] = {}
        for row in self.rows(_SOURCES):
            found[row["g"] or ""] = SourceInfo(row["g"] or "", row["src"] or "", row["file"] or "", row["doc"],
                                         row["quality"] or "clean")
        return found

    def passage(self, iri: str) -> Evidence | None:
        """The file, quotation and lines of a passage (None when it names no source file)."""
        if iri not in self._passages:
            self._passages[iri] = self._read_passage(iri)
        return self._passages[iri]

    def _read_passage(self, iri: str) -> Evidence | None:
        """A passage's source file (``oa:hasSource``), quotation and line range (its two selectors)."""
        files = [f for src in self.objects(iri, _HAS_SOURCE) if isinstance(src, ox.NamedNode | ox.BlankNode)
                 for f in self.objects(src, _FILE_NAME)]
        if not files:
            return None
        exact, lines = "", ""
        for selector in self.objects(iri, _HAS_SELECTOR):
            if not isinstance(selector, ox.NamedNode | ox.BlankNode):
                continue
            exact = next((t.value for t in self.objects(selector, _EXACT)), exact)
            start = next((t.value for t in self.objects(selector, _LINE_START)), None)
            end = next((t.value for t in self.objects(selector, _LINE_END)), None)
            if start is not None and end is not None:
                lines = f"{start}-{end}"
        return Evidence(files[-1].value, exact, lines)

    def derived(self, iri: str) -> tuple[str, ...]:
        """The passages ``iri``'s statements were read from (``prov:wasDerivedFrom``), in source order."""
        if iri not in self._derived:
            found = {t.value for t in self.objects(iri, _DERIVED_FROM)}
            self._derived[iri] = tuple(sorted(found, key=_passage_order))
        return self._derived[iri]

    @cached_property
    def stated_links(self) -> dict[tuple[str, str, str], tuple[str, ...]]:
        """(subject, predicate IRI, object) → the passages that state the link."""
        found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for row in self.rows(_LINKS):
            found[(row["s"] or "", row["pred"] or "", row["o"] or "")].append(row["p"] or "")
        return {k: tuple(sorted(set(v), key=_passage_order)) for k, v in found.items()}

    def evidence(self, iri: str, *, source: str | None = None, limit: int | None = 3) -> tuple[Evidence, ...]:
        """The passages ``iri``'s statements were read from, in ``source`` (a file name) when given."""
        return self.passage_evidence(self.derived(iri), source=source, limit=limit)

    def link_evidence(self, subject: str, relation: str, obj: str, *, limit: int | None = 3) -> tuple[Evidence, ...]:
        """The passages that state the link ``subject relation obj`` (relation as in the view: implements …)."""
        passages = self.stated_links.get((subject, RELATION_PREDICATES.get(relation, relation), obj), ())
        return self.passage_evidence(passages, limit=limit)

    def passage_evidence(self, passages: Iterable[str], *, source: str | None = None,
                         limit: int | None = 3) -> tuple[Evidence, ...]:
        """The evidence of these passage IRIs, each once, at most ``limit``."""
        found: list[Evidence] = []
        for iri in passages:
            evidence = self.passage(iri)
            if evidence is None or evidence in found or (source and evidence.source != source):
                continue
            found.append(evidence)
            if limit is not None and len(found) >= limit:
                break
        return tuple(found)

    def position(self, iri: str) -> tuple[str, int, str]:
        """Where ``iri`` was first read: its first passage's source and line (for printing things in order)."""
        passages = self.derived(iri)
        return _passage_order(passages[0]) if passages else ("", 0, iri)

    def source_lines(self, file: str) -> list[str] | None:
        """The lines of a source text, read from the corpus folder (None when it is not there)."""
        if file not in self._source_texts:
            path = self.config.seeds_dir / file
            try:
                self._source_texts[file] = path.read_text(encoding="utf-8").splitlines() if path.is_file() else None
            except (OSError, UnicodeDecodeError):
                self._source_texts[file] = None
        return self._source_texts[file]

    def source_of_passage(self, passage: str) -> str | None:
        """The file name a passage quotes."""
        evidence = self.passage(passage)
        return evidence.source if evidence else None

    # -- bodies ----------------------------------------------------------------------------------------

    @cached_property
    def bodies(self) -> dict[str, Body]:
        """Body IRI → its names and parents."""
        labels: dict[str, str] = {}
        alts: dict[str, set[str]] = defaultdict(set)
        parents: dict[str, set[str]] = defaultdict(set)
        for row in self.rows(_BODIES):
            iri = row["org"] or ""
            labels.setdefault(iri, row["label"] or iri.rsplit("/", 1)[-1])
            if row["alt"]:
                alts[iri].add(row["alt"])
            if row["parent"]:
                parents[iri].add(row["parent"])
        return {i: Body(i, labels[i], tuple(sorted(alts[i])), tuple(sorted(parents[i]))) for i in labels}

    @cached_property
    def same_as(self) -> dict[str, frozenset[str]]:
        """Node → every node stated or inferred to be the same (``owl:sameAs``), itself included."""
        groups: dict[str, set[str]] = {}
        for row in self.rows("SELECT ?a ?b WHERE { ?a owl:sameAs ?b FILTER(isIRI(?b)) }"):
            a, b = row["a"] or "", row["b"] or ""
            merged = groups.get(a, {a}) | groups.get(b, {b})
            for member in merged:
                groups[member] = merged
        return {k: frozenset(v) for k, v in groups.items()}

    def equivalents(self, iri: str) -> frozenset[str]:
        """``iri`` and every node the graph says is the same."""
        return self.same_as.get(iri, frozenset({iri}))

    @cached_property
    def issuers(self) -> dict[str, tuple[str, ...]]:
        """Document → the bodies the sources say issued it."""
        found: dict[str, set[str]] = defaultdict(set)
        for row in self.rows("SELECT ?d ?o WHERE { ?d eli:passed_by ?o }"):
            found[row["d"] or ""].add(row["o"] or "")
        return {d: tuple(sorted(o)) for d, o in found.items()}

    def body_label(self, iri: str | None) -> str:
        """The Vietnamese name of a body (its IRI's last segment when it has none)."""
        if not iri:
            return "?"
        body = self.bodies.get(iri)
        return body.label if body else iri.rsplit("/", 1)[-1]

    def within(self, body: str, other: str) -> bool:
        """True when ``body`` is ``other`` or part of it (through ``org:subOrganizationOf``)."""
        seen: set[str] = set()
        stack = [body]
        while stack:
            current = stack.pop()
            if current == other:
                return True
            if current in seen:
                continue
            seen.add(current)
            stack.extend(self.bodies[current].parents if current in self.bodies else ())
        return False

    # -- findings --------------------------------------------------------------------------------------

    def finding(self, check: str, rule: str, severity: str, subjects: Iterable[str], vi: str, en: str,
                evidence: Iterable[Evidence] = ()) -> Finding:
        """A finding about the IRIs ``subjects``, with its message and evidence (each passage once)."""
        return Finding(check, severity, self.subjects(subjects), {"vi": vi, "en": en},
                       tuple(dict.fromkeys(evidence)), rule)


def _named(iri: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def _number(text: str | None) -> float | None:
    return float(text) if text not in (None, "") else None


def _passage_order(iri: str) -> tuple[str, int, str]:
    """Passages sort by source then first line (their IRIs end in ``/passage/L<start>-<end>-…``)."""
    head, _, tail = iri.rpartition("/passage/L")
    start = tail.split("-", 1)[0]
    return (head, int(start) if start.isdigit() else 0, iri)
