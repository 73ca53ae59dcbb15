"""Trace and impact: the closure, its answers on the corpus and on a graph with cycles, and the commands."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from lineage.closure import Closure
from lineage.config import Config
from lineage.graphview import CHAIN_RELATIONS, directive_graph
from lineage.queries import Catalogue, run
from lineage.refs import RefIndex
from lineage.store import LoadedGraph, load
from lineage.synth.generate import SynthSpec, generate
from lineage.trace import format_impact, format_trace, impact, trace

FIXTURES = Path(__file__).parent / "fixtures"
CYCLE = FIXTURES / "cycle"
ELI = "https://w3id.org/lineage-vn/eli/"
NQ57 = ELI + "vn/tw/nq/2024/57"
NQ68 = ELI + "vn/tw/nq/2025/68"
KL203 = ELI + "vn/tw/kl/na/203"
CTR11 = ELI + "vn-laichau/tu/ctr/2025/11"
CV1336 = ELI + "vn/bcscltw/cv/2025/1336"
TASK_213 = ELI + "unnumbered/kh-dangu-vpubnd-2026-daihoi/pl3/ii/2/2.13"
CTR_TU_NQ68 = ELI + "unnumbered/ctr-tu-nq68"
PLAN_004 = ELI + "unnumbered/kh-dangu-vpubnd-2026-daihoi"
CONGRESS_XIV = ELI + "unnumbered/nq-daihoi-toanquoc-xiv"
LIN = "https://w3id.org/lineage-vn/def#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TINY = SynthSpec(provinces=2, ministries=2, directives=3, tasks_per_plan=8, seed=3)


@pytest.fixture(scope="module")
def corpus(seeds_dir: Path) -> LoadedGraph:
    """The corpus graph, loaded fresh from data/."""
    return load(Config.default(), prefer_disk=False)


@pytest.fixture(scope="module")
def closures(corpus: LoadedGraph) -> dict[bool, Closure]:
    """The corpus closure without (False) and with (True) inferred links."""
    view = directive_graph(corpus)
    return {inferred: Closure.from_view(view, inferred=inferred) for inferred in (False, True)}


@pytest.fixture(scope="module")
def refs(corpus: LoadedGraph) -> RefIndex:
    return RefIndex(corpus, directive_graph(corpus))


@pytest.fixture(scope="module")
def cycle_graph() -> LoadedGraph:
    return load(Config.default().with_data(CYCLE), prefer_disk=False)


@pytest.fixture(scope="module")
def cycle_closures(cycle_graph: LoadedGraph) -> dict[bool, Closure]:
    view = directive_graph(cycle_graph)
    return {inferred: Closure.from_view(view, inferred=inferred) for inferred in (False, True)}


def cyc(path: str) -> str:
    return ELI + "vn-x/" + path


# --- the researcher's questions on the corpus ---------------------------------------------


def test_task_213_of_phu_luc_3_reaches_68_nq_tw_through_the_tinh_uy_programme(closures: dict[bool, Closure]) -> None:
    closure = closures[False]
    answer = trace(closure, TASK_213)
    assert [TASK_213, CTR_TU_NQ68, NQ68] in [[n.iri for n in path] for path in answer.paths]
    assert NQ68 in {n.iri for n in answer.roots}
    assert answer.subject.symbol == "kh-dangu-vpubnd-2026-daihoi" and answer.subject.locator == "PL3/II/2/2.13"


def test_task_213_has_several_roots_and_every_path_is_listed(closures: dict[bool, Closure]) -> None:
    answer = trace(closures[False], TASK_213)
    roots = {n.iri for n in answer.roots}
    # the plan of 004 carries out the three congress resolutions and 52-KH/ĐU, which carries out them too
    assert roots == {NQ68, CONGRESS_XIV, ELI + "unnumbered/nq-daihoi-tinh-xv", ELI + "unnumbered/nq-daihoi-dangbo-ubnd-i"}
    paths = [[n.iri for n in p] for p in answer.paths]
    assert len(paths) == len({tuple(p) for p in paths}) == 7
    assert all(p[0] == TASK_213 and p[-1] in roots for p in paths)
    assert [TASK_213, PLAN_004 + "/pl3", PLAN_004, ELI + "vn-laichau/du/kh/na/52", CONGRESS_XIV] in paths


def test_with_inferred_links_the_congress_chain_ends_at_the_national_congress(closures: dict[bool, Closure]) -> None:
    answer = trace(closures[True], TASK_213)
    assert {n.iri for n in answer.roots} == {NQ68, CONGRESS_XIV}
    provincial = next(n for p in answer.paths for n in p if n.iri.endswith("nq-daihoi-tinh-xv"))
    assert provincial.inferred is False  # the plan names it itself
    assert closures[True].link_inferred(ELI + "unnumbered/nq-daihoi-tinh-xv", CONGRESS_XIV)


def test_task_b12_of_46_kh_tu_reaches_203_kl_tw_directly_and_through_1336_cv(closures: dict[bool, Closure]) -> None:
    task = ELI + "vn-laichau/tu/kh/2026/46/pl01/b/12"
    paths = [[n.display() for n in p] for p in trace(closures[True], task).paths]
    assert ["46-KH/TU#PL01/B/12", "46-KH/TU#PL01", "46-KH/TU", "11-CTr/TU", "203-KL/TW"] in paths
    assert ["46-KH/TU#PL01/B/12", "46-KH/TU#PL01", "46-KH/TU", "11-CTr/TU", "1336-CV/BCSCLTW", "203-KL/TW"] in paths


def test_impact_of_57_nq_tw_includes_the_004_phu_luc_3_task_on_the_tinh_uy_programme(
    closures: dict[bool, Closure],
) -> None:
    answer = impact(closures[False], NQ57)
    nodes = {}

    def walk(branches: list) -> None:
        for branch in branches:
            nodes[branch.node.display()] = branch.node
            walk(branch.children)

    walk(answer.tree)
    assert "kh-dangu-vpubnd-2026-daihoi#PL3/III/3/1" in nodes
    assert nodes["kh-dangu-vpubnd-2026-daihoi#PL3/III/3/1"].label.startswith(
        "Thực hiện hiệu quả Chương trình hành động của Tỉnh ủy về thực hiện Nghị quyết số 57-NQ/TW"
    )
    assert {"63-CTr/TU", "32-KH/TU", "978/KH-UBND"} <= set(nodes)
    assert answer.counts["task"] == 1


def test_impact_marks_what_only_an_inferred_link_brings_in(closures: dict[bool, Closure]) -> None:
    # 978/KH-UBND implements 57-NQ/TW itself, and 32-KH/TU only by inference
    answer = impact(closures[True], NQ57)
    under_32 = next(b for b in answer.tree if b.node.display() == "32-KH/TU")
    assert [(c.node.display(), c.link_inferred) for c in under_32.children] == [("978/KH-UBND", True)]
    assert all(not b.node.inferred for b in answer.tree)


def test_impact_depth_stops_the_tree(closures: dict[bool, Closure]) -> None:
    answer = impact(closures[False], KL203, depth=1)
    assert {b.node.display() for b in answer.tree} == {"11-CTr/TU", "1336-CV/BCSCLTW"}
    assert all(not b.children for b in answer.tree)
    assert answer.counts == {"document": 2, "part": 0, "task": 0}


def test_text_forms_show_symbols_dates_and_roots(closures: dict[bool, Closure]) -> None:
    closure = closures[False]
    text = format_trace(trace(closure, TASK_213), closure)
    assert "implements / thực hiện → 68-NQ/TW (2025-05-04)" in text and "◆ root / gốc" in text
    assert "Paths / Số đường đi: 7" in text
    down = format_impact(impact(closure, NQ68), closure)
    assert "← 65-CTr/TU (2025-07-07)" in down and "tasks / nhiệm vụ 1" in down


# --- the closure against the SPARQL queries, on every node ---------------------------------


def _without_inferred(graph: LoadedGraph) -> LoadedGraph:
    """The same graph minus the named graph of inferred links."""
    store = ox.Store()
    inferred = ox.NamedNode(graph.config.inferred_graph)
    store.extend(q for q in graph.store.quads_for_pattern(None, None, None, None) if q.graph_name != inferred)
    return LoadedGraph(store, graph.files, graph.config)


def _sparql_trace(graph: LoadedGraph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Every node's steps (itself and all above) and roots, from trace.rq run once for all subjects."""
    steps: dict[str, set[str]] = defaultdict(set)
    roots: dict[str, set[str]] = defaultdict(set)
    for row in run(graph, Catalogue(Config.default().queries_dir).get("trace")).records():
        steps[row["subject"]].add(row["step"])
        if row["root"]:
            roots[row["subject"]].add(row["step"])
    return steps, roots


