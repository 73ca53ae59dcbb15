"""``lineage serve``: the endpoint on a loopback port, queried by real clients, and abused."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from lineage import store
from lineage.config import Config
from lineage.queries import Catalogue
from lineage.serve.app import Endpoint, open_endpoint
from lineage.serve.negotiation import GRAPHS, SOLUTIONS, choose
from lineage.serve.settings import ServeSettings
from lineage.store import LoadedGraph, load

BASE = "https://w3id.org/lineage-vn"
TASK_213 = "kh-dangu-vpubnd-2026-daihoi#PL3/II/2/2.13"
"""Task I/2/2.13 of Phụ lục 3 of the 004 plan (Đảng ủy UBND tỉnh), which serves 68-NQ/TW."""
NQ68 = f"{BASE}/eli/vn/tw/nq/2025/68"
SOURCE_004 = f"{BASE}/graph/sources/004"
SOURCE_001 = f"{BASE}/graph/sources/001"
ORIGIN = "https://yasgui.example.org"
TASKS = "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a lin:Task }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TASK_TRIPLES = "CONSTRUCT { ?t a lin:Task ; lin:locator ?l } WHERE { ?t a lin:Task ; lin:locator ?l }"
MAX_RESULT = 2_000_000

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@dataclass(frozen=True)
class Answer:
    """One HTTP exchange."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str, *, method: str = "GET", data: bytes | None = None, headers: dict[str, str] | None = None) -> Answer:
    """Plain HTTP: the status, headers and body, errors included."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return Answer(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as err:
        return Answer(err.code, dict(err.headers), err.read())


@pytest.fixture(scope="module")
def corpus() -> LoadedGraph:
    """The corpus graph, loaded fresh from data/."""
    return load(Config.default(), prefer_disk=False)


@pytest.fixture(scope="module")
def store_dir(corpus: LoadedGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus written as a persistent store, as `lineage build` writes it."""
    return store.save(corpus, tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small static site."""
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text("<h1>Lineage — trang tra cứu</h1>", encoding="utf-8")
    (site / "task").mkdir()
    (site / "task" / "x.ttl").write_text("<a:b> <a:c> <a:d> .\n", encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def endpoint(store_dir: Path, site_dir: Path) -> Iterator[Endpoint]:
    """The endpoint on a free loopback port, with a short time limit and a small result limit."""
    settings = ServeSettings(
        store=store_dir, port=0, site=site_dir, timeout=1.0, max_result_bytes=MAX_RESULT,
        workers=2, cors=(ORIGIN,), log_requests=False,
    )
    running = open_endpoint(settings, Config.default())
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def sparql(endpoint: Endpoint) -> str:
    return endpoint.url + "/sparql"


def count(graph: LoadedGraph, query: str) -> int:
    return int(next(iter(graph.query(query)))["n"].value)


# --- real clients ------------------------------------------------------------------------------


def test_sparqlwrapper_counts_the_tasks_of_the_corpus(sparql: str, corpus: LoadedGraph) -> None:
    client = SPARQLWrapper(sparql)
    client.setQuery(TASKS)
    client.setReturnFormat(JSON)
    answer = client.queryAndConvert()
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == count(corpus, TASKS) > 300


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_sparqlwrapper_finds_that_task_213_serves_68_nq_tw(sparql: str, method: str) -> None:
    client = SPARQLWrapper(sparql)
    client.setQuery(
        "SELECT ?root WHERE { ?task lin:locator ?loc ; (eli:ensures_implementation_of|eli:is_part_of)+ ?root . "
        'FILTER(STRENDS(STR(?task), "/pl3/ii/2/2.13")) ?root eli:id_local "68-NQ/TW" }'
    )
    if method != "GET":
        client.setMethod(POST)
        if method == "POSTDIRECTLY":
            client.setRequestMethod(POSTDIRECTLY)
    client.setReturnFormat(JSON)
    roots = {row["root"]["value"] for row in client.queryAndConvert()["results"]["bindings"]}
    assert roots == {NQ68}


@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_sparqlwrapper_reads_every_results_format(sparql: str, corpus: LoadedGraph, fmt: str) -> None:
    client = SPARQLWrapper(sparql)
    client.setQuery(TASKS)
    client.setReturnFormat(fmt)
    converted = client.queryAndConvert()
    expected = str(count(corpus, TASKS))
    if fmt == XML:
        values = [node.firstChild.data for node in converted.getElementsByTagName("literal")]
        assert values == [expected]
    else:
        assert converted.decode("utf-8").splitlines()[1].strip() == expected


def test_sparqlwrapper_ask(sparql: str) -> None:
    client = SPARQLWrapper(sparql)
    client.setQuery(f'ASK {{ <{NQ68}> eli:id_local "68-NQ/TW" }}')
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, XML])
def test_sparqlwrapper_construct_gives_the_local_triples(sparql: str, corpus: LoadedGraph, fmt: str) -> None:
    client = SPARQLWrapper(sparql)
    client.setQuery(TASK_TRIPLES)
    client.setReturnFormat(fmt)
    converted = client.queryAndConvert()
    graph = converted if isinstance(converted, rdflib.Graph) else rdflib.Graph().parse(data=converted, format="turtle")
    assert len(graph) == len(set(corpus.query(TASK_TRIPLES))) > 600


def test_sparqlwrapper_malformed_query_is_query_bad_formed(sparql: str) -> None:
    client = SPARQLWrapper(sparql)
    client.setQuery("SELECT ?x WHERE { ?x ")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed) as caught:
        client.query()
    assert "malformed query" in str(caught.value)


def test_rdflib_sparqlstore_reads_a_document(sparql: str) -> None:
    graph = rdflib.Graph(store=SPARQLStore(query_endpoint=sparql))
    eli = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
    assert str(graph.value(rdflib.URIRef(NQ68), eli.id_local)) == "68-NQ/TW"
    rows = list(graph.query(f"SELECT ?p ?o WHERE {{ <{NQ68}> ?p ?o }}"))
    assert (eli.id_local, rdflib.Literal("68-NQ/TW")) in {(r[0], r[1]) for r in rows}
    described = graph.query(f"CONSTRUCT {{ <{NQ68}> ?p ?o }} WHERE {{ <{NQ68}> ?p ?o }}").graph
    assert (rdflib.URIRef(NQ68), eli.id_local, rdflib.Literal("68-NQ/TW")) in described


# --- plain HTTP, every content type ----------------------------------------------------------


SELECT_TYPES = {
    "application/sparql-results+json": lambda body: [
        b["n"]["value"] for b in json.loads(body)["results"]["bindings"]
    ],
    "application/sparql-results+xml": lambda body: [
        e.text for e in ET.fromstring(body).iter("{http://www.w3.org/2005/sparql-results#}literal")
    ],
    "text/csv": lambda body: [row["n"] for row in csv.DictReader(io.StringIO(body.decode("utf-8")))],
    "text/tab-separated-values": lambda body: [
        line.split("^^")[0].strip('"') for line in body.decode("utf-8").splitlines()[1:]
    ],
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


@pytest.mark.parametrize("media", SELECT_TYPES)
def test_every_results_type_answers_the_same_count(sparql: str, corpus: LoadedGraph, media: str) -> None:
    answer = fetch(f"{sparql}?{urlencode({'query': TASKS})}", headers={"Accept": media})
    assert answer.status == 200 and answer.headers["Content-Type"].startswith(media)
    assert SELECT_TYPES[media](answer.body) == [str(count(corpus, TASKS))]


@pytest.mark.parametrize("media", GRAPH_TYPES)
def test_every_graph_type_answers_the_same_triples(sparql: str, corpus: LoadedGraph, media: str) -> None:
    answer = fetch(sparql, method="POST", data=TASK_TRIPLES.encode(),
                   headers={"Accept": media, "Content-Type": "application/sparql-query"})
    assert answer.status == 200 and answer.headers["Content-Type"].startswith(media)
    parsed = rdflib.Graph().parse(data=answer.body, format=GRAPH_TYPES[media])
    local = {(str(t.subject.value), str(t.object.value)) for t in corpus.query(TASK_TRIPLES)}
    assert {(str(s), str(o)) for s, _, o in parsed} == local


def test_form_post_and_format_parameter(sparql: str) -> None:
    form = urlencode({"query": 'SELECT DISTINCT ?s WHERE { ?s eli:id_local "68-NQ/TW" }', "format": "csv"}).encode()
    answer = fetch(sparql, method="POST", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/csv")
    assert answer.text.split() == ["s", NQ68]


def test_default_graph_uri_limits_the_query_to_one_source(sparql: str, corpus: LoadedGraph) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    answer = fetch(f"{sparql}?{urlencode({'query': query, 'default-graph-uri': SOURCE_004})}",
                   headers={"Accept": "text/csv"})
    in_004 = count(corpus, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SOURCE_004}> {{ ?s ?p ?o }} }}")
    assert answer.text.split()[1] == str(in_004)
    assert in_004 < corpus.triple_count()


def test_graph_store_read_returns_one_source_graph(endpoint: Endpoint, corpus: LoadedGraph) -> None:
    url = f"{endpoint.url}/store?graph={quote(SOURCE_001, safe='')}"
    answer = fetch(url, headers={"Accept": "application/n-triples"})
    assert answer.status == 200
    in_001 = count(corpus, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SOURCE_001}> {{ ?s ?p ?o }} }}")
    assert len(rdflib.Graph().parse(data=answer.body, format="nt")) == in_001
    missing = fetch(f"{endpoint.url}/store?graph={quote(BASE + '/graph/none', safe='')}")
    assert missing.status == 404 and "no graph" in missing.text


def test_accept_quality_values_decide(sparql: str) -> None:
    url = f"{sparql}?{urlencode({'query': TASKS})}"
    answer = fetch(url, headers={"Accept": "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1"})
    assert answer.headers["Content-Type"].startswith("application/sparql-results+xml")
    refused = fetch(url, headers={"Accept": "image/png"})
    assert refused.status == 406 and "application/sparql-results+json" in refused.text


def test_negotiation_understands_the_accept_headers_of_real_clients() -> None:
    sparqlwrapper_json = "application/sparql-results+json,application/json,text/javascript,application/javascript"
    assert choose(SOLUTIONS, sparqlwrapper_json).name == "json"
    assert choose(GRAPHS, "application/ld+json,application/x-json+ld").name == "jsonld"
    assert choose(GRAPHS, "application/rdf+xml").name == "rdfxml"
    assert choose(SOLUTIONS, "*/*").name == "json" and choose(GRAPHS, "*/*").name == "ttl"
    assert choose(SOLUTIONS, "application/*;q=0.2, text/tab-separated-values;q=0.4").name == "tsv"
    assert choose(SOLUTIONS, "text/csv;q=0, */*;q=0.5").name == "json"
    assert choose(GRAPHS, None, "application/ld+json,application/x-json+ld").name == "jsonld"
    assert choose(GRAPHS, "*/*", "png") is None


# --- named queries -------------------------------------------------------------------------------


def test_api_lists_the_query_library(endpoint: Endpoint) -> None:
    listing = json.loads(fetch(endpoint.url + "/api").body)
    names = {entry["name"] for entry in listing}
    assert names == set(Catalogue(Config.default().queries_dir).names())
    trace = next(entry for entry in listing if entry["name"] == "trace")
    assert [p["name"] for p in trace["params"]] == ["subject"] and trace["summary_vi"]


def lineage_trace(run_cli, ref: str, *extra: str) -> dict:
    """What `lineage trace REF --format json` prints."""
    result = run_cli("trace", ref, "--format", "json", *extra)
    assert result.code == 0, result.err
    return result.json()


def paths_from_rows(rows: list[dict[str, str]], subject: str, *, inferred: bool) -> set[tuple[str, ...]]:
    """Every path from ``subject`` to a root, following the `up` column of the trace query's rows."""
    parents: dict[str, set[str]] = {}
    for row in rows:
        parents.setdefault(row["step"], set())
        if row.get("up") and (inferred or row.get("inferred") != "true"):
            parents[row["step"]].add(row["up"])

    def walk(node: str, seen: tuple[str, ...]) -> list[tuple[str, ...]]:
        above = [p for p in sorted(parents.get(node, ())) if p not in seen]
        if not above:
            return [(*seen, node)]
        return [path for parent in above for path in walk(parent, (*seen, node))]

    return set(walk(subject, ()))


@pytest.mark.parametrize("inferred", [False, True])
def test_trace_query_over_http_returns_what_lineage_trace_returns(endpoint: Endpoint, run_cli, inferred: bool) -> None:
    answer = fetch(f"{endpoint.url}/api/trace?subject={quote(TASK_213, safe='')}", headers={"Accept": "text/csv"})
    assert answer.status == 200
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    expected = lineage_trace(run_cli, TASK_213, *(["--inferred"] if inferred else []))
    subject = expected["subject"]["iri"]
    assert {row["subject"] for row in rows} == {subject}
    assert paths_from_rows(rows, subject, inferred=inferred) == {
        tuple(node["iri"] for node in path) for path in expected["paths"]
    }
    assert NQ68 in {node["iri"] for node in expected["roots"]}


@pytest.mark.parametrize("extra", [(), ("--inferred",)])
def test_trace_over_http_is_lineage_trace(endpoint: Endpoint, run_cli, extra: tuple[str, ...]) -> None:
    flag = "&inferred=true" if extra else ""
    answer = fetch(f"{endpoint.url}/trace?ref={quote(TASK_213, safe='')}{flag}")
    assert answer.status == 200 and answer.headers["Content-Type"].startswith("application/json")
    assert json.loads(answer.body) == lineage_trace(run_cli, TASK_213, *extra)


def test_trace_over_http_refuses_what_lineage_trace_refuses(endpoint: Endpoint) -> None:
    unknown = fetch(f"{endpoint.url}/trace?ref=99-NQ/ZZ")
    assert unknown.status == 400 and "99-NQ/ZZ" in unknown.text
    assert fetch(f"{endpoint.url}/trace").status == 400
    assert fetch(f"{endpoint.url}/trace?ref=68-NQ/TW&inferred=maybe").status == 400


def test_api_refuses_unknown_queries_and_unknown_references(endpoint: Endpoint) -> None:
    unknown = fetch(endpoint.url + "/api/trac")
    assert unknown.status == 404 and "trace" in unknown.text
    bad_ref = fetch(endpoint.url + "/api/trace?subject=99-NQ/ZZ")
    assert bad_ref.status == 400 and "subject" in bad_ref.text
    extra = fetch(endpoint.url + "/api/trace?subject=68-NQ/TW&colour=red")
    assert extra.status == 400 and "colour" in extra.text


# --- abuse -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body", "content_type"),
    [
        ("POST", "/sparql", b"DROP ALL", "application/sparql-update"),
        ("POST", "/sparql", b"update=DROP%20ALL", "application/x-www-form-urlencoded"),
        ("GET", "/sparql?update=DROP%20ALL", None, None),
        ("PUT", f"/store?graph={quote(SOURCE_004, safe='')}", b"<a:b> <a:c> <a:d> .", "text/turtle"),
        ("POST", f"/store?graph={quote(SOURCE_004, safe='')}", b"<a:b> <a:c> <a:d> .", "text/turtle"),
        ("DELETE", f"/store?graph={quote(SOURCE_004, safe='')}", None, None),
    ],
)
def test_updates_and_graph_store_writes_are_refused(
    endpoint: Endpoint, corpus: LoadedGraph, method: str, path: str, body: bytes | None, content_type: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    answer = fetch(endpoint.url + path, method=method, data=body, headers=headers)
    assert answer.status == 403 and "read-only" in answer.text
    every = urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    total = fetch(f"{endpoint.url}/sparql?{every}", headers={"Accept": "text/csv"})
    assert total.text.split()[1] == str(corpus.triple_count())


def test_sparqlwrapper_update_is_refused(sparql: str) -> None:
    client = SPARQLWrapper(sparql)
    client.setMethod(POST)
    client.setQuery(f"DROP GRAPH <{SOURCE_004}>")
    with pytest.raises(urllib.error.HTTPError) as caught:
        client.query()
    assert caught.value.code == 403


def test_a_runaway_query_is_stopped_and_the_server_keeps_serving(
    endpoint: Endpoint, sparql: str, corpus: LoadedGraph
) -> None:
    replaced = endpoint.pool.replaced
    stopped = fetch(f"{sparql}?{urlencode({'query': RUNAWAY})}")
    assert stopped.status == 503 and "time limit" in stopped.text
    assert endpoint.pool.replaced == replaced + 1
    for _ in range(3):
        again = fetch(f"{sparql}?{urlencode({'query': TASKS})}", headers={"Accept": "text/csv"})
        assert again.status == 200 and again.text.split()[1] == str(count(corpus, TASKS))


@pytest.mark.parametrize(
    ("request_kwargs", "status", "words"),
    [
        ({"path": "?query=SELECT%20%3Fx%20WHERE%20%7B"}, 400, "malformed query"),
        ({"path": "?query=SELECT%20*%20WHERE%20%7B%20undeclared%3Ax%20%3Fp%20%3Fo%20%7D"}, 400, "malformed query"),
        ({"path": ""}, 400, "missing query"),
        ({"path": "?query=ASK%7B%7D&query=ASK%7B%7D"}, 400, "more than one query"),
        ({"path": "?query=ASK%7B%7D&default-graph-uri=not%20an%20iri"}, 400, "bad IRI"),
        ({"path": "", "method": "POST", "data": b"ASK {}", "headers": {"Content-Type": "text/plain"}},
         415, "Content-Type"),
        ({"path": "", "method": "POST", "data": b"", "headers": {"Content-Type": "application/sparql-query"}},
         400, "empty"),
        ({"path": "?query=%FF", "headers": {}}, 400, "UTF-8"),
    ],
)
def test_malformed_requests_get_400_with_a_message(sparql: str, request_kwargs: dict, status: int, words: str) -> None:
    kwargs = dict(request_kwargs)
    answer = fetch(sparql + kwargs.pop("path"), **kwargs)
    assert answer.status == status and words in answer.text


def test_a_huge_result_is_refused_with_the_limit_named(sparql: str) -> None:
    query = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
    answer = fetch(f"{sparql}?{urlencode({'query': query})}")
    assert answer.status == 422 and str(MAX_RESULT) in answer.text and "LIMIT" in answer.text
    limited = fetch(f"{sparql}?{urlencode({'query': query + ' LIMIT 10'})}")
    assert limited.status == 200 and len(json.loads(limited.body)["results"]["bindings"]) == 10


def test_federated_service_is_refused(sparql: str) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    answer = fetch(f"{sparql}?{urlencode({'query': query})}")
    assert answer.status == 403 and "SERVICE" in answer.text


def test_cors_only_for_the_configured_origin(sparql: str) -> None:
    url = f"{sparql}?{urlencode({'query': 'ASK {}'})}"
    allowed = fetch(url, headers={"Origin": ORIGIN})
    assert allowed.headers.get("Access-Control-Allow-Origin") == ORIGIN
    other = fetch(url, headers={"Origin": "https://elsewhere.example.org"})
    assert "Access-Control-Allow-Origin" not in other.headers
    preflight = fetch(sparql, method="OPTIONS", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert preflight.status == 204 and "POST" in preflight.headers["Access-Control-Allow-Methods"]


# --- the site beside it -----------------------------------------------------------------------------


def test_the_site_is_served_beside_the_endpoint(endpoint: Endpoint) -> None:
    home = fetch(endpoint.url + "/")
    assert home.status == 200 and "trang tra cứu" in home.text
    turtle = fetch(endpoint.url + "/task/x.ttl")
    assert turtle.headers["Content-Type"].startswith("text/turtle")
    assert fetch(endpoint.url + "/task/../../../etc/passwd").status == 404
    assert fetch(endpoint.url + "/%2e%2e/%2e%2e/etc/passwd").status == 404
    form = fetch(endpoint.url + "/sparql", headers={"Accept": "text/html"})
    assert form.status == 200 and "/api/trace" in form.text


def test_the_endpoint_listens_on_loopback_by_default(endpoint: Endpoint) -> None:
    assert ServeSettings(store=Path(".")).host == "127.0.0.1"
    assert endpoint.url.startswith("http://127.0.0.1:")


# --- the command ---------------------------------------------------------------------------------


def test_serve_without_a_build_says_to_build(run_cli, tmp_path: Path) -> None:
    result = run_cli("serve", "--build-dir", str(tmp_path / "nothing"))
    assert result.code == 2 and "lineage build" in result.err


def test_serve_refuses_a_store_older_than_the_data(run_cli, mini_copy: Path, tmp_path: Path) -> None:
    config = Config.default().with_data(mini_copy)
    store.save(load(config, prefer_disk=False), tmp_path)
    (mini_copy / "bodies.ttl").write_text((mini_copy / "bodies.ttl").read_text(encoding="utf-8") + "\n# edited\n",
                                          encoding="utf-8")
    result = run_cli("serve", "--data", str(mini_copy), "--build-dir", str(tmp_path))
    assert result.code == 2 and "older than the data" in result.err


def test_lineage_serve_runs_until_terminated(mini_copy: Path, tmp_path: Path) -> None:
    store.save(load(Config.default().with_data(mini_copy), prefer_disk=False), tmp_path)
    command = [sys.executable, "-m", "lineage", "serve", "--port", "0", "--quiet",
               "--data", str(mini_copy), "--build-dir", str(tmp_path)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
        assert "/sparql" in first, first + process.stderr.read()
        url = first.split()[-1]
        query = urlencode({"query": 'SELECT DISTINCT ?s WHERE { ?s eli:id_local "57-NQ/TW" }'})
        answer = fetch(f"{url}?{query}", headers={"Accept": "text/csv"})
        assert answer.text.split() == ["s", f"{BASE}/eli/vn/tw/nq/2024/57"]
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    assert code == 0


def test_serve_refuses_a_folder_that_is_not_a_store(run_cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    result = run_cli("serve", "--store", str(tmp_path))
    assert result.code == 2 and "not an Oxigraph store" in result.err


def test_a_result_size_must_be_a_size(run_cli, tmp_path: Path) -> None:
    result = run_cli("serve", "--store", str(tmp_path), "--max-result-size", "lots")
    assert result.code == 2 and "50MB" in result.err
