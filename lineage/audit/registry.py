"""The named checks, and :func:`run_audit`, which runs them over a graph.

The checks are independent of each other, so an audit can also be run as
groups of checks side by side (:func:`halves`, one process each) and their
reports joined (:func:`merge_reports`) into the report one run gives.

>>> sorted(CHECKS)[:3]
['arithmetic', 'conflicts', 'coverage']
>>> halves()
[['time', 'duplication'], ['coverage', 'orphans', 'conflicts', 'numbering', 'arithmetic', 'responsibility', 'reporting']]
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import networkx as nx

from lineage.audit import (
    arithmetic,
    conflicts,
    coverage,
    duplication,
    numbering,
    orphans,
    reporting,
    responsibility,
    time,
)
from lineage.audit.context import AuditContext
from lineage.audit.kinds import CENTRAL, level
from lineage.audit.model import SEVERITIES, AuditReport, Check, Finding
from lineage.errors import LineageError
from lineage.gcpause import collector_paused
from lineage.store import LoadedGraph

CHECKS: dict[str, Check] = {
    module.CHECK.name: module.CHECK
    for module in (coverage, orphans, time, conflicts, numbering, arithmetic, responsibility, duplication, reporting)
}
"""Every check by name, in the order the report shows them."""


HEAVY = ("time", "duplication")
"""The checks that take about half of the audit on a national graph: each on its own (in a fresh context)
duplication 1.1 s and time 0.75 s, of 3.5 s for all nine. :func:`halves` runs them apart from the rest."""


def halves(names: Sequence[str] | None = None) -> list[list[str]]:
    """The checks ``names`` (all by default) in two groups of similar cost, :data:`HEAVY` and the others, each
    in registry order; an empty group is left out."""
    chosen = [check.name for check in select_checks(names)]
    groups = [[n for n in chosen if n in HEAVY], [n for n in chosen if n not in HEAVY]]
    return [group for group in groups if group]


def merge_reports(reports: Sequence[AuditReport]) -> AuditReport:
    """The report of all the checks of ``reports`` (each of other checks, over the same graph and date), as
    one :func:`run_audit` of them gives: checks and findings in registry order, each check's as it found them."""
    order = {name: position for position, name in enumerate(CHECKS)}
    checks = sorted({name for report in reports for name in report.checks}, key=order.__getitem__)
    findings = sorted((f for report in reports for f in report.findings), key=lambda f: order[f.check])
    served = {iri: roots for report in reports for iri, roots in report.directives.items()}
    directives = {f.subjects[0].iri: served[f.subjects[0].iri] for f in findings
                  if f.subjects and f.subjects[0].iri in served}
    as_of = {report.as_of for report in reports}
    if len(as_of) > 1:
        raise ValueError(f"the reports are of different dates: {sorted(map(str, as_of))}")
    return AuditReport(as_of.pop() if as_of else None, findings, tuple(checks), directives)


def select_checks(names: Sequence[str] | None) -> list[Check]:
    """The checks called ``names`` (all when ``None``); an unknown name is an error listing the names."""
    if not names:
        return list(CHECKS.values())
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise LineageError(
            f"unknown check {', '.join(repr(n) for n in unknown)} / kiểm tra không tồn tại; "
            f"the checks are / các kiểm tra: {', '.join(CHECKS)}"
        )
    return [CHECKS[n] for n in CHECKS if n in names]


def run_audit(graph: LoadedGraph, *, as_of: datetime.date | None = None, checks: Sequence[str] | None = None,
              view: nx.MultiDiGraph | None = None) -> AuditReport:
    """Run the named checks (all by default) over ``graph``; ``as_of`` dates the overdue test."""
    selected = select_checks(checks)
    with collector_paused():
        context = AuditContext(graph, as_of=as_of, view=view)
        findings: list[Finding] = []
        for check in selected:
            findings += sorted(check.run(context), key=_order)
        directives = {f.subjects[0].iri: _roots(context, f.subjects[0].iri) for f in findings if f.subjects}
    return AuditReport(
        as_of.isoformat() if as_of else None,
        findings,
        tuple(c.name for c in selected),
        {iri: roots for iri, roots in directives.items() if roots},
    )


def _order(finding: Finding) -> tuple[int, str, str]:
    first = finding.subjects[0].display() if finding.subjects else ""
    return (SEVERITIES.index(finding.severity), finding.rule, first)


def _roots(context: AuditContext, iri: str) -> tuple[str, ...]:
    """The central root directives ``iri`` serves (itself when it is one), as displayed."""
    node = iri if iri in context.closure else context.target_document(iri)
    if node is None or node not in context.closure:
        return ()
    return tuple(sorted({context.display(r) for r in context.closure.roots(node) if level(context, r) == CENTRAL}))
