"""The validation report as data: typed results read from pySHACL's ``sh:ValidationReport``.

>>> Severity.parse("warning") is Severity.WARNING
True
>>> [s.value for s in Severity.at_least(Severity.WARNING)]
['Violation', 'Warning']
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Identifier

from lineage.describe import curie
from lineage.errors import InputError

if TYPE_CHECKING:
    from lineage.validate.state import State


ALL_FOCUS_NODES = "all focus nodes / mọi nút"
"""The scope of a validation that checked every focus node."""


class Severity(enum.Enum):
    """SHACL severities, most severe first."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def rank(self) -> int:
        """0 for Violation, 1 for Warning, 2 for Info."""
        return list(Severity).index(self)

    @property
    def iri(self) -> URIRef:
        """The ``sh:`` IRI of the severity."""
        return SH[self.value]

    @property
    def label(self) -> str:
        """English / Vietnamese name."""
        return {"Violation": "Violation / Vi phạm", "Warning": "Warning / Cảnh báo", "Info": "Info / Ghi chú"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Severity:
        """The severity named ``text`` (any case)."""
        for severity in cls:
            if severity.value.lower() == text.strip().lower():
                return severity
        raise InputError("--severity", None, f"unknown severity '{text}'", "use Violation, Warning or Info")

    @classmethod
    def from_iri(cls, iri: str) -> Severity:
        """The severity of ``sh:Violation``, ``sh:Warning`` or ``sh:Info`` (anything else counts as a Violation)."""
        name = iri.rsplit("#", 1)[-1]
        return next((s for s in cls if s.value == name), cls.VIOLATION)

    @classmethod
    def at_least(cls, minimum: Severity) -> list[Severity]:
        """The severities as severe as ``minimum`` or more."""
        return [s for s in cls if s.rank <= minimum.rank]


@dataclass(frozen=True)
class Bilingual:
    """A text in Vietnamese and English."""

    vi: str
    en: str


@dataclass(frozen=True)
class Passage:
    """A quotation of a source text with its file and lines."""

    file: str | None
    lines: tuple[int, int] | None
    quote: str | None

    def where(self) -> str:
        """``file:start-end`` (or what is known of it)."""
        if self.lines is None:
            return self.file or "?"
        start, end = self.lines
        return f"{self.file or '?'}:{start}" + (f"-{end}" if end != start else "")


@dataclass(frozen=True)
class Location:
    """Where a node stands, for people: its name, the source documents stating it, a passage."""

    label: str
    sources: tuple[str, ...] = ()
    passage: Passage | None = None


@dataclass(frozen=True)
class ValidationResult:
    """One ``sh:ValidationResult``."""

    severity: Severity
    shape: str
    focus: str
    path: str | None
    value: str | None
    message: Bilingual
    component: str
    focus_location: Location | None = None
    value_label: str | None = None

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        where = self.focus_location
        passage = where.passage if where else None
        return {
            "severity": self.severity.value,
            "shape": self.shape,
            "focus": self.focus,
            "focus_label": where.label if where else None,
            "sources": list(where.sources) if where else [],
            "path": self.path,
            "value": self.value,
            "value_label": self.value_label,
            "message": {"vi": self.message.vi, "en": self.message.en},
            "component": self.component,
            "passage": None if passage is None else {
                "file": passage.file, "lines": list(passage.lines) if passage.lines else None, "quote": passage.quote,
            },
        }


@dataclass
class ValidationReport:
    """The results of one validation; conforms when no result is a Violation."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    graph: Graph
    shape_names: dict[str, Bilingual] = field(default_factory=dict)
    minimum: Severity = Severity.INFO
    scope: str = ALL_FOCUS_NODES
    """What was validated: everything, or (after a change) which focus nodes again."""
    state: State | None = field(default=None, repr=False, compare=False)
    """The fast engine's results, kept for a later build to validate only what changed (None from pySHACL)."""

    def counts(self) -> dict[Severity, int]:
        """How many results of each severity."""
        found = Counter(r.severity for r in self.results)
        return {s: found.get(s, 0) for s in Severity}

    def at_least(self, minimum: Severity) -> ValidationReport:
        """The same report keeping only results as severe as ``minimum`` or more."""
        kept = tuple(r for r in self.results if r.severity.rank <= minimum.rank)
        return replace(self, results=kept, minimum=minimum)

    def report_graph(self) -> Graph:
        """A standard ``sh:ValidationReport`` holding the results as severe as :attr:`minimum` or more."""
        kept = {s.iri for s in Severity.at_least(self.minimum)}
        out = Graph(namespace_manager=self.graph.namespace_manager)
        for report in self.graph.subjects(RDF.type, SH.ValidationReport):
            out.add((report, RDF.type, SH.ValidationReport))
            out.add((report, SH.conforms, Literal(self.conforms)))
            for result in self.graph.objects(report, SH.result):
                if self.graph.value(result, SH.resultSeverity) in kept:
                    out.add((report, SH.result, result))
                    out += self.graph.cbd(result)
        return out


def read_results(report: Graph, templates: dict[str, Bilingual]) -> list[ValidationResult]:
    """The results of a pySHACL report graph, most severe first; ``templates`` are each shape's messages."""
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        shape = str(report.value(node, SH.sourceShape))
        path = report.value(node, SH.resultPath)
        value = report.value(node, SH.value)
        results.append(ValidationResult(
            severity=Severity.from_iri(str(report.value(node, SH.resultSeverity))),
            shape=shape,
            focus=_text(report.value(node, SH.focusNode)),
            path=path_text(report, path) if path is not None else None,
            value=_text(value) if value is not None else None,
            message=_messages(report.objects(node, SH.resultMessage), templates.get(shape)),
            component=curie(str(report.value(node, SH.sourceConstraintComponent))).replace(str(SH), "sh:"),
        ))
    return sorted(results, key=sort_key)


def sort_key(result: ValidationResult) -> tuple[int, str, str, str, str]:
    """Most severe first, then by shape, focus node, path and value."""
    return (result.severity.rank, result.shape, result.focus, result.path or "", result.value or "")


def path_text(graph: Graph, path: Identifier) -> str:
    """A SHACL property path written as a SPARQL path with the project's prefixes.

    >>> from rdflib import Graph, URIRef
    >>> path_text(Graph(), URIRef("http://data.europa.eu/eli/ontology#is_part_of"))
    'eli:is_part_of'
    """
    if isinstance(path, URIRef):
        return curie(str(path))
    for prop, template in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                           (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
        inner = graph.value(path, prop)
        if inner is not None:
            return template.format(_grouped(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_text(graph, p) for p in Collection(graph, alternatives)) + ")"
    if graph.value(path, RDF.first) is not None:
        return "/".join(_grouped(graph, p) for p in Collection(graph, path))
    return str(path)


def _grouped(graph: Graph, path: Identifier) -> str:
    text = path_text(graph, path)
    return text if isinstance(path, URIRef) or text.startswith("(") else f"({text})"


def _text(term: Identifier | None) -> str:
    if term is None:
        return ""
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _messages(literals: Iterable[Identifier], templates: Bilingual | None) -> Bilingual:
    """The result's messages by language; a message filled in by pySHACL is matched to its template's language."""
    found: dict[str, str] = {}
    for literal in literals:
        text = str(literal)
        language = getattr(literal, "language", None) or _template_language(text, templates)
        found.setdefault(language or "en", text)
    english = found.get("en") or next(iter(found.values()), "")
    return Bilingual(vi=found.get("vi") or english, en=english)


def _template_language(text: str, templates: Bilingual | None) -> str | None:
    if templates is None:
        return None
    for language, template in (("vi", templates.vi), ("en", templates.en)):
        pieces = re.split(r"\{[?$]\w+\}", template)
        if re.fullmatch("(.*?)".join(re.escape(p) for p in pieces), text, flags=re.DOTALL):
            return language
    return None
