"""Records the table readers return: rows, group headings, unread lines, tables.

Everything here is what the document prints (whitespace collapsed, tags such as
``<b>`` removed from cell texts); what the reader had to infer (a locator taken
from the row sequence, a number split over two OCR lines) is said in
``remarks``, never mixed into the printed fields.

>>> row = TableRow(table="PL3", locator="I/2/2.13", number="2.13", group=("XÂY DỰNG ĐẢNG",),
...                cells=(("Nhiệm vụ", "Triển khai …"), ("Thời gian", "Năm 2026")), text="Triển khai …",
...                lead=None, coordinating=None, timing="Năm 2026", resources=None, notes=None,
...                line_start=482, line_end=482, raw="2.13 Triển khai … Năm 2026")
>>> row.cell("Thời gian")
'Năm 2026'
>>> row.lines
(482, 482)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableRow:
    """One numbered (or unnumbered but separate) row of an appendix table.

    ``cells`` pairs every column except the number column with its text. When a
    row carries sub-items (continuation lines ``- …``/``+ …`` with values of their
    own), each sub-line adds one ``\\n``-separated piece to every column, so the
    pieces of two columns pair up by position. ``text`` and the role fields
    (``lead``, ``timing`` …) are single-line (whitespace collapsed); a role is
    ``None`` when the table has no such column or the cell is empty.
    """

    table: str
    locator: str
    number: str
    group: tuple[str, ...]
    cells: tuple[tuple[str, str], ...]
    text: str
    lead: str | None
    coordinating: str | None
    timing: str | None
    resources: str | None
    notes: str | None
    line_start: int
    line_end: int
    raw: str
    remarks: tuple[str, ...] = ()

    def cell(self, name: str) -> str | None:
        """The text of column ``name`` (``None`` when the table has no such column)."""
        for column, text in self.cells:
            if column == name:
                return text
        return None

    @property
    def cell_map(self) -> dict[str, str]:
        """``cells`` as a dict (column name → text)."""
        return dict(self.cells)

    @property
    def lines(self) -> tuple[int, int]:
        """``(line_start, line_end)``, 1-based and inclusive."""
        return (self.line_start, self.line_end)


@dataclass(frozen=True)
class TableGroup:
    """A group heading inside a table (``I Về kinh tế``, ``B NHIỆM VỤ TRỌNG TÂM``).

    ``number`` is as printed (``""`` when none is printed); ``locator`` is the
    path of group keys (``"B/III"``). ``cells`` holds any other cell the heading
    row prints (e.g. a lead body on a group line).
    """

    table: str
    locator: str
    number: str
    title: str
    line_start: int
    line_end: int
    cells: tuple[tuple[str, str], ...] = ()
    remarks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unread:
    """A line inside a table that no reader rule explains: kept, never dropped."""

    table: str
    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Table:
    """One appendix table: its rows in printed order, its group headings and leftovers.

    ``shape`` says which reader read it (``"tsv"``, ``"wrapped"``, ``"ocr"``);
    ``captions`` are the printed lines between the heading and the column header
    other than the title (``(Kèm theo Kế hoạch …)``, ``Đơn vị tính: %``).
    """

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    groups: tuple[TableGroup, ...]
    unread: tuple[Unread, ...]
    line_start: int
    line_end: int
    shape: str = ""
    captions: tuple[str, ...] = ()

    def row(self, locator: str) -> TableRow:
        """The row with this locator; ``KeyError`` naming the table otherwise."""
        for row in self.rows:
            if row.locator == locator:
                return row
        raise KeyError(f"table {self.name} has no row {locator!r}")

    @property
    def numbers(self) -> list[str]:
        """The printed row numbers in order (``""`` where none is printed)."""
        return [row.number for row in self.rows]
