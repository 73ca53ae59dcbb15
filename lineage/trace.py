"""Answers to *where does this come from?* (trace) and *what came of it?* (impact), from the closure.

Both are lookups in :class:`lineage.closure.Closure`; the text forms are indented
trees with symbols and dates, the JSON forms use the NODE of
:meth:`lineage.closure.Node.as_json`. A node reached a second time is printed
once and then referred to ("see above"), so shared ancestors and cycles in bad
data never repeat or loop.

>>> sorted(["PL3/II/2/2.13", "PL3/II/10/1", "PL3/II/2/2.2"], key=natural_key)
['PL3/II/2/2.2', 'PL3/II/2/2.13', 'PL3/II/10/1']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lineage.closure import Closure, Node, with_inferred

RELATION_WORDS = {
    "implements": ("implements", "thực hiện"),
    "part_of": ("part of", "thuộc"),
}
_DIGITS = re.compile(r"(\d+)")
_KIND_RANK = {"document": 0, "part": 1, "task": 2}
LABEL_WIDTH = 96


@dataclass(frozen=True)
class TraceAnswer:
    """Every path from the subject to its roots."""

    subject: Node
    paths: list[list[Node]]
    roots: list[Node]
    cycles: list[list[str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """``{"subject": NODE, "paths": [[NODE, …], …], "roots": [NODE, …]}``."""
        return {
            "subject": self.subject.as_json(),
            "paths": [[node.as_json() for node in path] for path in self.paths],
            "roots": [node.as_json() for node in self.roots],
        }


@dataclass(frozen=True)
class Branch:
    """One node of an impact tree, the link that leads to it, and what lies below it."""

    node: Node
    relation: str
    link_inferred: bool
    children: list[Branch]
    see_above: bool = False

    def as_json(self) -> dict[str, Any]:
        """``{"node": NODE, "relation", "link_inferred", "see_above", "children": [...]}``."""
        return {
            "node": self.node.as_json(),
            "relation": self.relation,
            "link_inferred": self.link_inferred,
            "see_above": self.see_above,
            "children": [child.as_json() for child in self.children],
        }


@dataclass(frozen=True)
class ImpactAnswer:
    """The tree below the subject, at most ``depth`` links down."""

    subject: Node
    depth: int | None
    tree: list[Branch]
    counts: dict[str, int]
    cycles: list[list[str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """``{"subject": NODE, "depth", "counts", "tree": [BRANCH, …]}``."""
        return {
            "subject": self.subject.as_json(),
            "depth": self.depth,
            "counts": self.counts,
            "tree": [branch.as_json() for branch in self.tree],
        }


def trace(closure: Closure, iri: str) -> TraceAnswer:
    """Every path from ``iri`` up to its roots, nodes flagged when reached only through inferred links."""
    stated = closure.stated_reach(iri, up=True)

    def node(other: str) -> Node:
        return with_inferred(closure.node(other), other not in stated)

    paths = [[node(step) for step in path] for path in closure.paths(iri)]
    return TraceAnswer(node(iri), paths, [node(root) for root in closure.roots(iri)],
                       _cycles_among(closure, {iri, *closure.ancestors(iri)}))


def impact(closure: Closure, iri: str, depth: int | None = None) -> ImpactAnswer:
    """The tree below ``iri`` (at most ``depth`` links down), each node once in full."""
    stated = closure.stated_reach(iri, up=False, depth=depth)
    expanded: set[str] = {iri}

    def node(other: str) -> Node:
        return with_inferred(closure.node(other), other not in stated)

    def below(parent: str, level: int) -> list[Branch]:
        if depth is not None and level >= depth:
            return []
        branches = []
        for child in sorted(closure.children(parent), key=lambda c: sort_key(closure.node(c))):
            relation = closure.relation(child, parent)
            inferred_link = closure.link_inferred(child, parent)
            if child in expanded:
                branches.append(Branch(node(child), relation, inferred_link, [], see_above=True))
                continue
            expanded.add(child)
            branches.append(Branch(node(child), relation, inferred_link, below(child, level + 1)))
        return branches

    tree = below(iri, 0)
    members = closure.descendants(iri, depth)
    counts = Counter(closure.node(m).kind for m in members)
    return ImpactAnswer(node(iri), depth, tree, {k: counts.get(k, 0) for k in _KIND_RANK},
                        _cycles_among(closure, {iri, *members}))


def format_trace(answer: TraceAnswer, closure: Closure) -> str:
    """The trace as an indented tree from the subject up to its roots."""
    subject = answer.subject.iri
    lines = [f"Trace / Truy nguồn: {describe(answer.subject)}", ""]
    flags = {n.iri: n.inferred for path in answer.paths for n in path}
    roots = {n.iri for n in answer.roots}
    shown: set[str] = {subject}

    def up(iri: str, prefix: str) -> None:
        parents = sorted(closure.parents(iri), key=lambda p: sort_key(closure.node(p)))
        for index, parent in enumerate(parents):
            last = index == len(parents) - 1
            relation = " / ".join(RELATION_WORDS[closure.relation(iri, parent)])
            marks = _marks(closure.link_inferred(iri, parent), parent in roots, parent in shown)
            text = describe(with_inferred(closure.node(parent), flags.get(parent, False)))
            lines.append(f"{prefix}{'└── ' if last else '├── '}{relation} → {text}{marks}")
            if parent not in shown:
                shown.add(parent)
                up(parent, prefix + ("    " if last else "│   "))

    lines.append(describe(answer.subject) + (_marks(False, subject in roots, False)))
    up(subject, "")
    lines.append("")
    root_names = ", ".join(short(n) for n in answer.roots) or "none / không có"
    lines.append(f"Roots / Văn bản gốc ({len(answer.roots)}): {root_names}")
    lines.append(f"Paths / Số đường đi: {len(answer.paths)}")
    lines += _cycle_lines(answer.cycles, closure)
    return "\n".join(lines) + "\n"


def format_impact(answer: ImpactAnswer, closure: Closure) -> str:
    """The impact as an indented tree from the subject down."""
    depth = "all / tất cả" if answer.depth is None else str(answer.depth)
    lines = [f"Impact / Tác động: {describe(answer.subject)}  (depth / độ sâu: {depth})", ""]
    lines.append(describe(answer.subject))

    def down(branches: list[Branch], prefix: str) -> None:
        for index, branch in enumerate(branches):
            last = index == len(branches) - 1
            relation = " / ".join(RELATION_WORDS[branch.relation])
            marks = _marks(branch.link_inferred, False, branch.see_above)
            lines.append(f"{prefix}{'└── ' if last else '├── '}{relation} ← {describe(branch.node)}{marks}")
            down(branch.children, prefix + ("    " if last else "│   "))

    down(answer.tree, "")
    lines.append("")
    counts = answer.counts
    lines.append(f"Below / Phía dưới: documents / văn bản {counts['document']}, parts / phần {counts['part']}, "
                 f"tasks / nhiệm vụ {counts['task']}")
    lines += _cycle_lines(answer.cycles, closure)
    return "\n".join(lines) + "\n"


def describe(node: Node) -> str:
    """``SYMBOL#LOCATOR (date) — label``, shortened to one line."""
    text = short(node)
    label = " ".join((node.label or "").split())
    if label and node.kind != "part":
        room = max(LABEL_WIDTH - len(text), 40)
        text += " — " + (label if len(label) <= room else label[: room - 1] + "…")
    return text


