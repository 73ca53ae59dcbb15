"""The query library over HTTP (grlc style): ``/api`` lists the queries, ``/api/NAME?param=…`` runs one.

Parameters are read and resolved exactly as ``lineage query`` does it
(:mod:`lineage.queries`): a REF typed any way, a body by name, a date as
``30/06/2026``; the resolved terms are bound into the query, never pasted.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from lineage.errors import LineageError
from lineage.queries import Catalogue, Query, Resolver, bind
from lineage.serve.jobs import Term
from lineage.serve.protocol import ProtocolError
from lineage.serve.served import ServedGraph


class Library:
    """The named queries of a catalogue, with parameters resolved against the served graph."""

    def __init__(self, catalogue: Catalogue, served: ServedGraph) -> None:
        self.catalogue = catalogue
        self.resolver = Resolver(served.graph, lambda: served.refs)
        self._lock = threading.Lock()
        self._read: dict[str, tuple[float, Query]] = {}

    def listing(self) -> list[dict[str, Any]]:
        """Every query: name, URL, summary, description, kind, tags and parameters with examples."""
        records = []
        for name in self.catalogue.names():
            try:
                records.append(_record(self.catalogue.get(name)))
            except LineageError as err:
                records.append({"name": name, "url": f"/api/{name}", "error": str(err)})
        return records

    def job(self, name: str, params: Mapping[str, list[str]]) -> tuple[str, dict[str, Term]]:
        """The text of query ``name`` and its parameters as terms; 404 for an unknown name, 400 for a bad value."""
        try:
            query = self._query(name)
        except LineageError as err:
            raise ProtocolError(404, str(err)) from None
        repeated = sorted(key for key, values in params.items() if len(values) > 1)
        if repeated:
            raise ProtocolError(400, f"parameter '{repeated[0]}' is given more than once / tham số bị lặp")
        try:
            with self._lock:
                terms = bind(query, {key: values[0] for key, values in params.items()}, self.resolver)
        except LineageError as err:
            raise ProtocolError(400, str(err)) from None
        return query.text, {key: term_json(value) for key, value in terms.items()}

    def _query(self, name: str) -> Query:
        """Query ``name``, read again only when its file has changed."""
        path = self.catalogue.path(name)
        changed = path.stat().st_mtime
        with self._lock:
            cached = self._read.get(name)
        if cached is not None and cached[0] == changed:
            return cached[1]
        query = self.catalogue.get(name)
        with self._lock:
            self._read[name] = (changed, query)
        return query


def term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Term:
    """A term as SPARQL results JSON describes it.

    >>> term_json(ox.Literal("Lai Châu", language="vi"))
    {'type': 'literal', 'value': 'Lai Châu', 'xml:lang': 'vi'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}


def _record(query: Query) -> dict[str, Any]:
    record: dict[str, Any] = {"name": query.name, "url": f"/api/{query.name}", "kind": query.kind}
    header = query.header
    if header is None:
        return record
    record.update(
        summary=header.summary.both(),
        summary_en=header.summary.en,
        summary_vi=header.summary.vi,
        description={"en": header.description.en, "vi": header.description.vi},
        tags=list(header.tags),
        params=[
            {
                "name": p.name,
                "type": p.type,
                "required": p.required,
                "example": p.example,
                "description": {"en": p.description.en, "vi": p.description.vi},
            }
            for p in header.params
        ],
    )
    example = "&".join(f"{p.name}={_quote(p.example)}" for p in header.params if p.required)
    record["example_url"] = f"/api/{query.name}" + (f"?{example}" if example else "")
    return record


def _quote(value: str) -> str:
    return quote(value, safe="")
