"""The site: of the corpus (issue: under 10 s), and of the synthetic corpora (``small``, ``national``; see bench_scale).

Per corpus: rendering the whole site into an empty folder, and rendering it
again over itself, where no file changes and none is written; both against
copying the rendered folder (the cost of the bytes alone).
Each report names the largest page, which must stay under 1 MB. Also the lineage
diagram of the corpus' directive with the most descendants, against building its chain graph.

Per synthetic corpus, after the text of one task changed in one source file:
the incremental render (``render_site(..., changed=...)``) over the site of the
graph before the change, against a whole render of the same graph into the same
folder (``site-incremental``); and reading the data alone, the directive view and
:func:`lineage.site.collect.collect`, against that incremental render, which
includes the second (``site-data``). Each incremental run renders the other
version of the graph, so every run starts from the site of the version before.

Corpora are loaded and rendered when a benchmark of theirs first runs.
"""

from __future__ import annotations

import atexit
import itertools
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from bench.bench_scale import corpus, sizes
from bench.harness import Benchmark
from lineage.audit import run_audit
from lineage.closure import Closure
from lineage.config import Config
from lineage.diagram import build_diagram, chain_for, fact_book, layout, render_svg
from lineage.graphview import directive_graph
from lineage.site.collect import collect
from lineage.site.render import SiteSummary, render_site
from lineage.store import LoadedGraph, load

PAGE_LIMIT = 1_000_000
TARGETS = {"corpus": 10.0, "national": 60.0}
"""Seconds a whole render may take (the issues' aims; ``small`` has none of its own)."""
INCREMENTAL_TARGETS = {"national": 10.0}
"""Seconds an incremental render after one changed task may take (the whole build's aim)."""
EDITED = "<http://purl.org/dc/terms/description>"
"""The statement of a task edited for the incremental benchmarks: its text."""


KINDS = ("site", "site-again", "site-incremental", "site-data", "diagram")
"""The names of this module's benchmarks, before their ``:``."""


def benchmarks() -> list[Benchmark]:
    """The site of the corpus and of each synthetic size, incremental renders; the largest diagram of the corpus."""
    work = Path(tempfile.mkdtemp(prefix="lineage-bench-site-"))
    atexit.register(shutil.rmtree, work, True)
    out = [*_site("corpus", Config.default(), work)]
    for size in sizes():
        out += _site(size, corpus(size), work)
    for size in sizes():
        out += _incremental(size, corpus(size), work)
    return [*out, _diagram()]


@dataclass
class _Rendered:
    graph: LoadedGraph
    view: nx.MultiDiGraph
    audit: Any
    folder: Path


def _site(name: str, config: Config, work: Path) -> list[Benchmark]:
    """A first render and a render over the same folder, for the data of ``config``."""

    @cache
    def rendered() -> _Rendered:
        graph = load(config, prefer_disk=False)
        view = directive_graph(graph)
        audit = run_audit(graph, view=view)
        folder = work / f"{name}-rendered"
        summary = render_site(graph, folder, view=view, audit=audit)
        page, size = summary.largest_page
        if size >= PAGE_LIMIT:
            raise AssertionError(f"{name}: {page} is {size} bytes, over {PAGE_LIMIT}")
        print(f"  {name}: {summary.pages} pages, {len(summary.files)} files; largest page {page} "
              f"({size // 1024} KiB)", file=sys.stderr)
        return _Rendered(graph, view, audit, folder)

    runs = itertools.count()
    repeat = 1 if name in ("national", "large") else 3

    def fresh() -> object:
        site = rendered()
        for previous in work.glob(f"{name}-run-*"):  # the last run's folder, left so its removal is not timed
            shutil.rmtree(previous)
        return render_site(site.graph, work / f"{name}-run-{next(runs)}", view=site.view, audit=site.audit)

    def again() -> object:
        site = rendered()
        result = render_site(site.graph, site.folder, view=site.view, audit=site.audit)
        assert result.written == 0, f"{result.written} files rewritten though nothing changed"
        return result

    def copy() -> object:
        folder = work / f"{name}-copy-{next(runs)}"
        shutil.copytree(rendered().folder, folder)
        shutil.rmtree(folder)
        return folder

    return [
        Benchmark(f"site:{name}", f"lineage site of {name} into an empty folder", fresh, copy,
                  "copying the rendered site folder", target_seconds=TARGETS.get(name), repeat=repeat),
        Benchmark(f"site-again:{name}", f"the same render over the rendered folder (no file written) of {name}",
                  again, copy, "copying the rendered site folder", repeat=repeat),
    ]


