"""Read the shapes: every ``shapes/*.ttl`` file into one graph, each shape traced to its file and line.

A Turtle error names the file and line. :func:`check_shapes` checks the graph
against SHACL-SHACL (``shapes/meta/shacl-shacl.ttl``) and checks that every
SPARQL query in it parses; a fault names the file and line of the shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Identifier

from lineage.config import PROJECT_ROOT
from lineage.errors import InputError
from lineage.validate.engine import flatten
from lineage.validate.results import Bilingual, Severity
from lineage.validate.terms import add_triples

if TYPE_CHECKING:
    from lineage.fastshacl.reader import ShapesIndex

SHACL_SHACL = PROJECT_ROOT / "shapes" / "meta" / "shacl-shacl.ttl"
"""The W3C SHACL-SHACL shapes graph, kept in the repository so the check runs offline."""

_QUERIES = (SH.select, SH.ask)


@dataclass(frozen=True)
class ShapeInfo:
    """What a report says about a shape: its names, its message templates, its severity and where it is written."""

    iri: str
    name: Bilingual | None
    message: Bilingual | None
    severity: Severity
    file: Path | None
    line: int | None


@dataclass
class Shapes:
    """The shapes graph and the files it was read from."""

    graph: Graph
    files: tuple[Path, ...]
    subjects: dict[Identifier, Path]

    @cached_property
    def flat(self) -> Graph:
        """The graph pySHACL runs: property shapes carry their node shape's targets (see :func:`flatten`)."""
        return flatten(self.graph)

    @cached_property
    def index(self) -> ShapesIndex:
        """The shapes as the fast engine reads them (:func:`lineage.fastshacl.reader.read_shapes`)."""
        from lineage.fastshacl.reader import read_shapes  # imported on use: it pulls in the fast engine

        return read_shapes(self.graph)

    def where(self, node: Identifier) -> tuple[Path | None, int | None]:
        """The file and line that describe ``node`` (a blank node is found through the shape that holds it)."""
        named = self._named_ancestor(node)
        if named is None:
            return None, None
        path = self.subjects.get(named)
        return path, (_line_of(path, named) if path else None)

    @cached_property
    def info(self) -> dict[str, ShapeInfo]:
        """Every shape with a name, message or severity, by IRI."""
        found: dict[str, ShapeInfo] = {}
        for node in set(self.graph.subjects(SH.severity, None)) | set(self.graph.subjects(SH.message, None)):
            if not isinstance(node, URIRef):
                continue
            path, line = self.where(node)
            severity = self.graph.value(node, SH.severity)
            found[str(node)] = ShapeInfo(
                iri=str(node),
                name=_bilingual(self.graph.objects(node, SH.name)),
                message=_bilingual(self.graph.objects(node, SH.message)),
                severity=Severity.from_iri(str(severity)) if severity else Severity.VIOLATION,
                file=path,
                line=line,
            )
        return found

    def _named_ancestor(self, node: Identifier) -> Identifier | None:
        seen: set[Identifier] = set()
        while isinstance(node, BNode) and node not in seen:
            seen.add(node)
            holders = list(self.graph.subjects(None, node))
            if not holders:
                return None
            node = holders[0]
        return node if node in self.subjects else None


def load_shapes(shapes_dir: Path) -> Shapes:
    """Parse every ``*.ttl`` file directly in ``shapes_dir`` (not its subfolders) into one graph."""
    files = tuple(sorted(shapes_dir.glob("*.ttl"))) if shapes_dir.is_dir() else ()
    if not files:
        raise InputError(shapes_dir, None, "no shapes (*.ttl) found", "point --shapes at the folder holding the SHACL shapes")
    graph = Graph()
    subjects: dict[Identifier, Path] = {}
    for path in files:
        part = _parse(path)
        for subject in part.subjects():
            if isinstance(subject, URIRef):
                subjects.setdefault(subject, path)
        graph += part
    return Shapes(graph, files, subjects)


def check_shapes(shapes: Shapes) -> None:
    """Raise :class:`InputError` at the first shape that SHACL-SHACL rejects or whose SPARQL does not parse."""
    _check_sparql(shapes)
    meta = _parse(SHACL_SHACL)
    conforms, report, _ = pyshacl_validate(shapes.graph, shacl_graph=flatten(meta), inference="none")
    if conforms:
        return
    faults = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path, line = shapes.where(report.value(result, SH.focusNode))
        messages = "; ".join(sorted(str(m) for m in report.objects(result, SH.resultMessage)))
        faults.append((str(path or shapes.files[0]), line or 0, messages))
    file, line, messages = min(faults)
    raise InputError(
        Path(file),
        line or None,
        f"the shapes are not well-formed SHACL: {messages}",
        "correct the shape at that line (see https://www.w3.org/TR/shacl/ for each parameter's allowed values)",
    )


def _check_sparql(shapes: Shapes) -> None:
    prefixes = "".join(
        f"PREFIX {p}: <{n}>\n"
        for d in shapes.graph.objects(None, SH.declare)
        for p, n in [(shapes.graph.value(d, SH.prefix), shapes.graph.value(d, SH.namespace))]
    )
    empty = ox.Store()
    for holder, prop, text in shapes.graph.triples((None, None, None)):
        if prop not in _QUERIES:
            continue
        try:
            empty.query(prefixes + str(text))
        except SyntaxError as error:
            path, line = shapes.where(holder)
            raise InputError(
                path or shapes.files[0],
                line,
                f"the SPARQL of this shape does not parse: {error}",
                "correct the query (prefixes come from sh:declare in shapes/shapes.ttl)",
            ) from None


def _parse(path: Path) -> Graph:
    try:
        triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        return add_triples(Graph(), triples)
    except SyntaxError as error:
        raise InputError(
            path, error.lineno, f"Turtle syntax error: {error.msg}",
            "correct the Turtle at that line (a missing '.', ';' or quote is the usual cause)",
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, None, f"cannot read the file: {error}", "make it a UTF-8 Turtle file") from None


def _line_of(path: Path, node: Identifier) -> int | None:
    """The first line where ``node`` starts a statement, written as a prefixed name or a full IRI."""
    iri = str(node)
    local = re.split(r"[#/]", iri)[-1]
    pattern = re.compile(rf"^\s*(<{re.escape(iri)}>|[\w-]*:{re.escape(local)})(\s|$)")
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.match(text):
            return number
    return None


def _bilingual(literals: Iterable[Identifier]) -> Bilingual | None:
    texts = {lit.language: str(lit) for lit in literals if isinstance(lit, Literal)}
    if not texts:
        return None
    fallback = texts.get("en") or next(iter(texts.values()))
    return Bilingual(vi=texts.get("vi") or fallback, en=fallback)
