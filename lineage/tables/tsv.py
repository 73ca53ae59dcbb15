"""Read a tab-separated appendix table (document 004's Phụ lục 1–4).

Line kinds inside the table: the column header (first cell ``TT``/``STT``,
repeated after page breaks, with or without ``<b>``), group headings (the
content cell wholly bold, or a bold number cell carrying the title:
``<b>III Về môi trường</b>``), numbered rows, and rows with an empty first cell:

- ``- …``/``+ …`` sub-items: continuation of the previous row, one ``\\n`` piece per column;
- text starting in lower case: the previous row's cell wrapped over a page break;
- bold text right after a group heading: that heading wrapped over a page break;
- text starting in upper case with other cells filled: a row of its own, number not printed.

Blank lines and ``-----`` page breaks are skipped; any other line without a tab
is kept as :class:`~lineage.tables.records.Unread`. Cells beyond the header's
columns are joined into the last column, with a remark on the row.

>>> lines = ["PHỤ LỤC 2", "TT\\tTên\\tThời gian", "<b>I</b>\\t<b>Nhóm</b>\\t", "1\\tA\\tQuý I/2026",
...          "\\t- a1\\t", "2\\tB\\tNăm 2026"]
>>> from .locate import TableSpan
>>> table = read_tsv(lines, TableSpan("PL2", "2", "PHỤ LỤC 2", 1, 6))
>>> [(r.locator, r.text, r.line_end) for r in table.rows]
[('I/1', 'A - a1', 5), ('I/2', 'B', 6)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lineage.text.normalize import fold, squash_spaces

from .assemble import Assembler, RowDraft
from .lexicon import first_letter
from .locate import TableSpan
from .records import Table, Unread

_TAG = re.compile(r"</?b>", re.IGNORECASE)
_BOLD = re.compile(r"^\s*<b>(.*)</b>\s*$", re.IGNORECASE | re.DOTALL)
_NUMBER_TITLE = re.compile(r"^([A-Z]|[IVXL]+|\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_SUB_ITEM = ("-", "+", "*", "•", "–")
_PAGE_BREAK = re.compile(r"^\s*-{3,}\s*$")


def strip_tags(text: str) -> str:
    """Remove ``<b>``/``</b>`` and collapse whitespace."""
    return squash_spaces(_TAG.sub("", text))


def _is_header(cells: Sequence[str]) -> bool:
    return len(cells) >= 2 and fold(strip_tags(cells[0])) in {"tt", "stt"}


def _bold(cell: str) -> bool:
    return bool(_BOLD.match(cell)) and bool(strip_tags(cell))


def read_tsv(lines: Sequence[str], span: TableSpan) -> Table:
    """Read the tab-separated table in ``span`` of ``lines`` (a whole document's lines)."""
    title, captions, header_at = _title_block(lines, span)
    if header_at is None:
        unread = tuple(
            Unread(span.name, n, squash_spaces(lines[n - 1]), "no column header (TT/STT) found in the table")
            for n in range(span.line_start + 1, span.line_end + 1)
            if lines[n - 1].strip()
        )
        return Table(span.name, title, (), (), (), unread, span.line_start, span.line_end, "tsv", captions)
    columns = tuple(strip_tags(c) for c in lines[header_at - 1].split("\t"))
    asm = Assembler(span.name, columns)
    unread: list[Unread] = []
    last = "header"  # kind of the last meaningful line: header, group, row
    group_rows = 0
    for n in range(header_at + 1, span.line_end + 1):
        line = lines[n - 1]
        if not line.strip() or _PAGE_BREAK.match(line):
            continue
        if "\t" not in line:
            unread.append(Unread(span.name, n, squash_spaces(line), "line without tabs inside a tab-separated table"))
            continue
        cells = line.split("\t")
        if _is_header(cells):
            continue  # repeated column header after a page break
        cells, surplus = _fit(cells, len(columns), n)
        remarks = [surplus] if surplus else []
        number, content = strip_tags(cells[0]), cells[1] if len(cells) > 1 else ""
        others = {columns[i]: strip_tags(cells[i]) for i in range(2, len(columns))}
        if _bold(content) or (not strip_tags(content) and _bold(cells[0]) and _NUMBER_TITLE.match(number)):
            if not number and last == "group" and asm.open_group is not None and group_rows == 0:
                asm.extend_group(asm.open_group, strip_tags(content), n, f"title continues on line {n}")
                continue
            if not strip_tags(content):
                match = _NUMBER_TITLE.match(number)
                assert match is not None
                number, heading = match.group(1), match.group(2)
            else:
                heading = strip_tags(content)
            asm.group(number, heading, n, n, cells=others, remarks=remarks)
            last, group_rows = "group", 0
            continue
        text = strip_tags(content)
        draft = asm.last_row
        if not number and draft is not None and last == "row":
            sub_item = text.startswith(_SUB_ITEM)
            if sub_item or not text or first_letter(text).islower() or not any(others.values()):
                _append(draft, columns, [text, *others.values()], n, line, "\n" if sub_item else " ")
                draft.remarks.extend(remarks)
                continue
        row_cells = {columns[1]: text, **others} if len(columns) > 1 else {}
        asm.row(number, row_cells, n, n, [line], remarks=remarks)
        last, group_rows = "row", group_rows + 1
    rows, groups = asm.finish()
    return Table(span.name, title, columns, rows, groups, tuple(unread), span.line_start, span.line_end, "tsv",
                 captions)


def _fit(cells: list[str], width: int, n: int) -> tuple[list[str], str | None]:
    """Pad short rows with empty cells; join surplus cells into the last column (and say so)."""
    if len(cells) < width:
        return cells + [""] * (width - len(cells)), None
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        merged = " ".join(c for c in cells[width - 1 :] if c.strip())
        remark = f"line {n} has {len(cells)} cells for {width} columns; the surplus is joined into the last column"
        return cells[: width - 1] + [merged], remark
    return cells[:width], None


def _append(draft: RowDraft, columns: Sequence[str], pieces: Sequence[str], n: int, line: str, sep: str) -> None:
    """Add a continuation line's cells to the previous row draft.

    With ``sep="\\n"`` (sub-items) every column gets one piece per printed line,
    empty or not, so pieces of different columns stay aligned.
    """
    for column, piece in zip(columns[1:], pieces):
        old = draft.cells.get(column, "")
        if sep == "\n":
            draft.cells[column] = f"{old}\n{piece}"
        elif piece:
            draft.cells[column] = f"{old} {piece}".strip()
    draft.line_end = n
    draft.raw.append(line)


def _title_block(lines: Sequence[str], span: TableSpan) -> tuple[str, tuple[str, ...], int | None]:
    """Title, caption lines and the 1-based line of the column header."""
    heading = lines[span.line_start - 1]
    rest = re.sub(r"^[#*_\s]*ph\S*\s*l\S*c\s+(?:s\S\s+)?\w+[*_\s]*", "", heading, flags=re.IGNORECASE)
    title = strip_tags(rest.replace("*", " "))
    captions: list[str] = []
    for n in range(span.line_start + 1, span.line_end + 1):
        line = lines[n - 1]
        if "\t" in line and _is_header(line.split("\t")):
            return title, tuple(captions), n
        text = squash_spaces(line.replace("**", " "))
        if not text or _PAGE_BREAK.match(line):
            continue
        if not title and not text.startswith("("):
            title = text
        else:
            captions.append(text)
    return title, tuple(captions), None
