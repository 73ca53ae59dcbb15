"""Coverage: for each central directive, which levels carry it out and which are missing.

Rules: ``levels`` (per central directive that a document implements or a report
reports on: its programmes, Party-committee plans, People's Committee plans,
tasks and targets below it, through stated links; a level reached only through
inferred links is named as such) and ``not-implemented`` (a document that tasks
say is to be carried out, with no document carrying it out in the graph).
"""

from __future__ import annotations

from collections.abc import Iterator

from lineage.audit.context import AuditContext
from lineage.audit.kinds import (
    is_central_directive,
    is_document,
    is_plan,
    is_programme,
    level,
    plan_side,
    type_code,
)
from lineage.audit.model import Check, Finding, plural

NAME = "coverage"
LEVELS = ("programme", "party-plan", "state-plan", "tasks", "targets")
"""The levels a directive is expected to reach; a missing one is named."""
OTHER = "other"
"""Other implementing documents (decisions, letters, conclusions): listed, never missing."""
LEVEL_NAMES = {
    OTHER: ("văn bản khác", "other documents"),
    "programme": ("chương trình hành động", "action programme"),
    "party-plan": ("kế hoạch của cấp ủy", "Party-committee plan"),
    "state-plan": ("kế hoạch của UBND", "People's Committee plan"),
    "tasks": ("nhiệm vụ", "tasks"),
    "targets": ("chỉ tiêu", "targets"),
}
_REPORTED = """
SELECT DISTINCT ?directive WHERE { { ?report lin:reportsOn ?directive } UNION { ?s lin:aboutDirective ?directive } }
"""
_TARGET_TYPES = frozenset({"target"})
NOT_DIRECTIVES = frozenset({"KH", "BC"})


def run(ctx: AuditContext) -> Iterator[Finding]:
    """Every coverage finding of the graph."""
    yield from levels(ctx)
    yield from not_implemented(ctx)


def directives(ctx: AuditContext) -> list[str]:
    """Central directives that some document implements or some report reports on."""
    reported = {r["directive"] for r in ctx.rows(_REPORTED)}
    found = set()
    for iri in ctx.documents:
        if not is_central_directive(ctx, iri):
            continue
        implemented = any(is_document(ctx, child) for child in ctx.inferred_closure.children(iri))
        if implemented or iri in reported:
            found.add(iri)
    return sorted(found, key=ctx.display_key)


def levels(ctx: AuditContext) -> Iterator[Finding]:
    """One finding per central directive: the levels below it, and the ones missing."""
    targets_of: dict[str, list[str]] = {}
    for value in ctx.targets.values():
        if value.kind in _TARGET_TYPES:
            targets_of.setdefault(ctx.document_of(value.document) or value.document, []).append(value.iri)
    for directive in directives(ctx):
        stated = _levels(ctx, ctx.closure.descendants(directive), targets_of)
        inferred = _levels(ctx, ctx.inferred_closure.descendants(directive), targets_of)
        present_vi, present_en, missing = [], [], []
        for tier in (*LEVELS, OTHER):
            vi, en = LEVEL_NAMES[tier]
            found = stated[tier] or inferred[tier]
            if not found:
                if tier != OTHER:
                    missing.append(tier)
                continue
            names = ", ".join(sorted({ctx.display(d) for d in {ctx.document_of(i) or i for i in found}})[:6])
            note_vi, note_en = ("", "") if stated[tier] else (" (chỉ qua liên kết suy luận)", " (inferred links only)")
            present_vi.append(f"{vi}: {len(found)} ({names}){note_vi}")
            present_en.append(f"{en}: {len(found)} ({names}){note_en}")
        documents = {d for tier in ("programme", "party-plan", "state-plan", OTHER)
                     for d in stated[tier] | inferred[tier]}
        severity = "warning" if not documents else "info"
        lacking_vi = ", ".join(LEVEL_NAMES[m][0] for m in missing) or "không"
        lacking_en = ", ".join(LEVEL_NAMES[m][1] for m in missing) or "none"
        name = ctx.display(directive)
        shown = sorted(documents, key=ctx.display_key)[:5]
        yield ctx.finding(
            NAME, "levels", severity, [directive, *shown],
            f"{name} được thực hiện qua — {'; '.join(present_vi) or 'không cấp nào'}. Còn thiếu: {lacking_vi}.",
            f"{name} is carried out through — {'; '.join(present_en) or 'no level at all'}. Missing: {lacking_en}.",
            ctx.evidence(directive, limit=1)
            + tuple(e for d in shown for e in ctx.link_evidence(d, "implements", directive, limit=1)),
        )


def not_implemented(ctx: AuditContext) -> Iterator[Finding]:
    """Directives that tasks of another document are to carry out, with no document carrying them out.

    Plans, reports and the province's own programmes are left out: tasks carrying out a plan
    are the plan at work, and a programme without plans is an orphans finding.
    """
    for iri in sorted(ctx.documents, key=ctx.display_key):
        if not is_document(ctx, iri) or type_code(ctx, iri) in NOT_DIRECTIVES or (
                is_programme(ctx, iri) and level(ctx, iri) is not None):
            continue
        implementing = [s for s, _, key in ctx.view.in_edges(iri, keys=True) if key == "implements"]
        if any(is_document(ctx, s) for s in implementing):
            continue
        asking = ctx.in_print_order(s for s in implementing if ctx.document_of(s) not in (None, iri)
                                    and ctx.kind(s) in ("task", "part")
                                    and not ctx.view.edges[s, iri, "implements"]["inferred"])
        if not asking:
            continue
        name, shown = ctx.display(iri), asking[:3]
        listed = ", ".join(ctx.display(t) for t in shown)
        yield ctx.finding(
            NAME, "not-implemented", "info", [iri, *asking],
            f"{name} được {len(asking)} nội dung giao triển khai ({listed}) nhưng chưa có văn bản nào trong đồ thị "
            "cụ thể hóa nó.",
            f"{name} is to be carried out by {plural(len(asking), 'provision')} ({listed}), but no document in the "
            "graph implements it.",
            tuple(e for t in shown for e in ctx.link_evidence(t, "implements", iri, limit=1))
            or tuple(e for t in shown for e in ctx.evidence(t, limit=1)),
        )


def _levels(ctx: AuditContext, below: list[str], targets_of: dict[str, list[str]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {tier: set() for tier in (*LEVELS, OTHER)}
    for iri in below:
        kind = ctx.kind(iri)
        if kind == "task":
            found["tasks"].add(iri)
        elif is_programme(ctx, iri):
            found["programme"].add(iri)
        elif is_plan(ctx, iri):
            side = plan_side(ctx, iri)
            found["state-plan" if side == "state" else "party-plan"].add(iri)
        elif kind == "document":
            found[OTHER].add(iri)
        if kind == "document":
            found["targets"].update(targets_of.get(iri, ()))
    return found


CHECK = Check(
    NAME,
    {"vi": "Mức độ bao phủ", "en": "Coverage"},
    {
        "vi": "Với mỗi văn bản chỉ đạo của Trung ương: những cấp nào đã cụ thể hóa (chương trình hành động, kế hoạch "
              "của cấp ủy, kế hoạch của UBND, nhiệm vụ, chỉ tiêu) và cấp nào còn thiếu; văn bản được giao triển khai "
              "mà chưa có văn bản nào thực hiện trong đồ thị.",
        "en": "For each central directive: which levels carry it out (action programme, Party-committee plan, "
              "People's Committee plan, tasks, targets) and which are missing; documents cited as to be implemented "
              "with no implementing document in the graph.",
    },
    run,
)
