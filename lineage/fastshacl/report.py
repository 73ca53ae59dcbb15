"""Validation results and the report: the fields pySHACL reports, and a standard sh:ValidationReport graph."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Identifier

from lineage.fastshacl.paths import Path, read_path, to_rdf

BLOCKING_FREE = frozenset({SH.Info, SH.Warning})
"""Severities that do not break conformance."""

DEFAULT_MESSAGES: dict[URIRef, tuple[str, str]] = {
    SH.ClassConstraintComponent: ("The value is not an instance of the required class.",
                                  "Giá trị không thuộc lớp bắt buộc."),
    SH.DatatypeConstraintComponent: ("The value is not a literal of the required datatype.",
                                     "Giá trị không phải literal đúng kiểu dữ liệu."),
    SH.NodeKindConstraintComponent: ("The value is not of the required node kind.", "Giá trị không đúng loại nút."),
    SH.MinCountConstraintComponent: ("Fewer values than the minimum count.", "Ít giá trị hơn số lượng tối thiểu."),
    SH.MaxCountConstraintComponent: ("More values than the maximum count.", "Nhiều giá trị hơn số lượng tối đa."),
    SH.MinInclusiveConstraintComponent: ("The value is below the minimum.", "Giá trị nhỏ hơn mức tối thiểu."),
    SH.MinExclusiveConstraintComponent: ("The value is not above the lower bound.", "Giá trị không lớn hơn cận dưới."),
    SH.MaxInclusiveConstraintComponent: ("The value is above the maximum.", "Giá trị lớn hơn mức tối đa."),
    SH.MaxExclusiveConstraintComponent: ("The value is not below the upper bound.", "Giá trị không nhỏ hơn cận trên."),
    SH.MinLengthConstraintComponent: ("The value is shorter than the minimum length.", "Giá trị ngắn hơn độ dài tối thiểu."),
    SH.MaxLengthConstraintComponent: ("The value is longer than the maximum length.", "Giá trị dài hơn độ dài tối đa."),
    SH.PatternConstraintComponent: ("The value does not match the pattern.", "Giá trị không khớp mẫu."),
    SH.LanguageInConstraintComponent: ("The value's language is not allowed.", "Ngôn ngữ của giá trị không được phép."),
    SH.UniqueLangConstraintComponent: ("Two values share a language.", "Hai giá trị trùng ngôn ngữ."),
    SH.InConstraintComponent: ("The value is not one of the allowed values.", "Giá trị không thuộc danh sách cho phép."),
    SH.HasValueConstraintComponent: ("The required value is missing.", "Thiếu giá trị bắt buộc."),
    SH.EqualsConstraintComponent: ("The values differ from those of the other property.",
                                   "Giá trị khác với giá trị của thuộc tính kia."),
    SH.DisjointConstraintComponent: ("The value is also a value of the other property.",
                                     "Giá trị trùng với giá trị của thuộc tính kia."),
    SH.LessThanConstraintComponent: ("The value is not less than the other property's value.",
                                     "Giá trị không nhỏ hơn giá trị của thuộc tính kia."),
    SH.LessThanOrEqualsConstraintComponent: ("The value is greater than the other property's value.",
                                             "Giá trị lớn hơn giá trị của thuộc tính kia."),
    SH.ClosedConstraintComponent: ("The node has a property the closed shape does not allow.",
                                   "Nút có thuộc tính mà ràng buộc đóng không cho phép."),
    SH.NodeConstraintComponent: ("The value does not conform to the required shape.",
                                 "Giá trị không thỏa ràng buộc bắt buộc."),
    SH.NotConstraintComponent: ("The value conforms to a shape it must not conform to.",
                                "Giá trị thỏa ràng buộc mà nó không được thỏa."),
    SH.AndConstraintComponent: ("The value does not conform to all of the shapes.", "Giá trị không thỏa mọi ràng buộc."),
    SH.OrConstraintComponent: ("The value conforms to none of the shapes.", "Giá trị không thỏa ràng buộc nào."),
    SH.XoneConstraintComponent: ("The value does not conform to exactly one of the shapes.",
                                 "Giá trị không thỏa đúng một ràng buộc."),
    SH.QualifiedMinCountConstraintComponent: ("Too few values conform to the qualified shape.",
                                              "Quá ít giá trị thỏa ràng buộc có điều kiện."),
    SH.QualifiedMaxCountConstraintComponent: ("Too many values conform to the qualified shape.",
                                              "Quá nhiều giá trị thỏa ràng buộc có điều kiện."),
    SH.SPARQLConstraintComponent: ("The SPARQL constraint found a violation.", "Ràng buộc SPARQL phát hiện vi phạm."),
}


def default_messages(component: URIRef) -> tuple[Literal, ...]:
    """An English and a Vietnamese message for a shape that gives none."""
    en, vi = DEFAULT_MESSAGES.get(component, ("The constraint is not met.", "Ràng buộc không được thỏa."))
    return (Literal(en, lang="en"), Literal(vi, lang="vi"))


@dataclass(frozen=True)
class ValidationResult:
    """One result, with the fields of a sh:ValidationResult (rdflib terms)."""

    focus: Identifier
    path: Path | None
    value: Identifier | None
    source_shape: Identifier
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]
    source_constraint: Identifier | None = None

    @property
    def key(self) -> tuple:
        """What identifies the result when comparing validators: focus, path, value, shape, component, severity."""
        return (self.focus, self.path, self.value, self.source_shape, self.component, self.severity)

    def message(self, lang: str = "en") -> str:
        """The message in ``lang`` (else the first one)."""
        for literal in self.messages:
            if literal.language == lang:
                return str(literal)
        return str(self.messages[0]) if self.messages else ""


@dataclass(frozen=True)
class FastReport:
    """The outcome of :func:`lineage.fastshacl.validate_fast`."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    shapes: Graph = field(repr=False, compare=False)
    seconds: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    """Time spent per check (shape and component), slowest first."""
    queries: int = 0
    """How many SPARQL queries the validation ran."""

    def report_graph(self) -> Graph:
        """A sh:ValidationReport graph; blank-node shapes and constraints are copied from the shapes graph.

        Its blank nodes are named in the order of :attr:`results`, so the same results give the same Turtle.
        """
        graph = Graph()
        graph.bind("sh", SH)
        for prefix, namespace in self.shapes.namespaces():
            graph.bind(prefix, namespace, override=False)
        report = BNode("report")
        copied: dict[BNode, BNode] = {}
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        for number, result in enumerate(self.results, start=1):
            node = BNode(f"result{number}")
            graph.add((report, SH.result, node))
            graph.add((node, RDF.type, SH.ValidationResult))
            graph.add((node, SH.focusNode, result.focus))
            graph.add((node, SH.resultSeverity, result.severity))
            graph.add((node, SH.sourceConstraintComponent, result.component))
            graph.add((node, SH.sourceShape, _copy_blank(self.shapes, result.source_shape, graph, copied)))
            if result.value is not None:
                graph.add((node, SH.value, result.value))
            if result.path is not None:
                graph.add((node, SH.resultPath, to_rdf(result.path, graph)))
            if result.source_constraint is not None:
                constraint = _copy_blank(self.shapes, result.source_constraint, graph, copied)
                graph.add((node, SH.sourceConstraint, constraint))
            for message in result.messages:
                graph.add((node, SH.resultMessage, message))
        return graph


