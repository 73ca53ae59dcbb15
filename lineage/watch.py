"""``lineage build --watch``: build, then build again whenever an input changes, with the graph kept in memory.

A second build in a new process parses every Turtle file again (seconds at
national size) before it can compare anything. A resident process keeps the
loaded store instead: when files change it replaces only their named graphs
(:class:`ResidentGraph`), then builds as ``lineage build`` does — incremental
when only data changed, full otherwise — from that store. A build that fails
(a syntax error, say) is reported and the watch goes on; the next change
builds again.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from lineage import store
from lineage.build import BuildSummary, Progress, run_build
from lineage.config import Config
from lineage.errors import LineageError

Stamp = dict[Path, tuple[int, int]]
"""Path → (size, modification time in ns) of every file a build reads."""


@dataclass
class ResidentGraph:
    """The inputs' graph, kept loaded: each file's named graph and the digest of the bytes it was parsed from."""

    config: Config
    store: ox.Store = field(default_factory=ox.Store)
    digests: dict[str, str] = field(default_factory=dict)
    stamps: Stamp = field(default_factory=dict)
    """The :func:`stamp` of the files when their :attr:`digests` were taken."""

    def refresh(self, stamps: Stamp | None = None) -> store.LoadedGraph:
        """The graph of the inputs as they are now: changed files parsed again into their graphs, gone ones dropped.

        ``stamps`` (:func:`stamp`, taken just now) spare hashing again the files whose size and time are those
        hashed last. On bad input the error names the file and line, and the resident graph is emptied so that
        the next refresh parses everything again.
        """
        files = store.required_input_files(self.config)
        stamps = stamps or {}
        now = {f.graph: self.digests[f.graph] if f.graph in self.digests and f.path in stamps
               and self.stamps.get(f.path) == stamps[f.path] else store.file_digest(f.path) for f in files}
        stale = [f for f in files if self.digests.get(f.graph) != now[f.graph]]
        try:
            for graph in set(self.digests) - set(now):
                self.store.remove_graph(ox.NamedNode(graph))
            for file in stale:
                node = ox.NamedNode(file.graph)
                if self.store.contains_named_graph(node):
                    self.store.remove_graph(node)
            store.load_files(stale, self.store)
        except BaseException:
            self.store, self.digests, self.stamps = ox.Store(), {}, {}
            raise
        self.digests, self.stamps = now, stamps
        return store.LoadedGraph(self.store, files, self.config)  # a new object: nothing derived carries over


def stamp(config: Config) -> Stamp:
    """The size and modification time of every input, shape, query and ontology file."""
    found: Stamp = {}
    for folder in (config.data_dir, config.ontology_dir, config.shapes_dir, config.queries_dir):
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.suffix in (".ttl", ".rq"):
                    status = path.stat()
                    found[path] = (status.st_size, status.st_mtime_ns)
    return found


def watch(config: Config, progress: Progress, report: Callable[[BuildSummary], None], *, site: bool = True,
          interval: float = 1.0, builds: int | None = None,
          after_build: Callable[[], None] | None = None) -> None:
    """Build now and again after every change to the inputs (polled every ``interval`` seconds).

    ``report`` receives each build's summary. ``builds`` stops the watch after that
    many builds (tried, failed ones included); ``after_build`` runs after each.
    """
    resident = ResidentGraph(config)
    seen: Stamp | None = None
    done = 0
    while builds is None or done < builds:
        current = stamp(config)
        if current == seen:
            time.sleep(interval)
            continue
        seen = current
        start = time.perf_counter()
        try:
            graph = resident.refresh(current)
            report(run_build(config, progress, site=site, loaded=graph, digests=resident.digests))
        except LineageError as error:
            progress(f"lineage: {error}")
            progress("the previous build is kept; fix the input and save / bản dựng trước được giữ nguyên")
        done += 1
        gc.collect()  # a build leaves cycles (graphs and what is memoised on them): free them while idle
        progress(f"watching / đang theo dõi ({time.perf_counter() - start:.1f} s): "
                 "save a file to build again, Ctrl-C to stop / lưu tệp để dựng lại, Ctrl-C để dừng")
        if after_build is not None:
            after_build()
