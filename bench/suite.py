"""The comparison table of ``make bench``: each operation, on each size, by Lineage's engine and by the baseline.

The baseline is what a plain RDF toolchain does: rdflib's memory store, pySHACL
on it, SPARQL property paths on it. Lineage's engines are Oxigraph, the fast
validator (:mod:`lineage.fastshacl`) and the precomputed closure. Both sides
answer the same question in the same process, one after the other, and their
answers are compared (a difference fails the run). The table goes to stdout
and to ``bench/results/<date>-<sizes>.md``.
"""

from __future__ import annotations

import atexit
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from bench.bench_scale import corpus, sizes
from bench.machine import describe, load_average
from bench.memory import tracking
from bench.rebuild import Rebuild, same_outputs, settle
from bench.runner import RUNS, Contender, Outcome, memory_skip, run_together
from bench.table import BASELINE, FULL_BUILD, Cell, markdown, ordered
from lineage.audit import run_audit
from lineage.build import run_build
from lineage.closure import Closure
from lineage.config import Config
from lineage.graphview import directive_graph
from lineage.namespaces import PREFIXES
from lineage.store import LoadedGraph, input_files, load
from lineage.validate import validate
from lineage.validate.shapes import load_shapes

LINEAGE = "lineage"
PYSHACL_OXIGRAPH = "pySHACL + Oxigraph"
ENGINES = (LINEAGE, PYSHACL_OXIGRAPH, FULL_BUILD, BASELINE)
REBUILD = "rebuild --no-site, one file changed"
REBUILD_SITE = "rebuild, one file changed"
OPERATIONS = ("load", "validate", "trace every task", "impact of one directive", "audit", "build --no-site",
              REBUILD, REBUILD_SITE)

READ_THE_LOAD = ("validate", "trace every task", "impact of one directive", "audit")
"""The operations that read the graph the ``load`` operation loaded."""

LINEAGE_BUDGET = 600.0
"""Seconds of runs after which Lineage's engine stops repeating (five runs of everything at ``national``)."""
BASELINE_BUDGET = 120.0
"""Seconds of runs after which a baseline stops repeating."""
BASELINE_LIMIT = float(os.environ.get("LINEAGE_BENCH_LIMIT", "1200"))
"""Seconds after which one timed baseline run is stopped (``LINEAGE_BENCH_LIMIT``)."""
MEMORY_LIMIT = float(os.environ.get("LINEAGE_BENCH_MEMORY_LIMIT", "600"))
"""Seconds after which a baseline run of the memory pass is stopped (``LINEAGE_BENCH_MEMORY_LIMIT``)."""
RDFLIB_BYTES_PER_QUAD = 2048
"""Resident memory of rdflib's memory store per quad loaded (1.5 KiB measured at ``small`` and ``national``)."""
PYSHACL_EXTRA = 1.0
"""Memory pySHACL needs beyond the graph it reads, as a multiple of that graph's rdflib size."""

TRACE_ALL = """
SELECT ?task ?root WHERE {
  ?task a lin:Task ; (eli:is_part_of|eli:ensures_implementation_of)+ ?root .
  FILTER NOT EXISTS { ?root eli:ensures_implementation_of|eli:is_part_of ?up }
}"""
IMPACT = "SELECT DISTINCT ?node WHERE { ?node (eli:is_part_of|eli:ensures_implementation_of)+ ?directive }"
NAMESPACES = {name: PREFIXES[name] for name in ("eli", "lin")}
RESULTS = Path(__file__).parent / "results"
MEMORY_ARGUMENT = "--memory-pass"


@dataclass
class SizeState:
    """What the operations of one size hand on to the next: the graphs, the closure, the chosen directive."""

    config: Config
    graph: LoadedGraph | None = None
    rdflib: Graph | None = None
    closure: Closure | None = None
    tasks: list[str] = field(default_factory=list)
    directive: str = ""

    def quads(self) -> int:
        """Quads of the loaded graph (0 before the load)."""
        return self.graph.triple_count() if self.graph is not None else 0


