"""Draft curation rows for one source text: its own document, its references, its tables.

The rows have the columns of the curation sheets (``data/curation/README.md``),
so the draft compiles exactly as curated sheets do. Whatever cannot be read —
a body name the registry does not know, a table line no reader explains, a row
without text — is kept as a :class:`Problem` with its line, never dropped and
never guessed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from lineage.curate.bodies import BodyRegistry
from lineage.curate.passages import SourceText
from lineage.curate.sheets import COLUMNS, Row
from lineage.errors import InputError
from lineage.iris import slug
from lineage.ingest.values import read_value
from lineage.tables import Table, TableRow, read_table
from lineage.tables.locate import find_footers, find_tables
from lineage.text.codes import type_code_for_word
from lineage.text.dates import PrintedDate, find_dates
from lineage.text.normalize import fold, squash_spaces
from lineage.text.references import Reference, find_own_symbol, find_references
from lineage.text.symbols import Symbol, SymbolError, parse_symbol

HEADING_LINES = 20
"""How far into the text the heading (number, place and date, type word, title) may reach."""

_NUMBER_LABEL = re.compile(r"(?:^|\s)s\S{0,2}\s*:?\s*$")
"""``Số:`` before the document's own number, OCR forms (``S6``, ``Sé6``) included, on the folded text."""

_OF = re.compile(r"^(?:của|c[a-z]{0,2}a)\s+", re.IGNORECASE)
"""``của`` (of) before an issuer, OCR forms (``ctia``, ``cia``, ``caa``) included."""

_BODY_SPLIT = re.compile(r"\s*(?:;|\n|,|\bvà\b|\bva\b)\s*")


@dataclass(frozen=True)
class Problem:
    """Something in the source the draft could not read: its line and what to do."""

    line: int
    problem: str
    fix: str


@dataclass
class Draft:
    """The rows drafted from one source, and what could not be read."""

    source: SourceText
    own: Row
    sheets: dict[str, list[Row]]
    tables: list[Table]
    references: list[Reference]
    problems: list[Problem] = field(default_factory=list)


