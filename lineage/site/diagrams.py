"""The inline lineage diagram of each page, linked to the pages of its boxes."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

import networkx as nx
from markupsafe import Markup

from lineage.diagram import build_diagram, chain_for, layout, render_svg
from lineage.site.collect import SiteData

Url = Callable[[str], "str | None"]
"""The link from the current page to the page of an IRI (None when it has no page)."""

_uids = itertools.count(1)


def page_diagram(data: SiteData, focus: str, direction: str, url: Url) -> Markup:
    """The SVG of ``focus`` (up, down or both) to inline in a page; count boxes open the parent's list."""
    chain = chain_for(data.closure, focus, direction, view=data.view)
    diagram = build_diagram(
        chain, focus, data.facts, direction=direction, href=url, list_href=lambda parent: _list(url, parent),
    )
    return Markup(render_svg(layout(diagram), uid=f"d{next(_uids)}", standalone=False))


def tasks_diagram(data: SiteData, tasks: Iterable[str], caption: str, url: Url) -> Markup | None:
    """Every chain up from ``tasks`` (a body's), each parent's tasks drawn as one count box opening ``#tasks``."""
    chain = nx.DiGraph()
    starts = [task for task in tasks if task in data.closure]
    if not starts:
        return None
    for task in starts:
        up = chain_for(data.closure, task, "up", view=data.view)
        chain.add_nodes_from(up.nodes(data=True))
        chain.add_edges_from(up.edges(data=True))
    diagram = build_diagram(
        chain, None, data.facts, direction="up", collapse_over=0, href=url,
        list_href=lambda parent: "#tasks", anchors=starts,
    )
    return Markup(render_svg(layout(diagram), uid=f"d{next(_uids)}", standalone=False, caption=caption))


def _list(url: Url, parent: str) -> str | None:
    page = url(parent)
    return f"{page}#contents" if page is not None else None
