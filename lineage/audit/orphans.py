"""Orphans and dead ends: chains that start nowhere, stop short, or loop.

Rules: ``no-root`` (a programme or plan that carries out nothing in the graph, so
neither it nor its tasks reach a directive; a source text is a warning, a
programme or plan only named by others is info; an inferred link that would
connect it is named), ``programme-without-plan`` (a provincial action programme
no plan carries out), ``plan-without-tasks`` (a plan or programme whose own text
is in the corpus but which sets no task) and ``chain-cycle`` (chain links that
loop: a document that, through others, implements itself).
"""

from __future__ import annotations

from collections.abc import Iterator

from lineage.audit.context import AuditContext
from lineage.audit.kinds import is_document, is_local, is_plan, is_programme
from lineage.audit.model import Check, Finding, plural

NAME = "orphans"


def run(ctx: AuditContext) -> Iterator[Finding]:
    """Every orphan and dead end of the graph."""
    yield from no_root(ctx)
    yield from programmes_without_plans(ctx)
    yield from plans_without_tasks(ctx)
    yield from cycles(ctx)


def no_root(ctx: AuditContext) -> Iterator[Finding]:
    """Programmes and plans that carry out nothing in the graph, with the tasks left hanging with them."""
    sources = _sources(ctx)
    for iri in sorted(ctx.documents, key=ctx.display_key):
        if not (is_programme(ctx, iri) or is_plan(ctx, iri)) or not is_local(ctx, iri):
            continue
        group = ctx.equivalents(iri)
        if min(group) != iri or not all(ctx.closure.is_root(m) for m in group if m in ctx.closure):
            continue
        tasks = [d for m in group if m in ctx.closure for d in ctx.closure.descendants(m)
                 if ctx.kind(d) == "task" and ctx.document_of(d) == m]
        inferred = sorted({r for m in group if m in ctx.inferred_closure for r in ctx.inferred_closure.roots(m)}
                          - group)
        name = " = ".join(ctx.display(m) for m in sorted(group, key=ctx.display_key))
        severity = "warning" if (group & sources or tasks) and not inferred else "info"
        held_vi = f" (cùng {len(tasks)} nhiệm vụ của nó)" if tasks else ""
        held_en = f" (with its {plural(len(tasks), 'task')})" if tasks else ""
        via_vi = (f" Chỉ liên kết suy luận nối nó tới {', '.join(ctx.display(r) for r in inferred)}."
                  if inferred else "")
        via_en = (f" Only inferred links connect it to {', '.join(ctx.display(r) for r in inferred)}."
                  if inferred else "")
        yield ctx.finding(
            NAME, "no-root", severity, [*sorted(group), *inferred],
            f"{name} không thực hiện văn bản nào trong đồ thị nên không dẫn tới văn bản chỉ đạo gốc nào{held_vi}."
            f"{via_vi}",
            f"{name} carries out nothing in the graph, so it reaches no root directive{held_en}.{via_en}",
            tuple(e for m in sorted(group) for e in ctx.evidence(m, limit=1)),
        )


def programmes_without_plans(ctx: AuditContext) -> Iterator[Finding]:
    """Provincial action programmes that no plan carries out."""
    for iri in sorted(ctx.documents, key=ctx.display_key):
        if not is_programme(ctx, iri) or not is_local(ctx, iri):
            continue
        group = sorted(ctx.equivalents(iri))
        if group[0] != iri or any(is_plan(ctx, c) for m in group for c in ctx.closure.children(m)):
            continue
        inferred = sorted({c for m in group for c in ctx.inferred_closure.children(m) if is_plan(ctx, c)})
        name = " = ".join(ctx.display(m) for m in sorted(group, key=ctx.display_key))
        via_vi = (f" Liên kết suy luận gợi ý: {', '.join(ctx.display(c) for c in inferred)}." if inferred else "")
        via_en = (f" Inferred links suggest {', '.join(ctx.display(c) for c in inferred)}." if inferred else "")
        yield ctx.finding(
            NAME, "programme-without-plan", "info" if inferred else "warning", [*group, *inferred],
            f"Chưa có kế hoạch nào được nêu là thực hiện chương trình {name}.{via_vi}",
            f"No plan is stated to carry out the programme {name}.{via_en}",
            tuple(e for m in (*group, *inferred) for e in ctx.evidence(m, limit=1)),
        )


def plans_without_tasks(ctx: AuditContext) -> Iterator[Finding]:
    """Plans and programmes whose own text is in the corpus but which set no task."""
    for iri in sorted(_sources(ctx), key=ctx.display_key):
        if not (is_plan(ctx, iri) or is_programme(ctx, iri)) or iri not in ctx.view:
            continue
        if any(ctx.kind(d) == "task" for d in ctx.closure.descendants(iri)):
            continue
        name = ctx.display(iri)
        yield ctx.finding(
            NAME, "plan-without-tasks", "warning", [iri],
            f"{name} có toàn văn trong kho nhưng không giao nhiệm vụ nào.",
            f"The text of {name} is in the corpus, but it sets no task.",
            ctx.evidence(iri, limit=1),
        )


def cycles(ctx: AuditContext) -> Iterator[Finding]:
    """Chain links that loop back on themselves."""
    for cycle in ctx.closure.cycles():
        shown = " → ".join(ctx.display(i) for i in (*cycle, cycle[0]))
        yield ctx.finding(
            NAME, "chain-cycle", "error", cycle,
            f"Chuỗi thực hiện quay vòng: {shown}.",
            f"The chain of implementation loops: {shown}.",
            tuple(e for a, b in zip(cycle, (*cycle[1:], cycle[0]), strict=True)
                  for e in ctx.link_evidence(a, _relation(ctx, a, b), b, limit=1)),
        )


def _relation(ctx: AuditContext, child: str, parent: str) -> str:
    return "part_of" if ctx.view.has_edge(child, parent, "part_of") else "implements"


def _sources(ctx: AuditContext) -> set[str]:
    return {s.document for s in ctx.sources.values() if s.document and is_document(ctx, s.document)}


CHECK = Check(
    NAME,
    {"vi": "Văn bản mồ côi và điểm cụt", "en": "Orphans and dead ends"},
    {
        "vi": "Văn bản và nhiệm vụ không dẫn tới văn bản chỉ đạo gốc nào; chương trình chưa có kế hoạch thực hiện; "
              "kế hoạch không giao nhiệm vụ; chuỗi thực hiện quay vòng.",
        "en": "Documents and tasks that reach no root directive; programmes with no plan; plans with no tasks; "
              "chains of implementation that loop.",
    },
    run,
)
