"""Responsibility: who carries the tasks, tasks nobody leads, and bodies whose name is spelled two ways.

Rules: ``no-lead`` (a task with no lead body), ``load`` (how many tasks each body
leads and coordinates, in how many documents) and ``name-spelling`` (a body printed
with two spellings of one name — tone-mark placement, dashes, capitals — in the
clean sources; the OCR sources print without diacritics and are not compared).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from lineage.audit.context import AuditContext
from lineage.audit.model import Check, Finding, plural
from lineage.text.normalize import fold

NAME = "responsibility"
EVIDENCE_PER_BODY = 3

_ROLES = """
SELECT ?task ?org ?role WHERE {
  ?task a lin:Task ; eli-dl:had_participation ?p .
  ?p eli-dl:had_participant_organization ?org ; eli-dl:participation_role ?role_ .
  BIND(REPLACE(STR(?role_), "^.*/", "") AS ?role)
}
"""
_QUOTES = "SELECT ?p ?exact WHERE { ?p oa:hasSource ?src ; oa:hasSelector ?q . ?q oa:exact ?exact }"


def run(ctx: AuditContext) -> Iterator[Finding]:
    """Every responsibility finding of the graph."""
    yield from no_lead(ctx)
    yield from load(ctx)
    yield from name_spellings(ctx)


def no_lead(ctx: AuditContext) -> Iterator[Finding]:
    """Tasks no source gives a lead body."""
    for row in ctx.query("tasks-without-lead"):
        task = row["task"] or ""
        yield ctx.finding(
            NAME, "no-lead", "warning", [task],
            f"Nhiệm vụ {ctx.display(task)} không có cơ quan chủ trì: không rõ ai chịu trách nhiệm thực hiện.",
            f"Task {ctx.display(task)} has no lead body: nobody is named as answerable for it.",
            ctx.evidence(task, limit=1),
        )


def load(ctx: AuditContext) -> Iterator[Finding]:
    """How many tasks each body leads and coordinates, and in how many documents."""
    led: dict[str, list[str]] = defaultdict(list)
    coordinated: dict[str, list[str]] = defaultdict(list)
    for row in ctx.rows(_ROLES):
        target = led if row["role"] == "lead" else coordinated
        target[row["org"] or ""].append(row["task"] or "")
    for body in sorted(set(led) | set(coordinated), key=lambda b: (-len(led.get(b, [])), b)):
        leads, helps = sorted(set(led.get(body, []))), sorted(set(coordinated.get(body, [])))
        documents = Counter(ctx.display(ctx.document_of(t) or t) for t in leads + helps)
        where = ", ".join(f"{d} ({n})" for d, n in documents.most_common())
        name = ctx.body_label(body)
        evidence = [e for task in ctx.in_print_order(leads)[:EVIDENCE_PER_BODY] for e in ctx.evidence(task, limit=1)]
        yield ctx.finding(
            NAME, "load", "info", [body],
            f"{name} chủ trì {len(leads)} và phối hợp {len(helps)} nhiệm vụ, trong {len(documents)} văn bản: {where}.",
            f"{name} leads {len(leads)} and coordinates {plural(len(helps), 'task')}, "
            f"in {plural(len(documents), 'document')}: {where}.",
            evidence,
        )


def name_spellings(ctx: AuditContext) -> Iterator[Finding]:
    """A body printed with two spellings of one name in the clean sources."""
    names = {n: b.iri for b in ctx.bodies.values() for n in {b.label, *b.alt_labels} if len(n) > 3}
    if not names:
        return
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    clean = {s.file for s in ctx.sources.values() if s.quality == "clean"}
    seen: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for row in ctx.rows(_QUOTES):
        evidence = ctx.passages.get(row["p"] or "")
        if evidence is None or evidence.source not in clean:
            continue
        for match in pattern.finditer(row["exact"] or ""):
            printed = match.group()
            seen[names[printed]][_spelling(printed)].setdefault(printed, row["p"] or "")
    for body, spellings in sorted(seen.items()):
        for forms in spellings.values():
            if len(forms) < 2:
                continue
            sources = {form: ctx.source_of_passage(passage) for form, passage in forms.items()}
            if len(set(sources.values())) < 2:
                continue
            listed = "; ".join(f"„{form}” ({source})" for form, source in sorted(sources.items()))
            listed_en = "; ".join(f"'{form}' ({source})" for form, source in sorted(sources.items()))
            yield ctx.finding(
                NAME, "name-spelling", "info", [body],
                f"{ctx.body_label(body)} được viết theo nhiều cách: {listed}.",
                f"{ctx.body_label(body)} is spelled more than one way: {listed_en}.",
                ctx.passage_evidence(forms.values(), limit=None),
            )


def _spelling(name: str) -> str:
    """What two spellings of one name share: no diacritics, case or dash differences."""
    return " ".join(re.sub(r"[-–—]", " ", fold(name)).split())


CHECK = Check(
    NAME,
    {"vi": "Trách nhiệm", "en": "Responsibility"},
    {
        "vi": "Số nhiệm vụ mỗi cơ quan chủ trì và phối hợp; nhiệm vụ không có cơ quan chủ trì; cơ quan được viết "
              "tên khác nhau ở các văn bản.",
        "en": "How many tasks each body leads and coordinates; tasks with no lead body; bodies whose name is "
              "spelled differently in different documents.",
    },
    run,
)
