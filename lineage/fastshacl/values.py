"""Constraints on each value node, and the counts of value nodes: all of one shape in one query.

Most checks walk the shape's path from every focus node; walking it once per
shape instead of once per constraint is what makes a property shape with four
constraints cost about one query. Each constraint contributes a SPARQL test
that is true for the values it rejects (or doubts, then Python gives pySHACL's
verdict); counts come from one GROUP BY over the same walk. The query returns
only focus nodes with something wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Identifier

from lineage.fastshacl import literals as lit
from lineage.fastshacl import model as m
from lineage.fastshacl.paths import PredicatePath, RepeatPath, SequencePath, exists_pattern
from lineage.fastshacl.runner import Term
from lineage.fastshacl.scope import Scope, Violation
from lineage.validate.terms import to_oxigraph, to_rdflib

_TYPE_PATH = SequencePath((PredicatePath(RDF.type), RepeatPath(PredicatePath(RDFS.subClassOf), "*")))
_KINDS = {
    SH.IRI: ("isIRI",),
    SH.BlankNode: ("isBlank",),
    SH.Literal: ("isLiteral",),
    SH.BlankNodeOrIRI: ("isBlank", "isIRI"),
    SH.BlankNodeOrLiteral: ("isBlank", "isLiteral"),
    SH.IRIOrLiteral: ("isIRI", "isLiteral"),
}


@dataclass(frozen=True)
class ValueTest:
    """A constraint on single values: ``test`` (SPARQL) holds for rejected or doubtful values; ``confirm`` decides the doubtful."""

    constraint: m.Constraint
    test: Callable[[str], str]
    confirm: Callable[[Identifier], bool] | None = None


def value_test(c: m.Constraint) -> ValueTest | None:
    """The value test of ``c``, or None when ``c`` is not a constraint on single values."""
    if isinstance(c, m.ClassConstraint):
        return ValueTest(c, lambda v: f"NOT EXISTS {{ {exists_pattern(v, _TYPE_PATH, f'<{c.cls}>')} }}")
    if isinstance(c, m.DatatypeConstraint):
        return ValueTest(c, lambda v: f"!{lit.datatype_ok_sparql(v, c.datatype)}",
                         lambda node: not lit.datatype_matches(node, c.datatype))
    if isinstance(c, m.NodeKindConstraint):
        return ValueTest(c, lambda v: "!(" + " || ".join(f"{test}({v})" for test in _KINDS[c.kind]) + ")")
    if isinstance(c, m.RangeConstraint):
        bound = str(to_oxigraph(c.bound))
        return ValueTest(c, lambda v: f"!{lit.range_ok_sparql(v, c.bound, c.parameter, bound)}",
                         lambda node: not lit.in_range(node, c.bound, c.parameter))
    if isinstance(c, m.MinLengthConstraint) and c.length > 0:
        return ValueTest(c, lambda v: f"(isBlank({v}) || {lit.length_doubt_sparql(v)} || STRLEN(STR({v})) < {c.length})",
                         lambda node: isinstance(node, BNode) or len(lit.string_form(node)) < c.length)
    if isinstance(c, m.MaxLengthConstraint):
        return ValueTest(c, lambda v: f"(isBlank({v}) || {lit.length_doubt_sparql(v)} || STRLEN(STR({v})) > {c.length})",
                         lambda node: isinstance(node, BNode) or len(lit.string_form(node)) > c.length)
    if isinstance(c, m.LanguageInConstraint):
        return ValueTest(c, lambda v: _language_test(v, c.languages))
    if isinstance(c, m.InConstraint):
        return _in_test(c)
    return None


def _language_test(v: str, languages: frozenset[str]) -> str:
    if "*" in languages:
        return f'!(isLiteral({v}) && LANG({v}) != "")'
    listed = ", ".join(f'"{tag}"' for tag in sorted(languages))
    first = f'LCASE(STRBEFORE(CONCAT(LANG({v}), "-"), "-"))'
    return f'!(isLiteral({v}) && LANG({v}) != "" && (LCASE(LANG({v})) IN ({listed}) || {first} IN ({listed})))'


def _in_test(c: m.InConstraint) -> ValueTest:
    """IRIs are compared in SPARQL; literals by rdflib's term equality, as pySHACL compares them."""
    iris = [node for node in c.members if isinstance(node, URIRef)]
    has_literals = any(isinstance(node, Literal) for node in c.members)

    def test(v: str) -> str:
        known = " || ".join(f"sameTerm({v}, <{iri}>)" for iri in iris) or "false"
        return f"(isLiteral({v}) || !({known}))" if has_literals else f"!({known})"
    if not has_literals:
        return ValueTest(c, test)
    members = set(c.members)
    return ValueTest(c, test, lambda node: node not in members)


