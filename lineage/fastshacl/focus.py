"""Focus nodes as SPARQL: a shape's targets, or the value nodes of the shape that uses it.

A focus is written as a subquery projecting one variable, always DISTINCT (the
union of the named graphs repeats a triple stated in several graphs), so that a
check can join it with its own pattern and return every violating focus node in
one query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS

from lineage.fastshacl.errors import ShapeError, unsupported
from lineage.fastshacl.model import SparqlText, Targets
from lineage.fastshacl.paths import Path, to_sparql
from lineage.fastshacl.runner import Runner, Term
from lineage.fastshacl.sparqltext import split_select
from lineage.validate.terms import to_oxigraph

_MARK = "?_F_"
_PROJECTS_THIS = re.compile(r"\s*(?:(?:DISTINCT|REDUCED)\s+)?(?:[?$]\w+\s+)*[?$]this(?:\s+[?$]\w+)*\s*",
                            re.IGNORECASE)
"""A projection of plain variables, ``?this`` among them."""


@dataclass(frozen=True)
class Focus:
    """Focus nodes: ``select(var)`` is a subquery binding ``?var`` to each of them once."""

    key: str
    prefixes: tuple[tuple[str, str], ...]

    def select(self, var: str) -> str:
        raise NotImplementedError

    def prologue(self) -> str:
        """PREFIX lines the embedded SPARQL targets need."""
        return "".join(f"PREFIX {name}: <{namespace}>\n" for name, namespace in self.prefixes)

    def nodes(self, runner: Runner, label: str) -> list[Term]:
        """The focus nodes themselves."""
        rows = runner.select(f"{self.prologue()}SELECT ?this WHERE {{ {self.select('this')} }}", label)
        return [row[0] for row in rows if row[0] is not None]


@dataclass(frozen=True)
class TargetFocus(Focus):
    """The nodes a shape's target declarations select."""

    branches: tuple[str, ...]
    sparql: tuple[str, ...]
    only: str | None = None
    """The SPARQL terms the focus is limited to (``None``: no limit), as VALUES lists them."""

    def select(self, var: str) -> str:
        parts = [branch.replace(_MARK, f"?{var}") for branch in self.branches]
        for text in self.sparql:
            if self.only is not None:
                text = limited(text, self.only)
            parts.append(f"{{ {text} }}" if var == "this" else f"{{ {{ {text} }} BIND(?this AS ?{var}) }}")
        limit = "" if self.only is None else f"VALUES ?{var} {{ {self.only} }} "
        return f"{{ SELECT DISTINCT ?{var} WHERE {{ {limit}{' UNION '.join(parts)} }} }}"


@dataclass(frozen=True)
class ValueFocus(Focus):
    """The value nodes reached by ``path`` from the focus nodes of ``parent``."""

    parent: Focus
    path: Path
    depth: int

    def select(self, var: str) -> str:
        inner = f"_f{self.depth}"
        return (f"{{ SELECT DISTINCT ?{var} WHERE {{ {self.parent.select(inner)} "
                f"?{inner} {to_sparql(self.path)} ?{var} . }} }}")


def target_focus(targets: Targets, runner: Runner, label: str, only: str | None = None) -> TargetFocus:
    """The focus of ``targets``, limited to the terms ``only`` lists when given (SPARQL, space-separated);
    classes include their subclasses in the data (``rdfs:subClassOf*``)."""
    branches: list[str] = []
    for cls in targets.classes:
        classes = subclasses(runner, str(cls), label)
        branches += [f"{{ {_MARK} <{RDF.type}> <{c}> }}" for c in classes]
    if targets.nodes:
        values = " ".join(str(to_oxigraph(node)) for node in targets.nodes)
        branches.append(f"{{ VALUES {_MARK} {{ {values} }} }}")
    branches += [f"{{ {_MARK} <{p}> ?_o }}" for p in targets.subjects_of]
    branches += [f"{{ ?_s <{p}> {_MARK} }}" for p in targets.objects_of]
    prefixes: dict[str, str] = {}
    selects = []
    for sparql in targets.sparql:
        selects.append(_embeddable(sparql, prefixes, label))
    key = "targets:" + "|".join(branches + selects) + ("" if only is None else f" limited to {only}")
    return TargetFocus(key, tuple(sorted(prefixes.items())), tuple(branches), tuple(selects), only)


def value_focus(parent: Focus, path: Path | None) -> Focus:
    """The value nodes of a shape whose focus is ``parent``: the focus itself for a node shape."""
    if path is None:
        return parent
    depth = parent.depth + 1 if isinstance(parent, ValueFocus) else 1
    return ValueFocus(f"{parent.key} / {to_sparql(path)}", parent.prefixes, parent, path, depth)


def subclasses(runner: Runner, cls: str, label: str) -> list[str]:
    """``cls`` and every class below it by ``rdfs:subClassOf*`` in the data, sorted."""
    rows = runner.select(f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* <{cls}> }}", label)
    found = {row[0].value for row in rows if isinstance(row[0], ox.NamedNode)}
    found.add(cls)
    return sorted(found)


def limited(select: str, only: str) -> str:
    """A SPARQL target's SELECT with ``VALUES ?this { only }`` at the head of its WHERE group, where that
    gives the rows that joining its answer with the VALUES gives: it projects ``?this`` itself and has no
    solution modifier. Oxigraph then starts from those nodes instead of answering the whole target first.

    >>> limited("SELECT ?this WHERE { ?this a <urn:C> }", "<urn:x>")
    'SELECT ?this WHERE { VALUES ?this { <urn:x> } ?this a <urn:C> }'
    >>> limited("SELECT ?this WHERE { ?this a <urn:C> } LIMIT 5", "<urn:x>")
    'SELECT ?this WHERE { ?this a <urn:C> } LIMIT 5'
    """
    try:
        parts = split_select(select)
    except ValueError:
        return select
    projection = parts.masked[parts.projection_start : parts.projection_end]
    if parts.tail.strip() or not _PROJECTS_THIS.fullmatch(projection):
        return select
    return f"{select[: parts.body_open + 1]} VALUES ?this {{ {only} }}{select[parts.body_open + 1 :]}"


def _embeddable(sparql: SparqlText, prefixes: dict[str, str], label: str) -> str:
    """The SELECT of a SPARQL target without its prologue; its prefixes go to ``prefixes``."""
    try:
        parts = split_select(sparql.select)
    except ValueError as err:
        raise ShapeError(label, f"its SPARQL target cannot be read: {err}", f"không đọc được đích SPARQL: {err}",
                         "write the target as one SELECT ?this WHERE { … }",
                         "viết đích là một SELECT ?this WHERE { … }") from None
    if parts.prologue.strip():
        raise unsupported(label, "PREFIX inside a SPARQL target (declare prefixes with sh:prefixes)")
    for name, namespace in sparql.prefixes:
        if prefixes.setdefault(name, namespace) != namespace:
            raise unsupported(label, f"the prefix {name}: declared with two namespaces")
    return sparql.select[parts.prologue_end :]
