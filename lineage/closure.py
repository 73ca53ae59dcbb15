"""The precomputed chain closure: every node's roots, paths and descendants as lookups.

Chain links are ``eli:ensures_implementation_of`` and ``eli:is_part_of``
(:data:`lineage.graphview.CHAIN_RELATIONS`), pointing from child to parent
(task → part → plan → programme → directive). A root is a node with no chain
link up. The roots of every node are computed once, parents before children
(Kahn's order; the few nodes on or below a cycle of bad data are settled over
the condensation of their strongly connected groups, so nothing loops), and
nodes that share their roots share one frozenset. Paths are enumerated on
demand, depth first, skipping every link that leads to no root.

>>> view = nx.MultiDiGraph()
>>> for iri, kind in [("task", "task"), ("plan", "document"), ("57", "document"), ("68", "document")]:
...     view.add_node(iri, kind=kind, symbol=iri, locator=None, label=None, date=None)
>>> view.add_edge("task", "plan", key="part_of", inferred=False)
'part_of'
>>> view.add_edge("plan", "57", key="implements", inferred=False)
'implements'
>>> view.add_edge("task", "68", key="implements", inferred=True)
'implements'
>>> Closure.from_view(view).roots("task")
['57']
>>> Closure.from_view(view, inferred=True).paths("task")
[['task', '68'], ['task', 'plan', '57']]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

import networkx as nx

from lineage.gcpause import collector_paused
from lineage.graphview import CHAIN_RELATIONS

Path = tuple[str, ...]


@dataclass(frozen=True)
class Node:
    """One node of a trace or impact answer (the NODE of ``lineage trace --format json``)."""

    iri: str
    kind: str
    symbol: str | None
    locator: str | None
    label: str | None
    date: str | None
    inferred: bool

    def as_json(self) -> dict[str, object]:
        """The JSON object of the node."""
        return asdict(self)

    def display(self) -> str:
        """How people name it: ``SYMBOL``, ``SYMBOL#LOCATOR`` or the IRI."""
        if self.kind != "document" and self.locator:
            return f"{self.symbol or '?'}#{self.locator}"
        return self.symbol or self.iri


