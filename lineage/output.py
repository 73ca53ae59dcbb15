"""Write records as an aligned table, JSON, CSV or TSV — one document on stdout.

>>> render([{"a": 1, "b": ["x", "y"]}], "csv").splitlines()
['a,b', '1,x | y']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv", "tsv")
LIST_SEPARATOR = " | "
TABLE_CELL_WIDTH = 60


def render(records: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Render ``records`` in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"
    names = list(columns or (records[0].keys() if records else []))
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(names)
        for record in records:
            writer.writerow([_flat(record.get(name)) for name in names])
        return buffer.getvalue()
    if fmt == "table":
        return _table(records, names)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_flat(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _table(records: Sequence[dict[str, Any]], names: list[str]) -> str:
    rows = [[_clip(_flat(r.get(n))) for n in names] for r in records]
    widths = [max([len(n)] + [len(row[i]) for row in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines) + "\n"


def _clip(text: str) -> str:
    return text if len(text) <= TABLE_CELL_WIDTH else text[: TABLE_CELL_WIDTH - 1] + "…"
