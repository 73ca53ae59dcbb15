"""How far a shape's checks read from their focus nodes, and which focus nodes a change of triples can affect.

A result about focus node X depends only on the triples X's checks read: X's
own, and those of the nodes its paths reach — forward along a predicate
(X → Y reads Y's triples), backward along an inverse path or a SPARQL join —
at most :attr:`Reach.hops` steps away, any number of steps along a repeated
path (``+``, ``*``). :func:`read_reach` works this out for each targeted shape;
:func:`affected_focus` walks the same steps backwards from the triples that
came or went, and gives every node whose results for that shape may differ.
Validating those nodes again, and keeping the previous results of all others,
gives the results a full validation gives.

A shape this analysis cannot bound — a SPARQL pattern not joined to ``$this``,
a negated path, shapes that refer to each other in a cycle — gets no
:class:`Reach`: all its focus nodes are validated again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef, Variable
from rdflib.paths import AlternativePath as RdfAlternative
from rdflib.paths import InvPath, MulPath
from rdflib.paths import SequencePath as RdfSequence
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Identifier

from lineage.fastshacl import model as m
from lineage.fastshacl.paths import AlternativePath, InversePath, Path, PredicatePath, RepeatPath, SequencePath
from lineage.fastshacl.reader import ShapesIndex, read_shapes

Term = ox.NamedNode | ox.BlankNode | ox.Literal
ANY = "*"
"""Stands for every predicate, when a SPARQL pattern's predicate is a variable."""


class Unbounded(Exception):
    """A shape reads further than can be bounded: a change may affect any of its focus nodes."""


@dataclass
class Reach:
    """The predicates a shape's checks follow forwards and backwards, those they repeat, and how many steps."""

    hops: int = 0
    forward: set[str] = field(default_factory=set)
    backward: set[str] = field(default_factory=set)
    repeated_forward: set[str] = field(default_factory=set)
    repeated_backward: set[str] = field(default_factory=set)

    def key(self) -> tuple:
        """Equal for shapes that read alike (their affected nodes are the same)."""
        return (self.hops, *(frozenset(s) for s in (self.forward, self.backward,
                                                   self.repeated_forward, self.repeated_backward)))

    def follows(self, predicate: str, *, backward: bool) -> bool:
        names = self.backward if backward else self.forward
        return predicate in names or ANY in names

    def repeats(self, predicate: str, *, backward: bool) -> bool:
        names = self.repeated_backward if backward else self.repeated_forward
        return predicate in names or ANY in names


def read_reach(shapes: Graph | ShapesIndex) -> dict[Identifier, Reach | None]:
    """Each targeted shape's :class:`Reach` (``None`` for a shape whose reach cannot be bounded)."""
    index = shapes if isinstance(shapes, ShapesIndex) else read_shapes(shapes)
    found: dict[Identifier, Reach | None] = {}
    for shape in index.targeted:
        reach = Reach()
        try:
            reach.hops = _depth(index.shapes, shape, reach, ())
            reach.backward.update(str(p) for p in shape.targets.objects_of)
            for target in shape.targets.sparql:
                reach.hops = max(reach.hops, _sparql(target, reach))
        except Unbounded:
            found[shape.node] = None
            continue
        found[shape.node] = reach
    return found


def _depth(shapes: dict[Identifier, m.Shape], shape: m.Shape, reach: Reach, active: tuple[Identifier, ...]) -> int:
    """Steps from a focus node to the farthest node whose triples ``shape`` reads (its values' own included)."""
    if shape.node in active:
        raise Unbounded(f"shapes refer to each other in a cycle through {shape.node}")
    active = (*active, shape.node)
    own = _path(shape.path, reach, inverse=False, repeated=False) if shape.path is not None else 0
    below = 0
    for node in (*shape.properties, *(n for c in shape.constraints for n in _nested(c))):
        below = max(below, _depth(shapes, shapes[node], reach, active))
    for constraint in shape.constraints:
        if isinstance(constraint, m.SparqlConstraint):
            below = max(below, _sparql(constraint.query, reach))
    return own + below + 1


def _nested(constraint: m.Constraint) -> tuple[Identifier, ...]:
    if isinstance(constraint, m.NodeConstraint | m.NotConstraint):
        return (constraint.shape,)
    if isinstance(constraint, m.LogicalConstraint):
        return constraint.shapes
    if isinstance(constraint, m.QualifiedConstraint):
        return (constraint.shape, *constraint.siblings)
    return ()


def _path(path: Path, reach: Reach, *, inverse: bool, repeated: bool) -> int:
    """The most steps ``path`` takes outside repetitions; records its predicates in ``reach``."""
    if isinstance(path, PredicatePath):
        name = str(path.iri)
        (reach.backward if inverse else reach.forward).add(name)
        if repeated:
            (reach.repeated_backward if inverse else reach.repeated_forward).add(name)
        return 0 if repeated else 1
    if isinstance(path, InversePath):
        return _path(path.path, reach, inverse=not inverse, repeated=repeated)
    if isinstance(path, SequencePath):
        return sum(_path(step, reach, inverse=inverse, repeated=repeated) for step in path.steps)
    if isinstance(path, AlternativePath):
        return max(_path(option, reach, inverse=inverse, repeated=repeated) for option in path.options)
    if isinstance(path, RepeatPath):
        many = path.repeat in "*+"
        return _path(path.path, reach, inverse=inverse, repeated=repeated or many)
    raise Unbounded(f"unknown path {path!r}")


