"""What a shape reads from its focus nodes, and which nodes a change affects (:mod:`lineage.fastshacl.reach`)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from lineage.config import Config
from lineage.fastshacl import validate_fast
from lineage.fastshacl.reach import affected_focus, read_reach
from lineage.store import LoadedGraph, load
from lineage.validate.shapes import load_shapes
from lineage.validate.terms import to_oxigraph

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
"""
EX = "http://example.org/"


def reach_of(turtle: str) -> dict[str, object]:
    found = read_reach(Graph().parse(data=PREFIXES + turtle, format="turtle"))
    return {str(node)[len(EX):]: reach for node, reach in found.items()}


def sparql_shape(select: str) -> str:
    return f'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select """{select}""" ] .'


def test_a_path_is_read_forwards_and_an_inverse_path_backwards() -> None:
    reach = reach_of("""
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .
        ex:P sh:path ( ex:a [ sh:inversePath ex:b ] ) ; sh:class ex:D .
    """)["S"]
    assert reach is not None
    assert reach.forward >= {EX + "a"} and reach.backward == {EX + "b"}
    assert reach.hops == 4  # two steps, the value's own triples (its class), and the shape's own


def test_a_repeated_path_is_walked_any_number_of_steps() -> None:
    reach = reach_of("""
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .
        ex:P sh:path ( [ sh:oneOrMorePath ex:partOf ] ex:level ) ; sh:minCount 1 .
    """)["S"]
    assert reach is not None and reach.repeated_forward == {EX + "partOf"}


@pytest.mark.parametrize(("select", "bounded"), [
    ("SELECT $this WHERE { $this <http://example.org/a> ?x . ?y <http://example.org/b> ?x }", True),
    ("SELECT $this WHERE { $this <http://example.org/a> ?x . ?y <http://example.org/b> ?z }", False),
    ("SELECT $this WHERE { $this ?p ?x }", True),
    ("SELECT $this WHERE { $this <http://example.org/a> ?x BIND(STR(?x) AS ?s) ?y <http://example.org/b> ?s }", False),
    ("SELECT $this WHERE { $this <http://example.org/a> ?x { SELECT ?x WHERE { ?x <http://example.org/b> ?z } } }", False),
])
def test_a_sparql_query_is_bounded_only_when_every_pattern_joins_this(select: str, bounded: bool) -> None:
    reach = reach_of(sparql_shape(select))["S"]
    assert (reach is not None) is bounded
    if select.endswith("?y <http://example.org/b> ?x }"):
        assert reach is not None and EX + "b" in reach.backward  # joined on the object: followed backwards


def test_a_change_affects_the_nodes_that_read_it() -> None:
    store = ox.Store()
    store.load(PREFIXES.encode() + b"""
        ex:t1 a ex:C ; ex:partOf ex:p1 . ex:p1 ex:partOf ex:d1 . ex:d1 ex:level "central" .
        ex:t2 a ex:C ; ex:partOf ex:p2 . ex:p2 ex:level "local" .
    """, format=ox.RdfFormat.TURTLE)
    reach = reach_of("""
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P .
        ex:P sh:path ( [ sh:oneOrMorePath ex:partOf ] ex:level ) ; sh:minCount 1 .
    """)["S"]
    changed = ox.Triple(ox.NamedNode(EX + "d1"), ox.NamedNode(EX + "level"), ox.Literal("central"))
    affected = {term.value for term in affected_focus(store, reach, [], [changed])}  # type: ignore[arg-type]
    assert {EX + "t1", EX + "p1", EX + "d1"} <= affected
    assert EX + "t2" not in affected


def test_limited_focus_gives_exactly_those_nodes_results() -> None:
    config = Config.default()
    graph: LoadedGraph = load(config, prefer_disk=False)
    shapes = load_shapes(config.shapes_dir).graph
    full = validate_fast(graph, shapes)
    some = {r.focus for r in full.results[::3]}
    limited = validate_fast(graph, shapes, focus={node: {to_oxigraph(f) for f in some} for node in read_reach(shapes)})
    assert {r.key for r in limited.results} == {r.key for r in full.results if r.focus in some}
    assert all(isinstance(f, URIRef) for f in some)
