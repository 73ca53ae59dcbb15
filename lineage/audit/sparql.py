"""The audit's SPARQL checks: one ``queries/audit/NAME.rq`` file each, with the library's ``#+`` header.

The header (parsed by :mod:`lineage.queries.header`) gives the query's summary
and description in English and Vietnamese, ``kind: check`` and its tags; every
row a check query returns is one candidate finding, which the Python check that
runs it words and backs with evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lineage.errors import InputError
from lineage.queries.header import Header, parse_header

AUDIT_FOLDER = "audit"
AUDIT_TAG = "audit"


@dataclass(frozen=True)
class AuditQuery:
    """One audit query file: its name, parsed header and SPARQL text."""

    name: str
    path: Path
    header: Header
    text: str


def load_query(path: Path) -> AuditQuery:
    """Read one audit query file; its header must say ``kind: check`` and carry the ``audit`` tag."""
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, path)
    if header is None or header.kind != "check" or AUDIT_TAG not in header.tags:
        raise InputError(path, 1, "an audit query needs a #+ header with kind: check and the tag 'audit'",
                         "write the header as the other files of queries/audit/ do")
    return AuditQuery(path.stem, path, header, text)


@cache
def _cached(path: Path, stamp: float) -> AuditQuery:
    return load_query(path)


def audit_query(queries_dir: Path, name: str) -> AuditQuery:
    """The audit query ``queries_dir/audit/NAME.rq``."""
    path = queries_dir / AUDIT_FOLDER / f"{name}.rq"
    if not path.is_file():
        raise InputError(path, None, "audit query not found", "restore the file from the repository")
    return _cached(path, path.stat().st_mtime)


def audit_queries(queries_dir: Path) -> list[AuditQuery]:
    """Every audit query file, by name."""
    return [audit_query(queries_dir, p.stem) for p in sorted((queries_dir / AUDIT_FOLDER).glob("*.rq"))]
