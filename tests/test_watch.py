"""``lineage build --watch``: the resident graph follows the files, and each build equals a fresh one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from lineage.build import BuildSummary, run_build
from lineage.config import Config
from lineage.errors import InputError
from lineage.store import LoadedGraph, load
from lineage.watch import ResidentGraph, watch

OUTPUTS = ("documents.json", "tasks.json", "validation/report.json", "audit/report.json")


def _named(graph: LoadedGraph) -> set[ox.Quad]:
    """The quads without blank nodes (a blank node gets a fresh name at every parse), and their count."""
    return {q for q in graph.store if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}


def _same_as_a_fresh_load(graph: LoadedGraph, config: Config) -> None:
    fresh = load(config, prefer_disk=False)
    assert len(graph.store) == len(fresh.store) and _named(graph) == _named(fresh)
    assert graph.graph_names() == fresh.graph_names() and graph.files == fresh.files


def test_the_resident_graph_follows_edited_added_and_deleted_files(mini_copy: Path) -> None:
    config = Config.default().with_data(mini_copy)
    resident = ResidentGraph(config)
    _same_as_a_fresh_load(resident.refresh(), config)
    s1 = mini_copy / "sources" / "s1.ttl"
    s1.write_text(s1.read_text(encoding="utf-8") + "\n<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    shutil.copy(mini_copy / "sources" / "s2.ttl", mini_copy / "sources" / "s3.ttl")
    (mini_copy / "bodies.ttl").unlink()
    _same_as_a_fresh_load(resident.refresh(), config)


def test_bad_input_names_the_file_and_the_next_refresh_parses_everything(mini_copy: Path) -> None:
    config = Config.default().with_data(mini_copy)
    resident = ResidentGraph(config)
    resident.refresh()
    bodies = mini_copy / "bodies.ttl"
    good = bodies.read_text(encoding="utf-8")
    bodies.write_text(good + '\n<urn:a> <urn:b> "unterminated .\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        resident.refresh()
    assert caught.value.path == bodies
    bodies.write_text(good, encoding="utf-8")
    _same_as_a_fresh_load(resident.refresh(), config)


def test_each_watched_build_gives_what_a_fresh_build_gives(mini_copy: Path, tmp_path: Path) -> None:
    """Three builds: the first full, the second after an edit (incremental), the third after a broken file."""
    config = Config.default().with_data(mini_copy).with_build(tmp_path / "build")
    summaries: list[BuildSummary] = []
    messages: list[str] = []
    bodies = mini_copy / "bodies.ttl"
    renamed = bodies.read_text(encoding="utf-8").replace('"Sở Nông nghiệp và Môi trường"@vi', '"Sở NN và MT"@vi')
    edits = iter([
        lambda: bodies.write_text(renamed, encoding="utf-8"),  # a body renamed: no blank node, so incremental
        lambda: (mini_copy / "bodies.ttl").write_text("<urn:a> <urn:b> .\n", encoding="utf-8"),
        lambda: None,
    ])
    watch(config, messages.append, summaries.append, site=False, interval=0.01, builds=3,
          after_build=lambda: next(edits)())
    assert [s.mode.split(" ")[0] for s in summaries] == ["full", "incremental"], messages
    assert any("bodies.ttl:1" in m for m in messages) and any("previous build is kept" in m for m in messages)
    watched = {name: (config.build_dir / name).read_bytes() for name in OUTPUTS}
    bodies.write_text(renamed, encoding="utf-8")  # the state the last good build read
    fresh = config.with_build(tmp_path / "fresh")
    run_build(fresh, lambda _: None, site=False, incremental=False)
    assert {name: (fresh.build_dir / name).read_bytes() for name in OUTPUTS} == watched
