"""Shape-based components: sh:node, sh:not, sh:and, sh:or, sh:xone, sh:qualifiedValueShape.

The referred shapes are validated over the value nodes of the referring shape
(one query per constraint of theirs, as any shape); the verdicts are combined in
Python from the sets of value nodes that fail them. Conformance follows pySHACL
with warnings allowed: a shape of severity sh:Warning or sh:Info always
conforms, a deactivated shape too.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib.namespace import SH

from lineage.fastshacl import model as m
from lineage.fastshacl.scope import Scope, Violation
from lineage.validate.terms import to_rdflib


def check_node(c: m.NodeConstraint, scope: Scope) -> list[Violation]:
    reported = scope.evaluator.outcome(c.shape, scope.value_focus()).reported
    if not reported:
        return []
    return [Violation(f, v, c, c.component) for f, v in scope.pairs(c) if v in reported]


def check_not(c: m.NotConstraint, scope: Scope) -> list[Violation]:
    failing = scope.evaluator.outcome(c.shape, scope.value_focus()).failing
    return [Violation(f, v, c, c.component) for f, v in scope.pairs(c) if v not in failing]


def check_logical(c: m.LogicalConstraint, scope: Scope) -> list[Violation]:
    focus = scope.value_focus()
    failing = [scope.evaluator.outcome(shape, focus).failing for shape in c.shapes]
    found = []
    for f, v in scope.pairs(c):
        conforming = sum(v not in fails for fails in failing)
        if c.parameter == SH["and"]:
            broken = conforming < len(failing)
        elif c.parameter == SH["or"]:
            broken = conforming == 0
        else:
            broken = conforming != 1
        if broken:
            found.append(Violation(f, v, c, c.component))
    return found


def check_qualified(c: m.QualifiedConstraint, scope: Scope) -> list[Violation]:
    focus = scope.value_focus()
    failing = scope.evaluator.outcome(c.shape, focus).failing
    siblings = [scope.evaluator.outcome(sibling, focus).failing for sibling in c.siblings]
    conforming: dict = defaultdict(set)
    for f, v in scope.pairs(c, keep_empty=True):
        conforming[f]  # a focus node without values counts zero
        if v is not None and v not in failing and all(v in fails for fails in siblings):
            conforming[f].add(to_rdflib(v))  # values as rdflib tells them apart, as pySHACL counts
    found = []
    for f, values in conforming.items():
        count = len(values)
        if c.max_count is not None and count > c.max_count:
            found.append(Violation(f, None, c, SH.QualifiedMaxCountConstraintComponent))
        if c.min_count is not None and count < c.min_count:
            found.append(Violation(f, None, c, SH.QualifiedMinCountConstraintComponent))
    return found


CHECKS = {
    m.NodeConstraint: check_node,
    m.NotConstraint: check_not,
    m.LogicalConstraint: check_logical,
    m.QualifiedConstraint: check_qualified,
}
