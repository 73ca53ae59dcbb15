"""The HTTP endpoint: SPARQL Protocol at ``/sparql``, read-only Graph Store at ``/store``,
named queries at ``/api/NAME``, traces at ``/trace``, and the static site everywhere else.

A :class:`ThreadingHTTPServer` takes the requests; every query goes to the
:class:`~lineage.serve.pool.WorkerPool`, which enforces the time limit. Writes
of any kind are refused with 403.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
from collections.abc import Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

from lineage.config import Config
from lineage.namespaces import PREFIXES
from lineage.queries import Catalogue
from lineage.serve.federation import uses_service
from lineage.serve.jobs import Job, Reply, Term
from lineage.serve.named import Library
from lineage.serve.page import home_page
from lineage.serve.pool import WorkerPool
from lineage.serve.protocol import READ_ONLY, ProtocolError, format_hint, parse_params, parse_request
from lineage.serve.served import ServedGraph
from lineage.serve.settings import MAX_REQUEST_BYTES, ServeSettings
from lineage.serve.site import content_type, site_file
from lineage.serve.tracing import Tracer

SERVICE_REFUSED = (
    "federated queries (SERVICE) are off: the endpoint does not call other hosts unless started with "
    "--allow-service / truy vấn liên kết (SERVICE) bị tắt"
)
ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"


class NamedQueries(Protocol):
    """The query library as the endpoint sees it."""

    def listing(self) -> list[dict[str, Any]]:
        """Every query with its summary and parameters, as JSON-ready records."""
        ...

    def job(self, name: str, params: Mapping[str, list[str]]) -> tuple[str, dict[str, Term]]:
        """The SPARQL text of query ``name`` and its bound parameters; :class:`ProtocolError` when they are wrong."""
        ...


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    endpoint: Endpoint


class _Server6(_Server):
    address_family = socket.AF_INET6


class Endpoint:
    """The running endpoint: start it, read its :attr:`url`, stop it."""

    def __init__(
        self, settings: ServeSettings, queries: NamedQueries | None = None, tracer: Tracer | None = None
    ) -> None:
        self.settings = settings
        self.queries = queries
        self.tracer = tracer
        self.pool = WorkerPool(settings.store, dict(PREFIXES), settings.workers, settings.timeout)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:7878``."""
        assert self._server is not None, "the endpoint is not started"
        host, port = self._server.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}"

    def bind(self) -> str:
        """Start the workers and bind the socket (port 0 picks a free port); returns :attr:`url`."""
        self.pool.start()
        server_class = _Server6 if ":" in self.settings.host else _Server
        try:
            self._server = server_class((self.settings.host.strip("[]"), self.settings.port), _Handler)
        except OSError:
            self.pool.close()
            raise
        self._server.endpoint = self
        return self.url

    def start(self) -> str:
        """Bind and serve in a background thread; returns :attr:`url`."""
        url = self.bind()
        assert self._server is not None
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, name="lineage-serve", daemon=True
        )
        self._thread.start()
        return url

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted."""
        assert self._server is not None
        self._server.serve_forever()

    def stop(self) -> None:
        """Stop serving and end every worker."""
        if self._server is not None:
            if self._thread is not None:
                self._server.shutdown()
                self._thread.join()
            self._server.server_close()
        self.pool.close()

    def run(self, job: Job) -> Reply:
        """Answer one query job through the pool."""
        if not self.settings.allow_service and uses_service(job.query):
            return Reply.error(403, SERVICE_REFUSED)
        return self.pool.run(job)


def open_endpoint(settings: ServeSettings, config: Config) -> Endpoint:
    """The endpoint over ``settings.store`` with the query library of ``config`` and traces, warmed up."""
    served = ServedGraph.open(config, settings.store)
    tracer = Tracer(served)
    tracer.warm()
    return Endpoint(settings, Library(Catalogue(config.queries_dir), served), tracer)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "lineage-serve"
    server: _Server

    @property
    def endpoint(self) -> Endpoint:
        return self.server.endpoint

    def do_GET(self) -> None:  # noqa: N802 (the http.server naming)
        self._route("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._route("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._route("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._refuse_write()

    def do_DELETE(self) -> None:  # noqa: N802
        self._refuse_write()

    def do_PATCH(self) -> None:  # noqa: N802
        self._refuse_write()

    def do_OPTIONS(self) -> None:  # noqa: N802
        headers = {"Allow": ALLOWED_METHODS}
        if self.endpoint.settings.allows_origin(self.headers.get("Origin")):
            headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            headers["Access-Control-Allow-Headers"] = self.headers.get(
                "Access-Control-Request-Headers", "Content-Type, Accept"
            )
            headers["Access-Control-Max-Age"] = "600"
        self._send(Reply(HTTPStatus.NO_CONTENT, "text/plain", b""), headers)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the http.server signature)
        if self.endpoint.settings.log_requests:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def _route(self, method: str) -> None:
        path, _, query_string = self.path.partition("?")
        try:
            if path == "/sparql":
                reply = self._sparql(method, query_string)
            elif path == "/store":
                reply = self._store(method, query_string)
            elif path == "/trace" and method != "POST":
                reply = self._trace(query_string)
            elif method == "POST":
                reply = self._refused_post(path)
            elif path in ("/api", "/api/"):
                reply = self._catalogue()
            elif path.startswith("/api/"):
                reply = self._named(path.removeprefix("/api/"), query_string)
            else:
                reply = self._static(path)
        except ProtocolError as err:
            reply = Reply.error(err.status, err.message)
        self._send(reply, head=method == "HEAD")

    def _sparql(self, method: str, query_string: str) -> Reply:
        body = self._body() if method == "POST" else b""
        request = parse_request(method, query_string, self.headers.get("Content-Type"), body)
        if request is None:
            if "text/html" in (self.headers.get("Accept") or ""):
                return self._home()
            raise ProtocolError(400, "missing query parameter / thiếu tham số query: /sparql?query=…")
        return self.endpoint.run(self._job(request.query, request.format, request.default_graphs, request.named_graphs))

    def _store(self, method: str, query_string: str) -> Reply:
        if method == "POST":
            self._body()
            raise ProtocolError(403, READ_ONLY)
        params = parse_params(query_string)
        graphs = params.get("graph", [])
        if "default" in params and not graphs:
            return self.endpoint.run(self._job("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", format_hint(params)))
        if len(graphs) != 1 or "default" in params:
            raise ProtocolError(400, "name one graph: /store?graph=IRI or /store?default / hãy nêu một đồ thị")
        job = self._job(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?graph { ?s ?p ?o } }",
            format_hint(params),
            bindings={"graph": {"type": "uri", "value": graphs[0]}},
            require_graph=graphs[0],
        )
        return self.endpoint.run(job)

    def _trace(self, query_string: str) -> Reply:
        if self.endpoint.tracer is None:
            raise ProtocolError(404, "tracing is not loaded / chưa nạp chức năng truy nguồn")
        return self.endpoint.tracer.answer(parse_params(query_string))

    def _catalogue(self) -> Reply:
        listing = self.endpoint.queries.listing() if self.endpoint.queries else []
        body = json.dumps(listing, ensure_ascii=False, indent=2).encode("utf-8")
        return Reply(200, "application/json; charset=utf-8", body)

    def _named(self, name: str, query_string: str) -> Reply:
        if self.endpoint.queries is None:
            raise ProtocolError(404, "no query library is loaded / chưa nạp thư viện truy vấn")
        params = parse_params(query_string)
        fmt = format_hint(params)
        values = {k: v for k, v in params.items() if k not in ("format", "output")}
        text, bindings = self.endpoint.queries.job(name, values)
        return self.endpoint.run(self._job(text, fmt, bindings=bindings))

    def _static(self, path: str) -> Reply:
        site = self.endpoint.settings.site
        found = site_file(site, path) if site else None
        if found is not None:
            return Reply(200, content_type(found), found.read_bytes())
        if path in ("/", "/index.html"):
            return self._home()
        raise ProtocolError(404, f"not found / không tìm thấy: {path}")

    def _home(self) -> Reply:
        queries = self.endpoint.queries.listing() if self.endpoint.queries else []
        rows = [(str(q.get("name")), str(q.get("summary", ""))) for q in queries]
        page = home_page(rows, site=self.endpoint.settings.site is not None)
        return Reply(200, "text/html; charset=utf-8", page)

    def _refused_post(self, path: str) -> Reply:
        self._body()
        if path.startswith("/api"):
            raise ProtocolError(405, "named queries take GET: /api/NAME?param=… / truy vấn có tên dùng GET")
        raise ProtocolError(403, READ_ONLY)

    def _refuse_write(self) -> None:
        self.close_connection = True
        self._send(Reply.error(403, READ_ONLY))

    def _job(
        self,
        query: str,
        fmt: str | None,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
        bindings: dict[str, Term] | None = None,
        require_graph: str | None = None,
    ) -> Job:
        return Job(
            query=query,
            accept=self.headers.get("Accept"),
            format=fmt,
            bindings=bindings or {},
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            max_bytes=self.endpoint.settings.max_result_bytes,
            require_graph=require_graph,
        )

    def _body(self) -> bytes:
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            self.close_connection = True
            raise ProtocolError(411, "a POST needs Content-Length / yêu cầu POST cần Content-Length")
        try:
            length = int(length_header)
        except ValueError:
            self.close_connection = True
            raise ProtocolError(400, "Content-Length is not a number") from None
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True
            raise ProtocolError(413, f"the request is larger than {MAX_REQUEST_BYTES} bytes / yêu cầu quá lớn")
        return self.rfile.read(length)

    def _send(self, reply: Reply, extra: dict[str, str] | None = None, *, head: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if reply.status >= 400:
            self.send_header("Cache-Control", "no-store")
        allowed = self.endpoint.settings.allows_origin(self.headers.get("Origin"))
        if allowed:
            self.send_header("Access-Control-Allow-Origin", allowed)
            self.send_header("Vary", "Origin")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(reply.body)

