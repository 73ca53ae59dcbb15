"""The search index of the site: documents, bodies, parts and tasks, found by the words of their folded keys.

Every entry's key is folded (no diacritics, lower case) and cut into tokens:
each word, and each tail of a word after a punctuation mark (``57-nq/tw`` gives
``57-nq/tw``, ``nq/tw`` and ``tw``). A query matches an entry when each of its
folded words starts one of the entry's tokens, so ``nghi quyet 57`` finds
``Nghị quyết 57-NQ/TW``, and so does ``nq/tw 57``.

The index is written in pieces under ``search/`` so that no file is large and
a query loads only what it needs, with ``<script>`` tags (pages opened from
``file://`` cannot fetch files):

- ``search/index.js`` sets ``window.LINEAGE_SEARCH``: the number of entries, the
  kind of each range of entry numbers, the symbols of documents and bodies, the
  token shards (by prefix) and the entry chunks (by first entry number);
- ``search/s-….js`` holds the postings of the tokens of one prefix: token → the
  entry numbers having it (ascending, each written as the gap from the previous);
- ``search/e-N.js`` holds the entries of chunk N: title, subtitle, page.

Entries are numbered documents first, then bodies, parts and tasks, each kind
by title and page, and results are ranked by score, then number; ``static/search.js``
ranks exactly as :func:`search` does here.

>>> entry = Entry("document", "57-NQ/TW", "Nghị quyết · Bộ Chính trị", "document/x.html",
...               key_of("57-NQ/TW", "Nghị quyết", "Đột phá phát triển khoa học"), "57-nq/tw")
>>> "nghi quyet" in entry.key and "dot pha" in entry.key
True
>>> search([entry], "nghi quyet 57")[0].title
'57-NQ/TW'
>>> search([entry], "nq/tw")[0].title, search([entry], "uyet")
('57-NQ/TW', [])
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from lineage.text.normalize import fold

KIND_WEIGHT = {"document": 3, "body": 2, "part": 1, "task": 0}
KIND_ORDER = ("document", "body", "part", "task")
"""How entries are numbered: the kinds ranked first come first."""
FOLDER = "search"
SHARD_BUDGET = 200_000
"""Bytes of postings per shard file (a prefix with more is split by its next letter, a token by its entries)."""
CHUNK_BUDGET = 200_000
"""Bytes of entries per chunk file."""
_SCRIPT = "window.LINEAGE_SEARCH_PART({name}, {payload});\n"
Postings = dict[str, dict[str, list[int]]]
"""A shard's tokens: ``{"w": {whole word: entry numbers}, "p": {tail of a word: entry numbers}}``."""


@dataclass(frozen=True)
class Entry:
    """One searchable thing: what it is, how it is shown, where its page is, and its folded keys."""

    kind: str
    title: str
    subtitle: str
    url: str
    key: str
    symbol: str = ""

    def order(self) -> tuple[int, str, str]:
        """The entry's place in the numbering (and the tie-break between equal scores)."""
        return (KIND_ORDER.index(self.kind), self.title, self.url)


def key_of(*texts: str | None) -> str:
    """The folded search key of several texts: no diacritics, lower case, single spaces."""
    return fold(" ".join(t for t in texts if t))


def symbol_key(symbol: str | None) -> str:
    """The folded symbol without spaces (``57- NQ/TW`` → ``57-nq/tw``), ranked first when a query starts it."""
    return re.sub(r"\s+", "", fold(symbol or ""))


def word_start(word: str) -> str:
    """``word`` without the punctuation before its first letter or digit (``(dien`` → ``dien``)."""
    for i, ch in enumerate(word):
        if ch.isalnum():
            return word[i:]
    return ""


@lru_cache(maxsize=1 << 16)
def tokens(key: str) -> tuple[frozenset[str], frozenset[str]]:
    """The whole words of a folded key, and the tails of words after a punctuation mark."""
    whole: set[str] = set()
    tails: set[str] = set()
    for raw in key.split():
        word = raw if raw[0].isalnum() else word_start(raw)
        if not word:
            continue
        whole.add(word)
        if word.isalnum():  # no punctuation: no tail
            continue
        for i in range(1, len(word)):
            if word[i].isalnum() and not word[i - 1].isalnum():
                tails.add(word[i:])
    return frozenset(whole), frozenset(tails - whole)


