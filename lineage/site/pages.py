"""What each page shows: the template context of a document, part, task, body or target page."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import cached_property
from typing import Any

from lineage.diagram.wrap import iso_to_vietnamese
from lineage.site.collect import IndicatorValue, SiteData
from lineage.site.diagrams import Url, page_diagram, tasks_diagram

Context = dict[str, Any]


class PageIndex:
    """Lookups shared by all pages: tasks and parts per document, values per stating node, links in."""

    def __init__(self, data: SiteData) -> None:
        self.data = data

    @cached_property
    def document_of(self) -> dict[str, str | None]:
        """Part or task → its document."""
        return {iri: self.data.facts[iri].document for iri in (*self.data.parts, *self.data.tasks)}

    @cached_property
    def tasks_in(self) -> dict[str, list[str]]:
        """Document or part → the tasks under it, in printed order."""
        found: dict[str, list[str]] = defaultdict(list)
        for task in self.data.tasks:  # task_records are in document and printed order
            document = self.document_of.get(task)
            if document:
                found[document].append(task)
            for parent in self.data.closure.parents(task):
                if parent in self.data.parts:
                    found[parent].append(task)
        return found

    @cached_property
    def parts_in(self) -> dict[str, list[str]]:
        """Document or part → the parts directly under it."""
        found: dict[str, list[str]] = defaultdict(list)
        for part in self.data.parts:
            for _, parent, relation in self.data.view.out_edges(part, keys=True):
                if relation == "part_of":
                    found[parent].append(part)
        return {k: sorted(v, key=lambda p: natural_key(self.data.parts[p]["locator"] or p)) for k, v in found.items()}

    @cached_property
    def values_in(self) -> dict[str, list[str]]:
        """Document or part → the indicator values stated in it (a document's include its parts')."""
        found: dict[str, list[str]] = defaultdict(list)
        for iri, value in self.data.values.items():
            if value.stated_in:
                found[value.stated_in].append(iri)
                document = self.document_of.get(value.stated_in)
                if document and document != value.stated_in:
                    found[document].append(iri)
        return found

    @cached_property
    def values_of_body(self) -> dict[str, list[str]]:
        """Body → the values it is responsible for."""
        found: dict[str, list[str]] = defaultdict(list)
        for iri, value in self.data.values.items():
            if value.responsible:
                found[value.responsible].append(iri)
        return found

    @cached_property
    def issued_by(self) -> dict[str, list[str]]:
        """Body → the documents it issued."""
        found: dict[str, list[str]] = defaultdict(list)
        for iri, record in self.data.documents.items():
            if record.get("issuer_iri"):
                found[record["issuer_iri"]].append(iri)
        return found

    @cached_property
    def task_order(self) -> dict[str, tuple[str, int, str, str]]:
        """Task → its sort key in document and printed order: document, sequence, locator, then IRI.

        The order of :attr:`SiteData.tasks`, made total, and read from each task's
        own record, so that a body's list moves only when its tasks do.
        """
        return {iri: (r["document"], r.get("sequence") or 0, r["locator"] or "", iri)
                for iri, r in self.data.tasks.items()}

    @cached_property
    def sub_bodies(self) -> dict[str, list[str]]:
        """Body → the bodies directly under it."""
        found: dict[str, list[str]] = defaultdict(list)
        for iri, body in self.data.bodies.items():
            if body.parent:
                found[body.parent].append(iri)
        return found

    def incoming(self, iri: str, relations: tuple[str, ...]) -> list[str]:
        """Nodes linking to ``iri`` by one of ``relations`` (cites, based_on, reports_on)."""
        view = self.data.view
        if iri not in view:
            return []
        return sorted({s for s, _, rel in view.in_edges(iri, keys=True) if rel in relations}, key=self._by_name)

    def outgoing(self, iri: str, relations: tuple[str, ...]) -> list[str]:
        """Nodes ``iri`` links to by one of ``relations``."""
        view = self.data.view
        if iri not in view:
            return []
        return sorted({t for _, t, rel in view.out_edges(iri, keys=True) if rel in relations}, key=self._by_name)

    def _by_name(self, iri: str) -> tuple[str, str]:
        """Sorts by name, then IRI: many documents share a name (``50/BC-UBND``), and sets have no order."""
        return (self.data.name(iri), iri)


def document_context(data: SiteData, index: PageIndex, iri: str, url: Url) -> Context:
    """A document: metadata, chain up and down, tasks, parts, targets, reports, links, passages."""
    record = data.documents[iri]
    facts = data.facts[iri]
    type_vi, type_en = data.type_labels.get(record["type"] or "", (record["type"], None))
    own_parts = set(index.parts_in.get(iri, []))
    return {
        **_chain(data, iri),
        "doc": {**record, "type_vi": type_vi, "type_en": type_en},
        "heading": facts.heading,
        "unnumbered": facts.unnumbered,
        "date": iso_to_vietnamese(record["date"]),
        "level": data.level(record["level"]),
        "dates_printed": record["dates_printed"],
        "svg": page_diagram(data, iri, "both", url),
        "tasks": _task_rows(data, index.tasks_in.get(iri, [])),
        "parts": sorted(own_parts, key=lambda p: (natural_key(data.parts[p]["locator"] or p), p)),
        "values": _values(data, index.values_in.get(iri, [])),
        "reports": data.reports.get(iri, []),
        "other_links": [
            ("based_on", index.outgoing(iri, ("based_on",))),
            ("cites", index.outgoing(iri, ("cites",))),
            ("reported_by", index.incoming(iri, ("reports_on",))),
            ("cited_by", index.incoming(iri, ("cites", "based_on"))),
        ],
    }


def part_context(data: SiteData, index: PageIndex, iri: str, url: Url) -> Context:
    """A part: its document, chain, tasks and sub-parts, targets, passages."""
    facts = data.facts[iri]
    return {
        **_chain(data, iri),
        "part": data.parts[iri],
        "heading": f"{facts.document_name or ''} # {facts.heading}".strip(" #"),
        "document": facts.document,
        "svg": page_diagram(data, iri, "both", url),
        "tasks": _task_rows(data, index.tasks_in.get(iri, [])),
        "parts": index.parts_in.get(iri, []),
        "values": _values(data, index.values_in.get(iri, [])),
    }


def task_context(data: SiteData, index: PageIndex, iri: str, url: Url) -> Context:
    """A task: text, bodies, timing, the chain to its roots with every path, passages."""
    task = data.tasks[iri]
    facts = data.facts[iri]
    roles = data.roles.get(iri, {})
    timing = " · ".join(x for x in (task["timing_text"], _span(task["timing_start"], task["timing_end"])) if x)
    return {
        **_chain(data, iri),
        "task": task,
        "heading": f"{facts.document_name or ''} # {facts.heading}".strip(" #"),
        "document": facts.document,
        "lead": roles.get("lead", []),
        "coordinating": roles.get("coordinating", []),
        "timing": timing,
        "paths": [path[1:] for path in data.closure.paths(iri)],
        "svg": page_diagram(data, iri, "up", url),
    }


def body_context(data: SiteData, index: PageIndex, iri: str, url: Url) -> Context:
    """A body: names, tasks as lead and as coordinator, documents issued, targets, and a diagram of its tasks."""
    body = data.bodies[iri]
    tasks = data.body_tasks.get(iri, {})
    lead = tasks.get("lead", [])
    order = index.task_order
    return {
        "body": body,
        "level": data.level(body.level),
        "sub_bodies": sorted(index.sub_bodies.get(iri, []), key=data.name),
        "lead_tasks": _task_rows(data, sorted(lead, key=order.__getitem__)),
        "coordinating_tasks": _task_rows(data, sorted(tasks.get("coordinating", []), key=order.__getitem__)),
        "issued": sorted(index.issued_by.get(iri, []), key=data.name),
        "values": _values(data, index.values_of_body.get(iri, [])),
        "svg": tasks_diagram(data, lead, body.name, url),
    }


def target_context(data: SiteData, index: PageIndex, iri: str, url: Url, diagram: Callable[[str], Any]) -> Context:
    """A target or reported value: its figures, responsible body, where it is stated, and that node's chain."""
    value = data.values[iri]
    number = value.value if not value.value_max else f"{value.value} – {value.value_max}"
    if number and value.comparator and value.comparator != "=":
        number = f"{value.comparator} {number}"
    return {
        "value": value,
        "number": number,
        "svg": diagram(value.stated_in) if value.stated_in and value.stated_in in data.closure else None,
    }


