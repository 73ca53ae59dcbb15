"""What a lineage diagram is made of: boxes, the links between them, and their placement."""

from __future__ import annotations

from dataclasses import dataclass, field

DIRECTIONS = ("up", "down", "both")
"""up: a node and every chain to its roots; down: everything under it; both: the two together."""


@dataclass(frozen=True)
class Box:
    """One node as drawn: a document, part or task, or a count standing for a collapsed list."""

    id: str
    kind: str
    heading: str
    lines: tuple[str, ...] = ()
    inferred: bool = False
    focus: bool = False
    count: int = 0
    href: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Link:
    """A chain link from a child up to its parent (implements or part of)."""

    child: str
    parent: str
    inferred: bool = False
    relation: str = "implements"


@dataclass(frozen=True)
class Diagram:
    """Boxes and links of one diagram, before layout; roots are the boxes without parents."""

    focus: str | None
    direction: str
    boxes: tuple[Box, ...]
    links: tuple[Link, ...]

    def box(self, box_id: str) -> Box:
        """The box with ``box_id``."""
        return next(b for b in self.boxes if b.id == box_id)


@dataclass(frozen=True)
class Placed:
    """A box with its position (top-left corner), size and layer."""

    box: Box
    x: float
    y: float
    width: float
    height: float
    layer: int
    heading_lines: tuple[str, ...] = field(default=())
    lines: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Route:
    """A link drawn as points from the child's top edge to the parent's bottom edge."""

    link: Link
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Layout:
    """A diagram placed on the page: boxes, routed links, the overall size and the layers top-down."""

    diagram: Diagram
    placed: tuple[Placed, ...]
    routes: tuple[Route, ...]
    width: float
    height: float
    layers: tuple[tuple[str, ...], ...]
