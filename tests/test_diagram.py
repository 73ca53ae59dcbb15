"""Lineage diagrams: structure (boxes, links, layers), collapsing, escaping, snapshots of real cases, the CLI."""

from __future__ import annotations

import os
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import networkx as nx
import pytest

from lineage.closure import Closure
from lineage.config import Config
from lineage.diagram import build_diagram, chain_for, fact_book, layout, render_dot, render_mermaid, render_svg
from lineage.diagram.facts import Facts
from lineage.diagram.layout import WIDTHS
from lineage.diagram.model import Diagram, Layout
from lineage.graphview import directive_graph
from lineage.refs import RefIndex
from lineage.store import LoadedGraph, load

SVG = "{http://www.w3.org/2000/svg}"
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("LINEAGE_UPDATE_SNAPSHOTS") == "1"
TASK_213 = "kh-dangu-vpubnd-2026-daihoi#PL3/II/2/2.13"


# -- helpers ----------------------------------------------------------------


def chain(edges: list[tuple[str, str]], inferred: set[tuple[str, str]] = frozenset()) -> nx.DiGraph:
    """A chain graph from ``(child, parent)`` pairs."""
    graph = nx.DiGraph()
    for child, parent in edges:
        graph.add_edge(child, parent, inferred=(child, parent) in inferred)
    return graph


def facts(**kinds: str) -> dict[str, Facts]:
    """Facts naming each node by its id, with the kind given (documents by default)."""
    return {node: Facts(kind=kind, heading=node) for node, kind in kinds.items()}


def layer_of(placed: Layout) -> dict[str, int]:
    return {p.box.id: p.layer for p in placed.placed}


