"""``lineage publish``: the corpus pushed into a real Oxigraph server on loopback, read back and counted."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest

from lineage.config import Config
from lineage.publish.run import check_counts, publish
from lineage.publish.target import Target
from lineage.store import LoadedGraph, load

BASE = "https://w3id.org/lineage-vn"
FOREIGN_GRAPH = "http://example.org/someone-else"
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Oxigraph:
    """A real Oxigraph server (the `oxigraph` package from PyPI), in memory, on a loopback port."""

    url: str

    @property
    def query(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @property
    def store(self) -> str:
        return self.url + "/store"

    def update(self, text: str) -> None:
        request = urllib.request.Request(self.update_url, data=text.encode(), method="POST",
                                         headers={"Content-Type": "application/sparql-update"})
        urllib.request.urlopen(request, timeout=30).close()

    def select(self, text: str) -> list[dict[str, str]]:
        request = urllib.request.Request(f"{self.query}?{urlencode({'query': text})}",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            rows = json.loads(response.read())["results"]["bindings"]
        return [{k: v["value"] for k, v in row.items()} for row in rows]

    def counts(self) -> dict[str, int]:
        """Triples per named graph, as the server reports them."""
        return {row["g"]: int(row["n"]) for row in self.select(COUNTS)}

    def default_count(self) -> int:
        return int(self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"])


@pytest.fixture(scope="module")
def oxigraph() -> Iterator[Oxigraph]:
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    assert binary, "the oxigraph server is missing: pip install -e '.[test]'"
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Oxigraph(f"http://127.0.0.1:{port}")
    try:
        for _ in range(200):
            try:
                server.select("SELECT * WHERE { } LIMIT 1")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        else:
            pytest.fail("the oxigraph server did not start")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def empty(oxigraph: Oxigraph) -> Oxigraph:
    """The server with nothing in it."""
    oxigraph.update("DROP SILENT ALL")
    return oxigraph


@pytest.fixture(scope="module")
def corpus() -> LoadedGraph:
    return load(Config.default(), prefer_disk=False)


def local_counts(graph: LoadedGraph) -> dict[str, int]:
    return {row["g"].value: int(row["n"].value) for row in graph.store.query(COUNTS)}


# --- a stand-in store that records what it receives ----------------------------------------------


@dataclass
class Recorder:
    """A loopback HTTP server that answers every request with ``status`` and records it."""

    status: int = 204
    count_answer: int = 0
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    record = Recorder()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            record.requests.append((self.command, self.path, dict(self.headers)))
            body = b""
            if record.status == 200 or (self.command == "GET" and record.status < 300):
                body = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [
                    {"n": {"type": "literal", "value": str(record.count_answer)}}]}}).encode()
            status = 200 if body else record.status
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _answer  # noqa: N815 (the http.server naming)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield record
    server.shutdown()
    server.server_close()


# --- publishing to Oxigraph ----------------------------------------------------------------------


def test_graph_store_publish_puts_every_graph_with_its_count(run_cli, empty: Oxigraph, corpus: LoadedGraph) -> None:
    result = run_cli("publish", "--endpoint", empty.query, "--graph-store", empty.store, "--batch-size", "3000")
    assert result.code == 0, result.err
    expected = local_counts(corpus)
    assert empty.counts() == expected
    in_004 = expected[f"{BASE}/graph/sources/004"]
    assert in_004 > 3000 and f"{in_004}/{in_004} triples" in result.err
    assert "graph-store" in result.err and "MISMATCH" not in result.err
    every_graph = " ".join(f"FROM <{iri}>" for iri in expected)
    roots = empty.select(
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> "
        f"SELECT DISTINCT ?symbol {every_graph} WHERE {{ "
        "?task (eli:is_part_of|eli:ensures_implementation_of)+ ?root . ?root eli:id_local ?symbol "
        "FILTER(STRENDS(STR(?task), '/pl3/ii/2/2.13')) }"
    )
    assert "68-NQ/TW" in {row["symbol"] for row in roots}


def test_publishing_twice_duplicates_nothing_and_touches_nothing_else(empty: Oxigraph, corpus: LoadedGraph) -> None:
    empty.update(f'INSERT DATA {{ GRAPH <{FOREIGN_GRAPH}> {{ <urn:a> <urn:b> "kept" }} <urn:c> <urn:d> "kept" }}')
    by_update = Target(empty.query, empty.update_url)
    by_graph_store = Target(empty.query, empty.update_url, empty.store)
    for target in (by_update, by_graph_store):
        report = publish(corpus, target, batch_size=4000)
        check_counts(report)
        counts = empty.counts()
        assert counts.pop(FOREIGN_GRAPH) == 1
        assert counts == local_counts(corpus)
        assert empty.default_count() == 1


def test_republishing_replaces_a_graph_that_shrank(run_cli, empty: Oxigraph, mini_copy: Path) -> None:
    bodies = mini_copy / "bodies.ttl"
    original = bodies.read_text(encoding="utf-8")
    bodies.write_text(original + '\n<urn:gone> <urn:p> "one" , "two" .\n', encoding="utf-8")
    publish_mini = ("publish", "--data", str(mini_copy), "--endpoint", empty.query, "--update", empty.update_url)
    assert run_cli(*publish_mini).code == 0
    grown = empty.counts()[f"{BASE}/graph/bodies"]
    bodies.write_text(original, encoding="utf-8")
    assert run_cli(*publish_mini).code == 0
    graph = load(Config.default().with_data(mini_copy), prefer_disk=False)
    assert empty.counts()[f"{BASE}/graph/bodies"] == local_counts(graph)[f"{BASE}/graph/bodies"] == grown - 2
    assert not empty.select("SELECT ?o WHERE { GRAPH ?g { <urn:gone> ?p ?o } }")


def test_prune_drops_only_the_project_graphs_that_are_gone(run_cli, empty: Oxigraph, mini_copy: Path) -> None:
    stale = f"{BASE}/graph/sources/removed"
    empty.update(f'INSERT DATA {{ GRAPH <{stale}> {{ <urn:a> <urn:b> "old" }} '
                 f'GRAPH <{FOREIGN_GRAPH}> {{ <urn:a> <urn:b> "c" }} }}')
    args = ("publish", "--data", str(mini_copy), "--endpoint", empty.query, "--graph-store", empty.store)
    assert run_cli(*args).code == 0
    assert stale in empty.counts()
    result = run_cli(*args, "--prune")
    assert result.code == 0 and f"pruned / đã xóa: {stale}" in result.err
    counts = empty.counts()
    assert stale not in counts and counts[FOREIGN_GRAPH] == 1


def test_a_graph_with_blank_nodes_goes_in_one_batch(run_cli, empty: Oxigraph, tmp_path: Path) -> None:
    (tmp_path / "blank.ttl").write_text(
        '[] a <urn:T> ; <urn:p> [ <urn:q> "1" ] .\n' + "".join(f'<urn:s{i}> <urn:v> "{i}" .\n' for i in range(5)),
        encoding="utf-8",
    )
    result = run_cli("publish", "--data", str(tmp_path), "--endpoint", empty.query,
                     "--graph-store", empty.store, "--batch-size", "1")
    assert result.code == 0, result.err
    assert empty.counts()[f"{BASE}/graph/blank"] == 8
    linked = empty.select("SELECT ?v WHERE { GRAPH ?g { ?a a <urn:T> ; <urn:p> ?b . ?b <urn:q> ?v } }")
    assert [row["v"] for row in linked] == ["1"]


# --- what is sent, and failures ------------------------------------------------------------------


def test_dry_run_sends_nothing(run_cli, recorder: Recorder, mini_copy: Path) -> None:
    result = run_cli("publish", "--data", str(mini_copy), "--endpoint", recorder.url + "/query",
                     "--graph-store", recorder.url + "/store", "--dry-run")
    assert result.code == 0 and recorder.requests == []
    assert "would publish" in result.err and f"{BASE}/graph/sources/s1" in result.err


def test_basic_credentials_are_sent_and_a_refusal_says_to_check_them(
    run_cli, recorder: Recorder, mini_copy: Path
) -> None:
    recorder.status = 401
    result = run_cli("publish", "--data", str(mini_copy), "--endpoint", recorder.url + "/query",
                     "--graph-store", recorder.url + "/store", "--auth", "editor:s3cret")
    assert result.code == 2 and "401" in result.err and "--auth" in result.err
    assert "s3cret" not in result.err
    method, path, headers = recorder.requests[0]
    assert method == "PUT" and path.startswith("/store?graph=")
    assert headers["Authorization"] == "Basic " + base64.b64encode(b"editor:s3cret").decode()


def test_a_bearer_token_from_the_environment(run_cli, recorder: Recorder, mini_copy: Path, monkeypatch) -> None:
    monkeypatch.setenv("LINEAGE_PUBLISH_AUTH", "Bearer tok.en")
    recorder.status = 403
    result = run_cli("publish", "--data", str(mini_copy), "--endpoint", recorder.url + "/sparql")
    assert result.code == 2
    method, path, headers = recorder.requests[0]
    assert (method, path) == ("POST", "/sparql") and headers["Authorization"] == "Bearer tok.en"
    assert headers["Content-Type"] == "application/sparql-update"


def test_a_count_that_differs_fails_the_publish(run_cli, recorder: Recorder, mini_copy: Path) -> None:
    recorder.count_answer = 0
    result = run_cli("publish", "--data", str(mini_copy), "--endpoint", recorder.url + "/query",
                     "--graph-store", recorder.url + "/store")
    assert result.code == 2 and "does not hold what was published" in result.err
    assert any(method == "GET" for method, _, _ in recorder.requests)


def test_an_unreachable_store_is_named(run_cli, mini_copy: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = run_cli("publish", "--data", str(mini_copy), "--endpoint", url)
    assert result.code == 2 and "cannot reach" in result.err and "start the store" in result.err


def test_credentials_without_a_colon_are_refused(run_cli, mini_copy: Path) -> None:
    result = run_cli("publish", "--data", str(mini_copy), "--endpoint", "http://127.0.0.1:1/q", "--auth", "justaname")
    assert result.code == 2 and "USER:PASSWORD" in result.err
