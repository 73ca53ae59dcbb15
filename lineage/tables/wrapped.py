"""Read a table extracted one cell per line, cells wrapped over several lines (document 001).

Two layouts share the line handling (page footers, ``-----`` breaks and the
column header repeated after each page break are skipped):

- a numeric grid (columns ``Năm 2026`` … ``Giai đoạn 2026-2030``): a row is its
  label lines followed by one value per year column at the end of a line;
  ``- …`` rows are sub-items of the row above (one ``\\n`` piece per column);
- blocks: a row starts at its number, and its cells follow as blank-line
  separated blocks in column order (name, goal, lead, then coordinating blocks)
  up to the timing block (``Tháng 01/2026 NSNN``: timing, then resources).
  Text printed after a page break below a complete row continues that row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from lineage.text.normalize import fold, squash_spaces

from .assemble import Assembler
from .lexicon import first_letter, is_all_caps, is_header_line, split_columns
from .locate import TableSpan, find_footers, find_tables
from .records import Table, Unread

_PAGE_BREAK = re.compile(r"^\s*-{3,}\s*$")
_HEADER_START = re.compile(r"^(s?tt\b|chi tieu\b)")
_ROW_NUMBER = re.compile(r"^(\d{1,3})\.?(?:\s+(\S.*))?$")
_GROUP = re.compile(r"^([A-Z]|[IVXL]+)[.\-]?\s+(\S.*)$")
_TIMING = re.compile(
    r"^(thang|thuong|quy\b|nam \d|trong\b|khi\b|hang nam|dinh ky|da (ban hanh|tham muu|thuc hien)|"
    r"tu (thang|nam|quy|khi)|sau khi|giai doan|truoc)"
)
_RESOURCE = re.compile(r"^[A-ZĐ]{3,}[,;]?$")
_PERIOD = re.compile(r"^(nam \d{4}|giai doan)")
_NUMBER_TOKEN = r"[-+]?\d[\d.,]*"


@dataclass
class _Item:
    kind: str  # "line", "blank", "page"
    n: int
    text: str = ""


@dataclass
class _Row:
    number: str
    line_start: int
    line_end: int
    raw: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    done: bool = False
    page_after_done: bool = False
    remarks: list[str] = field(default_factory=list)

    def add(self, n: int, text: str) -> None:
        self.raw.append(text)
        self.line_end = max(self.line_end, n)


def read_wrapped(lines: Sequence[str], span: TableSpan, footers: frozenset[str] | None = None) -> Table:
    """Read the one-cell-per-line table in ``span`` of ``lines`` (a whole document's lines)."""
    if footers is None:
        footers = find_footers(lines, find_tables(lines))
    title, captions, header = _title_and_header(lines, span)
    if not header:
        unread = tuple(Unread(span.name, n, squash_spaces(lines[n - 1]), "no column header found in the table")
                       for n in range(span.line_start + 1, span.line_end + 1) if lines[n - 1].strip())
        return Table(span.name, title, (), (), (), unread, span.line_start, span.line_end, "wrapped", captions)
    columns = tuple(split_columns(" ".join(lines[n - 1] for n in header)))
    asm = Assembler(span.name, columns)
    unread: list[Unread] = []
    items = list(_items(lines, span, header, footers))
    if sum(1 for c in columns if _PERIOD.match(fold(c))) >= 2:
        _read_grid(items, columns, asm, unread, span.name)
    else:
        _read_blocks(items, columns, asm, unread, span.name)
    rows, groups = asm.finish()
    return Table(span.name, title, columns, rows, groups, tuple(unread), span.line_start, span.line_end,
                 "wrapped", captions)


def _title_and_header(lines: Sequence[str], span: TableSpan) -> tuple[str, tuple[str, ...], list[int]]:
    title, captions = "", []
    for n in range(span.line_start + 1, span.line_end + 1):
        text = squash_spaces(lines[n - 1])
        if _HEADER_START.match(fold(text)):
            header = [n]
            for m in range(n + 1, span.line_end + 1):
                if not lines[m - 1].strip():
                    continue
                if not is_header_line(lines[m - 1]):
                    break
                header.append(m)
            return title, tuple(captions), header
        if not text or _PAGE_BREAK.match(text):
            continue
        if not title and not text.startswith("("):
            title = text
        else:
            captions.append(text)
    return title, tuple(captions), []


def _items(lines: Sequence[str], span: TableSpan, header: list[int], footers: frozenset[str]) -> Iterator[_Item]:
    """Lines after the first header as items; footers, breaks and repeated headers become "page"."""
    pattern = [squash_spaces(lines[n - 1]) for n in header]
    n = header[-1] + 1
    while n <= span.line_end:
        text = squash_spaces(lines[n - 1])
        if not text:
            yield _Item("blank", n)
        elif text in footers or _PAGE_BREAK.match(text):
            yield _Item("page", n)
        elif text == pattern[0] and (end := _match_header(lines, n, span.line_end, pattern)):
            yield _Item("page", n)
            n = end
        else:
            yield _Item("line", n, text)
        n += 1


def _match_header(lines: Sequence[str], n: int, last: int, pattern: list[str]) -> int | None:
    """Last line of a repeated header starting at ``n``, or ``None`` when it does not repeat fully."""
    k, m = 1, n
    while k < len(pattern):
        m += 1
        if m > last:
            return None
        text = squash_spaces(lines[m - 1])
        if not text:
            continue
        if text != pattern[k]:
            return None
        k += 1
    return m


def _read_grid(items: list[_Item], columns: tuple[str, ...], asm: Assembler, unread: list[Unread],
               table: str) -> None:
    values = [c for c in columns if _PERIOD.match(fold(c))]
    tail = re.compile(rf"^(.*?)\s*((?:{_NUMBER_TOKEN}\s+){{{len(values) - 1}}}{_NUMBER_TOKEN})\s*$")
    label: list[_Item] = []
    for item in items:
        if item.kind != "line":
            if item.kind == "page" and label:
                unread.extend(Unread(table, i.n, i.text, "label without values before a page break") for i in label)
                label = []
            continue
        match = tail.match(item.text)
        if not match:
            label.append(item)
            continue
        parts = [i.text for i in label] + ([match.group(1)] if match.group(1) else [])
        text = squash_spaces(" ".join(parts))
        row_cells = {columns[0]: text, **dict(zip(values, match.group(2).split()))}
        start = label[0].n if label else item.n
        raw = [i.text for i in label] + [item.text]
        label = []
        draft = asm.last_row
        number_match = re.match(r"^(\d{1,3}\.?)\s+(.*)$", text)
        if text.startswith(("-", "+")) and draft is not None:
            for column in columns:
                draft.cells[column] = f"{draft.cells.get(column, '')}\n{row_cells.get(column, '')}"
            draft.line_end = item.n
            draft.raw.extend(raw)
        elif number_match:
            row_cells[columns[0]] = number_match.group(2)
            asm.row(number_match.group(1), row_cells, start, item.n, raw)
        else:
            asm.row("", row_cells, start, item.n, raw)
    unread.extend(Unread(table, i.n, i.text, "label without values at the end of the table") for i in label)


def _read_blocks(items: list[_Item], columns: tuple[str, ...], asm: Assembler, unread: list[Unread],
                 table: str) -> None:
    roles = asm.roles
    timing, resources = roles.get("timing"), roles.get("resources")
    number_column = roles.get("number", columns[0])
    fill = [c for c in columns if c not in (number_column, timing, resources)]
    lead = roles.get("lead")
    timing_from = fill.index(lead) if lead in fill else min(2, len(fill))
    row: _Row | None = None

    def flush() -> None:
        if row is None:
            return
        if not row.done:
            row.remarks.append("no timing block found before the next row")
        asm.row(row.number, row.cells, row.line_start, row.line_end, row.raw, remarks=row.remarks)

    for block, after_page in _blocks(items):
        first = block[0]
        number = _ROW_NUMBER.match(first.text)
        group = _GROUP.match(first.text)
        idle = row is None or row.done
        if group and idle and len(block) == 1 and is_all_caps(group.group(2)):
            flush()
            row = None
            asm.group(group.group(1), group.group(2), first.n, first.n)
            continue
        if number and (idle or number.group(2) is None):
            flush()
            row = _Row(number.group(1), first.n, first.n)
            row.add(first.n, first.text)
            rest = ([_Item("line", first.n, number.group(2))] if number.group(2) else []) + block[1:]
            for item in block[1:]:
                row.add(item.n, item.text)
            if rest:
                _fill(row, rest, fill, timing_from, timing, resources)
            continue
        if row is None:
            unread.extend(Unread(table, i.n, i.text, "text before the first numbered row") for i in block)
            continue
        if row.done and not (after_page or row.page_after_done):
            unread.extend(Unread(table, i.n, i.text, "text after a complete row, not a numbered row") for i in block)
            continue
        for item in block:
            row.add(item.n, item.text)
        if row.done:
            _continue_cell(row, block, fill)
        else:
            _fill(row, block, fill, timing_from, timing, resources)
    flush()


def _blocks(items: list[_Item]) -> Iterator[tuple[list[_Item], bool]]:
    """Runs of consecutive lines, each with whether a page break came just before it."""
    block: list[_Item] = []
    page = False
    for item in items:
        if item.kind == "line":
            block.append(item)
            continue
        if block:
            yield block, page
            block, page = [], False
        page = page or item.kind == "page"
    if block:
        yield block, page


def _fill(row: _Row, block: list[_Item], fill: list[str], timing_from: int, timing: str | None,
          resources: str | None) -> None:
    text = squash_spaces(" ".join(i.text for i in block))
    if timing and len(row.filled) >= timing_from and _TIMING.match(fold(text)):
        tokens = text.split()
        k = len(tokens)
        while resources and k > 1 and _RESOURCE.match(tokens[k - 1]):
            k -= 1
        row.cells[timing] = " ".join(tokens[:k])
        if resources and k < len(tokens):
            row.cells[resources] = " ".join(tokens[k:])
        row.done = True
        return
    column = fill[min(len(row.filled), len(fill) - 1)] if fill else None
    if column is None:
        return
    row.cells[column] = squash_spaces(f"{row.cells.get(column, '')} {text}")
    if len(row.filled) < len(fill):
        row.filled.append(column)


def _continue_cell(row: _Row, block: list[_Item], fill: list[str]) -> None:
    """Text printed after a page break below a complete row: append it to its first unfinished cell."""
    text = squash_spaces(" ".join(i.text for i in block))
    target = next((c for c in row.filled if not row.cells.get(c, "").rstrip().endswith((".", "!", "?", "…"))),
                  fill[0] if fill else None)
    if target is None:
        return
    if first_letter(text).isupper():
        row.remarks.append(f"lines {block[0].n}-{block[-1].n} after the page break start in upper case")
    row.cells[target] = squash_spaces(f"{row.cells.get(target, '')} {text}")
    row.remarks.append(f"{target} continues after the page break (lines {block[0].n}-{block[-1].n})")
    row.page_after_done = True
