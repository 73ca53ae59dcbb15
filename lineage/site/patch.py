"""The site's data after a change, from the data of the last render and the nodes the change reaches.

Reading the whole graph for the site takes seconds at national size; a change of
a few statements reaches few nodes. Given the :class:`~lineage.site.collect.SiteData`
of the graph before the change (kept by :mod:`lineage.site.snapshot`) and the IRIs
the change names (every subject and IRI object of a statement that came or went),
:func:`patch` reads again only what can differ:

- the nodes whose records, roles, passages or facts read a statement of the
  change (:func:`reached`): walking back from the changed IRIs along what each
  record reads (a task reads its participations, their bodies' names, its timing,
  the chain of parts up to its document; a node reads its passages, their
  selectors and sources, and the reified statements about it), never out of a
  term the ontology defines;
- those nodes' records, from a small store holding every statement they read
  (:func:`read_closure`), by the very functions that read the whole graph;
- bodies, values, report statements, scheme labels, parts and the closure whole:
  they are few, or already at hand.

It also names the nodes whose facets (:mod:`lineage.site.fingerprint`) can
differ: every other node's facets are those the last render recorded. The result
equals :func:`~lineage.site.collect.collect` of the new graph (tests hold it to
that after edits of every kind); when it cannot be sure of that (tasks sorting
equal), :func:`patch` returns None and the caller reads the whole graph.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from lineage.closure import Closure
from lineage.site.collect import SiteData, body_tasks_of, fact_book, read_labels, read_records, view_parts
from lineage.store import LoadedGraph

_ELI, _ELI_DL, _LIN = ("http://data.europa.eu/eli/ontology#",
                       "http://data.europa.eu/eli/eli-draft-legislation-ontology#", "https://w3id.org/lineage-vn/def#")
_TIME, _OA, _SKOS = "http://www.w3.org/2006/time#", "http://www.w3.org/ns/oa#", "http://www.w3.org/2004/02/skos/core#"
READ_UP = tuple(ox.NamedNode(iri) for iri in (
    _ELI + "is_part_of", _ELI_DL + "had_participation", _ELI_DL + "had_participant_organization",
    _ELI_DL + "participation_role", _LIN + "timing", _LIN + "timingKind", _TIME + "hasBeginning", _TIME + "hasEnd",
    "http://www.w3.org/ns/prov#wasDerivedFrom", _OA + "hasSelector", _OA + "hasSource",
    _ELI + "passed_by", _ELI + "type_document", _LIN + "level",
))
"""``?reader p ?read``: what a record reads through its links (its chain up, participations, timing, passages,
issuer, type and level)."""
READ_DOWN = (ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"),)
"""``?read p ?reader``: a node's passages include those of the reified statements about it."""
LABELS = tuple(ox.NamedNode(_SKOS + name) for name in ("notation", "prefLabel"))
"""What a record reads of a term it links to without following it further."""
_SOURCE_TEXT = ox.NamedNode(_LIN + "SourceText")
_IS_FORMAT_OF = ox.NamedNode("http://purl.org/dc/terms/isFormatOf")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_Term = ox.NamedNode | ox.BlankNode


@dataclass
class Patched:
    """The site's data after the change, and the nodes whose facets may differ from the last render's."""

    data: SiteData
    candidates: set[str]
    nodes: set[str]
    """The nodes whose records, passages, roles and facts were read again (the rest are those of before)."""
    bodies: set[str]
    """The bodies whose tasks were gathered again."""


