"""Validating again after a change writes the files a full validation writes, byte for byte.

Each case edits a small synthetic corpus, validates again from the state the
first validation left (:mod:`lineage.validate.state`), and compares every file
of ``validation/`` with those of a full validation of the edited data.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from lineage.changes import GraphChange
from lineage.config import Config
from lineage.fastshacl.reach import read_reach
from lineage.fastshacl.reader import read_shapes
from lineage.store import LoadedGraph, load
from lineage.synth.generate import SynthSpec, generate
from lineage.validate import REPORT_DIR, validate, write_reports
from lineage.validate.results import ALL_FOCUS_NODES
from lineage.validate.shapes import load_shapes
from lineage.validate.state import STATE_FILE, read_state

CONFIG = Config.default()
SPEC = SynthSpec(provinces=2, ministries=2, directives=3, tasks_per_plan=8, seed=3)
PLAN = "sources/p00-kh-100.ttl"
PLAN_IRI = "https://w3id.org/lineage-vn/eli/vn-hanoi/ubnd/kh/2026/100"
BODY = '"Ban Thường vụ Tỉnh ủy Hà Nội"'
FILES = ("report.txt", "report.ttl", "report.json", STATE_FILE)
FULL = ALL_FOCUS_NODES

Edit = Callable[[Path], None]


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old} is not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def body_in_timing(data: Path) -> None:
    """A timing cell holds a body's name: the shape whose reach is not bounded reports it."""
    _rewrite(data / PLAN, f'<{PLAN_IRI}/pl1/1/timing> <https://w3id.org/lineage-vn/def#printedTiming> "Trong năm 2027"',
             f"<{PLAN_IRI}/pl1/1/timing> <https://w3id.org/lineage-vn/def#printedTiming> {BODY}")


def body_renamed(data: Path) -> None:
    """The body named in the timing cell is renamed: that result goes, other names change."""
    _rewrite(data / "bodies.ttl", f"{BODY}@vi", '"Ban Thường vụ Thành ủy Hà Nội"@vi')


def plan_redated(data: Path) -> None:
    """The plan now predates the programme it implements."""
    _rewrite(data / PLAN, f'<{PLAN_IRI}> <http://data.europa.eu/eli/ontology#date_document> "2026-02-10"',
             f'<{PLAN_IRI}> <http://data.europa.eu/eli/ontology#date_document> "2025-12-01"')


def plan_renumbered(data: Path) -> None:
    """The plan's symbol changes: every result about its tasks is named anew."""
    _rewrite(data / PLAN, f'<{PLAN_IRI}> <http://data.europa.eu/eli/ontology#id_local> "100/KH-UBND"',
             f'<{PLAN_IRI}> <http://data.europa.eu/eli/ontology#id_local> "100A/KH-UBND"')


def quotes_changed(data: Path) -> None:
    """Every passage quotation of the plan changes: the located passages of its results change."""
    path = data / PLAN
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    exact = "<http://www.w3.org/ns/oa#exact> \""
    path.write_text("".join(line.replace(exact, exact + "(sửa) ") for line in lines), encoding="utf-8")


def timing_restored(data: Path) -> None:
    """The timing cell is put right again."""
    _rewrite(data / PLAN, f"<{PLAN_IRI}/pl1/1/timing> <https://w3id.org/lineage-vn/def#printedTiming> {BODY}",
             f'<{PLAN_IRI}/pl1/1/timing> <https://w3id.org/lineage-vn/def#printedTiming> "Trong năm 2027"')


EDITS: dict[str, Edit] = {f.__name__: f for f in (body_renamed, plan_redated, plan_renumbered, quotes_changed,
                                                  timing_restored)}


def _load(data: Path) -> LoadedGraph:
    return load(CONFIG.with_data(data), prefer_disk=False)


def _validated(graph: LoadedGraph, out: Path, since: tuple[GraphChange, Path] | None = None) -> str:
    report = validate(graph, CONFIG.shapes_dir, since=since)
    write_reports(report, out)
    return report.scope


