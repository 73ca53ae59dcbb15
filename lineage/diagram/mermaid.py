"""Mermaid flowchart text of a diagram (renders on GitHub and in Markdown); roots on top.

Labels are entity-escaped, so quotes and angle brackets in the data stay text:

>>> escape('<script>"x"</script> #1')
'#lt;script#gt;#quot;x#quot;#lt;/script#gt; #35;1'
"""

from __future__ import annotations

from lineage.diagram.model import Diagram
from lineage.diagram.svg import COLOURS, FOCUS_FILL
from lineage.diagram.wrap import wrap

LINE_CHARS = 36
_ENTITIES = {"#": "#35;", "&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;"}


def escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def render_mermaid(diagram: Diagram) -> str:
    """``flowchart BT``: links point from child up to parent; inferred links are dotted and labelled."""
    ids = {box.id: f"n{i}" for i, box in enumerate(diagram.boxes)}
    out = ["flowchart BT"]
    for kind, (fill, stroke) in COLOURS.items():
        out.append(f"  classDef {kind} fill:{fill},stroke:{stroke},color:#1a1a1a")
    out.append(f"  classDef focus fill:{FOCUS_FILL},stroke-width:3px")
    out.append("  classDef inferred stroke-dasharray:5 3")
    for box in diagram.boxes:
        lines = [part for line in (box.heading, *box.lines) for part in wrap(line, LINE_CHARS, max_lines=3)]
        out.append(f'  {ids[box.id]}["{"<br/>".join(escape(line) for line in lines)}"]')
    for link in diagram.links:
        arrow = "-.->|suy luận / inferred|" if link.inferred else "-->"
        out.append(f"  {ids[link.child]} {arrow} {ids[link.parent]}")
    for box in diagram.boxes:
        classes = [box.kind] + (["focus"] if box.focus else []) + (["inferred"] if box.inferred else [])
        out.append(f"  class {ids[box.id]} {','.join(classes)}")
        if box.href:
            out.append(f'  click {ids[box.id]} href "{escape(box.href)}"')
    return "\n".join(out) + "\n"
