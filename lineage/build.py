"""``lineage build``: load → validate → audit → render, each step when its part exists.

Everything is written into a temporary folder beside the build folder and
swapped in at the end, so a failed build leaves the previous one untouched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lineage import export, store
from lineage.atomic import atomic_dir
from lineage.audit import AuditReport, run_audit
from lineage.audit.render import write_reports
from lineage.config import Config
from lineage.ontology_doc import read_ontology, render_page
from lineage.records import document_records, task_records
from lineage.site.render import render_site

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
    outputs: dict[str, str] = field(default_factory=dict)

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
        ]
        out += [f"{name:<27} {path}" for name, path in self.outputs.items()]
        return out


def run_build(config: Config, progress: Progress, *, site: bool = True) -> BuildSummary:
    """Build everything into ``config.build_dir`` (the site unless ``site`` is false).

    Raises on bad input, leaving the previous build untouched.
    """
    summary = BuildSummary()
    progress("[1/4] load / nạp dữ liệu")
    graph = store.load(config, prefer_disk=False)
    counts = next(iter(graph.query(_COUNTS)))
    summary.triples, summary.graphs = graph.triple_count(), len(graph.graph_names())
    summary.documents, summary.tasks = int(counts["documents"].value), int(counts["tasks"].value)
    summary.bodies, summary.targets = int(counts["bodies"].value), int(counts["targets"].value)
    with atomic_dir(config.build_dir) as out:
        progress("[2/4] validate / kiểm tra ràng buộc")
        summary.conforms = _validate(config, graph, out, summary)
        progress("[3/4] audit / rà soát")
        audit = _audit(graph, out, summary)
        progress("[4/4] render / xuất kết quả")
        _render(config, graph, out, summary, audit, site=site)
        store.save(graph, out)
        summary.outputs["store / kho:"] = str(config.build_dir / store.STORE_DIR)
    summary.outputs = {k: v.replace(str(out), str(config.build_dir)) for k, v in summary.outputs.items()}
    return summary


def _validate(config: Config, graph: store.LoadedGraph, out: Path, summary: BuildSummary) -> bool | None:
    if not any(config.shapes_dir.glob("*.ttl")):
        return None
    from lineage.validate import validate, write_reports  # the validation step exists with its shapes

    report = validate(graph, config.shapes_dir)
    summary.outputs.update(write_reports(report, out))
    return report.conforms


def _audit(graph: store.LoadedGraph, out: Path, summary: BuildSummary) -> AuditReport:
    report = run_audit(graph)
    summary.findings = len(report.findings)
    for fmt, path in write_reports(report, out, site="../site").items():
        summary.outputs[f"audit {fmt} / rà soát:"] = str(path)
    return report


def _render(config: Config, graph: store.LoadedGraph, out: Path, summary: BuildSummary, audit: AuditReport,
            *, site: bool) -> None:
    (out / "ontology").mkdir()
    page = out / "ontology" / "index.html"
    page.write_text(render_page(read_ontology(config.ontology_dir)), encoding="utf-8")
    summary.outputs["ontology page / bản thể:"] = str(page)
    graph_file = out / "lineage.trig"
    graph_file.write_bytes(export.serialize(graph, "trig"))
    summary.outputs["graph / đồ thị:"] = str(graph_file)
    for name, records in (("documents", document_records(graph)), ("tasks", task_records(graph))):
        target = out / f"{name}.json"
        target.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
        summary.outputs[f"{name} / danh sách:"] = str(target)
    if site:
        render_site(graph, out / "site", audit=audit, ontology_href="../ontology/index.html")
        summary.outputs["site / trang web:"] = str(out / "site" / "index.html")