def _change(before: LoadedGraph, after: LoadedGraph, previous: Path) -> GraphChange:
    """The triples that came and went in each named graph (what :func:`lineage.changes.detect` gives)."""
    change = GraphChange(previous, tuple(sorted(set(before.graph_names()) | set(after.graph_names()))))
    for name in change.graphs:
        node = ox.NamedNode(name)
        old = {q.triple for q in before.store.quads_for_pattern(None, None, None, node)}
        new = {q.triple for q in after.store.quads_for_pattern(None, None, None, node)}
        change.added |= new - old
        change.removed |= old - new
    return change


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, LoadedGraph, Path]:
    """A synthetic data folder (a body's name in a timing cell), its graph, and a folder validated in full."""
    root = tmp_path_factory.mktemp("revalidate")
    data, out = root / "data", root / "first"
    generate(SPEC, data, CONFIG.base_iri)
    body_in_timing(data)
    graph = _load(data)
    assert _validated(graph, out) == FULL
    assert "TimingBodyNameShape" in (out / REPORT_DIR / "report.txt").read_text(encoding="utf-8")
    return data, graph, out


def _same_files(one: Path, other: Path) -> None:
    for name in FILES:
        assert (one / REPORT_DIR / name).read_bytes() == (other / REPORT_DIR / name).read_bytes(), name


@pytest.mark.parametrize("edit", EDITS)
def test_validating_again_writes_the_files_of_a_full_validation(first: tuple[Path, LoadedGraph, Path], tmp_path: Path,
                                                                edit: str) -> None:
    data, before, previous = first
    edited = tmp_path / "data"
    shutil.copytree(data, edited)
    EDITS[edit](edited)
    after = _load(edited)
    change = _change(before, after, previous)
    assert change.added or change.removed
    scope = _validated(after, tmp_path / "again", (change, previous / REPORT_DIR / STATE_FILE))
    again = re.fullmatch(r"(\d+) focus node\(s\) again, (\d+) shape\(s\) in full / .*", scope)
    assert again is not None, scope
    targeted = len(read_shapes(load_shapes(CONFIG.shapes_dir).graph).targeted)
    assert int(again[2]) < targeted, scope  # most shapes were limited to the focus nodes the edit reaches
    assert _validated(after, tmp_path / "full") == FULL
    _same_files(tmp_path / "again", tmp_path / "full")


def test_two_full_validations_write_the_same_files(first: tuple[Path, LoadedGraph, Path], tmp_path: Path) -> None:
    _, graph, previous = first
    _validated(graph, tmp_path)
    _same_files(tmp_path, previous)


def test_the_state_reads_back_as_it_was_written(first: tuple[Path, LoadedGraph, Path]) -> None:
    _, graph, previous = first
    report = validate(graph, CONFIG.shapes_dir)
    assert report.state is not None
    index = report.state.index  # the SPARQL constraints (blank nodes) are found in the shapes read anew
    state = read_state(previous / REPORT_DIR / STATE_FILE, index)
    assert state is not None and state.results == report.state.results
    assert {node: reach and reach.key() for node, reach in state.reach().items()} == {
        node: reach and reach.key() for node, reach in read_reach(index).items()}
    assert read_state(previous / REPORT_DIR / STATE_FILE, read_shapes(load_shapes(CONFIG.shapes_dir).graph)) is not None


@pytest.mark.parametrize("damage", ["missing", "other shapes", "not json"])
def test_a_state_that_cannot_be_used_means_a_full_validation(first: tuple[Path, LoadedGraph, Path], tmp_path: Path,
                                                             damage: str) -> None:
    _, graph, previous = first
    shutil.copytree(previous, tmp_path / "previous")
    state = tmp_path / "previous" / REPORT_DIR / STATE_FILE
    if damage == "missing":
        state.unlink()
    elif damage == "other shapes":
        state.write_text(state.read_text(encoding="utf-8").replace("shapes#TaskShape", "shapes#GoneShape"), encoding="utf-8")
    else:
        state.write_text("{", encoding="utf-8")
    change = GraphChange(tmp_path / "previous", ())
    scope = _validated(graph, tmp_path / "out", (change, tmp_path / "previous" / REPORT_DIR / STATE_FILE))
    assert scope == FULL
    _same_files(tmp_path / "out", previous)
