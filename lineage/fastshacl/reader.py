"""Read a SHACL shapes graph (rdflib) into :mod:`lineage.fastshacl.model` objects.

Which nodes are shapes, and which parameter values are refused, follows pySHACL,
the reference; a feature the fast validator does not implement is an error
naming the shape, never skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Identifier

from lineage.fastshacl import model as m
from lineage.fastshacl.errors import ShapeError, unsupported
from lineage.fastshacl.paths import PathError, read_path

SHAPE_EXPECTING = (SH.property, SH.node, SH["not"], SH.qualifiedValueShape)
LIST_OF_SHAPES = (SH["and"], SH["or"], SH.xone)
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
DESCRIPTIVE = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message, SH.severity,
               SH.deactivated, SH.path, SH.target, *TARGETS}
PARAMETERS = {
    SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, *m.RANGE_PARAMETERS, SH.minLength,
    SH.maxLength, SH.pattern, SH.flags, SH.languageIn, SH.uniqueLang, SH["in"], SH.hasValue, *m.PAIR_PARAMETERS,
    SH.closed, SH.ignoredProperties, SH.node, SH["not"], *LIST_OF_SHAPES, SH.property, SH.qualifiedValueShape,
    SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.sparql,
}
NODE_KINDS = {SH.IRI, SH.BlankNode, SH.Literal, SH.BlankNodeOrIRI, SH.BlankNodeOrLiteral, SH.IRIOrLiteral}
WHOLE_NUMBERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
                 XSD.positiveInteger, XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}
FOREIGN = {
    SH.rule: "SHACL rules (sh:rule)",
    SH.expression: "node expressions (sh:expression)",
    SH.jsFunctionName: "SHACL-JS",
    SH.js: "SHACL-JS",
    SH.resultAnnotation: "sh:resultAnnotation",
}
FOREIGN_TYPES = {
    SH.SPARQLFunction: "SHACL functions (sh:SPARQLFunction)",
    SH.SPARQLTargetType: "custom target types (sh:SPARQLTargetType)",
    SH.JSTarget: "SHACL-JS targets",
    SH.JSConstraint: "SHACL-JS constraints",
}


@dataclass(frozen=True)
class ShapesIndex:
    """Every shape of a shapes graph, and those that select their own focus nodes."""

    shapes: dict[Identifier, m.Shape]
    targeted: tuple[m.Shape, ...]


def read_shapes(graph: Graph) -> ShapesIndex:
    """Read ``graph``; :class:`ShapeError` names the first shape that cannot be validated."""
    reader = _Reader(graph)
    return reader.index()


class _Reader:
    def __init__(self, graph: Graph) -> None:
        self.g = graph

    # -- which nodes are shapes (pySHACL's ShapesGraph._build_node_shape_cache) --

    def index(self) -> ShapesIndex:
        self._refuse_foreign()
        g = self.g
        node_shapes = set(g.subjects(RDF.type, SH.NodeShape))
        property_shapes = set(g.subjects(RDF.type, SH.PropertyShape))
        for node in node_shapes:
            if g.value(node, SH.path) is not None:
                raise self.error(node, "is a sh:NodeShape with a sh:path", "là sh:NodeShape nhưng có sh:path")
            if node in property_shapes:
                raise self.error(node, "is both a sh:NodeShape and a sh:PropertyShape",
                                 "vừa là sh:NodeShape vừa là sh:PropertyShape")
        implied = {s for p in (*TARGETS, SH.property, SH.node) for s in g.subjects(p, None)}
        values = {o for p in SHAPE_EXPECTING for o in g.objects(None, p)}
        for p in LIST_OF_SHAPES:
            for head in g.objects(None, p):
                values.update(self.items(head, head, p))
        nodes = node_shapes | property_shapes | implied | values
        shapes = {node: self.shape(node, is_property=node in property_shapes or g.value(node, SH.path) is not None,
                                   declared_property=node in property_shapes)
                  for node in nodes}
        targeted = tuple(sorted((s for s in shapes.values() if s.targets), key=lambda s: str(s.node)))
        return ShapesIndex(shapes, targeted)

    def _refuse_foreign(self) -> None:
        for predicate, feature in FOREIGN.items():
            for subject in self.g.subjects(predicate, None):
                raise unsupported(self.label(subject), feature)
        for cls, feature in FOREIGN_TYPES.items():
            for subject in self.g.subjects(RDF.type, cls):
                raise unsupported(self.label(subject), feature)
        for component in self.g.subjects(RDF.type, SH.ConstraintComponent):
            if not str(component).startswith(str(SH)):
                raise unsupported(self.label(component), "custom constraint components (sh:ConstraintComponent)")

    # -- one shape --

    def shape(self, node: Identifier, *, is_property: bool, declared_property: bool) -> m.Shape:
        g = self.g
        paths = list(g.objects(node, SH.path))
        if len(paths) > 1:
            raise self.error(node, "has more than one sh:path", "có nhiều hơn một sh:path")
        if declared_property and not paths:
            raise self.error(node, "is a sh:PropertyShape without sh:path", "là sh:PropertyShape nhưng thiếu sh:path")
        path = None
        if is_property:
            try:
                path = read_path(g, paths[0])
            except PathError as err:
                raise self.error(node, f"has a malformed sh:path: {err}", f"có sh:path sai cấu trúc: {err}") from None
        for predicate in set(g.predicates(node, None)):
            if str(predicate).startswith(str(SH)) and predicate not in DESCRIPTIVE | PARAMETERS:
                raise unsupported(self.label(node), f"the predicate {predicate}")
        deactivated = self.single(node, SH.deactivated)
        if deactivated is not None and not isinstance(deactivated, Literal):
            raise self.error(node, "has a sh:deactivated that is not a literal", "có sh:deactivated không phải literal")
        severity = self.single(node, SH.severity) or SH.Violation
        if not isinstance(severity, URIRef):
            raise self.error(node, "has a sh:severity that is not an IRI", "có sh:severity không phải IRI")
        shape = m.Shape(
            node=node,
            path=path,
            severity=severity,
            messages=tuple(sorted((o for o in g.objects(node, SH.message) if isinstance(o, Literal)), key=_text_key)),
            deactivated=bool(deactivated is not None and deactivated.value),
            targets=self.targets(node),
            constraints=tuple(self.constraints(node, path is not None)),
            properties=tuple(sorted(g.objects(node, SH.property), key=str)),
            label=self.label(node),
        )
        return shape

    def targets(self, node: Identifier) -> m.Targets:
        g = self.g
        classes = set(g.objects(node, SH.targetClass))
        if self.implicit_class(node):
            classes.add(node)
        sparql = []
        for target in g.objects(node, SH.target):
            selects = list(g.objects(target, SH.select))
            if not selects and SH.SPARQLTarget not in set(g.objects(target, RDF.type)):
                raise unsupported(self.label(node), "a sh:target that is not a sh:SPARQLTarget with sh:select")
            if not selects:
                raise self.error(node, "has a sh:SPARQLTarget without sh:select", "có sh:SPARQLTarget thiếu sh:select")
            sparql.append(m.SparqlText(str(selects[0]), self.prefixes(target)))
        for predicate in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf):
            for value in g.objects(node, predicate):
                self.iri(node, predicate, value)
        if any(isinstance(value, BNode) for value in g.objects(node, SH.targetNode)):
            raise unsupported(self.label(node), "a blank node as sh:targetNode")
        return m.Targets(
            classes=tuple(sorted(classes, key=str)),
            nodes=tuple(sorted(g.objects(node, SH.targetNode), key=str)),
            subjects_of=tuple(sorted(g.objects(node, SH.targetSubjectsOf), key=str)),
            objects_of=tuple(sorted(g.objects(node, SH.targetObjectsOf), key=str)),
            sparql=tuple(sparql),
        )

    def implicit_class(self, node: Identifier) -> bool:
        """A shape that is also a class targets its instances (rdfs:Class, owl:Class or a declared subclass)."""
        classes = {RDFS.Class, OWL.Class, *self.g.subjects(RDFS.subClassOf, RDFS.Class)}
        return any(t in classes for t in self.g.objects(node, RDF.type))

    def constraints(self, node: Identifier, is_property: bool) -> Iterable[m.Constraint]:
        g = self.g
        found = {p for p in g.predicates(node, None) if p in PARAMETERS}

        def only(parameter: URIRef) -> Identifier:
            values = list(g.objects(node, parameter))
            if len(values) > 1:
                raise self.error(node, f"has more than one {_curie(parameter)}", f"có nhiều hơn một {_curie(parameter)}")
            return values[0]

        def property_only(parameter: URIRef) -> None:
            if not is_property:
                raise self.error(node, f"is a node shape, and {_curie(parameter)} is only for property shapes",
                                 f"là ràng buộc nút, mà {_curie(parameter)} chỉ dùng cho ràng buộc thuộc tính")

        for cls in sorted(g.objects(node, SH["class"]), key=str):
            yield m.ClassConstraint(cls)
        if SH.datatype in found:
            yield m.DatatypeConstraint(self.iri(node, SH.datatype, only(SH.datatype)))
        if SH.nodeKind in found:
            kind = only(SH.nodeKind)
            if kind not in NODE_KINDS:
                raise self.error(node, f"has an unknown sh:nodeKind {kind}", f"có sh:nodeKind không hợp lệ {kind}")
            yield m.NodeKindConstraint(kind)  # type: ignore[arg-type]
        for parameter, cls in ((SH.minCount, m.MinCountConstraint), (SH.maxCount, m.MaxCountConstraint)):
            if parameter in found:
                property_only(parameter)
                value = only(parameter)
                if not (isinstance(value, Literal) and value.datatype == XSD.integer and int(value) >= 0):
                    raise self.error(node, f"{_curie(parameter)} must be an xsd:integer >= 0",
                                     f"{_curie(parameter)} phải là xsd:integer >= 0")
                yield cls(int(value))
        for parameter in m.RANGE_PARAMETERS:
            for bound in sorted(g.objects(node, parameter), key=str):
                if not isinstance(bound, Literal):
                    raise self.error(node, f"{_curie(parameter)} must be a literal", f"{_curie(parameter)} phải là literal")
                yield m.RangeConstraint(parameter, bound)
        for parameter, cls in ((SH.minLength, m.MinLengthConstraint), (SH.maxLength, m.MaxLengthConstraint)):
            if parameter in found:
                value = only(parameter)
                if not (isinstance(value, Literal) and value.datatype in WHOLE_NUMBERS and not value.ill_typed
                        and int(value) >= 0):
                    raise self.error(node, f"{_curie(parameter)} must be a whole number >= 0",
                                     f"{_curie(parameter)} phải là số nguyên >= 0")
                yield cls(int(value))
        if SH.pattern in found:
            flags = next(iter(g.objects(node, SH.flags)), None)
            for pattern in sorted(g.objects(node, SH.pattern), key=str):
                if not isinstance(pattern, Literal):
                    raise self.error(node, "sh:pattern must be a literal", "sh:pattern phải là literal")
                yield m.PatternConstraint(str(pattern), "" if flags is None else str(flags))
        elif SH.flags in found:
            raise self.error(node, "has sh:flags without sh:pattern", "có sh:flags nhưng thiếu sh:pattern")
        if SH.languageIn in found:
            head = only(SH.languageIn)
            languages = self.items(node, head, SH.languageIn)
            if not all(isinstance(tag, Literal) and isinstance(tag.value, str) for tag in languages):
                raise self.error(node, "sh:languageIn lists strings only", "sh:languageIn chỉ gồm chuỗi")
            yield m.LanguageInConstraint(frozenset(str(tag).lower() for tag in languages))
        if SH.uniqueLang in found:
            property_only(SH.uniqueLang)
            value = only(SH.uniqueLang)
            if not (isinstance(value, Literal) and isinstance(value.value, bool)):
                raise self.error(node, "sh:uniqueLang must be a boolean", "sh:uniqueLang phải là boolean")
            if value.value:
                yield m.UniqueLangConstraint()
        if SH["in"] in found:
            head = only(SH["in"])
            yield m.InConstraint(tuple(self.items(node, head, SH["in"])))
        for value in sorted(g.objects(node, SH.hasValue), key=str):
            yield m.HasValueConstraint(value)
        for parameter in m.PAIR_PARAMETERS:
            for other in sorted(g.objects(node, parameter), key=str):
                if parameter in (SH.lessThan, SH.lessThanOrEquals):
                    property_only(parameter)
                yield m.PropertyPairConstraint(parameter, self.iri(node, parameter, other))
        if SH.closed in found:
            closed = only(SH.closed)
            if not isinstance(closed, Literal):
                raise self.error(node, "sh:closed must be a boolean", "sh:closed phải là boolean")
            if closed.value:
                allowed = {i for head in g.objects(node, SH.ignoredProperties)
                           for i in self.items(node, head, SH.ignoredProperties) if isinstance(i, URIRef)}
                allowed.update(p for prop in g.objects(node, SH.property)
                               for p in g.objects(prop, SH.path) if isinstance(p, URIRef))
                yield m.ClosedConstraint(frozenset(allowed))
        elif SH.ignoredProperties in found:
            raise self.error(node, "has sh:ignoredProperties without sh:closed", "có sh:ignoredProperties nhưng thiếu sh:closed")
        for shape in sorted(g.objects(node, SH.node), key=str):
            yield m.NodeConstraint(shape)
        for shape in sorted(g.objects(node, SH["not"]), key=str):
            yield m.NotConstraint(shape)
        for parameter in LIST_OF_SHAPES:
            for head in sorted(g.objects(node, parameter), key=str):
                yield m.LogicalConstraint(parameter, tuple(self.items(node, head, parameter)))
        if SH.qualifiedValueShape in found:
            yield from self.qualified(node, is_property)
        elif found & {SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint}:
            raise self.error(node, "has qualified counts without sh:qualifiedValueShape",
                             "có số lượng có điều kiện nhưng thiếu sh:qualifiedValueShape")
        for sparql in sorted(g.objects(node, SH.sparql), key=str):
            constraint = self.sparql(node, sparql)
            if constraint is not None:
                yield constraint

    def qualified(self, node: Identifier, is_property: bool) -> Iterable[m.Constraint]:
        g = self.g
        if not is_property:
            raise unsupported(self.label(node), "sh:qualifiedValueShape on a node shape (pySHACL ignores it)")

        def count(parameter: URIRef) -> int | None:
            values = list(g.objects(node, parameter))
            if len(values) > 1:
                raise self.error(node, f"has more than one {_curie(parameter)}", f"có nhiều hơn một {_curie(parameter)}")
            if not values:
                return None
            if not (isinstance(values[0], Literal) and isinstance(values[0].value, int)):
                raise self.error(node, f"{_curie(parameter)} must be an integer", f"{_curie(parameter)} phải là số nguyên")
            return int(values[0].value)

        low, high = count(SH.qualifiedMinCount), count(SH.qualifiedMaxCount)
        if low is None and high is None:
            raise self.error(node, "sh:qualifiedValueShape needs sh:qualifiedMinCount or sh:qualifiedMaxCount",
                             "sh:qualifiedValueShape cần sh:qualifiedMinCount hoặc sh:qualifiedMaxCount")
        disjoint = any(isinstance(d, Literal) and d.value is True
                       for d in g.objects(node, SH.qualifiedValueShapesDisjoint))
        for shape in sorted(g.objects(node, SH.qualifiedValueShape), key=str):
            siblings: set[Identifier] = set()
            if disjoint:
                for parent in g.subjects(SH.property, node):
                    for sibling_property in g.objects(parent, SH.property):
                        siblings.update(g.objects(sibling_property, SH.qualifiedValueShape))
                siblings.discard(shape)
            yield m.QualifiedConstraint(shape, low, high, tuple(sorted(siblings, key=str)))

    def sparql(self, node: Identifier, constraint: Identifier) -> m.SparqlConstraint | None:
        g = self.g
        selects = list(g.objects(constraint, SH.select))
        if list(g.objects(constraint, SH.ask)):
            raise unsupported(self.label(node), "sh:ask in a sh:sparql constraint")
        if len(selects) != 1 or not (isinstance(selects[0], Literal) and isinstance(selects[0].value, str)):
            raise self.error(node, "a sh:sparql constraint needs exactly one sh:select string",
                             "ràng buộc sh:sparql cần đúng một chuỗi sh:select")
        deactivated = self.single(constraint, SH.deactivated)
        if isinstance(deactivated, Literal) and deactivated.value is True:
            return None
        messages = tuple(sorted((o for o in g.objects(constraint, SH.message) if isinstance(o, Literal)),
                                key=_text_key))
        return m.SparqlConstraint(constraint, m.SparqlText(str(selects[0]), self.prefixes(constraint)), messages)

    def prefixes(self, node: Identifier) -> tuple[tuple[str, str], ...]:
        """rdf, rdfs, owl and the ``sh:declare`` prefixes reachable through ``sh:prefixes`` (as pySHACL collects them)."""
        g = self.g
        found = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
        named = set(g.objects(g.identifier, SH.declare))
        ontologies = set(g.subjects(RDF.type, OWL.Ontology))
        everywhere = named.union(*(set(g.objects(o, SH.declare)) for o in ontologies))
        for holder in g.objects(node, SH.prefixes):
            own = set(g.objects(holder, SH.declare))
            declares = own | named if own and holder in ontologies else everywhere | own
            for declare in sorted(declares, key=str):
                prefix, namespace = g.value(declare, SH.prefix), g.value(declare, SH.namespace)
                if not isinstance(prefix, Literal) or namespace is None:
                    raise self.error(node, "a sh:declare needs one sh:prefix and one sh:namespace",
                                     "mỗi sh:declare cần một sh:prefix và một sh:namespace")
                found[str(prefix)] = str(namespace)
        return tuple(sorted(found.items()))

    # -- helpers --

    def items(self, node: Identifier, head: Identifier, parameter: URIRef) -> list[Identifier]:
        if head == RDF.nil:
            return []
        if not isinstance(head, BNode) or g_value(self.g, head, RDF.first) is None:
            raise self.error(node, f"the value of {_curie(parameter)} must be an RDF list",
                             f"giá trị của {_curie(parameter)} phải là danh sách RDF")
        return list(Collection(self.g, head))

    def single(self, node: Identifier, predicate: URIRef) -> Identifier | None:
        values = list(self.g.objects(node, predicate))
        if len(values) > 1:
            raise self.error(node, f"has more than one {_curie(predicate)}", f"có nhiều hơn một {_curie(predicate)}")
        return values[0] if values else None

    def iri(self, node: Identifier, parameter: URIRef, value: Identifier) -> URIRef:
        if not isinstance(value, URIRef):
            raise self.error(node, f"{_curie(parameter)} must be an IRI", f"{_curie(parameter)} phải là IRI")
        return value

    def error(self, node: Identifier, problem: str, problem_vi: str) -> ShapeError:
        return ShapeError(self.label(node), problem, problem_vi, "correct the shape in shapes/", "sửa ràng buộc trong shapes/")

    def label(self, node: Identifier) -> str:
        """The node's IRI, or for a blank node the IRI of the shape it sits in."""
        seen = set()
        current = node
        while isinstance(current, BNode) and current not in seen:
            seen.add(current)
            parent = next(iter(self.g.subjects(None, current)), None)
            if parent is None:
                return "a blank-node shape"
            current = parent
        return str(current) if current == node else f"a blank node of {current}"


def g_value(graph: Graph, node: Identifier, predicate: URIRef) -> Identifier | None:
    """The first object of (node, predicate), or None."""
    return next(iter(graph.objects(node, predicate)), None)


def _curie(iri: URIRef) -> str:
    return "sh:" + str(iri)[len(str(SH)):] if str(iri).startswith(str(SH)) else str(iri)


def _text_key(literal: Literal) -> tuple[str, str]:
    return (literal.language or "", str(literal))
