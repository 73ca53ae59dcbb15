"""SHACL Core constraints that need a query of their own: one query per constraint over all focus nodes.

Each ``check_*`` returns the violations of one constraint for a :class:`Scope`.
Where rdflib (pySHACL) and SPARQL may disagree, the query returns the doubtful
values and :mod:`lineage.fastshacl.literals` gives pySHACL's verdict on them.
Constraints on single values (sh:class, sh:datatype …) are in :mod:`.values`.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from rdflib import RDF, RDFS, BNode, URIRef
from rdflib.namespace import SH

from lineage.fastshacl import literals as lit
from lineage.fastshacl import model as m
from lineage.fastshacl.paths import PredicatePath
from lineage.fastshacl.scope import Scope, Violation
from lineage.validate.terms import to_rdflib


def check_min_count(c: m.MinCountConstraint, scope: Scope) -> list[Violation]:
    if c.count == 0:
        return []
    if c.count == 1:
        return [Violation(node, None, c, c.component) for node in scope.without_value(c, "?value")]
    rows = scope.query(c, "SELECT ?this", f"OPTIONAL {{ {scope.value_pattern()} BIND({lit.count_key('?value')} AS ?_key) }}",
                       f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_key) < {c.count})")
    return [Violation(row[0], None, c, c.component) for row in rows]


def check_max_count(c: m.MaxCountConstraint, scope: Scope) -> list[Violation]:
    if c.count == 0:
        rows = scope.query(c, "SELECT ?this", f"FILTER EXISTS {{ {scope.has_value('?value')} }}")
    else:
        rows = scope.query(c, "SELECT ?this", f"{scope.value_pattern()} BIND({lit.count_key('?value')} AS ?_key)",
                           f"GROUP BY ?this HAVING (COUNT(DISTINCT ?_key) > {c.count})")
    return [Violation(row[0], None, c, c.component) for row in rows]


def check_pattern(c: m.PatternConstraint, scope: Scope) -> list[Violation]:
    """Python's ``re`` decides (as in pySHACL), so every value node is fetched; blank nodes never match."""
    matches = lit.pattern_matcher(c.pattern, c.flags)
    pairs = scope.pairs(c)
    with lit.quiet_rdflib():
        verdicts = {value: isinstance(value, ox.BlankNode) or not matches(lit.string_form(to_rdflib(value)))
                    for value in {value for _, value in pairs}}
    return [Violation(focus, value, c, c.component) for focus, value in pairs if verdicts[value]]


def check_unique_lang(c: m.UniqueLangConstraint, scope: Scope) -> list[Violation]:
    rows = scope.query(c, "SELECT ?this ?lang",
                       f'{scope.value_pattern()} BIND(LCASE(LANG(?value)) AS ?lang) FILTER(?lang != "")',
                       "GROUP BY ?this ?lang HAVING (COUNT(DISTINCT ?value) > 1)")
    return [Violation(row[0], None, c, c.component) for row in rows]


def check_has_value(c: m.HasValueConstraint, scope: Scope) -> list[Violation]:
    value = c.value
    if isinstance(value, BNode):  # a blank node of the shapes graph is never a node of the data
        rows = [(node,) for node in scope.focus.nodes(scope.runner, scope.label(c))]
    elif isinstance(value, URIRef) and scope.shape.path is None:
        rows = scope.query(c, "SELECT ?this", f"FILTER(!sameTerm(?this, <{value}>))")
    elif isinstance(value, URIRef):
        rows = [(node,) for node in scope.without_value(c, f"<{value}>")]
    else:
        found: dict = {}
        with lit.quiet_rdflib():
            for focus, node in scope.pairs(c, keep_empty=True):
                found[focus] = found.get(focus, False) or (node is not None and to_rdflib(node) == value)
        rows = [(focus,) for focus, ok in found.items() if not ok]
    return [Violation(row[0], None, c, c.component) for row in rows]


def check_pair(c: m.PropertyPairConstraint, scope: Scope) -> list[Violation]:
    other = f"<{c.other}>"
    node_shape = scope.shape.path is None
    if c.parameter == SH.equals:
        if node_shape:
            missing = scope.query(c, "SELECT ?this", f"FILTER NOT EXISTS {{ ?this {other} ?this }}")
            extra = scope.query(c, "SELECT DISTINCT ?this ?value", f"?this {other} ?value FILTER(!sameTerm(?value, ?this))")
            rows = [(row[0], row[0]) for row in missing] + extra
        else:
            missing = scope.query(c, "SELECT DISTINCT ?this ?value",
                                  f"{scope.value_pattern()} FILTER NOT EXISTS {{ ?this {other} ?value }}")
            extra = scope.query(c, "SELECT DISTINCT ?this ?value",
                                f"?this {other} ?value FILTER NOT EXISTS {{ {scope.has_value('?value')} }}")
            rows = missing + extra
        return [Violation(row[0], row[1], c, c.component) for row in rows]
    if c.parameter == SH.disjoint:
        body = f"?this {other} ?this . BIND(?this AS ?value)" if node_shape else f"{scope.value_pattern()} ?this {other} ?value ."
        rows = scope.query(c, "SELECT DISTINCT ?this ?value", body)
        return [Violation(row[0], row[1], c, c.component) for row in rows]
    or_equal = c.parameter == SH.lessThanOrEquals
    ok = lit.less_ok_sparql("?value", "?other", or_equal)
    rows = scope.query(c, "SELECT DISTINCT ?this ?value ?other",
                       f"{scope.value_pattern()} OPTIONAL {{ ?this {other} ?other }} "
                       f"FILTER(isBlank(?value) || (BOUND(?other) && !{ok}))")
    found = []
    for focus, value, other_value in rows:
        left = to_rdflib(value)
        if other_value is None:  # a blank value node, with nothing to compare: pySHACL stops all the same
            lit.refuse_blank(left, or_equal, scope.shape.label)
            continue
        with lit.quiet_rdflib():
            in_order = lit.less_than(left, to_rdflib(other_value), or_equal, scope.shape.label)
        if not in_order:
            found.append(Violation(focus, value, c, c.component))
    return found


def check_closed(c: m.ClosedConstraint, scope: Scope) -> list[Violation]:
    allowed = ", ".join(f"<{p}>" for p in sorted(c.allowed))
    value = "?this" if scope.shape.path is None else "?value"
    rows = scope.query(c, "SELECT DISTINCT ?this ?value ?p ?o",
                       f"{scope.value_pattern()} {value} ?p ?o . "
                       f"{'BIND(?this AS ?value)' if value == '?this' else ''} "
                       f"FILTER(?p NOT IN ({allowed})) "
                       f"FILTER(!(sameTerm(?p, <{RDF.type}>) && sameTerm(?o, <{RDFS.Resource}>)))")
    return [Violation(row[0], row[3], c, c.component, path=PredicatePath(to_rdflib(row[2])))  # type: ignore[arg-type]
            for row in rows]


CHECKS: dict[type, Callable] = {
    m.MinCountConstraint: check_min_count,
    m.MaxCountConstraint: check_max_count,
    m.PatternConstraint: check_pattern,
    m.UniqueLangConstraint: check_unique_lang,
    m.HasValueConstraint: check_has_value,
    m.PropertyPairConstraint: check_pair,
    m.ClosedConstraint: check_closed,
}
"""Constraints checked by a query of their own (the value tests of :mod:`.values` share one per shape)."""
