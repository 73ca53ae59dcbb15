"""``lineage trace REF`` and ``lineage impact REF``: the chain above a node, the tree below it."""

from __future__ import annotations

import argparse
import json
import sys

from lineage.cli.context import Session, add_data_option, add_format_option, say
from lineage.closure import Closure
from lineage.errors import LineageError
from lineage.trace import format_impact, format_trace, impact, trace


def register(commands: argparse._SubParsersAction) -> None:
    """Add the trace and impact commands."""
    up = commands.add_parser(
        "trace", help="every path from a task or document to its root directives / truy nguồn đến văn bản gốc"
    )
    _common(up)
    up.set_defaults(run=run_trace)

    down = commands.add_parser(
        "impact", help="everything under a directive, as a tree / mọi nội dung triển khai một văn bản"
    )
    _common(down)
    down.add_argument("--depth", type=_depth, metavar="N", help="at most N links down / tối đa N cấp")
    down.set_defaults(run=run_impact)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ref", metavar="REF", help="IRI, CURIE, symbol (57-NQ/TW) or SYMBOL#LOCATOR")
    parser.add_argument(
        "--inferred", action="store_true",
        help="follow inferred links too, marked as such / đi theo cả liên kết suy luận",
    )
    add_data_option(parser)
    add_format_option(parser, ("text", "json"), "text")


def _depth(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number ≥ 1 / phải là số nguyên ≥ 1")
    return int(text)


def _closure(session: Session, iri: str, inferred: bool) -> Closure:
    if iri not in session.view:
        raise LineageError(f"{iri} is not a document, part or task / không phải văn bản, phần hoặc nhiệm vụ\n"
                           "  fix: give a REF such as 57-NQ/TW or 46-KH/TU#PL01/B/12")
    return Closure.from_view(session.view, inferred=inferred)


def _warn_cycles(cycles: list[list[str]], closure: Closure) -> None:
    for cycle in cycles:
        say("lineage: warning: a cycle of chain links / vòng lặp liên kết: "
            + " → ".join(closure.node(iri).display() for iri in [*cycle, cycle[0]]))


def run_trace(args: argparse.Namespace) -> int:
    """Print every path from REF to its roots."""
    session = Session(args)
    iri = session.resolve(args.ref)
    closure = _closure(session, iri, args.inferred)
    answer = trace(closure, iri)
    if args.format == "json":
        sys.stdout.write(json.dumps(answer.as_json(), ensure_ascii=False, indent=2) + "\n")
        _warn_cycles(answer.cycles, closure)
    else:
        sys.stdout.write(format_trace(answer, closure))
    return 0


def run_impact(args: argparse.Namespace) -> int:
    """Print the tree below REF."""
    session = Session(args)
    iri = session.resolve(args.ref)
    closure = _closure(session, iri, args.inferred)
    answer = impact(closure, iri, args.depth)
    if args.format == "json":
        sys.stdout.write(json.dumps(answer.as_json(), ensure_ascii=False, indent=2) + "\n")
        _warn_cycles(answer.cycles, closure)
    else:
        sys.stdout.write(format_impact(answer, closure))
    return 0
