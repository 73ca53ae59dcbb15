"""Duplication and cascade: the same or nearly the same task text in several documents of one jurisdiction.

Texts are compared without diacritics, as sets of word 3-grams (shingles). Two
tasks are alike when their shingles overlap by at least ``JACCARD`` of their
union, or when one is nearly contained in the other (``CONTAINMENT``) and they
still share ``JACCARD_CONTAINED`` of their union (a short row lifted from a long
paragraph).

Only tasks of two different documents are compared, and only when the documents
speak for one jurisdiction (:func:`lineage.audit.kinds.same_jurisdiction`: one
province, or the centre) or lie in one chain: two provinces carrying out one
directive in the same words do parallel work, not the same work twice. Alike
tasks are gathered into groups, one finding per group: a ``cascade`` for each
chain among its documents (one carries out the other), an ``overlap`` when its
documents lie in several chains. A finding names at most ``LISTED`` tasks, spread
over its documents, and at most ``LISTED_DOCUMENTS`` documents, and says how many
there are in all.

Candidate pairs come from an index of shingles that skips the commonest ones,
and two tasks already in one group are never compared, so the work grows with
the number of groups and of rare shingles, not with the square of the tasks.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox

from lineage.audit.context import AuditContext
from lineage.audit.kinds import jurisdiction
from lineage.audit.model import Check, Finding
from lineage.closure import Closure
from lineage.text.normalize import strip_diacritics

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
LISTED, LISTED_DOCUMENTS = 12, 8
"""The most tasks a finding names as its subjects, and the most documents its message names."""
SHOWN = 6
"""The tasks the message names."""

_DESCRIPTION = ox.NamedNode("http://purl.org/dc/terms/description")
_WORD = re.compile(r"[a-z0-9]+")


class _FoldTable(dict[int, str]):
    """Code point → the same character without diacritics, in lower case; filled in as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = strip_diacritics(chr(code)).lower()
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def run(ctx: AuditContext) -> Iterator[Finding]:
    """One finding per group of alike tasks that spans documents (one per chain, and one across chains)."""
    corpus = _Corpus.read(ctx)
    above = _Above(ctx.inferred_closure)
    for tasks in corpus.groups():
        by_document: dict[str, list[str]] = defaultdict(list)
        for task in ctx.in_print_order(tasks):
            by_document[ctx.document_of(task) or task].append(task)
        if len(by_document) < 2:
            continue
        chains = _chains(above, sorted(by_document, key=ctx.display_key))
        for chain in chains:
            if len(chain) > 1:
                yield _finding(ctx, "cascade", [t for d in chain for t in by_document[d]], chain, corpus.texts)
        if len(chains) > 1:
            everything = [d for chain in chains for d in chain]
            yield _finding(ctx, "overlap", [t for d in everything for t in by_document[d]], everything, corpus.texts)


