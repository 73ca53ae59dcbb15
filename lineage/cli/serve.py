"""``lineage serve``: a read-only SPARQL endpoint over the built store, with the named queries and the site."""

from __future__ import annotations

import argparse
import signal
from pathlib import Path
from types import FrameType

from lineage.cli.context import Session, add_data_option, say
from lineage.errors import LineageError
from lineage.serve import settings as defaults
from lineage.serve.app import open_endpoint
from lineage.serve.settings import ServeSettings, is_loopback, parse_size
from lineage.serve.storedir import served_store

SITE_DIR = "site"


def register(commands: argparse._SubParsersAction) -> None:
    """Add the serve command."""
    serve = commands.add_parser(
        "serve",
        help="read-only SPARQL endpoint, named queries and site / điểm truy vấn SPARQL chỉ đọc",
        description="Serve the built store over the SPARQL 1.1 Protocol at /sparql, the query library at "
        "/api/NAME and the site at / . Read-only; loopback only unless --host says otherwise. / "
        "Phục vụ kho đã dựng qua giao thức SPARQL 1.1.",
    )
    add_data_option(serve)
    serve.add_argument("--host", default=defaults.DEFAULT_HOST, help="address to listen on (default: 127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=defaults.DEFAULT_PORT, help="port (default: 7878; 0 picks a free one)"
    )
    serve.add_argument("--store", type=Path, metavar="DIR", help="Oxigraph store folder (default: the build's store)")
    serve.add_argument("--site", type=Path, metavar="DIR", help="static site folder (default: build/site when built)")
    serve.add_argument(
        "--timeout", type=float, default=defaults.DEFAULT_TIMEOUT, metavar="SECONDS",
        help=f"stop a query after this long (default: {defaults.DEFAULT_TIMEOUT:g})",
    )
    serve.add_argument(
        "--max-result-size", type=_size, default=defaults.DEFAULT_MAX_RESULT, metavar="SIZE",
        help="refuse results larger than this, e.g. 50MB, 512k (default: 50MB)",
    )
    serve.add_argument(
        "--workers", type=int, default=defaults.DEFAULT_WORKERS, metavar="N",
        help=f"queries run at once (default: {defaults.DEFAULT_WORKERS})",
    )
    serve.add_argument(
        "--cors", action="append", default=[], metavar="ORIGIN",
        help="allow browser pages from ORIGIN (repeatable; * for any); default: none",
    )
    serve.add_argument("--allow-service", action="store_true", help="allow federated SERVICE calls to other hosts")
    serve.add_argument("--quiet", action="store_true", help="do not log each request")
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    session = Session(args)
    config = session.config
    site = args.site or (config.build_dir / SITE_DIR)
    settings = ServeSettings(
        store=served_store(config, args.store),
        host=args.host,
        port=args.port,
        site=site if site.is_dir() else None,
        timeout=args.timeout,
        max_result_bytes=args.max_result_size,
        workers=args.workers,
        cors=tuple(args.cors),
        allow_service=args.allow_service,
        log_requests=not args.quiet,
    )
    endpoint = open_endpoint(settings, config)
    try:
        url = endpoint.bind()
    except OSError as err:
        raise LineageError(f"cannot listen on {args.host}:{args.port}: {err}\n  fix: pick another --port") from None
    say(f"SPARQL endpoint / điểm truy vấn: {url}/sparql")
    say(f"named queries / truy vấn có tên: {url}/api")
    say(f"traces / truy nguồn: {url}/trace?ref=REF")
    if settings.site:
        say(f"site / trang tra cứu: {url}/")
    if not is_loopback(args.host):
        say(f"note / lưu ý: listening on {args.host}, reachable from other machines / có thể truy cập từ máy khác")
    signal.signal(signal.SIGTERM, _stop)
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        say("stopped / đã dừng")
    finally:
        endpoint.stop()
    return 0


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
