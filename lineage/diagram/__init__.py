"""Lineage diagrams: a layered layout computed with networkx, written as SVG, Mermaid or DOT.

>>> # layout_ = layout(build_diagram(chain_for(closure, iri, "up"), iri, facts)); render_svg(layout_)
"""

from __future__ import annotations

from lineage.diagram.build import build_diagram, chain_for
from lineage.diagram.dot import render_dot
from lineage.diagram.facts import Facts, fact_book
from lineage.diagram.layout import layout
from lineage.diagram.mermaid import render_mermaid
from lineage.diagram.model import DIRECTIONS, Box, Diagram, Layout, Link
from lineage.diagram.svg import render_svg

FORMATS = ("svg", "mermaid", "dot")

__all__ = [
    "DIRECTIONS", "FORMATS", "Box", "Diagram", "Facts", "Layout", "Link", "build_diagram", "chain_for",
    "fact_book", "layout", "render", "render_dot", "render_mermaid", "render_svg",
]


def render(diagram: Diagram, fmt: str) -> str:
    """``diagram`` as ``svg``, ``mermaid`` or ``dot`` text."""
    if fmt == "svg":
        return render_svg(layout(diagram))
    if fmt == "mermaid":
        return render_mermaid(diagram)
    if fmt == "dot":
        return render_dot(diagram)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
