"""``lineage documents`` and ``lineage tasks``: one record per document or task."""

from __future__ import annotations

import argparse
import sys

from lineage.cli.context import Session, add_data_option, add_format_option
from lineage.output import render
from lineage.records import DOCUMENT_KEYS, TASK_KEYS, document_records, task_records

TABLE_DOCUMENT_COLUMNS = ("symbol", "type", "issuer", "date", "level", "title")
TABLE_TASK_COLUMNS = ("document_symbol", "locator", "text", "lead", "timing_text", "timing_kind")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the two listing commands."""
    documents = commands.add_parser("documents", help="list every document / liệt kê văn bản")
    add_data_option(documents)
    add_format_option(documents, ("table", "json", "csv"), "table")
    documents.set_defaults(run=run_documents)

    tasks = commands.add_parser("tasks", help="list tasks / liệt kê nhiệm vụ")
    add_data_option(tasks)
    tasks.add_argument("--document", metavar="REF", help="only the tasks of this document")
    add_format_option(tasks, ("table", "json", "csv"), "table")
    tasks.set_defaults(run=run_tasks)


def run_documents(args: argparse.Namespace) -> int:
    """Print the document records."""
    records = document_records(Session(args).graph)
    columns = TABLE_DOCUMENT_COLUMNS if args.format == "table" else DOCUMENT_KEYS
    sys.stdout.write(render(records, args.format, columns))
    return 0


def run_tasks(args: argparse.Namespace) -> int:
    """Print the task records, of one document when ``--document`` is given."""
    session = Session(args)
    document = session.resolve(args.document) if args.document else None
    records = task_records(session.graph, document)
    columns = TABLE_TASK_COLUMNS if args.format == "table" else TASK_KEYS
    sys.stdout.write(render(records, args.format, columns))
    return 0