class Closure:
    """Chain lookups over a directive view: parents, children, roots, paths, descendants, cycles."""

    def __init__(self, view: nx.MultiDiGraph, links: Iterable[tuple[str, str, bool]]) -> None:
        with collector_paused():
            self._build(view, links)

    def _build(self, view: nx.MultiDiGraph, links: Iterable[tuple[str, str, bool]]) -> None:
        self._view = view
        parents: dict[str, set[str]] = {n: set() for n in view}
        children: dict[str, set[str]] = {n: set() for n in view}
        inferred_links: set[tuple[str, str]] = set()
        stated_links: set[tuple[str, str]] = set()
        for child, parent, inferred in links:
            parents[child].add(parent)
            children[parent].add(child)
            (inferred_links if inferred else stated_links).add((child, parent))
        self._parents = {n: tuple(sorted(p)) for n, p in parents.items()}
        self._children = {n: tuple(sorted(c)) for n, c in children.items()}
        self._inferred_links = frozenset(inferred_links - stated_links)
        self._nodes: dict[str, Node] = {}
        self._documents: dict[str, str | None] = {}
        self._roots, self._cycles = _roots(self._parents, self._children)

    @classmethod
    def from_view(cls, view: nx.MultiDiGraph, *, inferred: bool = False) -> Closure:
        """The closure of ``view``'s chain links; inferred links count only when ``inferred``."""
        links = (
            (child, parent, data["inferred"])
            for child, parent, relation, data in view.edges(keys=True, data=True)
            if relation in CHAIN_RELATIONS and (inferred or not data["inferred"])
        )
        return cls(view, links)

    def __contains__(self, iri: object) -> bool:
        return iri in self._parents

    def node(self, iri: str) -> Node:
        """The node ``iri`` as it appears in answers (``inferred`` is False: it depends on the question)."""
        found = self._nodes.get(iri)
        if found is None:
            found = self._nodes[iri] = self._make_node(iri)
        return found

    def parents(self, iri: str) -> list[str]:
        """Direct chain links up: what ``iri`` implements or is part of."""
        return list(self._parents[iri])

    def children(self, iri: str) -> list[str]:
        """Direct chain links down: what implements ``iri`` or is part of it."""
        return list(self._children[iri])

    def link_inferred(self, child: str, parent: str) -> bool:
        """True when the chain link ``child → parent`` is stated only in the inferred graph."""
        return (child, parent) in self._inferred_links

    def relation(self, child: str, parent: str) -> str:
        """``part_of`` or ``implements``: the kind of the chain link ``child → parent``."""
        return "part_of" if self._view.has_edge(child, parent, "part_of") else "implements"

    def is_root(self, iri: str) -> bool:
        """True when ``iri`` has no chain link up."""
        return not self._parents[iri]

    def roots(self, iri: str) -> list[str]:
        """The roots ``iri`` reaches (itself when it has no chain link up), sorted."""
        return sorted(self._roots[iri])

    def paths(self, iri: str) -> list[list[str]]:
        """Every path from ``iri`` up to one of its roots, each ordered subject first."""
        return [list(path) for path in self._paths_of(iri)]

    def ancestors(self, iri: str) -> list[str]:
        """Every node above ``iri`` (not itself), in breadth-first order."""
        return _walk(iri, self._parents)[1:]

    def descendants(self, iri: str, depth: int | None = None) -> list[str]:
        """Every node below ``iri`` (not itself), breadth first, at most ``depth`` links down."""
        return _walk(iri, self._children, depth)[1:]

    def up_graph(self, iri: str) -> nx.DiGraph:
        """``iri`` and every chain above it; edges child → parent with ``inferred`` and ``relation``."""
        return self._subgraph(_walk(iri, self._parents), up=True)

    def down_graph(self, iri: str, depth: int | None = None) -> nx.DiGraph:
        """``iri`` and every chain below it (at most ``depth`` links); edges child → parent with ``inferred``.

        A link from ``iri`` itself back into the tree (bad data: a cycle) is left out, so ``iri`` stays on top.
        """
        return self._subgraph(_walk(iri, self._children, depth), up=False)

    def cycles(self) -> list[list[str]]:
        """One cycle of chain links per strongly connected group, each starting at its smallest IRI."""
        return [list(cycle) for cycle in self._cycles]

    def stated_reach(self, iri: str, *, up: bool, depth: int | None = None) -> set[str]:
        """The nodes reached from ``iri`` through stated links only (``iri`` included)."""
        step = self._parents if up else self._children
        seen = {iri}
        queue = deque([(iri, 0)])
        while queue:
            current, level = queue.popleft()
            if depth is not None and level >= depth:
                continue
            for nxt in step[current]:
                link = (current, nxt) if up else (nxt, current)
                if nxt not in seen and link not in self._inferred_links:
                    seen.add(nxt)
                    queue.append((nxt, level + 1))
        return seen

    def _paths_of(self, iri: str) -> list[Path]:
        """Depth first, without recursion: every simple path from ``iri`` to a node with no link up."""
        found: list[Path] = []
        path = [iri]
        on_path = {iri}
        stack = [iter(self._parents[iri])]
        if not self._parents[iri]:
            return [(iri,)]
        while stack:
            parent = next(stack[-1], None)
            if parent is None:
                stack.pop()
                on_path.discard(path.pop())
                continue
            if parent in on_path or not self._roots[parent]:
                continue
            if not self._parents[parent]:
                found.append((*path, parent))
                continue
            path.append(parent)
            on_path.add(parent)
            stack.append(iter(self._parents[parent]))
        return found

    def _subgraph(self, nodes: list[str], *, up: bool) -> nx.DiGraph:
        graph = nx.DiGraph()
        members = set(nodes)
        for iri in nodes:
            graph.add_node(iri, **self.node(iri).as_json())
        for iri in nodes:
            for parent in self._parents[iri]:
                if parent in members and (up or iri != nodes[0]):
                    graph.add_edge(iri, parent, inferred=self.link_inferred(iri, parent),
                                   relation=self.relation(iri, parent))
        return graph

    def _make_node(self, iri: str) -> Node:
        data = self._view.nodes[iri]
        symbol = data.get("symbol")
        if data["kind"] != "document":
            document = self._document_of(iri)
            symbol = self._view.nodes[document].get("symbol") if document else None
        return Node(iri, data["kind"], symbol, data.get("locator"), data.get("label"), data.get("date"), False)

    def _document_of(self, iri: str) -> str | None:
        """The document a part or task belongs to (following part_of), remembered for its siblings."""
        climbed: list[str] = []
        current: str | None = iri
        while current is not None and current not in self._documents:
            climbed.append(current)
            parent = next((p for p, keys in self._view.succ[current].items() if "part_of" in keys), None)
            if parent is not None and self._view.nodes[parent]["kind"] == "document":
                self._documents[current] = parent
                break
            current = None if parent in climbed else parent
        found = self._documents.get(current) if current is not None else None
        for step in climbed:
            self._documents.setdefault(step, found)
        return self._documents[iri]


