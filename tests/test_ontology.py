"""The ontology parses, labels every term in both languages, and matches the closed namespaces."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from lineage.config import Config
from lineage.namespaces import LIN, SCHEMES
from lineage.ontology_doc import read_ontology, render_page


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return read_ontology(Config.default().ontology_dir)


def _terms(graph: Graph) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme)
    return {s for k in kinds for s in graph.subjects(RDF.type, k) if isinstance(s, URIRef)}


def test_ontology_has_a_version_iri_and_declares_its_imports(ontology: Graph) -> None:
    onto = next(ontology.subjects(RDF.type, OWL.Ontology))
    assert next(ontology.objects(onto, OWL.versionIRI), None) is not None
    imports = {str(o) for o in ontology.objects(onto, OWL.imports)}
    assert "http://data.europa.eu/eli/ontology" in imports
    assert "http://www.w3.org/ns/prov-o" in imports


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_term_has_a_label_and_a_definition_in_both_languages(ontology: Graph, lang: str) -> None:
    missing = [
        str(term)
        for term in _terms(ontology)
        for prop in (RDFS.label, SKOS.definition)
        if not any(getattr(v, "language", None) == lang for v in ontology.objects(term, prop))
    ]
    assert missing == []


def test_lin_namespace_matches_the_ontology(ontology: Graph) -> None:
    declared = {str(t) for t in _terms(ontology) if str(t).startswith(str(LIN._NS))}
    in_code = {str(LIN._NS) + name for name in vars(LIN)["__annotations__"]}
    assert declared == in_code


@pytest.mark.parametrize("prefix", sorted(SCHEMES))
def test_scheme_namespaces_match_the_scheme_files(ontology: Graph, prefix: str) -> None:
    namespace = SCHEMES[prefix]
    base = str(namespace._NS)
    concepts = {str(c) for c in ontology.subjects(RDF.type, SKOS.Concept) if str(c).startswith(base)}
    in_code = {base + name for name in list(vars(namespace).get("__annotations__", {})) + list(vars(namespace).get("_extras", []))}
    assert concepts == in_code


def test_the_scheme_of_document_types_has_the_codes_printed_in_symbols(ontology: Graph) -> None:
    codes = {str(n) for n in ontology.objects(None, SKOS.notation)}
    assert {"NQ", "KL", "CT", "QĐ", "CTr", "KH", "CV", "BC", "HD", "TB", "NĐ", "TT", "ĐA"} <= codes


def test_the_ontology_page_lists_classes_properties_and_schemes_in_both_languages(ontology: Graph) -> None:
    page = render_page(ontology)
    assert "lin:Task" in page and "Nhiệm vụ" in page and "Task" in page
    assert "lin:printedSymbol" in page and "Thường xuyên" in page
