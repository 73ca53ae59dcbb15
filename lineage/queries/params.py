"""Typed query parameters, bound as RDF terms (never pasted into the query text).

>>> typed_literal("date", "30/06/2026").value
'2026-06-30'
>>> typed_literal("integer", "12").datatype.value
'http://www.w3.org/2001/XMLSchema#integer'
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property

import pyoxigraph as ox

from lineage.namespaces import PREFIXES
from lineage.refs import RefIndex
from lineage.store import LoadedGraph
from lineage.text.normalize import fold, nfc

XSD = "http://www.w3.org/2001/XMLSchema#"
_TRUE = {"true", "yes", "1", "co", "dung"}
_FALSE = {"false", "no", "0", "khong", "sai"}
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_IRI = re.compile(r"^<?(https?://\S+?)>?$")
_CURIE = re.compile(r"^([A-Za-z][\w-]*):(\S*)$")

_BODIES = """
SELECT DISTINCT ?body ?name WHERE {
  ?body a org:Organization .
  { ?body skos:prefLabel ?name } UNION { ?body skos:altLabel ?name } UNION { ?body rdfs:label ?name }
}
"""
_CONCEPTS = """
SELECT DISTINCT ?concept ?name WHERE {
  ?concept a skos:Concept .
  OPTIONAL { { ?concept skos:prefLabel ?name } UNION { ?concept skos:altLabel ?name }
             UNION { ?concept rdfs:label ?name } UNION { ?concept skos:notation ?name } }
}
"""
_KNOWN = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


class ParamValueError(ValueError):
    """A value that does not fit its parameter: what is wrong, and how to write it."""

    def __init__(self, problem: str, fix: str, candidates: list[str] | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix
        self.candidates = candidates or []


def typed_literal(kind: str, text: str) -> ox.Literal:
    """The literal of a value of a literal type (string, integer, decimal, boolean, date)."""
    text = nfc(text.strip())
    if kind == "string":
        if not text:
            raise ParamValueError("the value is empty", "give some text")
        return ox.Literal(text)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ParamValueError(f"'{text}' is not a whole number", "write digits only, e.g. 12")
        return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD + "integer"))
    if kind == "decimal":
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ParamValueError(f"'{text}' is not a number", "write e.g. 10.5 or 10,5") from None
        return ox.Literal(str(number), datatype=ox.NamedNode(XSD + "decimal"))
    if kind == "boolean":
        key = fold(text)
        if key not in _TRUE | _FALSE:
            raise ParamValueError(f"'{text}' is not true or false", "write true or false (có / không)")
        return ox.Literal("true" if key in _TRUE else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if kind == "date":
        return ox.Literal(_iso_date(text).isoformat(), datatype=ox.NamedNode(XSD + "date"))
    raise ValueError(f"{kind} is not a literal type")


def _iso_date(text: str) -> date:
    vietnamese = _VN_DATE.match(text)
    try:
        if vietnamese:
            day, month, year = (int(g) for g in vietnamese.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise ParamValueError(f"'{text}' is not a date", "write YYYY-MM-DD (2026-06-30) or DD/MM/YYYY (30/06/2026)") from None


class Resolver:
    """Turns what people type into the IRIs of documents, parts, tasks, bodies and concepts."""

    def __init__(self, graph: LoadedGraph | Callable[[], LoadedGraph], refs: Callable[[], RefIndex]) -> None:
        self._graph_source = graph
        self._refs_factory = refs

    @cached_property
    def _graph(self) -> LoadedGraph:
        """The graph, loaded only when a value needs it (literals never do)."""
        source = self._graph_source
        return source if isinstance(source, LoadedGraph) else source()

    @cached_property
    def refs(self) -> RefIndex:
        """The REF index, built on first use."""
        return self._refs_factory()

    def term(self, kind: str, text: str, scheme: str | None = None) -> ox.NamedNode | ox.Literal:
        """The RDF term for ``text`` as a value of type ``kind``."""
        if kind == "ref":
            return ox.NamedNode(self.ref(text))
        if kind == "iri":
            return ox.NamedNode(self.iri(text))
        if kind == "body":
            return ox.NamedNode(self.body(text))
        if kind == "concept":
            return ox.NamedNode(self.concept(scheme or "", text))
        return typed_literal(kind, text)

    def ref(self, text: str) -> str:
        """A document, part or task; any IRI the graph knows is accepted as is."""
        iri = _IRI.match(text.strip())
        if iri and self.known(iri.group(1)):
            return iri.group(1)
        return self.refs.resolve(text)

    def iri(self, text: str) -> str:
        """An absolute IRI, or a CURIE with a project prefix."""
        text = text.strip()
        iri = _IRI.match(text)
        if iri:
            return iri.group(1)
        curie = _CURIE.match(text)
        if curie and curie.group(1) in PREFIXES:
            return PREFIXES[curie.group(1)] + curie.group(2)
        raise ParamValueError(f"'{text}' is not an IRI", "write https://… or a CURIE such as lin:Task")

    def known(self, iri: str) -> bool:
        """True when the graph states anything about ``iri``."""
        return bool(list(self._graph.query(_KNOWN, {"s": ox.NamedNode(iri)})))

    def body(self, text: str) -> str:
        """A body by IRI, CURIE, slug or name (diacritics and case do not matter)."""
        return self._pick(text, self._bodies, "body", "a name as printed (Sở Tài chính), its slug or IRI")

    def concept(self, scheme: str, text: str) -> str:
        """A concept of ``scheme`` (a prefix such as lin-role) by IRI, CURIE, local name or label."""
        namespace = PREFIXES[scheme]
        names = {key: {i for i in iris if i.startswith(namespace)} for key, iris in self._concepts.items()}
        return self._pick(text, {k: v for k, v in names.items() if v}, f"concept of {scheme}",
                          f"a local name of {namespace} or its label", namespace)

    def _pick(self, text: str, index: dict[str, set[str]], what: str, how: str, namespace: str = "") -> str:
        text = text.strip()
        iri = _IRI.match(text)
        curie = _CURIE.match(text)
        if iri:
            candidate = iri.group(1)
        elif curie and curie.group(1) in PREFIXES:
            candidate = PREFIXES[curie.group(1)] + curie.group(2)
        else:
            candidate = namespace + text
        every = {i for iris in index.values() for i in iris}
        if candidate in every:
            return candidate
        found = index.get(fold(text), set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise ParamValueError(f"'{text}' names several {what}s", "use one of these IRIs", sorted(found))
        close = difflib.get_close_matches(fold(text), list(index), n=5, cutoff=0.5)
        raise ParamValueError(f"no {what} '{text}'", f"write {how}", [f"{k}  <{min(index[k])}>" for k in close])

    @cached_property
    def _bodies(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for row in self._graph.query(_BODIES):
            iri = row["body"].value
            index[fold(row["name"].value)].add(iri)
            index[fold(iri.rsplit("/", 1)[-1])].add(iri)
        return index

    @cached_property
    def _concepts(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = defaultdict(set)
        for row in self._graph.query(_CONCEPTS):
            iri = row["concept"].value
            index[fold(re.split(r"[/#]", iri)[-1])].add(iri)
            if row["name"] is not None:
                index[fold(row["name"].value)].add(iri)
        return index
