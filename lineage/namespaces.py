"""Vocabularies as closed namespaces: a term that is not declared is an error.

``LIN`` and the scheme namespaces mirror ``ontology/``; a test fails when they drift.

>>> str(LIN.Task)
'https://w3id.org/lineage-vn/def#Task'
>>> LIN.Tsak  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
AttributeError: term 'Tsak' not in namespace
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/lineage-vn/def"
SCHEME_BASE = "https://w3id.org/lineage-vn/scheme/"


class LIN(DefinedNamespace):
    """The Lineage ontology (``ontology/lineage.ttl``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    UnnumberedDocument: URIRef
    Task: URIRef
    IndicatorValue: URIRef
    Target: URIRef
    Observation: URIRef
    ReportStatement: URIRef
    StatedLink: URIRef
    InferredLink: URIRef
    SourceText: URIRef
    LineRangeSelector: URIRef
    printedSymbol: URIRef
    printedDate: URIRef
    datePartial: URIRef
    dateNotPrinted: URIRef
    level: URIRef
    key: URIRef
    reportsOn: URIRef
    isSource: URIRef
    locator: URIRef
    printedNumber: URIRef
    sequence: URIRef
    timing: URIRef
    printedTiming: URIRef
    timingKind: URIRef
    resources: URIRef
    notes: URIRef
    group: URIRef
    indicator: URIRef
    sector: URIRef
    value: URIRef
    valueMax: URIRef
    comparator: URIRef
    printedValue: URIRef
    unit: URIRef
    period: URIRef
    valueKind: URIRef
    responsible: URIRef
    statedIn: URIRef
    aboutDirective: URIRef
    aspect: URIRef
    inferenceMethod: URIRef
    confidence: URIRef
    rationale: URIRef
    fileName: URIRef
    textQuality: URIRef
    lineStart: URIRef
    lineEnd: URIRef
    readerNote: URIRef


class ELI(DefinedNamespace):
    """European Legislation Identifier ontology: the terms Lineage uses."""

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True

    LegalResource: URIRef
    LegalResourceSubdivision: URIRef
    ensures_implementation_of: URIRef
    based_on: URIRef
    cites: URIRef
    id_local: URIRef
    date_document: URIRef
    passed_by: URIRef
    type_document: URIRef
    is_part_of: URIRef
    has_part: URIRef


class ELI_DL(DefinedNamespace):
    """ELI draft-legislation ontology: foreseen activities and participation."""

    _NS = Namespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
    _fail = True

    ForeseenActivity: URIRef
    Participation: URIRef
    had_participation: URIRef
    had_participant_organization: URIRef
    participation_role: URIRef
    had_responsible_organization: URIRef


class OA(DefinedNamespace):
    """Web Annotation vocabulary: passages and their selectors."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    FragmentSelector: URIRef
    Selector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef


class _Scheme(DefinedNamespace):
    _fail = True
    _underscore_num = True


class LIN_TYPE(_Scheme):
    """Document types (``ontology/schemes/document-type.ttl``)."""

    _NS = Namespace(SCHEME_BASE + "document-type/")
    nq: URIRef
    kl: URIRef
    ct: URIRef
    qd: URIRef
    ctr: URIRef
    kh: URIRef
    cv: URIRef
    bc: URIRef
    hd: URIRef
    tb: URIRef
    nd: URIRef
    tt: URIRef
    da: URIRef
    qh: URIRef
    ttr: URIRef
    qc: URIRef
    _extras = ["quy-hoach", "hien-phap", "chien-luoc", "dieu-le", "thoa-thuan", "kich-ban"]


class LIN_LEVEL(_Scheme):
    """Levels (``ontology/schemes/level.ttl``)."""

    _NS = Namespace(SCHEME_BASE + "level/")
    central: URIRef
    province: URIRef
    agency: URIRef
    commune: URIRef


class LIN_ROLE(_Scheme):
    """Participation roles (``ontology/schemes/role.ttl``)."""

    _NS = Namespace(SCHEME_BASE + "role/")
    lead: URIRef
    coordinating: URIRef


class LIN_TIMING(_Scheme):
    """Timing kinds (``ontology/schemes/timing.ttl``)."""

    _NS = Namespace(SCHEME_BASE + "timing/")
    period: URIRef
    continuous: URIRef
    conditional: URIRef
    recurring: URIRef
    done: URIRef
    unspecified: URIRef
    _extras = ["fixed-date"]


class LIN_VALUE(_Scheme):
    """Kinds of indicator value (``ontology/schemes/value-kind.ttl``)."""

    _NS = Namespace(SCHEME_BASE + "value-kind/")
    target: URIRef
    scenario: URIRef
    contribution: URIRef
    observation: URIRef


class LIN_ASPECT(_Scheme):
    """Report aspects (``ontology/schemes/aspect.ttl``)."""

    _NS = Namespace(SCHEME_BASE + "aspect/")
    status: URIRef
    difficulty: URIRef
    proposal: URIRef


class LIN_METHOD(_Scheme):
    """Inference methods (``ontology/schemes/method.ttl``)."""

    _NS = Namespace(SCHEME_BASE + "method/")
    _extras = ["footnote-grouping", "date-order", "title-match", "congress-chain"]


class LIN_TOPIC(_Scheme):
    """Topics (``ontology/schemes/topic.ttl``)."""

    _NS = Namespace(SCHEME_BASE + "topic/")
    education: URIRef
    health: URIRef
    _extras = [
        "science-technology",
        "international-integration",
        "law-making",
        "private-economy",
        "energy-security",
        "economic-growth",
        "party-building",
    ]


SCHEMES: dict[str, type[DefinedNamespace]] = {
    "lin-type": LIN_TYPE,
    "lin-level": LIN_LEVEL,
    "lin-role": LIN_ROLE,
    "lin-timing": LIN_TIMING,
    "lin-value": LIN_VALUE,
    "lin-aspect": LIN_ASPECT,
    "lin-method": LIN_METHOD,
    "lin-topic": LIN_TOPIC,
}
"""Scheme namespaces by their Turtle prefix."""

PREFIXES: dict[str, str] = {
    "lin": str(LIN._NS),
    "eli": str(ELI._NS),
    "eli-dl": str(ELI_DL._NS),
    "oa": str(OA._NS),
    "org": str(ORG),
    "prov": str(PROV),
    "time": str(TIME),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    **{prefix: str(ns._NS) for prefix, ns in SCHEMES.items()},
}

__all__ = [
    "ELI",
    "ELI_DL",
    "LIN",
    "LIN_ASPECT",
    "LIN_LEVEL",
    "LIN_METHOD",
    "LIN_ROLE",
    "LIN_TIMING",
    "LIN_TOPIC",
    "LIN_TYPE",
    "LIN_VALUE",
    "OA",
    "PREFIXES",
    "SCHEMES",
]
