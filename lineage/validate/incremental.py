"""Validate again only what a change touches, keeping the previous build's other results.

For each targeted shape, :func:`lineage.fastshacl.reach.affected_focus` gives
the focus nodes whose results the added and removed triples may change; the
fast engine validates those, and every previous result about another focus
node is kept as it was. Shapes whose reach cannot be bounded are validated in
full. The outcome is the report a full validation gives (the tests compare
both after edits of every kind).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal
from rdflib.namespace import SH
from rdflib.term import Identifier

from lineage.changes import GraphChange
from lineage.fastshacl import validate_fast
from lineage.fastshacl.reach import Term, affected_focus, read_reach
from lineage.fastshacl.reader import ShapesIndex, read_shapes
from lineage.fastshacl.report import BLOCKING_FREE
from lineage.store import LoadedGraph
from lineage.validate.terms import to_rdflib


@dataclass(frozen=True)
class Revalidation:
    """The merged report graph, and how much was validated again."""

    conforms: bool
    report: Graph
    focus_nodes: int
    """Focus nodes validated again, summed over the shapes limited to some."""
    full_shapes: int
    """Shapes validated on all their focus nodes (reach not bounded)."""

    def describe(self) -> str:
        """How much was validated again, in both languages."""
        return (f"{self.focus_nodes} focus node(s) again, {self.full_shapes} shape(s) in full / "
                f"kiểm tra lại {self.focus_nodes} nút, {self.full_shapes} ràng buộc toàn bộ")


def revalidate(graph: LoadedGraph, shapes: Graph, change: GraphChange, previous_report: Path) -> Revalidation | None:
    """The report after ``change``, from the previous build's ``report.ttl``; ``None`` when it cannot be reused."""
    try:
        previous = Graph().parse(previous_report, format="turtle")
    except (OSError, ValueError, SyntaxError):
        return None
    index = read_shapes(shapes)
    owners = _owners(index)
    reaches = read_reach(index)
    focus: dict[Identifier, set[Term]] = {}
    by_reach: dict[tuple, set[Term]] = {}
    for node, reach in reaches.items():
        if reach is not None:
            key = reach.key()
            if key not in by_reach:
                by_reach[key] = affected_focus(graph.store, reach, change.added, change.removed)
            focus[node] = by_reach[key]
    fresh = validate_fast(graph, shapes, focus=focus, workers=1)  # little to do: the second core writes the exports
    affected = {node: {to_rdflib(term) for term in terms} for node, terms in focus.items()}
    report = Graph()
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    severities: list[Identifier] = []
    for source in (previous, fresh.report_graph()):
        fresh_results = source is not previous
        for result in source.subjects(RDF.type, SH.ValidationResult):
            shape = source.value(result, SH.sourceShape)
            owner = owners.get(shape) if shape is not None else None
            if owner is None or isinstance(source.value(result, SH.focusNode), BNode):
                return None  # a result that cannot be matched to this build's shapes and nodes: validate everything
            if not fresh_results and (owner not in affected or source.value(result, SH.focusNode) in affected[owner]):
                continue  # validated again in this build
            report.add((root, SH.result, result))
            report += source.cbd(result)
            severities.append(source.value(result, SH.resultSeverity))
    conforms = all(severity in BLOCKING_FREE for severity in severities)
    report.add((root, SH.conforms, Literal(conforms)))
    return Revalidation(conforms, report, sum(len(v) for v in focus.values()),
                        sum(1 for reach in reaches.values() if reach is None))


def _owners(index: ShapesIndex) -> dict[Identifier, Identifier]:
    """The targeted shape each result's source shape belongs to: itself, or the node shape of a property shape."""
    owners: dict[Identifier, Identifier] = {}
    shared: set[Identifier] = set()
    for shape in index.targeted:
        owners[shape.node] = shape.node
        for prop in shape.properties:
            if owners.setdefault(prop, shape.node) != shape.node:
                shared.add(prop)  # its results cannot be attributed to one shape: then all is validated
    return {node: owner for node, owner in owners.items() if node not in shared}
