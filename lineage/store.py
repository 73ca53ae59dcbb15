"""Load ``ontology/`` and ``data/`` into one Oxigraph store, one named graph per file.

A file ``data/sources/001.ttl`` becomes the graph ``{base}/graph/sources/001``;
``ontology/lineage.ttl`` becomes ``{base}/graph/ontology/lineage``. Queries see the
union of all graphs (rdflib ``Dataset(default_union=True)``, SPARQL ``GRAPH ?g``).

``lineage build`` also writes the store to disk with a fingerprint of its inputs;
later commands reuse it only while the fingerprint matches, and reload from
Turtle otherwise, so an answer is never stale.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset

from lineage.atomic import write_text
from lineage.config import Config
from lineage.errors import InputError, LineageError
from lineage.namespaces import PREFIXES

T = TypeVar("T")

STORE_DIR = "store"
FINGERPRINT_FILE = "store.json"


@dataclass(frozen=True)
class SourceFile:
    """A Turtle file and the named graph it is loaded into."""

    path: Path
    graph: str


@dataclass
class LoadedGraph:
    """The loaded graph: the Oxigraph store, an rdflib view of it, and the files it came from."""

    store: ox.Store
    files: tuple[SourceFile, ...]
    config: Config
    from_disk: bool = False
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def derived(self, name: str, make: Callable[[], T]) -> T:
        """What ``make`` computes from this graph, computed once: the graph does not change once loaded."""
        if name not in self._derived:
            self._derived[name] = make()
        return self._derived[name]

    @property
    def dataset(self) -> Dataset:
        """An rdflib Dataset over the same store whose default graph is the union."""
        return Dataset(store=OxigraphStore(store=self.store), default_union=True)

    def query(self, sparql: str, bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Any:
        """Run SPARQL over the union of all graphs, with the project prefixes and bound variables.

        Values are substituted as RDF terms (SEP-0007), never pasted into the query text;
        a bound variable must appear in the SELECT projection.
        """
        substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
        return self.store.query(
            sparql, use_default_graph_as_union=True, prefixes=PREFIXES, substitutions=substitutions or None
        )

    def graph_names(self) -> list[str]:
        """The IRIs of every named graph in the store."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def triple_count(self) -> int:
        """The number of quads (each triple counted once per graph that states it)."""
        rows = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(next(iter(rows))["n"].value)


def input_files(config: Config) -> list[SourceFile]:
    """Every Turtle file of the ontology and the data, in a stable order, with its graph."""
    files: list[SourceFile] = []
    for folder, prefix in ((config.ontology_dir, "ontology/"), (config.data_dir, "")):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.ttl")):
            name = path.relative_to(folder).with_suffix("").as_posix()
            files.append(SourceFile(path, config.graph_iri(prefix + name)))
    return files


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


Digests = Mapping[str, str]
"""Graph IRI → :func:`file_digest` of the file loaded into it."""


def file_digests(files: Iterable[SourceFile]) -> dict[str, str]:
    """The :data:`Digests` of ``files``."""
    return {file.graph: file_digest(file.path) for file in files}


def fingerprint(files: Iterable[SourceFile], config: Config, digests: Digests | None = None) -> str:
    """A digest of the inputs' names, graphs and bytes, and of the IRI base.

    ``digests`` are the files' digests when the caller has taken them already.
    """
    files = tuple(files)
    known = digests if digests is not None else file_digests(files)
    digest = hashlib.sha256(config.base_iri.encode())
    for file in files:
        digest.update(file.graph.encode())
        digest.update(known[file.graph].encode())
    return digest.hexdigest()


