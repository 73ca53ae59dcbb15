"""The audit's fast paths give the answers of the plain ones they stand for.

Each shortcut of the audit (a JSON writer, chunked word reading, documents found
in one walk, groups joined cluster by cluster, grouped participations, kinds
named in Python, the tests that skip a rule's query) is held here to the plain
computation it replaces, on the corpus, the audit fixtures, a small synthetic
corpus and graphs written for the case.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
import pytest

from lineage.audit import duplication, jsontext, responsibility, timings
from lineage.audit.context import AuditContext
from lineage.audit.model import Evidence, Subject
from lineage.audit.prechecks import may_lack_lead, may_lack_plan
from lineage.audit.registry import run_audit
from lineage.audit.render import render
from lineage.config import Config
from lineage.store import LoadedGraph, load
from lineage.synth.generate import SynthSpec, generate

CONFIG = Config.default()
FIXTURES = Path(__file__).parent / "fixtures" / "audit"
ELI = CONFIG.base_iri + "/eli/"
PREFIXES = """@prefix lin: <https://w3id.org/lineage-vn/def#> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#> .
@prefix lin-type: <https://w3id.org/lineage-vn/scheme/document-type/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _fixture(name: str) -> LoadedGraph:
    folder = FIXTURES / name
    return load(dataclasses.replace(CONFIG.with_data(folder), seeds_dir=folder / "texts"), prefer_disk=False)


def _written(folder: Path, turtle: str) -> LoadedGraph:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.ttl").write_text(PREFIXES + turtle, encoding="utf-8")
    return load(CONFIG.with_data(folder), prefer_disk=False)


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, LoadedGraph]:
    """The corpus, both audit fixtures and a small synthetic corpus (with its planted defects)."""
    synth = tmp_path_factory.mktemp("synth") / "tiny"
    generate(SynthSpec(provinces=3, ministries=2, directives=3, tasks_per_plan=8, seed=7), synth, CONFIG.base_iri)
    return {"corpus": load(CONFIG, prefer_disk=False), "clean": _fixture("clean"), "defects": _fixture("defects"),
            "synth": load(CONFIG.with_data(synth), prefer_disk=False)}


NAMES = ("corpus", "clean", "defects", "synth")


# -- JSON ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    {}, [], "", 0, -3, 2.5, 1e300, float("nan"), float("inf"), -float("inf"), True, False, None,
    {"a": [1, [], {}, [[]], {"b": None}], "c": "đ \" \\ \n \t \u0001 \u2028 😀", "d": (1, "x")},
    [{"x": {"y": {"z": [1.0, 2, "3"]}}}, []],
])
def test_the_json_writer_writes_the_standard_encoders_bytes(value: object) -> None:
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_values_the_writer_does_not_know_go_to_the_standard_encoder() -> None:
    value = {"a": {1: "one", None: [2]}, "b": [True]}
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("name", NAMES)
def test_the_json_report_is_the_standard_encoders(name: str, graphs: dict[str, LoadedGraph]) -> None:
    report = run_audit(graphs[name])
    assert render(report, "json") == json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"


def test_subjects_and_passages_are_written_with_every_field_in_order() -> None:
    subject = Subject("https://example.org/a", "57-NQ/TW", "PL1/2", "Nhiệm vụ", "task")
    evidence = Evidence("001.txt", "“trích”", "3-4")
    assert list(subject.as_json().items()) == list(dataclasses.asdict(subject).items())
    assert list(evidence.as_json().items()) == list(dataclasses.asdict(evidence).items())


# -- words of task texts ---------------------------------------------------------------------------------------


def test_every_white_space_folds_to_something_that_ends_a_word() -> None:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert spaces
    for space in spaces:
        folded = duplication._words(f"a{space}b")
        assert folded == ("a", "b"), repr(space)


@pytest.mark.parametrize("text", [
    "", "   ", "Nâng cấp hạ tầng mạng", "  Sở Y tế\u00a0tỉnh\tLai Châu\n(chủ trì)  ", "ĐẢNG ỦY — tổ chức 2026-2030.",
    "Tỉnh ủy", "Ti\u0309nh u\u0309y", "a\u0301b c\u200bd", "x_y z–w", "ﬁ ² Å", "Ｆｕｌｌ ｗｉｄｔｈ",
])
def test_chunked_words_are_the_words_of_the_whole_text(text: str) -> None:
    chunks = duplication._ChunkWords()
    assert chunks.words(text) == duplication._words(text)
    assert chunks.words(text) == chunks.words(text)


@pytest.mark.parametrize("name", NAMES)
def test_chunked_words_of_every_task_text(name: str, graphs: dict[str, LoadedGraph]) -> None:
    context = AuditContext(graphs[name])
    chunks = duplication._ChunkWords()
    for values in context.task_values(duplication._DESCRIPTION).values():
        assert chunks.words(values[0]) == duplication._words(values[0])


# -- documents of parts and tasks --------------------------------------------------------------------------------


