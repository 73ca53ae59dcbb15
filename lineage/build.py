"""``lineage build``: load, then validate and audit side by side, then render; each step when its part exists.

Validation, the audit and the exports run in forked processes that share the
loaded store (:mod:`lineage.forked`) while this one reads what the site shows.
Everything is written into a temporary folder beside the build folder and
swapped in at the end, so a failed build leaves the previous one untouched.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx

from lineage import export, store
from lineage.atomic import atomic_dir, write_bytes, write_text
from lineage.audit import AuditReport, run_audit
from lineage.audit.registry import halves, merge_reports
from lineage.audit.render import write_reports as write_audit_reports
from lineage.changes import BuildInputs, GraphChange, detect
from lineage.config import Config
from lineage.forked import Forked
from lineage.gcpause import collector_paused
from lineage.graphview import directive_graph
from lineage.ontology_doc import read_ontology, render_page
from lineage.records import DOCUMENT_KEYS, TASK_KEYS, document_records, task_records
from lineage.site.render import render_build_site

Progress = Callable[[str], None]

_COUNTS = """
SELECT
  (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?task) AS ?tasks)
  (COUNT(DISTINCT ?org) AS ?bodies) (COUNT(DISTINCT ?value) AS ?targets)
WHERE {
  { ?doc a eli:LegalResource FILTER NOT EXISTS { ?doc a eli:LegalResourceSubdivision } }
  UNION { ?task a lin:Task } UNION { ?org a org:Organization }
  UNION { ?value a ?valueClass VALUES ?valueClass { lin:Target lin:Observation lin:IndicatorValue } }
}
"""


@dataclass
class BuildSummary:
    """What a build produced, printed at its end."""

    triples: int = 0
    graphs: int = 0
    documents: int = 0
    tasks: int = 0
    bodies: int = 0
    targets: int = 0
    conforms: bool | None = None
    findings: int | None = None
    mode: str = ""
    """Full (and why), incremental (and what changed) or up to date."""
    validated: str = ""
    """Which focus nodes were validated."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Time each step took."""
    outputs: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The summary as JSON, kept with the build so that an up-to-date build can print it again."""
        return asdict(self)

    def lines(self) -> list[str]:
        """The summary, one fact a line, in both languages."""
        conformance = {None: "not checked (no shapes/)", True: "yes / có", False: "NO / KHÔNG"}[self.conforms]
        findings = "not run" if self.findings is None else str(self.findings)
        out = [
            f"triples / bộ ba:            {self.triples} in {self.graphs} named graphs",
            f"documents / văn bản:        {self.documents}",
            f"tasks / nhiệm vụ:           {self.tasks}",
            f"bodies / cơ quan:           {self.bodies}",
            f"targets / chỉ tiêu:         {self.targets}",
            f"conforms / hợp lệ:          {conformance}",
            f"audit findings / phát hiện: {findings}",
            f"build / cách dựng:          {self.mode}",
        ]
        if self.validated:
            out.append(f"validated / đã kiểm tra:     {self.validated}")
        if self.seconds:
            out.append("seconds / giây:             " + " · ".join(f"{k} {v:.1f}" for k, v in self.seconds.items()))
        out += [f"{name:<27} {path}" for name, path in self.outputs.items()]
        return out


def run_build(config: Config, progress: Progress, *, site: bool = True, incremental: bool = True,
              loaded: store.LoadedGraph | None = None, digests: store.Digests | None = None) -> BuildSummary:
    """Build everything into ``config.build_dir`` (the site unless ``site`` is false).

    When the previous build there differs only by some data files, only what
    their triples touch is validated and rendered again (``incremental``, the
    default); when nothing differs, the build is already up to date. ``loaded``
    is the graph of the inputs as they are now, already in memory (a resident
    process keeps it: :mod:`lineage.watch`), and ``digests`` those of its files.
    Raises on bad input, leaving the previous build untouched.
    """
    files = loaded.files if loaded is not None else tuple(store.input_files(config))
    inputs = BuildInputs.of(config, files, site=site, digests=digests)
    before = BuildInputs.read(config.build_dir)
    if incremental and (current := _up_to_date(before, inputs)) is not None:
        progress("up to date / đã cập nhật: no input changed since the last build / không có đầu vào nào thay đổi")
        return current
    summary = BuildSummary()
    clock = _Clock(summary.seconds)
    progress("[1/4] load / nạp dữ liệu")
    with collector_paused():  # the view is a great many small objects, none of them cycles
        graph, change, view = _load(config, inputs, before, loaded, incremental=incremental)
    summary.mode = (f"full / toàn bộ ({change})" if isinstance(change, str)
                    else f"incremental / từng phần: {change.describe()}")
    progress(f"      {summary.mode}")
    change = None if isinstance(change, str) else change
    counts = next(iter(graph.query(_COUNTS)))
    summary.triples, summary.graphs = len(graph.store), len(graph.graph_names())
    summary.documents, summary.tasks = int(counts["documents"].value), int(counts["tasks"].value)
    summary.bodies, summary.targets = int(counts["bodies"].value), int(counts["targets"].value)
    clock.lap("load")
    summary.seconds.update(validate=0.0, audit=0.0)  # their places after the load; their times come last
    with atomic_dir(config.build_dir) as out:
        saving = None if change else store.BackgroundSave(graph, out, inputs.digests)
        # without a site, nothing else waits on the cores; with one, the site reads the records and writes them
        exports = Exports(graph, out, nice=NICE if site else 0, records=not site, change=change)
        try:
            _steps(config, graph, view, out, summary, clock, progress, site=site, change=change)
            exports.wait(summary)
            clock.lap("exports")
            if saving is not None:
                saving.wait()
            else:
                store.update(change.previous, graph, change.graphs, out, inputs.digests)  # type: ignore[union-attr]
        except BaseException:
            exports.cancel()
            if saving is not None:
                saving.cancel()
            raise
        clock.lap("store")
        summary.outputs["store / kho:"] = str(config.build_dir / store.STORE_DIR)
        summary.outputs = {k: v.replace(str(out), str(config.build_dir)) for k, v in summary.outputs.items()}
        inputs.write(out, summary.as_json())
    return summary


def _load(config: Config, inputs: BuildInputs, before: BuildInputs | None, loaded: store.LoadedGraph | None, *,
          incremental: bool) -> tuple[store.LoadedGraph, GraphChange | str, nx.MultiDiGraph]:
    """The graph (``loaded``, or read from the files), its change since the last build (or why there is none to
    build on) and its directive view."""
    graph = loaded if loaded is not None else store.load(config, prefer_disk=False,
                                                          checked=inputs.parsed_before(before))
    change = detect(graph, inputs, config.build_dir, before) if incremental else "asked for / theo yêu cầu"
    return graph, change, directive_graph(graph)


def _steps(config: Config, graph: store.LoadedGraph, view: nx.MultiDiGraph, out: Path, summary: BuildSummary,
           clock: _Clock, progress: Progress, *, site: bool, change: GraphChange | None) -> None:
    """Validate and audit in forked processes, and meanwhile read what the site shows; then render."""
    progress("[2/4] validate / kiểm tra ràng buộc")
    validation = Forked("validation / kiểm tra", _validate, config, graph, out, change, nice=NICE if site else 0)
    progress("[3/4] audit / rà soát")
    audit = _Audit(graph, view, out, nice=NICE if site else 0)  # the site renders the audit's pages meanwhile
    try:
        progress("[4/4] render / xuất kết quả")
        _render(config, graph, view, out, summary, audit, site=site, change=change, clock=clock)
        outputs = audit.written()
        checked = validation.result()
    except BaseException:
        validation.cancel()
        audit.cancel()
        raise
    clock.lap("waiting for validation and audit")
    summary.conforms, summary.validated = checked.conforms, checked.scope
    summary.findings = len(audit.report().findings)
    summary.seconds.update(validate=checked.seconds, audit=audit.seconds())
    summary.outputs = {**checked.outputs, **outputs, **summary.outputs}


class _Audit:
    """The audit in two forked processes, half of the checks each (:func:`halves`); once both reports are
    back, joined into one, the report files are written in another process."""

    def __init__(self, graph: store.LoadedGraph, view: nx.MultiDiGraph, out: Path, *, nice: int = 0) -> None:
        self.out = out
        self.nice = nice
        """How much lower than the audit its report files are written."""
        self.parts = [Forked(f"audit / rà soát ({', '.join(checks)})", _timed_audit, graph, view, checks)
                      for checks in halves()]
        self.joined: AuditReport | None = None
        self.writing: Forked[dict[str, Path]] | None = None

    def report(self) -> AuditReport:
        """The report (waiting for it); its files start being written as soon as it is here."""
        if self.joined is None:
            self.joined = merge_reports([part.result()[0] for part in self.parts])
            self.writing = Forked("writing the audit reports / ghi báo cáo rà soát",
                                  partial(write_audit_reports, self.joined, self.out, site="../site"), nice=self.nice)
        return self.joined

    def seconds(self) -> float:
        """How long the audit itself took: its longer part."""
        return max(part.result()[1] for part in self.parts)

    def written(self) -> dict[str, str]:
        """The report files, once written: {label: path}."""
        self.report()
        assert self.writing is not None
        return {f"audit {fmt} / rà soát:": str(path) for fmt, path in self.writing.result().items()}

    def cancel(self) -> None:
        """Stop what still runs (the build failed)."""
        for part in self.parts:
            part.cancel()
        if self.writing is not None:
            self.writing.cancel()


def _timed_audit(graph: store.LoadedGraph, view: nx.MultiDiGraph, checks: list[str]) -> tuple[AuditReport, float]:
    """The report of the audit's ``checks`` and the seconds it took."""
    start = time.perf_counter()
    report = run_audit(graph, view=view, checks=checks)
    return report, round(time.perf_counter() - start, 2)


