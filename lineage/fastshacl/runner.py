"""Run compiled SPARQL on Oxigraph over the union of the named graphs, timing each check."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping

import pyoxigraph as ox

from lineage.fastshacl.errors import ShapeError

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = tuple[Term | None, ...]


class Runner:
    """Answers SELECT queries as lists of rows; keeps the time spent per label (a shape, a check)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.seconds: dict[str, float] = defaultdict(float)
        self.queries = 0

    def select(self, query: str, label: str, substitutions: Mapping[str, Term] | None = None) -> list[Row]:
        """The rows of ``query`` (a SELECT); a query that does not parse is an error naming ``label``."""
        return self.columns(query, label, substitutions)[1]

    def columns(self, query: str, label: str, substitutions: Mapping[str, Term] | None = None) -> tuple[list[str], list[Row]]:
        """The variable names and rows of ``query``."""
        start = time.perf_counter()
        try:
            solutions = self.store.query(
                query,
                use_default_graph_as_union=True,
                substitutions={ox.Variable(k): v for k, v in substitutions.items()} if substitutions else None,
            )
        except SyntaxError as err:
            raise ShapeError(label, f"its SPARQL does not parse: {err}", f"SPARQL không hợp lệ: {err}",
                             "correct the query in shapes/", "sửa truy vấn trong shapes/") from None
        if not isinstance(solutions, ox.QuerySolutions):
            raise ShapeError(label, "its SPARQL is not a SELECT query", "SPARQL không phải truy vấn SELECT")
        names = [v.value for v in solutions.variables]
        rows = [tuple(solution) for solution in solutions]
        self.seconds[label] += time.perf_counter() - start
        self.queries += 1
        return names, rows
