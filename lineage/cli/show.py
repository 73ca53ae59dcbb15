"""``lineage show REF``: everything known about one thing, with its source passages."""

from __future__ import annotations

import argparse
import json
import sys

from lineage.cli.context import Session, add_data_option, add_format_option
from lineage.describe import describe, format_text


def register(commands: argparse._SubParsersAction) -> None:
    """Add the show command."""
    show = commands.add_parser("show", help="everything known about one thing / mọi thông tin về một đối tượng")
    show.add_argument("ref", metavar="REF", help="IRI, CURIE, symbol (57-NQ/TW) or SYMBOL#LOCATOR")
    add_data_option(show)
    add_format_option(show, ("text", "json"), "text")
    show.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Describe the node REF stands for."""
    session = Session(args)
    description = describe(session.graph, session.resolve(args.ref))
    if args.format == "json":
        sys.stdout.write(json.dumps(description.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_text(description))
    return 0