def svg_tree(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def crossings(result: Layout) -> int:
    """Pairs of links between the same two layers whose ends are in opposite orders."""
    centre = {p.box.id: p.x + p.width / 2 for p in result.placed}
    layer = layer_of(result)
    spans = [(layer[r.link.parent], centre[r.link.parent], centre[r.link.child]) for r in result.routes
             if layer[r.link.child] == layer[r.link.parent] + 1]
    return sum(1 for i, a in enumerate(spans) for b in spans[i + 1:]
               if a[0] == b[0] and (a[1] - b[1]) * (a[2] - b[2]) < 0)


# -- structure on small graphs ------------------------------------------------


def test_roots_stand_on_top_and_every_child_below_its_parents() -> None:
    graph = chain([("task", "plan"), ("plan", "programme"), ("programme", "directive"), ("plan", "directive")])
    diagram = build_diagram(graph, "task", facts(task="task", plan="document", programme="document",
                                                  directive="document"))
    result = layout(diagram)
    layer = layer_of(result)
    assert layer["directive"] == 0
    assert [layer[n] for n in ("programme", "plan", "task")] == [1, 2, 3]
    for link in diagram.links:
        assert layer[link.child] > layer[link.parent]
    assert result.layers[0] == ("directive",)


def test_a_link_over_several_layers_is_routed_through_each_layer_between() -> None:
    graph = chain([("task", "plan"), ("plan", "programme"), ("programme", "directive"), ("task", "directive")])
    result = layout(build_diagram(graph, "task", facts(task="task", plan="document", programme="document",
                                                        directive="document")))
    long = next(r for r in result.routes if r.link.child == "task" and r.link.parent == "directive")
    # child top, two points per crossed layer (plan, programme), parent bottom
    assert len(long.points) == 2 + 2 * 2
    assert [y for _, y in long.points] == sorted((y for _, y in long.points), reverse=True)


def test_barycentre_ordering_removes_avoidable_crossings() -> None:
    # given in an order that crosses: a1 under B, b1 under A, a2 under B, b2 under A
    graph = chain([("a1", "B"), ("b1", "A"), ("a2", "B"), ("b2", "A")])
    result = layout(build_diagram(graph, None, facts(A="document", B="document", a1="task", b1="task",
                                                     a2="task", b2="task")))
    assert crossings(result) == 0
    order = result.layers[1]
    assert {order[0], order[1]} in ({"a1", "a2"}, {"b1", "b2"})


def test_boxes_of_one_layer_never_overlap() -> None:
    graph = chain([(f"t{i}", f"p{i % 3}") for i in range(7)] + [(f"p{i}", "root") for i in range(3)])
    kinds = {f"t{i}": "task" for i in range(7)} | {f"p{i}": "part" for i in range(3)} | {"root": "document"}
    result = layout(build_diagram(graph, "root", facts(**kinds)))
    by_layer: dict[int, list[tuple[float, float]]] = {}
    for p in result.placed:
        by_layer.setdefault(p.layer, []).append((p.x, p.x + p.width))
    for spans in by_layer.values():
        spans.sort()
        assert all(left_end <= right_start for (_, left_end), (right_start, _) in pairwise(spans))


def test_a_cycle_in_bad_data_is_drawn_without_hanging() -> None:
    graph = chain([("a", "b"), ("b", "c"), ("c", "a"), ("t", "a")])
    diagram = build_diagram(graph, "t", facts(a="document", b="document", c="document", t="task"))
    result = layout(diagram)
    assert {p.box.id for p in result.placed} == {"a", "b", "c", "t"}
    assert len(result.routes) == 4


def test_a_long_task_list_collapses_into_one_count_box() -> None:
    edges = [(f"task{i}", "part") for i in range(20)] + [("part", "plan"), ("other", "plan")]
    kinds = {f"task{i}": "task" for i in range(20)} | {"part": "part", "plan": "document", "other": "task"}
    diagram = build_diagram(chain(edges), "plan", facts(**kinds), direction="down",
                            list_href=lambda parent: f"{parent}.html#contents")
    counts = [b for b in diagram.boxes if b.kind == "count"]
    assert len(counts) == 1 and counts[0].count == 20
    assert counts[0].heading.startswith("20 nhiệm vụ")
    assert counts[0].href == "part.html#contents"
    assert any(link.child == counts[0].id and link.parent == "part" for link in diagram.links)
    assert {b.id for b in diagram.boxes} == {"plan", "part", "other", counts[0].id}
    # a short list stays as it is
    short = build_diagram(chain(edges), "plan", facts(**kinds), collapse_over=50)
    assert not [b for b in short.boxes if b.kind == "count"]


def test_the_subject_and_tasks_with_several_parents_are_never_collapsed() -> None:
    edges = [(f"task{i}", "part") for i in range(12)] + [("task0", "plan"), ("part", "plan")]
    kinds = {f"task{i}": "task" for i in range(12)} | {"part": "part", "plan": "document"}
    diagram = build_diagram(chain(edges), "task5", facts(**kinds))
    ids = {b.id for b in diagram.boxes}
    assert {"task0", "task5"} <= ids
    assert next(b for b in diagram.boxes if b.kind == "count").count == 10


def test_stated_and_inferred_links_look_different_in_every_format() -> None:
    graph = chain([("plan", "programme"), ("programme", "directive")], inferred={("programme", "directive")})
    diagram = build_diagram(graph, "plan", facts(plan="document", programme="document", directive="document"))
    by_child = {link.child: link for link in diagram.links}
    assert by_child["programme"].inferred and not by_child["plan"].inferred
    assert diagram.box("directive").inferred and not diagram.box("programme").inferred
    tree = svg_tree(render_svg(layout(diagram)))
    paths = {p.get("data-child"): p for p in tree.iter(f"{SVG}path") if p.get("data-child")}
    assert paths["programme"].get("stroke-dasharray") and "inferred" in paths["programme"].get("class")
    assert paths["plan"].get("stroke-dasharray") is None
    mermaid = render_mermaid(diagram)
    assert mermaid.count("-.->") == 1 and mermaid.count(" --> ") == 1
    dot = render_dot(diagram)
    assert '"programme" -> "directive" [style=dashed' in dot and '"plan" -> "programme";' in dot


def test_mermaid_and_dot_put_roots_on_top() -> None:
    diagram = build_diagram(chain([("a", "b")]), "a", facts(a="task", b="document"))
    assert render_mermaid(diagram).startswith("flowchart BT\n")
    assert "rankdir=BT;" in render_dot(diagram)


# -- text --------------------------------------------------------------------


def test_labels_with_markup_and_quotes_render_as_text() -> None:
    label = 'Kế hoạch <script>alert("x")</script> & "trích"'
    graph = chain([("t", "d")])
    book = {"t": Facts(kind="task", heading="1.1", text=label, lead=("Sở <b>Tài chính</b>",)),
            "d": Facts(kind="document", heading=label)}
    diagram = build_diagram(graph, "t", book, href=lambda n: f'{n}.html?a="1"&b=<2>')
    svg = render_svg(layout(diagram))
    tree = svg_tree(svg)  # well-formed XML: nothing was injected
    assert not list(tree.iter(f"{SVG}script")) and not list(tree.iter("script"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    texts = " ".join("".join(t.itertext()) for t in tree.iter(f"{SVG}text"))
    assert '<script>alert("x")' in texts
    assert all(a.get("href", "").endswith('&b=<2>') for a in tree.iter(f"{SVG}a"))
    mermaid = render_mermaid(diagram)
    assert "<script>" not in mermaid and "#lt;script#gt;alert(#quot;x#quot;)" in mermaid
    dot = render_dot(diagram)
    assert '<script>alert(\\"x\\")' in dot and 'alert("x")' not in dot


def test_vietnamese_text_is_nfc_and_long_labels_wrap_inside_the_box() -> None:
    decomposed = unicodedata.normalize("NFD", "Đẩy mạnh chuyển đổi số trong các cơ quan Đảng, Nhà nước, Mặt trận Tổ quốc")
    book = {"t": Facts(kind="task", heading="PL3/II/2/2.13", text=decomposed), "d": Facts("document", "57-NQ/TW")}
    result = layout(build_diagram(chain([("t", "d")]), "t", book))
    task = next(p for p in result.placed if p.box.id == "t")
    assert len(task.lines) >= 2
    assert all(unicodedata.is_normalized("NFC", line) for line in task.lines)
    assert "".join(task.lines).replace(" ", "").startswith(unicodedata.normalize("NFC", "Đẩymạnhchuyển"))
    assert all(len(line) * 12 * 0.6 <= WIDTHS["task"] - 16 for line in task.lines)
    svg = render_svg(result)
    assert "Noto Sans" in svg and "DejaVu Sans" in svg


# -- the real corpus -----------------------------------------------------------


@dataclass
class Corpus:
    graph: LoadedGraph
    view: nx.MultiDiGraph
    refs: RefIndex
    facts: dict[str, Facts]
    closure: Closure

    def diagram(self, ref: str, direction: str, **options: object) -> Diagram:
        iri = self.refs.resolve(ref)
        graph = chain_for(self.closure, iri, direction, view=self.view)
        return build_diagram(graph, iri, self.facts, direction=direction, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def corpus(seeds_dir: Path) -> Corpus:
    graph = load(Config.default(), prefer_disk=False)
    view = directive_graph(graph)
    return Corpus(graph, view, RefIndex(graph, view), fact_book(graph, view), Closure.from_view(view, inferred=True))


def test_task_2_13_of_phu_luc_3_is_drawn_up_to_68_nq_tw_on_top(corpus: Corpus) -> None:
    diagram = corpus.diagram(TASK_213, "up")
    task, nq68 = corpus.refs.resolve(TASK_213), corpus.refs.resolve("68-NQ/TW")
    up = corpus.closure.up_graph(task)
    assert {b.id for b in diagram.boxes} == set(up.nodes)
    assert {(link.child, link.parent) for link in diagram.links} == set(up.edges)
    result = layout(diagram)
    layer = layer_of(result)
    assert layer[nq68] == 0
    assert layer[task] == max(layer.values())
    for root in corpus.closure.roots(task):
        assert layer[root] == 0
    box = diagram.box(task)
    assert box.focus and box.heading == "PL3/II/2/2.13"
    assert any(line.startswith("Chủ trì / Lead: Chi bộ Kinh tế") for line in box.lines)
    nq68_box = diagram.box(nq68)
    assert nq68_box.lines[:2] == ("Nghị quyết · Bộ Chính trị", "04/05/2025")


def test_the_congress_chain_of_the_004_plan_shows_its_inferred_link_dashed(corpus: Corpus) -> None:
    diagram = corpus.diagram(TASK_213, "up")
    provincial, national = corpus.refs.resolve("nq-daihoi-tinh-xv"), corpus.refs.resolve("nq-daihoi-toanquoc-xiv")
    link = next(link for link in diagram.links if (link.child, link.parent) == (provincial, national))
    assert link.inferred
    stated = Closure.from_view(corpus.view, inferred=False)
    plain = build_diagram(chain_for(stated, diagram.focus, "up", view=corpus.view), diagram.focus, corpus.facts)
    assert not any(link.inferred for link in plain.links)


def test_57_nq_tw_down_holds_everything_that_implements_it(corpus: Corpus) -> None:
    diagram = corpus.diagram("57-NQ/TW", "down")
    nq57 = corpus.refs.resolve("57-NQ/TW")
    below = set(corpus.closure.descendants(nq57))
    assert {b.id for b in diagram.boxes} == below | {nq57}
    for symbol in ("63-CTr/TU", "978/KH-UBND", "32-KH/TU"):
        assert corpus.refs.resolve(symbol) in below
    layer = layer_of(layout(diagram))
    assert layer[nq57] == 0 and all(layer[n] > 0 for n in below)


def test_a_directive_with_hundreds_of_descendants_stays_readable(corpus: Corpus) -> None:
    diagram = corpus.diagram("nq-daihoi-toanquoc-xiv", "down")
    root = corpus.refs.resolve("nq-daihoi-toanquoc-xiv")
    below = corpus.closure.descendants(root)
    assert len(below) > 300
    counts = [b for b in diagram.boxes if b.kind == "count"]
    drawn = [b for b in diagram.boxes if b.kind != "count"]
    assert len(diagram.boxes) < 60
    assert sum(b.count for b in counts) + len(drawn) == len(below) + 1  # nothing lost, only counted
    pl3 = corpus.refs.resolve("kh-dangu-vpubnd-2026-daihoi#PL3")
    assert any(link.parent == pl3 and diagram.box(link.child).count >= 150 for link in diagram.links
               if diagram.box(link.child).kind == "count")
    result = layout(diagram)
    assert max(len(layer) for layer in result.layers) <= 20


# -- snapshots -------------------------------------------------------------------

CASES = {
    "up-task-2.13": (TASK_213, "up"),
    "down-57-nq-tw": ("57-NQ/TW", "down"),
}
RENDERERS: dict[str, Callable[[Diagram], str]] = {
    "mmd": render_mermaid,
    "dot": render_dot,
    "svg": lambda diagram: render_svg(layout(diagram)),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("suffix", sorted(RENDERERS))
def test_snapshot(corpus: Corpus, case: str, suffix: str) -> None:
    ref, direction = CASES[case]
    text = RENDERERS[suffix](corpus.diagram(ref, direction))
    path = SNAPSHOTS / f"{case}.{suffix}"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"snapshot {path} is missing: run LINEAGE_UPDATE_SNAPSHOTS=1 pytest {__file__}"
    assert text == path.read_text(encoding="utf-8"), f"{path} differs; review, then update as above"


# -- the command -------------------------------------------------------------------


def test_cli_writes_each_format(run_cli: Callable[..., object], tmp_path: Path, seeds_dir: Path) -> None:
    result = run_cli("diagram", "57-NQ/TW", "--direction", "down", "--format", "mermaid")
    assert result.code == 0 and result.out.startswith("flowchart BT")
    assert "57-NQ/TW" in result.out and "63-CTr/TU" in result.out
    out = tmp_path / "d.svg"
    result = run_cli("diagram", TASK_213, "--inferred", "--out", str(out))
    assert result.code == 0 and result.out == ""
    tree = svg_tree(out.read_text(encoding="utf-8"))
    assert any("68-NQ/TW" in "".join(t.itertext()) for t in tree.iter(f"{SVG}text"))
    assert any(p.get("stroke-dasharray") for p in tree.iter(f"{SVG}path") if p.get("data-child"))
    result = run_cli("diagram", "57-NQ/TW", "--format", "dot", "--direction", "both")
    assert result.code == 0 and result.out.startswith("digraph lineage {")


def test_cli_bad_input_exits_2_and_writes_nothing(run_cli: Callable[..., object], tmp_path: Path,
                                                  seeds_dir: Path) -> None:
    out = tmp_path / "d.svg"
    result = run_cli("diagram", "999-XX/YY", "--out", str(out))
    assert result.code == 2 and "unknown reference" in result.err and not out.exists()
    result = run_cli("diagram", "57-NQ/TW", "--collapse", "-1", "--out", str(out))
    assert result.code == 2 and "--collapse" in result.err and not out.exists()