@dataclass(frozen=True)
class Operation:
    """An operation, its contenders, and how to compare their answers (None when they agree, else why not)."""

    name: str
    contenders: list[Contender]
    compare: Callable[[dict[str, object]], str | None] | None = None
    after: Callable[[], None] | None = None


def rdflib_graph(config: Config) -> Graph:
    """Every Turtle file of the corpus parsed into one rdflib memory graph (their union, as pySHACL validates it)."""
    graph = Graph()
    for file in input_files(config):
        graph.parse(file.path, format="turtle")
    return graph


def severities(report_graph: Graph) -> Counter[tuple[str, str, str]]:
    """(focus node, constraint component, severity) of every result of a sh:ValidationReport graph, counted."""
    return Counter(
        tuple(str(report_graph.value(result, term)) for term in (SH.focusNode, SH.sourceConstraintComponent,
                                                                 SH.resultSeverity))
        for result in report_graph.objects(None, SH.result)
    )


def trace_closure(graph: LoadedGraph, state: SizeState) -> set[tuple[str, str]]:
    """View and closure (inferred links too, as a property path sees them), then the roots of every task."""
    view = directive_graph(graph)
    state.closure = closure = Closure.from_view(view, inferred=True)
    state.tasks = [node for node, kind in view.nodes(data="kind") if kind == "task"]
    roots = [node for node in view if closure.is_root(node)]
    state.directive = max(roots, key=lambda n: len(closure.descendants(n)), default="")
    return {(task, root) for task in state.tasks for root in closure.roots(task)}


def trace_rdflib(graph: Graph) -> set[tuple[str, str]]:
    """(task, root) of every task by one SPARQL property-path query on rdflib."""
    return {(str(task), str(root)) for task, root in graph.query(TRACE_ALL, initNs=NAMESPACES)}  # type: ignore[misc]


def impact_rdflib(graph: Graph, directive: str) -> set[str]:
    """Everything under ``directive`` by a SPARQL property path on rdflib."""
    rows = graph.query(IMPACT, initNs=NAMESPACES, initBindings={"directive": URIRef(directive)})
    return {str(row[0]) for row in rows}  # type: ignore[index]


def differ(answers: dict[str, object], measure: Callable[[object], object]) -> str | None:
    """None when every answer measures the same, else which engines disagree."""
    values = {engine: measure(answer) for engine, answer in answers.items() if answer is not None}
    first = next(iter(values.values()), None)
    if all(value == first for value in values.values()):
        return None
    return "answers differ: " + ", ".join(f"{engine} {_size(value)}" for engine, value in values.items())


def _size(value: object) -> str:
    """How many items an answer holds (what the table prints when answers differ)."""
    if isinstance(value, Counter):
        return f"{value.total()} results"
    return f"{len(value)} items" if isinstance(value, (list, set, dict)) else repr(value)


