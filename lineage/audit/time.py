"""Time: dates and deadlines that cannot be right, run against their documents, or are missing.

Rules: ``implausible-date`` (a document date before 1930, after 2100 or later
than the source citing it), ``implements-earlier`` (an implementing document
dated before what it implements), ``implausible-deadline`` (a timing that ends
before it begins or lies outside 1930–2100), ``deadline-before-issue``,
``deadline-after-period`` (past the period the plan's title names),
``timing-is-body`` (the timing cell holds a body's name), ``overdue`` (only with
an as-of date) and ``no-deadline`` (tasks with no concrete deadline, by lead body).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from lineage.audit.context import AuditContext
from lineage.audit.model import Check, Finding, plural
from lineage.audit.prechecks import LEAD
from lineage.audit.timings import EARLIEST_YEAR, LATEST_YEAR, may_be_implausible, may_precede_issue, task_timings
from lineage.text.normalize import fold

NAME = "time"
OPEN_KINDS = frozenset({"continuous", "conditional", "unspecified"})
"""Timing kinds that give no concrete deadline (``recurring`` and ``done`` say when)."""
EVIDENCE_PER_GROUP = 5

_PERIOD = re.compile(r"(?:nhiem ky|giai doan|nam|den nam|thoi ky)\s+(\d{4})(?:\s*[-–]\s*(\d{4}))?")

_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")


def run(ctx: AuditContext) -> Iterator[Finding]:
    """Every time finding of the graph."""
    yield from implausible_dates(ctx)
    yield from implementing_earlier(ctx)
    yield from implausible_deadlines(ctx)
    yield from deadlines_before_issue(ctx)
    yield from deadlines_after_period(ctx)
    yield from timing_is_body(ctx)
    yield from overdue(ctx)
    yield from no_deadline(ctx)


def implausible_dates(ctx: AuditContext) -> Iterator[Finding]:
    """Document dates before 1930, after 2100, or in a later year than the source that prints them."""
    seen: set[tuple[str, str]] = set()
    for row in ctx.query("implausible-document-dates"):
        document, date, graph = row["document"] or "", row["date"] or "", row["graph"] or ""
        if (document, date) in seen:
            continue
        seen.add((document, date))
        source = ctx.sources.get(graph)
        file = source.file if source else None
        printed = row["printed"] or date
        limit = (f"the source itself is of {row['sourceYear']}" if _plausible(date) and row["sourceYear"]
                 else f"outside {EARLIEST_YEAR}–{LATEST_YEAR}")
        limit_vi = (f"trong khi nguồn được viết năm {row['sourceYear']}" if _plausible(date) and row["sourceYear"]
                    else f"ngoài khoảng {EARLIEST_YEAR}–{LATEST_YEAR}")
        name = ctx.display(document)
        yield ctx.finding(
            NAME, "implausible-date", "error", [document],
            f"{name} được ghi ngày {date} („{printed}”) tại {file or graph}, {limit_vi}: ngày này không thể đúng "
            "(nhiều khả năng in nhầm năm); thứ tự thời gian với văn bản liên quan không kiểm tra được.",
            f"{name} is dated {date} ('{printed}') in {file or graph}, {limit}: the date cannot be right "
            "(most likely a misprinted year); its order against related documents cannot be checked.",
            ctx.evidence(document, source=file),
        )


def implementing_earlier(ctx: AuditContext) -> Iterator[Finding]:
    """An implementing document dated before the document it implements (plausible dates only)."""
    seen: set[tuple[str, str]] = set()
    for row in ctx.query("implementing-before-implemented"):
        document, implemented = row["document"] or "", row["implemented"] or ""
        date, implemented_date = row["date"] or "", row["implementedDate"] or ""
        if (document, implemented) in seen or not (_plausible(date) and _plausible(implemented_date)):
            continue
        seen.add((document, implemented))
        a, b = ctx.display(document), ctx.display(implemented)
        yield ctx.finding(
            NAME, "implements-earlier", "error", [document, implemented],
            f"{a} (ngày {date}) thực hiện {b}, nhưng {b} mang ngày {implemented_date}, muộn hơn.",
            f"{a} (dated {date}) implements {b}, yet {b} is dated {implemented_date}, later.",
            ctx.link_evidence(document, "implements", implemented) + ctx.evidence(implemented, limit=1),
        )


def implausible_deadlines(ctx: AuditContext) -> Iterator[Finding]:
    """Timings that end before they begin or lie outside 1930–2100."""
    if not may_be_implausible(task_timings(ctx)):
        return
    for row in ctx.query("implausible-deadlines"):
        task = row["task"] or ""
        printed, begin, end = row["printed"] or "", row["begin"], row["end"]
        span = f"{begin or '…'} → {end or '…'}"
        yield ctx.finding(
            NAME, "implausible-deadline", "error", [task],
            f"Thời gian của nhiệm vụ {ctx.display(task)} in là „{printed}”, đọc ra {span}: không thể đúng "
            "(năm in thiếu hoặc sai chữ số); nhiệm vụ coi như không có hạn rõ ràng.",
            f"The timing of task {ctx.display(task)} is printed '{printed}', read as {span}: it cannot be "
            "right (a year printed short or wrong); the task has no usable deadline.",
            ctx.evidence(task),
        )


def deadlines_before_issue(ctx: AuditContext) -> Iterator[Finding]:
    """Tasks due before their own plan or programme was issued."""
    if not may_precede_issue(ctx, task_timings(ctx)):
        return
    for row in ctx.query("tasks-due-before-issue"):
        task, document = row["task"] or "", row["document"] or ""
        yield ctx.finding(
            NAME, "deadline-before-issue", "warning", [task, document],
            f"Nhiệm vụ {ctx.display(task)} có hạn {row['end']} („{row['printed'] or ''}”), trước ngày ban hành "
            f"{ctx.display(document)} ({row['issued']}).",
            f"Task {ctx.display(task)} is due {row['end']} ('{row['printed'] or ''}'), before "
            f"{ctx.display(document)} was issued ({row['issued']}).",
            ctx.evidence(task) + ctx.evidence(document, limit=1),
        )


def deadlines_after_period(ctx: AuditContext) -> Iterator[Finding]:
    """Tasks due after the last year of the period their document's title names (nhiệm kỳ 2025 - 2030)."""
    periods = _periods(ctx)
    for row in task_timings(ctx):
        task, end = row["task"] or "", row["end"]
        document = ctx.document_of(task)
        if not end or document not in periods or not _plausible(end):
            continue
        first, last, title = periods[document]
        if int(end[:4]) <= last:
            continue
        name = ctx.display(document)
        yield ctx.finding(
            NAME, "deadline-after-period", "warning", [task, document],
            f"Nhiệm vụ {ctx.display(task)} có hạn {end} („{row['printed'] or ''}”), sau thời kỳ {first}–{last} "
            f"mà {name} đặt ra („{title}”).",
            f"Task {ctx.display(task)} is due {end} ('{row['printed'] or ''}'), after the period {first}–{last} "
            f"that {name} is for ('{title}').",
            ctx.evidence(task) + ctx.evidence(document, limit=1),
        )


