"""What the validator knows about a shapes graph: shapes, their targets and their constraints.

Each constraint is a frozen dataclass carrying its parameters; one SHACL
constraint component may give several of them (one per ``sh:class``, per
``sh:pattern``, per ``sh:hasValue`` …), each validated on its own, as pySHACL does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Identifier

from lineage.fastshacl.paths import Path


@dataclass(frozen=True)
class SparqlText:
    """A SPARQL SELECT from the shapes graph and the prefixes declared for it (``sh:prefixes``)."""

    select: str
    prefixes: tuple[tuple[str, str], ...]

    def prologue(self) -> str:
        """The PREFIX lines, as pySHACL writes them before the query."""
        return "".join(f"PREFIX {name}: <{namespace}>\n" for name, namespace in self.prefixes)


@dataclass(frozen=True)
class Targets:
    """The target declarations of a shape."""

    classes: tuple[URIRef, ...] = ()
    nodes: tuple[Identifier, ...] = ()
    subjects_of: tuple[URIRef, ...] = ()
    objects_of: tuple[URIRef, ...] = ()
    sparql: tuple[SparqlText, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.classes or self.nodes or self.subjects_of or self.objects_of or self.sparql)


@dataclass(frozen=True)
class Constraint:
    """A constraint of one component; ``component`` is its ``sh:sourceConstraintComponent``."""

    component = SH.ConstraintComponent


@dataclass(frozen=True)
class ClassConstraint(Constraint):
    cls: URIRef
    component = SH.ClassConstraintComponent


@dataclass(frozen=True)
class DatatypeConstraint(Constraint):
    datatype: URIRef
    component = SH.DatatypeConstraintComponent


@dataclass(frozen=True)
class NodeKindConstraint(Constraint):
    kind: URIRef
    component = SH.NodeKindConstraintComponent


@dataclass(frozen=True)
class MinCountConstraint(Constraint):
    count: int
    component = SH.MinCountConstraintComponent


@dataclass(frozen=True)
class MaxCountConstraint(Constraint):
    count: int
    component = SH.MaxCountConstraintComponent


@dataclass(frozen=True)
class RangeConstraint(Constraint):
    """``sh:minInclusive`` and its three siblings: ``parameter`` says which."""

    parameter: URIRef
    bound: Literal

    @property
    def component(self) -> URIRef:  # type: ignore[override]
        return _RANGE_COMPONENTS[self.parameter]


_RANGE_COMPONENTS = {
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.minExclusive: SH.MinExclusiveConstraintComponent,
    SH.maxInclusive: SH.MaxInclusiveConstraintComponent,
    SH.maxExclusive: SH.MaxExclusiveConstraintComponent,
}
RANGE_PARAMETERS = tuple(_RANGE_COMPONENTS)


@dataclass(frozen=True)
class MinLengthConstraint(Constraint):
    length: int
    component = SH.MinLengthConstraintComponent


@dataclass(frozen=True)
class MaxLengthConstraint(Constraint):
    length: int
    component = SH.MaxLengthConstraintComponent


@dataclass(frozen=True)
class PatternConstraint(Constraint):
    pattern: str
    flags: str
    component = SH.PatternConstraintComponent


@dataclass(frozen=True)
class LanguageInConstraint(Constraint):
    languages: frozenset[str]
    component = SH.LanguageInConstraintComponent


@dataclass(frozen=True)
class UniqueLangConstraint(Constraint):
    component = SH.UniqueLangConstraintComponent


@dataclass(frozen=True)
class InConstraint(Constraint):
    members: tuple[Identifier, ...]
    component = SH.InConstraintComponent


@dataclass(frozen=True)
class HasValueConstraint(Constraint):
    value: Identifier
    component = SH.HasValueConstraintComponent


@dataclass(frozen=True)
class PropertyPairConstraint(Constraint):
    """``sh:equals``, ``sh:disjoint``, ``sh:lessThan``, ``sh:lessThanOrEquals``: ``parameter`` says which."""

    parameter: URIRef
    other: URIRef

    @property
    def component(self) -> URIRef:  # type: ignore[override]
        return _PAIR_COMPONENTS[self.parameter]


_PAIR_COMPONENTS = {
    SH.equals: SH.EqualsConstraintComponent,
    SH.disjoint: SH.DisjointConstraintComponent,
    SH.lessThan: SH.LessThanConstraintComponent,
    SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
}
PAIR_PARAMETERS = tuple(_PAIR_COMPONENTS)


@dataclass(frozen=True)
class ClosedConstraint(Constraint):
    """``sh:closed true``: ``allowed`` is the IRI paths of the property shapes plus ``sh:ignoredProperties``."""

    allowed: frozenset[URIRef]
    component = SH.ClosedConstraintComponent


@dataclass(frozen=True)
class NodeConstraint(Constraint):
    shape: Identifier
    component = SH.NodeConstraintComponent


@dataclass(frozen=True)
class NotConstraint(Constraint):
    shape: Identifier
    component = SH.NotConstraintComponent


@dataclass(frozen=True)
class LogicalConstraint(Constraint):
    """``sh:and``, ``sh:or`` or ``sh:xone`` over a list of shapes: ``parameter`` says which."""

    parameter: URIRef
    shapes: tuple[Identifier, ...]

    @property
    def component(self) -> URIRef:  # type: ignore[override]
        return {SH["and"]: SH.AndConstraintComponent, SH["or"]: SH.OrConstraintComponent,
                SH.xone: SH.XoneConstraintComponent}[self.parameter]


@dataclass(frozen=True)
class QualifiedConstraint(Constraint):
    """``sh:qualifiedValueShape`` with its counts and the sibling shapes it must not conform to."""

    shape: Identifier
    min_count: int | None
    max_count: int | None
    siblings: tuple[Identifier, ...]
    component = SH.QualifiedMinCountConstraintComponent


@dataclass(frozen=True)
class SparqlConstraint(Constraint):
    """A SHACL-SPARQL ``sh:sparql`` constraint (its ``sh:select`` and ``sh:message``)."""

    node: Identifier
    query: SparqlText
    messages: tuple[Literal, ...]
    component = SH.SPARQLConstraintComponent


@dataclass(frozen=True)
class Shape:
    """A node or property shape, ready to validate."""

    node: Identifier
    path: Path | None
    severity: URIRef
    messages: tuple[Literal, ...]
    deactivated: bool
    targets: Targets
    constraints: tuple[Constraint, ...]
    properties: tuple[Identifier, ...]
    label: str = field(default="", compare=False)
    """How errors name the shape (its IRI, or the IRI of the shape it belongs to)."""

    @property
    def is_property(self) -> bool:
        return self.path is not None
