"""Validate shapes over their focus nodes: each constraint, each nested property shape, and conformance.

A shape's outcome over a focus is cached, so a shape referred to from several
places over the same focus is validated once. Conformance follows pySHACL with
warnings allowed (how ``lineage validate`` runs it): a shape of severity
sh:Info or sh:Warning always conforms; any other shape fails on a focus node
that has a result of its own or whose nested property shapes fail.
"""

from __future__ import annotations

from collections.abc import Mapping

from rdflib.namespace import SH
from rdflib.term import Identifier

from lineage.fastshacl import core, logic, sparql
from lineage.fastshacl import model as m
from lineage.fastshacl.errors import ShapeError
from lineage.fastshacl.focus import Focus, target_focus, value_focus
from lineage.fastshacl.paths import has_repeat
from lineage.fastshacl.reader import ShapesIndex
from lineage.fastshacl.runner import Runner, Term
from lineage.fastshacl.scope import Outcome, Scope, Violation
from lineage.fastshacl.values import check_values, value_test

ALLOWED_SEVERITIES = frozenset({SH.Info, SH.Warning})
CHECKS = {**core.CHECKS, **logic.CHECKS, m.SparqlConstraint: sparql.check_sparql}


def _countable(shape: m.Shape) -> bool:
    """Whether the counts of the shape's values can share the value tests' walk (not when the path repeats:
    counting walks every repetition, while a sh:minCount alone stops at the first value)."""
    return shape.path is not None and not has_repeat(shape.path)


class ShapeEvaluator:
    """Validates the shapes of one shapes graph against one store."""

    def __init__(self, index: ShapesIndex, runner: Runner, limits: Mapping[Identifier, str] | None = None) -> None:
        self.index = index
        self.runner = runner
        self.limits = limits or {}
        """Targeted shape → the focus nodes to validate (SPARQL terms); a shape not listed has no limit."""
        self._outcomes: dict[tuple[Identifier, Focus], Outcome] = {}
        self._active: list[Identifier] = []

    def run(self) -> list[Outcome]:
        """The outcome of every shape that has targets, over its targets."""
        return [self.targeted(shape) for shape in self.index.targeted]

    def targeted(self, shape: m.Shape) -> Outcome:
        """The outcome of one shape over its own targets."""
        if shape.deactivated or self.limits.get(shape.node) == "":
            return Outcome((), frozenset(), frozenset())
        return self.outcome(shape.node, self._targets(shape))

    def part(self, shape: m.Shape, part: int | None) -> list[tuple[m.Shape, Violation]]:
        """The results of one part of a targeted shape over its targets: its own constraints (``part`` None)
        or its ``part``-th property shape. The parts together give :meth:`targeted`'s results."""
        if shape.deactivated or self.limits.get(shape.node) == "":
            return []
        focus = self._targets(shape)
        if part is None:
            return [(shape, violation) for violation in self._check(shape, Scope(shape, focus, self.runner, self))]
        prop = self._property(shape.properties[part])
        return list(self.outcome(prop.node, value_focus(focus, shape.path)).results)

    def _targets(self, shape: m.Shape) -> Focus:
        return target_focus(shape.targets, self.runner, shape.label, self.limits.get(shape.node))

    def _property(self, node: Identifier) -> m.Shape:
        nested = self.index.shapes[node]
        if not nested.is_property:
            raise ShapeError(nested.label, "is the value of sh:property but has no sh:path",
                             "là giá trị của sh:property nhưng thiếu sh:path")
        return nested

    def outcome(self, node: Identifier, focus: Focus) -> Outcome:
        """The outcome of the shape at ``node`` over ``focus`` (computed once)."""
        key = (node, focus)
        if key not in self._outcomes:
            if node in self._active:
                cycle = " → ".join(str(n) for n in [*self._active[self._active.index(node):], node])
                raise ShapeError(self.index.shapes[node].label, f"refers to itself ({cycle}): recursive shapes are not supported",
                                 f"tự tham chiếu ({cycle}): chưa hỗ trợ ràng buộc đệ quy")
            self._active.append(node)
            try:
                self._outcomes[key] = self._evaluate(self.index.shapes[node], focus)
            finally:
                self._active.pop()
        return self._outcomes[key]

    def _evaluate(self, shape: m.Shape, focus: Focus) -> Outcome:
        if shape.deactivated:
            return Outcome((), frozenset(), frozenset())
        scope = Scope(shape, focus, self.runner, self)
        own = self._check(shape, scope)
        results: list[tuple[m.Shape, Violation]] = [(shape, violation) for violation in own]
        child_failing: set[Term] = set()
        child_reported: set[Term] = set()
        values = scope.value_focus()
        for prop in shape.properties:
            outcome = self.outcome(self._property(prop).node, values)
            results.extend(outcome.results)
            child_failing |= outcome.failing
            child_reported |= outcome.reported
        own_focus = {violation.focus for violation in own}
        reported = own_focus | self._lift(scope, child_reported)
        failing = set() if shape.severity in ALLOWED_SEVERITIES else own_focus | self._lift(scope, child_failing)
        return Outcome(tuple(results), frozenset(failing), frozenset(reported))

    def _check(self, shape: m.Shape, scope: Scope) -> list[Violation]:
        """The shape's own constraints: value tests and counts in one query, the others one query each."""
        tests, counts, others = [], [], []
        for constraint in shape.constraints:
            test = value_test(constraint)
            if test is not None:
                tests.append(test)
            elif isinstance(constraint, (m.MinCountConstraint, m.MaxCountConstraint)) and _countable(shape):
                counts.append(constraint)
            else:
                others.append(constraint)
        found = check_values(tests, counts, scope)
        for constraint in others:
            found.extend(CHECKS[type(constraint)](constraint, scope))
        return found

    def _lift(self, scope: Scope, values: set[Term]) -> set[Term]:
        """The focus nodes of ``scope`` that have one of ``values`` as a value node."""
        if not values or scope.shape.path is None:
            return values
        return {f for f, v in scope.pairs() if v in values}
