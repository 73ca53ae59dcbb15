"""A second ``lineage build`` redoes only what changed, and its outputs are those of a full build.

Each case edits a small synthetic corpus the way a curator would — a task's
text, a date, a task removed, a link added, a body renamed, a file deleted or
added — then builds incrementally over the previous build and compares every
output with a full build of the same data.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from lineage.build import BuildSummary, run_build
from lineage.changes import MANIFEST, BuildInputs
from lineage.config import Config
from lineage.synth.generate import SynthSpec, generate

SPEC = SynthSpec(provinces=2, ministries=2, directives=3, tasks_per_plan=8, seed=3)
PLAN = "sources/p00-kh-100.ttl"
PLAN_IRI = "https://w3id.org/lineage-vn/eli/vn-hanoi/ubnd/kh/2026/100"
PROGRAMME_IRI = "https://w3id.org/lineage-vn/eli/vn-hanoi/tu/ctr/2026/10"
COMPARED = ("validation/report.json", "audit/report.json", "documents.json", "tasks.json", "lineage.trig")

Edit = Callable[[Path], None]


def _rewrite(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"the edit must change {path.name}"
    path.unlink()  # a new file, as an editor saving it would make (the old one may be linked elsewhere)
    path.write_text(changed, encoding="utf-8")


def task_text(data: Path) -> None:
    _rewrite(data / PLAN, lambda t: t.replace("(Hà Nội, 100/KH-UBND, nhiệm vụ 1)", "(Hà Nội, 100/KH-UBND, nhiệm vụ 1, sửa)"))


def plan_date(data: Path) -> None:
    """The plan now predates the programme it implements: validation and the audit both object."""
    _rewrite(data / PLAN, lambda t: t.replace(f'<{PLAN_IRI}> <http://data.europa.eu/eli/ontology#date_document> '
                                              '"2026-02-10"', f'<{PLAN_IRI}> <http://data.europa.eu/eli/ontology#date_document> '
                                              '"2025-12-01"'))


def task_removed(data: Path) -> None:
    """Task 3 leaves the plan: its numbering now has a gap."""
    task = re.escape(f"<{PLAN_IRI}/pl1/3>")
    _rewrite(data / PLAN, lambda t: "".join(line for line in t.splitlines(keepends=True) if not re.search(task, line)))


def link_added(data: Path) -> None:
    """A link no passage states: the provenance shape reports it."""
    line = (f"<{PLAN_IRI}> <http://data.europa.eu/eli/ontology#cites> "
            "<https://w3id.org/lineage-vn/eli/vn-hue/ubnd/kh/2026/101> .\n")
    _rewrite(data / PLAN, lambda t: t + line)


def body_renamed(data: Path) -> None:
    _rewrite(data / "bodies.ttl", lambda t: t.replace('"Ban Thường vụ Tỉnh ủy Hà Nội"@vi', '"Ban Thường vụ Thành ủy Hà Nội"@vi'))


def cycle_added(data: Path) -> None:
    """The programme now also implements the plan that implements it: a cycle."""
    line = (f"<{PROGRAMME_IRI}> <http://data.europa.eu/eli/ontology#ensures_implementation_of> <{PLAN_IRI}> .\n")
    _rewrite(data / PLAN, lambda t: t + line)


def programme_redated(data: Path) -> None:
    """Another file dates the programme after the plan: results about the plan (not in that file) change."""
    _rewrite(data / "sources" / "p00-ctr-10.ttl", lambda t: t.replace(
        f'<{PROGRAMME_IRI}> <http://data.europa.eu/eli/ontology#date_document> "2026-01-10"',
        f'<{PROGRAMME_IRI}> <http://data.europa.eu/eli/ontology#date_document> "2026-03-01"'))


def file_deleted(data: Path) -> None:
    (data / "sources" / "p01-kh-101.ttl").unlink()


EDITS: dict[str, Edit] = {f.__name__: f for f in (task_text, plan_date, task_removed, link_added, body_renamed,
                                                  cycle_added, programme_redated, file_deleted)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A synthetic data folder and a full build of it."""
    root = tmp_path_factory.mktemp("incremental")
    data, build = root / "data", root / "build"
    generate(SPEC, data, Config.default().base_iri)
    summary = _build(data, build)
    assert summary.mode.startswith("full")
    return data, build


def _build(data: Path, build: Path, *, incremental: bool = True) -> BuildSummary:
    config = Config.default().with_data(data).with_build(build)
    return run_build(config, lambda _: None, site=False, incremental=incremental)


