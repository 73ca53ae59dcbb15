"""SHACL-SPARQL constraints (``sh:sparql`` with ``sh:select``), run over all focus nodes at once where that is safe.

pySHACL runs the SELECT once per focus node with ``$this`` pre-bound. When every
``$this`` of the query sits in its WHERE group, an OPTIONAL or a FILTER
[NOT] EXISTS — where joining with the focus nodes gives the same rows as
pre-binding — the focus subquery is put at the head of the WHERE group and the
query runs once ("set mode"). Otherwise (subqueries, UNION or MINUS around
``$this``, solution modifiers, aggregates, ``$currentShape``) it runs once per
focus node with ``$this`` bound, like pySHACL ("loop mode").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Literal
from rdflib.term import Identifier

from lineage.fastshacl import model as m
from lineage.fastshacl.errors import ShapeError, unsupported
from lineage.fastshacl.paths import PredicatePath, to_sparql
from lineage.fastshacl.runner import Term
from lineage.fastshacl.scope import Scope, Violation
from lineage.fastshacl.sparqltext import SelectParts, enclosing_groups, has_subquery, mask, split_select, this_positions
from lineage.validate.terms import to_oxigraph, to_rdflib

_BIND_THIS = re.compile(r"([\s{}()])[$?]this", re.MULTILINE)
_PATH = re.compile(r"([\s{}()])[$?]PATH", re.MULTILINE)
_AGGREGATE = re.compile(r"\b(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(", re.IGNORECASE)
_FORBIDDEN = {"MINUS": "MINUS", "VALUES": "VALUES", "SERVICE": "SERVICE (federated query)"}
_SAFE_GROUPS = {"exists", "optional"}


@dataclass(frozen=True)
class Plan:
    """How a SPARQL constraint runs: the query text, and whether once (set mode) or per focus node."""

    text: str
    set_mode: bool
    projects_this: bool
    binds_this: bool
    binds_shape: bool


def plan(c: m.SparqlConstraint, scope: Scope) -> Plan:
    """The query to run for ``c`` on ``scope``'s shape, with ``$PATH`` filled in."""
    label = scope.shape.label
    text = c.query.select
    path = scope.shape.path
    if path is not None:
        text = _PATH.sub(lambda match: match.group(1) + to_sparql(path), text)
    elif _PATH.search(text):
        raise ShapeError(label, "its SPARQL uses $PATH but the shape has no sh:path",
                         "SPARQL dùng $PATH nhưng ràng buộc không có sh:path")
    masked = mask(text)
    for keyword, name in _FORBIDDEN.items():
        if re.search(rf"\b{keyword}\b", masked, re.IGNORECASE):
            raise ShapeError(label, f"a SPARQL constraint must not contain {name}",
                             f"ràng buộc SPARQL không được chứa {name}")
    if re.search(r"[$?]shapesGraph\b", masked):
        raise unsupported(label, "$shapesGraph in SPARQL")
    binds_this = _BIND_THIS.search(text) is not None
    binds_shape = re.search(r"[$?]currentShape\b", masked) is not None
    prologue = c.query.prologue()
    try:
        parts = split_select(text)
    except ValueError as err:
        raise ShapeError(label, f"its SPARQL cannot be read: {err}", f"không đọc được SPARQL: {err}") from None
    loop = Plan(prologue + text, False, True, binds_this, binds_shape)
    _require_this(parts, binds_this, label)
    if binds_shape or has_subquery(parts.masked, parts.body_open + 1, parts.body_close):
        return loop
    grouped = _grouped_by_this(parts.tail)
    if grouped is None:
        return loop
    if not grouped and _AGGREGATE.search(parts.masked[parts.projection_start : parts.projection_end]):
        return loop
    for position in this_positions(parts.masked, parts.body_open + 1, parts.body_close):
        if not set(enclosing_groups(parts.masked, parts.body_open, position)) <= _SAFE_GROUPS:
            return loop
    declared = dict(c.query.prefixes)
    if any(declared.get(name, namespace) != namespace for name, namespace in scope.focus.prefixes):
        return loop
    extra = "".join(f"PREFIX {name}: <{ns}>\n" for name, ns in scope.focus.prefixes if name not in declared)
    projection = text[parts.projection_start : parts.projection_end]
    projected = re.search(r"[$?]this\b|^\s*(DISTINCT|REDUCED)?\s*\*", mask(projection), re.IGNORECASE) is not None
    if not projected:
        keyword = re.match(r"\s*(DISTINCT|REDUCED)\b", projection, re.IGNORECASE)
        cut = keyword.end() if keyword else 0
        projection = f"{projection[:cut]} ?this {projection[cut:]}"
    query = (prologue + extra + text[: parts.projection_start] + projection
             + text[parts.projection_end : parts.body_open + 1] + f" {scope.focus.select('this')} "
             + text[parts.body_open + 1 :])
    return Plan(query, True, projected, True, False)