@dataclass
class _Corpus:
    """Every task with a text: its document, the words of its text, and the groups alike tasks form."""

    ctx: AuditContext
    tasks: list[str]
    texts: dict[str, str]
    documents: list[str]
    """The document of each task, by task number."""
    keys: list[tuple[str, ...]]
    """The distinct word sequences."""
    key_of: list[int]
    """The word sequence of each task, by task number."""

    @classmethod
    def read(cls, ctx: AuditContext) -> _Corpus:
        """The tasks of the graph with their texts (a task with two texts keeps the first)."""
        texts = {task: values[0] for task, values in ctx.task_values(_DESCRIPTION).items()}
        numbers: dict[tuple[str, ...], int] = {}
        tasks, key_of = [], []
        chunks = _ChunkWords()
        for task, text in texts.items():
            words = chunks.words(text)
            if words:
                tasks.append(task)
                key_of.append(numbers.setdefault(words, len(numbers)))
        return cls(ctx, tasks, texts, [ctx.document_of(t) or t for t in tasks], list(numbers), key_of)

    @cached_property
    def shingles(self) -> list[frozenset[str]]:
        """The shingles of each distinct word sequence."""
        return [_shingles(k) for k in self.keys]

    @cached_property
    def sizes(self) -> list[int]:
        """The number of shingles of each distinct word sequence."""
        return [len(s) for s in self.shingles]

    @cached_property
    def cited(self) -> list[frozenset[str]]:
        """The documents the tasks of each word sequence name (implement or cite), with their equivalents."""
        named = _cited(self.ctx)
        found: list[frozenset[str]] = [frozenset()] * len(self.keys)
        for task, key in zip(self.tasks, self.key_of, strict=True):
            if task in named:
                found[key] = found[key] | named[task]
        return found

    @cached_property
    def relatives(self) -> dict[str, frozenset[str]]:
        """Document → the documents of another jurisdiction in one chain with it (either carries out the other)."""
        closure = self.ctx.inferred_closure
        with_tasks = set(self.documents)
        found: dict[str, set[str]] = defaultdict(set)
        for document in with_tasks:
            if document not in closure or jurisdiction(document) is None:
                continue
            for above in closure.ancestors(document):
                if above in with_tasks and jurisdiction(above) not in (None, jurisdiction(document)):
                    found[document].add(above)
                    found[above].add(document)
        return {d: frozenset(r) for d, r in found.items()}

    def groups(self) -> list[list[str]]:
        """Groups of tasks joined through alike pairs of different documents of one scope, in a stable order."""
        links = _Links(self)
        members_of: list[list[int]] = [[] for _ in self.keys]
        for number, key in enumerate(self.key_of):
            members_of[key].append(number)
        for members in members_of:
            if len(members) > 1:
                links.link(members, same_text=True)
        for keys in _postings(self.shingles):
            links.link([n for k in keys for n in members_of[k]])
        return links.groups()


class _Links:
    """Union–find over the tasks, joining two tasks of different documents in scope when their texts are alike."""

    def __init__(self, corpus: _Corpus) -> None:
        self.corpus = corpus
        self.parent = list(range(len(corpus.tasks)))
        self.scope = [jurisdiction(d) for d in corpus.documents]
        numbers: dict[str, int] = {}
        self.document = [numbers.setdefault(d, len(numbers)) for d in corpus.documents]
        """The document of each task, as a number."""
        self.shingles = [corpus.shingles[k] for k in corpus.key_of]
        self.sizes = [corpus.sizes[k] for k in corpus.key_of]
        self.cited = [corpus.cited[k] for k in corpus.key_of]
        """The shingles, their number and the documents cited of each task's text."""

    def find(self, number: int) -> int:
        parent = self.parent
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    def link(self, members: list[int], *, same_text: bool = False) -> None:
        """Join what can be joined among tasks that share a rare shingle, or (``same_text``) their whole text."""
        by_document: dict[str, list[int]] = defaultdict(list)
        for number in members:
            by_document[self.corpus.documents[number]].append(number)
        if len(by_document) < 2:
            return
        by_scope: dict[str | None, list[int]] = defaultdict(list)
        for document, numbers in by_document.items():
            by_scope[self.scope[numbers[0]]].extend(numbers)
        anywhere = by_scope.pop(None, [])
        join = self._join_all if same_text else self._join
        if not by_scope:
            join(anywhere)
        for numbers in by_scope.values():
            join(numbers + anywhere)
        relatives = self.corpus.relatives
        for document, numbers in by_document.items():
            for other in relatives.get(document, ()):
                if other in by_document and document < other:
                    join(numbers + by_document[other])

    def _join_all(self, numbers: list[int]) -> None:
        """Join tasks of one text (all in one scope): every one of them when they lie in two documents or more."""
        if len({self.corpus.documents[n] for n in numbers}) < 2:
            return
        roots = {self.find(n) for n in numbers}
        first = min(roots)
        for root in roots:
            self.parent[root] = first

    def _join(self, numbers: list[int]) -> None:
        """Join tasks of ``numbers`` (all in one scope) wherever two groups hold an alike pair.

        The groups the tasks are in so far are taken one by one; each joins every cluster of the earlier
        ones that holds a group alike to it (tried until one is), so no pair of groups already joined is tried.
        """
        buckets: dict[int, list[int]] = defaultdict(list)
        for number in numbers:
            buckets[self.find(number)].append(number)
        if len(buckets) < 2:
            return
        members = list(buckets.values())
        clusters: list[list[int]] = []  # indices of members, joined within this call
        for i, bucket in enumerate(members):
            home: list[int] | None = None
            for c, cluster in enumerate(clusters):
                if not cluster or not any(self._alike_across(members[j], bucket) for j in cluster):
                    continue
                if home is None:
                    home = cluster
                    cluster.append(i)
                else:
                    home += cluster
                    clusters[c] = []
            if home is None:
                clusters.append([i])
        roots = list(buckets)
        for cluster in clusters:
            if len(cluster) > 1:
                found = [self.find(roots[j]) for j in cluster]
                first = min(found)
                for root in found:
                    self.parent[root] = first

    def _alike_across(self, these: list[int], those: list[int]) -> bool:
        """Whether a task of ``these`` and one of ``those``, of two different documents, are alike
        (:func:`_alike_counts`, written out: it runs for every candidate pair)."""
        document, key_of, shingles, sizes, cited = (
            self.document, self.corpus.key_of, self.shingles, self.sizes, self.cited)
        for a in these:
            home, key, mine, size, named = document[a], key_of[a], shingles[a], sizes[a], cited[a]
            for b in those:
                if document[b] == home:
                    continue
                if key_of[b] == key:
                    return True
                if named:
                    theirs = cited[b]
                    if theirs and named.isdisjoint(theirs):
                        continue
                inter = len(mine & shingles[b])
                if not inter:
                    continue
                other = sizes[b]
                jaccard = inter / (size + other - inter)
                if jaccard >= JACCARD:
                    return True
                smaller = min(size, other)
                if smaller >= MIN_SHINGLES and inter / smaller >= CONTAINMENT and jaccard >= JACCARD_CONTAINED:
                    return True
        return False

    def groups(self) -> list[list[str]]:
        found: dict[int, list[str]] = defaultdict(list)
        for number, task in enumerate(self.corpus.tasks):
            found[self.find(number)].append(task)
        return [tasks for _, tasks in sorted(found.items()) if len(tasks) > 1]