def _copy(corpus: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    data, build = tmp_path / "data", tmp_path / "build"
    shutil.copytree(corpus[0], data)
    shutil.copytree(corpus[1], build)
    return data, build


def _quads(build: Path) -> set[ox.Quad]:
    return set(ox.Store.read_only(str(build / "store")).quads_for_pattern(None, None, None, None))


def _assert_same_outputs(incremental: Path, full: Path) -> None:
    for name in COMPARED:
        assert (incremental / name).read_bytes() == (full / name).read_bytes(), name
    assert _quads(incremental) == _quads(full)


@pytest.mark.parametrize("edit", EDITS)
def test_an_incremental_build_gives_the_outputs_of_a_full_build(corpus: tuple[Path, Path], tmp_path: Path,
                                                                edit: str) -> None:
    data, build = _copy(corpus, tmp_path)
    EDITS[edit](data)
    again = _build(data, build)
    assert again.mode.startswith("incremental"), again.mode
    assert "again" in again.validated, again.validated  # only what the change touches was validated
    full = tmp_path / "full"
    _build(data, full, incremental=False)
    _assert_same_outputs(build, full)


def test_the_edits_change_what_they_should(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    """The comparison above means something: these edits do change the validation and the audit."""
    data, build = _copy(corpus, tmp_path)
    before = json.loads((build / "validation" / "report.json").read_text(encoding="utf-8"))
    audit_before = json.loads((build / "audit" / "report.json").read_text(encoding="utf-8"))
    plan_date(data)
    link_added(data)
    cycle_added(data)
    programme_redated(data)
    _build(data, build)
    after = json.loads((build / "validation" / "report.json").read_text(encoding="utf-8"))
    audit_after = json.loads((build / "audit" / "report.json").read_text(encoding="utf-8"))
    new = {(r["shape"], r["focus"]) for r in after["results"]} - {(r["shape"], r["focus"]) for r in before["results"]}
    assert any(shape.endswith("LinkProvenanceShape") and focus == PLAN_IRI for shape, focus in new)
    assert {(s.rsplit("#", 1)[-1], f) for s, f in new} >= {("ChainCycleShape", PLAN_IRI), ("ChainCycleShape", PROGRAMME_IRI)}
    assert any(focus == PLAN_IRI for _, focus in new - {s for s in new if s[0].endswith("LinkProvenanceShape")})
    assert audit_after != audit_before


def test_a_file_added_back_is_built_incrementally(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    data, build = tmp_path / "data", tmp_path / "build"
    shutil.copytree(corpus[0], data)
    aside = tmp_path / "p01-kh-102.ttl"
    shutil.move(data / "sources" / "p01-kh-102.ttl", aside)
    _build(data, build, incremental=False)
    shutil.move(aside, data / "sources" / "p01-kh-102.ttl")
    assert _build(data, build).mode.startswith("incremental")
    _assert_same_outputs(build, corpus[1])


def test_nothing_changed_is_up_to_date(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    data, build = _copy(corpus, tmp_path)
    stamp = (build / MANIFEST).stat().st_mtime_ns
    again = _build(data, build)
    assert again.mode.startswith("up to date") and again.tasks == 96
    assert (build / MANIFEST).stat().st_mtime_ns == stamp


def test_a_changed_shape_means_a_full_build(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    data, build = _copy(corpus, tmp_path)
    config = Config.default().with_data(data).with_build(build)
    shapes = tmp_path / "shapes"
    shutil.copytree(config.shapes_dir, shapes)
    (shapes / "extra.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
    from dataclasses import replace

    summary = run_build(replace(config, shapes_dir=shapes), lambda _: None, site=False)
    assert summary.mode.startswith("full") and "shapes" in summary.mode


def test_the_record_names_every_input(corpus: tuple[Path, Path]) -> None:
    data, build = corpus
    recorded = BuildInputs.read(build)
    assert recorded is not None
    assert len([g for g in recorded.files if "/graph/sources/" in g]) == len(list((data / "sources").glob("*.ttl")))
    assert {"shapes", "code", "ontology", "queries", "site"} <= set(recorded.context)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("edit", ["task_text", "body_renamed", "task_removed", "file_deleted"])
def test_the_site_of_an_incremental_build_is_that_of_a_full_build(tmp_path: Path, edit: str) -> None:
    from lineage.site.snapshot import snapshot_path

    data, build, full = tmp_path / "data", tmp_path / "build", tmp_path / "full"
    generate(SPEC, data, Config.default().base_iri)
    config = Config.default().with_data(data)
    run_build(config.with_build(build), lambda _: None)
    assert (snapshot_path(build / "site") / "head.json").is_file()
    EDITS[edit](data)
    again = run_build(config.with_build(build), lambda _: None)
    assert again.mode.startswith("incremental"), again.mode
    run_build(config.with_build(full), lambda _: None, incremental=False)
    incremental_site, full_site = _files(build / "site"), _files(full / "site")
    assert incremental_site.keys() == full_site.keys()
    assert [name for name in full_site if incremental_site[name] != full_site[name]] == []
    _assert_same_outputs(build, full)  # with a site, the records are written from the site's (patched) data


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lineage import store

    data, build = tmp_path / "data", tmp_path / "build"
    generate(SPEC, data, Config.default().base_iri)
    config = Config.default().with_data(data).with_build(build)
    run_build(config, lambda _: None)
    before = _files(build)
    task_text(data)

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the store could not be written")

    monkeypatch.setattr(store, "update", fail)
    with pytest.raises(RuntimeError):
        run_build(config, lambda _: None)
    assert _files(build) == before