NICE = 10
"""How much lower the validation, the exports and the audit's report files run than the audit and the site,
which waits for it: they have until the end of the build."""

EXPORTS = {"graph / đồ thị:": "lineage.trig", "documents / danh sách:": "documents.json",
           "tasks / danh sách:": "tasks.json"}


def write_exports(graph: store.LoadedGraph, out: Path, *, records: bool = True,
                  change: GraphChange | None = None) -> None:
    """The whole graph as TriG, and (unless not ``records``) the document and task records as JSON (:data:`EXPORTS`).

    After a ``change``, the TriG is that of the previous build with the changed graphs' blocks written again.
    """
    name = EXPORTS["graph / đồ thị:"]
    trig = None
    if change is not None:
        with contextlib.suppress(OSError):  # no previous TriG to build on: the whole serialisation
            trig = export.patched_trig((change.previous / name).read_bytes(), graph, change.graphs)
    write_bytes(out / name, trig if trig is not None else export.serialize(graph, "trig"))
    if records:
        write_records(out, document_records(graph), task_records(graph))


def write_records(out: Path, documents: Iterable[dict[str, Any]], tasks: Iterable[dict[str, Any]]) -> None:
    """The document and task records as JSON; of a record with more keys, those of :data:`DOCUMENT_KEYS` and
    :data:`TASK_KEYS` (in that order, as :func:`document_records` and :func:`task_records` give them)."""
    with collector_paused():
        for name, rows, keys in (("documents / danh sách:", documents, DOCUMENT_KEYS),
                                 ("tasks / danh sách:", tasks, TASK_KEYS)):
            write_text(out / EXPORTS[name], json_lines({key: row[key] for key in keys} for row in rows))