def patch(before: SiteData, graph: LoadedGraph, view: nx.MultiDiGraph, changed: Collection[str]) -> Patched | None:
    """The data :func:`~lineage.site.collect.collect` gives for ``graph``, from ``before`` and the ``changed`` IRIs.

    ``before`` is the data of the graph as it was (its ``graph``, ``view`` and
    ``closure`` are not read); None when the new data cannot be told for sure.
    """
    store = graph.store
    vocabulary = _vocabulary(graph)
    nodes = reached(store, [*changed, *_source_text_subjects(store, changed)], vocabulary)
    closure_store = ox.Store()
    closure_store.extend(read_closure(store, nodes, vocabulary))
    closure_store.extend(_source_texts(store))
    records = read_records(LoadedGraph(closure_store, graph.files, graph.config))
    labels = read_labels(graph)

    documents = {iri: record for iri, record in before.documents.items() if iri not in nodes}
    documents.update((iri, record) for iri, record in records.documents.items() if iri in nodes)
    documents = dict(sorted(documents.items(), key=lambda item: (item[1]["symbol"] or "", item[0])))
    tasks = _tasks(before.tasks, {iri: r for iri, r in records.tasks.items() if iri in nodes}, nodes)
    if tasks is None:
        return None
    passages = {iri: found for iri, found in before.passages.items() if iri not in nodes}
    passages.update((iri, found) for iri, found in records.passages.items() if iri in nodes)
    roles = {iri: by_role for iri, by_role in before.roles.items() if iri not in nodes}
    roles.update((iri, by_role) for iri, by_role in records.roles.items() if iri in nodes)
    touched_bodies = {b for iri in nodes for r in (before.roles.get(iri, {}), roles.get(iri, {}))
                      for bodies in r.values() for b in bodies}
    body_tasks = _body_tasks(before.body_tasks, roles, touched_bodies, nodes)
    facts = {iri: f for iri, f in before.facts.items() if iri not in nodes}
    facts = fact_book(view, documents, tasks, labels.type_labels, records.unnumbered, nodes=nodes, book=facts)
    data = SiteData(
        graph=graph, view=view, closure=Closure.from_view(view, inferred=True), facts=facts, documents=documents,
        tasks=tasks, parts=view_parts(view), bodies=labels.bodies, values=labels.values, passages=passages,
        reports=labels.reports, type_labels=labels.type_labels, level_labels=labels.level_labels, roles=roles,
        body_tasks=body_tasks,
    )
    return Patched(data, _candidates(before, data, set(changed) | nodes | touched_bodies), nodes, touched_bodies)


def reached(store: ox.Store, changed: Iterable[str], vocabulary: set[str]) -> set[str]:
    """The IRIs whose records may read a statement about one of ``changed`` (``changed`` included)."""
    frontier: list[_Term] = [ox.NamedNode(iri) for iri in changed]
    seen: set[_Term] = set(frontier)
    while frontier:
        term = frontier.pop()
        if isinstance(term, ox.NamedNode) and term.value in vocabulary:
            continue
        found = [q.subject for p in READ_UP for q in store.quads_for_pattern(None, p, term, None)]
        found += [q.object for p in READ_DOWN for q in store.quads_for_pattern(term, p, None, None)]
        for other in found:
            if isinstance(other, (ox.NamedNode, ox.BlankNode)) and other not in seen:
                seen.add(other)
                frontier.append(other)
    return {term.value for term in seen if isinstance(term, ox.NamedNode)}


def read_closure(store: ox.Store, nodes: Iterable[str], vocabulary: set[str]) -> list[ox.Quad]:
    """Every statement the records of ``nodes`` read: theirs, and those of what they link to (:data:`READ_UP`),
    of the reified statements about them, and the labels of every term they name."""
    frontier: list[_Term] = [ox.NamedNode(iri) for iri in nodes]
    seen: set[_Term] = set(frontier)
    labelled: set[_Term] = set()
    found: list[ox.Quad] = []
    up = set(READ_UP)
    while frontier:
        term = frontier.pop()
        statements = list(store.quads_for_pattern(term, None, None, None))
        found += statements
        if isinstance(term, ox.NamedNode) and term.value in vocabulary:
            continue
        linked = [q.object for q in statements if q.predicate in up]
        linked += [q.subject for p in READ_DOWN for q in store.quads_for_pattern(None, p, term, None)]
        for other in linked:
            if isinstance(other, (ox.NamedNode, ox.BlankNode)) and other not in seen:
                seen.add(other)
                frontier.append(other)
        for quad in statements:
            other = quad.object
            if isinstance(other, (ox.NamedNode, ox.BlankNode)) and other not in seen and other not in labelled:
                labelled.add(other)
                found += [q for p in LABELS for q in store.quads_for_pattern(other, p, None, None)]
    return found


