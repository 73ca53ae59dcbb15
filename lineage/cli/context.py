"""What every command shares: the ``--data`` option, the loaded graph, the directive view and REF lookup."""

from __future__ import annotations

import argparse
import sys
from functools import cached_property
from pathlib import Path

import networkx as nx

from lineage.config import Config
from lineage.graphview import directive_graph
from lineage.refs import RefIndex, ref_index
from lineage.store import LoadedGraph, load


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """``--data DIR``: read another data folder than the project's ``data/``."""
    parser.add_argument("--data", type=Path, metavar="DIR", help="data folder to read (default: the project's data/)")
    parser.add_argument("--build-dir", type=Path, metavar="DIR", help=argparse.SUPPRESS)


def add_format_option(parser: argparse.ArgumentParser, choices: tuple[str, ...], default: str) -> None:
    """``--format``, with the choices a command offers."""
    parser.add_argument("--format", choices=choices, default=default, help=f"output format (default: {default})")


class Session:
    """The graph a command works on, loaded once and shared by its steps."""

    def __init__(self, args: argparse.Namespace) -> None:
        config = Config.default().with_data(getattr(args, "data", None))
        self.config = config.with_build(getattr(args, "build_dir", None))

    @cached_property
    def graph(self) -> LoadedGraph:
        """The built store when up to date with the data, else a fresh load from Turtle."""
        return load(self.config)

    @cached_property
    def view(self) -> nx.MultiDiGraph:
        """The networkx directive graph."""
        return directive_graph(self.graph)

    @cached_property
    def refs(self) -> RefIndex:
        """REF lookup over the graph."""
        return ref_index(self.graph)

    def resolve(self, ref: str) -> str:
        """The IRI of REF, or a :class:`lineage.errors.RefError`."""
        return self.refs.resolve(ref)


def say(message: str) -> None:
    """A message for people: always stderr, so stdout stays one document."""
    print(message, file=sys.stderr)