def _chain(data: SiteData, iri: str) -> Context:
    closure = data.closure
    parents = closure.parents(iri) if iri in closure else []
    children = closure.children(iri) if iri in closure else []
    roots = [r for r in closure.roots(iri) if r != iri] if iri in closure else []
    own_parts = {c for c in children if data.view.has_edge(c, iri, "part_of")}
    return {
        "parents": parents,
        "parent_inferred": lambda parent: closure.link_inferred(iri, parent),
        "roots": roots,
        "implementers": [c for c in children if c not in own_parts],
        "child_inferred": lambda child: closure.link_inferred(child, iri),
    }


def _task_rows(data: SiteData, tasks: list[str]) -> list[dict[str, Any]]:
    rows = []
    for task in dict.fromkeys(tasks):
        record = data.tasks[task]
        rows.append({**record, "lead_iris": data.roles.get(task, {}).get("lead", [])})
    return rows


def _values(data: SiteData, iris: list[str]) -> list[IndicatorValue]:
    return sorted((data.values[i] for i in dict.fromkeys(iris)), key=lambda v: (v.stated_in or "", natural_key(v.iri)))


def _span(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    return f"{iso_to_vietnamese(start) or '…'} – {iso_to_vietnamese(end) or '…'}"


def natural_key(text: str) -> tuple[Any, ...]:
    """A sort key that orders numbers by value: ``PL2`` before ``PL10``, ``value/9`` before ``value/10``."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))
