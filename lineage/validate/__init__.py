"""Validate the graph against the SHACL shapes of ``shapes/``.

>>> # report = validate(load(config), config.shapes_dir); report.conforms
>>> # write_reports(report, Path("build"))  # {'validation / kiểm tra:': 'build/validation/report.txt', …}

Two engines give the same results (``tests/test_fastshacl.py`` holds them to it):
``fast`` (the default) compiles the shapes to SPARQL and runs them on Oxigraph
(:mod:`lineage.fastshacl`), ``pyshacl`` runs the reference implementation. At
national size the first takes seconds where the second takes minutes.

Conformance means no Violation: Warnings (what the source documents get wrong)
and Info results (known gaps of the sources) are reported without breaking it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rdflib import Graph

from lineage.atomic import write_text
from lineage.errors import LineageError
from lineage.store import LoadedGraph
from lineage.validate.engine import DataGraph, run
from lineage.validate.locate import locate
from lineage.validate.render import as_json, human, turtle
from lineage.validate.results import ALL_FOCUS_NODES, Severity, ValidationReport, ValidationResult, read_results
from lineage.validate.shapes import Shapes, check_shapes, load_shapes

if TYPE_CHECKING:
    from lineage.changes import GraphChange
    from lineage.validate.incremental import Revalidation
    from lineage.validate.state import State

REPORT_DIR = "validation"

Engine = Literal["fast", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("fast", "pyshacl")

__all__ = ["ENGINES", "Engine", "Severity", "ValidationReport", "ValidationResult", "validate", "write_reports"]


def validate(graph: LoadedGraph, shapes_dir: Path, *, engine: Engine = "fast",
             check_shapes_first: bool = False, since: tuple[GraphChange, Path] | None = None) -> ValidationReport:
    """Validate ``graph`` against every ``*.ttl`` in ``shapes_dir`` with ``engine``; results are located for people.

    With ``check_shapes_first`` the shapes are checked against SHACL-SHACL before use;
    otherwise that check runs only when the engine cannot use them, to name the file and line.
    ``since`` — a change and the state file the previous build's validation left with
    the same shapes (``state.json``, :mod:`lineage.validate.state`) —
    validates again only the focus nodes the change can affect (fast engine).
    """
    shapes = load_shapes(shapes_dir)
    if check_shapes_first:
        check_shapes(shapes)
    try:
        again = _again(graph, shapes, since) if since is not None and engine == "fast" else None
        if again is not None:
            conforms, report_graph, state, scope = again.conforms, again.report, again.state, again.describe()
        else:
            (conforms, report_graph, state), scope = _run(engine, graph, shapes), ALL_FOCUS_NODES
    except LineageError:
        check_shapes(shapes)  # raises with the file and line of the faulty shape when it can find one
        raise
    info = shapes.info
    templates = {iri: shape.message for iri, shape in info.items() if shape.message}
    results = locate(graph, read_results(report_graph, templates))
    names = {iri: shape.name for iri, shape in info.items() if shape.name}
    return ValidationReport(conforms, tuple(results), report_graph, names, scope=scope, state=state)


def _again(graph: LoadedGraph, shapes: Shapes, since: tuple[GraphChange, Path]) -> Revalidation | None:
    from lineage.validate.incremental import revalidate  # imported on use: it pulls in the fast engine

    return revalidate(graph, shapes.graph, shapes.index, *since)


def _run(engine: Engine, graph: LoadedGraph, shapes: Shapes) -> tuple[bool, Graph, State | None]:
    """(conforms, a sh:ValidationReport graph, the state a later build reuses) from ``engine``."""
    if engine == "pyshacl":
        return (*run(DataGraph(graph.store), shapes.flat), None)
    from lineage.fastshacl import validate_fast  # imported on use: it pulls in the SPARQL compiler
    from lineage.validate.state import State

    index = shapes.index
    report = validate_fast(graph, shapes.graph, index=index)
    return report.conforms, report.report_graph(), State(report.results, index)


def write_reports(report: ValidationReport, out_dir: Path) -> dict[str, str]:
    """Write the report as text, Turtle and JSON into ``out_dir/validation/``; returns {label: path}.

    A report of the fast engine also leaves ``state.json`` there, for the next build to validate only what changed.
    """
    folder = out_dir / REPORT_DIR
    written = {
        "validation / kiểm tra:": (folder / "report.txt", human(report)),
        "validation ttl / kiểm tra:": (folder / "report.ttl", turtle(report)),
        "validation json / kiểm tra:": (folder / "report.json", json.dumps(as_json(report), ensure_ascii=False, indent=2) + "\n"),
    }
    for path, text in written.values():
        write_text(path, text)
    if report.state is not None:
        from lineage.validate.state import write_state  # imported on use: it pulls in the fast engine

        write_state(report.state, folder)  # not listed: what the next build reads, not a report for people
    return {label: str(path) for label, (path, _) in written.items()}