def with_inferred(node: Node, inferred: bool) -> Node:
    """``node`` with its ``inferred`` flag set for one answer."""
    return node if node.inferred == inferred else replace(node, inferred=inferred)


def _walk(start: str, step: dict[str, tuple[str, ...]], depth: int | None = None) -> list[str]:
    """Breadth-first from ``start`` along ``step``, each node once, ``start`` first."""
    order = [start]
    seen = {start}
    frontier = [start]
    level = 0
    while frontier and (depth is None or level < depth):
        nxt: list[str] = []
        for current in frontier:
            for other in step[current]:
                if other not in seen:
                    seen.add(other)
                    nxt.append(other)
        order += nxt
        frontier = nxt
        level += 1
    return order


def _roots(
    parents: dict[str, tuple[str, ...]], children: dict[str, tuple[str, ...]]
) -> tuple[dict[str, frozenset[str]], list[tuple[str, ...]]]:
    """Each node's roots, parents before children; and one cycle per group of nodes that loop.

    Kahn's order settles every node whose ancestry is a DAG in one pass over the links.
    What it cannot settle lies on or below a cycle (bad data, so few nodes): there the
    strongly connected groups are condensed and settled in their own order.
    """
    roots: dict[str, frozenset[str]] = {}
    waiting = {n: len(p) for n, p in parents.items()}
    ready = [n for n, count in waiting.items() if count == 0]
    for iri in ready:
        roots[iri] = frozenset((iri,))
    while ready:
        iri = ready.pop()
        for child in children[iri]:
            waiting[child] -= 1
            if waiting[child] == 0:
                roots[child] = _union(roots[p] for p in parents[child])
                ready.append(child)
    if len(roots) == len(parents):
        return roots, []
    return _settle_cycles(parents, roots)


def _settle_cycles(
    parents: dict[str, tuple[str, ...]], roots: dict[str, frozenset[str]]
) -> tuple[dict[str, frozenset[str]], list[tuple[str, ...]]]:
    """Roots of the nodes on or below a cycle, and one cycle per looping group."""
    rest = nx.DiGraph()
    for iri, above in parents.items():
        if iri not in roots:
            rest.add_node(iri)
            rest.add_edges_from((iri, p) for p in above if p not in roots)
    condensed = nx.condensation(rest)
    cycles: list[tuple[str, ...]] = []
    for group in reversed(list(nx.topological_sort(condensed))):
        members = condensed.nodes[group]["members"]
        outside = [roots[p] for m in members for p in parents[m] if p not in members]
        own = _union(outside) if outside else frozenset()
        for iri in members:
            roots[iri] = own
        start = min(members)
        if len(members) > 1 or start in parents[start]:
            loop = nx.find_cycle(rest.subgraph(members), source=start)
            cycles.append(tuple(source for source, _ in loop))
    return roots, sorted(cycles)


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    """The union, reusing an input set when it already holds everything (so nodes share their roots)."""
    items = list(sets)
    if len(items) == 1:
        return items[0]
    biggest = max(items, key=len)
    if all(s <= biggest for s in items):
        return biggest
    return frozenset().union(*items)
