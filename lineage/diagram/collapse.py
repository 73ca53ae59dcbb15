"""Collapse long lists of leaf tasks and parts under one parent into a single count box.

A child is collapsed when it has no children of its own in the diagram, only
one parent, and is not the subject of the diagram; a parent's collapsible
children are replaced by one count node only when there are more than the limit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

COLLAPSE_OVER = 8
"""A parent keeps up to this many leaf tasks or parts as boxes; more become one count box."""


@dataclass(frozen=True)
class Collapsed:
    """A count node: the parent it hangs under and the nodes it stands for, by kind."""

    id: str
    parent: str
    members: tuple[str, ...]
    kinds: tuple[tuple[str, int], ...]
    inferred: bool


def count_id(parent: str) -> str:
    """The node id of the count box under ``parent``."""
    return f"{parent}#count"


def collapse(chain: nx.DiGraph, focus: str | None, kinds: dict[str, str], limit: int = COLLAPSE_OVER) -> list[Collapsed]:
    """Replace, in ``chain`` (edges child → parent), each long list of leaf children by a count node."""
    groups: dict[str, list[str]] = {}
    for node in chain.nodes:
        if node == focus or kinds.get(node) not in ("task", "part"):
            continue
        if chain.in_degree(node) == 0 and chain.out_degree(node) == 1:
            parent = next(iter(chain.successors(node)))
            groups.setdefault(parent, []).append(node)
    collapsed = []
    for parent, members in sorted(groups.items()):
        if len(members) <= limit:
            continue
        members.sort()
        inferred = all(chain.edges[m, parent].get("inferred", False) for m in members)
        node = count_id(parent)
        chain.remove_nodes_from(members)
        chain.add_node(node)
        chain.add_edge(node, parent, inferred=inferred, relation="part_of")
        counts = Counter(kinds[m] for m in members)
        collapsed.append(Collapsed(node, parent, tuple(members), tuple(sorted(counts.items(), reverse=True)), inferred))
    return collapsed