class Exports:
    """:func:`write_exports` in a forked process, while the other steps run; without ``records``, the records
    are written by whoever has them already (the site, which reads them: :func:`write_records`)."""

    def __init__(self, graph: store.LoadedGraph, out: Path, *, nice: int = 0, records: bool = True,
                 change: GraphChange | None = None) -> None:
        self.out = out
        self.writing = Forked("writing the exports / ghi tệp xuất",
                              partial(write_exports, records=records, change=change), graph, out, nice=nice)

    def wait(self, summary: BuildSummary) -> None:
        """Wait for the exports; raise if they failed."""
        self.writing.result()
        summary.outputs.update({label: str(self.out / name) for label, name in EXPORTS.items()})

    def cancel(self) -> None:
        """Stop the exports (the build failed)."""
        self.writing.cancel()


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def json_lines(records: Iterable[dict[str, Any]]) -> str:
    """A JSON array with one record per line: readable, diffable, and written by the C encoder (``indent`` is not)."""
    return "[\n" + ",\n".join(map(_ENCODER.encode, records)) + "\n]\n"


class _Clock:
    """Records the seconds since the previous lap under each lap's name."""

    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds = seconds
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self.last, 2)
        self.last = now


def _up_to_date(before: BuildInputs | None, inputs: BuildInputs) -> BuildSummary | None:
    """The previous build's summary when it was made (with ``before`` inputs) from exactly these inputs."""
    if before is None or before.files != inputs.files or before.context != inputs.context or not before.summary:
        return None
    try:
        summary = BuildSummary(**before.summary)
    except TypeError:
        return None
    summary.mode = "up to date / đã cập nhật"
    summary.seconds = {}  # the previous build's times are not this run's
    return summary


@dataclass(frozen=True)
class _Checked:
    """What the validation step sends back from its process."""

    conforms: bool | None
    scope: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def _validate(config: Config, graph: store.LoadedGraph, out: Path, change: GraphChange | None) -> _Checked:
    """Validate against ``shapes/`` (again only what ``change`` touches) and write the reports into ``out``."""
    if not any(config.shapes_dir.glob("*.ttl")):
        return _Checked(None)
    from lineage.validate import REPORT_DIR, validate, write_reports  # the validation step exists with its shapes
    from lineage.validate.state import STATE_FILE

    start = time.perf_counter()
    since = None if change is None else (change, change.previous / REPORT_DIR / STATE_FILE)
    report = validate(graph, config.shapes_dir, since=since)
    outputs = write_reports(report, out)
    return _Checked(report.conforms, report.scope, outputs, round(time.perf_counter() - start, 2))


def _render(config: Config, graph: store.LoadedGraph, view: nx.MultiDiGraph, out: Path, summary: BuildSummary,
            audit: _Audit, *, site: bool, change: GraphChange | None, clock: _Clock) -> None:
    page = out / "ontology" / "index.html"
    write_text(page, render_page(read_ontology(config.ontology_dir)))
    summary.outputs["ontology page / bản thể:"] = str(page)
    if site:
        previous = None if change is None else change.previous / "site"
        render_build_site(graph, out / "site", previous=previous if previous is not None and previous.is_dir() else None,
                          view=view, audit_later=audit.report, ontology_href="../ontology/index.html",
                          with_data=lambda data: write_records(out, data.documents.values(), data.tasks.values()),
                          changed=None if change is None else change.nodes())
        summary.outputs["site / trang web:"] = str(out / "site" / "index.html")
        clock.lap("site")
