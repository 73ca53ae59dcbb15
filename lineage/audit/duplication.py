"""Duplication and cascade: the same or nearly the same task text in several plans.

Texts are compared without diacritics, as sets of word 3-grams (shingles). Two
tasks are alike when their shingles overlap by at least ``JACCARD`` of their
union, or when one is nearly contained in the other (``CONTAINMENT``) and they
still share ``JACCARD_CONTAINED`` of their union (a short row lifted from a long
paragraph). Alike tasks are gathered into groups, one finding per group that
spans documents: a ``cascade`` when its documents lie in one chain (one carries
out the other), an ``overlap`` when they do not.

Identical texts are merged first and candidate pairs come from an index of
shingles that skips the commonest ones, so the work grows with the number of
distinct texts and their rare shingles, not with the square of the tasks.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from lineage.audit.context import AuditContext
from lineage.audit.model import Check, Finding
from lineage.text.normalize import fold

NAME = "duplication"
SHINGLE = 3
JACCARD = 0.3
CONTAINMENT = 0.85
JACCARD_CONTAINED = 0.08
MIN_SHINGLES = 5
COMMON_SHARE = 0.01
"""A shingle found in more than this share of the distinct texts is boilerplate and finds no candidates …"""
COMMON_MIN, COMMON_MAX = 20, 200
"""… bounded below (a small corpus) and above (so no shingle pairs up more than COMMON_MAX² / 2 texts)."""
EVIDENCE_PER_GROUP = 6

_TEXTS = "SELECT ?task ?text WHERE { ?task a lin:Task ; dcterms:description ?text }"


def run(ctx: AuditContext) -> Iterator[Finding]:
    """One finding per group of alike tasks that spans documents."""
    tasks_of: dict[tuple[str, ...], list[str]] = defaultdict(list)
    texts: dict[str, str] = {}
    for row in ctx.rows(_TEXTS):
        task, text = row["task"] or "", row["text"] or ""
        if task in texts:
            continue
        texts[task] = text
        tasks_of[_words(text)].append(task)
    keys = [k for k in tasks_of if k]
    shingles = [_shingles(k) for k in keys]
    cited = [_cited(ctx, tasks_of[k]) for k in keys]
    pairs = [(a, b) for a, b in alike_pairs(shingles) if not (cited[a] and cited[b] and not cited[a] & cited[b])]
    for members in _groups(len(keys), pairs):
        tasks = ctx.in_print_order(t for i in members for t in tasks_of[keys[i]])
        by_document: dict[str, list[str]] = defaultdict(list)
        for task in tasks:
            by_document[ctx.document_of(task) or task].append(task)
        if len(by_document) < 2:
            continue
        chains = _chains(ctx, sorted(by_document, key=ctx.display))
        for chain in chains:
            if len(chain) > 1:
                yield _finding(ctx, "cascade", [t for d in chain for t in by_document[d]], chain, texts)
        if len(chains) > 1:
            everything = [d for chain in chains for d in chain]
            yield _finding(ctx, "overlap", [t for d in everything for t in by_document[d]], everything, texts)


def alike_pairs(shingles: list[frozenset[str]]) -> list[tuple[int, int]]:
    """Index pairs of shingle sets that are alike, found through an index of their rarer shingles."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, items in enumerate(shingles):
        for item in items:
            postings[item].append(i)
    common = min(COMMON_MAX, max(COMMON_MIN, int(len(shingles) * COMMON_SHARE)))
    shared: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        if len(members) > common:
            continue
        for n, a in enumerate(members):
            for b in members[n + 1:]:
                shared[(a, b)] += 1
    return [(a, b) for (a, b), count in shared.items() if _alike(shingles[a], shingles[b], count)]


def _alike(a: frozenset[str], b: frozenset[str], shared: int) -> bool:
    inter = len(a & b) if shared else 0
    union = len(a) + len(b) - inter
    if not union:
        return False
    jaccard = inter / union
    smaller = min(len(a), len(b))
    contained = smaller >= MIN_SHINGLES and inter / smaller >= CONTAINMENT and jaccard >= JACCARD_CONTAINED
    return jaccard >= JACCARD or contained


