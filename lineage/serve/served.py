"""The graph the endpoint answers from in its own process: the store opened read-only, its directive view and REF index.

Named-query parameters are resolved and traces are looked up here; SPARQL runs in the workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from lineage.config import Config
from lineage.graphview import directive_graph
from lineage.refs import RefIndex, ref_index
from lineage.store import LoadedGraph


@dataclass(frozen=True)
class ServedGraph:
    """The served store, the networkx directive view over it and REF lookup."""

    graph: LoadedGraph
    view: nx.MultiDiGraph
    refs: RefIndex

    @classmethod
    def open(cls, config: Config, store: Path) -> ServedGraph:
        """Open ``store`` read-only and build the view and the REF index (once, at start)."""
        graph = LoadedGraph(ox.Store.read_only(str(store)), (), config, from_disk=True)
        view = directive_graph(graph)
        return cls(graph, view, ref_index(graph))
