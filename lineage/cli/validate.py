"""``lineage validate``: check the graph against the SHACL shapes of ``shapes/``.

Exit codes as pySHACL: 0 the graph conforms (no Violation), 1 it does not,
2 bad input (a Turtle error in the data or the shapes, a malformed shape).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lineage.cli.context import Session, add_data_option, add_format_option, say
from lineage.errors import EXIT_NONCONFORMING, EXIT_OK, InputError
from lineage.store import load
from lineage.validate import ENGINES, Severity, validate
from lineage.validate.render import FORMATS, render, summary


def register(commands: argparse._SubParsersAction) -> None:
    """Add the validate command."""
    parser = commands.add_parser(
        "validate",
        help="check the graph against the SHACL shapes / kiểm tra đồ thị theo các ràng buộc SHACL",
        description="Validate the graph and report each result with its source passage and the fix / "
        "kiểm tra đồ thị, nêu từng kết quả kèm đoạn văn nguồn và cách sửa. "
        "Exit / mã thoát: 0 conforms / hợp lệ, 1 does not / không hợp lệ, 2 error / lỗi.",
    )
    add_data_option(parser)
    parser.add_argument("--shapes", type=Path, metavar="DIR", help="shapes folder (default: the project's shapes/)")
    add_format_option(parser, FORMATS, "human")
    parser.add_argument(
        "--severity", type=_severity, default=Severity.INFO, metavar="LEVEL",
        help="show results of this severity or worse: Violation, Warning or Info (default: Info) / "
        "chỉ hiện kết quả từ mức này trở lên",
    )
    parser.add_argument(
        "--engine", choices=ENGINES, default="fast",
        help="fast: the shapes compiled to SPARQL on Oxigraph (default); pyshacl: the reference implementation, "
        "same results, minutes at national size / fast: biên dịch sang SPARQL trên Oxigraph (mặc định); "
        "pyshacl: bản tham chiếu, cùng kết quả, chậm hơn nhiều",
    )
    parser.add_argument(
        "--check-shapes", action="store_true",
        help="check the shapes against SHACL-SHACL first / kiểm tra chính các ràng buộc theo SHACL-SHACL trước",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate, print the report on stdout; exit 1 when there is a Violation."""
    config = Session(args).config
    # an in-memory store answers faster than the on-disk one `lineage build` keeps,
    # and only an in-memory store can be shared with the fast engine's worker processes
    graph = load(config, prefer_disk=False)
    report = validate(graph, args.shapes or config.shapes_dir, engine=args.engine,
                      check_shapes_first=args.check_shapes)
    report = report.at_least(args.severity)
    sys.stdout.write(render(report, args.format))
    if args.format != "human":
        say(f"validation / kiểm tra: {summary(report)}")
    return EXIT_OK if report.conforms else EXIT_NONCONFORMING


def _severity(text: str) -> Severity:
    try:
        return Severity.parse(text)
    except InputError:
        raise argparse.ArgumentTypeError(f"'{text}' is not Violation, Warning or Info / không phải mức hợp lệ") from None