def _walk_up(context: AuditContext, iri: str) -> str | None:
    """The document of ``iri`` as the audit found it before: one walk per node, up the first part_of link."""
    nodes = dict(context.view.nodes(data=True))
    if iri not in nodes:
        return None
    if nodes[iri]["kind"] == "document":
        return iri
    whole: dict[str, str] = {}
    for child, parent, relation in context.view.edges(keys=True):
        if relation == "part_of":
            whole.setdefault(child, parent)
    seen, current = {iri}, whole.get(iri)
    while current is not None and current not in seen:
        if nodes[current]["kind"] == "document":
            return current
        seen.add(current)
        current = whole.get(current)
    return None


def _view(edges: list[tuple[str, str]], kinds: dict[str, str]) -> nx.MultiDiGraph:
    view = nx.MultiDiGraph()
    for iri, kind in kinds.items():
        view.add_node(iri, iri=iri, kind=kind, symbol=iri, locator=None, label=None, date=None, level=None,
                      type_code=None)
    for child, parent in edges:
        view.add_edge(child, parent, key="part_of", relation="part_of", graphs=set(), inferred=False)
    return view


def test_documents_are_found_as_one_walk_per_node_finds_them(graphs: dict[str, LoadedGraph]) -> None:
    kinds = {"d": "document", "e": "document", "p": "part", "q": "part", "t": "task", "u": "task", "l1": "part",
             "l2": "part", "l3": "task", "below": "task", "loose": "task", "top": "part", "x": "task"}
    edges = [("t", "p"), ("p", "q"), ("q", "d"), ("q", "e"), ("u", "d"), ("l1", "l2"), ("l2", "l1"),
             ("l3", "l1"), ("below", "l3"), ("loose", "top"), ("x", "p"), ("x", "e")]
    for order in (list(kinds), list(reversed(kinds))):
        view = _view(edges, {k: kinds[k] for k in order})
        context = AuditContext(graphs["clean"], view=view)
        assert {iri: context.document_of(iri) for iri in kinds} == {iri: _walk_up(context, iri) for iri in kinds}
        assert context.document_of("not-in-the-view") is None
    assert AuditContext(graphs["clean"], view=view).document_of("t") == "d"


@pytest.mark.parametrize("name", NAMES)
def test_documents_of_every_node(name: str, graphs: dict[str, LoadedGraph]) -> None:
    context = AuditContext(graphs[name])
    assert all(context.document_of(iri) == _walk_up(context, iri) for iri in context.view)


# -- groups of alike tasks ----------------------------------------------------------------------------------------


def _join_pairwise(self: duplication._Links, numbers: list[int]) -> None:
    """The join as it was first written: every pair of groups not yet joined in this call, in turn."""
    buckets: dict[int, list[int]] = defaultdict(list)
    for number in numbers:
        buckets[self.find(number)].append(number)
    if len(buckets) < 2:
        return
    roots, members = list(buckets), list(buckets.values())
    joined = list(range(len(roots)))
    for i in range(len(roots)):
        for j in range(i + 1, len(roots)):
            a, b = i, j
            while joined[a] != a:
                a = joined[a]
            while joined[b] != b:
                b = joined[b]
            if a != b and _alike_pairwise(self, members[i], members[j]):
                joined[max(a, b)] = min(a, b)
                first, second = self.find(roots[a]), self.find(roots[b])
                self.parent[max(first, second)] = min(first, second)


def _alike_pairwise(self: duplication._Links, these: list[int], those: list[int]) -> bool:
    corpus = self.corpus
    for a in these:
        for b in those:
            key, other = corpus.key_of[a], corpus.key_of[b]
            if corpus.documents[a] == corpus.documents[b]:
                continue
            if key == other:
                return True
            named, theirs = corpus.cited[key], corpus.cited[other]
            if named and theirs and not named & theirs:
                continue
            inter = len(corpus.shingles[key] & corpus.shingles[other])
            size, size_other = corpus.sizes[key], corpus.sizes[other]
            if inter and duplication._alike_counts(inter, size + size_other - inter, min(size, size_other)):
                return True
    return False