def _require_this(parts: SelectParts, binds_this: bool, label: str) -> None:
    """A query that uses $this must select it: Oxigraph binds a variable only when the SELECT projects it
    (pySHACL, run by ``lineage validate`` on Oxigraph, fails on it too)."""
    projection = parts.masked[parts.projection_start : parts.projection_end]
    if binds_this and not re.search(r"[$?]this\b|^\s*(DISTINCT|REDUCED)?\s*\*", projection, re.IGNORECASE):
        raise ShapeError(label, "its SPARQL uses $this without selecting it", "SPARQL dùng $this nhưng không chọn nó",
                         "add $this to the SELECT (Oxigraph binds only selected variables)",
                         "thêm $this vào SELECT (Oxigraph chỉ gán biến được chọn)")


def _grouped_by_this(tail: str) -> bool | None:
    """After the WHERE group: nothing (False), a GROUP BY that keeps focus nodes apart (True), or else None.

    Grouping by ``$this`` (with any HAVING or ORDER BY) gives per focus node the
    groups a pre-bound ``$this`` gives; LIMIT, OFFSET or other groupings do not.
    """
    if not tail.strip():
        return False
    if re.search(r"\b(LIMIT|OFFSET)\b", tail, re.IGNORECASE):
        return None
    group = re.match(r"\s*GROUP\s+BY\b(.*?)(?=\bHAVING\b|\bORDER\b|$)", tail, re.IGNORECASE | re.DOTALL)
    if group is None or not re.search(r"(?<![\w(])[?$]this\b(?!\s*\))", group.group(1)):
        return None
    return True


def check_sparql(c: m.SparqlConstraint, scope: Scope) -> list[Violation]:
    """The violations of one SPARQL constraint, with pySHACL's dedup and message templates."""
    how = plan(c, scope)
    label = scope.label(c)
    by_focus: dict[Term, list[dict[str, Term]]] = defaultdict(list)
    if how.set_mode:
        names, rows = scope.runner.columns(how.text, label)
        for row in rows:
            bound = {name: term for name, term in zip(names, row) if term is not None}
            focus = bound.get("this")
            if focus is None:
                continue
            if not how.projects_this:
                del bound["this"]
            by_focus[focus].append(bound)
    else:
        shared = None
        for focus in scope.focus.nodes(scope.runner, label):
            substitutions: dict[str, Term] = {}
            if how.binds_this:
                substitutions["this"] = focus
            if how.binds_shape:
                substitutions["currentShape"] = to_oxigraph(scope.shape.node)
            if not substitutions and shared is not None:
                by_focus[focus] = list(shared)
                continue
            names, rows = scope.runner.columns(how.text, label, substitutions)
            solutions = [{name: term for name, term in zip(names, row) if term is not None} for row in rows]
            if not substitutions:
                shared = solutions
            by_focus[focus] = solutions
    found: list[Violation] = []
    for focus, solutions in by_focus.items():
        found.extend(_violations(c, scope, focus, solutions))
    return found


def _violations(c: m.SparqlConstraint, scope: Scope, focus: Term, solutions: list[dict[str, Term]]) -> list[Violation]:
    """pySHACL's reading of the rows of one focus node (SPARQLConstraintComponent)."""
    node_value = focus if scope.shape.path is None else None
    seen: set = set()
    found = []
    for solution in solutions:
        values = {name: to_rdflib(term) for name, term in solution.items()}
        failure = values.pop("failure", None)
        if failure is not None:
            if "failure" in seen:
                continue
            seen.add("failure")
            found.append(Violation(focus, node_value, c, c.component, messages=_messages(c, scope, values),
                                   source_constraint=c.node))
            continue
        path, value, this = values.pop("path", None), values.pop("value", None), values.pop("this", None)
        if path is None and value is None and this is None:
            continue
        key = (this, path, value, frozenset(values.items()))
        if key in seen:
            continue
        seen.add(key)
        result_focus = solution["this"] if this is not None else focus
        result_value = solution["value"] if value is not None else node_value
        bindings = dict(values)
        for name, term in (("this", this), ("path", path), ("value", None if result_value is None else to_rdflib(result_value))):
            if term is not None:
                bindings[name] = term
        found.append(Violation(result_focus, result_value, c, c.component,
                               path=PredicatePath(path) if path is not None else None,  # type: ignore[arg-type]
                               messages=_messages(c, scope, bindings), source_constraint=c.node))
    return found


def _messages(c: m.SparqlConstraint, scope: Scope, bindings: dict[str, Identifier]) -> tuple[Literal, ...]:
    """The constraint's and the shape's messages with ``{?var}`` / ``{$var}`` filled in (languages kept)."""
    own = [message for message in c.messages if message not in scope.shape.messages]
    return tuple(fill(message, bindings) for message in [*own, *scope.shape.messages])


def fill(message: Literal, bindings: dict[str, Identifier]) -> Literal:
    """``message`` with each ``{?name}`` or ``{$name}`` replaced by the bound value."""
    text = str(message)
    for name, value in bindings.items():
        text = text.replace(f"{{?{name}}}", str(value)).replace(f"{{${name}}}", str(value))
    return Literal(text, lang=message.language, datatype=message.datatype)
