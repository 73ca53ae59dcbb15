"""``lineage synth``: deterministic, in the corpus's own vocabulary, with exactly the defects it lists."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from lineage.closure import Closure
from lineage.config import Config
from lineage.graphview import directive_graph
from lineage.store import LoadedGraph, load
from lineage.synth.generate import SynthSpec, generate

BASE = Config.default().base_iri
TINY = SynthSpec(provinces=3, ministries=2, directives=3, tasks_per_plan=6, seed=5)
PAIRS = "SELECT DISTINCT ?class ?property WHERE { ?s a ?class ; ?property ?o }"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "tiny"
    generate(TINY, out, BASE)
    return out


@pytest.fixture(scope="module")
def tiny_graph(tiny: Path) -> LoadedGraph:
    return load(Config.default().with_data(tiny), prefer_disk=False)


def defects(folder: Path) -> list[dict[str, object]]:
    return json.loads((folder / "defects.json").read_text(encoding="utf-8"))


def test_same_seed_same_bytes_other_seed_other_corpus(tiny: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    generate(TINY, again, BASE)
    generate(SynthSpec(3, 2, 3, 6, seed=6), other, BASE)
    files = sorted(p.relative_to(tiny) for p in tiny.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((tiny / f).read_bytes() == (again / f).read_bytes() for f in files)
    assert any((tiny / f).read_bytes() != (other / f).read_bytes() for f in files if (other / f).is_file())


def test_counts_follow_the_spec(tiny_graph: LoadedGraph) -> None:
    tasks = int(next(iter(tiny_graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?t a lin:Task }")))["n"].value)
    plans = (TINY.provinces + TINY.ministries) * TINY.directives
    assert tasks == plans * TINY.tasks_per_plan


def test_tasks_have_timing_of_every_printed_kind(tiny_graph: LoadedGraph) -> None:
    rows = tiny_graph.query("SELECT DISTINCT ?kind WHERE { ?t a lin:Task ; lin:timing/lin:timingKind ?kind }")
    kinds = {row["kind"].value.rsplit("/", 1)[-1] for row in rows}
    assert kinds == {"period", "fixed-date", "continuous", "recurring", "conditional", "done"}


def test_written_in_the_corpus_vocabulary(tiny_graph: LoadedGraph) -> None:
    corpus = load(Config.default(), prefer_disk=False)
    real = {(r["class"].value, r["property"].value) for r in corpus.query(PAIRS)}
    synthetic = {(r["class"].value, r["property"].value) for r in tiny_graph.query(PAIRS)}
    assert synthetic <= real


def test_every_planted_kind_is_listed_once_per_place(tiny: Path) -> None:
    kinds = sorted(d["kind"] for d in defects(tiny))
    assert kinds == ["conflicting_date", "conflicting_target", "cycle", "date_inversion", "numbering_gap", "orphan"]


def test_tasks_reach_a_directive_except_under_the_orphan(tiny: Path, tiny_graph: LoadedGraph) -> None:
    closure = Closure.from_view(directive_graph(tiny_graph))
    orphan = next(d["subjects"][0] for d in defects(tiny) if d["kind"] == "orphan")
    rows = tiny_graph.query("SELECT ?task ?plan WHERE { ?task a lin:Task ; eli:is_part_of/eli:is_part_of ?plan }")
    for row in rows:
        roots = closure.roots(row["task"].value)
        if row["plan"].value == orphan:
            assert roots == [orphan]
        else:
            assert any("/eli/vn/tw/" in root for root in roots), row["task"].value


def test_the_cycle_is_a_cycle(tiny: Path, tiny_graph: LoadedGraph) -> None:
    closure = Closure.from_view(directive_graph(tiny_graph))
    planted = next(set(d["subjects"]) for d in defects(tiny) if d["kind"] == "cycle")
    assert any(set(cycle) == planted for cycle in closure.cycles())


def test_bad_spec_is_refused(run_cli: Callable[..., object], tmp_path: Path) -> None:
    result = run_cli("synth", "--provinces", "0", "--seed", "1", "--out", str(tmp_path / "x"))
    assert result.code == 2 and "provinces must be between 1 and 34" in result.err
    assert not (tmp_path / "x").exists()


def _related(finding: dict[str, object], defect: dict[str, object]) -> bool:
    """A finding concerns a defect when one of its subjects is, or lies inside, one of the defect's nodes."""
    subjects = [s["iri"] for s in finding["subjects"]]  # type: ignore[index]
    return any(s == d or s.startswith(f"{d}/") or d.startswith(f"{s}/")
               for s in subjects for d in defect["subjects"])  # type: ignore[union-attr]


def test_the_audit_finds_every_planted_defect_and_nothing_else(tiny: Path, tiny_graph: LoadedGraph) -> None:
    from lineage.audit import run_audit

    planted = defects(tiny)
    findings = [f for f in run_audit(tiny_graph).as_json()["findings"] if f["severity"] != "info"]
    for defect in planted:
        assert any(_related(f, defect) for f in findings), defect
    # synthetic task texts are drawn from a small vocabulary, so look-alike tasks across plans are expected
    unexplained = [f for f in findings if f["check"] != "duplication" and not any(_related(f, d) for d in planted)]
    assert unexplained == []


def test_validation_finds_the_planted_chain_and_date_defects_and_nothing_else(tiny: Path, tiny_graph: LoadedGraph) -> None:
    from lineage.validate import Severity, validate

    planted = defects(tiny)
    results = [r for r in validate(tiny_graph, Config.default().shapes_dir).results if r.severity != Severity.INFO]
    as_findings = [{"subjects": [{"iri": r.focus}] + ([{"iri": r.value}] if r.value else [])} for r in results]
    for defect in planted:
        if defect["kind"] in ("orphan", "cycle", "date_inversion", "conflicting_date"):
            assert any(_related(f, defect) for f in as_findings), defect
    # an orphan plan's tasks reach no root: each is reported, and each lies inside the orphan plan
    assert all(any(_related(f, d) for d in planted) for f in as_findings)
