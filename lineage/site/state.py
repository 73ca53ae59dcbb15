"""What a render remembers for the next one, saved in the site's manifest.

An incremental render (:func:`lineage.site.render.render_site` with ``changed``)
compares it with the same record of the new data to find the pages that must be
rendered again; everything else in the folder is kept as it is. A record made by
other code or other options (:attr:`SiteState.version`) is never compared: the
render is then a whole one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_FORMAT = 1


@dataclass
class SiteState:
    """Digests of what each page shows, and the search entries, of one render."""

    version: str
    """The code, templates and options the render ran with (:func:`lineage.site.fingerprint.code_version`)."""
    nodes: dict[str, str] = field(default_factory=dict)
    """Node IRI → the digests of its facets (:class:`lineage.site.fingerprint.Facets`), joined."""
    findings: dict[str, str] = field(default_factory=dict)
    """Node IRI → the digest of the audit findings its page shows (nodes with none are left out)."""
    lists: dict[str, str] = field(default_factory=dict)
    """List page path → the digest of its rows and pager."""
    entries: dict[str, list[list[str]]] = field(default_factory=dict)
    """Node IRI → its search entries, each as kind, title, subtitle, page, folded key, symbol."""
    audit: str = ""
    """The digest of the audit report ("" without one)."""
    audit_files: list[str] = field(default_factory=list)
    """The site paths of the audit's pages and downloads."""
    anchors: list[str] = field(default_factory=list)
    """For each finding of the audit, the audit page and anchor of its entry."""

    def as_json(self) -> dict[str, Any]:
        """The state as JSON-ready data."""
        return {"format": _FORMAT, "version": self.version, "nodes": self.nodes, "findings": self.findings,
                "lists": self.lists, "entries": self.entries, "audit": self.audit,
                "audit_files": self.audit_files, "anchors": self.anchors}

    @classmethod
    def from_json(cls, raw: object) -> SiteState | None:
        """The state saved by :meth:`as_json`; None when ``raw`` is missing or not such a state."""
        if not isinstance(raw, dict) or raw.get("format") != _FORMAT:
            return None
        try:
            state = cls(version=raw["version"], nodes=raw["nodes"], findings=raw["findings"], lists=raw["lists"],
                        entries=raw["entries"], audit=raw["audit"], audit_files=raw["audit_files"],
                        anchors=raw["anchors"])
        except (KeyError, TypeError):
            return None
        shapes = ((state.version, str), (state.audit, str), (state.nodes, dict), (state.findings, dict),
                  (state.lists, dict), (state.entries, dict), (state.audit_files, list), (state.anchors, list))
        if not all(isinstance(value, kind) for value, kind in shapes):
            return None
        if not all(isinstance(found, list) and all(isinstance(e, list) and len(e) == 6 for e in found)
                   for found in state.entries.values()):
            return None
        return state


