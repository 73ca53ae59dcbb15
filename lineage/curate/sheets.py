"""Read curation sheets: UTF-8 TSV with a header row; every problem names the file and line.

>>> split_list("Sở Tài chính | Sở Nội vụ")
['Sở Tài chính', 'Sở Nội vụ']
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from lineage.errors import InputError
from lineage.text.normalize import nfc

LIST_SEPARATOR = " | "

COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("line_start", "line_end", "quote", "subject", "relation", "symbol_printed", "symbol", "type",
                  "issuer", "date_printed", "date", "title", "key", "note"),
    "tasks": ("table", "locator", "number", "group", "text", "lead", "coordinating", "timing", "resources",
              "notes", "cites", "line_start", "line_end", "quote", "note"),
    "targets": ("locator", "indicator", "sector", "value", "value_max", "comparator", "value_printed", "unit",
                "period", "kind", "responsible", "line_start", "line_end", "quote", "note"),
    "reports": ("directive", "aspect", "text", "line_start", "line_end", "quote", "note"),
    "bodies": ("slug", "label_vi", "label_en", "alt_labels", "parent", "level", "abbreviation"),
    "inferred": ("source", "subject", "predicate", "object", "method", "confidence", "rationale",
                 "line_start", "line_end", "quote"),
    "aliases": ("alias", "key"),
}
"""The columns of each sheet kind, in order (see ``data/curation/README.md``)."""

RELATIONS = ("self", "implements", "based_on", "reports_on", "cites")


@dataclass(frozen=True)
class Row:
    """One sheet row: its cells by column name, and where it stands."""

    path: Path
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def list(self, column: str) -> list[str]:
        """A ``|``-separated cell as a list."""
        return split_list(self.cells[column])

    def span(self) -> tuple[int, int]:
        """The source line span of the row."""
        try:
            start, end = int(self.cells["line_start"]), int(self.cells["line_end"])
        except ValueError:
            raise self.error("line_start and line_end must be whole numbers", "write the 1-based line numbers") from None
        if not 1 <= start <= end:
            raise self.error(f"line span {start}-{end} is not a valid range", "line_start ≤ line_end, both ≥ 1")
        return start, end

    def error(self, problem: str, fix: str) -> InputError:
        """An :class:`InputError` pointing at this row."""
        return InputError(self.path, self.line, problem, fix)


def split_list(cell: str) -> list[str]:
    """The values of a list cell, stripped, without empties."""
    return [v.strip() for v in cell.split("|") if v.strip()]


def read_sheet(path: Path, kind: str) -> list[Row]:
    """Every row of a sheet of ``kind``; a wrong header or row width is an :class:`InputError`."""
    expected = COLUMNS[kind]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, None, f"not UTF-8 ({err.reason} at byte {err.start})", "save the sheet as UTF-8") from None
    lines = text.splitlines()
    if not lines:
        raise InputError(path, 1, "empty sheet", "write the header row: " + "\t".join(expected))
    header = tuple(lines[0].split("\t"))
    if header != expected:
        raise InputError(path, 1, f"unexpected columns {header}", "use the columns, in order: " + "\t".join(expected))
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) != len(expected):
            raise InputError(path, number, f"{len(cells)} cells where {len(expected)} columns are expected",
                             "check for a tab inside a value or a missing cell")
        rows.append(Row(path, number, {c: nfc(v.strip()) for c, v in zip(expected, cells)}))
    return rows