def short(node: Node) -> str:
    """``SYMBOL#LOCATOR`` with the date when there is one."""
    return node.display() + (f" ({node.date})" if node.date else "")


def sort_key(node: Node) -> tuple[Any, ...]:
    """Documents before parts before tasks, then by symbol and locator in natural order."""
    return (_KIND_RANK.get(node.kind, 3), natural_key(node.symbol or node.iri), natural_key(node.locator or ""))


def natural_key(text: str) -> tuple[Any, ...]:
    """A sort key reading digit runs as numbers: 2.2 before 2.13, II/2 before II/10.

    Split on digit runs, the pieces alternate text, number, text …, so keys always compare.
    """
    pieces = _DIGITS.split(text.lower())
    return tuple(int(piece) if index % 2 else piece for index, piece in enumerate(pieces))


def _marks(inferred_link: bool, root: bool, repeated: bool) -> str:
    marks = []
    if inferred_link:
        marks.append("[inferred / suy luận]")
    if root:
        marks.append("◆ root / gốc")
    if repeated:
        marks.append("(see above / xem ở trên)")
    return ("  " + "  ".join(marks)) if marks else ""


def _cycles_among(closure: Closure, members: set[str]) -> list[list[str]]:
    return [cycle for cycle in closure.cycles() if members.intersection(cycle)]


def _cycle_lines(cycles: list[list[str]], closure: Closure) -> list[str]:
    lines = []
    for cycle in cycles:
        names = " → ".join(closure.node(iri).display() for iri in [*cycle, cycle[0]])
        lines.append(f"Cycle / Vòng lặp: {names}")
    return lines
