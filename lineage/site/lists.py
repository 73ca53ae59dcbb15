"""The rows of the list pages (documents, tasks, bodies, targets) and of the search index."""

from __future__ import annotations

from typing import Any

from lineage.diagram.wrap import iso_to_vietnamese
from lineage.site.collect import SiteData
from lineage.site.findings import clip
from lineage.site.pages import natural_key
from lineage.site.paths import page_path
from lineage.site.search import Entry, key_of, symbol_key

TEXT_SHOWN = 300
"""Characters of a task's text in the task list (its page has it whole)."""
SUBTITLE_SHOWN = 160
"""Characters of a task's text under a search result."""

Row = list[Any]
"""A list row: ``(iri, name)`` first, then the text of each column."""

LISTS: dict[str, tuple[str, ...]] = {
    "documents": ("symbol", "type", "issuer", "date", "title"),
    "tasks": ("task", "content", "lead", "timing"),
    "bodies": ("body", "names", "notation", "level"),
    "targets": ("indicator", "printed_value", "period", "value_kind", "stated_in"),
}
"""Each list page and its columns (interface string keys)."""


def list_order(data: SiteData) -> dict[str, list[str]]:
    """The nodes of each list, in the order they are shown."""
    return {
        "documents": [iri for iri, _ in sorted(data.documents.items(), key=lambda item: natural_key(item[1]["symbol"] or ""))],
        "tasks": list(data.tasks),
        "bodies": [iri for iri, _ in sorted(data.bodies.items(), key=lambda item: item[1].name)],
        "targets": list(data.values),
    }


def list_row(data: SiteData, key: str, iri: str) -> Row:
    """The row of ``iri`` in the list ``key``."""
    if key == "documents":
        r, facts = data.documents[iri], data.facts[iri]
        return [(iri, r["symbol"] if not facts.unnumbered else facts.heading),
                data.type_labels.get(r["type"] or "", (r["type"], None))[0], r["issuer"], iso_to_vietnamese(r["date"]),
                r["title"] if not facts.unnumbered else None]
    if key == "tasks":
        t = data.tasks[iri]
        return [(iri, data.name(iri)), _clip(t["text"], TEXT_SHOWN), "; ".join(t["lead"]), t["timing_text"]]
    if key == "bodies":
        b = data.bodies[iri]
        return [(iri, b.name), b.name_en, b.notation, data.level(b.level)]
    v = data.values[iri]
    return [(iri, v.indicator or v.printed or iri), v.printed, v.period, v.kind,
            data.name(v.stated_in) if v.stated_in else None]


READ_ELSEWHERE = frozenset({"targets"})
"""Lists whose rows show something of another node (the name of the node a value is stated in)."""


def search_entries(data: SiteData) -> list[Entry]:
    """Documents, tasks and bodies, each with everything one may type to find it."""
    return [entry for iri in searchable(data) for entry in node_entries(data, iri)]


def searchable(data: SiteData) -> list[str]:
    """The nodes the search finds: documents, tasks and bodies (each once)."""
    return list(dict.fromkeys([*data.documents, *data.tasks, *data.bodies]))


def node_entries(data: SiteData, iri: str) -> list[Entry]:
    """The search entries of ``iri``: as a document, a task, a body (none for anything else)."""
    entries = []
    record = data.documents.get(iri)
    if record is not None:
        facts = data.facts[iri]
        type_vi, type_en = data.type_labels.get(record["type"] or "", (record["type"], None))
        subtitle = " · ".join(x for x in (type_vi, record["issuer"], iso_to_vietnamese(record["date"]),
                                          None if facts.unnumbered else record["title"]) if x)
        key = key_of(record["symbol"], *record["symbols_printed"], type_vi, type_en, record["issuer"],
                     record["title"], iso_to_vietnamese(record["date"]))
        entries.append(Entry("document", facts.heading, subtitle, page_path(iri, "document"), key,
                             "" if facts.unnumbered else symbol_key(record["symbol"])))
    task = data.tasks.get(iri)
    if task is not None:
        name = data.name(iri)
        key = key_of(name, task["locator"], task["text"], *task["lead"], *task["coordinating"], task["timing_text"])
        subtitle = " · ".join(x for x in (_clip(task["text"], SUBTITLE_SHOWN), "; ".join(task["lead"])) if x)
        entries.append(Entry("task", name, subtitle, page_path(iri, "task"), key))
    body = data.bodies.get(iri)
    if body is not None:
        key = key_of(body.name, body.name_en, body.notation, *body.alt_labels)
        entries.append(Entry("body", body.name, body.name_en or "", page_path(iri, "body"), key,
                             symbol_key(body.notation)))
    return entries


def _clip(text: str | None, limit: int) -> str | None:
    return clip(text, limit) if text else text