def _sparql_impact(graph: LoadedGraph) -> dict[str, set[str]]:
    """Every node's descendants (targets aside), from impact.rq run once for all directives."""
    below: dict[str, set[str]] = defaultdict(set)
    for row in run(graph, Catalogue(Config.default().queries_dir).get("impact")).records():
        if row["category"] != "target":
            below[row["directive"]].add(row["node"])
    return below


def _assert_agree(closure: Closure, graph: LoadedGraph, nodes: list[str], *, with_trace: bool = True) -> None:
    """roots, ancestors, paths and descendants of every node match the queries (a node on a cycle is
    below itself for SPARQL's `+`, never for the closure)."""
    below = _sparql_impact(graph)
    above: dict[str, set[str]] = defaultdict(set)
    for top, members in below.items():
        for member in members:
            above[member].add(top)
    has_parent = set(above)
    for iri in nodes:
        ancestors = set(closure.ancestors(iri))
        assert set(closure.descendants(iri)) == below[iri] - {iri}, iri
        assert ancestors == above[iri] - {iri}, iri
        assert set(closure.roots(iri)) == {a for a in ancestors | {iri} if a not in has_parent}, iri
    if not with_trace:
        return
    steps, roots = _sparql_trace(graph)
    assert set(steps) == set(nodes)
    for iri in nodes:
        assert set(closure.roots(iri)) == roots[iri], iri
        assert {iri, *closure.ancestors(iri)} == steps[iri], iri
        for path in closure.paths(iri):
            assert path[-1] in roots[iri] and set(path) <= steps[iri]