def _groups(count: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Connected groups of alike texts (union–find), each sorted, in a stable order."""
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    found: dict[int, list[int]] = defaultdict(list)
    for i in range(count):
        found[find(i)].append(i)
    return sorted(found.values())


def _finding(ctx: AuditContext, rule: str, tasks: list[str], documents: list[str], texts: dict[str, str]) -> Finding:
    tasks = ctx.in_print_order(tasks)
    listed = ", ".join(ctx.display(t) for t in tasks[:6]) + (" …" if len(tasks) > 6 else "")
    docs = ", ".join(ctx.display(d) for d in documents)
    sample = texts[tasks[0]]
    sample = sample if len(sample) <= 160 else sample[:159] + "…"
    if rule == "cascade":
        inferred = not _linked(ctx, documents, inferred=False)
        how_vi, how_en = (" (qua liên kết suy luận)", " (through inferred links)") if inferred else ("", "")
        vi = (f"Nhiệm vụ gần như trùng lời được giao lại theo chuỗi{how_vi} ở {len(documents)} văn bản ({docs}): "
              f"{listed} — „{sample}”.")
        en = (f"Nearly the same task is handed down the chain{how_en} in {len(documents)} documents ({docs}): "
              f"{listed} — '{sample}'.")
    else:
        vi = (f"Nhiệm vụ gần như trùng lời xuất hiện ở các văn bản không cùng một chuỗi ({docs}): {listed} "
              f"— „{sample}”.")
        en = f"Nearly the same task appears in documents that are not in one chain ({docs}): {listed} — '{sample}'."
    evidence = [e for t in tasks[:EVIDENCE_PER_GROUP] for e in ctx.evidence(t, limit=1)]
    return ctx.finding(NAME, rule, "info" if rule == "cascade" else "warning", tasks, vi, en, evidence)


def _chains(ctx: AuditContext, documents: list[str]) -> list[list[str]]:
    """The documents split into groups joined up or down the chain (inferred links count)."""
    closure = ctx.inferred_closure
    above = {d: set(closure.ancestors(d)) if d in closure else set() for d in documents}
    parent = {d: d for d in documents}

    def find(d: str) -> str:
        while parent[d] != d:
            d = parent[d]
        return d

    for i, a in enumerate(documents):
        for b in documents[i + 1:]:
            if b in above[a] or a in above[b]:
                parent[find(b)] = find(a)
    groups: dict[str, list[str]] = defaultdict(list)
    for d in documents:
        groups[find(d)].append(d)
    return list(groups.values())


def _linked(ctx: AuditContext, documents: list[str], *, inferred: bool) -> bool:
    """True when the documents are joined up or down the chain through links of that kind."""
    closure = ctx.inferred_closure if inferred else ctx.closure
    above = {d: set(closure.ancestors(d)) if d in closure else set() for d in documents}
    return all(any(b in above[a] or a in above[b] for b in documents if b != a) for a in documents)


def _cited(ctx: AuditContext, tasks: list[str]) -> frozenset[str]:
    """The documents these tasks name (implement or cite), each counted with its equivalents."""
    found: set[str] = set()
    for task in tasks:
        if task not in ctx.view:
            continue
        for _, target, key in ctx.view.out_edges(task, keys=True):
            if key in ("implements", "cites") and ctx.kind(target) == "document":
                found |= ctx.equivalents(target)
    return frozenset(found)


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", fold(text)))


def _shingles(words: tuple[str, ...]) -> frozenset[str]:
    if len(words) < SHINGLE:
        return frozenset({" ".join(words)})
    return frozenset(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


CHECK = Check(
    NAME,
    {"vi": "Trùng lặp và giao lại theo chuỗi", "en": "Duplication and cascade"},
    {
        "vi": "Cùng một nhiệm vụ hoặc gần như cùng lời (so sánh không dấu) ở nhiều kế hoạch: là giao lại theo chuỗi "
              "khi các văn bản cùng một chuỗi thực hiện, là chồng chéo khi không.",
        "en": "The same or nearly the same task text (compared without diacritics) in several plans: a cascade when "
              "the plans are in one chain of implementation, an overlap when they are not.",
    },
    run,
)
