"""``lineage publish``: replace the project's named graphs in a triple store and check every count."""

from __future__ import annotations

import argparse
import os

from lineage.cli.context import Session, add_data_option, say
from lineage.publish.run import DEFAULT_BATCH, check_counts, publish
from lineage.publish.target import Target, authorization

AUTH_VARIABLE = "LINEAGE_PUBLISH_AUTH"


def register(commands: argparse._SubParsersAction) -> None:
    """Add the publish command."""
    command = commands.add_parser(
        "publish",
        help="push the graph to a triple store / đẩy đồ thị lên kho bộ ba",
        description="Replace each of the project's named graphs in a store through the SPARQL 1.1 Graph Store "
        "Protocol (--graph-store) or SPARQL Update, in batches, then compare every graph's triple count with "
        "the local one. Graphs the project does not hold are left alone. / Thay từng đồ thị có tên của dự án "
        "trong kho, theo lô, rồi đối chiếu số bộ ba.",
    )
    add_data_option(command)
    command.add_argument("--endpoint", required=True, metavar="URL", help="the store's SPARQL query URL")
    command.add_argument("--update", metavar="URL", help="the SPARQL Update URL (default: --endpoint)")
    command.add_argument(
        "--graph-store", metavar="URL", help="the Graph Store Protocol URL; when given, graphs are PUT there"
    )
    command.add_argument(
        "--auth", metavar="CREDENTIALS",
        help=f"USER:PASSWORD or 'Bearer TOKEN' (default: ${AUTH_VARIABLE}, which keeps it out of the process list)",
    )
    command.add_argument(
        "--batch-size", type=_positive, default=DEFAULT_BATCH, metavar="N",
        help=f"triples per request (default: {DEFAULT_BATCH})",
    )
    command.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS", help="per request (default: 300)")
    command.add_argument(
        "--prune", action="store_true", help="also drop the project's graphs the store holds but the data no longer has"
    )
    command.add_argument("--dry-run", action="store_true", help="show what would be sent; send nothing")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Publish, print a line per graph; exit 2 when a count differs or the store refuses."""
    target = Target(
        query_url=args.endpoint,
        update_url=args.update or args.endpoint,
        graph_store_url=args.graph_store,
        authorization=authorization(args.auth or os.environ.get(AUTH_VARIABLE)),
        timeout=args.timeout,
    )
    graph = Session(args).graph
    destination = target.graph_store_url if target.graph_store_url else target.update_url
    say(f"publish / xuất bản → {destination} ({target.method})" + (" — dry run / chạy thử" if args.dry_run else ""))
    report = publish(
        graph, target, batch_size=args.batch_size, prune=args.prune, dry_run=args.dry_run, progress=say
    )
    for line in report.lines():
        say(line)
    check_counts(report)
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return value
