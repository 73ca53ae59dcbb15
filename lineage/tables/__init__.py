"""Table readers: the appendix tables of a document as records (no RDF here).

A document's appendices (``PHỤ LỤC 2``, ``Phụ lục số 02``, OCR ``Phu luc 01``)
come in three shapes, each with its reader: tab-separated rows (:mod:`.tsv`),
one cell per line with wrapped cells (:mod:`.wrapped`) and OCR text with
broken rows (:mod:`.ocr`). :func:`read_tables` finds the tables
(:mod:`.locate`), picks the reader by shape and returns one
:class:`~lineage.tables.records.Table` per appendix, in document order.

>>> text = ("Kế hoạch\\n**PHỤ LỤC 2**\\nTT\\tTên\\tThời gian trình\\n"
...         "<b>I</b>\\t<b>Nghị quyết</b>\\t\\n1\\tA\\tQuý II/2026")
>>> [(t.name, t.shape, [r.locator for r in t.rows]) for t in read_tables(text)]
[('PL2', 'tsv', ['I/1'])]
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from .locate import TableSpan, detect_shape, find_footers, find_tables
from .ocr import read_ocr
from .records import Table, TableGroup, TableRow, Unread
from .source import Source, TableReadError, load_source
from .tsv import read_tsv
from .wrapped import read_wrapped

__all__ = [
    "Source",
    "Table",
    "TableGroup",
    "TableReadError",
    "TableRow",
    "TableSpan",
    "Unread",
    "detect_shape",
    "find_footers",
    "find_tables",
    "load_source",
    "read_ocr",
    "read_table",
    "read_tables",
    "read_tsv",
    "read_wrapped",
]


def read_table(lines: Sequence[str], span: TableSpan, shape: str | None = None,
               footers: frozenset[str] | None = None) -> Table:
    """Read one table of a document with the reader for its shape (detected unless given)."""
    shape = shape or detect_shape(lines, span)
    if shape == "tsv":
        return read_tsv(lines, span)
    if shape == "ocr":
        return read_ocr(lines, span)
    if shape == "wrapped":
        return read_wrapped(lines, span, footers)
    raise ValueError(f"unknown table shape {shape!r}; use 'tsv', 'wrapped' or 'ocr'")


def read_tables(source: str | bytes | os.PathLike[str]) -> list[Table]:
    """Every appendix table of a document (a path, bytes or the text itself), in order.

    Raises :class:`TableReadError` for an empty, binary or non-UTF-8 file. A
    document without appendix headings gives ``[]``.
    """
    doc = load_source(source)
    spans = find_tables(doc.lines)
    footers = find_footers(doc.lines, spans)
    return [read_table(doc.lines, span, footers=footers) for span in spans]