def operations(state: SizeState, work: Path, limit: float = BASELINE_LIMIT) -> list[Operation]:
    """The operations of one size, in the order they run; later ones use what earlier ones loaded."""
    config = state.config
    build_config = config.with_build(work / "build")

    def loaded() -> LoadedGraph:
        """The loaded store, as a new graph object each time: what a graph caches must not carry over a run."""
        if state.graph is None:
            raise RuntimeError("the load by Lineage did not complete")
        return LoadedGraph(state.graph.store, state.graph.files, state.graph.config)

    def keep_graph() -> LoadedGraph:
        state.graph = load(config, prefer_disk=False)
        return state.graph

    def keep_rdflib() -> Graph:
        state.rdflib = rdflib_graph(config)
        return state.rdflib

    def drop_rdflib() -> None:
        state.rdflib = None

    def pyshacl_rdflib() -> Graph:
        shapes = load_shapes(config.shapes_dir).graph
        _, report, _ = pyshacl_validate(state.rdflib, shacl_graph=shapes, inference="none", allow_warnings=True,
                                        advanced=True, inplace=True)  # in place: no copy of the data graph
        return report

    def memory(graphs: float) -> Callable[[], str | None]:
        """Skip when ``graphs`` rdflib copies of the corpus would not fit in the memory available now."""
        return lambda: memory_skip(int(state.quads() * RDFLIB_BYTES_PER_QUAD * graphs))

    def rdflib_loaded() -> str | None:
        return None if state.rdflib is not None else "not run: the rdflib graph did not load"

    def closure_built() -> str | None:
        return None if state.closure is not None else "not run: no closure"

    def either(*checks: Callable[[], str | None]) -> Callable[[], str | None]:
        return lambda: next((reason for check in checks if (reason := check()) is not None), None)

    slow = {"budget": BASELINE_BUDGET, "limit": limit}
    return [
        Operation("load", [
            Contender(LINEAGE, keep_graph, budget=LINEAGE_BUDGET),
            Contender(BASELINE, keep_rdflib, before=drop_rdflib, skip=memory(1.0), **slow),
        ]),
        Operation("validate", [
            Contender(LINEAGE, lambda: validate(loaded(), config.shapes_dir, engine="fast").graph,
                      budget=LINEAGE_BUDGET),
            Contender(PYSHACL_OXIGRAPH, lambda: validate(loaded(), config.shapes_dir, engine="pyshacl").graph,
                      skip=memory(1.0 + PYSHACL_EXTRA), **slow),
            Contender(BASELINE, pyshacl_rdflib, skip=either(rdflib_loaded, memory(PYSHACL_EXTRA)), **slow),
        ], compare=lambda answers: differ(answers, severities)),
        Operation("trace every task", [
            Contender(LINEAGE, lambda: trace_closure(loaded(), state), budget=LINEAGE_BUDGET),
            Contender(BASELINE, lambda: trace_rdflib(state.rdflib), skip=rdflib_loaded, **slow),
        ], compare=lambda answers: differ(answers, sorted)),
        Operation("impact of one directive", [
            Contender(LINEAGE, lambda: set(state.closure.descendants(state.directive)),  # type: ignore[union-attr]
                      skip=closure_built, budget=LINEAGE_BUDGET),
            Contender(BASELINE, lambda: impact_rdflib(state.rdflib, state.directive),
                      skip=either(closure_built, rdflib_loaded), **slow),
        ], compare=lambda answers: differ(answers, sorted), after=drop_rdflib),
        Operation("audit", [Contender(LINEAGE, lambda: run_audit(loaded()), budget=LINEAGE_BUDGET)]),
        Operation("build --no-site", [
            Contender(LINEAGE, lambda: run_build(build_config, lambda _: None, site=False),
                      before=lambda: shutil.rmtree(build_config.build_dir, ignore_errors=True), budget=LINEAGE_BUDGET),
        ]),
        *(rebuild(name, Rebuild.of(config.data_dir, work / folder, site=site))
          for name, folder, site in ((REBUILD, "rebuild", False), (REBUILD_SITE, "rebuild-site", True))),
    ]


def rebuild(name: str, setup: Rebuild) -> Operation:
    """A second build after one changed file, incremental against ``--full`` (its reference) on the same state."""
    return Operation(name, [
        Contender(LINEAGE, setup.incremental, before=setup.before_incremental, budget=LINEAGE_BUDGET),
        Contender(FULL_BUILD, setup.full, before=settle, budget=BASELINE_BUDGET),
    ], compare=same_outputs)


def chosen_operations(every: list[Operation]) -> list[Operation]:
    """The operations ``LINEAGE_BENCH_OPERATIONS`` names (``;``-separated beginnings of names; all when unset),
    and ``load`` whenever one of them reads the graph it loads."""
    wanted = [w.strip() for w in os.environ.get("LINEAGE_BENCH_OPERATIONS", "").split(";") if w.strip()]
    if not wanted:
        return every
    chosen = [op for op in every if any(op.name.startswith(w) for w in wanted)]
    if not chosen:
        raise SystemExit(f"LINEAGE_BENCH_OPERATIONS names none of: {'; '.join(OPERATIONS)}")
    if any(op.name in READ_THE_LOAD for op in chosen) and all(op.name != "load" for op in chosen):
        chosen.insert(0, every[0])
    return chosen


