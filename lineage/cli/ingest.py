"""``lineage ingest FILE``: draft Turtle, with provenance, for one source document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lineage.cli.context import Session, add_data_option, say
from lineage.errors import EXIT_OK
from lineage.ingest.run import ingest, source_id_of


def register(commands: argparse._SubParsersAction) -> None:
    """Add the ingest command."""
    parser = commands.add_parser(
        "ingest", help="draft Turtle from a document's text / tạo bản nháp RDF từ văn bản",
        description="Read a UTF-8 text document: its heading, every document it cites, its appendix tables "
                    "(tasks and targets); write draft Turtle with the source passage of every fact. "
                    "Đọc văn bản, các văn bản được trích dẫn và các phụ lục; ghi bản nháp Turtle kèm đoạn nguồn.")
    parser.add_argument("file", type=Path, metavar="FILE", help="the document as UTF-8 text")
    parser.add_argument("--document", metavar="REF",
                        help="the document FILE is: its symbol (46-KH/TU), or a key when it has no number")
    parser.add_argument("--out", metavar="PATH",
                        help="where to write the Turtle ('-' for stdout; default: <source id>.ttl here)")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.add_argument("--bodies", type=Path, metavar="FILE",
                        help="body registry (default: the data folder's curation/bodies.tsv)")
    parser.add_argument("--source-id", metavar="ID",
                        help="id of the source (default: the file name up to its first '_')")
    add_data_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Draft, write (never over an existing file without --force) and summarise."""
    config = Session(args).config
    to_stdout = args.out == "-"
    out = None if to_stdout else Path(args.out or f"{args.source_id or source_id_of(args.file)}.ttl")
    result = ingest(config, args.file, document=args.document, out=out, force=args.force,
                    bodies_file=args.bodies, source_id=args.source_id)
    if to_stdout:
        sys.stdout.write(result.turtle)
    for line in result.summary():
        say(line)
    return EXIT_OK
