"""A layered (Sugiyama-style) layout with networkx: roots on top, crossings reduced, boxes packed.

1. cycles in bad data are broken by dropping DFS back edges from the layering;
2. each box sits one layer below its lowest parent (longest path from the roots);
3. links spanning several layers pass through placeholder points, one per layer;
4. barycentre sweeps down and up reorder each layer, keeping the order with fewest crossings;
5. x positions follow the neighbours' centres, packed without overlap (isotonic regression).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import networkx as nx

from lineage.diagram.model import Diagram, Layout, Link, Placed, Route
from lineage.diagram.wrap import chars_for, wrap

FONT_SIZE = 12.0
HEADING_SIZE = 13.0
LINE_HEIGHT = 16.0
PADDING = 8.0
H_GAP = 24.0
V_GAP = 56.0
MARGIN = 16.0
DUMMY_WIDTH = 8.0
SWEEPS = 8
WIDTHS = {"document": 232.0, "part": 200.0, "task": 232.0, "count": 176.0}
HEADING_LINES = 3
DETAIL_LINES = 3


@dataclass(frozen=True)
class _Dummy:
    """A placeholder point of a link crossing a layer."""

    child: str
    parent: str
    layer: int



def layout(diagram: Diagram) -> Layout:
    """Place every box of ``diagram`` and route every link."""
    order_key = {box.id: i for i, box in enumerate(diagram.boxes)}
    down = nx.DiGraph()
    down.add_nodes_from(box.id for box in diagram.boxes)
    down.add_edges_from((link.parent, link.child) for link in diagram.links)
    acyclic = _acyclic(down, order_key)
    layer = _layers(acyclic, order_key)
    sizes = {box.id: _size(box.kind, box.heading, box.lines) for box in diagram.boxes}
    layers, upper, lower = _with_dummies(diagram.links, acyclic, layer)
    layers = [sorted(nodes, key=lambda n: _key(n, order_key)) for nodes in layers]
    layers = _order(layers, upper, lower)
    widths = {n: (sizes[n][0] if isinstance(n, str) else DUMMY_WIDTH) for nodes in layers for n in nodes}
    centres = _positions(layers, upper, lower, widths)
    tops, heights = _rows(layers, sizes)
    placed = []
    for depth, nodes in enumerate(layers):
        for node in nodes:
            if isinstance(node, str):
                box = diagram.box(node)
                width, height, heading_lines, lines = sizes[node]
                placed.append(Placed(box, centres[node] - width / 2, tops[depth], width, height, depth,
                                     heading_lines, lines))
    placed_by_id = {p.box.id: p for p in placed}
    routes = tuple(_route(link, placed_by_id, centres, tops, heights, layer) for link in diagram.links)
    width = max((p.x + p.width for p in placed), default=0.0) + MARGIN
    height = max((p.y + p.height for p in placed), default=0.0) + MARGIN
    return Layout(
        diagram=diagram,
        placed=tuple(sorted(placed, key=lambda p: (p.layer, p.x))),
        routes=routes,
        width=round(width, 1),
        height=round(height, 1),
        layers=tuple(tuple(n for n in nodes if isinstance(n, str)) for nodes in layers),
    )


def _acyclic(down: nx.DiGraph, order_key: dict[str, int]) -> nx.DiGraph:
    """``down`` without the back edges a depth-first search from the roots meets."""
    result = nx.DiGraph()
    result.add_nodes_from(down.nodes)
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    starts = sorted(down.nodes, key=lambda n: (down.in_degree(n) > 0, order_key[n]))
    for start in starts:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(sorted(down.successors(start), key=order_key.__getitem__)))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                continue  # a back edge: left out of the layering
            else:
                result.add_edge(node, child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(sorted(down.successors(child), key=order_key.__getitem__))))
    return result


def _layers(acyclic: nx.DiGraph, order_key: dict[str, int]) -> dict[str, int]:
    """Longest path from the roots: every node one layer below its lowest parent."""
    layer: dict[str, int] = {}
    for node in nx.lexicographical_topological_sort(acyclic, key=order_key.__getitem__):
        layer[node] = max((layer[p] + 1 for p in acyclic.predecessors(node)), default=0)
    return layer


def _with_dummies(
    links: Sequence[Link], acyclic: nx.DiGraph, layer: dict[str, int]
) -> tuple[list[list[object]], dict[object, list[object]], dict[object, list[object]]]:
    """Layers holding nodes and placeholders; neighbours above and below each of them."""
    depth = max(layer.values(), default=0) + 1
    layers: list[list[object]] = [[] for _ in range(depth)]
    for node, level in layer.items():
        layers[level].append(node)
    upper: dict[object, list[object]] = {n: [] for nodes in layers for n in nodes}
    lower: dict[object, list[object]] = {n: [] for nodes in layers for n in nodes}
    for link in links:
        parent, child = link.parent, link.child
        if not acyclic.has_edge(parent, child):
            continue
        previous: object = parent
        for level in range(layer[parent] + 1, layer[child]):
            dummy = _Dummy(child, parent, level)
            layers[level].append(dummy)
            upper[dummy], lower[dummy] = [], []
            upper[dummy].append(previous)
            lower[previous].append(dummy)
            previous = dummy
        upper[child].append(previous)
        lower[previous].append(child)
    return layers, upper, lower


def _key(node: object, order_key: dict[str, int]) -> tuple[int, int]:
    if isinstance(node, _Dummy):
        return (order_key[node.child], node.layer)
    return (order_key[node], 0)  # type: ignore[index]


def _order(
    layers: list[list[object]], upper: dict[object, list[object]], lower: dict[object, list[object]]
) -> list[list[object]]:
    """Barycentre sweeps down and up; the order with the fewest crossings wins."""
    best = [list(nodes) for nodes in layers]
    best_crossings = _crossings(best, lower)
    current = [list(nodes) for nodes in layers]
    for _ in range(SWEEPS):
        for i in range(1, len(current)):
            current[i] = _by_barycentre(current[i], current[i - 1], upper)
        for i in range(len(current) - 2, -1, -1):
            current[i] = _by_barycentre(current[i], current[i + 1], lower)
        crossings = _crossings(current, lower)
        if crossings < best_crossings:
            best, best_crossings = [list(nodes) for nodes in current], crossings
        if best_crossings == 0:
            break
    return best


def _by_barycentre(nodes: list[object], reference: list[object], neighbours: dict[object, list[object]]) -> list[object]:
    position = {n: i for i, n in enumerate(reference)}

    def centre(item: tuple[int, object]) -> float:
        index, node = item
        around = [position[n] for n in neighbours[node] if n in position]
        return sum(around) / len(around) if around else float(index) * len(reference) / max(len(nodes), 1)

    return [node for _, node in sorted(enumerate(nodes), key=lambda item: (centre(item), item[0]))]


def _crossings(layers: list[list[object]], lower: dict[object, list[object]]) -> int:
    """How many pairs of links cross between adjacent layers."""
    total = 0
    for above, below in pairwise(layers):
        position = {n: i for i, n in enumerate(below)}
        ends = sorted(
            (i, position[child]) for i, node in enumerate(above) for child in lower[node] if child in position
        )
        total += _inversions([end for _, end in ends])
    return total


def _inversions(values: list[int]) -> int:
    """Pairs out of order (merge sort); links sharing an end do not cross."""
    if len(values) < 2:
        return 0
    middle = len(values) // 2
    left, right = values[:middle], values[middle:]
    count = _inversions(left) + _inversions(right)
    left.sort()
    right.sort()
    j = 0
    for value in left:
        while j < len(right) and right[j] < value:
            j += 1
        count += j
    return count


def _positions(
    layers: list[list[object]],
    upper: dict[object, list[object]],
    lower: dict[object, list[object]],
    widths: dict[object, float],
) -> dict[object, float]:
    """Box centres: each layer follows its neighbours' centres, packed without overlap."""
    centre: dict[object, float] = {}
    for nodes in layers:
        x = 0.0
        for node in nodes:
            centre[node] = x + widths[node] / 2
            x += widths[node] + H_GAP
    for _ in range(4):
        for i in range(1, len(layers)):
            _pull(layers[i], upper, centre, widths)
        for i in range(len(layers) - 2, -1, -1):
            _pull(layers[i], lower, centre, widths)
    for i in range(1, len(layers)):
        _pull(layers[i], upper, centre, widths)
    left = min((centre[n] - widths[n] / 2 for nodes in layers for n in nodes), default=0.0)
    return {n: round(c - left + MARGIN, 1) for n, c in centre.items()}


