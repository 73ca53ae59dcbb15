"""Publish the graph: replace each of the project's named graphs in the target store, then check the counts.

Each graph is replaced, never merged: the Graph Store Protocol ``PUT``s its
first batch and ``POST``s the rest; SPARQL Update sends ``DROP SILENT GRAPH``
with the first ``INSERT DATA`` and plain ``INSERT DATA`` after. Graphs the
project does not hold are never touched, so publishing twice leaves the store
as publishing once. With ``prune``, the project's graphs that no longer exist
locally (under ``{base}/graph/``) are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lineage.publish.batches import GraphPart, batches, graph_parts
from lineage.publish.target import PublishError, Target, graph_store_url
from lineage.store import LoadedGraph

Progress = Callable[[str], None]
TURTLE = "text/turtle"
"""Batches are N-Triples, which every Turtle parser reads; stores that take Graph Store uploads all take Turtle."""
SPARQL_UPDATE = "application/sparql-update"
DEFAULT_BATCH = 50_000


@dataclass(frozen=True)
class GraphCheck:
    """A published graph: its triple count here and in the store after publishing."""

    iri: str
    local: int
    remote: int | None

    @property
    def matches(self) -> bool:
        """Whether the store holds exactly the local triples."""
        return self.local == self.remote


@dataclass
class PublishReport:
    """What a publish did (or, dry, would do)."""

    method: str
    parts: list[GraphPart]
    checks: list[GraphCheck] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    requests: int = 0
    dry_run: bool = False

    @property
    def triples(self) -> int:
        """Triples published, over every graph."""
        return sum(part.triples for part in self.parts)

    def lines(self) -> list[str]:
        """One line per graph and a total, in both languages."""
        out = []
        checks = {check.iri: check for check in self.checks}
        for part in self.parts:
            check = checks.get(part.iri)
            if check is None:
                status = f"{part.batches} batch(es) / lô"
            else:
                status = "ok" if check.matches else f"MISMATCH / LỆCH: store has {check.remote}"
            out.append(f"  {part.iri}  {part.triples} triples / bộ ba  {status}")
        out += [f"  pruned / đã xóa: {iri}" for iri in self.pruned]
        verb = "would publish / sẽ xuất bản" if self.dry_run else "published / đã xuất bản"
        out.append(f"{verb}: {self.triples} triples in {len(self.parts)} graphs by {self.method}, "
                   f"{self.requests} request(s)")
        return out


def publish(
    graph: LoadedGraph,
    target: Target,
    *,
    batch_size: int = DEFAULT_BATCH,
    prune: bool = False,
    dry_run: bool = False,
    progress: Progress = lambda _: None,
) -> PublishReport:
    """Replace the project's graphs in ``target`` and check every count; raises :class:`PublishError`."""
    parts = graph_parts(graph, batch_size)
    report = PublishReport(target.method, parts, dry_run=dry_run)
    if dry_run:
        report.requests = sum(part.batches for part in parts) + len(parts)
        return report
    for number, part in enumerate(parts, start=1):
        sent = 0
        for index, (count, data) in enumerate(batches(graph, part, batch_size)):
            _send_batch(target, part.iri, data, first=index == 0)
            report.requests += 1
            sent += count
            progress(f"[{number}/{len(parts)}] {part.iri}: {sent}/{part.triples} triples / bộ ba")
    if prune:
        report.pruned = _prune(target, graph, {part.iri for part in parts})
        report.requests += len(report.pruned) + 1
    report.checks = [GraphCheck(part.iri, part.triples, remote_count(target, part.iri)) for part in parts]
    report.requests += len(parts)
    return report


def check_counts(report: PublishReport) -> None:
    """Raise :class:`PublishError` when any graph in the store differs from the local one."""
    wrong = [check for check in report.checks if not check.matches]
    if wrong:
        listing = "; ".join(f"<{c.iri}> local {c.local}, store {c.remote}" for c in wrong)
        raise PublishError(
            f"the store does not hold what was published: {listing}",
            "publish again; if the counts still differ, another process is writing those graphs",
        )


def remote_count(target: Target, iri: str) -> int | None:
    """The number of triples the store holds in graph ``iri``."""
    rows = target.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    try:
        return int(rows[0]["n"]["value"])
    except (IndexError, KeyError, ValueError):
        return None


def _send_batch(target: Target, iri: str, data: bytes, *, first: bool) -> None:
    if target.graph_store_url:
        target.send("PUT" if first else "POST", graph_store_url(target.graph_store_url, iri), data, TURTLE)
        return
    insert = b"INSERT DATA { GRAPH <" + iri.encode("utf-8") + b"> {\n" + data + b"} }"
    if first:
        insert = b"DROP SILENT GRAPH <" + iri.encode("utf-8") + b"> ;\n" + insert
    target.send("POST", target.update_url, insert, SPARQL_UPDATE)


def _prune(target: Target, graph: LoadedGraph, keep: set[str]) -> list[str]:
    """Drop the store's graphs under the project's graph prefix that the local graph no longer has."""
    prefix = graph.config.graph_iri("")
    rows = target.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
    )
    stale = sorted({row["g"]["value"] for row in rows if "g" in row} - keep)
    for iri in stale:
        if target.graph_store_url:
            target.send("DELETE", graph_store_url(target.graph_store_url, iri), b"", TURTLE)
        else:
            target.send("POST", target.update_url, f"DROP SILENT GRAPH <{iri}>".encode(), SPARQL_UPDATE)
    return stale