def run_size(size: str, work: Path, runs: int = RUNS,
             limit: float = BASELINE_LIMIT) -> tuple[list[Cell], str, list[str]]:
    """Every operation on ``size``: its cells, what the corpus holds, and the disagreements found."""
    state = SizeState(corpus(size))
    cells: list[Cell] = []
    problems: list[str] = []
    for operation in chosen_operations(operations(state, work, limit)):
        together = run_together(operation.name, size, operation.contenders, runs)
        outcomes = {c.engine: outcome for c, outcome in zip(operation.contenders, together, strict=True)}
        if operation.compare is not None:
            problem = operation.compare({engine: o.answer for engine, o in outcomes.items()})
            if problem:
                problems.append(f"{operation.name} on {size}: {problem}")
                outcomes = {e: _flag(o, problem) for e, o in outcomes.items()}
        cells += [o.cell for o in outcomes.values()]
        if operation.after is not None:
            operation.after()
    return cells, f"`{size}`: {_about(state)}", problems


def memory_pass(size: str) -> dict[tuple[str, str], Cell]:
    """One run of every engine on ``size`` in a child process with ``PYTHONMALLOC=malloc``, for its peak memory.

    With Python's own allocator, memory an earlier operation freed stays with
    the process and a later one reuses it without the resident set growing, so
    the peak of a run depends on what ran before it. With the C allocator and
    ``malloc_trim`` before each run, freed memory goes back to the system and
    the rise of RSS is what the run itself held. The C allocator is slower on
    Python-heavy code (about 10–15 % on rdflib), so the timed runs keep Python's.
    Keyed by (operation, engine); empty when the child fails.
    """
    command = [sys.executable, "-m", "bench.suite", MEMORY_ARGUMENT, size]
    child = subprocess.run(command, cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE, text=True,
                           env={**os.environ, "PYTHONMALLOC": "malloc"}, check=False)
    if child.returncode not in (0, 1):
        print(f"  {size}: the memory pass failed (exit {child.returncode}); peaks not reported", file=sys.stderr)
        return {}
    return {(row["operation"], row["engine"]): Cell(**row) for row in json.loads(child.stdout)}


def with_peaks(cells: list[Cell], peaks: dict[tuple[str, str], Cell]) -> list[Cell]:
    """``cells`` with the peak memory of the memory pass (a lower bound where that run was stopped)."""
    out = []
    for cell in cells:
        measured = peaks.get((cell.operation, cell.engine))
        out.append(replace(cell, peak_mib=measured.peak_mib if measured else None,
                           peak_floor=bool(measured and measured.stopped)))
    return out


def _memory_main(size: str) -> int:
    """The child of :func:`memory_pass`: one run of each engine, the cells as JSON on stdout."""
    with tempfile.TemporaryDirectory(prefix="lineage-bench-memory-") as work:
        cells, _, problems = run_size(size, Path(work), runs=1, limit=MEMORY_LIMIT)
    print(json.dumps([asdict(cell) for cell in cells]))
    return 1 if problems else 0


def _flag(outcome: Outcome, problem: str) -> Outcome:
    note = "; ".join(part for part in (outcome.cell.note, problem) if part)
    return Outcome(replace(outcome.cell, note=note), outcome.answer)


def _about(state: SizeState) -> str:
    graph = state.graph
    if graph is None:
        return "not loaded"
    about = f"{graph.triple_count():,} quads in {len(graph.files):,} files, {len(state.tasks):,} tasks"
    if state.closure is not None and state.directive:
        under = len(state.closure.descendants(state.directive))
        about += f"; impact of <{state.directive}> ({under:,} nodes under it)"
    return about


def report(cells: list[Cell], notes: list[str], machine: str, loads: tuple[str, str], when: datetime.datetime) -> str:
    """The Markdown page of a run: what was measured where, the table, and what the engines are."""
    lines = [
        f"# Lineage benchmarks, {when:%Y-%m-%d %H:%M}",
        "",
        (f"Machine: {machine}. Load average {loads[0]} at the start, {loads[1]} at the end "
         "(other processes share the machine: read the ratios, not the absolute times)."),
        "",
        *[f"- {note}" for note in notes],
        "",
        *markdown(ordered(cells, OPERATIONS, ENGINES)),
        "",
        *LEGEND,
    ]
    return "\n".join(lines) + "\n"