def _postings(shingles: list[frozenset[str]]) -> list[list[int]]:
    """For each shingle that is not among the commonest, the texts that have it (rarest first; texts by number)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, items in enumerate(shingles):
        for item in items:
            postings[item].append(i)
    common = min(COMMON_MAX, max(COMMON_MIN, int(len(shingles) * COMMON_SHARE)))
    return sorted((m for m in postings.values() if 1 < len(m) <= common), key=len)


def _alike_counts(inter: int, union: int, smaller: int) -> bool:
    """Whether two shingle sets sharing ``inter`` of ``union`` shingles are alike: they overlap enough, or the
    ``smaller`` is nearly held in the other."""
    jaccard = inter / union
    contained = smaller >= MIN_SHINGLES and inter / smaller >= CONTAINMENT and jaccard >= JACCARD_CONTAINED
    return jaccard >= JACCARD or contained


def _finding(ctx: AuditContext, rule: str, tasks: list[str], documents: list[str], texts: dict[str, str]) -> Finding:
    tasks = ctx.in_print_order(tasks)
    named = _spread(ctx, tasks, documents)
    listed = ", ".join(ctx.display(t) for t in named[:SHOWN]) + (" …" if len(tasks) > SHOWN else "")
    docs = ", ".join(ctx.display(d) for d in documents[:LISTED_DOCUMENTS]) + (
        " …" if len(documents) > LISTED_DOCUMENTS else "")
    sample = texts[named[0]]
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
    if len(named) < len(tasks) or len(documents) > LISTED_DOCUMENTS:
        vi += f" Tổng cộng {len(tasks)} nhiệm vụ ở {len(documents)} văn bản; nêu tên {len(named)} nhiệm vụ."
        en += f" In all {len(tasks)} tasks in {len(documents)} documents; {len(named)} are named."
    evidence = [e for t in named[:EVIDENCE_PER_GROUP] for e in ctx.evidence(t, limit=1)]
    return ctx.finding(NAME, rule, "info" if rule == "cascade" else "warning", named, vi, en, evidence)


def _spread(ctx: AuditContext, tasks: list[str], documents: list[str]) -> list[str]:
    """At most ``LISTED`` of the tasks (all when there are no more), taken in turn from each document, in print order."""
    if len(tasks) <= LISTED:
        return tasks
    by_document: dict[str, list[str]] = defaultdict(list)
    for task in tasks:
        by_document[ctx.document_of(task) or task].append(task)
    queues = [by_document[d] for d in documents if by_document.get(d)]
    chosen: list[str] = []
    depth = 0
    while len(chosen) < LISTED:
        chosen += [queue[depth] for queue in queues if depth < len(queue)][:LISTED - len(chosen)]
        depth += 1
    return ctx.in_print_order(chosen)


class _Above(dict[str, frozenset[str]]):
    """Document → every node above it in the chain closure (its ancestors), found as asked for."""

    def __init__(self, closure: Closure) -> None:
        super().__init__()
        self.closure = closure

    def __missing__(self, document: str) -> frozenset[str]:
        found = frozenset(self.closure.ancestors(document)) if document in self.closure else frozenset()
        self[document] = found
        return found


def _chains(above: _Above, documents: list[str]) -> list[list[str]]:
    """The documents split into groups joined up or down the chain (inferred links count)."""
    parent = {d: d for d in documents}

    def find(d: str) -> str:
        while parent[d] != d:
            d = parent[d]
        return d

    for a in documents:
        for b in above[a]:
            if b in parent and find(a) != find(b):
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


def _cited(ctx: AuditContext) -> dict[str, frozenset[str]]:
    """Task → the documents it names (implements or cites), each counted with its equivalents."""
    found: dict[str, set[str]] = defaultdict(set)
    for source, target, key, _ in ctx.edges:
        if key in ("implements", "cites") and ctx.kind(source) == "task" and ctx.kind(target) == "document":
            found[source] |= ctx.equivalents(target)
    return {task: frozenset(documents) for task, documents in found.items()}


def _words(text: str) -> tuple[str, ...]:
    """The words of a text without diacritics, in lower case (as :func:`lineage.text.normalize.fold` reads them)."""
    return tuple(_WORD.findall(text.translate(_FOLD)))


class _ChunkWords(dict[str, tuple[str, ...]]):
    """Chunk of text between white space → its words (:func:`_words`), each chunk read once.

    White space folds to itself, so no word runs across it: the words of a text are those of its chunks.
    """

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        words = self[chunk] = _words(chunk)
        return words

    def words(self, text: str) -> tuple[str, ...]:
        """The words of ``text``, as :func:`_words` reads them."""
        found: list[str] = []
        for chunk in text.split():
            found += self[chunk]
        return tuple(found)


def _shingles(words: tuple[str, ...]) -> frozenset[str]:
    """The runs of ``SHINGLE`` words of a text (the whole text when it is shorter), each as one string."""
    if len(words) < SHINGLE:
        return frozenset({" ".join(words)})
    return frozenset(map(" ".join, zip(*(words[i:] for i in range(SHINGLE)))))


CHECK = Check(
    NAME,
    {"vi": "Trùng lặp và giao lại theo chuỗi", "en": "Duplication and cascade"},
    {
        "vi": "Cùng một nhiệm vụ hoặc gần như cùng lời (so sánh không dấu) ở nhiều văn bản của cùng một địa phương "
              "hoặc cấp: là giao lại theo chuỗi khi các văn bản cùng một chuỗi thực hiện, là chồng chéo khi không.",
        "en": "The same or nearly the same task text (compared without diacritics) in several documents of one "
              "province or level: a cascade when the documents are in one chain of implementation, an overlap when "
              "they are not.",
    },
    run,
)
