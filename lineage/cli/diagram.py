"""``lineage diagram REF``: the lineage of a task or document as SVG, Mermaid or DOT."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lineage.atomic import write_text
from lineage.cli.context import Session, add_data_option, add_format_option, say
from lineage.closure import Closure
from lineage.diagram import DIRECTIONS, FORMATS, build_diagram, chain_for, fact_book, render
from lineage.diagram.collapse import COLLAPSE_OVER
from lineage.errors import InputError


def register(commands: argparse._SubParsersAction) -> None:
    """Add the diagram command."""
    diagram = commands.add_parser(
        "diagram", help="lineage diagram of a task or document / sơ đồ chuỗi thực hiện của nhiệm vụ, văn bản",
        description="Up: REF and every chain to its roots; down: everything under REF; both: the two. "
        "Roots stand on top; inferred links are dashed. / Lên: REF và mọi chuỗi tới văn bản gốc; "
        "xuống: mọi thứ thực hiện REF; both: cả hai. Văn bản gốc ở trên cùng; liên kết suy luận nét đứt.",
    )
    diagram.add_argument("ref", metavar="REF", help="IRI, CURIE, symbol (57-NQ/TW) or SYMBOL#LOCATOR")
    diagram.add_argument("--direction", choices=DIRECTIONS, default="up", help="up, down or both (default: up)")
    add_format_option(diagram, FORMATS, "svg")
    diagram.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    diagram.add_argument("--inferred", action="store_true", help="include inferred links (drawn dashed)")
    diagram.add_argument("--depth", type=int, metavar="N", help="down: at most N links below REF")
    diagram.add_argument(
        "--collapse", type=int, default=COLLAPSE_OVER, metavar="N",
        help=f"more than N leaf tasks or parts under one parent become a count box (default: {COLLAPSE_OVER})",
    )
    add_data_option(diagram)
    diagram.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Draw the diagram of REF."""
    for option in ("depth", "collapse"):
        value = getattr(args, option)
        if value is not None and value < 0:
            raise InputError(f"--{option}", None, f"must not be negative, got {value}", f"give --{option} 0 or more")
    session = Session(args)
    iri = session.resolve(args.ref)
    closure = Closure.from_view(session.view, inferred=args.inferred)
    chain = chain_for(closure, iri, args.direction, args.depth, view=session.view)
    diagram = build_diagram(
        chain, iri, fact_book(session.graph, session.view), direction=args.direction, collapse_over=args.collapse,
    )
    text = render(diagram, args.format)
    if args.out:
        write_text(args.out, text)
        say(f"diagram / sơ đồ: {args.out} ({len(diagram.boxes)} boxes, {len(diagram.links)} links)")
    else:
        sys.stdout.write(text)
    return 0
