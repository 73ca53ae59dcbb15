"""Just enough reading of SPARQL text to embed a SELECT in a larger query.

Strings, IRIs and comments are masked (replaced by filler of the same length)
so that braces and keywords can be found by position in the original text.

>>> q = 'PREFIX ex: <http://e/#> SELECT $this ?v WHERE { $this ex:p ?v . FILTER(?v != "}") } # done'
>>> parts = split_select(q)
>>> parts.projection.strip(), parts.body_open < parts.body_close, parts.tail.strip()
('$this ?v', True, '')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[A-Za-z0-9_.\-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*", re.IGNORECASE)
_KEYWORD = re.compile(r"[A-Za-z_]+")
_THIS = re.compile(r"[?$]this\b")


def mask(text: str) -> str:
    """``text`` with the inside of strings, IRIs and comments replaced by ``_`` (same length, same lines)."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            end = min(n, j + len(quote))
            for k in range(i + 1, end - 1):
                if out[k] != "\n":
                    out[k] = "_"
            i = end
        elif c == "<" and (match := _IRI.match(text, i)):
            for k in range(i + 1, match.end() - 1):
                out[k] = "_"
            i = match.end()
        elif c == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = " "
            i = j
        else:
            i += 1
    return "".join(out)


@dataclass(frozen=True)
class SelectParts:
    """Positions of the parts of a SELECT query (indexes into the original text)."""

    text: str
    masked: str
    prologue_end: int
    projection_start: int
    projection_end: int
    body_open: int
    body_close: int

    @property
    def prologue(self) -> str:
        return self.text[: self.prologue_end]

    @property
    def projection(self) -> str:
        return self.text[self.projection_start : self.projection_end]

    @property
    def tail(self) -> str:
        """What follows the WHERE group (solution modifiers, VALUES)."""
        return self.masked[self.body_close + 1 :]


def split_select(text: str) -> SelectParts:
    """Find the prologue, projection and WHERE group of a SELECT query; ValueError when it is not one."""
    masked = mask(text)
    prologue_end = _PROLOGUE.match(masked).end()  # type: ignore[union-attr]
    select = re.compile(r"SELECT\b", re.IGNORECASE).match(masked, prologue_end)
    if select is None:
        raise ValueError("not a SELECT query")
    brace = masked.find("{", select.end())
    where = re.compile(r"\bWHERE\b", re.IGNORECASE).search(masked, select.end(), brace if brace >= 0 else len(masked))
    if brace < 0:
        raise ValueError("a SELECT query without a WHERE group")
    return SelectParts(text, masked, prologue_end, select.end(), where.start() if where else brace,
                       brace, matching_brace(masked, brace))


def matching_brace(masked: str, start: int) -> int:
    """The index of the ``}`` closing the ``{`` at ``start``."""
    depth = 0
    for i in range(start, len(masked)):
        if masked[i] == "{":
            depth += 1
        elif masked[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError("unbalanced braces")


def enclosing_groups(masked: str, start: int, position: int) -> list[str]:
    """The kinds of the groups enclosing ``position`` inside the group opened at ``start`` (outermost first).

    A kind is the keyword before the ``{``: ``exists``, ``optional``, ``union``,
    ``minus``, ``graph``, ``service``, or ``group`` for a plain group.
    """
    stack: list[str] = []
    for i in range(start + 1, position):
        if masked[i] == "{":
            stack.append(_opener(masked[start + 1 : i]))
        elif masked[i] == "}" and stack:
            stack.pop()
    return stack


def _opener(before: str) -> str:
    before = before.rstrip()
    if re.search(r"\bGRAPH\s+\S+$", before, re.IGNORECASE):
        return "graph"
    words = _KEYWORD.findall(before[-20:])
    last = words[-1].lower() if words and before.endswith(words[-1]) else ""
    return last if last in {"exists", "optional", "union", "minus", "service"} else "group"


def has_subquery(masked: str, start: int, end: int) -> bool:
    """Whether a nested SELECT occurs between ``start`` and ``end``."""
    return re.compile(r"\bSELECT\b", re.IGNORECASE).search(masked, start, end) is not None


def this_positions(masked: str, start: int, end: int) -> list[int]:
    """Where ``$this`` / ``?this`` occurs between ``start`` and ``end``."""
    return [match.start() for match in _THIS.finditer(masked, start, end)]
