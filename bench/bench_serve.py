"""The endpoint and publishing on the national synthetic graph (≈1 M triples).

- ``serve:trace``: one trace over HTTP (``/trace?ref=TASK`` on a kept-alive connection), issue target
  20 ms median warm, against the same trace computed in process.
- ``publish:national``: ``lineage publish`` to a local Oxigraph server (Graph Store Protocol), issue
  target 2 minutes, against cutting the same batches without sending them.

The corpus is generated (seed 1), loaded and stored once, on first use, in a temporary folder.
"""

from __future__ import annotations

import atexit
import functools
import http.client
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from bench.harness import Benchmark
from lineage.closure import Closure
from lineage.config import Config
from lineage.publish.batches import batches, graph_parts
from lineage.publish.run import DEFAULT_BATCH, publish
from lineage.publish.target import Target
from lineage.serve.app import Endpoint, open_endpoint
from lineage.serve.settings import ServeSettings
from lineage.store import LoadedGraph, load, save
from lineage.synth.generate import SIZES, generate
from lineage.trace import trace


@dataclass(frozen=True)
class National:
    """The generated corpus, its loaded graph, its store folder and a task to trace."""

    config: Config
    graph: LoadedGraph
    store: Path
    task: str


KINDS = ("serve", "publish")
"""The names of this module's benchmarks, before their ``:``."""


def benchmarks() -> list[Benchmark]:
    """Trace over HTTP and publish, on the national synthetic graph."""
    return [
        Benchmark("serve:trace", "GET /trace?ref=TASK on the national graph (kept-alive connection)",
                  _http_trace, _local_trace, "the same trace in process (closure lookup + JSON)",
                  target_seconds=0.020, repeat=21),
        Benchmark("publish:national", "lineage publish of the national graph to a local Oxigraph server",
                  _publish, _cut_batches, "cutting the same N-Triples batches without sending",
                  target_seconds=120.0, repeat=1),
    ]


@functools.cache
def _national() -> National:
    folder = Path(tempfile.mkdtemp(prefix="lineage-bench-national-"))
    atexit.register(shutil.rmtree, folder, True)
    config = Config.default().with_data(folder / "data").with_build(folder / "build")
    generate(SIZES["national"], config.data_dir, config.base_iri)
    graph = load(config, prefer_disk=False)
    config.build_dir.mkdir()
    store = save(graph, config.build_dir)
    task = next(iter(graph.query("SELECT ?t WHERE { ?t a lin:Task } ORDER BY ?t LIMIT 1")))["t"].value
    return National(config, graph, store, task)


@functools.cache
def _endpoint() -> Endpoint:
    national = _national()
    endpoint = open_endpoint(ServeSettings(store=national.store, port=0, log_requests=False), national.config)
    endpoint.start()
    atexit.register(endpoint.stop)
    return endpoint


@functools.cache
def _connection() -> http.client.HTTPConnection:
    address = urlsplit(_endpoint().url)
    return http.client.HTTPConnection(address.hostname or "127.0.0.1", address.port)


def _get(path: str) -> bytes:
    connection = _connection()
    connection.request("GET", path, headers={"Accept": "application/json"})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}: {body[:300]!r}")
    return body


def _http_trace() -> object:
    return json.loads(_get(f"/trace?ref={quote(_national().task, safe='')}"))


@functools.cache
def _closure() -> Closure:
    return Closure.from_view(_endpoint().tracer.served.view)  # type: ignore[union-attr]


def _local_trace() -> object:
    return json.dumps(trace(_closure(), _national().task).as_json(), ensure_ascii=False, indent=2)


@functools.cache
def _oxigraph() -> str:
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not binary:
        raise RuntimeError("the oxigraph server is missing: pip install -e '.[test]'")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    atexit.register(process.kill)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{url}/query?query=SELECT%20*%20%7B%7D%20LIMIT%201", timeout=5).close()
            return url
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    raise RuntimeError("the oxigraph server did not start")


def _publish() -> object:
    url = _oxigraph()
    report = publish(_national().graph, Target(f"{url}/query", f"{url}/update", f"{url}/store"))
    if not all(check.matches for check in report.checks):
        raise RuntimeError("published counts differ from the local graph")
    return report


def _cut_batches() -> object:
    graph = _national().graph
    parts = graph_parts(graph, DEFAULT_BATCH)
    return sum(len(data) for part in parts for _, data in batches(graph, part, DEFAULT_BATCH))
