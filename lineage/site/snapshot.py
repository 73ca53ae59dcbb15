"""The site's data kept beside a build's site, for the next build to patch rather than read again.

A snapshot holds what :func:`lineage.site.patch.patch` reads of the data the
site was rendered from (and the file name of each page). It sits in a folder
beside the site folder, never in it (the site's files are those of a whole
render, byte for byte): a base, the whole data, and the deltas of the renders
patched since, each only the entries its patch read again. A build links the
base and the deltas of the previous build's snapshot and writes one delta more,
or a new base once the deltas have grown large. Its head names them, with the
digest of the site's manifest written in the same render and that of the code:
a snapshot is used only with the very render it was taken of, by the same code.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Collection
from pathlib import Path
from typing import Any

from lineage.atomic import link_tree, write_bytes, write_text
from lineage.diagram.facts import Facts
from lineage.site.collect import SiteData
from lineage.site.fingerprint import code_version
from lineage.site.paths import known_slugs, remember_slugs

_FORMAT = 2
HEAD = "head.json"
BY_NODE = ("documents", "tasks", "passages", "roles", "facts")
"""Parts of :class:`SiteData` kept by node: a delta holds the entries of the nodes its patch read again."""
WHOLE = ("bodies", "values", "reports")
"""Parts read whole each time (few entries): a delta holds them whole."""
DELTAS = 20
"""Deltas at most before a new base is written (also once they weigh a quarter of the base)."""


def snapshot_path(site: Path) -> Path:
    """The folder of the snapshot of the site in the folder ``site``: beside it."""
    return site.with_name(f".{site.name}-data")


def save(data: SiteData, site: Path, manifest: str, *, previous: Path | None = None,
         nodes: Collection[str] | None = None, bodies: Collection[str] = ()) -> None:
    """Keep the data of the site just rendered into ``site``, whose manifest has the digest ``manifest``.

    Given the site ``previous`` whose snapshot ``data`` was patched from, and the
    ``nodes`` (and ``bodies``, for their tasks) the patch read again, only their
    entries are written, beside links to the previous snapshot's files.
    """
    folder = snapshot_path(site)
    head = _head(previous) if previous is not None and nodes is not None else None
    if head is not None and len(head["deltas"]) < DELTAS and head["delta_bytes"] * 4 < head["base_bytes"]:
        delta = _delta(data, set(nodes), set(bodies))  # type: ignore[arg-type]
        name = f"delta-{len(head['deltas'])}.pickle"
        if snapshot_path(previous).resolve() != folder.resolve():  # type: ignore[arg-type]
            link_tree(snapshot_path(previous), folder, [head["base"], *head["deltas"]])  # type: ignore[arg-type]
        write_bytes(folder / name, delta)
        head = {**head, "deltas": [*head["deltas"], name], "delta_bytes": head["delta_bytes"] + len(delta)}
    else:
        base = _base(data)
        write_bytes(folder / "base.pickle", base)
        head = {"base": "base.pickle", "base_bytes": len(base), "deltas": [], "delta_bytes": 0}
    head.update(format=_FORMAT, code=code_version("snapshot"), manifest=manifest)
    write_text(folder / HEAD, json.dumps(head, sort_keys=True))


def load(site: Path, manifest: str) -> SiteData | None:
    """The data kept with the site in ``site`` when its manifest has the digest ``manifest``, else None.

    Only the parts in :data:`BY_NODE` and :data:`WHOLE` are filled in.
    """
    head = _head(site)
    if head is None or head.get("manifest") != manifest:
        return None
    folder = snapshot_path(site)
    try:
        parts: dict[str, Any] = pickle.loads((folder / head["base"]).read_bytes())
        for name in head["deltas"]:
            delta = pickle.loads((folder / name).read_bytes())
            for part in BY_NODE:
                parts[part].update(delta["set"][part])
                for key in delta["removed"][part]:
                    parts[part].pop(key, None)
            parts["body_tasks"].update(delta["set"]["body_tasks"])
            for key in delta["removed"]["body_tasks"]:
                parts["body_tasks"].pop(key, None)
            parts["slugs"].update(delta["slugs"])
            parts.update((part, delta[part]) for part in WHOLE)
        remember_slugs(parts["slugs"])
        tasks: dict[str, dict[str, Any]] = parts["tasks"]
        documents: dict[str, dict[str, Any]] = parts["documents"]
        if head["deltas"]:  # entries read again sit where they were, new ones at the end: sort as a patch does
            tasks = dict(sorted(tasks.items(), key=lambda i: (i[1]["document"], i[1]["sequence"], i[1]["locator"] or "")))
            documents = dict(sorted(documents.items(), key=lambda item: (item[1]["symbol"] or "", item[0])))
        return SiteData(graph=None, view=None, closure=None,  # type: ignore[arg-type]
                        facts={iri: Facts(*fields) for iri, fields in parts["facts"].items()},
                        documents=documents, tasks=tasks, parts={}, passages=parts["passages"],
                        reports=parts["reports"], type_labels={}, bodies=parts["bodies"], values=parts["values"],
                        roles=parts["roles"], body_tasks=parts["body_tasks"])
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, KeyError, TypeError, ValueError):
        return None


def _head(site: Path) -> dict[str, Any] | None:
    """The head of the snapshot of the site in ``site``, when it is one this code wrote."""
    try:
        head = json.loads((snapshot_path(site) / HEAD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(head, dict) or head.get("format") != _FORMAT or head.get("code") != code_version("snapshot"):
        return None
    return head


def _facts(facts: Facts) -> tuple[Any, ...]:
    return (facts.kind, facts.heading, facts.type_label, facts.issuer, facts.date, facts.text, facts.lead,
            facts.unnumbered, facts.document, facts.document_name)


def _base(data: SiteData) -> bytes:
    """The whole snapshot of ``data``."""
    parts: dict[str, Any] = {part: getattr(data, part) for part in (*BY_NODE, *WHOLE, "body_tasks")}
    parts["facts"] = {iri: _facts(f) for iri, f in data.facts.items()}
    parts["slugs"] = known_slugs((*data.documents, *data.parts, *data.tasks, *data.bodies, *data.values))
    return pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)


def _delta(data: SiteData, nodes: set[str], bodies: set[str]) -> bytes:
    """The entries of ``nodes`` (and the tasks of ``bodies``) in ``data``, and which of them it no longer has."""
    set_: dict[str, dict[str, Any]] = {}
    removed: dict[str, list[str]] = {}
    for part, keys in (*((part, nodes) for part in BY_NODE), ("body_tasks", bodies)):
        found: dict[str, Any] = getattr(data, part)
        set_[part] = {key: found[key] for key in keys if key in found}
        removed[part] = [key for key in keys if key not in found]
    set_["facts"] = {iri: _facts(f) for iri, f in set_["facts"].items()}
    pages = [iri for iri in nodes if iri in data.documents or iri in data.parts or iri in data.tasks
             or iri in data.bodies or iri in data.values]
    delta = {"set": set_, "removed": removed, "slugs": known_slugs(pages),
             **{part: getattr(data, part) for part in WHOLE}}
    return pickle.dumps(delta, protocol=pickle.HIGHEST_PROTOCOL)
