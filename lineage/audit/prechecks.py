"""Quick tests of whether a rule's query can return a row at all, read from the store's indexes.

Like the deadline tests of :mod:`lineage.audit.timings`, each answers "can this query find
anything?"; the check runs the query only when the answer is yes, so the query stays the
one statement of its rule. A test says no only when the query's pattern cannot match.
"""

from __future__ import annotations

import pyoxigraph as ox

from lineage.audit.context import AuditContext

_ELI = "http://data.europa.eu/eli/ontology#"
_LIN = "https://w3id.org/lineage-vn/def#"
_UNNAMED_TASK = "ASK { ?task a lin:Task FILTER(!isIRI(?task)) }"
LEAD = ox.NamedNode("http://data.europa.eu/eli/eli-draft-legislation-ontology#had_responsible_organization")
_IMPLEMENTS = ox.NamedNode(_ELI + "ensures_implementation_of")
_TYPE_DOCUMENT = ox.NamedNode(_ELI + "type_document")
_PLAN = ox.NamedNode("https://w3id.org/lineage-vn/scheme/document-type/kh")
_REPORTED = (ox.NamedNode(_LIN + "reportsOn"), ox.NamedNode(_LIN + "aboutDirective"))


def may_lack_lead(ctx: AuditContext) -> bool:
    """Whether some ``lin:Task`` may have no lead body (``queries/audit/tasks-without-lead.rq``).

    Tasks named by IRI are the view's tasks; one that is a blank node is taken as lacking a lead.
    """
    leads = ctx.task_values(LEAD)
    if any(task not in leads for task in ctx.tasks):
        return True
    return bool(ctx.graph.query(_UNNAMED_TASK))


def may_lack_plan(ctx: AuditContext) -> bool:
    """Whether some directive a report speaks of may have no plan under it (``reports-without-plan.rq``).

    Says no only when every directive reported on (``lin:reportsOn``, ``lin:aboutDirective``) has a
    plan (type ``kh``) that carries it out through one or more ``eli:ensures_implementation_of`` links.
    """
    store = ctx.graph.store
    directives = {q.object for predicate in _REPORTED for q in store.quads_for_pattern(None, predicate, None, None)}
    return not all(_plan_below(store, directive) for directive in directives)


def _plan_below(store: ox.Store, directive: ox.NamedNode | ox.BlankNode | ox.Literal) -> bool:
    """Whether a plan reaches ``directive`` through one or more implementation links (breadth first)."""
    seen: set[ox.NamedNode | ox.BlankNode] = set()
    frontier = [directive]
    while frontier:
        below: list[ox.NamedNode | ox.BlankNode | ox.Literal] = []
        for node in frontier:
            for quad in store.quads_for_pattern(None, _IMPLEMENTS, node, None):
                subject = quad.subject
                if subject in seen:
                    continue
                seen.add(subject)
                if any(True for _ in store.quads_for_pattern(subject, _TYPE_DOCUMENT, _PLAN, None)):
                    return True
                below.append(subject)
        frontier = below
    return False