@pytest.mark.parametrize("name", NAMES)
def test_groups_joined_cluster_by_cluster_are_those_joined_pair_by_pair(name: str, graphs: dict[str, LoadedGraph],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = duplication._Corpus.read(AuditContext(graphs[name]))
    fast = corpus.groups()
    monkeypatch.setattr(duplication._Links, "_join", _join_pairwise)
    assert fast == corpus.groups()
    if name == "synth":
        assert fast


def test_clusters_join_through_a_group_alike_to_two_others(graphs: dict[str, LoadedGraph],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A and C are alike to B, not to each other: B, met last, joins both clusters."""
    corpus = duplication._Corpus.read(AuditContext(graphs["synth"]))
    links = duplication._Links(corpus)
    alike = {frozenset({0, 2}), frozenset({1, 2})}
    monkeypatch.setattr(duplication._Links, "_alike_across",
                        lambda self, these, those: any(frozenset({a, b}) in alike for a in these for b in those))
    links._join([0, 1, 2, 3])
    assert links.find(0) == links.find(1) == links.find(2) == 0 and links.find(3) == 3


# -- participations, timing kinds ---------------------------------------------------------------------------------

_PARTICIPATIONS = """
SELECT ?task ?org ?role WHERE {
  ?task eli-dl:had_participation ?p .
  ?p eli-dl:had_participant_organization ?org ; eli-dl:participation_role ?role .
}
"""


@pytest.mark.parametrize("name", NAMES)
def test_participations_count_each_row_of_the_plain_query(name: str, graphs: dict[str, LoadedGraph]) -> None:
    context = AuditContext(graphs[name])
    led: dict[str, Counter[str]] = defaultdict(Counter)
    coordinated: dict[str, Counter[str]] = defaultdict(Counter)
    for row in context.rows(_PARTICIPATIONS):
        if context.kind(row["task"] or "") == "task":
            target = led if (row["role"] or "").rsplit("/", 1)[-1] == "lead" else coordinated
            target[row["org"] or ""][row["task"] or ""] += 1
    found_led, found_coordinated = responsibility.participations(context)
    assert {b: Counter(t) for b, t in found_led.items()} == led
    assert {b: Counter(t) for b, t in found_coordinated.items()} == coordinated
    if name == "corpus":
        assert led


@pytest.mark.parametrize("name", NAMES)
def test_timing_kinds_are_named_as_the_query_names_them(name: str, graphs: dict[str, LoadedGraph]) -> None:
    context = AuditContext(graphs[name])
    rows = timings.task_timings(context)
    assert rows == context.rows(timings._TASK_TIMINGS_NAMING_KINDS)
    assert any(row["kind"] for row in rows)


def test_a_timing_kind_that_is_not_an_iri_is_named_by_the_query(tmp_path: Path) -> None:
    graph = _written(tmp_path, """
<https://example.org/t1> a lin:Task ; lin:timing <https://example.org/t1/timing> .
<https://example.org/t1/timing> lin:timingKind "a/b\\nc/d" .
<https://example.org/t2> a lin:Task ; lin:timing [ lin:timingKind <https://example.org/kind/continuous> ] .
""")
    context = AuditContext(graph)
    rows = timings.task_timings(context)
    assert rows == context.rows(timings._TASK_TIMINGS_NAMING_KINDS)
    assert "continuous" in {row["kind"] for row in rows}


# -- the tests that skip a query ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_the_skipped_queries_would_have_found_nothing(name: str, graphs: dict[str, LoadedGraph]) -> None:
    context = AuditContext(graphs[name])
    lead, plan = may_lack_lead(context), may_lack_plan(context)
    assert lead or not context.query("tasks-without-lead")
    assert plan or not context.query("reports-without-plan")
    if name in ("corpus", "defects"):
        assert lead and plan


def test_a_plan_two_links_below_a_reported_directive_skips_the_query(tmp_path: Path) -> None:
    graph = _written(tmp_path / "below", f"""
<{ELI}r> lin:reportsOn <{ELI}d> .
<{ELI}p> eli:ensures_implementation_of <{ELI}d> ; eli:type_document lin-type:ctr .
<{ELI}k> eli:ensures_implementation_of <{ELI}p> ; eli:type_document lin-type:kh .
""")
    context = AuditContext(graph)
    assert not may_lack_plan(context) and not context.query("reports-without-plan")


@pytest.mark.parametrize("turtle", [
    f"<{ELI}r> lin:reportsOn <{ELI}d> . <{ELI}p> eli:ensures_implementation_of <{ELI}d> .",
    (f"<{ELI}s> lin:aboutDirective <{ELI}d> ; lin:statedIn <{ELI}r> . "
     f"<{ELI}k> eli:ensures_implementation_of <{ELI}k2> ; eli:type_document lin-type:kh . "
     f"<{ELI}k2> eli:ensures_implementation_of <{ELI}k> ."),
])
def test_a_directive_with_no_plan_below_runs_the_query(turtle: str, tmp_path: Path) -> None:
    context = AuditContext(_written(tmp_path / "none", turtle))
    assert may_lack_plan(context) and context.query("reports-without-plan")


def test_a_task_with_no_lead_or_not_named_by_iri_runs_the_query(tmp_path: Path) -> None:
    led = 'eli-dl:had_responsible_organization <https://example.org/org/a>'
    named = _written(tmp_path / "named", f"<{ELI}t1> a lin:Task ; {led} . <{ELI}t2> a lin:Task .")
    blank = _written(tmp_path / "blank", f"<{ELI}t1> a lin:Task ; {led} . [] a lin:Task .")
    everyone = _written(tmp_path / "all", f"<{ELI}t1> a lin:Task ; {led} .")
    assert may_lack_lead(AuditContext(named)) and AuditContext(named).query("tasks-without-lead")
    assert may_lack_lead(AuditContext(blank)) and AuditContext(blank).query("tasks-without-lead")
    assert not may_lack_lead(AuditContext(everyone)) and not AuditContext(everyone).query("tasks-without-lead")
