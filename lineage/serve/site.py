"""Serve the static site folder beside the endpoint: files by path, ``index.html`` for folders, nothing outside it.

>>> from pathlib import Path
>>> site_file(Path("/srv/site"), "/../../etc/passwd") is None
True
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".ttl": "text/turtle; charset=utf-8",
    ".trig": "application/trig; charset=utf-8",
    ".nt": "application/n-triples; charset=utf-8",
    ".jsonld": "application/ld+json; charset=utf-8",
    ".rq": "application/sparql-query; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".tsv": "text/tab-separated-values; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


def site_file(root: Path, url_path: str) -> Path | None:
    """The file of ``root`` that ``url_path`` names (``index.html`` for a folder), or ``None``."""
    relative = unquote(url_path).lstrip("/")
    if "\x00" in relative:
        return None
    base = root.resolve()
    candidate = (base / relative).resolve()
    if not candidate.is_relative_to(base):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def content_type(path: Path) -> str:
    """The Content-Type header for a site file."""
    known = TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"
