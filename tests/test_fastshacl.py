"""The fast validator gives exactly pySHACL's results: per constraint component, on the corpus, on synthetic data.

pySHACL runs with ``lineage validate``'s options (:mod:`lineage.validate.engine`:
no inference, warnings allowed, SPARQL targets on); results are compared on
(focus node, path, value, source shape, component, severity).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from lineage.config import Config
from lineage.errors import LineageError
from lineage.fastshacl import DataError, FastReport, ShapeError, validate_fast
from lineage.fastshacl.paths import InversePath, PredicatePath, RepeatPath, SequencePath
from lineage.fastshacl.report import result_keys
from lineage.store import LoadedGraph, load
from lineage.synth.generate import SynthSpec, generate
from lineage.validate.engine import DataGraph, flatten, run
from lineage.validate.shapes import load_shapes

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
"""
EX = "http://example.org/"


# -- helpers -------------------------------------------------------------------------------------

def data_graph(turtle: str) -> LoadedGraph:
    """A loaded graph holding ``turtle`` in one named graph (no ontology)."""
    store = ox.Store()
    store.load((PREFIXES + turtle).encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:test:data"))
    return LoadedGraph(store, (), Config.default())


def shapes_graph(turtle: str) -> Graph:
    return Graph().parse(data=PREFIXES + turtle, format="turtle")


def reference(graph: LoadedGraph, shapes: Graph, flat: bool = False) -> tuple[bool, set[tuple]]:
    """pySHACL's verdict and result keys, run with ``lineage validate``'s options.

    ``lineage validate`` also hands pySHACL :func:`flatten`-ed shapes (a speed-up
    meant to keep the results); ``flat`` does the same. The fixtures below are
    compared with pySHACL on the shapes as written: flattening drops the property
    shapes a closed shape allows, the siblings of a disjoint qualified shape, and
    untyped property shapes of a shape with only a SPARQL target.
    """
    conforms, report = run(DataGraph(graph.store), flatten(shapes) if flat else shapes)
    return conforms, set(result_keys(report))


def short(term: object) -> str | None:
    """``ex:name`` → ``name``; a literal → its text; a blank node → ``_:``."""
    if term is None:
        return None
    if isinstance(term, BNode):
        return "_:"
    text = str(term)
    return text[len(EX):] if isinstance(term, URIRef) and text.startswith(EX) else text


def found(report: FastReport) -> set[tuple[str | None, str, str | None]]:
    """(focus, component, value) of every result, shortened."""
    return {(short(r.focus), str(r.component).rsplit("#", 1)[-1], short(r.value)) for r in report.results}


def assert_same_as_pyshacl(graph: LoadedGraph, shapes: Graph, flat: bool = False) -> FastReport:
    fast = validate_fast(graph, shapes)
    conforms, keys = reference(graph, Graph() + shapes, flat)  # a copy: pySHACL adds triples to its shapes graph
    assert {r.key for r in fast.results} == keys
    assert fast.conforms == conforms
    return fast


# -- one case per constraint component: a violating and a conforming data graph -------------------

@dataclass(frozen=True)
class Case:
    name: str
    shapes: str
    bad: str
    good: str
    expected: frozenset[tuple[str | None, str, str | None]]
    """Results the bad data must give (focus, component, value); pySHACL's must be the same set."""


CASES = [
    Case("class, through rdfs:subClassOf in the data", """
        ex:TaskShape a sh:NodeShape ; sh:targetClass ex:Task ;
            sh:property [ sh:path ex:lead ; sh:class ex:Body ] .""", """
        ex:Unit rdfs:subClassOf ex:Body . ex:SubTask rdfs:subClassOf ex:Task .
        ex:b1 a ex:Unit .
        ex:t1 a ex:Task ; ex:lead ex:b1 , "Sở Tài chính" .
        ex:t2 a ex:SubTask ; ex:lead ex:nobody .""", """
        ex:Unit rdfs:subClassOf ex:Body . ex:b1 a ex:Unit . ex:t1 a ex:Task ; ex:lead ex:b1 .""",
         frozenset({("t1", "ClassConstraintComponent", "Sở Tài chính"), ("t2", "ClassConstraintComponent", "nobody")})),
    Case("datatype, with ill-typed literals", """
        ex:DocShape a sh:NodeShape ; sh:targetNode ex:d1 ;
            sh:property [ sh:path ex:date ; sh:datatype xsd:date ] ,
                [ sh:path ex:label ; sh:datatype rdf:langString ] ,
                [ sh:path ex:code ; sh:datatype xsd:string ] ,
                [ sh:path ex:count ; sh:datatype xsd:integer ] ,
                [ sh:path ex:year ; sh:datatype xsd:gYear ] ,
                [ sh:path ex:rate ; sh:datatype xsd:decimal ] .""", """
        ex:d1 ex:date "2026-02-30"^^xsd:date , "2026-01-05"^^xsd:date , "2026-01-05" ;
            ex:label "plain" , "nhãn"@vi ; ex:code "x"@vi , "y" , ex:iri ;
            ex:count "12.5"^^xsd:decimal , "abc"^^xsd:integer , 7 ;
            ex:year "2026-13"^^xsd:gYear ; ex:rate "1.50"^^xsd:decimal .""", """
        ex:d1 ex:date "2026-01-05"^^xsd:date ; ex:label "nhãn"@vi ; ex:code "y" ; ex:count 7 ;
            ex:year "2026"^^xsd:gYear ; ex:rate 1.5 .""",
         frozenset({("d1", "DatatypeConstraintComponent", v) for v in
                    ("2026-02-30", "2026-01-05", "plain", "x", "iri", "12.5", "abc")})),
    Case("nodeKind", """
        ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:p ;
            sh:property [ sh:path ex:p ; sh:nodeKind sh:IRI ] , [ sh:path ex:q ; sh:nodeKind sh:BlankNodeOrLiteral ] .""", """
        ex:n1 ex:p ex:a , "lit" , [ ex:r 1 ] ; ex:q ex:b , "ok" .""", """
        ex:n1 ex:p ex:a ; ex:q "ok" , [ ex:r 1 ] .""",
         frozenset({("n1", "NodeKindConstraintComponent", "lit"), ("n1", "NodeKindConstraintComponent", "_:"),
                    ("n1", "NodeKindConstraintComponent", "b")})),
    Case("minCount and maxCount", """
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:maxCount 1 ] ,
                [ sh:path ex:alias ; sh:maxCount 0 ] , [ sh:path ex:tag ; sh:minCount 2 ] ,
                [ sh:path ex:date ; sh:maxCount 1 ] .""", """
        ex:c1 a ex:C ; ex:tag 1 , 2 .
        ex:c2 a ex:C ; ex:name "a" , "b" ; ex:tag 1 , 2 .
        ex:c3 a ex:C ; ex:name "a" ; ex:alias "x" ; ex:tag 1 ; ex:date "2026-01-05"^^xsd:date , "2026-01-06"^^xsd:date .""",
         """
        ex:c1 a ex:C ; ex:name "a" ; ex:tag 1 , 2 ; ex:date "2026-01-05"^^xsd:date , "2026-01-05Z"^^xsd:date .""",
         frozenset({("c1", "MinCountConstraintComponent", None), ("c2", "MaxCountConstraintComponent", None),
                    ("c3", "MaxCountConstraintComponent", None), ("c3", "MinCountConstraintComponent", None)})),
    Case("minInclusive, maxExclusive, minExclusive, maxInclusive", """
        ex:S a sh:NodeShape ; sh:targetNode ex:r1 ;
            sh:property [ sh:path ex:score ; sh:minInclusive 0 ; sh:maxExclusive 10 ] ,
                [ sh:path ex:when ; sh:minExclusive "2026-01-01"^^xsd:date ] ,
                [ sh:path ex:grade ; sh:maxInclusive "m" ] .""", """
        ex:r1 ex:score -1 , 10 , "5" , 3.5 , "abc"^^xsd:integer , ex:iri ;
            ex:when "2026-01-01"^^xsd:date , "2026-06-01"^^xsd:date , "2026-06-01T00:00:00"^^xsd:dateTime ;
            ex:grade "z" , "a" .""", """
        ex:r1 ex:score 0 , 9.5 ; ex:when "2026-06-01"^^xsd:date ; ex:grade "m" .""",
         frozenset({("r1", "MinInclusiveConstraintComponent", "-1"), ("r1", "MaxExclusiveConstraintComponent", "10"),
                    ("r1", "MinInclusiveConstraintComponent", "5"), ("r1", "MinInclusiveConstraintComponent", "abc"),
                    ("r1", "MinExclusiveConstraintComponent", "2026-01-01"),
                    ("r1", "MaxInclusiveConstraintComponent", "z")})),
    Case("minLength and maxLength", """
        ex:S a sh:NodeShape ; sh:targetNode ex:s1 ;
            sh:property [ sh:path ex:text ; sh:minLength 2 ; sh:maxLength 5 ] .""", """
        ex:s1 ex:text "a" , "abcdef" , "abc"@vi , ex:long-iri , 12345678 , [ ex:r 1 ] .""", """
        ex:s1 ex:text "ab" , "abcde"@vi , 123 .""",
         frozenset({("s1", "MinLengthConstraintComponent", "a"), ("s1", "MaxLengthConstraintComponent", "abcdef"),
                    ("s1", "MaxLengthConstraintComponent", "long-iri"), ("s1", "MaxLengthConstraintComponent", "12345678"),
                    ("s1", "MinLengthConstraintComponent", "_:"), ("s1", "MaxLengthConstraintComponent", "_:")})),
    Case("pattern, with flags and Python's $", """
        ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:code ;
            sh:property [ sh:path ex:code ; sh:pattern "^[A-Z]+-[0-9]+$" ] ,
                [ sh:path ex:key ; sh:pattern "^ab" ; sh:flags "i" ] .""", """
        ex:p1 ex:code "AB-12" , "AB-12\\n" , "ab-1" , "x" ; ex:key "ABc" , "cab" .""", """
        ex:p1 ex:code "AB-12" , "CD-3\\n" ; ex:key "ABc" , "abd" .""",
         frozenset({("p1", "PatternConstraintComponent", "ab-1"), ("p1", "PatternConstraintComponent", "x"),
                    ("p1", "PatternConstraintComponent", "cab")})),
    Case("languageIn and uniqueLang", """
        ex:S a sh:NodeShape ; sh:targetNode ex:l1 ;
            sh:property [ sh:path ex:label ; sh:languageIn ( "vi" "en" ) ; sh:uniqueLang true ] .""", """
        ex:l1 ex:label "a"@vi , "b"@VI , "c"@en-US , "d"@fr , "e" .""", """
        ex:l1 ex:label "a"@vi , "c"@en-US .""",
         frozenset({("l1", "LanguageInConstraintComponent", "d"), ("l1", "LanguageInConstraintComponent", "e"),
                    ("l1", "UniqueLangConstraintComponent", None)})),
    Case("in, with IRIs, strings and booleans", """
        ex:S a sh:NodeShape ; sh:targetNode ex:i1 ;
            sh:property [ sh:path ex:status ; sh:in ( ex:open ex:closed "draft" true ) ] .""", """
        ex:i1 ex:status ex:open , ex:other , "draft" , "draft"@en , true , "true" , 1 .""", """
        ex:i1 ex:status ex:open , "draft" , true .""",
         frozenset({("i1", "InConstraintComponent", v) for v in ("other", "draft", "true", "1")})),
    Case("hasValue on node and property shapes, and through a repeated path", """
        ex:N a sh:NodeShape ; sh:targetClass ex:H ; sh:hasValue ex:h1 .
        ex:P a sh:NodeShape ; sh:targetClass ex:H ;
            sh:property [ sh:path ex:kind ; sh:hasValue ex:main ] , [ sh:path ex:flag ; sh:hasValue true ] ,
                [ sh:path ( [ sh:oneOrMorePath ex:partOf ] ex:level ) ; sh:hasValue ex:central ] .""", """
        ex:h1 a ex:H ; ex:kind ex:other ; ex:flag false ; ex:partOf ex:plan .
        ex:plan ex:partOf ex:programme . ex:programme ex:level ex:province .
        ex:h2 a ex:H ; ex:kind ex:main ; ex:flag true ; ex:partOf ex:directive . ex:directive ex:level ex:central .""", """
        ex:h1 a ex:H ; ex:kind ex:main ; ex:flag true ; ex:partOf ex:plan .
        ex:plan ex:partOf ex:programme . ex:programme ex:level ex:central .""",
         frozenset({("h2", "HasValueConstraintComponent", None), ("h1", "HasValueConstraintComponent", None)})),
    Case("equals, disjoint, lessThan, lessThanOrEquals", """
        ex:S a sh:NodeShape ; sh:targetClass ex:E ;
            sh:property [ sh:path ex:start ; sh:lessThan ex:end ] , [ sh:path ex:min ; sh:lessThanOrEquals ex:max ] ,
                [ sh:path ex:name ; sh:equals ex:label ; sh:disjoint ex:alias ] .
        ex:Self a sh:NodeShape ; sh:targetClass ex:E ; sh:disjoint ex:knows .""", """
        ex:e1 a ex:E ; ex:start "2026-05-01"^^xsd:date ; ex:end "2026-04-01"^^xsd:date , "2026-06-01"^^xsd:date ;
            ex:min 5 , "3" ; ex:max 4 ; ex:name "a" , "b" ; ex:label "a" , "c" ; ex:alias "b" ; ex:knows ex:e1 .""", """
        ex:e1 a ex:E ; ex:start "2026-03-01"^^xsd:date ; ex:end "2026-04-01"^^xsd:date ; ex:min 4 ; ex:max 4 ;
            ex:name "a" ; ex:label "a" ; ex:alias "b" .""",
         frozenset({("e1", "LessThanConstraintComponent", "2026-05-01"),
                    ("e1", "LessThanOrEqualsConstraintComponent", "5"),
                    ("e1", "LessThanOrEqualsConstraintComponent", "3"),
                    ("e1", "EqualsConstraintComponent", "b"), ("e1", "EqualsConstraintComponent", "c"),
                    ("e1", "DisjointConstraintComponent", "b"), ("e1", "DisjointConstraintComponent", "e1")})),
    Case("node, also when the node shape only warns", """
        ex:Owner a sh:NodeShape ; sh:targetClass ex:Owner ;
            sh:property [ sh:path ex:address ; sh:node ex:AddressShape ] ,
                [ sh:path ex:office ; sh:node ex:SoftShape ] .
        ex:AddressShape a sh:NodeShape ; sh:property [ sh:path ex:city ; sh:minCount 1 ] .
        ex:SoftShape a sh:NodeShape ; sh:severity sh:Warning ; sh:class ex:Office .""", """
        ex:o1 a ex:Owner ; ex:address ex:a1 , ex:a2 ; ex:office ex:f1 .
        ex:a1 ex:city "Lai Châu" .""", """
        ex:o1 a ex:Owner ; ex:address ex:a1 ; ex:office ex:f1 . ex:a1 ex:city "Lai Châu" . ex:f1 a ex:Office .""",
         frozenset({("o1", "NodeConstraintComponent", "a2"), ("o1", "NodeConstraintComponent", "f1")})),
    Case("not, and, or, xone; a warning member of sh:or always conforms", """
        ex:S a sh:NodeShape ; sh:targetNode ex:x1 ;
            sh:property [ sh:path ex:p ; sh:not [ sh:class ex:Forbidden ] ] ,
                [ sh:path ex:q ; sh:and ( [ sh:datatype xsd:integer ] [ sh:minInclusive 0 ] ) ] ,
                [ sh:path ex:r ; sh:or ( [ sh:datatype xsd:gYear ] [ sh:datatype xsd:gYearMonth ] ) ] ,
                [ sh:path ex:s ; sh:xone ( [ sh:nodeKind sh:IRI ] [ sh:class ex:Thing ] ) ] ,
                [ sh:path ex:w ; sh:or ( [ sh:severity sh:Warning ; sh:datatype xsd:integer ] [ sh:datatype xsd:date ] ) ] .""",
         """
        ex:bad a ex:Forbidden . ex:both a ex:Thing .
        ex:x1 ex:p ex:bad , ex:fine ; ex:q -1 , 2 , "3" ; ex:r "2026"^^xsd:gYear , "2026-05" ;
            ex:s ex:both , ex:plain , "lit" ; ex:w "abc" .""", """
        ex:x1 ex:p ex:fine ; ex:q 2 ; ex:r "2026-05"^^xsd:gYearMonth ; ex:s ex:plain .""",
         frozenset({("x1", "NotConstraintComponent", "bad"), ("x1", "AndConstraintComponent", "-1"),
                    ("x1", "AndConstraintComponent", "3"), ("x1", "OrConstraintComponent", "2026-05"),
                    ("x1", "XoneConstraintComponent", "both"), ("x1", "XoneConstraintComponent", "lit")})),
    Case("qualifiedValueShape, with disjoint siblings", """
        ex:BodyShape a sh:NodeShape ; sh:targetClass ex:Body ;
            sh:property [ sh:path ex:label ; sh:qualifiedValueShape [ sh:languageIn ( "vi" ) ] ;
                          sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1 ] .
        ex:CarShape a sh:NodeShape ; sh:targetClass ex:Car ;
            sh:property [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Wheel ] ; sh:qualifiedMinCount 2 ;
                          sh:qualifiedValueShapesDisjoint true ] ,
                [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Engine ] ; sh:qualifiedMinCount 1 ;
                  sh:qualifiedValueShapesDisjoint true ] .""", """
        ex:b1 a ex:Body ; ex:label "a"@en . ex:b2 a ex:Body ; ex:label "a"@vi , "b"@vi .
        ex:car a ex:Car ; ex:part ex:w1 , ex:w2 , ex:e1 . ex:w1 a ex:Wheel . ex:w2 a ex:Wheel , ex:Engine . ex:e1 a ex:Engine .""",
         """
        ex:b1 a ex:Body ; ex:label "a"@vi , "a"@en .
        ex:car a ex:Car ; ex:part ex:w1 , ex:w2 , ex:e1 . ex:w1 a ex:Wheel . ex:w2 a ex:Wheel . ex:e1 a ex:Engine .""",
         frozenset({("b1", "QualifiedMinCountConstraintComponent", None),
                    ("b2", "QualifiedMaxCountConstraintComponent", None),
                    ("car", "QualifiedMinCountConstraintComponent", None)})),
    Case("closed, with ignored properties", """
        ex:PointShape a sh:NodeShape ; sh:targetClass ex:Point ; sh:closed true ; sh:ignoredProperties ( rdf:type ) ;
            sh:property [ sh:path ex:x ] , [ sh:path ex:y ] .""", """
        ex:p1 a ex:Point ; ex:x 1 ; ex:y 2 ; ex:z 3 .""", """
        ex:p1 a ex:Point ; ex:x 1 ; ex:y 2 .""",
         frozenset({("p1", "ClosedConstraintComponent", "3")})),
    Case("SPARQL constraints: $this, $PATH, GROUP BY $this, a query run per focus node", """
        <urn:shapes> a owl:Ontology ; sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
        ex:Older a sh:NodeShape ; sh:targetClass ex:Doc ;
            sh:sparql [ sh:prefixes <urn:shapes> ; sh:message "{$this} ({?date}) predates {?value}"@en ;
                sh:select "SELECT $this ?value ?date WHERE { $this ex:implements ?value ; ex:date ?date . ?value ex:date ?d2 . FILTER(?date < ?d2) }" ] .
        ex:Path a sh:PropertyShape ; sh:targetClass ex:Doc ; sh:path ex:implements ;
            sh:sparql [ sh:prefixes <urn:shapes> ;
                sh:select "SELECT $this ?value WHERE { $this $PATH ?value . FILTER NOT EXISTS { ?value a ex:Doc } }" ] .
        ex:Many a sh:NodeShape ; sh:targetClass ex:Doc ;
            sh:sparql [ sh:prefixes <urn:shapes> ;
                sh:select "SELECT $this (COUNT(?x) AS ?n) WHERE { $this ex:implements ?x } GROUP BY $this HAVING (COUNT(?x) > 1)" ] .
        ex:Loop a sh:NodeShape ; sh:targetClass ex:Doc ;
            sh:sparql [ sh:prefixes <urn:shapes> ;
                sh:select "SELECT $this ?value WHERE { { ?value ex:cites ?y FILTER(?y = $this) } UNION { $this ex:cites ?value } }" ] ,
                [ sh:prefixes <urn:shapes> ; sh:deactivated true ; sh:select "SELECT $this WHERE { $this ?p ?o }" ] .""",
         """
        ex:d1 a ex:Doc ; ex:date "2026-01-01"^^xsd:date ; ex:implements ex:d2 , ex:ghost .
        ex:d2 a ex:Doc ; ex:date "2026-03-01"^^xsd:date ; ex:cites ex:d1 .""", """
        ex:d1 a ex:Doc ; ex:date "2026-05-01"^^xsd:date ; ex:implements ex:d2 .
        ex:d2 a ex:Doc ; ex:date "2026-03-01"^^xsd:date .""",
         frozenset({("d1", "SPARQLConstraintComponent", "d2"), ("d1", "SPARQLConstraintComponent", "ghost"),
                    ("d1", "SPARQLConstraintComponent", "d1"), ("d2", "SPARQLConstraintComponent", "d1")})),
    Case("targets: absent target nodes, subjects and objects of, implicit classes, SPARQL targets", """
        <urn:shapes> a owl:Ontology ; sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
        ex:Ghost a sh:NodeShape ; sh:targetNode ex:ghost ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
        ex:Objects a sh:NodeShape ; sh:targetObjectsOf ex:timing ; sh:property [ sh:path ex:kind ; sh:minCount 1 ] .
        ex:Person a rdfs:Class , sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
        ex:Rows a sh:NodeShape ;
            sh:target [ a sh:SPARQLTarget ; sh:prefixes <urn:shapes> ;
                sh:select "SELECT ?this WHERE { ?this ex:locator ?l FILTER(STRSTARTS(?l, \\"PL\\")) }" ] ;
            sh:property [ sh:path ex:lead ; sh:minCount 1 ] .""", """
        ex:t1 ex:timing ex:tm1 ; ex:locator "PL1/2" . ex:t2 ex:locator "body/1" .
        ex:pat a ex:Person .""", """
        ex:ghost ex:name "g" . ex:t1 ex:timing ex:tm1 ; ex:locator "PL1/2" ; ex:lead ex:b . ex:tm1 ex:kind ex:k .
        ex:pat a ex:Person ; ex:name "Pat" .""",
         frozenset({("ghost", "MinCountConstraintComponent", None), ("tm1", "MinCountConstraintComponent", None),
                    ("pat", "MinCountConstraintComponent", None), ("t1", "MinCountConstraintComponent", None)})),
    Case("paths: inverse, alternative, zeroOrMore, zeroOrOne", """
        ex:S a sh:NodeShape ; sh:targetClass ex:Part ;
            sh:property [ sh:path [ sh:inversePath ex:has ] ; sh:minCount 1 ] ,
                [ sh:path [ sh:alternativePath ( ex:a ex:b ) ] ; sh:maxCount 1 ] ,
                [ sh:path ( [ sh:zeroOrMorePath ex:partOf ] rdf:type ) ; sh:hasValue ex:Document ] ,
                [ sh:path [ sh:zeroOrOnePath ex:next ] ; sh:maxCount 1 ] .""", """
        ex:doc a ex:Document ; ex:has ex:k1 .
        ex:k1 a ex:Part ; ex:partOf ex:doc ; ex:a 1 ; ex:b 2 .
        ex:k2 a ex:Part ; ex:partOf ex:loose ; ex:next ex:k1 .""", """
        ex:doc a ex:Document ; ex:has ex:k1 . ex:k1 a ex:Part ; ex:partOf ex:doc ; ex:a 1 .""",
         frozenset({("k2", "MinCountConstraintComponent", None), ("k1", "MaxCountConstraintComponent", None),
                    ("k2", "HasValueConstraintComponent", None), ("k2", "MaxCountConstraintComponent", None)})),
    Case("severities and sh:deactivated", """
        ex:Warn a sh:NodeShape ; sh:targetClass ex:C ; sh:severity sh:Warning ;
            sh:property [ sh:path ex:a ; sh:minCount 1 ; sh:severity sh:Info ] .
        ex:Critical a sh:NodeShape ; sh:targetClass ex:C ; sh:severity ex:Critical ; sh:class ex:D .
        ex:Off a sh:NodeShape ; sh:targetClass ex:C ; sh:deactivated true ; sh:class ex:E .
        ex:OffProperty a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:b ; sh:minCount 1 ; sh:deactivated true ] .""", """
        ex:c1 a ex:C .""", """
        ex:c1 a ex:C , ex:D ; ex:a 1 .""",
         frozenset({("c1", "MinCountConstraintComponent", None), ("c1", "ClassConstraintComponent", "c1")})),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_component_gives_pyshacls_results_on_violating_data(case: Case) -> None:
    fast = assert_same_as_pyshacl(data_graph(case.bad), shapes_graph(case.shapes))
    assert case.expected <= found(fast)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_component_finds_nothing_in_conforming_data(case: Case) -> None:
    fast = assert_same_as_pyshacl(data_graph(case.good), shapes_graph(case.shapes))
    assert fast.results == () and fast.conforms


def test_warnings_and_infos_do_not_break_conformance_but_other_severities_do() -> None:
    shapes = shapes_graph(CASES[-1].shapes)
    warned = validate_fast(data_graph("ex:c1 a ex:C , ex:D ."), shapes)
    assert {short(r.severity) for r in warned.results} == {str(SH.Info)} and warned.conforms
    critical = validate_fast(data_graph("ex:c1 a ex:C ; ex:a 1 ."), shapes)
    assert {short(r.severity) for r in critical.results} == {"Critical"} and not critical.conforms


def test_results_carry_every_message_of_the_shape_and_fill_sparql_templates() -> None:
    shapes = shapes_graph("""
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:name ; sh:minCount 1 ;
                          sh:message "A name is missing."@en , "Thiếu tên."@vi ] .
        ex:Bare a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:code ; sh:minCount 1 ] .
        ex:Q a sh:NodeShape ; sh:targetClass ex:C ;
            sh:message "{$this} cites {?value}"@en , "{$this} trích dẫn {?value}"@vi ;
            sh:sparql [ sh:select "SELECT $this ?value WHERE { $this <http://example.org/cites> ?value }" ] .""")
    fast = validate_fast(data_graph("ex:c1 a ex:C ; ex:cites ex:c2 ."), shapes)
    by_path = {short(r.path.iri) if r.path else "Q": r for r in fast.results}  # type: ignore[union-attr]
    assert by_path["name"].message("en") == "A name is missing." and by_path["name"].message("vi") == "Thiếu tên."
    assert by_path["Q"].message("en") == f"{EX}c1 cites {EX}c2"
    assert by_path["Q"].message("vi") == f"{EX}c1 trích dẫn {EX}c2"
    assert {m.language for m in by_path["code"].messages} == {"en", "vi"}


def test_result_paths_keep_the_shape_of_the_path() -> None:
    shapes = shapes_graph("""
        ex:S a sh:NodeShape ; sh:targetNode ex:k ;
            sh:property [ sh:path ( [ sh:oneOrMorePath ex:partOf ] [ sh:inversePath ex:has ] ) ; sh:minCount 1 ] .""")
    fast = validate_fast(data_graph("ex:k ex:partOf ex:p ."), shapes)
    partof, has = URIRef(EX + "partOf"), URIRef(EX + "has")
    assert [r.path for r in fast.results] == [
        SequencePath((RepeatPath(PredicatePath(partof), "+"), InversePath(PredicatePath(has))))]


def test_the_report_graph_is_a_validation_report_with_the_same_results() -> None:
    case = next(c for c in CASES if c.name.startswith("SPARQL"))
    fast = validate_fast(data_graph(case.bad), shapes_graph(case.shapes))
    graph = fast.report_graph()
    report = graph.value(predicate=SH.conforms, any=False)
    assert report is None or isinstance(report, BNode)
    assert set(graph.objects(None, SH.conforms)) == {Literal(False)}
    assert sorted(result_keys(graph), key=str) == sorted((r.key for r in fast.results), key=str)
    assert all(graph.value(r, SH.sourceConstraint) is not None for r in graph.objects(None, SH.result))


def test_an_ontology_given_apart_from_the_data_is_mixed_in() -> None:
    shapes = shapes_graph("ex:S a sh:NodeShape ; sh:targetClass ex:Super ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .")
    graph = data_graph("ex:x a ex:Sub .")
    assert validate_fast(graph, shapes).results == ()
    ontology = Graph().parse(data=PREFIXES + "ex:Sub rdfs:subClassOf ex:Super .", format="turtle")
    assert found(validate_fast(graph, shapes, ontology)) == {("x", "MinCountConstraintComponent", None)}
    assert len(graph.store) == 1  # the caller's store is left as it was


# -- what the fast validator refuses ------------------------------------------------------------------

@pytest.mark.parametrize("shapes, named, says", [
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCont 1 ] .",
     "http://example.org/S", "minCont"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:rule [ a sh:TripleRule ] .", "http://example.org/S", "sh:rule"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:S .", "http://example.org/S", "recursive"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount \"1\" ] .",
     "http://example.org/S", "xsd:integer"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:minCount 1 .", "http://example.org/S", "property shapes"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select \"SELECT ?o WHERE { $this ?p ?o }\" ] .",
     "http://example.org/S", "$this"),
    (("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "
      "\"SELECT $this WHERE { $this ?p ?o } VALUES ?p { ex:a }\" ] ."), "http://example.org/S", "VALUES"),
])
def test_a_shape_it_cannot_validate_is_an_error_naming_the_shape(shapes: str, named: str, says: str) -> None:
    with pytest.raises(ShapeError) as error:
        validate_fast(data_graph("ex:c a ex:C ; ex:p 1 ."), shapes_graph(shapes))
    assert named in str(error.value) and says in str(error.value)
    assert "ràng buộc" in str(error.value)


