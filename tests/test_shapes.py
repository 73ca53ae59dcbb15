"""The shapes themselves: their case files, their names and messages, SHACL-SHACL, and the schemes they list.

Each file under tests/shapes/ is a pySHACL-style case (DASH ``GraphValidationTestCase``):
data added to tests/shapes/base.ttl and the ontology, and the expected
``sh:ValidationReport``. The results must be exactly the expected ones, every
shape must fail in some case and hold for some focus node in another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS

from lineage.config import Config
from lineage.errors import InputError
from lineage.validate.engine import DataGraph, run
from lineage.validate.results import Severity, read_results
from lineage.validate.shapes import Shapes, check_shapes, load_shapes

CASES = Path(__file__).parent / "shapes"
BASE = CASES / "base.ttl"
DASH = Namespace("http://datashapes.org/dash#")
LIN_SH = "https://w3id.org/lineage-vn/shapes#"
CONFIG = Config.default()

NOT_CONSTRAINTS = {SH[n] for n in (
    "name", "message", "severity", "property", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf",
    "target", "path", "description", "group", "order", "deactivated", "prefixes", "declare",
)}
"""Parameters of a shape that are not constraints: a shape with nothing else only groups others."""

Key = tuple[str, str, str, Any]
"""A result as compared: focus node, source shape, severity, value (None when it has none)."""


def case_files() -> list[Path]:
    """Every case file: tests/shapes/<concern>/<Shape>.ttl."""
    return sorted(p for p in CASES.glob("*/*.ttl"))


@dataclass
class CaseRun:
    """A case file, what it expects and what validation gave."""

    path: Path
    expected: set[Key]
    conforms_expected: bool
    actual: set[Key]
    conforms: bool
    targets: dict[str, set[str]]
    data: DataGraph


@pytest.fixture(scope="session")
def shapes() -> Shapes:
    return load_shapes(CONFIG.shapes_dir)


@pytest.fixture(scope="session")
def runs(shapes: Shapes) -> dict[Path, CaseRun]:
    return {path: run_case(path, shapes) for path in case_files()}


def case_store(path: Path) -> ox.Store:
    """The ontology, the base graph and the case file, each in its own named graph."""
    store = ox.Store()
    for file in [*sorted(CONFIG.ontology_dir.rglob("*.ttl")), BASE, path]:
        store.load(path=str(file), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(file.resolve().as_uri()))
    return store


def run_case(path: Path, shapes: Shapes) -> CaseRun:
    expected_graph = Graph().parse(path, format="turtle")
    report = next(expected_graph.objects(None, DASH.expectedResult))
    expected = {_key(expected_graph, r) for r in expected_graph.objects(report, SH.result)}
    data = DataGraph(case_store(path))
    conforms, report_graph = run(data, shapes.flat)
    actual = {_key(report_graph, r) for r in report_graph.subjects(RDF.type, SH.ValidationResult)}
    return CaseRun(path, expected, bool(expected_graph.value(report, SH.conforms)), actual, conforms,
                   _targets(shapes.flat, data), data)


def _key(graph: Graph, result: Any) -> Key:
    value = graph.value(result, SH.value)
    if isinstance(value, Literal):
        value = (str(value.datatype or value.language or ""), value.toPython())
    elif value is not None:
        value = str(value)
    return (str(graph.value(result, SH.focusNode)), str(graph.value(result, SH.sourceShape)),
            str(graph.value(result, SH.resultSeverity)), value)


def reporting_shapes(shapes: Shapes) -> list[URIRef]:
    """The shapes that carry constraints of their own (a shape that only groups property shapes reports nothing)."""
    return sorted(
        node for node in set(shapes.graph.subjects(SH.severity, None))
        if isinstance(node, URIRef) and any(p.startswith(str(SH)) and p not in NOT_CONSTRAINTS
                                            for p in shapes.graph.predicates(node, None))
    )


def _targets(flat: Graph, data: DataGraph) -> dict[str, set[str]]:
    """Shape IRI → the focus nodes its targets select in ``data`` (as pySHACL selects them)."""
    prefixes = "".join(f"PREFIX {flat.value(d, SH.prefix)}: <{flat.value(d, SH.namespace)}>\n"
                       for d in flat.objects(None, SH.declare))
    found: dict[str, set[str]] = {}
    for shape in {s for s in flat.subjects(None, None) if isinstance(s, URIRef) and str(s).startswith(LIN_SH)}:
        nodes: set[Any] = set()
        for cls in flat.objects(shape, SH.targetClass):
            for sub in data.transitive_subjects(RDFS.subClassOf, cls):
                nodes |= set(data.subjects(RDF.type, sub))
        for prop in flat.objects(shape, SH.targetSubjectsOf):
            nodes |= {s for s, _ in data.subject_objects(prop)}
        for prop in flat.objects(shape, SH.targetObjectsOf):
            nodes |= {o for _, o in data.subject_objects(prop)}
        for target in flat.objects(shape, SH.target):
            nodes |= {row["this"] for row in data.query(prefixes + str(flat.value(target, SH.select)))}
        found[str(shape)] = {str(n) for n in nodes}
    return found


# -- the case files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", case_files(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case_gives_exactly_the_expected_results(path: Path, runs: dict[Path, CaseRun]) -> None:
    case = runs[path]
    assert case.actual - case.expected == set(), "unexpected results"
    assert case.expected - case.actual == set(), "expected results missing"
    assert case.conforms == case.conforms_expected


def test_the_base_graph_conforms_without_any_result(shapes: Shapes) -> None:
    conforms, report = run(DataGraph(case_store(BASE)), shapes.flat)
    assert conforms
    assert list(report.subjects(RDF.type, SH.ValidationResult)) == []


def test_every_shape_has_a_failing_example(shapes: Shapes, runs: dict[Path, CaseRun]) -> None:
    failing = {key[1] for case in runs.values() for key in case.expected}
    missing = [str(s) for s in reporting_shapes(shapes) if str(s) not in failing]
    assert missing == [], "shapes without a failing example in tests/shapes/"


def test_every_shape_has_a_conforming_example(shapes: Shapes, runs: dict[Path, CaseRun]) -> None:
    """Some focus node the shape targets, in some case, gives no result from it."""
    without = []
    for shape in map(str, reporting_shapes(shapes)):
        holds = any(
            focus for case in runs.values() for focus in case.targets.get(shape, set())
            if not any(k[0] == focus and k[1] == shape for k in case.actual)
        )
        if not holds:
            without.append(shape)
    assert without == [], "shapes without a conforming example in tests/shapes/"


def test_every_case_file_names_its_shape_and_breaks_it(shapes: Shapes, runs: dict[Path, CaseRun]) -> None:
    for path, case in runs.items():
        shape = LIN_SH + path.stem
        assert (URIRef(shape), RDF.type, SH.NodeShape) in shapes.graph, f"{path.name}: no shape {shape}"
        assert any(k[1] == shape or k[1].startswith(shape + "-") for k in case.expected), path.name


def test_flattening_keeps_the_results(shapes: Shapes, runs: dict[Path, CaseRun]) -> None:
    """The speed-up of lineage.validate.engine.flatten (targets moved onto property shapes) changes no result."""
    for case in runs.values():
        nested = run(case.data, shapes.graph)[1]
        assert {_key(nested, r) for r in nested.subjects(RDF.type, SH.ValidationResult)} == case.actual, case.path.name


# -- the shapes graph -------------------------------------------------------------------------------


def test_shapes_are_well_formed_shacl(shapes: Shapes) -> None:
    check_shapes(shapes)


def test_every_shape_has_a_name_and_a_message_in_both_languages(shapes: Shapes) -> None:
    graph = shapes.graph
    named = {s for t in (SH.NodeShape, SH.PropertyShape) for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)}
    assert len(named) > 60
    for shape in named:
        for prop in (SH.name, SH.message):
            languages = {getattr(lit, "language", None) for lit in graph.objects(shape, prop)}
            assert {"vi", "en"} <= languages, f"{shape}: {prop} in vi and en"
        assert graph.value(shape, SH.severity) in {s.iri for s in Severity}, f"{shape}: explicit sh:severity"


def test_shapes_are_named_after_their_class_or_concern(shapes: Shapes) -> None:
    graph = shapes.graph
    for shape in graph.subjects(RDF.type, SH.NodeShape):
        if isinstance(shape, URIRef):
            assert str(shape).startswith(LIN_SH) and str(shape).endswith("Shape"), shape
    for node, prop in graph.subject_objects(SH.property):
        assert str(prop).startswith(str(node) + "-"), f"{prop} belongs to {node}"


def test_every_shape_is_written_in_one_file_with_its_line(shapes: Shapes) -> None:
    for iri, info in shapes.info.items():
        assert info.file is not None and info.line is not None, iri
        assert info.file.read_text(encoding="utf-8").splitlines()[info.line - 1].lstrip().startswith(
            "lin-sh:" + iri.split("#")[1]), iri


def test_listed_concepts_are_the_concepts_of_their_scheme(shapes: Shapes) -> None:
    """An sh:in list of scheme concepts names every concept of ontology/schemes/ and nothing else."""
    schemes = Graph()
    for path in CONFIG.ontology_dir.glob("schemes/*.ttl"):
        schemes.parse(path, format="turtle")
    members: dict[URIRef, set[URIRef]] = {}
    for concept, scheme in schemes.subject_objects(SKOS.inScheme):
        members.setdefault(scheme, set()).add(concept)
    checked = 0
    for listed in shapes.graph.objects(None, SH["in"]):
        values = set(Collection(shapes.graph, listed))
        scheme = next((s for s, m in members.items() if values & m), None)
        if scheme is not None:
            assert values == members[scheme], f"sh:in list for {scheme}"
            checked += 1
    assert checked >= 7


# -- malformed shapes -------------------------------------------------------------------------------


def _shapes_folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "shapes"
    folder.mkdir()
    (folder / "shapes.ttl").write_text((CONFIG.shapes_dir / "shapes.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.ttl").write_text(text, encoding="utf-8")
    return folder


_PREFIXES = """@prefix lin-sh: <https://w3id.org/lineage-vn/shapes#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix lin: <https://w3id.org/lineage-vn/def#> .
"""


def test_a_turtle_error_in_the_shapes_names_file_and_line(tmp_path: Path) -> None:
    folder = _shapes_folder(tmp_path, _PREFIXES + "\nlin-sh:TaskShape a sh:NodeShape ;\n    sh:targetClass lin:Task\n")
    with pytest.raises(InputError) as error:
        load_shapes(folder)
    assert error.value.path == folder / "broken.ttl" and error.value.line is not None


def test_an_ill_formed_shape_names_its_file_and_line(tmp_path: Path) -> None:
    folder = _shapes_folder(tmp_path, _PREFIXES + """