LEGEND = [
    (
        "Engines. **lineage**: the project's engines: Oxigraph (`Store.load` per file); the fast validator "
        "(`lineage.validate.validate(engine=\"fast\")`, SHACL compiled to SPARQL on Oxigraph, two worker processes "
        "on large graphs); the directive view and closure (`lineage.graphview`, `lineage.closure`). **baseline**: a "
        "plain RDF toolchain on one rdflib memory graph: `Graph.parse` of every file, pySHACL on it (no inference, "
        "SHACL-AF on, in place), SPARQL property paths `(eli:is_part_of|eli:ensures_implementation_of)+` on it. "
        "**pySHACL + Oxigraph**: `validate(engine=\"pyshacl\")`, pySHACL over an rdflib copy of the store with its "
        "SPARQL answered by Oxigraph."
    ),
    "",
    (
        "Operations. *trace every task*: for Lineage, the directive view and closure built from the loaded store, "
        "then every task's roots; for the baseline, one property-path query giving every (task, root) pair. "
        "*impact*: what lies under the root with most descendants, from the closure already built (its cost is in "
        "the trace row) against a property-path query on the loaded rdflib graph. *validate* includes reading the "
        "shapes; Lineage's also locates each result for people. *audit* and *build --no-site* (a full build into an "
        "empty temporary folder: load, validate, audit, graph export, JSON lists, store) have no baseline. Answers "
        "are compared: (task, root) pairs, the nodes under the directive, (focus, component, severity) of every "
        "validation result."
    ),
    "",
    (
        f"Columns. *median* of *runs* runs: five, fewer when a run takes minutes (repeating stops once the runs have "
        f"taken {BASELINE_BUDGET:.0f} s for a baseline, {LINEAGE_BUDGET:.0f} s for Lineage); a baseline run still "
        f"going after {BASELINE_LIMIT:.0f} s is stopped and its time is a lower bound. *peak MiB*: per operation, "
        "how far the process's resident memory (RSS; `VmHWM`, reset through `/proc/self/clear_refs`) rose above "
        "where it stood before the run. It is measured in a separate pass, one run of each engine in a child process "
        "with `PYTHONMALLOC=malloc` and `malloc_trim` before each run, so that memory an earlier operation freed is "
        "not silently reused; native memory (Oxigraph) counts, forked worker processes do not; `≥` marks a run "
        f"stopped at {MEMORY_LIMIT:.0f} s. Timed runs use Python's own allocator. *× baseline*: baseline median / "
        "engine median, from the same run."
    ),
]


def results_path(sizes_run: list[str], when: datetime.datetime, folder: Path = RESULTS) -> Path:
    """``bench/results/<date>-<sizes>.md``."""
    return folder / f"{when:%Y-%m-%d}-{'-'.join(sizes_run)}.md"


def main() -> int:
    """Run every operation on each size of ``LINEAGE_BENCH_SIZES``, print and write the table; 1 if answers differ."""
    when = datetime.datetime.now()
    chosen = sizes()
    if not tracking():
        print("peak memory not measured: /proc/self/clear_refs cannot be written here", file=sys.stderr)
    start_load = load_average()
    work = Path(tempfile.mkdtemp(prefix="lineage-bench-"))
    atexit.register(shutil.rmtree, work, True)
    cells: list[Cell] = []
    notes: list[str] = []
    problems = 0
    for size in chosen:
        print(f"{size}, memory pass (one run each, PYTHONMALLOC=malloc):", file=sys.stderr)
        peaks = memory_pass(size)
        print(f"{size}, timed runs:", file=sys.stderr)
        size_cells, about, disagreements = run_size(size, work / size)
        cells += with_peaks(size_cells, peaks)
        notes += [about, *disagreements]
        problems += len(disagreements)
    page = report(cells, notes, describe(), (start_load, load_average()), when)
    print(page)
    target = results_path(chosen, when)
    target.parent.mkdir(exist_ok=True)
    target.write_text(page, encoding="utf-8")
    print(f"written to {target}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == MEMORY_ARGUMENT:
        sys.exit(_memory_main(sys.argv[2]))
    sys.exit(main())