def _pull(nodes: list[object], neighbours: dict[object, list[object]], centre: dict[object, float],
          widths: dict[object, float]) -> None:
    """Move ``nodes`` towards the mean centre of their neighbours, keeping order and gaps."""
    wanted = []
    for node in nodes:
        around = [centre[n] for n in neighbours[node]]
        wanted.append(sum(around) / len(around) if around else centre[node])
    for node, x in zip(nodes, _pack(wanted, [widths[n] for n in nodes])):
        centre[node] = x


def _pack(wanted: list[float], widths: list[float]) -> list[float]:
    """Centres closest to ``wanted`` (least squares) with boxes in order and ``H_GAP`` apart."""
    offsets = [0.0]
    for a, b in pairwise(widths):
        offsets.append(offsets[-1] + (a + b) / 2 + H_GAP)
    targets = [w - o for w, o in zip(wanted, offsets)]
    blocks: list[list[float]] = []  # [mean, count]
    for t in targets:
        blocks.append([t, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            blocks[-1][0] = (blocks[-1][0] * blocks[-1][1] + mean * count) / (blocks[-1][1] + count)
            blocks[-1][1] += count
    fitted = [mean for mean, count in blocks for _ in range(int(count))]
    return [f + o for f, o in zip(fitted, offsets)]


@lru_cache(maxsize=1 << 14)
def _size(kind: str, heading: str, lines: tuple[str, ...]) -> tuple[float, float, tuple[str, ...], tuple[str, ...]]:
    """A box's width and height, and its heading and lines wrapped to fit."""
    width = WIDTHS.get(kind, WIDTHS["document"])
    inner = width - 2 * PADDING
    heading_lines = wrap(heading, chars_for(inner, HEADING_SIZE), max_lines=HEADING_LINES)
    detail = tuple(part for line in lines for part in wrap(line, chars_for(inner, FONT_SIZE), max_lines=DETAIL_LINES))
    height = 2 * PADDING + LINE_HEIGHT * (len(heading_lines) + len(detail))
    return width, height, heading_lines, detail


def _rows(layers: list[list[object]], sizes: dict[str, tuple[float, float, tuple[str, ...], tuple[str, ...]]]
          ) -> tuple[list[float], list[float]]:
    """The top and height of each layer."""
    tops, heights = [], []
    y = MARGIN
    for nodes in layers:
        height = max((sizes[n][1] for n in nodes if isinstance(n, str)), default=LINE_HEIGHT)
        tops.append(y)
        heights.append(height)
        y += height + V_GAP
    return tops, heights


def _route(link: Link, placed: dict[str, Placed], centres: dict[object, float], tops: list[float],
           heights: list[float], layer: dict[str, int]) -> Route:
    """Points from the child's top edge through each crossed layer to the parent's bottom edge."""
    child, parent = placed[link.child], placed[link.parent]
    points = [(child.x + child.width / 2, child.y)]
    for level in range(layer[link.child] - 1, layer[link.parent], -1):
        x = centres.get(_Dummy(link.child, link.parent, level))
        if x is None:
            break
        points += [(x, tops[level] + heights[level]), (x, tops[level])]
    points.append((parent.x + parent.width / 2, parent.y + parent.height))
    return Route(link, tuple((round(x, 1), round(y, 1)) for x, y in points))
