"""Validate again only what a change touches, keeping the previous build's other results.

For each targeted shape, :func:`lineage.fastshacl.reach.affected_focus` gives
the focus nodes whose results the added and removed triples may change; the
fast engine validates those, and every previous result about another focus
node is kept as it was. Shapes whose reach cannot be bounded are validated in
full. The previous results and reaches come from the previous build's
``validation/state.json`` (:mod:`lineage.validate.state`). The outcome is the
report a full validation gives (the tests compare both after edits of every kind).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph
from rdflib.term import Identifier

from lineage.changes import GraphChange
from lineage.fastshacl import validate_fast
from lineage.fastshacl.reach import Term, affected_focus
from lineage.fastshacl.reader import ShapesIndex
from lineage.fastshacl.report import ValidationResult
from lineage.fastshacl.validate import report_of
from lineage.store import LoadedGraph
from lineage.validate.state import State, read_state
from lineage.validate.terms import to_rdflib


@dataclass(frozen=True)
class Revalidation:
    """The merged results (as a full validation gives them), and how much was validated again."""

    conforms: bool
    report: Graph
    state: State
    focus_nodes: int
    """Focus nodes validated again, summed over the shapes limited to some."""
    full_shapes: int
    """Shapes validated on all their focus nodes (reach not bounded)."""

    def describe(self) -> str:
        """How much was validated again, in both languages."""
        return (f"{self.focus_nodes} focus node(s) again, {self.full_shapes} shape(s) in full / "
                f"kiểm tra lại {self.focus_nodes} nút, {self.full_shapes} ràng buộc toàn bộ")


def revalidate(graph: LoadedGraph, shapes: Graph, index: ShapesIndex, change: GraphChange,
               previous_state: Path) -> Revalidation | None:
    """The report after ``change``, from the previous build's state file (:data:`~lineage.validate.state.STATE_FILE`); ``None`` when it
    cannot be reused."""
    previous = read_state(previous_state, index)
    if previous is None:
        return None
    owners = _owners(index)
    reaches = previous.reach()
    focus: dict[Identifier, set[Term]] = {}
    by_reach: dict[tuple, set[Term]] = {}
    in_full = sum(1 for reach in reaches.values() if reach is None)
    for node, reach in reaches.items():
        if reach is not None:
            key = reach.key()
            if key not in by_reach:
                by_reach[key] = affected_focus(graph.store, reach, change.added, change.removed)
            if any(isinstance(term, ox.BlankNode) for term in by_reach[key]):
                in_full += 1  # a blank node cannot be named in a query: the shape is validated in full
            else:
                focus[node] = by_reach[key]
    affected = {node: {to_rdflib(term) for term in terms} for node, terms in focus.items()}
    kept: list[ValidationResult] = []
    for result in previous.results:
        owner = owners.get(result.source_shape)
        if owner is None or isinstance(result.focus, BNode):
            return None  # a result that cannot be matched to this build's shapes and nodes: validate everything
        if owner in affected and result.focus not in affected[owner]:
            kept.append(result)  # not validated again in this build
    fresh = validate_fast(graph, shapes, focus=focus, workers=1, index=index)  # little to do: one process
    merged = report_of({*kept, *fresh.results}, shapes)
    return Revalidation(merged.conforms, merged.report_graph(), State(merged.results, index, reaches),
                        sum(len(v) for v in focus.values()), in_full)


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