@pytest.mark.parametrize("inferred", [False, True], ids=["stated", "with-inferred"])
def test_closure_agrees_with_the_trace_and_impact_queries_on_every_corpus_node(
    corpus: LoadedGraph, closures: dict[bool, Closure], inferred: bool
) -> None:
    graph = corpus if inferred else _without_inferred(corpus)
    nodes = list(directive_graph(corpus).nodes)
    assert len(nodes) > 600
    # trace.rq answers for every subject at once in one mode; impact.rq covers both
    _assert_agree(closures[inferred], graph, nodes, with_trace=inferred)


@pytest.mark.parametrize("inferred", [False, True], ids=["stated", "with-inferred"])
def test_closure_agrees_with_the_queries_on_a_graph_with_cycles(
    cycle_graph: LoadedGraph, cycle_closures: dict[bool, Closure], inferred: bool
) -> None:
    graph = cycle_graph if inferred else _without_inferred(cycle_graph)
    _assert_agree(cycle_closures[inferred], graph, list(directive_graph(cycle_graph).nodes))


# --- the queries against the closure, node by node, on a tiny synthetic corpus ----------------


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> LoadedGraph:
    """A synthetic corpus of two provinces, two ministries and three directives (inferred links included)."""
    folder = tmp_path_factory.mktemp("synth") / "tiny"
    generate(TINY, folder, Config.default().base_iri)
    return load(Config.default().with_data(folder), prefer_disk=False)


def _trace_rows_of_closure(view: nx.MultiDiGraph, closure: Closure, subject: str) -> set[tuple]:
    """The rows trace.rq should give for ``subject``: one per chain link up from each step, or a root row."""
    rows = set()
    for step in [subject, *closure.ancestors(subject)]:
        known = (subject, step, view.nodes[step]["kind"], closure.node(step).symbol)
        ups = {(relation, parent, data["inferred"]) for _, parent, relation, data
               in view.out_edges(step, keys=True, data=True) if relation in CHAIN_RELATIONS}
        rows |= {(*known, relation, parent, inferred, False) for relation, parent, inferred in ups}
        if not ups:
            rows.add((*known, None, None, None, True))
    return rows


