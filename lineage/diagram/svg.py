"""SVG of a laid-out diagram, written through a jinja2 template (autoescaped: labels are text, never markup)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from lineage.diagram.layout import FONT_SIZE, HEADING_SIZE, LINE_HEIGHT, MARGIN, PADDING
from lineage.diagram.model import Layout, Placed, Route

FONT_FAMILY = "'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
"""A system font stack that covers Vietnamese; the site's CSS names the same one."""

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LEGEND_HEIGHT = 28.0
MIN_WIDTH = 360.0
COLOURS = {
    "document": ("#e8f0fe", "#3366cc"),
    "part": ("#f4f4f4", "#7a7a7a"),
    "task": ("#fff8e1", "#b07d00"),
    "count": ("#eeeeee", "#555555"),
}
FOCUS_FILL = "#fde2e2"
ARROWS = {"stated": "#4d4d4d", "inferred": "#c05600"}
RELATION_LABELS = {"implements": "thực hiện / implements", "part_of": "thuộc / part of"}

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=False, keep_trailing_newline=True,
)


@dataclass(frozen=True)
class _Line:
    text: str
    y: float
    heading: bool


def render_svg(layout: Layout, *, uid: str = "diagram", standalone: bool = True, caption: str = "") -> str:
    """The SVG document (``standalone``) or element (to inline in HTML) of ``layout``; ``uid`` keeps ids unique."""
    width = max(layout.width, MIN_WIDTH)
    height = layout.height + LEGEND_HEIGHT
    return _environment.get_template("diagram/diagram.svg.j2").render(
        standalone=standalone,
        uid=uid,
        layout=layout,
        caption=caption or _caption(layout),
        width=width,
        height=height,
        font_family=FONT_FAMILY,
        font_size=FONT_SIZE,
        heading_size=HEADING_SIZE,
        padding=PADDING,
        legend_y=layout.height + LEGEND_HEIGHT / 2 - MARGIN / 2,
        arrows=ARROWS,
        boxes=[_box(p) for p in layout.placed],
        links=[_link(r) for r in layout.routes],
    )


def path_data(points: tuple[tuple[float, float], ...]) -> str:
    """An SVG path through ``points``: straight when vertical, else a curve leaving and arriving vertically.

    >>> path_data(((0, 100), (0, 60), (40, 0)))
    'M0,100 L0,60 C0,30 40,30 40,0'
    """
    (x, y), rest = points[0], points[1:]
    parts = [f"M{_n(x)},{_n(y)}"]
    for nx_, ny in rest:
        if nx_ == x:
            parts.append(f"L{_n(nx_)},{_n(ny)}")
        else:
            middle = (y + ny) / 2
            parts.append(f"C{_n(x)},{_n(middle)} {_n(nx_)},{_n(middle)} {_n(nx_)},{_n(ny)}")
        x, y = nx_, ny
    return " ".join(parts)


def _n(value: float) -> str:
    return f"{value:g}"


def _box(placed: Placed) -> dict[str, object]:
    fill, stroke = COLOURS.get(placed.box.kind, COLOURS["document"])
    lines = [(text, True) for text in placed.heading_lines] + [(text, False) for text in placed.lines]
    return {
        "id": placed.box.id, "kind": placed.box.kind, "focus": placed.box.focus, "inferred": placed.box.inferred,
        "href": placed.box.href, "title": placed.box.title or placed.box.heading, "layer": placed.layer,
        "x": _n(placed.x), "y": _n(placed.y), "width": _n(placed.width), "height": _n(placed.height),
        "fill": FOCUS_FILL if placed.box.focus else fill, "stroke": stroke,
        "text": [_Line(text, PADDING + LINE_HEIGHT * (i + 1) - 4, heading) for i, (text, heading) in enumerate(lines)],
    }


def _link(route: Route) -> dict[str, object]:
    link = route.link
    label = RELATION_LABELS.get(link.relation, link.relation)
    return {
        "child": link.child, "parent": link.parent, "inferred": link.inferred, "d": path_data(route.points),
        "colour": ARROWS["inferred" if link.inferred else "stated"],
        "label": label + (" · suy luận / inferred" if link.inferred else ""),
    }


def _caption(layout: Layout) -> str:
    focus = layout.diagram.focus
    name = layout.diagram.box(focus).heading if focus is not None else ""
    return f"{name} — sơ đồ chuỗi / lineage diagram ({layout.diagram.direction})".strip(" —")
