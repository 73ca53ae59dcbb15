"""Where each page of the site lives: safe, stable file names derived from IRIs.

A page name is a readable slug of the IRI's path plus a short hash of the whole
IRI, so two IRIs never share a page and no name can leave its folder.

>>> page_path("https://w3id.org/lineage-vn/eli/vn/tw/nq/2024/57", "document")
'document/vn-tw-nq-2024-57-111310c214.html'
>>> page_path("https://x.org/../../etc/passwd", "task").startswith("task/etc-passwd-")
True
>>> relative_url("document/a.html", "task/b.html")
'../task/b.html'
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from lineage.text.normalize import fold

PAGE_KINDS = ("document", "part", "task", "body", "target")
"""The kinds of thing that have a page, each in its own folder."""

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MARKER = re.compile(r"/(?:eli|org|target)/")
"""Where the meaningful part of a project IRI's path starts (the base before it is the same everywhere)."""
_SLUG_LENGTH = 80
_HASH_LENGTH = 10


_SLUGS: dict[str, str] = {}
"""The stems found so far, by IRI."""


def page_slug(iri: str) -> str:
    """The file stem of ``iri``'s page: its path (after ``/eli/`` or ``/org/``) folded to ``[a-z0-9-]`` (at most 80 characters) and a hash."""
    found = _SLUGS.get(iri)
    if found is None:
        found = _SLUGS[iri] = _slug(iri)
    return found


def known_slugs(iris: Iterable[str]) -> dict[str, str]:
    """The stems of ``iris`` (to keep, and hand to :func:`remember_slugs` in another process)."""
    return {iri: page_slug(iri) for iri in iris}


def remember_slugs(slugs: dict[str, str]) -> None:
    """Take the stems :func:`known_slugs` gave (each the one :func:`page_slug` makes) rather than make them again."""
    _SLUGS.update(slugs)


def _slug(iri: str) -> str:
    parts = urlsplit(iri)
    path = _MARKER.split(parts.path, maxsplit=1)[-1]
    text = f"{path} {parts.fragment}"
    readable = _NOT_SLUG.sub("-", text.lower() if text.isascii() else fold(text)).strip("-")  # ASCII folds to lower case
    readable = readable[:_SLUG_LENGTH].rstrip("-") or "x"
    digest = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:_HASH_LENGTH]
    return f"{readable}-{digest}"


def page_path(iri: str, kind: str) -> str:
    """The page of ``iri`` relative to the site root, e.g. ``document/vn-tw-nq-2024-57-….html``."""
    return f"{_folder(kind)}/{page_slug(iri)}.html"


def rdf_path(iri: str, kind: str) -> str:
    """The Turtle file holding the statements about ``iri``, beside its page."""
    return f"{_folder(kind)}/{page_slug(iri)}.ttl"


def relative_url(from_page: str, to_page: str) -> str:
    """The link from one site path to another, relative so the site works from ``file://``.

    >>> relative_url("task/a.html", "task/b.html"), relative_url("index.html", "task/b.html")
    ('b.html', 'task/b.html')
    """
    folder, _, _ = from_page.rpartition("/")
    if folder and to_page.startswith(folder + "/") and "/" not in to_page[len(folder) + 1:]:
        return to_page[len(folder) + 1:]
    return "../" * from_page.count("/") + to_page


def _folder(kind: str) -> str:
    if kind not in PAGE_KINDS:
        raise ValueError(f"no page kind {kind!r}; expected one of {', '.join(PAGE_KINDS)}")
    return kind
