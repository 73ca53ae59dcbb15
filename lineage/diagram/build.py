"""From a chain graph (edges child → parent) to the boxes and links of a diagram."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

import networkx as nx

from lineage.diagram.collapse import COLLAPSE_OVER, Collapsed, collapse
from lineage.diagram.facts import Facts, facts_from_node
from lineage.diagram.model import DIRECTIONS, Box, Diagram, Link
from lineage.diagram.wrap import iso_to_vietnamese, wrap

Href = Callable[[str], "str | None"]
"""Where a box links to (a page of the site), or None."""

TASK_TEXT = 110
TITLE_TEXT = 90
_COUNT_WORDS = {"task": "nhiệm vụ / tasks", "part": "phần / parts"}


class ChainSource(Protocol):
    """What a diagram needs from the closure: the graph up from a node and the graph down from it."""

    def up_graph(self, iri: str) -> nx.DiGraph: ...

    def down_graph(self, iri: str, depth: int | None = None) -> nx.DiGraph: ...


def chain_for(
    source: ChainSource, iri: str, direction: str, depth: int | None = None, view: nx.MultiDiGraph | None = None
) -> nx.DiGraph:
    """The chain graph of ``iri`` in ``direction`` (up, down or both); ``view`` names each link's relation."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    graphs = []
    if direction in ("up", "both"):
        graphs.append(source.up_graph(iri))
    if direction in ("down", "both"):
        graphs.append(source.down_graph(iri, depth))
    chain = nx.DiGraph()
    chain.add_node(iri)
    for graph in graphs:
        chain.add_nodes_from(graph.nodes(data=True))
        chain.add_edges_from(graph.edges(data=True))
    if view is not None:
        for child, parent, data in chain.edges(data=True):
            data.setdefault("relation", "part_of" if view.has_edge(child, parent, "part_of") else "implements")
    return chain


def build_diagram(
    chain: nx.DiGraph,
    focus: str | None,
    facts: Mapping[str, Facts],
    *,
    direction: str = "up",
    collapse_over: int = COLLAPSE_OVER,
    href: Href | None = None,
    list_href: Href | None = None,
    anchors: Iterable[str] = (),
) -> Diagram:
    """The diagram of ``chain`` around ``focus`` (or, with no focus, around ``anchors``).

    Boxes no stated link joins to the focus or an anchor are marked inferred;
    ``list_href(parent)`` is where a count box expands to.
    """
    chain = nx.DiGraph(chain)
    starts = ([focus] if focus is not None else []) + [a for a in anchors if a in chain]
    if focus is not None:
        chain.add_node(focus)
    info = {n: facts.get(n) or facts_from_node(n, chain.nodes[n]) for n in chain.nodes}
    only_inferred = _reached_only_by_inference(chain, starts)
    groups = collapse(chain, focus, {n: f.kind for n, f in info.items()}, collapse_over)
    counts = {group.id: group for group in groups}
    boxes = []
    for node in chain.nodes:
        if node in counts:
            boxes.append(_count_box(counts[node], list_href))
        else:
            facts_ = info[node]
            in_document = facts_.document_name if facts_.document and facts_.document not in chain else None
            boxes.append(_box(node, facts_, node == focus, node in only_inferred, href, in_document))
    links = [
        Link(child, parent, bool(data.get("inferred", False)), str(data.get("relation") or "implements"))
        for child, parent, data in chain.edges(data=True)
    ]
    return Diagram(
        focus=focus,
        direction=direction,
        boxes=tuple(sorted(boxes, key=lambda b: (b.heading, b.id))),
        links=tuple(sorted(links, key=lambda link: (link.parent, link.child))),
    )


def box_lines(facts: Facts, in_document: str | None = None) -> tuple[str, ...]:
    """The lines under a box's heading; ``in_document`` names the document of a part or task drawn without it."""
    if facts.kind == "document":
        kind = " · ".join(x for x in (facts.type_label, facts.issuer) if x)
        lines = [kind, iso_to_vietnamese(facts.date) or ""]
        if facts.text:
            lines.append(_shorten(facts.text, TITLE_TEXT))
        return tuple(line for line in lines if line)
    where = [f"trong / in {_shorten(in_document, 40)}"] if in_document else []
    if facts.kind == "task":
        lines = where + [_shorten(facts.text or "", TASK_TEXT)]
        if facts.lead:
            lines.append("Chủ trì / Lead: " + "; ".join(facts.lead))
        return tuple(line for line in lines if line)
    return tuple(where) + ((_shorten(facts.text, TITLE_TEXT),) if facts.text else ())


def _box(node: str, facts: Facts, focus: bool, inferred: bool, href: Href | None, in_document: str | None) -> Box:
    tooltip = "\n".join(x for x in (facts.heading, facts.text, *facts.lead) if x)
    return Box(
        id=node, kind=facts.kind, heading=facts.heading, lines=box_lines(facts, in_document), inferred=inferred,
        focus=focus, href=href(node) if href else None, title=tooltip,
    )


def _count_box(group: Collapsed, list_href: Href | None) -> Box:
    total = sum(n for _, n in group.kinds)
    heading = " + ".join(f"{n} {_COUNT_WORDS.get(kind, kind)}" for kind, n in group.kinds)
    return Box(
        id=group.id, kind="count", heading=heading, inferred=group.inferred, count=total,
        href=list_href(group.parent) if list_href else None,
        title=f"{total}: " + ", ".join(group.members[:5]) + (" …" if total > 5 else ""),
    )


def _reached_only_by_inference(chain: nx.DiGraph, starts: list[str]) -> set[str]:
    """Nodes no stated path joins to a start (up through parents or down through children)."""
    stated = nx.DiGraph()
    stated.add_nodes_from(chain.nodes)
    stated.add_edges_from((c, p) for c, p, d in chain.edges(data=True) if not d.get("inferred", False))
    reached = set(starts)
    for start in starts:
        reached |= nx.descendants(stated, start) | nx.ancestors(stated, start)
    return set(chain.nodes) - reached


def _shorten(text: str, limit: int) -> str:
    lines = wrap(text, limit, max_lines=1)
    return lines[0] if lines else ""
