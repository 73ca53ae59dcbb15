"""SHACL property paths: read from a shapes graph, written as SPARQL and as RDF.

>>> from rdflib import Graph, URIRef
>>> g = Graph().parse(data='''
...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
...     ex:s sh:path ( [ sh:oneOrMorePath ex:partOf ] [ sh:inversePath ex:type ] ) .''', format="turtle")
>>> path = read_path(g, g.value(URIRef("http://example.org/s"), URIRef("http://www.w3.org/ns/shacl#path")))
>>> to_sparql(path)
'((<http://example.org/partOf>)+/^(<http://example.org/type>))'
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Identifier


@dataclass(frozen=True)
class PredicatePath:
    """One predicate, followed forwards."""

    iri: URIRef


@dataclass(frozen=True)
class InversePath:
    """A path followed backwards (``sh:inversePath``)."""

    path: Path


@dataclass(frozen=True)
class SequencePath:
    """Paths followed one after the other (an RDF list)."""

    steps: tuple[Path, ...]


@dataclass(frozen=True)
class AlternativePath:
    """Any one of several paths (``sh:alternativePath``)."""

    options: tuple[Path, ...]


@dataclass(frozen=True)
class RepeatPath:
    """A path repeated: ``*`` (zero or more), ``+`` (one or more) or ``?`` (zero or one)."""

    path: Path
    repeat: str


Path = PredicatePath | InversePath | SequencePath | AlternativePath | RepeatPath

_REPEATS = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}
_REPEAT_PREDICATES = {mark: predicate for predicate, mark in _REPEATS.items()}


class PathError(ValueError):
    """A path node that is not a well-formed SHACL path."""


def read_path(graph: Graph, node: Identifier | None, _depth: int = 0) -> Path:
    """The path described at ``node`` of ``graph``; :class:`PathError` when it is malformed."""
    if _depth > 32:
        raise PathError("the path nests too deeply (a cycle in its blank nodes?)")
    if isinstance(node, URIRef):
        return PredicatePath(node)
    if not isinstance(node, BNode):
        raise PathError(f"a path is an IRI or a blank node, not {node!r}")
    if graph.value(node, RDF.first) is not None:
        steps = tuple(read_path(graph, item, _depth + 1) for item in Collection(graph, node))
        if len(steps) < 2:
            raise PathError("a sequence path lists at least two paths")
        return SequencePath(steps)
    found = [(p, o) for p, o in graph.predicate_objects(node) if p != RDF.type]
    if len(found) != 1:
        raise PathError(f"a path blank node has exactly one of sh:inversePath, sh:alternativePath, "
                        f"sh:zeroOrMorePath, sh:oneOrMorePath, sh:zeroOrOnePath; found {[str(p) for p, _ in found]}")
    predicate, value = found[0]
    if predicate == SH.inversePath:
        return InversePath(read_path(graph, value, _depth + 1))
    if predicate == SH.alternativePath:
        options = tuple(read_path(graph, item, _depth + 1) for item in Collection(graph, value))
        if len(options) < 2:
            raise PathError("an alternative path lists at least two paths")
        return AlternativePath(options)
    if predicate in _REPEATS:
        return RepeatPath(read_path(graph, value, _depth + 1), _REPEATS[predicate])
    raise PathError(f"{predicate} is not a SHACL path predicate")


def to_sparql(path: Path) -> str:
    """The SPARQL 1.1 property path of ``path``, with full IRIs."""
    if isinstance(path, PredicatePath):
        return f"<{path.iri}>"
    if isinstance(path, InversePath):
        return f"^({to_sparql(path.path)})"
    if isinstance(path, SequencePath):
        return "(" + "/".join(to_sparql(step) for step in path.steps) + ")"
    if isinstance(path, AlternativePath):
        return "(" + "|".join(to_sparql(option) for option in path.options) + ")"
    return f"({to_sparql(path.path)}){path.repeat}"


def to_rdf(path: Path, graph: Graph) -> Identifier:
    """Write ``path`` into ``graph`` (fresh blank nodes) and return its node."""
    if isinstance(path, PredicatePath):
        return path.iri
    node = BNode()
    if isinstance(path, SequencePath):
        Collection(graph, node, [to_rdf(step, graph) for step in path.steps])
    elif isinstance(path, InversePath):
        graph.add((node, SH.inversePath, to_rdf(path.path, graph)))
    elif isinstance(path, AlternativePath):
        items = BNode()
        Collection(graph, items, [to_rdf(option, graph) for option in path.options])
        graph.add((node, SH.alternativePath, items))
    else:
        graph.add((node, _REPEAT_PREDICATES[path.repeat], to_rdf(path.path, graph)))
    return node


def exists_pattern(subject: str, path: Path, obj: str, prefix: str = "_s") -> str:
    """A group pattern holding when ``obj`` is reached from the bound ``subject`` by ``path``.

    Oxigraph plans the inside of ``FILTER [NOT] EXISTS`` as if nothing were bound,
    so a sequence path there may be walked from its far end, or a ``*`` step over
    the whole graph. Each step of a sequence gets its own nested ``FILTER EXISTS``,
    which Oxigraph evaluates with the previous step's node bound; a constant at
    the far end is compared after the walk, not walked from.
    """
    if isinstance(path, SequencePath):
        var = f"?{prefix}{len(path.steps)}"
        rest = path.steps[1:]
        inner = exists_pattern(var, rest[0] if len(rest) == 1 else SequencePath(rest), obj, prefix)
        return f"{subject} {to_sparql(path.steps[0])} {var} . FILTER EXISTS {{ {inner} }}"
    if obj.startswith("?") or isinstance(path, PredicatePath):
        return f"{subject} {to_sparql(path)} {obj} ."
    end = f"?{prefix}0"
    return f"{subject} {to_sparql(path)} {end} . FILTER(sameTerm({end}, {obj}))"


def has_repeat(path: Path) -> bool:
    """Whether the path repeats a step (``*``, ``+`` or ``?``)."""
    if isinstance(path, RepeatPath):
        return True
    if isinstance(path, InversePath):
        return has_repeat(path.path)
    if isinstance(path, PredicatePath):
        return False
    parts = path.steps if isinstance(path, SequencePath) else path.options
    return any(has_repeat(part) for part in parts)


def split_first(path: Path) -> tuple[Path, Path] | None:
    """``(first step, the rest)`` of a path whose rest repeats, for walking the rest once per distinct first node.

    ``p+`` splits into ``p`` and ``p*``; ``(p+ / q)`` into ``p`` and ``(p* / q)``.
    None when the first step repeats itself or nothing after it does.
    """
    if isinstance(path, RepeatPath) and path.repeat == "+" and not has_repeat(path.path):
        return path.path, RepeatPath(path.path, "*")
    if not isinstance(path, SequencePath):
        return None
    first, rest = path.steps[0], list(path.steps[1:])
    if isinstance(first, RepeatPath) and first.repeat == "+" and not has_repeat(first.path):
        first, rest = first.path, [RepeatPath(first.path, "*"), *rest]
    if has_repeat(first) or not any(has_repeat(step) for step in rest):
        return None
    return first, rest[0] if len(rest) == 1 else SequencePath(tuple(rest))


def chain_pattern(subject: str, path: Path, obj: str, prefix: str = "_c") -> str:
    """Triple patterns from ``subject`` to ``obj``, one per step of a sequence, for use in a join.

    A constant ``obj`` is compared after the walk (``FILTER(sameTerm(…))``):
    given a constant, Oxigraph walks a repeated path backwards from it.
    """
    steps = path.steps if isinstance(path, SequencePath) else (path,)
    end = obj if obj.startswith("?") else f"?{prefix}0"
    nodes = [subject, *(f"?{prefix}{i}" for i in range(1, len(steps))), end]
    text = " ".join(f"{nodes[i]} {to_sparql(step)} {nodes[i + 1]} ." for i, step in enumerate(steps))
    return text if end == obj else f"{text} FILTER(sameTerm({end}, {obj}))"