class Drafter:
    """Drafts the rows of one source text against a body registry."""

    def __init__(self, source: SourceText, bodies: BodyRegistry) -> None:
        self.source = source
        self.bodies = bodies
        self.text = "\n".join(source.lines)
        self.line_starts = [0]
        for line in source.lines[:-1]:
            self.line_starts.append(self.line_starts[-1] + len(line) + 1)
        self.problems: list[Problem] = []

    def draft(self, document: str | None = None) -> Draft:
        """Every row the source gives; ``document`` names the source's own document when its heading does not."""
        references = find_references(self.text)
        own = self._own_row(document)
        tables = self._tables()
        tasks, targets = self._table_rows(tables)
        task_lines = {line: f"{row['table']}/{row['locator']}" for row in tasks
                      for line in range(int(row["line_start"]), int(row["line_end"]) + 1)}
        documents = [own] + self._reference_rows(references, own, task_lines)
        sheets = {"documents": documents, "tasks": tasks, "targets": targets}
        return Draft(self.source, own, sheets, tables, references, self.problems)

    # -- the source's own document ----------------------------------------------------------------

    def _own_row(self, document: str | None) -> Row:
        symbol, key, line = self._own_identity(document)
        type_line = self._type_line()
        type_code = symbol.type_code if symbol else (type_code_for_word(self.source.lines[type_line - 1])
                                                     if type_line else None)
        quote_line = line or type_line or self._first_text_line()
        dated = self._heading_date()
        issuer = self._issuer_of(symbol)
        return self._row("documents", quote_line, quote_line, {
            "relation": "self",
            "symbol_printed": symbol.printed if symbol else "",
            "symbol": symbol.canonical if symbol else "",
            "key": key or "",
            "type": type_code or "",
            "issuer": issuer,
            "date_printed": squash_spaces(dated.printed) if dated else "",
            "date": _iso(dated),
            "title": self._title(type_line) if type_line else "",
        })

    def _own_identity(self, document: str | None) -> tuple[Symbol | None, str | None, int]:
        heading = "\n".join(self.source.lines[:HEADING_LINES])
        printed = find_own_symbol(heading)
        line = self._line(printed[1]) if printed else 0
        if document:
            try:
                symbol = parse_symbol(document)
            except SymbolError:
                return None, slug(document), line
            return symbol, None, line
        if printed and not printed[0].unnumbered:
            return printed[0], None, line
        raise InputError(self.source.path, line or None,
                         "the heading prints no number, so the file does not say which document it is / "
                         "phần đầu văn bản không in số hiệu",
                         "pass --document SYMBOL (e.g. 46-KH/TU) or --document KEY for a document printed "
                         "without a number (e.g. kh-dangu-vpubnd-2026-daihoi)")

    def _type_line(self) -> int:
        for number, line in enumerate(self.source.lines[:HEADING_LINES], start=1):
            words = squash_spaces(line.strip("#* \t"))
            if words and len(words) < 40 and words.upper() == words and type_code_for_word(words):
                return number
        return 0

    def _title(self, type_line: int) -> str:
        title: list[str] = []
        for line in self.source.lines[type_line: type_line + 4]:
            text = squash_spaces(line.strip("#* \t"))
            if not text or set(text) <= set("-*_="):
                if title:
                    break
                continue
            title.append(text)
        return " ".join(title)

    def _heading_date(self) -> PrintedDate | None:
        """The place-and-date line of the heading (``Lai Châu, ngày 12 tháng 02 năm 2026``)."""
        heading = "\n".join(self.source.lines[:HEADING_LINES])
        for found in find_dates(heading):
            before = heading[heading.rfind("\n", 0, found.start) + 1: found.start]
            if before.rstrip().endswith(","):
                return found.date
        return None

    def _issuer_of(self, symbol: Symbol | None) -> str:
        """The one body whose abbreviation is the symbol's issuer code; none when several share it."""
        if symbol is None:
            return ""
        named = [b for b in self.bodies.by_slug.values() if b.abbreviation == symbol.issuer_code]
        return named[0].label_vi if len(named) == 1 else ""

    def _first_text_line(self) -> int:
        return next((n for n, line in enumerate(self.source.lines, start=1) if line.strip()), 1)

    # -- references -------------------------------------------------------------------------------

    def _reference_rows(self, references: list[Reference], own: Row, task_lines: dict[int, str]) -> list[Row]:
        names = [self._name(ref) for ref in references]
        own_name = own["symbol"] or own["key"]
        rows: list[Row] = []
        for index, ref in enumerate(references):
            if names[index] == own_name:
                continue
            start, end = self._line(ref.start), self._line(max(ref.end - 1, ref.start))
            if ref.parent is not None:
                subject = names[ref.parent]
            else:
                subject = task_lines.get(start, "doc")
            if subject == own_name:
                subject = "doc"
            issuer = self._issuer_text(ref, start)
            symbol = _numbered(ref)
            rows.append(self._row("documents", start, end, {
                "quote": squash_spaces(self.text[ref.start: ref.end]),
                "subject": subject,
                "relation": ref.relation,
                "symbol_printed": ref.symbol.printed if ref.symbol else "",
                "symbol": symbol.canonical if symbol else "",
                "key": "" if symbol else names[index],
                "type": ref.type_code or "",
                "issuer": issuer,
                "date_printed": squash_spaces(ref.date.printed) if ref.date else "",
                "date": _iso(ref.date),
                "title": ref.title or "",
            }))
        return rows

    def _name(self, ref: Reference) -> str:
        symbol = _numbered(ref)
        if symbol:
            return symbol.canonical
        return slug(squash_spaces(self.text[ref.start: ref.end]))[:80].rstrip("-")

    def _issuer_text(self, ref: Reference, line: int) -> str:
        if not ref.issuer_text:
            return ""
        printed = _OF.sub("", ref.issuer_text)
        if self.bodies.find(printed):
            return printed
        self.problems.append(Problem(line, f"issuer '{printed}' of {ref.printed[:60]!r} is not a known body / "
                                     "cơ quan ban hành chưa có trong danh mục",
                                     f"add it to {self.bodies.path.name} to record the issuer"))
        return ""

    def _line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    # -- tables -----------------------------------------------------------------------------------

    def _tables(self) -> list[Table]:
        spans = find_tables(self.source.lines)
        footers = find_footers(self.source.lines, spans)
        tables = [read_table(self.source.lines, span, footers=footers) for span in spans]
        for table in tables:
            for unread in table.unread:
                self.problems.append(Problem(unread.line, f"table {table.name}: line not read ({unread.reason}): "
                                             f"{unread.text[:60]!r} / dòng chưa đọc được",
                                             "curate this line by hand in the table's sheet"))
        return tables

    def _table_rows(self, tables: list[Table]) -> tuple[list[Row], list[Row]]:
        tasks: list[Row] = []
        targets: list[Row] = []
        for table in tables:
            indicator = _indicator_column(table)
            for row in table.rows:
                if not row.text.strip():
                    self.problems.append(Problem(row.line_start, f"table {table.name} row {row.locator} has no text / "
                                                 "dòng không có nội dung", "curate the row by hand"))
                elif indicator:
                    targets.extend(self._targets(table, indicator, row))
                else:
                    tasks.append(self._task(row))
        return tasks, targets

    def _task(self, row: TableRow) -> Row:
        return self._row("tasks", row.line_start, row.line_end, {
            "table": row.table,
            "locator": row.locator,
            "number": row.number,
            "group": " > ".join(row.group),
            "text": row.text,
            "lead": " | ".join(self._bodies(row.lead, row.line_start, "lead")),
            "coordinating": " | ".join(self._bodies(row.coordinating, row.line_start, "coordinating")),
            "timing": row.timing or "",
            "resources": row.resources or "",
            "notes": row.notes or "",
        })

    def _bodies(self, cell: str | None, line: int, column: str) -> list[str]:
        """The bodies a cell names: the whole cell, or each of its parts when every part is a known body."""
        if not cell:
            return []
        whole = squash_spaces(cell)
        if self.bodies.find(whole):
            return [whole]
        parts = [p for p in _BODY_SPLIT.split(cell) if p.strip()]
        known = [squash_spaces(p) for p in parts if self.bodies.find(squash_spaces(p))]
        if len(known) < len(parts):
            self.problems.append(Problem(line, f"{column} body '{whole}' is not (entirely) a known body / "
                                         "cơ quan chưa có trong danh mục",
                                         f"add it to {self.bodies.path.name}, or curate the row by hand"))
        return known

    def _targets(self, table: Table, indicator: str, row: TableRow) -> list[Row]:
        cells = row.cell_map
        names = _pieces(cells.get(indicator, ""))
        responsible = next((cells[c] for c in cells if _is_responsible(c)), "")
        kind = "scenario" if "kich ban" in fold(table.title) else "target"
        rows: list[Row] = []
        for column in table.columns:
            if column not in cells or column == indicator or _is_responsible(column) or _is_note(column):
                continue
            values = _pieces(cells[column])
            for index, printed in enumerate(values):
                if not printed:
                    continue
                name = names[index] if index < len(names) else names[-1] if names else row.text
                locator = f"{table.name}/{row.locator}" + (f".{chr(97 + index)}" if len(values) > 1 else "")
                rows.append(self._target_row(row, locator, name, printed, column, responsible, kind, table))
        return rows

    def _target_row(self, row: TableRow, locator: str, name: str, printed: str, column: str,
                    responsible: str, kind: str, table: Table) -> Row:
        value = read_value(printed)
        unit = (value.unit if value else None) or _caption_unit(table)
        return self._row("targets", row.line_start, row.line_end, {
            "locator": locator,
            "indicator": squash_spaces(name.lstrip("-+• ")),
            "value": value.value if value else "",
            "value_max": (value.value_max or "") if value else "",
            "comparator": value.comparator if value else "",
            "value_printed": squash_spaces(printed),
            "unit": unit or "",
            "period": _period(column) or _period(name),
            "kind": kind,
            "responsible": " | ".join(self._bodies(responsible, row.line_start, "responsible")),
        })

    # -- rows -------------------------------------------------------------------------------------

    def _row(self, kind: str, start: int, end: int, cells: dict[str, str]) -> Row:
        full = {column: "" for column in COLUMNS[kind]}
        full.update(cells)
        full["line_start"], full["line_end"] = str(start), str(end)
        if not full["quote"]:
            full["quote"] = squash_spaces(" ".join(self.source.lines[start - 1: end]))
        return Row(self.source.path, start, full)