def _impact_rows_of_closure(view: nx.MultiDiGraph, closure: Closure, graph: LoadedGraph, directive: str) -> set[tuple]:
    """The rows impact.rq should give for ``directive``: every node below it, and the targets stated in them."""
    categories = {"CTr": "programme", "KH": "plan"}
    targets = {q.subject.value for q in graph.store.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(LIN + "Target"))}
    rows = set()
    for node in closure.descendants(directive):
        data = view.nodes[node]
        category = categories.get(data["type_code"], "document") if data["kind"] == "document" else data["kind"]
        rows.add((directive, node, category, closure.node(node).symbol))
        for quad in graph.store.quads_for_pattern(None, ox.NamedNode(LIN + "statedIn"), ox.NamedNode(node)):
            if quad.subject.value in targets:
                rows.add((directive, quad.subject.value, "target", closure.node(node).symbol))
    return rows


def _assert_trace_rows(graph: LoadedGraph, subjects: list[str]) -> None:
    """trace.rq, bound to each subject in turn, gives exactly the rows of the closure (inferred links count)."""
    view = directive_graph(graph)
    closure = Closure.from_view(view, inferred=True)
    query = Catalogue(Config.default().queries_dir).get("trace")
    columns = ("subject", "step", "kind", "symbol", "relation", "up", "inferred", "root")
    for subject in subjects:
        rows = {tuple(r[c] for c in columns) for r in run(graph, query, {"subject": ox.NamedNode(subject)}).records()}
        assert rows == _trace_rows_of_closure(view, closure, subject), subject


def test_trace_query_gives_the_closure_rows_for_every_task_of_a_synthetic_corpus(tiny: LoadedGraph) -> None:
    view = directive_graph(tiny)
    tasks = [n for n, data in view.nodes(data=True) if data["kind"] == "task"]
    assert len(tasks) >= 4 * TINY.tasks_per_plan
    _assert_trace_rows(tiny, tasks)


def test_trace_query_gives_the_closure_rows_on_cycles_and_inferred_links(cycle_graph: LoadedGraph) -> None:
    view = directive_graph(cycle_graph)
    assert any(data["inferred"] for *_, data in view.edges(keys=True, data=True))
    _assert_trace_rows(cycle_graph, list(view))


def test_impact_query_gives_the_closure_rows_for_every_directive_of_a_synthetic_corpus(tiny: LoadedGraph) -> None:
    view = directive_graph(tiny)
    closure = Closure.from_view(view, inferred=True)
    query = Catalogue(Config.default().queries_dir).get("impact")
    directives = [n for n in view if closure.is_root(n) and closure.children(n)]
    assert len(directives) >= TINY.directives
    columns = ("directive", "node", "category", "symbol")
    categories = set()
    for directive in directives:
        records = run(tiny, query, {"directive": ox.NamedNode(directive)}).records()
        assert {tuple(r[c] for c in columns) for r in records} == _impact_rows_of_closure(view, closure, tiny, directive)
        categories |= {r["category"] for r in records}
    assert categories >= {"programme", "plan", "part", "task", "target"}


# --- cycles in bad data ----------------------------------------------------------------------


def test_cycles_are_found_once_each(cycle_closures: dict[bool, Closure]) -> None:
    cycles = cycle_closures[False].cycles()
    assert sorted(sorted(c) for c in cycles) == [
        sorted([cyc("du/kh/2025/2"), cyc("ubnd/kh/2025/3")]),
        [cyc("tu/kh/2025/10")],
        sorted([cyc("tu/kh/2025/8"), cyc("tu/kh/2025/9")]),
    ]


def test_a_task_under_a_cycle_still_reaches_both_its_roots(cycle_closures: dict[bool, Closure]) -> None:
    closure = cycle_closures[False]
    task = cyc("du/kh/2025/2/pl01/1")
    assert closure.roots(task) == [NQ57, NQ68]
    assert sorted(closure.paths(task)) == [
        [task, cyc("du/kh/2025/2/pl01"), cyc("du/kh/2025/2"), cyc("tu/ctr/2025/1"), NQ57],
        [task, NQ68],
    ]


