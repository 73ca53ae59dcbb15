"""``lineage query NAME|FILE [--param k=v …]`` and ``lineage query --list``: the SPARQL library."""

from __future__ import annotations

import argparse
import sys

from lineage.cli.context import Session, add_data_option, add_format_option, say
from lineage.errors import EXIT_ERROR, InputError, LineageError
from lineage.output import FORMATS, render
from lineage.queries import Catalogue, Query, Resolver, bind, run
from lineage.queries.run import Answer

LIST_COLUMNS = ("name", "kind", "params", "summary")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the query command."""
    query = commands.add_parser(
        "query", help="run a query of the library / chạy một truy vấn trong thư viện",
        description="Run a SPARQL query of queries/ by name, or a .rq file. "
        "Chạy một truy vấn SPARQL của thư mục queries/ theo tên, hoặc một tệp .rq.",
    )
    query.add_argument("name", metavar="NAME|FILE", nargs="?", help="query name (trace, impact, …) or a .rq file")
    query.add_argument("--param", "-p", action="append", default=[], type=_param, metavar="K=V",
                       help="a parameter value; repeat for each / giá trị tham số, lặp lại cho từng tham số")
    query.add_argument("--list", action="store_true", help="list the library with summaries / liệt kê thư viện")
    add_data_option(query)
    add_format_option(query, FORMATS, "table")
    query.set_defaults(run=run_query)


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not K=V / phải có dạng K=V (e.g. subject=57-NQ/TW)")
    return name.strip(), value


def run_query(args: argparse.Namespace) -> int:
    """Run one query, or list the library."""
    session = Session(args)
    catalogue = Catalogue(session.config.queries_dir)
    if args.list:
        return _list(catalogue, args.format)
    if not args.name:
        raise LineageError("give a query NAME or FILE, or --list / cần tên truy vấn, tệp .rq hoặc --list")
    query = catalogue.resolve(args.name)
    values = _values(query, args.param)
    resolver = Resolver(lambda: session.graph, lambda: session.refs)
    answer = run(session.graph, query, bind(query, values, resolver))
    _write(answer, args.format, session.config.base_iri)
    return 0


def _values(query: Query, pairs: list[tuple[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, value in pairs:
        if name in values:
            raise InputError(query.path, None, f"parameter '{name}' is given twice", "give each --param once")
        values[name] = value
    return values


def _write(answer: Answer, fmt: str, base: str) -> None:
    records = answer.records(compact=fmt == "table", base=base)
    sys.stdout.write(render(records, fmt, answer.columns))


def _list(catalogue: Catalogue, fmt: str) -> int:
    records = []
    failed = False
    for name in catalogue.names():
        try:
            query = catalogue.get(name)
        except InputError as error:
            say(f"lineage: {error}")
            failed = True
            continue
        header = query.header
        assert header is not None
        params = [p.name + ("" if p.required else "?") for p in header.params]
        records.append({
            "name": name, "kind": header.kind, "params": params, "summary": header.summary.both(),
            "summary_en": header.summary.en, "summary_vi": header.summary.vi, "tags": list(header.tags),
            "file": str(query.path),
        })
    columns = LIST_COLUMNS if fmt == "table" else None
    sys.stdout.write(render(records, fmt, columns))
    return EXIT_ERROR if failed else 0