def test_comparing_a_blank_node_stops_both_validators() -> None:
    shapes = shapes_graph("ex:S a sh:NodeShape ; sh:targetNode ex:e ; sh:property [ sh:path ex:start ; sh:lessThan ex:end ] .")
    graph = data_graph("ex:e ex:start [ ex:x 1 ] .")
    with pytest.raises(DataError):
        validate_fast(graph, shapes)
    with pytest.raises(LineageError):
        run(DataGraph(graph.store), shapes)


# -- the project's shapes: on the corpus and on a synthetic corpus --------------------------------------

@pytest.fixture(scope="session")
def project_shapes() -> Graph:
    return load_shapes(Config.default().shapes_dir).graph


@pytest.fixture(scope="session")
def corpus_graph() -> LoadedGraph:
    return load(Config.default(), prefer_disk=False)


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[LoadedGraph, list[dict]]:
    folder = tmp_path_factory.mktemp("synth") / "small"
    config = Config.default()
    generate(SynthSpec(provinces=2, ministries=2, directives=3, tasks_per_plan=8, seed=3), folder, config.base_iri)
    defects = json.loads((folder / "defects.json").read_text(encoding="utf-8"))
    return load(config.with_data(folder), prefer_disk=False), defects


def test_the_corpus_gets_pyshacls_results_from_the_projects_shapes(corpus_graph: LoadedGraph, project_shapes: Graph) -> None:
    fast = assert_same_as_pyshacl(corpus_graph, project_shapes, flat=True)
    shapes = set(project_shapes.subjects())
    assert fast.results and all(r.source_shape in shapes for r in fast.results)


