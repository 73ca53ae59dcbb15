"""Name the nodes of a validation report for people: symbol and locator, source document, passage.

A task is ``46-KH/TU#PL01/B/12``; a node it owns (its timing, a participation)
is ``46-KH/TU#PL01/B/12 › timing``; a body is its Vietnamese name; a link is
``subject implements object``; a passage is ``file:lines``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from lineage.describe import curie
from lineage.graphview import RELATIONS, directive_graph
from lineage.records import source_documents
from lineage.refs import display
from lineage.store import LoadedGraph
from lineage.validate.results import Location, Passage, ValidationResult

# a variable bound by LoadedGraph.query is also projected
_GRAPHS = "SELECT DISTINCT ?node ?g WHERE { GRAPH ?g { ?node ?p ?o } }"
_GRAPHS_NAMING = "SELECT DISTINCT ?node ?g WHERE { GRAPH ?g { ?s ?p ?node } }"
_REFERRER = "SELECT ?node ?s ?p WHERE { ?s ?p ?node } ORDER BY ?p ?s LIMIT 1"
_NAME = """
SELECT ?node ?name WHERE {
  { ?node skos:prefLabel ?name FILTER(lang(?name) = "vi") } UNION { ?node lin:indicator ?name }
} LIMIT 1
"""
_LINK = "SELECT ?node ?s ?p ?o WHERE { ?node rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } LIMIT 1"
_PASSAGES = "SELECT ?node ?passage WHERE { ?node prov:wasDerivedFrom ?passage }"
_PASSAGE = """
SELECT ?passage ?file ?start ?end ?exact WHERE {
  OPTIONAL { ?passage oa:hasSource/lin:fileName ?file }
  OPTIONAL { ?passage oa:hasSelector ?lines . ?lines lin:lineStart ?start ; lin:lineEnd ?end }
  OPTIONAL { ?passage oa:hasSelector/oa:exact ?exact }
} LIMIT 1
"""
_IS_PASSAGE = "SELECT ?node ?source WHERE { ?node oa:hasSource ?source } LIMIT 1"
_FILES = "SELECT ?g ?file WHERE { GRAPH ?g { ?text a lin:SourceText ; lin:fileName ?file } }"
_PASSAGE_IRI = re.compile(r"/source/(?P<source>[^/]+)/passage/L(?P<start>\d+)-(?P<end>\d+)-")


class Locator:
    """Looks up names, sources and passages of nodes in one loaded graph."""

    def __init__(self, graph: LoadedGraph) -> None:
        self.graph = graph
        self._labels: dict[str, str] = {}

    @cached_property
    def view(self) -> nx.MultiDiGraph:
        """The directive graph (documents, parts, tasks)."""
        return directive_graph(self.graph)

    def display(self, iri: str) -> str:
        """How a document, part or task is named: its symbol, or symbol#locator (as REFs are written)."""
        return display(self.view, iri)

    @cached_property
    def _source_labels(self) -> dict[str, str]:
        """Named graph IRI → how its source is named: the document's symbol and the text file, or the data file."""
        files = {row["g"].value: row["file"].value for row in self.graph.query(_FILES)}
        labels = {f.graph: _data_file(f.path, self.graph.config.data_dir) for f in self.graph.files}
        for graph_iri, document in source_documents(self.graph).items():
            labels[graph_iri] = f"{self.display(document)} ({files.get(graph_iri, labels.get(graph_iri, '?'))})"
        return labels

    def locate(self, results: Iterable[ValidationResult]) -> list[ValidationResult]:
        """The results with their focus nodes located and their values named."""
        located = []
        for result in results:
            value = result.value
            value_label = self.label(value) if value and _is_node(value) else None
            located.append(replace(result, focus_location=self.location(result.focus), value_label=value_label))
        return located

    def location(self, node: str) -> Location:
        """Name, sources and passage of ``node`` (an IRI or ``_:id``)."""
        return Location(self.label(node), self.sources(node), self.passage(node))

    def label(self, node: str) -> str:
        """How people call ``node``."""
        if node not in self._labels:
            self._labels[node] = self._label(node)
        return self._labels[node]

    def sources(self, node: str) -> tuple[str, ...]:
        """The sources that state ``node`` (or, when none describes it, that name it)."""
        term = _term(node)
        graphs = [r["g"].value for r in self.graph.query(_GRAPHS, {"node": term})]
        graphs = graphs or [r["g"].value for r in self.graph.query(_GRAPHS_NAMING, {"node": term})]
        labels = self._source_labels
        return tuple(sorted({labels.get(g, g.rsplit("/graph/", 1)[-1]) for g in graphs}))

    def passage(self, node: str) -> Passage | None:
        """The first passage ``node`` (or the task or link that owns it) was read from; a passage is its own."""
        for candidate in (node, self._owner(node)):
            if candidate is None:
                continue
            if self._is_passage(candidate):
                return self._passage(candidate)
            found = sorted((self._passage(r["passage"].value) for r in
                            self.graph.query(_PASSAGES, {"node": _term(candidate)})), key=_passage_order)
            if found:
                return found[0]
        return None

    def _label(self, node: str) -> str:
        if node in self.view:
            return self.display(node)
        owner = self._owner(node)
        if owner is not None:
            rest = node[len(owner) + 1:] if node.startswith(owner + "/") else self._role(node)
            return f"{self.label(owner)} › {rest}"
        term = _term(node)
        for row in self.graph.query(_LINK, {"node": term}):
            relation = RELATIONS.get(row["p"].value, curie(row["p"].value))
            return f"{self.label(row['s'].value)} {relation} {self.label(row['o'].value)}"
        for row in self.graph.query(_NAME, {"node": term}):
            return row["name"].value
        if self._is_passage(node):
            return self._passage(node).where()
        return curie(node)

    def _owner(self, node: str) -> str | None:
        """The document, part or task ``node`` belongs to: by its IRI, or (a blank node) by what refers to it."""
        if node.startswith("_:"):
            for row in self.graph.query(_REFERRER, {"node": _term(node)}):
                referrer = row["s"]
                return referrer.value if isinstance(referrer, ox.NamedNode) else f"_:{referrer.value}"
            return None
        prefix = node
        while "/" in prefix:
            prefix = prefix.rsplit("/", 1)[0]
            if prefix in self.view:
                return prefix
        return None

    def _is_passage(self, node: str) -> bool:
        """A passage: described with its source text, or (cited but not described) named like one."""
        return bool(_PASSAGE_IRI.search(node)) or any(self.graph.query(_IS_PASSAGE, {"node": _term(node)}))

    def _role(self, node: str) -> str:
        for row in self.graph.query(_REFERRER, {"node": _term(node)}):
            return curie(row["p"].value)
        return "?"

    def _passage(self, iri: str) -> Passage:
        rows = list(self.graph.query(_PASSAGE, {"passage": ox.NamedNode(iri)}))
        row = rows[0] if rows else None
        if row is None or row["file"] is None:
            match = _PASSAGE_IRI.search(iri)
            lines = (int(match["start"]), int(match["end"])) if match else None
            return Passage(f"source {match['source']}" if match else None, lines, None)
        lines = (int(row["start"].value), int(row["end"].value)) if row["start"] is not None else None
        return Passage(row["file"].value, lines, row["exact"].value if row["exact"] is not None else None)


def locate(graph: LoadedGraph, results: Iterable[ValidationResult]) -> list[ValidationResult]:
    """``results`` with every focus node located in ``graph``."""
    return Locator(graph).locate(results)


def _term(node: str) -> ox.NamedNode | ox.BlankNode:
    return ox.BlankNode(node[2:]) if node.startswith("_:") else ox.NamedNode(node)


def _is_node(value: str) -> bool:
    return value.startswith(("http://", "https://", "_:"))


def _data_file(path: Path, data_dir: Path) -> str:
    """``bodies.ttl``, ``sources/003.ttl``: a data file named from the data folder."""
    return path.relative_to(data_dir).as_posix() if path.is_relative_to(data_dir) else path.name


def _passage_order(passage: Passage) -> tuple[int, str]:
    return (passage.lines[0] if passage.lines else 0, passage.file or "")
