"""A human page for the ontology: classes, properties and schemes, in Vietnamese and English."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from lineage.describe import curie

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Term:
    """One documented term."""

    iri: str
    curie: str
    label_vi: str
    label_en: str
    definition_vi: str
    definition_en: str
    notation: str = ""
    extra: str = ""


@dataclass(frozen=True)
class Scheme:
    """A SKOS concept scheme and its concepts."""

    term: Term
    concepts: tuple[Term, ...]


def read_ontology(ontology_dir: Path) -> Graph:
    """Every Turtle file of ``ontology_dir`` in one rdflib graph."""
    graph = Graph()
    for path in sorted(ontology_dir.rglob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def _term(graph: Graph, iri: URIRef, extra: str = "") -> Term:
    def text(prop: URIRef, lang: str) -> str:
        values = [str(v) for v in graph.objects(iri, prop) if getattr(v, "language", None) == lang]
        return values[0] if values else ""

    return Term(
        iri=str(iri), curie=curie(str(iri)),
        label_vi=text(RDFS.label, "vi"), label_en=text(RDFS.label, "en"),
        definition_vi=text(SKOS.definition, "vi"), definition_en=text(SKOS.definition, "en"),
        notation=str(next(graph.objects(iri, SKOS.notation), "")), extra=extra,
    )


def _range_note(graph: Graph, iri: URIRef) -> str:
    parts = []
    for prop, name in ((RDFS.subClassOf, "⊑"), (RDFS.subPropertyOf, "⊑"), (RDFS.domain, "domain"), (RDFS.range, "range")):
        parts += [f"{name} {curie(str(v))}" for v in graph.objects(iri, prop) if isinstance(v, URIRef)]
    return "; ".join(parts)


def render_page(graph: Graph) -> str:
    """The HTML page."""
    ontology = next(graph.subjects(RDF.type, OWL.Ontology))
    classes = sorted((s for s in graph.subjects(RDF.type, OWL.Class) if isinstance(s, URIRef)), key=str)
    properties = sorted(
        {s for t in (OWL.ObjectProperty, OWL.DatatypeProperty) for s in graph.subjects(RDF.type, t) if isinstance(s, URIRef)},
        key=str,
    )
    schemes = []
    for scheme in sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        concepts = sorted(graph.subjects(SKOS.inScheme, scheme), key=str)
        schemes.append(Scheme(_term(graph, scheme), tuple(_term(graph, c) for c in concepts)))
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return environment.get_template("ontology.html.j2").render(
        ontology=_term(graph, ontology),
        version=str(next(graph.objects(ontology, OWL.versionIRI), "")),
        classes=[_term(graph, c, _range_note(graph, c)) for c in classes],
        properties=[_term(graph, p, _range_note(graph, p)) for p in properties],
        schemes=schemes,
    )
