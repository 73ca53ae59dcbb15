"""Responsibility: who carries the tasks, tasks nobody leads, and bodies whose name is spelled two ways.

Rules: ``no-lead`` (a task with no lead body), ``load`` (how many tasks each body
leads and coordinates, in how many documents) and ``name-spelling`` (a body printed
with two spellings of one name — tone-mark placement, dashes, capitals — in the
clean sources; the OCR sources print without diacritics and are not compared).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from lineage.audit.context import AuditContext
from lineage.audit.model import Check, Finding, plural
from lineage.audit.names import names_pattern
from lineage.audit.prechecks import may_lack_lead
from lineage.text.normalize import fold

NAME = "responsibility"
EVIDENCE_PER_BODY = 3

_ROLES = """
SELECT ?org ?role (GROUP_CONCAT(STR(?task); separator=" ") AS ?tasks) WHERE {
  ?task eli-dl:had_participation ?p .
  ?p eli-dl:had_participant_organization ?org ; eli-dl:participation_role ?role .
  FILTER(isIRI(?task))
}
GROUP BY ?org ?role
"""
"""Every participation, as the tasks (each time it is stated) of each body and role; those of tasks count
(``lin:Task``: the tasks of the view, named by IRI), by the role's last segment."""
_QUOTES = """
SELECT ?p ?exact ?file WHERE { ?p oa:hasSource ?src ; oa:hasSelector ?q . ?q oa:exact ?exact . ?src lin:fileName ?file }
"""


def run(ctx: AuditContext) -> Iterator[Finding]:
    """Every responsibility finding of the graph."""
    yield from no_lead(ctx)
    yield from load(ctx)
    yield from name_spellings(ctx)


def no_lead(ctx: AuditContext) -> Iterator[Finding]:
    """Tasks no source gives a lead body."""
    if not may_lack_lead(ctx):
        return
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
    led, coordinated = participations(ctx)
    of = ctx.containing_documents
    for body in sorted(set(led) | set(coordinated), key=lambda b: (-len(led.get(b, [])), b)):
        leads, helps = sorted(set(led.get(body, []))), sorted(set(coordinated.get(body, [])))
        documents: Counter[str] = Counter()
        for document, count in Counter([of.get(t) or t for t in leads + helps]).items():
            documents[ctx.display(document)] += count
        where = ", ".join(f"{d} ({n})" for d, n in documents.most_common())
        name = ctx.body_label(body)
        first = heapq.nsmallest(EVIDENCE_PER_BODY, leads, key=ctx.print_key)
        evidence = [e for task in first for e in ctx.evidence(task, limit=1)]
        yield ctx.finding(
            NAME, "load", "info", [body],
            f"{name} chủ trì {len(leads)} và phối hợp {len(helps)} nhiệm vụ, trong {len(documents)} văn bản: {where}.",
            f"{name} leads {len(leads)} and coordinates {plural(len(helps), 'task')}, "
            f"in {plural(len(documents), 'document')}: {where}.",
            evidence,
        )


def participations(ctx: AuditContext) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Body → the tasks it leads, and body → the tasks it coordinates: a task once for each time it is stated."""
    led: dict[str, list[str]] = defaultdict(list)
    coordinated: dict[str, list[str]] = defaultdict(list)
    tasks = ctx.task_set
    for row in ctx.rows(_ROLES):
        target = led if (row["role"] or "").rsplit("/", 1)[-1] == "lead" else coordinated
        found = [task for task in (row["tasks"] or "").split(" ") if task in tasks]
        if found:
            target[row["org"] or ""].extend(found)
    return led, coordinated


def name_spellings(ctx: AuditContext) -> Iterator[Finding]:
    """A body printed with two spellings of one name in the clean sources.

    Only the names a body is known by are looked for, so the passages are read only when some body
    has two names that are one name spelled two ways.
    """
    names = {n: b.iri for b in ctx.bodies.values() for n in {b.label, *b.alt_labels} if len(n) > 3}
    spelling = {n: _spelling(n) for n in names}
    known: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name, body in names.items():
        known[(body, spelling[name])].add(name)
    if all(len(forms) < 2 for forms in known.values()):
        return
    pattern = names_pattern(names)
    clean = {s.file for s in ctx.sources.values() if s.quality == "clean"}
    seen: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for row in ctx.rows(_QUOTES):
        if row["file"] not in clean:
            continue
        for match in pattern.finditer(row["exact"] or ""):
            printed = match.group()
            seen[names[printed]][spelling[printed]].setdefault(printed, row["p"] or "")
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
