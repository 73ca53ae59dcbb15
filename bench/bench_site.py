"""The site of the corpus (issue: under 10 s), against copying the same files (the cost of the bytes alone).

Also the lineage diagram of the directive with the most descendants, against building its chain graph.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from bench.harness import Benchmark
from lineage.closure import Closure
from lineage.config import Config
from lineage.diagram import build_diagram, chain_for, fact_book, layout, render_svg
from lineage.graphview import directive_graph
from lineage.site.render import render_site, site_audit
from lineage.store import load


def benchmarks() -> list[Benchmark]:
    """Rendering the whole site; drawing the largest diagram."""
    graph = load(Config.default(), prefer_disk=False)
    view = directive_graph(graph)
    audit = site_audit(graph)
    work = Path(tempfile.mkdtemp(prefix="lineage-bench-site-"))
    atexit.register(shutil.rmtree, work, True)
    rendered = work / "rendered"
    rendered.mkdir()
    render_site(graph, rendered, view=view, audit=audit)
    runs = iter(range(1_000_000))

    def site() -> object:
        out = work / f"site-{next(runs)}"
        out.mkdir()
        summary = render_site(graph, out, view=view, audit=audit)
        shutil.rmtree(out)
        return summary

    def copy() -> object:
        out = work / f"copy-{next(runs)}"
        shutil.copytree(rendered, out)
        shutil.rmtree(out)
        return out

    closure = Closure.from_view(view, inferred=True)
    facts = fact_book(graph, view)
    root = max((n for n in view if view.nodes[n]["kind"] == "document"), key=lambda n: len(closure.descendants(n)))

    def diagram() -> object:
        return render_svg(layout(build_diagram(chain_for(closure, root, "down", view=view), root, facts,
                                               direction="down")))

    def chain() -> object:
        return chain_for(closure, root, "down", view=view)

    return [
        Benchmark("site:corpus", "lineage site of the corpus (every page, diagram, Turtle file, search index)",
                  site, copy, "copying the rendered site folder", target_seconds=10.0, repeat=3),
        Benchmark("diagram:largest", f"SVG of the down diagram of {view.nodes[root].get('symbol')} "
                  f"({len(closure.descendants(root))} descendants)", diagram, chain, "building its chain graph",
                  repeat=5),
    ]
