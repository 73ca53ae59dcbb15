"""The SPARQL query library: ``#+`` headers, the catalogue, typed parameters and running.

>>> # catalogue = Catalogue(config.queries_dir)
>>> # query = catalogue.get("trace")
>>> # answer = run(graph, query, bind(query, {"subject": "46-KH/TU#PL01/B/12"}, resolver))
"""

from __future__ import annotations

from lineage.queries.catalogue import Catalogue, UnknownQuery
from lineage.queries.header import KINDS, TYPES, Bilingual, Header, ParamSpec, parse_header
from lineage.queries.params import ParamValueError, Resolver, typed_literal
from lineage.queries.query import Query, load_query
from lineage.queries.run import Answer, bind, plain, run

__all__ = [
    "KINDS",
    "TYPES",
    "Answer",
    "Bilingual",
    "Catalogue",
    "Header",
    "ParamSpec",
    "ParamValueError",
    "Query",
    "Resolver",
    "UnknownQuery",
    "bind",
    "load_query",
    "parse_header",
    "plain",
    "run",
    "typed_literal",
]