def query_words(query: str) -> tuple[list[str], list[str]]:
    """The folded words of a query (for symbols) and the terms each token must start (for matching)."""
    words = fold(query).split()
    return words, [term for term in (word_start(w) for w in words) if term]


def search(entries: Sequence[Entry], query: str, limit: int = 50) -> list[Entry]:
    """The entries matching every word of ``query``, best first (the ranking of ``static/search.js``)."""
    words, terms = query_words(query)
    if not terms:
        return []
    scored = []
    for entry in entries:
        whole, tails = tokens(entry.key)
        score = _score(entry.kind, entry.symbol, words, terms, whole, tails)
        if score is not None:
            scored.append(((-score, *entry.order()), entry))
    scored.sort(key=lambda pair: pair[0])
    return [entry for _, entry in scored[:limit]]


def _score(kind: str, symbol: str, words: list[str], terms: list[str], whole: frozenset[str],
           tails: frozenset[str]) -> int | None:
    score = KIND_WEIGHT.get(kind, 0)
    for term in terms:
        if any(token.startswith(term) for token in whole):
            score += 2
        elif any(token.startswith(term) for token in tails):
            score += 1
        else:
            return None
    return score + _symbol_bonus(symbol, words)


def _symbol_bonus(symbol: str, words: list[str]) -> int:
    """+10 for each word with a digit that starts the symbol, +20 when a word is the whole symbol."""
    if not symbol:
        return 0
    bonus = sum(10 for word in words if any(ch.isdigit() for ch in word) and symbol.startswith(word))
    return bonus + (20 if symbol in words else 0)


# -- the index files ------------------------------------------------------------------------------


def index_files(entries: Iterable[Entry]) -> dict[str, str]:
    """The files of the index (site path → text), for entries in any order."""
    ordered = sorted(entries, key=Entry.order)
    whole_postings: dict[str, list[int]] = defaultdict(list)
    tail_postings: dict[str, list[int]] = defaultdict(list)
    for number, entry in enumerate(ordered):
        whole, tails = tokens(entry.key)
        for token in whole:
            whole_postings[token].append(number)
        for token in tails:
            tail_postings[token].append(number)
    made = _shard_files(whole_postings, tail_postings)
    files: dict[str, str] = dict(made.files)
    chunks: list[int] = []
    for start, rows in _chunks([[e.title, e.subtitle, e.url] for e in ordered]):
        name = f"e-{len(chunks)}"
        files[f"{FOLDER}/{name}.js"] = _script(name, rows)
        chunks.append(start)
    files[f"{FOLDER}/index.js"] = _head(ordered, chunks, made.shards)
    return files


@dataclass
class _Shards:
    files: dict[str, str]
    shards: dict[str, list[str]]
    """Prefix → the names of its files."""


def _shard_files(whole: dict[str, list[int]], tails: dict[str, list[int]]) -> _Shards:
    """The shard files of these postings (whole words and tails → entry numbers)."""
    made = _Shards({}, {})
    for prefix, group in _shard_groups(whole, tails):
        stem = "s-" + hashlib.blake2b(prefix.encode("utf-8"), digest_size=5).hexdigest()  # stable while the prefix is
        made.shards[prefix] = []
        for number, part in enumerate(_split(group)):
            name = f"{stem}-{number}"
            made.files[f"{FOLDER}/{name}.js"] = _script(name, part)
            made.shards[prefix].append(name)
    return made


def _head(ordered: Sequence[Entry], chunks: list[int], shards: dict[str, list[str]]) -> str:
    """``search/index.js``: the count, kinds, chunks, shards and symbols of the entries in their order."""
    kinds = []
    for kind in KIND_ORDER:
        numbers = [i for i, e in enumerate(ordered) if e.kind == kind]
        if numbers:
            kinds.append([kind, numbers[0], numbers[-1] + 1])
    head = {
        "version": 1, "count": len(ordered), "kinds": kinds, "chunks": chunks, "shards": shards,
        "symbols": {str(i): e.symbol for i, e in enumerate(ordered) if e.symbol},
    }
    return f"window.LINEAGE_SEARCH = {_json(head)};\n"


