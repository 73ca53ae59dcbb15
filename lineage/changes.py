"""What changed since the last build: the data files, and the triples of their named graphs.

``lineage build`` records in its folder (:data:`MANIFEST`) the digest of every
input file and of everything else the outputs depend on — the shapes, the
queries, the templates and the code. A later build compares: when only data
files changed, :func:`detect` returns a :class:`GraphChange` holding the
triples added and removed (the old ones read from the previous build's store),
and the build redoes only what those triples touch. Anything else — another
set of options, a changed shape, ontology, template or line of code, a missing or
unreadable previous build — means a full build, and :func:`detect` says why.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from lineage.atomic import write_text
from lineage.config import PROJECT_ROOT, Config
from lineage.store import STORE_DIR, Digests, LoadedGraph, SourceFile, file_digests

MANIFEST = "build.json"
_VERSION = 1
_CODE = (PROJECT_ROOT / "lineage",)
"""The package: its modules and templates shape every output."""


def tree_digest(folders: Iterable[Path], suffixes: tuple[str, ...] | None = None) -> str:
    """One digest of the names and bytes of every file under ``folders`` (with one of ``suffixes``)."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            if suffixes is None or path.suffix in suffixes:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def code_digest() -> str:
    """The digest of the package's modules and templates, taken once: the code this process runs."""
    return tree_digest(_CODE, (".py", ".j2", ".css", ".js", ".html", ".svg"))


@dataclass(frozen=True)
class BuildInputs:
    """The digests a build depends on: data files by graph, and everything else as one."""

    files: dict[str, str]
    """Graph IRI → digest of the data or ontology file loaded into it."""
    context: dict[str, str]
    """What else the outputs depend on: base IRI, ontology, shapes, queries, code, site or not.

    Not the data folder's place: graphs are named from paths inside it, so a moved copy builds the same."""
    summary: dict[str, Any] = field(default_factory=dict)
    """What the build that recorded these inputs reported."""
    digests: Digests = field(default_factory=dict, compare=False)
    """Graph IRI → digest of every input file, ontology included, as taken (not recorded)."""

    @classmethod
    def of(cls, config: Config, files: Iterable[SourceFile], *, site: bool,
           digests: Digests | None = None) -> BuildInputs:
        """The inputs of a build of ``files`` with ``config`` (``digests``: theirs, when already taken)."""
        ontology = config.graph_iri("ontology/")
        digests = dict(digests) if digests is not None else file_digests(files)
        return cls(
            files={graph: digest for graph, digest in digests.items() if not graph.startswith(ontology)},
            context={
                "version": str(_VERSION),
                "base_iri": config.base_iri,
                "ontology": tree_digest([config.ontology_dir], (".ttl",)),
                "shapes": tree_digest([config.shapes_dir], (".ttl",)),
                "queries": tree_digest([config.queries_dir], (".rq",)),
                "code": code_digest(),
                "site": str(site),
            },
            digests=digests,
        )

    def write(self, build_dir: Path, summary: dict[str, Any]) -> None:
        """Record the inputs, and the ``summary`` of the build made from them, in ``build_dir``."""
        text = json.dumps({"context": self.context, "files": self.files, "summary": summary},
                          ensure_ascii=False, indent=1, sort_keys=True)
        write_text(build_dir / MANIFEST, text + "\n")

    def parsed_before(self, before: BuildInputs | None) -> frozenset[str]:
        """The graphs whose files a previous build with ``before`` inputs parsed, byte for byte the same, without error.

        A build records its inputs only when it succeeds, so those files are known to be well-formed Turtle.
        """
        if before is None or before.context != self.context:
            return frozenset()
        same = frozenset(g for g, digest in self.files.items() if before.files.get(g) == digest)
        ontology = frozenset(g for g in self.digests if g not in self.files)  # unchanged with the context
        return same | ontology

    @classmethod
    def read(cls, build_dir: Path) -> BuildInputs | None:
        """The inputs recorded by the build in ``build_dir``, if it left a readable record."""
        try:
            data = json.loads((build_dir / MANIFEST).read_text(encoding="utf-8"))
            return cls(dict(data["files"]), dict(data["context"]), dict(data.get("summary") or {}))
        except (OSError, ValueError, KeyError, TypeError):
            return None


@dataclass
class GraphChange:
    """The data files that changed since the previous build, and the triples that came and went."""

    previous: Path
    """The previous build's folder."""
    graphs: tuple[str, ...]
    """Named graphs added, removed or changed."""
    added: set[ox.Triple] = field(default_factory=set)
    removed: set[ox.Triple] = field(default_factory=set)

    def triples(self) -> Iterable[ox.Triple]:
        """Every triple added or removed."""
        yield from self.added
        yield from self.removed

    def nodes(self) -> set[str]:
        """The IRIs of every subject and object of a triple that came or went."""
        found: set[str] = set()
        for triple in self.triples():
            for term in (triple.subject, triple.object):
                if isinstance(term, ox.NamedNode):
                    found.add(term.value)
        return found

    def describe(self) -> str:
        """A line for the build's progress: how many files and triples changed."""
        return (f"{len(self.graphs)} changed file(s) / tệp thay đổi, +{len(self.added)} −{len(self.removed)} "
                f"triples / bộ ba")


def detect(graph: LoadedGraph, inputs: BuildInputs, previous_dir: Path, before: BuildInputs | None) -> GraphChange | str:
    """The change from the build in ``previous_dir`` (made from ``before`` inputs, as :meth:`BuildInputs.read`
    gives them) to ``graph``, or why the build must start afresh."""
    if before is None:
        return "no previous build / chưa có bản dựng trước"
    differing = sorted(k for k in inputs.context.keys() | before.context.keys()
                       if inputs.context.get(k) != before.context.get(k))
    if differing:
        return f"{', '.join(differing)} changed / đã thay đổi"
    graphs = tuple(sorted(g for g in inputs.files.keys() | before.files.keys()
                          if inputs.files.get(g) != before.files.get(g)))
    store_dir = previous_dir / STORE_DIR
    if not store_dir.is_dir():
        return "the previous build has no store / bản dựng trước không có kho"
    try:
        old = ox.Store.read_only(str(store_dir))
    except OSError as error:
        return f"the previous store cannot be opened ({error}) / không mở được kho trước"
    change = GraphChange(previous_dir, graphs)
    for name in graphs:
        node = ox.NamedNode(name)
        before_triples = {q.triple for q in old.quads_for_pattern(None, None, None, node)}
        after_triples = {q.triple for q in graph.store.quads_for_pattern(None, None, None, node)}
        change.added |= after_triples - before_triples
        change.removed |= before_triples - after_triples
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in change.triples()):
        return "a changed file holds blank nodes, which cannot be matched across builds / tệp thay đổi có nút rỗng"
    return change
