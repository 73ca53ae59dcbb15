"""Readable, stable IRIs in ELI style under the configured base.

>>> document_iri("https://x.org", "vn", "TW", "NQ", 2024, "57")
'https://x.org/eli/vn/tw/nq/2024/57'
>>> document_iri("https://x.org", "vn-laichau", "ĐU", "KH", None, "52")
'https://x.org/eli/vn-laichau/du/kh/na/52'
>>> part_iri("https://x.org/eli/vn/tw/nq/2024/57", "PL3/2.13")
'https://x.org/eli/vn/tw/nq/2024/57/pl3/2.13'
>>> org_iri("https://x.org", "Ban Thường vụ Tỉnh ủy")
'https://x.org/org/ban-thuong-vu-tinh-uy'
"""

from __future__ import annotations

import re

from lineage.text.normalize import fold

_NOT_SLUG = re.compile(r"[^a-z0-9.]+")
UNKNOWN_YEAR = "na"


def slug(text: str) -> str:
    """An IRI-safe segment: folded, ASCII letters, digits and dots, hyphens between words."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-.") or "x"


def document_iri(
    base: str, jurisdiction: str, issuer: str, type_code: str, year: int | None, number: str
) -> str:
    """``{base}/eli/{jurisdiction}/{issuer}/{type}/{year}/{number}``; ``na`` for an unknown year."""
    year_part = str(year) if year else UNKNOWN_YEAR
    return f"{base}/eli/{jurisdiction}/{slug(issuer)}/{slug(type_code)}/{year_part}/{slug(number)}"


def unnumbered_iri(base: str, key: str) -> str:
    """The descriptive IRI of a document printed without a number."""
    return f"{base}/eli/unnumbered/{slug(key)}"


def part_iri(document: str, locator: str) -> str:
    """A part or task of ``document`` at ``locator`` (``PL3/2.13`` → ``…/pl3/2.13``)."""
    return document + "/" + "/".join(slug(segment) for segment in locator.split("/"))


def org_iri(base: str, name_or_slug: str) -> str:
    """The IRI of a body."""
    return f"{base}/org/{slug(name_or_slug)}"


def source_iri(base: str, source_id: str) -> str:
    """The IRI of a source text (``000`` … ``004`` for the seeds)."""
    return f"{base}/source/{slug(source_id)}"