def timing_is_body(ctx: AuditContext) -> Iterator[Finding]:
    """Timing cells that hold the name of a body instead of a time: a cell in the wrong column."""
    names = {_name_key(n): b.iri for b in ctx.bodies.values() for n in (b.label, *b.alt_labels)}
    keys: dict[str, str] = {}
    for row in task_timings(ctx):
        printed = row["printed"]
        if printed and printed not in keys:
            keys[printed] = _name_key(printed)
        body = names.get(keys[printed]) if printed else None
        if body is None:
            continue
        task = row["task"] or ""
        yield ctx.finding(
            NAME, "timing-is-body", "warning", [task, body],
            f"Cột thời gian của nhiệm vụ {ctx.display(task)} ghi tên cơ quan „{printed}” thay cho thời gian: "
            "ô bị đặt sai cột, nhiệm vụ không có thời hạn.",
            f"The timing cell of task {ctx.display(task)} holds the name of a body, '{printed}', instead of a "
            "time: a cell in the wrong column, and the task has no deadline.",
            ctx.evidence(task),
        )


def overdue(ctx: AuditContext) -> Iterator[Finding]:
    """Tasks whose timing ended before the as-of date and that are not marked done."""
    if ctx.as_of is None:
        return
    as_of = ox.Literal(ctx.as_of.isoformat(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    for row in ctx.query("overdue-tasks", {"asOf": as_of}):
        task = row["task"] or ""
        yield ctx.finding(
            NAME, "overdue", "warning", [task],
            f"Nhiệm vụ {ctx.display(task)} có hạn {row['end']} („{row['printed'] or ''}”), đã quá hạn tính đến "
            f"{ctx.as_of.isoformat()} và không có ghi nhận đã hoàn thành.",
            f"Task {ctx.display(task)} was due {row['end']} ('{row['printed'] or ''}'): overdue as of "
            f"{ctx.as_of.isoformat()}, with nothing recording it as done.",
            ctx.evidence(task),
        )


def no_deadline(ctx: AuditContext) -> Iterator[Finding]:
    """Tasks with no concrete deadline (continuous, conditional, none), one finding per document and lead body."""
    leads = ctx.task_values(LEAD)
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for row in task_timings(ctx):
        task, kind = row["task"] or "", row["kind"] or "unspecified"
        if row["end"] or kind not in OPEN_KINDS:
            continue
        document = ctx.document_of(task) or ""
        for lead in sorted(leads.get(task) or [""]):
            groups[(document, lead)].append((task, row["printed"] or ""))
    for (document, lead), tasks in sorted(groups.items()):
        order = {task: i for i, task in enumerate(ctx.in_print_order(t for t, _ in tasks))}
        tasks.sort(key=lambda t: order[t[0]])
        body = ctx.body_label(lead) if lead else None
        who_vi = f"do {body} chủ trì" if body else "không có cơ quan chủ trì"
        who_en = f"led by {body}" if body else "with no lead body"
        kinds = sorted({printed for _, printed in tasks if printed})
        words = "; ".join(f"„{k}”" for k in kinds[:4]) or "không ghi thời gian"
        words_en = "; ".join(f"'{k}'" for k in kinds[:4]) or "no timing printed"
        evidence = [e for task, _ in tasks[:EVIDENCE_PER_GROUP] for e in ctx.evidence(task, limit=1)]
        yield ctx.finding(
            NAME, "no-deadline", "info", [*(t for t, _ in tasks), *([lead] if lead else []), document],
            f"{len(tasks)} nhiệm vụ của {ctx.display(document)} {who_vi} không có thời hạn cụ thể ({words}).",
            f"{plural(len(tasks), 'task')} of {ctx.display(document)} {who_en} "
            f"{'has' if len(tasks) == 1 else 'have'} no concrete deadline ({words_en}).",
            evidence,
        )


def _periods(ctx: AuditContext) -> dict[str, tuple[int, int, str]]:
    """Document → (first year, last year, title) of the period its title names, for documents with tasks.

    A document with several titles takes the one whose period ends last (the first of them in text order).
    """
    with_tasks = {ctx.document_of(task) for task in ctx.tasks}
    titles = sorted({(document, term.value) for document, term in ctx.subjects_of(_TITLE) if document in with_tasks})
    found: dict[str, tuple[int, int, str]] = {}
    for document, title in titles:
        matches = list(_PERIOD.finditer(fold(title)))
        if not matches:
            continue
        match = matches[-1]
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first <= last and (document not in found or last > found[document][1]):
            found[document] = (first, last, title)
    return found


def _name_key(text: str) -> str:
    return " ".join(re.sub(r"[-–—,.;:]", " ", fold(text)).split())


def _plausible(date: str) -> bool:
    year = int(date[:4]) if date[:4].isdigit() else 0
    return EARLIEST_YEAR <= year <= LATEST_YEAR


CHECK = Check(
    NAME,
    {"vi": "Thời gian", "en": "Time"},
    {
        "vi": "Ngày văn bản và thời hạn nhiệm vụ không thể đúng, đi ngược thứ tự (văn bản thực hiện có ngày trước "
              "văn bản được thực hiện, hạn trước ngày ban hành hoặc sau thời kỳ của kế hoạch), ô thời gian ghi tên "
              "cơ quan, nhiệm vụ quá hạn (khi có ngày tính) và nhiệm vụ không có thời hạn cụ thể theo cơ quan.",
        "en": "Document dates and task deadlines that cannot be right or run against the order of things (an "
              "implementing document dated before what it implements, a deadline before the plan was issued or "
              "past its period), timing cells holding a body's name, overdue tasks (given an as-of date) and "
              "tasks with no concrete deadline, by body.",
    },
    run,
)
