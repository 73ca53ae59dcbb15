"""What a check works with: the shape, its focus nodes, the runner; and what it finds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from lineage.fastshacl.focus import Focus, value_focus
from lineage.fastshacl.model import Constraint, Shape
from lineage.fastshacl.paths import Path, chain_pattern, exists_pattern, has_repeat, split_first, to_sparql
from lineage.fastshacl.runner import Row, Runner, Term


@dataclass(frozen=True)
class Violation:
    """One validation result before it is dressed as a report: focus, value, and what broke."""

    focus: Term
    value: Term | None
    constraint: Constraint
    component: URIRef
    path: Path | None = None
    """The result path when it is not the shape's own (sh:closed, SPARQL ?path)."""
    messages: tuple[Literal, ...] | None = None
    """Messages already filled in (SHACL-SPARQL); None means the shape's own."""
    source_constraint: Identifier | None = None


@dataclass(frozen=True)
class Outcome:
    """A shape validated over a focus: its results, the focus nodes that do not conform, those with any result."""

    results: tuple[tuple[Shape, Violation], ...]
    """Each result with the shape it comes from (the shape itself or a nested property shape)."""
    failing: frozenset[Term]
    reported: frozenset[Term]


class Evaluator(Protocol):
    """Validates nested shapes for the shape-based checks."""

    def outcome(self, shape: Identifier, focus: Focus) -> Outcome: ...


@dataclass
class Scope:
    """A shape validated over one focus."""

    shape: Shape
    focus: Focus
    runner: Runner
    evaluator: Evaluator

    def label(self, constraint: Constraint | None) -> str:
        """How timings and errors name the check: the shape and the component."""
        if constraint is None:
            return f"{self.shape.label} values"
        return f"{self.shape.label} {str(constraint.component).rsplit('#', 1)[-1]}"

    def query(self, constraint: Constraint | None, head: str, body: str, tail: str = "", *,
              focus: bool = True) -> list[Row]:
        """``{prologue} {head} WHERE { {focus nodes as ?this} {body} } {tail}`` (without the focus nodes if told)."""
        start = self.focus.select("this") if focus else ""
        text = f"{self.focus.prologue()}{head} WHERE {{ {start} {body} }} {tail}"
        return self.runner.select(text, self.label(constraint))

    def value_pattern(self, var: str = "?value") -> str:
        """The triple pattern from ``?this`` to its value nodes (empty for a node shape)."""
        path = self.shape.path
        return "" if path is None else f"?this {to_sparql(path)} {var} ."

    def has_value(self, value: str) -> str:
        """A pattern for use inside FILTER [NOT] EXISTS: ``?this`` reaches ``value`` by the shape's path."""
        assert self.shape.path is not None
        return exists_pattern("?this", self.shape.path, value)

    def without_value(self, constraint: Constraint, target: str) -> list[Term]:
        """Focus nodes from which the path reaches no ``target`` (an IRI, or a variable for any value).

        A path without repetition is tested with FILTER NOT EXISTS. A repeated
        step inside EXISTS is slow in Oxigraph, so a repeating path is walked in
        a join instead, and — when it starts with a plain step (``p+ / q``) —
        from each distinct node after that step rather than from each focus
        node: many tasks share a plan, and the walk up from the plan is done once.
        """
        path = self.shape.path
        assert path is not None
        if not has_repeat(path):
            rows = self.query(constraint, "SELECT ?this", f"FILTER NOT EXISTS {{ {self.has_value(target)} }}")
            return [row[0] for row in rows]
        split = split_first(path)
        if split is None:
            found = {row[0] for row in self.query(constraint, "SELECT DISTINCT ?this",
                                                  chain_pattern("?this", path, target))}
            return [node for node in self.focus.nodes(self.runner, self.label(constraint)) if node not in found]
        first, rest = split
        step = f"?this {to_sparql(first)} ?_m ."
        middles = f"{{ SELECT DISTINCT ?_m WHERE {{ {self.focus.select('this')} {step} }} }}"
        good = {row[0] for row in self.query(constraint, "SELECT DISTINCT ?_m",
                                             f"{middles} {chain_pattern('?_m', rest, target)}", focus=False)}
        reaches: dict[Term, bool] = {}
        for focus, middle in self.query(constraint, "SELECT DISTINCT ?this ?_m", f"OPTIONAL {{ {step} }}"):
            reaches[focus] = reaches.get(focus, False) or middle in good
        return [focus for focus, ok in reaches.items() if not ok]

    def value_focus(self) -> Focus:
        """The value nodes of this shape, as the focus of the shapes it refers to."""
        return value_focus(self.focus, self.shape.path)

    def pairs(self, constraint: Constraint | None = None, keep_empty: bool = False) -> list[tuple[Term, Term | None]]:
        """Every (focus node, value node); with ``keep_empty`` a focus node without values once, with None."""
        if self.shape.path is None:
            return [(node, node) for node in self.focus.nodes(self.runner, self.label(constraint))]
        pattern = self.value_pattern()
        body = f"OPTIONAL {{ {pattern} }}" if keep_empty else pattern
        return [(row[0], row[1]) for row in self.query(constraint, "SELECT DISTINCT ?this ?value", body)]
