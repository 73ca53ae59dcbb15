"""The search index of the site: documents, tasks and bodies, each with a folded, diacritics-free key.

The index is written twice: ``search-index.json`` for programs and
``search-index.js`` (a script setting ``window.LINEAGE_SEARCH``), which the
search page loads so that search works from ``file://``, where pages cannot
fetch files. ``static/search.js`` folds the query the way :func:`fold` folds
the keys, so ``nghi quyet 57`` finds ``Nghị quyết 57-NQ/TW``.

>>> entry = Entry("document", "57-NQ/TW", "Nghị quyết · Bộ Chính trị", "document/x.html",
...               key_of("57-NQ/TW", "Nghị quyết", "Đột phá phát triển khoa học"), "57-nq/tw")
>>> "nghi quyet" in entry.key and "dot pha" in entry.key
True
>>> search([entry], "nghi quyet 57")[0].title
'57-NQ/TW'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from lineage.text.normalize import fold

KIND_WEIGHT = {"document": 3, "body": 2, "part": 1, "task": 0}


@dataclass(frozen=True)
class Entry:
    """One searchable thing: what it is, how it is shown, where its page is, and its folded keys."""

    kind: str
    title: str
    subtitle: str
    url: str
    key: str
    symbol: str = ""

    def as_json(self) -> dict[str, str]:
        """The compact JSON object of the index (``k t s u f y``)."""
        data = asdict(self)
        return {"k": data["kind"], "t": data["title"], "s": data["subtitle"], "u": data["url"],
                "f": data["key"], "y": data["symbol"]}


def key_of(*texts: str | None) -> str:
    """The folded search key of several texts: no diacritics, lower case, single spaces."""
    return fold(" ".join(t for t in texts if t))


def symbol_key(symbol: str | None) -> str:
    """The folded symbol without spaces (``57- NQ/TW`` → ``57-nq/tw``), ranked first when a query starts it."""
    return re.sub(r"\s+", "", fold(symbol or ""))


def index_json(entries: Iterable[Entry]) -> str:
    """The index as JSON text."""
    return json.dumps([e.as_json() for e in entries], ensure_ascii=False, separators=(",", ":"))


def index_script(entries: Iterable[Entry]) -> str:
    """The index as a script for ``file://`` pages; ``<`` is escaped so no label can end the script."""
    payload = index_json(entries).replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.LINEAGE_SEARCH = {payload};\n"


def search(entries: Sequence[Entry], query: str, limit: int = 50) -> list[Entry]:
    """The ranking ``search.js`` applies, in Python (for tests and tools): every word must match."""
    words = fold(query).split()
    if not words:
        return []
    scored = []
    for entry in entries:
        score = _score(entry, words)
        if score is not None:
            scored.append((-score, entry.title, entry.url, entry))
    return [entry for *_, entry in sorted(scored)[:limit]]


def _score(entry: Entry, words: list[str]) -> int | None:
    score = KIND_WEIGHT.get(entry.kind, 0)
    padded = " " + entry.key
    for word in words:
        if word not in entry.key:
            return None
        score += 2 if " " + word in padded else 1
        if entry.symbol and any(ch.isdigit() for ch in word) and entry.symbol.startswith(word):
            score += 10
    if entry.symbol and entry.symbol in words:
        score += 20
    return score