@dataclass
class _Versions:
    """The graph before and after one task's text changed, and a folder holding the site of one of them."""

    graphs: tuple[LoadedGraph, LoadedGraph]
    views: tuple[nx.MultiDiGraph, nx.MultiDiGraph]
    audits: tuple[Any, Any]
    changed: set[str]
    folder: Path
    shown: int = 0
    """Which version the folder holds."""
    last: list[SiteSummary] = field(default_factory=list)

    def render(self, *, incremental: bool) -> SiteSummary:
        """Render the other version over the folder (incrementally, or whole)."""
        turn = 1 - self.shown
        summary = render_site(self.graphs[turn], self.folder, view=self.views[turn], audit=self.audits[turn],
                              changed=self.changed if incremental else None)
        self.shown = turn
        self.last[:] = [summary]
        return summary


def _incremental(name: str, config: Config, work: Path) -> list[Benchmark]:
    """An incremental render after one task's text changed, against a whole render; and the data step's share."""

    @cache
    def versions() -> _Versions:
        edited = work / f"{name}-edited"
        shutil.copytree(config.data_dir, edited, ignore=shutil.ignore_patterns("texts"))
        changed = _edit_one_task(edited)
        graphs = (load(config, prefer_disk=False), load(config.with_data(edited), prefer_disk=False))
        views = (directive_graph(graphs[0]), directive_graph(graphs[1]))
        audits = (run_audit(graphs[0], view=views[0]), run_audit(graphs[1], view=views[1]))
        folder = work / f"{name}-incremental"
        render_site(graphs[0], folder, view=views[0], audit=audits[0])
        return _Versions(graphs, views, audits, changed, folder)

    def incremental() -> object:
        summary = versions().render(incremental=True)
        assert summary.incremental and summary.kept > summary.rendered, (summary.incremental, summary.rendered)
        return summary

    def whole() -> object:
        return versions().render(incremental=False)

    def data() -> object:
        graph = versions().graphs[0]
        return collect(graph, directive_graph(graph))

    def report(run: Callable[[], object]) -> Callable[[], object]:
        def reported() -> object:
            result = run()
            summary = versions().last[0]
            print(f"  {name}: rendered {summary.rendered} pages, kept {summary.kept}, wrote {summary.written} "
                  f"files; seconds {summary.seconds}", file=sys.stderr)
            return result
        return reported

    return [
        Benchmark(f"site-incremental:{name}", f"incremental render of {name} after one task's text changed",
                  report(incremental), whole, "a whole render of the same graph over the same folder",
                  target_seconds=INCREMENTAL_TARGETS.get(name), repeat=3, baseline_repeat=1),
        Benchmark(f"site-data:{name}", f"the directive view and collect() of {name}, within the incremental render",
                  data, incremental, "the incremental render", repeat=3),
    ]


def _edit_one_task(data: Path) -> set[str]:
    """Change the text of the first task of the first source file that has one; the IRIs of what changed."""
    for path in sorted((data / "sources").glob("*.ttl")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for number, line in enumerate(lines):
            if f"> {EDITED} " in line and '"@vi' in line:
                before = {q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}
                lines[number] = line.replace('"@vi', ' (sửa đổi / edited)"@vi', 1)
                path.write_text("".join(lines), encoding="utf-8")
                after = {q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}
                return {term.value for triple in before ^ after for term in (triple.subject, triple.object)
                        if isinstance(term, ox.NamedNode)}
    raise AssertionError(f"no task text to edit in {data}")


def _diagram() -> Benchmark:
    graph = load(Config.default(), prefer_disk=False)
    view = directive_graph(graph)
    closure = Closure.from_view(view, inferred=True)
    facts = fact_book(graph, view)
    root = max((n for n in view if view.nodes[n]["kind"] == "document"), key=lambda n: len(closure.descendants(n)))

    def diagram() -> object:
        return render_svg(layout(build_diagram(chain_for(closure, root, "down", view=view), root, facts,
                                               direction="down")))

    def chain() -> object:
        return chain_for(closure, root, "down", view=view)

    return Benchmark("diagram:largest", f"SVG of the down diagram of {view.nodes[root].get('symbol')} "
                     f"({len(closure.descendants(root))} descendants)", diagram, chain, "building its chain graph",
                     repeat=5)