def test_a_cycle_with_no_way_out_has_no_root_and_no_path(cycle_closures: dict[bool, Closure]) -> None:
    closure = cycle_closures[True]
    task = cyc("tu/kh/2025/8/1")
    assert closure.roots(task) == [] and closure.paths(task) == []
    assert set(closure.ancestors(task)) == {cyc("tu/kh/2025/8"), cyc("tu/kh/2025/9")}
    assert closure.roots(cyc("tu/kh/2025/10")) == []
    assert closure.descendants(cyc("tu/kh/2025/9")) == [cyc("tu/kh/2025/8"), task]


def test_inferred_links_count_only_when_asked(cycle_closures: dict[bool, Closure]) -> None:
    plan = cyc("ubnd/kh/2026/4")
    assert cycle_closures[False].roots(plan) == [plan]
    assert cycle_closures[True].roots(plan) == [NQ57]
    answer = trace(cycle_closures[True], plan)
    assert [[n.inferred for n in p] for p in answer.paths] == [[False, True, True]]


def test_a_long_chain_does_not_hit_the_recursion_limit() -> None:
    import networkx as nx

    view = nx.MultiDiGraph()
    length = 5000
    for i in range(length):
        view.add_node(f"n{i}", kind="document", symbol=f"{i}-KH/TU", locator=None, label=None, date=None)
    for i in range(length - 1):
        view.add_edge(f"n{i}", f"n{i + 1}", key="implements", relation="implements", inferred=False)
    closure = Closure.from_view(view)
    assert closure.roots("n0") == [f"n{length - 1}"]
    assert len(closure.paths("n0")[0]) == length
    assert len(closure.descendants(f"n{length - 1}")) == length - 1


# --- the commands ------------------------------------------------------------------------------


def test_trace_command_json_has_subject_paths_and_roots(run_cli: Callable, seeds_dir: Path) -> None:
    result = run_cli("trace", "kh-dangu-vpubnd-2026-daihoi#PL3/II/2/2.13", "--format", "json")
    assert result.code == 0, result.err
    data = result.json()
    assert set(data) == {"subject", "paths", "roots"}
    assert set(data["subject"]) == {"iri", "kind", "symbol", "locator", "label", "date", "inferred"}
    assert [n["symbol"] for n in data["paths"][0]] == ["kh-dangu-vpubnd-2026-daihoi", "ctr-tu-nq68", "68-NQ/TW"]
    assert {"iri": NQ68, "date": "2025-05-04"}.items() <= next(r for r in data["roots"] if r["iri"] == NQ68).items()


def test_trace_and_impact_commands_finish_on_cycles(run_cli: Callable) -> None:
    for ref in ("8-KH/TU#1", "9-KH/TU", "10-KH/TU", "2-KH/DU#PL01/1"):
        result = run_cli("trace", ref, "--data", str(CYCLE), "--inferred")
        assert result.code == 0, result.err
        assert "Cycle / Vòng lặp" in result.out
    result = run_cli("impact", "57-NQ/TW", "--data", str(CYCLE), "--inferred", "--format", "json")
    assert result.code == 0 and "cycle" in result.err
    top = result.json()["tree"][0]
    assert top["node"]["symbol"] == "1-CTr/TU"
    assert {c["node"]["symbol"]: c["link_inferred"] for c in top["children"]} == {"2-KH/ĐU": False, "4/KH-UBND": True}


def test_impact_command_with_depth_and_bad_input(run_cli: Callable) -> None:
    result = run_cli("impact", "57-NQ/TW", "--data", str(CYCLE), "--depth", "1", "--format", "json")
    assert result.code == 0
    assert result.json()["counts"] == {"document": 1, "part": 0, "task": 0}
    assert run_cli("impact", "57-NQ/TW", "--data", str(CYCLE), "--depth", "0").code == 2
    unknown = run_cli("trace", "57-NQ/TX", "--data", str(CYCLE))
    assert unknown.code == 2 and "57-NQ/TW" in unknown.err
    not_a_chain_node = run_cli("trace", "lin:Task", "--data", str(CYCLE))
    assert not_a_chain_node.code == 2 and "not a document, part or task" in not_a_chain_node.err