# -- SPARQL: the query's triple patterns, walked from $this ------------------------------------

def _sparql(query: m.SparqlText, reach: Reach) -> int:
    """Steps a SPARQL query takes from ``$this``: its patterns walked outwards along shared variables.

    A pattern is followed forwards from a reached subject or backwards from a
    reached object; a pattern never joined to ``$this`` (or starting from a
    constant) could read anything, and so cannot be bounded.
    """
    try:
        parsed = prepareQuery(query.prologue() + query.select)
    except Exception as error:  # noqa: BLE001  # rdflib raises pyparsing's and its own errors alike
        raise Unbounded(f"a SPARQL query could not be read: {error}") from None
    patterns = list(_patterns(parsed.algebra))
    depth: dict[Identifier, int] = {Variable("this"): 0}
    farthest = 0
    while patterns:
        progress = False
        for pattern in list(patterns):
            subject, predicate, obj = pattern
            if isinstance(predicate, Variable) and predicate not in depth:
                depth[predicate] = 0  # a variable predicate binds an IRI, never a node walked from
            if subject in depth or obj in depth:
                backward = subject not in depth
                start = depth[obj] if backward else depth[subject]
                steps = _sparql_path(predicate, reach, backward=backward)
                end = obj if not backward else subject
                if isinstance(end, Variable):
                    depth[end] = min(depth.get(end, start + steps), start + steps)
                farthest = max(farthest, start + steps)
                patterns.remove(pattern)
                progress = True
        if not progress:
            raise Unbounded("a SPARQL pattern is not joined to $this")
    return farthest + 1


def _patterns(node: object) -> Iterator[tuple[Identifier, object, Identifier]]:
    """Every triple pattern anywhere in a query's algebra, EXISTS included (a nested SELECT cannot be bounded)."""
    if isinstance(node, CompValue):
        if node.name == "ToMultiSet":  # how the algebra holds a nested SELECT
            raise Unbounded("a SPARQL subquery")
        triples = node.get("triples") if "triples" in node else None
        if triples:
            yield from _triples(triples)
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _patterns(item)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _patterns(value)


def _triples(triples: list) -> Iterator[tuple[Identifier, object, Identifier]]:
    """Triples as the algebra holds them: a list of 3-tuples, or lists of terms three at a time."""
    for item in triples:
        if isinstance(item, tuple | list) and len(item) == 3 and not isinstance(item[0], list):
            yield tuple(item)  # type: ignore[misc]
        elif isinstance(item, list):
            for i in range(0, len(item) - 2, 3):
                yield (item[i], item[i + 1], item[i + 2])


def _sparql_path(predicate: object, reach: Reach, *, backward: bool) -> int:
    """Record a pattern's predicate (or path) walked forwards or backwards; its number of steps."""
    if isinstance(predicate, Variable):
        (reach.backward if backward else reach.forward).add(ANY)
        return 1
    return _path(_as_path(predicate), reach, inverse=backward, repeated=False)


def _as_path(predicate: object) -> Path:
    if isinstance(predicate, URIRef):
        return PredicatePath(predicate)
    if isinstance(predicate, InvPath):
        return InversePath(_as_path(predicate.arg))
    if isinstance(predicate, RdfSequence):
        return SequencePath(tuple(_as_path(arg) for arg in predicate.args))
    if isinstance(predicate, RdfAlternative):
        return AlternativePath(tuple(_as_path(arg) for arg in predicate.args))
    if isinstance(predicate, MulPath):
        return RepeatPath(_as_path(predicate.path), predicate.mod)
    raise Unbounded(f"a SPARQL path this analysis does not follow: {predicate!r}")


def affected_focus(store: ox.Store, reach: Reach, added: Iterable[ox.Triple], removed: Iterable[ox.Triple]) -> set[Term]:
    """Every node whose validation results may differ once ``added`` and ``removed`` changed the store.

    A node is affected when it can reach, within :attr:`Reach.hops` steps of the
    checks' own kinds, a node whose triples changed: a subject of a changed
    triple, or its object when some check follows that predicate backwards.
    ``store`` holds the new triples; removed ones are seeds only.
    """
    seeds: set[Term] = set()
    for triple in (*added, *removed):
        seeds.add(triple.subject)
        if reach.follows(triple.predicate.value, backward=True):
            seeds.add(triple.object)
    best: dict[Term, int] = {node: 0 for node in seeds}
    queue = deque((node, 0) for node in seeds)
    while queue:
        node, used = queue.popleft()
        if best.get(node, reach.hops + 1) < used:
            continue
        for neighbour, repeated in _readers(store, reach, node):
            cost = used if repeated else used + 1
            if cost <= reach.hops and cost < best.get(neighbour, reach.hops + 1):
                best[neighbour] = cost
                (queue.appendleft if repeated else queue.append)((neighbour, cost))
    return set(best)


def _readers(store: ox.Store, reach: Reach, node: Term) -> Iterable[tuple[Term, bool]]:
    """Nodes one check step away from ``node`` that could read it: (node, whether the step repeats)."""
    for quad in store.quads_for_pattern(None, None, node, None):
        name = quad.predicate.value
        if reach.follows(name, backward=False):
            yield quad.subject, reach.repeats(name, backward=False)
    if isinstance(node, ox.Literal):
        return
    for quad in store.quads_for_pattern(node, None, None, None):
        name = quad.predicate.value
        if reach.follows(name, backward=True):
            yield quad.object, reach.repeats(name, backward=True)
