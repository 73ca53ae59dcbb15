"""Reporting: directives carried out but never reported on, and reports on directives no plan carries out.

Rules: ``no-report`` (a central directive that some document carries out, with no
report on it in the graph) and ``report-without-plan`` (a report speaks of a
directive under which no plan lies, stated or inferred).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from lineage.audit.context import AuditContext
from lineage.audit.model import Check, Finding
from lineage.audit.prechecks import may_lack_plan

NAME = "reporting"


def run(ctx: AuditContext) -> Iterator[Finding]:
    """Every reporting finding of the graph."""
    yield from no_report(ctx)
    yield from report_without_plan(ctx)


def no_report(ctx: AuditContext) -> Iterator[Finding]:
    """Central directives carried out by some document and reported on by none."""
    for row in ctx.query("directives-without-report"):
        directive = row["directive"] or ""
        if directive not in ctx.view:
            continue
        implementing = sorted({s for s, _, key in ctx.view.in_edges(directive, keys=True)
                               if key == "implements" and ctx.kind(s) == "document"}, key=ctx.display_key)
        listed = ", ".join(ctx.display(d) for d in implementing[:4])
        name = ctx.display(directive)
        yield ctx.finding(
            NAME, "no-report", "warning", [directive, *implementing],
            f"{name} đã được triển khai ({listed}) nhưng chưa có báo cáo nào trong đồ thị về việc thực hiện.",
            f"{name} is carried out ({listed}) but no report in the graph covers its implementation.",
            ctx.evidence(directive, limit=1)
            + tuple(e for d in implementing[:2] for e in ctx.link_evidence(d, "implements", directive, limit=1)),
        )


def report_without_plan(ctx: AuditContext) -> Iterator[Finding]:
    """Reports on directives under which no plan lies."""
    if not may_lack_plan(ctx):
        return
    reports: dict[str, set[str]] = defaultdict(set)
    for row in ctx.query("reports-without-plan"):
        report = row["report"] or ""
        reports[row["directive"] or ""].add(ctx.document_of(report) or report)
    for directive, by in sorted(reports.items(), key=lambda item: ctx.display_key(item[0])):
        names = ", ".join(ctx.display(r) for r in sorted(by))
        name = ctx.display(directive)
        evidence = [e for r in sorted(by) for e in ctx.link_evidence(r, "reports_on", directive, limit=1)]
        yield ctx.finding(
            NAME, "report-without-plan", "warning", [directive, *sorted(by)],
            f"{names} báo cáo về {name}, nhưng trong đồ thị chưa có kế hoạch nào thực hiện {name}.",
            f"{names} reports on {name}, yet no plan in the graph carries {name} out.",
            evidence or ctx.evidence(directive, limit=1),
        )


CHECK = Check(
    NAME,
    {"vi": "Báo cáo", "en": "Reporting"},
    {
        "vi": "Văn bản chỉ đạo đã được triển khai nhưng chưa có báo cáo; báo cáo về văn bản chỉ đạo chưa có kế hoạch "
              "thực hiện.",
        "en": "Directives carried out but never reported on; reports on directives that no plan carries out.",
    },
    run,
)