def update_files(before: Iterable[Entry], after: Iterable[Entry],
                 read: Callable[[str], str]) -> dict[str, str | None] | None:
    """Every file of the index of ``after`` (site path → its text, or None where the index of ``before`` had it
    the same), from the files of ``before``'s index (``read`` gives one by site path).

    Only the shards of the first letters of tokens that came or went, and the
    entry chunks from the first changed row until the chunks fall in step again,
    are made anew. None when the entries are not numbered alike (one came, went
    or moved): then the whole index must be written.
    """
    old, new = sorted(before, key=Entry.order), sorted(after, key=Entry.order)
    if len(old) != len(new) or any(a.order() != b.order() for a, b in zip(old, new)):
        return None
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    head = json.loads(_payload(read(f"{FOLDER}/index.js"), "window.LINEAGE_SEARCH = "))
    files: dict[str, str | None] = {}
    shards: dict[str, list[str]] = head["shards"]
    letters = set()
    for i in changed:
        (old_whole, old_tails), (new_whole, new_tails) = tokens(old[i].key), tokens(new[i].key)
        letters.update(token[0] for token in (old_whole ^ new_whole) | (old_tails ^ new_tails))
    if letters:
        whole: dict[str, list[int]] = defaultdict(list)
        tails: dict[str, list[int]] = defaultdict(list)
        for prefix, names in shards.items():
            if prefix[0] in letters:
                for name in names:
                    part = _part(read(f"{FOLDER}/{name}.js"), name)
                    for side, postings in (("w", whole), ("p", tails)):
                        for token, gaps in part.get(side, {}).items():  # type: ignore[union-attr]
                            postings[token] += _numbers(gaps)
        for i in changed:
            for side, postings in ((0, whole), (1, tails)):
                was, now = tokens(old[i].key)[side], tokens(new[i].key)[side]
                for token in was - now:
                    postings[token].remove(i)
                for token in now - was:
                    insort(postings[token], i)
        made = _shard_files({t: ids for t, ids in whole.items() if ids}, {t: ids for t, ids in tails.items() if ids})
        files.update(made.files)
        shards = dict(sorted([*((p, n) for p, n in shards.items() if p[0] not in letters), *made.shards.items()]))
    for names in shards.values():
        for name in names:
            files.setdefault(f"{FOLDER}/{name}.js", None)
    rows = [[e.title, e.subtitle, e.url] for e in new]
    starts: list[int] = head["chunks"]
    rewritten = [i for i in changed if old[i].subtitle != new[i].subtitle]
    if rewritten:
        first = max(n for n, start in enumerate(starts) if start <= rewritten[0])
        offset, made_starts, same_from = starts[first], starts[:first], len(starts)
        for start, chunk in _chunks(rows[offset:]):
            number, start = len(made_starts), start + offset
            if start > rewritten[-1] and number < len(starts) and starts[number] == start:
                same_from = number  # the same rows from the same start: the same chunks from here on
                break
            files[f"{FOLDER}/e-{number}.js"] = _script(f"e-{number}", chunk)
            made_starts.append(start)
        starts = made_starts + starts[same_from:] if same_from < len(starts) else made_starts
    for number in range(len(starts)):
        files.setdefault(f"{FOLDER}/e-{number}.js", None)
    files[f"{FOLDER}/index.js"] = _head(new, starts, shards)
    return files


def read_index(folder: Path) -> list[Entry]:
    """The entries of an index written by :func:`index_files` (their keys rebuilt from the whole words)."""
    head = json.loads(_payload((folder / "index.js").read_text(encoding="utf-8"), "window.LINEAGE_SEARCH = "))
    rows: list[list[str]] = []
    for number in range(len(head["chunks"])):
        rows += _read_part(folder, f"e-{number}")
    words: dict[int, list[str]] = defaultdict(list)
    for names in head["shards"].values():
        for name in names:
            for token, gaps in _read_part(folder, name).get("w", {}).items():
                for number in _numbers(gaps):
                    words[number].append(token)
    kinds = {i: kind for kind, start, end in head["kinds"] for i in range(start, end)}
    symbols = head["symbols"]
    return [Entry(kinds[i], title, subtitle, url, " ".join(sorted(words[i])), symbols.get(str(i), ""))
            for i, (title, subtitle, url) in enumerate(rows)]


