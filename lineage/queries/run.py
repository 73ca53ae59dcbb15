"""Bind a query's parameters and run it: the answer as columns and plain records.

>>> plain(ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")))
3
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

import pyoxigraph as ox

from lineage.describe import curie
from lineage.errors import InputError, RefError
from lineage.queries.header import TYPES
from lineage.queries.params import XSD, ParamValueError, Resolver
from lineage.queries.query import Query, syntax_error
from lineage.store import LoadedGraph

Term: TypeAlias = ox.NamedNode | ox.Literal
_NUMBERS = {XSD + t for t in ("decimal", "double", "float")}
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger")}


@dataclass(frozen=True)
class Answer:
    """What a query returned: its columns and one mapping of terms per row."""

    query: Query
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]

    def records(self, *, compact: bool = False, base: str | None = None) -> list[dict[str, Any]]:
        """Rows as plain values: IRIs as strings, or shortened for people when ``compact``
        (CURIEs, and ``…/eli/vn/tw/nq/2024/57`` for an IRI under ``base``)."""
        return [{c: plain(row.get(c), compact=compact, base=base) for c in self.columns} for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """Every value of one column, as plain values."""
        return [plain(row.get(name)) for row in self.rows]


def bind(query: Query, values: Mapping[str, str], resolver: Resolver) -> dict[str, Term]:
    """The RDF terms of ``values`` for ``query``'s declared parameters; errors name the header line."""
    declared = {p.name: p for p in query.header.params} if query.header else {}
    for name in values:
        if name not in declared:
            known = ", ".join(f"{p}=…" for p in declared) or "none"
            raise InputError(query.path, 1, f"query '{query.name}' has no parameter '{name}'",
                             f"its parameters are: {known}")
    terms: dict[str, Term] = {}
    for name, spec in declared.items():
        if name not in values:
            if spec.required:
                raise InputError(query.path, spec.line, f"query '{query.name}' needs the parameter '{name}' "
                                 f"({TYPES[spec.type]})", f"add --param {name}={spec.example}")
            continue
        try:
            terms[name] = resolver.term(spec.type, values[name], spec.scheme)
        except ParamValueError as err:
            lines = [err.fix] + [f"  - {c}" for c in err.candidates]
            raise InputError(query.path, spec.line, f"parameter '{name}' ({spec.type}): {err.problem}",
                             "\n".join(lines)) from None
        except RefError as err:
            raise RefError(f"parameter '{name}' of {query.path}:{spec.line}: {err.args[0]}", err.candidates) from None
    return terms


def run(graph: LoadedGraph, query: Query, bindings: Mapping[str, Term] | None = None) -> Answer:
    """Run ``query`` over the whole graph with ``bindings``; failures name the query file."""
    try:
        result = graph.query(query.text, bindings or {})
        if isinstance(result, ox.QueryBoolean):
            return Answer(query, ("result",), ({"result": bool(result)},))
        if isinstance(result, ox.QueryTriples):
            rows = tuple({"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in result)
            return Answer(query, ("subject", "predicate", "object"), rows)
        columns = tuple(v.value for v in result.variables)
        rows = tuple({c: solution[c] for c in columns} for solution in result)
    except SyntaxError as err:
        raise syntax_error(err, query.path) from None
    except (RuntimeError, ValueError, OSError) as err:
        raise InputError(query.path, None, f"the query failed: {err}", "correct the query or its parameters") from None
    return Answer(query, columns, rows)


def plain(term: Any, *, compact: bool = False, base: str | None = None) -> Any:
    """A term as a plain Python value: IRI string, number, boolean or text; None when unbound."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        if compact and base and term.value.startswith(base + "/"):
            return "…" + term.value[len(base):]
        return curie(term.value) if compact else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _NUMBERS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return term