def test_a_synthetic_corpus_gets_pyshacls_results(synthetic: tuple[LoadedGraph, list[dict]], project_shapes: Graph) -> None:
    graph, _ = synthetic
    assert_same_as_pyshacl(graph, project_shapes, flat=True)


def test_the_planted_cycle_and_date_inversion_are_reported(synthetic: tuple[LoadedGraph, list[dict]],
                                                           project_shapes: Graph) -> None:
    graph, defects = synthetic
    focus = {str(r.focus) for r in validate_fast(graph, project_shapes).results}
    planted = {d["kind"]: d["subjects"] for d in defects}
    assert set(planted["cycle"]) <= focus
    assert planted["date_inversion"][0] in focus


def test_worker_processes_give_the_same_results(synthetic: tuple[LoadedGraph, list[dict]], project_shapes: Graph) -> None:
    graph, _ = synthetic
    alone = validate_fast(graph, project_shapes, workers=1)
    shared = validate_fast(graph, project_shapes, workers=2)
    assert shared.results == alone.results and shared.conforms == alone.conforms


def test_every_query_is_timed_by_check(corpus_graph: LoadedGraph, project_shapes: Graph) -> None:
    fast = validate_fast(corpus_graph, project_shapes)
    assert fast.queries >= len(fast.seconds) > 0
    assert all(label.startswith(("http", "a blank node")) for label in fast.seconds)


