"""Resolve what people type into the IRI of a document, part or task.

A REF is an IRI, a CURIE (``lin:Task``), a document symbol as people type it
(``57-NQ/TW``, ``57-nq/tw``, ``52-KH/DU``, ``57- NQ/TW``), a descriptive key of an
unnumbered document, or ``SYMBOL#LOCATOR`` for a part or task
(``46-KH/TU#PL01/B/12``; the locator may drop its table when that is unambiguous,
``…#2.13``). An unknown REF names the closest matches; an ambiguous one lists
the candidates; both raise :class:`RefError` (exit 2).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from lineage.errors import RefError
from lineage.graphview import directive_graph
from lineage.namespaces import PREFIXES
from lineage.store import LoadedGraph
from lineage.text.normalize import fold

_PRINTED = "SELECT DISTINCT ?d ?p WHERE { ?d lin:printedSymbol ?p }"


def ref_key(text: str) -> str:
    """The matching key of a symbol or locator: folded, without spaces or a leading 'số'.

    >>> ref_key("Số 52- KH/ĐU") == ref_key("52-kh/du")
    True
    """
    key = fold(text)
    key = re.sub(r"^(so|s6)\s+", "", key)
    return re.sub(r"\s+", "", key)


@dataclass(frozen=True)
class Candidate:
    """A thing a REF may mean: its IRI and how to show it."""

    iri: str
    display: str


def ref_index(graph: LoadedGraph) -> RefIndex:
    """The REF index of ``graph``, built once per loaded graph over its directive view."""
    return graph.derived("ref_index", lambda: RefIndex(graph, directive_graph(graph)))


class RefIndex:
    """Lookup tables from symbols, keys and locators to IRIs."""

    def __init__(self, graph: LoadedGraph, view: nx.MultiDiGraph) -> None:
        self._view = view
        self._documents: dict[str, set[str]] = defaultdict(set)
        self._locators: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for iri, data in view.nodes(data=True):
            if data["kind"] == "document" and data.get("symbol"):
                self._documents[ref_key(data["symbol"])].add(iri)
        for row in graph.query(_PRINTED):
            self._documents[ref_key(row["p"].value)].add(row["d"].value)
        for iri, data in view.nodes(data=True):
            if data["kind"] != "document" and data.get("locator"):
                document = containing_document(view, iri)
                if document:
                    self._locators[document][ref_key(data["locator"])].add(iri)

    def resolve(self, ref: str) -> str:
        """The IRI ``ref`` stands for, or :class:`RefError`."""
        ref = ref.strip()
        if ref.startswith("<") and ref.endswith(">"):
            ref = ref[1:-1]
        if re.match(r"^https?://", ref):
            if ref in self._view:
                return ref
            raise RefError(f"unknown IRI: {ref}", self._closest(ref, iris=True))
        curie = re.match(r"^([A-Za-z][\w-]*):(\S+)$", ref)
        if curie and curie.group(1) in PREFIXES:
            return PREFIXES[curie.group(1)] + curie.group(2)
        symbol, _, locator = ref.partition("#")
        document = self._one(self._documents.get(ref_key(symbol), set()), ref, symbol)
        if not locator:
            return document
        return self._locate(document, locator, ref)

    def _locate(self, document: str, locator: str, ref: str) -> str:
        table = self._locators.get(document, {})
        key = ref_key(locator)
        found = table.get(key) or {iri for k, iris in table.items() if k.endswith("/" + key) for iri in iris}
        if found:
            return self._one(found, ref, locator)
        options = [f"{self.display(document)}#{self._view.nodes[i]['locator']}" for s in table.values() for i in s]
        close = difflib.get_close_matches(ref, options, n=5, cutoff=0.3)
        raise RefError(f"no part or task '{locator}' in {self.display(document)}; closest:", close)

    def _one(self, found: set[str], ref: str, typed: str) -> str:
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise RefError(
                f"'{ref}' is ambiguous; use one of these IRIs:",
                sorted(f"{iri}  ({self.display(iri)}, {self._view.nodes[iri].get('date') or 'no date'})" for iri in found),
            )
        raise RefError(f"unknown reference '{ref}'; closest:", self._closest(typed))

    def _closest(self, typed: str, iris: bool = False) -> list[str]:
        if iris:
            return difflib.get_close_matches(typed, list(self._view.nodes), n=5, cutoff=0.5)
        names = {}
        for key, found in self._documents.items():
            for iri in found:
                names[key] = self.display(iri)
        keys = difflib.get_close_matches(ref_key(typed), list(names), n=5, cutoff=0.4)
        return [names[k] for k in keys]

    def display(self, iri: str) -> str:
        """How a node is named to people: symbol, or symbol#locator, or the IRI."""
        return display(self._view, iri)


def containing_document(view: nx.MultiDiGraph, iri: str) -> str | None:
    """The document a part or task belongs to, following ``part_of`` links."""
    seen = {iri}
    current = iri
    while True:
        parents = [t for _, t, rel in view.out_edges(current, keys=True) if rel == "part_of"]
        if not parents:
            return current if view.nodes[current]["kind"] == "document" and current != iri else None
        current = parents[0]
        if current in seen:
            return None
        seen.add(current)
        if view.nodes[current]["kind"] == "document":
            return current


def display(view: nx.MultiDiGraph, iri: str) -> str:
    """How a node of the directive view is named to people: the document's symbol, ``symbol#locator`` for a
    part or task (as REFs are written), else the IRI. Needs only the view, not a :class:`RefIndex`."""
    data = view.nodes.get(iri, {})
    if data.get("kind") == "document":
        return data.get("symbol") or iri
    if data.get("locator"):
        document = containing_document(view, iri)
        prefix = view.nodes[document].get("symbol") if document else None
        return f"{prefix or '?'}#{data['locator']}"
    return iri
