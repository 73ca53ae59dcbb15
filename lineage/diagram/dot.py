"""Graphviz DOT text of a diagram (``rankdir=BT``: roots on top); no Graphviz is needed to write it.

>>> quote('say "hi" \\\\ <script>')
'"say \\\\"hi\\\\" \\\\\\\\ <script>"'
"""

from __future__ import annotations

from lineage.diagram.model import Diagram
from lineage.diagram.svg import ARROWS, COLOURS, FOCUS_FILL, FONT_FAMILY
from lineage.diagram.wrap import wrap

LINE_CHARS = 36


def quote(text: str) -> str:
    """A DOT double-quoted string; newlines become ``\\n`` line breaks."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render_dot(diagram: Diagram) -> str:
    """``digraph lineage``: boxes filled by kind, inferred links dashed and labelled."""
    fonts = FONT_FAMILY.replace("'", "")
    out = [
        "digraph lineage {",
        "  rankdir=BT;",
        f"  node [shape=box, style=\"rounded,filled\", fontname={quote(fonts)}, fontsize=11];",
        f"  edge [color={quote(ARROWS['stated'])}, fontname={quote(fonts)}, fontsize=9];",
    ]
    for box in diagram.boxes:
        fill, stroke = COLOURS.get(box.kind, COLOURS["document"])
        lines = [part for line in (box.heading, *box.lines) for part in wrap(line, LINE_CHARS, max_lines=3)]
        attrs = [f"label={quote(chr(10).join(lines))}", f"fillcolor={quote(FOCUS_FILL if box.focus else fill)}",
                 f"color={quote(stroke)}"]
        styles = ["rounded", "filled"] + (["dashed"] if box.inferred or box.kind == "count" else [])
        if box.focus:
            attrs.append("penwidth=2.5")
        attrs.append(f"style={quote(','.join(styles))}")
        if box.href:
            attrs.append(f"URL={quote(box.href)}")
        out.append(f"  {quote(box.id)} [{', '.join(attrs)}];")
    for link in diagram.links:
        extra = f" [style=dashed, color={quote(ARROWS['inferred'])}, label={quote('suy luận / inferred')}]" if link.inferred else ""
        out.append(f"  {quote(link.child)} -> {quote(link.parent)}{extra};")
    out.append("}")
    return "\n".join(out) + "\n"