def _source_texts(store: ox.Store) -> list[ox.Quad]:
    """The statements that tie each named graph to the document it was read from."""
    texts = [q for q in store.quads_for_pattern(None, _TYPE, _SOURCE_TEXT, None)]
    return texts + [q for t in {q.subject for q in texts} for q in store.quads_for_pattern(t, _IS_FORMAT_OF, None, None)]


def _source_text_subjects(store: ox.Store, changed: Iterable[str]) -> set[str]:
    """When a changed IRI is a source text, every subject of the graphs stating it: their records read the
    document each graph was read from."""
    found: set[str] = set()
    for iri in changed:
        term = ox.NamedNode(iri)
        for quad in store.quads_for_pattern(term, _TYPE, _SOURCE_TEXT, None):
            found.update(q.subject.value for q in store.quads_for_pattern(None, None, None, quad.graph_name)
                         if isinstance(q.subject, ox.NamedNode))
    return found


def _vocabulary(graph: LoadedGraph) -> set[str]:
    """The IRIs the ontology (and its schemes) says something about: classes, properties, concepts."""
    prefix = graph.config.graph_iri("ontology/")
    found: set[str] = set()
    for name in graph.store.named_graphs():
        if isinstance(name, ox.NamedNode) and name.value.startswith(prefix):
            found.update(q.subject.value for q in graph.store.quads_for_pattern(None, None, None, name)
                         if isinstance(q.subject, ox.NamedNode))
    return found


def _tasks(before: dict[str, dict], read: dict[str, dict], nodes: set[str]) -> dict[str, dict] | None:
    """The tasks in the order of :func:`lineage.records.task_records`: document, sequence, locator.

    None when a task read again sorts equal to another (the whole graph's order then decides).
    """
    def key(record: dict) -> tuple[str, int, str]:
        return (record["document"], record["sequence"], record["locator"] or "")

    ranked = [(key(record), iri) for iri, record in before.items() if iri not in nodes]
    keys = {k for k, _ in ranked}
    for iri, record in read.items():
        if key(record) in keys:
            return None
        keys.add(key(record))
        insort(ranked, (key(record), iri))
    return {iri: read[iri] if iri in read else before[iri] for _, iri in ranked}


def _body_tasks(before: dict[str, dict[str, list[str]]], roles: dict[str, dict[str, list[str]]],
                bodies: set[str], nodes: set[str]) -> dict[str, dict[str, list[str]]]:
    """Body → role → tasks, read again for ``bodies`` from the ``roles`` of their tasks and of ``nodes``."""
    tasks = {t for body in bodies for found in before.get(body, {}).values() for t in found} | nodes
    again = body_tasks_of({task: {r: [b for b in found if b in bodies] for r, found in roles[task].items()}
                           for task in sorted(tasks) if task in roles})
    found = {body: by_role for body, by_role in before.items() if body not in bodies}
    found.update((body, {r: t for r, t in by_role.items() if t}) for body, by_role in again.items())
    return found


def _candidates(before: SiteData, after: SiteData, nodes: set[str]) -> set[str]:
    """The nodes whose facets may differ from the last render's: those read again, and every node a list or
    index of theirs reaches (the containers of their tasks, the issuer of their documents, the parents of their
    parts), and all bodies, values with what states them, and directives reported on (few, and read whole)."""
    found = set(nodes)
    closure = after.closure
    for iri in nodes:
        if iri in after.view and iri in closure:
            found.update(closure.parents(iri))
    for data in (before, after):
        facts, documents = data.facts, data.documents
        for iri in nodes:
            record = documents.get(iri)
            if record is not None and record.get("issuer_iri"):
                found.add(record["issuer_iri"])
            if iri in facts and facts[iri].document:
                found.add(facts[iri].document)  # type: ignore[arg-type]
        found.update(data.bodies)
        found.update(data.reports)
        for iri, value in data.values.items():
            found.add(iri)
            for node in (value.stated_in, value.responsible):
                if node:
                    found.add(node)
                    if node in facts and facts[node].document:
                        found.add(facts[node].document)  # type: ignore[arg-type]
    return found