@pytest.mark.parametrize("select", [
    "SELECT ?this WHERE { ?this a ex:C }",
    "SELECT DISTINCT ?this WHERE { ?this a ex:C FILTER NOT EXISTS { ?this ex:skip true } }",
    "SELECT ?this WHERE { ?this a ex:C } ORDER BY ?this LIMIT 2",
    "SELECT (?x AS ?this) WHERE { ?x a ex:C }",
])
def test_a_sparql_target_limited_to_some_nodes_gives_their_results(select: str) -> None:
    """The focus nodes are put inside the target's query where that keeps its answer (no modifier, ?this itself)."""
    graph = data_graph("ex:a a ex:C . ex:b a ex:C . ex:c a ex:C ; ex:skip true . ex:d a ex:C ; ex:p 1 .")
    shapes = shapes_graph(f"""
        ex:S a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select "{select}" ; sh:prefixes ex:ns ] ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ] .
        ex:ns sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
    """)
    full = {str(r.focus) for r in validate_fast(graph, shapes).results}
    for some in ({"a", "c"}, {"b", "d"}, set()):
        nodes = {ox.NamedNode(f"http://example.org/{name}") for name in some}
        limited = validate_fast(graph, shapes, focus={URIRef("http://example.org/S"): nodes})
        assert {str(r.focus) for r in limited.results} == {f for f in full if f.rsplit("/", 1)[-1] in some}
