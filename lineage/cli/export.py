"""``lineage export``: the whole graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lineage.cli.context import Session, add_data_option, say
from lineage.export import FORMATS, serialize, write


def register(commands: argparse._SubParsersAction) -> None:
    """Add the export command."""
    export = commands.add_parser("export", help="serialise the graph / xuất đồ thị")
    add_data_option(export)
    export.add_argument("--format", choices=tuple(FORMATS), default="ttl", help="serialisation (default: ttl)")
    export.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    export.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Serialise to stdout or, atomically, to ``--out``."""
    graph = Session(args).graph
    if args.out:
        write(graph, args.format, args.out)
        say(f"wrote {args.out}")
    else:
        sys.stdout.buffer.write(serialize(graph, args.format))
    return 0
