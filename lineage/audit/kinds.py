"""What a document is, for the audit: a central directive, a programme, a Party or a State plan.

A plan is a Party plan when its symbol has the Party form (``52-KH/ĐU``) or, for
an unnumbered plan, when its issuer is a Party body (a Party committee, its
standing committee, a cell or a steering committee); a State plan when its
symbol has the State form (``978/KH-UBND``) or its issuer is a People's Committee.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lineage.audit.context import AuditContext
from lineage.text.normalize import fold
from lineage.text.symbols import SymbolError, parse_symbol

CENTRAL = "central"
LOCAL_LEVELS = frozenset({"province", "agency", "commune"})
DIRECTIVE_TYPES = frozenset({"NQ", "KL", "CT", "QĐ", "ĐA", "CTr"})
"""Types a central body issues for others to carry out."""
PARTY_WORDS = ("dang uy", "tinh uy", "ban thuong vu", "chi bo", "ban chi dao", "ban chap hanh dang bo", "dang bo")
STATE_WORDS = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "so ")
_JURISDICTION = re.compile(r"/eli/([^/]+)/")


def level(ctx: AuditContext, iri: str) -> str | None:
    """``central``, ``province``, ``agency``, ``commune`` or ``None``."""
    value = ctx.attributes(iri).get("level")
    return value.rstrip("/").rsplit("/", 1)[-1] if value else None


def type_code(ctx: AuditContext, iri: str) -> str | None:
    """The document's type code (``NQ``, ``KH``, ``CTr`` …)."""
    return ctx.attributes(iri).get("type_code")


def is_document(ctx: AuditContext, iri: str) -> bool:
    """True for a whole document (not a part or task)."""
    return ctx.kind(iri) == "document"


def is_central_directive(ctx: AuditContext, iri: str) -> bool:
    """A central document of a directive type (resolution, conclusion, directive …)."""
    return is_document(ctx, iri) and level(ctx, iri) == CENTRAL and type_code(ctx, iri) in DIRECTIVE_TYPES


def is_programme(ctx: AuditContext, iri: str) -> bool:
    """An action programme below the centre (CTr)."""
    return is_document(ctx, iri) and type_code(ctx, iri) == "CTr" and level(ctx, iri) != CENTRAL


def is_local(ctx: AuditContext, iri: str) -> bool:
    """Issued below the centre (a province, an agency, a commune), as far as the graph says."""
    return level(ctx, iri) in LOCAL_LEVELS


def is_plan(ctx: AuditContext, iri: str) -> bool:
    """A plan (KH)."""
    return is_document(ctx, iri) and type_code(ctx, iri) == "KH"


def plan_side(ctx: AuditContext, iri: str) -> str | None:
    """``party`` or ``state`` for a plan, from its symbol or its issuer; ``None`` when neither tells."""
    form = _form(ctx.attributes(iri).get("symbol") or "")
    if form == "party":
        return "party"
    if form in ("state", "normative", "letter"):
        return "state"
    for issuer in ctx.issuers.get(iri, ()):
        name = fold(ctx.body_label(issuer))
        if any(name.startswith(w) or f" {w}" in f" {name}" for w in PARTY_WORDS):
            return "party"
        if any(name.startswith(w) for w in STATE_WORDS):
            return "state"
    return None


@lru_cache(maxsize=1 << 14)
def _form(symbol: str) -> str | None:
    """The form of a symbol (``party``, ``state`` …), None when it is not one."""
    try:
        return parse_symbol(symbol).form
    except SymbolError:
        return None


@lru_cache(maxsize=1 << 16)
def jurisdiction(document: str) -> str | None:
    """The jurisdiction in a document's IRI (``vn``, ``vn-laichau`` …); None for a document printed without a number.

    >>> jurisdiction("https://w3id.org/lineage-vn/eli/vn-laichau/tu/ctr/2025/11")
    'vn-laichau'
    >>> jurisdiction("https://w3id.org/lineage-vn/eli/unnumbered/kh-dangu-vpubnd-2026-daihoi") is None
    True
    """
    match = _JURISDICTION.search(document)
    return None if match is None or match.group(1) == "unnumbered" else match.group(1)


def same_jurisdiction(a: str, b: str) -> bool:
    """Whether two documents speak for one jurisdiction (a document without a number goes with any).

    Two provinces, or a province and the centre, that set the same target or the same task
    each do so for themselves: that is neither a contradiction nor a duplication.
    """
    scope_a, scope_b = jurisdiction(a), jurisdiction(b)
    return scope_a is None or scope_b is None or scope_a == scope_b
