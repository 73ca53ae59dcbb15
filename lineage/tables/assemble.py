"""Turn what a reader found into records: column roles, group paths, locators.

Readers hand over *drafts* (printed number, cells, line span, raw lines) and
group headings in printed order; :class:`Assembler` keeps the stack of open
groups, gives each row its locator (group keys + row key, joined by ``/``),
derives a key from the sequence where none is printed, and makes locators unique.

>>> a = Assembler("PL2", ("TT", "Tên", "Đơn vị mưu", "Thời gian trình"))
>>> _ = a.group("I", "Nghị quyết", 10, 10)
>>> a.row("1", {"Tên": "Nghị quyết A", "Thời gian trình": "Quý II/2026"}, 11, 11, ["1 Nghị quyết A"])
>>> a.row("", {"Tên": "Nghị quyết B"}, 12, 12, ["Nghị quyết B"])
>>> rows, groups = a.finish()
>>> [(r.locator, r.number, r.timing) for r in rows]
[('I/1', '1', 'Quý II/2026'), ('I/2', '', None)]
>>> rows[1].remarks
('no number printed; locator I/2 taken from the row sequence',)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lineage.text.normalize import fold, squash_spaces

from .records import TableGroup, TableRow

ROLES = ("number", "text", "lead", "coordinating", "timing", "resources", "notes")
_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^s?tt$")),
    ("coordinating", re.compile(r"phoi hop")),
    ("lead", re.compile(r"chu tri|tham muu|don vi muu")),
    ("timing", re.compile(r"^thoi gian")),
    ("resources", re.compile(r"nguon luc")),
    ("notes", re.compile(r"^ghi chu")),
    ("text", re.compile(r"^(ten\b|nhiem vu|noi dung|cac n\S* dung|chi tieu$)")),
)
_ROMAN = re.compile(r"^[IVXL]+$")
_TRAILING_INT = re.compile(r"^(.*?)(\d+)$")


def column_roles(columns: Sequence[str]) -> dict[str, str]:
    """Map each role to the first column whose folded name matches it.

    >>> column_roles(("TT", "Nhiệm vụ", "Đơn vị tham mưu", "Thời gian"))
    {'number': 'TT', 'text': 'Nhiệm vụ', 'lead': 'Đơn vị tham mưu', 'timing': 'Thời gian'}
    """
    found: dict[str, str] = {}
    for column in columns:
        key = fold(column)
        for role, pattern in _ROLE_PATTERNS:
            if role not in found and pattern.search(key):
                found[role] = column
                break
    return {role: found[role] for role in ROLES if role in found}


def level_of(number: str) -> int:
    """Nesting level of a group number: letter 0, roman 1, arabic 2, anything else 3.

    >>> [level_of(n) for n in ("A", "III", "12", "", "v")]
    [0, 1, 2, 3, 1]
    """
    token = number.strip().rstrip(".").upper()
    if _ROMAN.match(token):
        return 1
    if re.fullmatch(r"[A-Z]", token):
        return 0
    if token.isdigit():
        return 2
    return 3


def row_key(number: str) -> str:
    """The locator key of a printed row number: ``"1."`` → ``"1"``, ``" 2.13 "`` → ``"2.13"``."""
    return number.strip().rstrip(".").strip()


@dataclass
class _Group:
    level: int
    key: str
    record_index: int


@dataclass
class RowDraft:
    number: str
    key: str | None
    path: tuple[_Group, ...]
    cells: dict[str, str]
    line_start: int
    line_end: int
    raw: list[str]
    remarks: list[str] = field(default_factory=list)


class Assembler:
    """Collect groups and row drafts of one table in printed order, then build records."""

    def __init__(self, table: str, columns: Sequence[str]) -> None:
        self.table = table
        self.columns = tuple(columns)
        self.roles = column_roles(self.columns)
        self._stack: list[_Group] = []
        self._groups: list[TableGroup] = []
        self._drafts: list[RowDraft] = []

    def group(
        self,
        number: str,
        title: str,
        line_start: int,
        line_end: int,
        *,
        key: str | None = None,
        level: int | None = None,
        cells: Mapping[str, str] | None = None,
        remarks: Sequence[str] = (),
    ) -> int:
        """Open a group heading; returns its index (for :meth:`extend_group`)."""
        key = key if key is not None else row_key(number)
        level = level if level is not None else level_of(key or number)
        while self._stack and self._stack[-1].level >= level:
            self._stack.pop()
        path = "/".join([g.key for g in self._stack] + [key])
        extra = tuple((c, squash_spaces(t)) for c, t in (cells or {}).items() if t.strip())
        self._groups.append(
            TableGroup(self.table, path, number, squash_spaces(title), line_start, line_end, extra, tuple(remarks))
        )
        self._stack.append(_Group(level, key, len(self._groups) - 1))
        return len(self._groups) - 1

    def extend_group(self, index: int, more_title: str, line_end: int, remark: str | None = None) -> None:
        """Append a continuation line to a group's title (a heading wrapped over a page break)."""
        old = self._groups[index]
        remarks = old.remarks + ((remark,) if remark else ())
        self._groups[index] = TableGroup(
            old.table, old.locator, old.number, squash_spaces(f"{old.title} {more_title}"),
            old.line_start, max(old.line_end, line_end), old.cells, remarks,
        )

    @property
    def open_group(self) -> int | None:
        """Index of the innermost open group, if any."""
        return self._stack[-1].record_index if self._stack else None

    def row(
        self,
        number: str,
        cells: Mapping[str, str],
        line_start: int,
        line_end: int,
        raw: Sequence[str],
        *,
        key: str | None = None,
        remarks: Sequence[str] = (),
    ) -> None:
        """Add a row draft; ``key=None`` takes the key from ``number`` (or the sequence when blank)."""
        key = key if key is not None else (row_key(number) or None)
        self._drafts.append(
            RowDraft(number.strip(), key, tuple(self._stack), dict(cells), line_start, line_end, list(raw),
                   list(remarks))
        )

    @property
    def last_row(self) -> RowDraft | None:
        """The latest row draft (readers append continuation lines to it)."""
        return self._drafts[-1] if self._drafts else None

    def rows_in_open_group(self) -> int:
        """How many rows were added since the innermost open group began."""
        if not self._stack:
            return len(self._drafts)
        top = self._stack[-1]
        return sum(1 for d in self._drafts if d.path and d.path[-1] is top)

    def finish(self) -> tuple[tuple[TableRow, ...], tuple[TableGroup, ...]]:
        """Derive missing keys, note numbering irregularities, make locators unique, build the records."""
        self._derive_keys()
        self._sequence_remarks()
        rows: list[TableRow] = []
        seen: dict[str, int] = {}
        for draft in self._drafts:
            locator = "/".join([g.key for g in draft.path] + [draft.key or "?"])
            if locator in seen:
                seen[locator] += 1
                new = f"{locator}~{seen[locator]}"
                draft.remarks.append(f"locator {locator} already used in this table; this row is {new}")
                locator = new
            else:
                seen[locator] = 1
            rows.append(self._record(draft, locator))
        return tuple(rows), tuple(self._groups)

    def _derive_keys(self) -> None:
        by_path: dict[tuple[int, ...], list[RowDraft]] = {}
        for draft in self._drafts:
            by_path.setdefault(tuple(id(g) for g in draft.path), []).append(draft)
        for siblings in by_path.values():
            taken = {d.key for d in siblings if d.key}
            for i, draft in enumerate(siblings):
                if draft.key:
                    continue
                draft.key = _from_neighbours(siblings, i, taken)
                taken.add(draft.key)
                prefix = "/".join([g.key for g in draft.path] + [draft.key])
                draft.remarks.insert(0, f"no number printed; locator {prefix} taken from the row sequence")

    def _sequence_remarks(self) -> None:
        """Say where printed numbers skip or repeat, or carry another group's prefix (``4.0`` under ``3``)."""
        previous: dict[tuple[int, ...], RowDraft] = {}
        for draft in self._drafts:
            path = tuple(id(g) for g in draft.path)
            before = previous.get(path)
            previous[path] = draft
            if not draft.number or row_key(draft.number) != draft.key:
                continue
            key = draft.key or ""
            dotted = re.fullmatch(r"(\d+)\.\d+", key)
            parent = draft.path[-1].key if draft.path else ""
            if dotted and parent.isdigit() and dotted.group(1) != parent:
                draft.remarks.append(f"number {draft.number} printed under group {parent}")
            if before is None or not before.key:
                continue
            this, last = _TRAILING_INT.match(key), _TRAILING_INT.match(before.key)
            if this and last and this.group(1) == last.group(1) and int(this.group(2)) != int(last.group(2)) + 1:
                draft.remarks.append(f"number {draft.number} follows {before.key} in the printed sequence")

    def _record(self, draft: RowDraft, locator: str) -> TableRow:
        number_column = self.roles.get("number")
        cells = tuple((c, draft.cells.get(c, "").rstrip("\n")) for c in self.columns if c != number_column)

        def role(name: str) -> str | None:
            column = self.roles.get(name)
            text = squash_spaces(draft.cells.get(column, "")) if column else ""
            return text or None

        titles = tuple(self._groups[g.record_index].title for g in draft.path)
        return TableRow(
            table=self.table,
            locator=locator,
            number=draft.number,
            group=titles,
            cells=cells,
            text=role("text") or "",
            lead=role("lead"),
            coordinating=role("coordinating"),
            timing=role("timing"),
            resources=role("resources"),
            notes=role("notes"),
            line_start=draft.line_start,
            line_end=draft.line_end,
            raw=squash_spaces(" ".join(draft.raw)),
            remarks=tuple(draft.remarks),
        )


def _from_neighbours(siblings: list[RowDraft], i: int, taken: set[str]) -> str:
    """Key for an unnumbered row: previous numbered sibling + 1, else next − 1, else its ordinal."""
    candidates: list[str] = []
    for j in range(i - 1, -1, -1):
        if siblings[j].key and (m := _TRAILING_INT.match(siblings[j].key or "")):
            candidates.append(f"{m.group(1)}{int(m.group(2)) + (i - j)}")
            break
    for j in range(i + 1, len(siblings)):
        if siblings[j].key and (m := _TRAILING_INT.match(siblings[j].key or "")) and int(m.group(2)) >= j - i:
            candidates.append(f"{m.group(1)}{int(m.group(2)) - (j - i)}")
            break
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    ordinal = i + 1
    while f"_{ordinal}" in taken:
        ordinal += 1
    return f"_{ordinal}"