lin-sh:TaskShape a sh:NodeShape ;
    sh:targetClass lin:Task ;
    sh:property lin-sh:TaskShape-text .

lin-sh:TaskShape-text a sh:PropertyShape ;
    sh:path lin:description ;
    sh:minCount "one" .
""")
    with pytest.raises(InputError) as error:
        check_shapes(load_shapes(folder))
    assert error.value.path == folder / "broken.ttl" and error.value.line == 9
    assert "not well-formed SHACL" in error.value.problem


def test_a_sparql_error_in_the_shapes_names_file_and_line(tmp_path: Path) -> None:
    folder = _shapes_folder(tmp_path, _PREFIXES + """
lin-sh:TaskShape a sh:NodeShape ;
    sh:targetClass lin:Task ;
    sh:sparql [ sh:prefixes <https://w3id.org/lineage-vn/shapes> ; sh:select "SELECT $this WHERE { $this lin:x }" ] .
""")
    with pytest.raises(InputError) as error:
        check_shapes(load_shapes(folder))
    assert error.value.path == folder / "broken.ttl" and error.value.line == 5
    assert "SPARQL" in error.value.problem


def test_no_shapes_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_shapes(tmp_path)


def test_messages_read_back_in_both_languages(shapes: Shapes, runs: dict[Path, CaseRun]) -> None:
    """Messages filled in by pySHACL (SHACL-SPARQL) are matched back to their language."""
    path = CASES / "timing" / "TimingOrderShape.ttl"
    report = run(DataGraph(case_store(path)), shapes.flat)[1]
    templates = {iri: i.message for iri, i in shapes.info.items() if i.message}
    [result] = read_results(report, templates)
    assert result.message.en.startswith("The printed timing Năm 2026-203 ends on 0203-12-31")
    assert result.message.vi.startswith("Thời gian in Năm 2026-203 kết thúc ngày 0203-12-31")
