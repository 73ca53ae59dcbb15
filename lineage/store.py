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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset

from lineage.config import Config
from lineage.errors import InputError
from lineage.namespaces import PREFIXES

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


def fingerprint(files: Iterable[SourceFile], config: Config) -> str:
    """A digest of the inputs' names, graphs and bytes, and of the IRI base."""
    digest = hashlib.sha256(config.base_iri.encode())
    for file in files:
        digest.update(file.graph.encode())
        digest.update(hashlib.sha256(file.path.read_bytes()).digest())
    return digest.hexdigest()


def load_files(files: Iterable[SourceFile], store: ox.Store) -> None:
    """Parse each file into its graph; a syntax error names the file and line."""
    for file in files:
        try:
            store.load(path=str(file.path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(file.graph))
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


def load(config: Config, *, prefer_disk: bool = True) -> LoadedGraph:
    """The graph of ``config``: the built store when up to date, else a fresh in-memory load."""
    files = tuple(input_files(config))
    if not files:
        raise InputError(config.data_dir, None, "no Turtle files found", "point --data at a folder with .ttl files")
    if prefer_disk:
        cached = _open_built(config, files)
        if cached is not None:
            return cached
    store = ox.Store()
    load_files(files, store)
    return LoadedGraph(store, files, config)


def save(graph: LoadedGraph, build_dir: Path) -> Path:
    """Write the store and its fingerprint into ``build_dir`` (the caller moves it into place)."""
    target = build_dir / STORE_DIR
    disk = ox.Store(str(target))
    disk.bulk_extend(graph.store.quads_for_pattern(None, None, None, None))
    disk.flush()
    disk.optimize()
    del disk
    meta = {"fingerprint": fingerprint(graph.files, graph.config), "data_dir": str(graph.config.data_dir)}
    (build_dir / FINGERPRINT_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return target


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
