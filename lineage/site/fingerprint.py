"""Digests of what the site shows about each node, cut by who shows it, to tell which pages a change reaches.

Everything a page shows about a node comes from :class:`~lineage.site.collect.SiteData`
and :class:`~lineage.site.pages.PageIndex`; each node's share is cut into four facets,
each read by its own set of pages (:mod:`lineage.site.depends` names them):

- ``label``: how other pages show the node: kind and page, name, diagram box,
  and its row in task and value tables;
- ``up``: its chain links up (parent, inferred, relation), which diagrams and
  paths walk through;
- ``down``: its chain links down, which diagrams down and lists of what
  implements it walk through;
- ``own``: everything else its page shows (records, passages, reports, links,
  the tasks, parts, values, documents and bodies listed under it).

A node whose four digests are those of the last render is shown as it was
wherever it is shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from lineage.site.collect import SiteData
from lineage.site.findings import FindingIndex
from lineage.site.pages import PageIndex

FACETS = ("label", "up", "down", "own")
_WIDTH = 12
"""Hex digits of one facet's digest."""
_PACKAGE = Path(__file__).resolve().parent.parent
CODE = ("site", "diagram", "audit/render.py", "audit/model.py", "audit/registry.py", "templates/site",
        "templates/diagram", "templates/audit.html.j2", "templates/audit.md.j2", "closure.py", "graphview.py",
        "records.py", "refs.py", "text/normalize.py")
"""The code and templates (under ``lineage/``) that turn the data into pages: a change to one renders everything.

The audit's checks are not among them: what they find is compared finding by finding."""


def digest(value: object, size: int = _WIDTH // 2) -> str:
    """A short stable digest of ``repr(value)`` (hex)."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=size).hexdigest()


def code_version(options: object) -> str:
    """The digest of the site's code and templates, and of the render's ``options``."""
    hasher = hashlib.blake2b(repr(options).encode("utf-8"), digest_size=16)
    hasher.update(_code_digest())
    return hasher.hexdigest()


@cache
def _code_digest() -> bytes:
    """The digest of the site's code and templates (read once: the code a process runs does not change)."""
    hasher = hashlib.blake2b(digest_size=16)
    for name in CODE:
        path = _PACKAGE / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and file.suffix in (".py", ".j2", ".css", ".js"):
                hasher.update(file.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0")
                hasher.update(file.read_bytes())
    return hasher.digest()


def node_facets(data: SiteData, index: PageIndex, only: Collection[str] | None = None,
                known: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every node the site knows → the digests of its four facets, joined (see :func:`split`), by IRI.

    Given ``only``, the digests of every other node are taken from ``known`` (where it has them).
    """
    closure, view = data.closure, data.view
    roles, order = data.roles, index.task_order
    nodes = sorted({*data.documents, *data.tasks, *data.parts, *data.bodies, *data.values, *view})
    found: dict[str, str] = {}
    for iri in nodes:
        if only is not None and known is not None and iri not in only and iri in known:
            found[iri] = known[iri]
            continue
        in_chain = iri in closure
        label = (data.kind(iri), data.name(iri), in_chain, _plain(data.facts.get(iri)), data.tasks.get(iri),
                 roles.get(iri, {}).get("lead"), _plain(data.values.get(iri)), data.parts.get(iri), order.get(iri))
        up = tuple((p, closure.link_inferred(iri, p), closure.relation(iri, p)) for p in closure.parents(iri)) \
            if in_chain else None
        down = tuple(closure.children(iri)) if in_chain else None
        found[iri] = digest(label) + digest(up) + digest(down) + digest(_own(data, index, iri))
    return found


def _plain(record: object) -> object:
    """A dataclass record as the tuple of its fields (whose ``repr`` is much quicker to make), else itself."""
    fields = getattr(record, "__dict__", None)
    return record if fields is None else (type(record).__name__, *fields.values())


def split(joined: str) -> dict[str, str]:
    """The digests joined by :func:`node_facets`, by facet."""
    return {facet: joined[i * _WIDTH:(i + 1) * _WIDTH] for i, facet in enumerate(FACETS)}


def changed_facets(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, set[str]]:
    """Facet → the nodes whose digest of it differs (a node that came or went: every facet)."""
    moved: dict[str, set[str]] = {facet: set() for facet in FACETS}
    for iri in before.keys() | after.keys():
        old, new = before.get(iri), after.get(iri)
        if old == new:
            continue
        if old is None or new is None:
            for facet in FACETS:
                moved[facet].add(iri)
            continue
        old_parts, new_parts = split(old), split(new)
        for facet in FACETS:
            if old_parts[facet] != new_parts[facet]:
                moved[facet].add(iri)
    return moved


def finding_digests(findings: FindingIndex, nodes: Iterable[str], paths: Mapping[str, str]) -> dict[str, str]:
    """Node → the digest of the findings its page shows (each as shown, with the pages its subjects link to)."""
    shown: dict[int, str] = {}
    found: dict[str, str] = {}
    for iri in nodes:
        numbers = findings.numbers(iri)
        if not numbers:
            continue
        for number in numbers:
            if number not in shown:
                finding = findings.shown(number)
                shown[number] = digest((finding, [paths.get(s.iri) for s in finding.subjects]))
        found[iri] = digest([shown[n] for n in numbers])
    return found


def _own(data: SiteData, index: PageIndex, iri: str) -> tuple[Any, ...]:
    """What only the page of ``iri`` shows of it."""
    record = data.documents.get(iri)
    labels = None
    if record is not None:
        labels = (data.type_labels.get(record["type"] or ""), data.level(record["level"]))
    body = data.bodies.get(iri)
    view = data.view
    edges = None
    if iri in view:
        edges = (view.nodes[iri],
                 sorted((t, k, d["inferred"]) for _, t, k, d in view.out_edges(iri, keys=True, data=True)),
                 sorted((s, k, d["inferred"]) for s, _, k, d in view.in_edges(iri, keys=True, data=True)))
    passages, reports = data.passages.get(iri), data.reports.get(iri)
    return (record, labels, _plain(body), data.level(body.level) if body else None, data.roles.get(iri),
            passages and [_plain(p) for p in passages], reports and [_plain(r) for r in reports],
            data.body_tasks.get(iri), edges,
            index.tasks_in.get(iri), index.parts_in.get(iri), index.values_in.get(iri),
            index.values_of_body.get(iri), index.issued_by.get(iri), index.sub_bodies.get(iri))
