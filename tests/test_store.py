"""The loader: one named graph per file, Turtle errors with file and line, the persistent store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from lineage.build import run_build
from lineage.config import Config
from lineage.errors import InputError
from lineage.graphview import chain_view, directive_graph
from lineage.store import load

MINI = Path(__file__).parent / "fixtures" / "mini"

KH5 = "https://w3id.org/lineage-vn/eli/vn-x/tu/kh/2026/5"
NQ57 = "https://w3id.org/lineage-vn/eli/vn/tw/nq/2024/57"


def test_one_named_graph_per_source_document(mini_graph) -> None:
    base = mini_graph.config.base_iri
    names = mini_graph.graph_names()
    assert f"{base}/graph/sources/s1" in names and f"{base}/graph/sources/s2" in names
    assert f"{base}/graph/bodies" in names and f"{base}/graph/inferred" in names


def test_each_source_states_its_own_date_in_its_own_graph(mini_graph) -> None:
    rows = mini_graph.query(
        "SELECT ?g ?date WHERE { GRAPH ?g { ?d eli:date_document ?date } FILTER(?d = <%s>) }" % NQ57
    )
    dates = {r["g"].value.rsplit("/", 1)[-1]: r["date"].value for r in rows}
    assert dates == {"s1": "2024-12-22", "s2": "2025-12-22"}


def test_networkx_view_matches_the_rdf(mini_graph) -> None:
    view = directive_graph(mini_graph)
    kinds = {view.nodes[n]["symbol"] or view.nodes[n]["locator"]: view.nodes[n]["kind"] for n in view}
    assert kinds == {"5-KH/TU": "document", "57-NQ/TW": "document", "68-NQ/TW": "document",
                     "bc-ubnd-x": "document", "PL01": "part", "PL01/1": "task", "PL01/2": "task"}
    implements = [(s, t) for s, t, k in view.edges(keys=True) if k == "implements"]
    assert implements == [(KH5, NQ57)]
    rows = list(mini_graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s eli:is_part_of ?o }"))
    assert sum(1 for *_, k in view.edges(keys=True) if k == "part_of") == int(rows[0]["n"].value)
    inferred = [(s, t, k) for s, t, k, d in view.edges(keys=True, data=True) if d["inferred"]]
    assert len(inferred) == 1 and inferred[0][2] == "cites"


def test_chain_view_leads_a_task_to_its_directive(mini_graph) -> None:
    chain = chain_view(directive_graph(mini_graph))
    import networkx as nx

    assert NQ57 in nx.descendants(chain, KH5 + "/pl01/1")


def test_turtle_syntax_error_names_file_and_line(mini_copy: Path) -> None:
    bad = mini_copy / "sources" / "s1.ttl"
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines[30] = lines[30] + ' "unterminated'
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(Config.default().with_data(mini_copy), prefer_disk=False)
    assert caught.value.path == bad and caught.value.line == 31
    assert "s1.ttl:31" in str(caught.value) and "fix:" in str(caught.value)


def test_built_store_is_reused_only_while_it_matches_the_data(mini_copy: Path, tmp_path: Path) -> None:
    config = Config.default().with_data(mini_copy).with_build(tmp_path / "build")
    run_build(config, lambda _: None)
    assert load(config).from_disk
    (mini_copy / "bodies.ttl").write_text(
        (mini_copy / "bodies.ttl").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8"
    )
    assert not load(config).from_disk


def test_fixture_quotes_occur_in_their_fixture_sources(mini_graph) -> None:
    rows = mini_graph.query(
        "SELECT ?file ?exact ?start ?end WHERE { ?p oa:hasSource ?src . ?src lin:fileName ?file ."
        " ?p oa:hasSelector ?q . ?q oa:exact ?exact . ?p oa:hasSelector ?l . ?l lin:lineStart ?start ; lin:lineEnd ?end }"
    )
    for row in rows:
        lines = (MINI.parent / "mini-src" / row["file"].value).read_text(encoding="utf-8").splitlines()
        span = " ".join(lines[int(row["start"].value) - 1 : int(row["end"].value)])
        assert row["exact"].value in span


def test_the_rdflib_dataset_sees_the_union_of_graphs_through_property_paths(mini_graph) -> None:
    dataset = mini_graph.dataset
    rows = dataset.query(
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> "
        "SELECT ?root WHERE { ?task eli:is_part_of+/eli:ensures_implementation_of ?root }"
    )
    assert {str(r.root) for r in rows} == {NQ57}


def test_files_a_previous_build_parsed_are_trusted_and_a_changed_one_is_checked(mini_copy: Path,
                                                                                 tmp_path: Path) -> None:
    """A second build skips re-checking IRIs only in files whose bytes a successful build parsed."""
    from lineage.changes import BuildInputs
    from lineage.store import input_files

    config = Config.default().with_data(mini_copy).with_build(tmp_path / "build")
    run_build(config, lambda _: None, site=False)
    bodies = mini_copy / "bodies.ttl"
    bodies.write_text(bodies.read_text(encoding="utf-8") + "\n<urn:x> <urn:y> <http://bad iri> .\n", encoding="utf-8")
    inputs = BuildInputs.of(config, input_files(config), site=False)
    trusted = inputs.parsed_before(BuildInputs.read(config.build_dir))
    assert config.graph_iri("bodies") not in trusted and config.graph_iri("sources/s1") in trusted
    assert config.graph_iri("ontology/lineage") in trusted
    assert inputs.parsed_before(BuildInputs.of(config, input_files(config), site=True)) == frozenset()
    with pytest.raises(InputError) as caught:
        load(config, prefer_disk=False, checked=trusted)
    assert caught.value.path == bodies
    with pytest.raises(InputError):
        run_build(config, lambda _: None, site=False)


def test_a_trusted_load_gives_the_same_quads(mini_copy: Path) -> None:
    config = Config.default().with_data(mini_copy)
    strict = load(config, prefer_disk=False)
    trusted = load(config, prefer_disk=False, checked=frozenset(strict.graph_names()))
    def named(graph: object) -> set[object]:  # blank nodes get fresh names on every load
        return {q for q in graph.store if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}

    assert len(strict.store) == len(trusted.store) and named(strict) == named(trusted)


def test_the_trig_of_one_graph_written_again_is_its_block_in_the_whole(mini_graph) -> None:
    """An incremental build writes the TriG of the changed graphs alone into the previous TriG: for every graph,
    that gives the whole serialisation back; a graph missing from the previous TriG cannot be placed."""
    from lineage.export import patched_trig, serialize

    whole = serialize(mini_graph, "trig")
    names = mini_graph.graph_names()
    assert len(names) > 3 and patched_trig(whole, mini_graph, names) == whole
    emptied = b"".join(line for line in whole.splitlines(keepends=True)
                       if line.startswith((b"@prefix", b"<", b"}")))  # every block's statements gone
    assert emptied != whole and patched_trig(emptied, mini_graph, names) == whole
    first = names[0]
    without = whole.replace(f"<{first}> {{\n".encode(), b"<urn:other> {\n")
    assert patched_trig(without, mini_graph, [first]) is None