def _copy_blank(source: Graph, node: Identifier, target: Graph, copied: dict[BNode, BNode]) -> Identifier:
    """``node``, or for a blank node its copy in ``target`` (with the blank nodes below it), named in turn."""
    if not isinstance(node, BNode):
        return node
    if node not in copied:
        copied[node] = BNode(f"shape{len(copied) + 1}")
        for predicate, value in sorted(source.predicate_objects(node), key=_stable):
            target.add((copied[node], predicate, _copy_blank(source, value, target, copied)))
    return copied[node]


def _stable(pair: tuple[Identifier, Identifier]) -> tuple[str, str, str]:
    """An order of a node's (predicate, value) pairs that does not depend on how blank nodes were named."""
    predicate, value = pair
    return (str(predicate), type(value).__name__, "" if isinstance(value, BNode) else value.n3())


def result_keys(report: Graph) -> list[tuple]:
    """The :attr:`ValidationResult.key` of every result of a sh:ValidationReport graph (pySHACL's, say)."""
    keys = []
    for node in report.objects(None, SH.result):
        path_node = report.value(node, SH.resultPath)
        keys.append((
            report.value(node, SH.focusNode),
            None if path_node is None else read_path(report, path_node),
            report.value(node, SH.value),
            report.value(node, SH.sourceShape),
            report.value(node, SH.sourceConstraintComponent),
            report.value(node, SH.resultSeverity),
        ))
    return keys
