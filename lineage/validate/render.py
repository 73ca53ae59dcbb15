"""Write a validation report for people (grouped text, a table), as JSON or as a Turtle ``sh:ValidationReport``."""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import groupby

from lineage.describe import curie
from lineage.output import render as render_rows
from lineage.validate.results import Bilingual, ValidationReport, ValidationResult

FORMATS = ("human", "table", "turtle", "json")
TABLE_COLUMNS = ("severity", "shape", "focus", "source", "value", "message")
QUOTE_WIDTH = 160
NO_SOURCE = "(no source / không có nguồn)"


def render(report: ValidationReport, fmt: str) -> str:
    """``report`` in ``fmt``, one of :data:`FORMATS`."""
    if fmt == "human":
        return human(report)
    if fmt == "table":
        return render_rows(table_rows(report), "table", TABLE_COLUMNS)
    if fmt == "json":
        return json.dumps(as_json(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "turtle":
        return turtle(report)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def summary(report: ValidationReport) -> str:
    """One line: conformance and counts, in both languages."""
    verdict = "conforms / hợp lệ" if report.conforms else "does NOT conform / KHÔNG hợp lệ"
    counts = " · ".join(f"{n} {s.label}" for s, n in report.counts().items() if s.rank <= report.minimum.rank)
    return f"{verdict} — {counts}"


def human(report: ValidationReport) -> str:
    """Results grouped by severity and shape, then by source document, each with its passage and the fix."""
    out = ["Validation report / Báo cáo kiểm tra ràng buộc", summary(report)]
    for (severity, shape), group in groupby(report.results, key=lambda r: (r.severity, r.shape)):
        results = list(group)
        name = report.shape_names.get(shape)
        title = f"{name.en} / {name.vi}" if name else curie(shape)
        out += ["", f"== {severity.label} · {_short(shape)} — {title} ({len(results)})"]
        shared = _shared_message(results)
        if shared:
            out += _message_lines(shared, "   ")
        by_source: dict[str, list[ValidationResult]] = defaultdict(list)
        for result in results:
            by_source[_source(result)].append(result)
        for source in sorted(by_source):
            out.append(f"   -- {source}")
            for result in by_source[source]:
                out += _result_lines(result, with_message=shared is None)
    if not report.results:
        out += ["", "No results / Không có kết quả."]
    return "\n".join(out) + "\n"


def table_rows(report: ValidationReport) -> list[dict[str, str | None]]:
    """One row per result, with its location and English message."""
    return [
        {
            "severity": r.severity.value,
            "shape": _short(r.shape),
            "focus": r.focus_location.label if r.focus_location else r.focus,
            "source": _source(r),
            "value": r.value_label or r.value,
            "message": r.message.en,
        }
        for r in report.results
    ]


def as_json(report: ValidationReport) -> dict[str, object]:
    """The report as one JSON document."""
    return {
        "conforms": report.conforms,
        "minimum_severity": report.minimum.value,
        "counts": {s.value: n for s, n in report.counts().items() if s.rank <= report.minimum.rank},
        "results": [r.as_json() | {"shape_name": _names(report.shape_names.get(r.shape))} for r in report.results],
    }


def turtle(report: ValidationReport) -> str:
    """The standard ``sh:ValidationReport`` as Turtle."""
    graph = report.report_graph()
    graph.bind("sh", "http://www.w3.org/ns/shacl#")
    graph.bind("lin-sh", "https://w3id.org/lineage-vn/shapes#")
    return graph.serialize(format="turtle")


def _result_lines(result: ValidationResult, *, with_message: bool) -> list[str]:
    where = result.focus_location
    lines = [f"      • {where.label if where else result.focus}"]
    if result.path:
        lines.append(f"        path / thuộc tính: {result.path}")
    if result.value is not None:
        shown = result.value_label or f"“{result.value}”"
        lines.append(f"        value / giá trị: {shown}")
    if with_message:
        lines += _message_lines(result.message, "        ")
    if where and where.passage:
        quote = where.passage.quote or "(passage not described / đoạn văn chưa được mô tả)"
        if len(quote) > QUOTE_WIDTH:
            quote = quote[: QUOTE_WIDTH - 1] + "…"
        lines.append(f"        [{where.passage.where()}] “{quote}”")
    return lines


def _message_lines(message: Bilingual, indent: str) -> list[str]:
    lines = [f"{indent}en: {message.en}"]
    if message.vi != message.en:
        lines.append(f"{indent}vi: {message.vi}")
    return lines


def _shared_message(results: list[ValidationResult]) -> Bilingual | None:
    messages = {r.message for r in results}
    return next(iter(messages)) if len(messages) == 1 else None


def _source(result: ValidationResult) -> str:
    where = result.focus_location
    return ", ".join(where.sources) if where and where.sources else NO_SOURCE


def _short(shape: str) -> str:
    return curie(shape).replace("https://w3id.org/lineage-vn/shapes#", "lin-sh:")


def _names(name: Bilingual | None) -> dict[str, str] | None:
    return None if name is None else {"vi": name.vi, "en": name.en}