def _numbered(ref: Reference) -> Symbol | None:
    """The reference's symbol when it prints a number (``Kế hoạch số -KH/ĐU`` prints none)."""
    return ref.symbol if ref.symbol and not ref.symbol.unnumbered else None


def _iso(date: PrintedDate | None) -> str:
    if date is None or date.iso is None or "impossible" in date.flags:
        return ""
    return date.iso


def _pieces(cell: str) -> list[str]:
    return [piece.strip() for piece in cell.split("\n")] if cell else []


def _indicator_column(table: Table) -> str | None:
    """The indicator column of a target table (``Chỉ tiêu``); task tables have none."""
    return next((c for c in table.columns if fold(c).startswith(("chi tieu", "ten chi tieu"))), None)


def _is_responsible(column: str) -> bool:
    return fold(column).startswith(("don vi tham muu", "co quan", "don vi chu tri", "don vi thuc hien"))


def _is_note(column: str) -> bool:
    return fold(column).startswith(("ghi chu", "tt", "stt"))


def _period(text: str) -> str:
    years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)
    if len(years) == 1:
        return years[0]
    return f"{years[0]}-{years[-1]}" if years else ""


def _caption_unit(table: Table) -> str | None:
    for caption in table.captions:
        match = re.search(r"(?:đơn vị tính|don vi tinh|đvt)\s*:\s*(.+?)\)?$", caption, re.IGNORECASE)
        if match:
            return squash_spaces(match.group(1))
    return None