def load_files(files: Iterable[SourceFile], store: ox.Store, checked: Collection[str] = frozenset()) -> None:
    """Parse each file into its graph; a syntax error names the file and line.

    The files of the graphs in ``checked`` are known to parse without error (the
    same bytes did in a previous build): their IRIs and language tags are not
    checked again, which gives the same triples sooner.
    """
    for file in files:
        try:
            store.load(path=str(file.path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(file.graph),
                       lenient=file.graph in checked)
        except SyntaxError as err:
            raise InputError(
                file.path,
                err.lineno,
                f"Turtle syntax error: {err.msg}",
                "correct the Turtle at that line (a missing '.', ';' or quote is the usual cause); "
                "check it with `lineage validate` after fixing",
            ) from None
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(file.path, None, f"cannot read the file: {err}", "make it a UTF-8 Turtle file") from None


def required_input_files(config: Config) -> tuple[SourceFile, ...]:
    """The :func:`input_files` of ``config``; none is an error."""
    files = tuple(input_files(config))
    if not files:
        raise InputError(config.data_dir, None, "no Turtle files found", "point --data at a folder with .ttl files")
    return files


def load(config: Config, *, prefer_disk: bool = True, checked: Collection[str] = frozenset()) -> LoadedGraph:
    """The graph of ``config``: the built store when up to date, else a fresh in-memory load.

    ``checked`` names graphs whose files are known to parse (see :func:`load_files`).
    """
    files = required_input_files(config)
    if prefer_disk:
        cached = _open_built(config, files)
        if cached is not None:
            return cached
    store = ox.Store()
    load_files(files, store, checked)
    return LoadedGraph(store, files, config)


def save(graph: LoadedGraph, build_dir: Path, digests: Digests | None = None) -> Path:
    """Write the store and its fingerprint into ``build_dir`` (the caller moves it into place)."""
    return BackgroundSave(graph, build_dir, digests).wait()


class BackgroundSave:
    """Writing the store into a build folder in another process, while this one goes on.

    The graph is dumped to a file (a second), which :mod:`lineage.store_writer`
    loads into RocksDB (most of the time). :meth:`wait` finishes the job and
    raises if it failed; :meth:`cancel` stops it when the build fails.
    """

    def __init__(self, graph: LoadedGraph, build_dir: Path, digests: Digests | None = None) -> None:
        self.graph = graph
        self.build_dir = build_dir
        self.digests = digests
        self.target = build_dir / STORE_DIR
        self.dump = build_dir / ".store.nq"
        graph.store.dump(output=str(self.dump), format=ox.RdfFormat.N_QUADS)
        self.writer = subprocess.Popen([sys.executable, "-m", "lineage.store_writer", str(self.dump), str(self.target)],
                                       stderr=subprocess.PIPE)

    def wait(self) -> Path:
        """The store, once written with its fingerprint."""
        _, errors = self.writer.communicate()
        self.dump.unlink(missing_ok=True)
        if self.writer.returncode != 0:
            raise LineageError(f"writing the store failed / ghi kho thất bại: {errors.decode(errors='replace')[-500:]}")
        write_fingerprint(self.graph, self.build_dir, self.digests)
        return self.target

    def cancel(self) -> None:
        """Stop the writer (the build failed: its folder is about to go)."""
        if self.writer.poll() is None:
            self.writer.kill()
            self.writer.wait()
        self.dump.unlink(missing_ok=True)


def update(previous: Path, graph: LoadedGraph, graphs: Iterable[str], build_dir: Path,
           digests: Digests | None = None) -> Path:
    """Copy the store of the build in ``previous`` into ``build_dir`` and replace ``graphs`` by ``graph``'s.

    The copy is a RocksDB checkpoint (hard links where it can), so only the
    changed graphs cost time; the previous build is left as it was.
    """
    target = build_dir / STORE_DIR
    ox.Store.read_only(str(previous / STORE_DIR)).backup(str(target))
    disk = ox.Store(str(target))
    for name in graphs:
        node = ox.NamedNode(name)
        if disk.contains_named_graph(node):
            disk.remove_graph(node)
        disk.bulk_extend(graph.store.quads_for_pattern(None, None, None, node))
    disk.flush()
    del disk
    write_fingerprint(graph, build_dir, digests)
    return target


def write_fingerprint(graph: LoadedGraph, build_dir: Path, digests: Digests | None = None) -> None:
    """Record which inputs the store in ``build_dir`` holds, so that later commands know whether it is current."""
    meta = {"fingerprint": fingerprint(graph.files, graph.config, digests), "data_dir": str(graph.config.data_dir)}
    write_text(build_dir / FINGERPRINT_FILE, json.dumps(meta, indent=2))


def _open_built(config: Config, files: tuple[SourceFile, ...]) -> LoadedGraph | None:
    meta_path = config.build_dir / FINGERPRINT_FILE
    store_path = config.build_dir / STORE_DIR
    if not (meta_path.is_file() and store_path.is_dir()):
        return None
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("fingerprint") != fingerprint(files, config):
            return None
        return LoadedGraph(ox.Store.read_only(str(store_path)), files, config, from_disk=True)
    except (OSError, ValueError):
        return None