def _shard_groups(whole: dict[str, list[int]], tails: dict[str, list[int]]) -> list[tuple[str, Postings]]:
    """Tokens grouped under prefixes, each group within :data:`SHARD_BUDGET` unless one token alone is over it.

    A token belongs to the longest prefix that starts it; a query term reads the
    prefix that starts it and every prefix it starts.
    """
    sizes = {token: len(token) + 8 + 4 * (len(whole.get(token, ())) + len(tails.get(token, ())))
             for token in {*whole, *tails}}
    groups: list[tuple[str, list[str]]] = []
    by_letter: dict[str, list[str]] = defaultdict(list)
    for token in sizes:
        by_letter[token[0]].append(token)
    pending = sorted(by_letter.items())
    while pending:
        prefix, members = pending.pop(0)
        longer = [t for t in members if len(t) > len(prefix)]
        if sum(sizes[t] for t in members) <= SHARD_BUDGET or not longer:
            groups.append((prefix, members))
            continue
        split: dict[str, list[str]] = defaultdict(list)
        for token in longer:
            split[token[: len(prefix) + 1]].append(token)
        own = [t for t in members if len(t) == len(prefix)]
        if own:
            groups.append((prefix, own))
        pending = sorted([*pending, *split.items()])
    return [
        (prefix, {"w": {t: whole[t] for t in sorted(members) if t in whole},
                  "p": {t: tails[t] for t in sorted(members) if t in tails}})
        for prefix, members in sorted(groups)
    ]


def _split(group: Postings) -> list[Postings]:
    """One shard's postings as files within :data:`SHARD_BUDGET` (a long posting list spread over several)."""
    parts: list[Postings] = [{"w": {}, "p": {}}]
    size = 0
    for side in ("w", "p"):
        for token, ids in group[side].items():
            start = 0
            while start < len(ids):
                room = max(1, (SHARD_BUDGET - size - len(token) - 8) // 7)
                if size and room < min(len(ids) - start, 64):
                    parts.append({"w": {}, "p": {}})
                    size = 0
                    continue
                piece = ids[start: start + room]
                gaps = [piece[0], *(b - a for a, b in pairwise(piece))]
                parts[-1][side][token] = gaps
                size += len(token) + 8 + len(_json(gaps))
                start += len(piece)
    return [part for part in parts if part["w"] or part["p"]]


def _chunks(rows: list[list[str]]) -> Iterable[tuple[int, list[list[str]]]]:
    """Consecutive rows in chunks within :data:`CHUNK_BUDGET` bytes."""
    start, chunk, size = 0, [], 0
    for number, row in enumerate(rows):
        row_size = len(_json(row).encode("utf-8"))
        if chunk and size + row_size > CHUNK_BUDGET:
            yield start, chunk
            start, chunk, size = number, [], 0
        chunk.append(row)
        size += row_size
    if chunk:
        yield start, chunk


def _numbers(gaps: list[int]) -> list[int]:
    total, out = 0, []
    for i, gap in enumerate(gaps):
        total = gap if i == 0 else total + gap
        out.append(total)
    return out


def _json(value: object) -> str:
    """Compact JSON that no label can break out of a script with (``<``, line separators escaped)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _script(name: str, payload: object) -> str:
    return _SCRIPT.format(name=_json(name), payload=_json(payload))


def _payload(text: str, prefix: str) -> str:
    return text.strip().removeprefix(prefix).removesuffix(";").removesuffix(")")


def _read_part(folder: Path, name: str) -> object:
    return _part((folder / f"{name}.js").read_text(encoding="utf-8"), name)


def _part(text: str, name: str) -> object:
    """The payload of the piece ``name`` of the index, from its script."""
    head = f"window.LINEAGE_SEARCH_PART({_json(name)}, "
    return json.loads(text.strip().removeprefix(head).removesuffix(");"))
