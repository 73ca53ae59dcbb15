"""The inline lineage diagram of each page, linked to the pages of its boxes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

import networkx as nx
from markupsafe import Markup

from lineage.closure import Closure
from lineage.diagram import build_diagram, layout, render_svg
from lineage.site.collect import SiteData

Url = Callable[[str], "str | None"]
"""The link from the current page to the page of an IRI (None when it has no page)."""



MAX_BOXES = 300
"""Documents and parts a diagram down from a node draws at most: past that, it stops a level higher."""


def page_diagram(data: SiteData, focus: str, direction: str, url: Url) -> Markup:
    """The SVG of ``focus`` (up, down or both) to inline in a page; count boxes open the parent's list.

    Tasks under one parent are drawn as one count box; when even so the chain
    down holds more than :data:`MAX_BOXES` documents and parts (a directive
    carried out across a whole country), it is drawn only as deep as fits.
    """
    chain = chain_of(data.closure, focus, direction, _depth_that_fits(data, focus) if direction != "up" else None)
    diagram = build_diagram(
        chain, focus, data.facts, direction=direction, href=url, list_href=lambda parent: _list(url, parent),
    )
    return Markup(render_svg(layout(diagram), uid=_uid(focus, direction), standalone=False))


def tasks_diagram(data: SiteData, tasks: Iterable[str], caption: str, url: Url) -> Markup | None:
    """Every chain up from ``tasks`` (a body's), each parent's tasks drawn as one count box opening ``#tasks``."""
    chain = nx.DiGraph()
    starts = [task for task in tasks if task in data.closure]
    if not starts:
        return None
    closure = data.closure
    above: set[str] = set()
    for task in starts:
        _add_links(chain, closure, [task], up=True, every_parent=True)
        above.update(closure.parents(task))
    for parent in sorted(above):  # tasks share the chains above them: walk each once
        up = chain_of(closure, parent, "up")
        chain.add_nodes_from(up.nodes)
        chain.add_edges_from(up.edges(data=True))
    diagram = build_diagram(
        chain, None, data.facts, direction="up", collapse_over=0, href=url,
        list_href=lambda parent: "#tasks", anchors=starts,
    )
    return Markup(render_svg(layout(diagram), uid=_uid(caption, *starts[:1]), standalone=False,
                                 caption=caption))


def chain_of(closure: Closure, iri: str, direction: str, depth: int | None = None) -> nx.DiGraph:
    """What :func:`lineage.diagram.chain_for` gives with a view, without the node attributes the site's facts replace.

    The chain up holds ``iri`` and everything above it, the chain down everything
    below it (``depth`` links at most; but a link from ``iri`` back into it,
    which only a cycle of bad data makes); each edge child → parent carries
    ``inferred`` and ``relation``.
    """
    chain = nx.DiGraph()
    chain.add_node(iri)
    if direction in ("up", "both"):
        _add_links(chain, closure, _reach(iri, closure.parents), up=True)
    if direction in ("down", "both"):
        _add_links(chain, closure, _reach(iri, closure.children, depth), up=False)
    return chain


def _depth_that_fits(data: SiteData, iri: str) -> int | None:
    """How deep the chain down from ``iri`` is drawn: all of it (None) when it holds few enough documents and parts."""
    if iri not in data.closure:
        return None
    for depth in (None, 3, 2):
        below = data.closure.descendants(iri, depth)
        if sum(1 for node in below if node not in data.tasks) <= MAX_BOXES:
            return depth
    return 1


def _reach(iri: str, step: Callable[[str], list[str]], depth: int | None = None) -> list[str]:
    """``iri`` and every node reached from it by at most ``depth`` steps (no limit: None), breadth first."""
    order, seen, level = [iri], {iri}, {iri: 0}
    for current in order:
        if depth is not None and level[current] >= depth:
            continue
        for nxt in step(current):
            if nxt not in seen:
                seen.add(nxt)
                level[nxt] = level[current] + 1
                order.append(nxt)
    return order


def _add_links(chain: nx.DiGraph, closure: Closure, nodes: list[str], *, up: bool, every_parent: bool = False) -> None:
    """``nodes`` and their links to their parents among them (or to every parent)."""
    members = set(nodes)
    chain.add_nodes_from(nodes)
    for node in nodes:
        for parent in closure.parents(node):
            if (every_parent or parent in members) and (up or node != nodes[0]):
                chain.add_edge(node, parent, inferred=closure.link_inferred(node, parent),
                               relation=closure.relation(node, parent))


def _list(url: Url, parent: str) -> str | None:
    page = url(parent)
    return f"{page}#contents" if page is not None else None


def _uid(*parts: str) -> str:
    """Ids for the SVG's markers that stay the same from one render to the next (pages are rewritten only on change)."""
    return "d" + hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=5).hexdigest()
