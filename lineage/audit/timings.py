"""Every task's timing, read once, and quick tests of whether a timing query can find anything at all.

The deadline rules of the time check are SPARQL queries (``queries/audit/*.rq``), and each
walks the timing of every task, which at national size costs more than the rest of the
check. The tests below read the timings the check reads anyway and answer "can this query
return a row?"; the check runs the query only when the answer is yes, so the query stays
the one statement of the rule. They err towards yes: a date they cannot read, or a shape of
data they do not expect, runs the query.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

import pyoxigraph as ox

from lineage.audit.context import AuditContext

TASK_TIMINGS = """
SELECT ?task ?timing ?printed ?kindIri ?begin ?end WHERE {
  ?task a lin:Task .
  OPTIONAL { ?task lin:timing ?timing .
             OPTIONAL { ?timing lin:printedTiming ?printed }
             OPTIONAL { ?timing lin:timingKind ?kindIri }
             OPTIONAL { ?timing time:hasBeginning/time:inXSDDate ?begin }
             OPTIONAL { ?timing time:hasEnd/time:inXSDDate ?end } }
}
"""
"""One row per task and timing (and per printed form, kind, beginning and end when there are several).

The kind's short name (``?kind``, the IRI's last segment) is added in Python (:func:`task_timings`):
a regular expression in the query costs more than the rest of it.
"""
_TASK_TIMINGS_NAMING_KINDS = (
    TASK_TIMINGS.replace("?kindIri ?begin", "?kind ?kindIri ?begin", 1).rstrip().removesuffix("}")
    + '  BIND(REPLACE(STR(?kindIri), "^.*/", "") AS ?kind)\n}\n'
)
""":data:`TASK_TIMINGS` naming each kind in the query, for kinds that are not IRIs (a literal, a blank node)."""

DONE = "https://w3id.org/lineage-vn/scheme/timing/done"
EARLIEST_YEAR, LATEST_YEAR = 1930, 2100
"""Dates outside these years are misprints: the Party was founded in 1930."""
_DATE = re.compile(r"^(\d{4})-\d{2}-\d{2}$")
_PART_OF = ox.NamedNode("http://data.europa.eu/eli/ontology#is_part_of")
_DATE_DOCUMENT = ox.NamedNode("http://data.europa.eu/eli/ontology#date_document")
_DATE_PARTIAL = ox.NamedNode("https://w3id.org/lineage-vn/def#datePartial")
_UNREADABLE = "~"
"""Sorts after every ISO date: a date that cannot be read is taken as the latest possible."""

Row = Mapping[str, str | None]


def task_timings(ctx: AuditContext) -> list[Row]:
    """The rows of :data:`TASK_TIMINGS`, each with ``kind`` (the timing kind's last segment), read once per audit."""
    return ctx.shared("task-timings", lambda: _read_timings(ctx))


def _read_timings(ctx: AuditContext) -> list[Row]:
    """The timing rows; ``kind`` is what follows the last ``/`` of the kind's IRI, as ``REPLACE(STR(?kindIri),
    "^.*/", "")`` reads it (an IRI holds no line break). A kind that is not an IRI is left to that expression."""
    results = ctx.graph.query(TASK_TIMINGS)
    names = [v.value for v in results.variables]
    at = names.index("kindIri")
    rows: list[Row] = []
    for solution in results:
        terms = list(solution)
        row: dict[str, str | None] = {name: None if term is None else term.value for name, term in zip(names, terms)}
        kind = terms[at]
        if kind is None:
            row["kind"] = None
        elif isinstance(kind, ox.NamedNode):
            row["kind"] = kind.value[kind.value.rfind("/") + 1:]
        else:
            return ctx.rows(_TASK_TIMINGS_NAMING_KINDS)
        rows.append(row)
    return rows


def may_be_implausible(rows: Iterable[Row]) -> bool:
    """Whether some timing begins or ends outside 1930–2100, ends before it begins, or cannot be read."""
    for row in rows:
        if row["timing"] is None:
            continue
        begin, end = row["begin"], row["end"]
        if any(d is not None and not _plausible(d) for d in (begin, end)):
            return True
        if begin is not None and end is not None and _key(end) < _key(begin):
            return True
    return False


def may_precede_issue(ctx: AuditContext, rows: Iterable[Row]) -> bool:
    """Whether some task not marked done ends before a date of a document it is part of (at any depth)."""
    rows = list(rows)
    done = {row["timing"] for row in rows if row["kindIri"] == DONE}
    ends: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        end = row["end"]
        if end is None or row["timing"] in done:
            continue
        if _key(end) == _UNREADABLE:
            return True
        if int(end[:4]) >= EARLIEST_YEAR:
            ends[row["task"] or ""].append(end)
    if not ends:
        return False
    latest = _LatestIssued(ctx)
    return any(end < latest.above(task) for task, found in ends.items() for end in found)


class _LatestIssued:
    """The latest issue date of what lies above a node through ``eli:is_part_of``, at any depth."""

    DEEPEST = 64
    """Deeper chains (or loops) are not followed: the answer is then "unreadable", and the query runs."""

    def __init__(self, ctx: AuditContext) -> None:
        self.parents: dict[str, list[str]] = defaultdict(list)
        for subject, term in _pairs(ctx, _PART_OF):
            self.parents[subject].append(term.value)
        dated: dict[str, list[str]] = defaultdict(list)
        for subject, term in _pairs(ctx, _DATE_DOCUMENT):
            dated[subject].append(_key(term.value))
        partial: dict[str, list[str]] = defaultdict(list)
        for subject, term in _pairs(ctx, _DATE_PARTIAL):
            text = term.value
            partial[subject].append(f"{text[:4]}-01-01" if text[:4].isdigit() else _UNREADABLE)
        self.issued = {node: max(dated.get(node) or partial[node]) for node in dated.keys() | partial.keys()}
        self.memo: dict[str, str] = {}

    def above(self, node: str, depth: int = 0) -> str:
        """The latest issue date strictly above ``node`` ("" when nothing above is dated)."""
        if node in self.memo:
            return self.memo[node]
        if depth > self.DEEPEST:
            return _UNREADABLE
        self.memo[node] = _UNREADABLE  # a loop back to this node reads as unreadable
        found = ""
        for parent in self.parents.get(node, ()):
            found = max(found, self.issued.get(parent, ""), self.above(parent, depth + 1))
        self.memo[node] = found
        return found


def _pairs(ctx: AuditContext, predicate: ox.NamedNode) -> Iterable[tuple[str, ox.NamedNode | ox.BlankNode | ox.Literal]]:
    for quad in ctx.graph.store.quads_for_pattern(None, predicate, None, None):
        yield quad.subject.value, quad.object


@lru_cache(maxsize=1 << 12)
def _key(date: str) -> str:
    """An ISO date as it sorts; anything else as the latest possible date."""
    return date if _DATE.match(date) else _UNREADABLE


@lru_cache(maxsize=1 << 12)
def _plausible(date: str) -> bool:
    match = _DATE.match(date)
    return match is not None and EARLIEST_YEAR <= int(match.group(1)) <= LATEST_YEAR

