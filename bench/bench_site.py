"""The site: of the corpus (issue: under 10 s), and of the synthetic corpora (``small``, ``national``; see bench_scale).

Per corpus: rendering the whole site into an empty folder, and rendering it
again over itself, where no file changes and none is written; both against
copying the rendered folder (the cost of the bytes alone).
Each report names the largest page, which must stay under 1 MB. Also the lineage
diagram of the corpus' directive with the most descendants, against building its chain graph.
"""

from __future__ import annotations

import atexit
import itertools
import shutil
import tempfile
from pathlib import Path

from bench.bench_scale import corpus, sizes
from bench.harness import Benchmark
from lineage.audit import run_audit
from lineage.closure import Closure
from lineage.config import Config
from lineage.diagram import build_diagram, chain_for, fact_book, layout, render_svg
from lineage.graphview import directive_graph
from lineage.site.render import render_site
from lineage.store import load

PAGE_LIMIT = 1_000_000
TARGETS = {"corpus": 10.0, "national": 60.0}
"""Seconds a whole render may take (the issues' aims; ``small`` has none of its own)."""


KINDS = ("site", "site-again", "diagram")
"""The names of this module's benchmarks, before their ``:``."""


def benchmarks() -> list[Benchmark]:
    """The site of the corpus and of each synthetic size; the largest diagram of the corpus."""
    work = Path(tempfile.mkdtemp(prefix="lineage-bench-site-"))
    atexit.register(shutil.rmtree, work, True)
    out = [*_site("corpus", Config.default(), work)]
    for size in sizes():
        out += _site(size, corpus(size), work)
    return [*out, _diagram()]


def _site(name: str, config: Config, work: Path) -> list[Benchmark]:
    """A first render and a render over the same folder, for the data of ``config``."""
    graph = load(config, prefer_disk=False)
    view = directive_graph(graph)
    audit = run_audit(graph, view=view)
    rendered = work / f"{name}-rendered"
    summary = render_site(graph, rendered, view=view, audit=audit)
    page, size = summary.largest_page
    if size >= PAGE_LIMIT:
        raise AssertionError(f"{name}: {page} is {size} bytes, over {PAGE_LIMIT}")
    runs = itertools.count()
    repeat = 1 if name in ("national", "large") else 3

    def fresh() -> object:
        for previous in work.glob(f"{name}-run-*"):  # the last run's folder, left so its removal is not timed
            shutil.rmtree(previous)
        return render_site(graph, work / f"{name}-run-{next(runs)}", view=view, audit=audit)

    def again() -> object:
        result = render_site(graph, rendered, view=view, audit=audit)
        assert result.written == 0, f"{result.written} files rewritten though nothing changed"
        return result

    def copy() -> object:
        folder = work / f"{name}-copy-{next(runs)}"
        shutil.copytree(rendered, folder)
        shutil.rmtree(folder)
        return folder

    about = (f"{summary.pages} pages, {len(summary.files)} files; largest page {page} "
             f"({size // 1024} KiB)")
    return [
        Benchmark(f"site:{name}", f"lineage site of {name}: {about}", fresh, copy,
                  "copying the rendered site folder", target_seconds=TARGETS.get(name), repeat=repeat),
        Benchmark(f"site-again:{name}", f"the same render over the rendered folder (no file written) of {name}",
                  again, copy, "copying the rendered site folder", repeat=repeat),
    ]


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
