"""The home page's view of coverage: each directive and what carries it out in the data."""

from __future__ import annotations

from dataclasses import dataclass

from lineage.diagram.wrap import iso_to_vietnamese
from lineage.site.collect import SiteData

DIRECTIVE_TYPES = frozenset({"NQ", "KL", "CT", "QĐ"})
"""Central documents shown even when nothing in the data carries them out yet."""


@dataclass(frozen=True)
class Coverage:
    """One directive's row: how many documents, tasks, lead bodies and values lie under it."""

    iri: str
    symbol: str
    title: str | None
    date: str | None
    documents: int
    tasks: int
    bodies: int
    values: int
    bar: int


def coverage_tables(data: SiteData) -> list[tuple[str, list[Coverage]]]:
    """Central directives, then other root documents that something implements."""
    central, others = [], []
    for iri, record in data.documents.items():
        if iri not in data.closure or not data.closure.is_root(iri):
            continue
        below = data.closure.descendants(iri)
        if record["level"] == "central" and (below or record["type"] in DIRECTIVE_TYPES):
            central.append((iri, below))
        elif below:
            others.append((iri, below))
    tables = [("central_directives", _rows(data, central)), ("other_roots", _rows(data, others))]
    return [(key, rows) for key, rows in tables if rows]


def _rows(data: SiteData, items: list[tuple[str, list[str]]]) -> list[Coverage]:
    stated_in: dict[str, list[str]] = {}
    for value in data.values.values():
        if value.stated_in:
            stated_in.setdefault(value.stated_in, []).append(value.iri)
    rows = []
    for iri, below in items:
        record = data.documents[iri]
        tasks = [n for n in below if n in data.tasks]
        bodies = {b for task in tasks for b in data.roles.get(task, {}).get("lead", [])}
        values = {v for n in below for v in stated_in.get(n, [])}
        rows.append(Coverage(
            iri=iri, symbol=data.facts[iri].heading, title=None if data.facts[iri].unnumbered else record["title"],
            date=iso_to_vietnamese(record["date"]), documents=sum(1 for n in below if n in data.documents),
            tasks=len(tasks), bodies=len(bodies), values=len(values), bar=0,
        ))
    widest = max((row.tasks for row in rows), default=0) or 1
    rows = [Coverage(**{**row.__dict__, "bar": round(100 * row.tasks / widest)}) for row in rows]
    return sorted(rows, key=lambda r: (-r.tasks, -r.documents, r.symbol))