def check_values(tests: list[ValueTest], counts: list[m.Constraint], scope: Scope) -> list[Violation]:
    """The violations of ``tests`` and of ``counts`` (sh:minCount, sh:maxCount) on one shape, from one query."""
    if not tests and not counts:
        return []
    flags = [f"COALESCE({test.test('?value')}, false)" for test in tests]
    binds = " ".join(f"BIND({flag} AS ?b{i})" for i, flag in enumerate(flags))
    any_flag = " || ".join(f"?b{i}" for i in range(len(flags))) or "false"
    heads = " ".join(f"?b{i}" for i in range(len(flags)))
    label_constraint = (tests[0].constraint if tests else counts[0])
    if scope.shape.path is None:
        text = f"SELECT ?this {heads}"
        rows = scope.query(label_constraint, text, f"BIND(?this AS ?value) {binds} FILTER({any_flag})")
        rows = [(row[0], None, row[0], *row[1:]) for row in rows]
    elif not counts:
        rows = scope.query(label_constraint, f"SELECT DISTINCT ?this ?value {heads}",
                           f"{scope.value_pattern()} {binds} FILTER({any_flag})")
        rows = [(row[0], None, *row[1:]) for row in rows]
    else:
        rows = scope.query(label_constraint, f"SELECT ?this ?n ?value {heads}", _counted(scope, tests, counts, binds, any_flag))
    return _read(rows, tests, counts)


def _counted(scope: Scope, tests: list[ValueTest], counts: list[m.Constraint], binds: str, any_flag: str) -> str:
    """A GROUP BY over every focus node's values, keeping those with a wrong count or a flagged value.

    The flag is bound per value before grouping: Oxigraph evaluates an EXISTS
    inside an aggregate without the row's bindings, which is very slow.
    """
    counted = "COUNT(DISTINCT ?_key)"
    having = []
    for c in counts:
        if isinstance(c, m.MinCountConstraint) and c.count > 0:
            having.append(f"{counted} < {c.count}")
        if isinstance(c, m.MaxCountConstraint):
            having.append(f"{counted} > {c.count}")
    flag = ""
    if tests:
        flagged = " || ".join(f"COALESCE({test.test('?v')}, false)" for test in tests)
        flag = f"BIND({flagged} AS ?_flag)"
        having.append("MAX(IF(COALESCE(?_flag, false), 1, 0)) > 0")
    grouped = (f"{{ SELECT ?this ({counted} AS ?n) WHERE {{ {scope.focus.select('this')} "
               f"OPTIONAL {{ {scope.value_pattern('?v')} BIND({lit.count_key('?v')} AS ?_key) {flag} }} }} "
               f"GROUP BY ?this HAVING ({' || '.join(having) or 'false'}) }}")
    values = f"OPTIONAL {{ {scope.value_pattern()} {binds} FILTER({any_flag}) }}" if tests else ""
    return f"{grouped} {values}"


def _read(rows: list, tests: list[ValueTest], counts: list[m.Constraint]) -> list[Violation]:
    """Violations from rows ``(focus, count, value, flag…)``; Python confirms doubtful values."""
    found: list[Violation] = []
    seen: set = set()
    verdicts: dict[tuple[int, Term], bool] = {}
    for row in rows:
        focus, count, value, flags = row[0], row[1], row[2], row[3:]
        if count is not None and focus not in seen:
            seen.add(focus)
            n = int(count.value)
            for c in counts:
                if (isinstance(c, m.MinCountConstraint) and n < c.count) or (
                        isinstance(c, m.MaxCountConstraint) and n > c.count):
                    found.append(Violation(focus, None, c, c.component))
        if value is None:
            continue
        for i, (test, flag) in enumerate(zip(tests, flags)):
            if flag is None or flag.value != "true" or (i, focus, value) in seen:
                continue
            seen.add((i, focus, value))
            if test.confirm is not None:
                if (i, value) not in verdicts:
                    with lit.quiet_rdflib():
                        verdicts[(i, value)] = test.confirm(to_rdflib(value))
                if not verdicts[(i, value)]:
                    continue
            found.append(Violation(focus, value, test.constraint, test.constraint.component))
    return found
