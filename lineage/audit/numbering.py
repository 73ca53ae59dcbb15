"""Numbering and identity: task tables numbered with gaps, repeats or out of order; symbols and footnotes.

Rules: ``number-gap``, ``number-duplicate``, ``number-out-of-sequence`` (a number
lower than the one before it, or under the wrong group: ``4.0`` after ``3.9``),
``number-style`` (``1`` where the table numbers ``3.1``), ``unnumbered-row`` (a row
printed without a number, in a clean source; OCR loses numbers, so there it only
explains a gap), ``document-number-order`` (one issuer's numbers running against
their dates), ``malformed-symbol`` (a symbol that does not parse or has no number),
``issuer-type-mismatch`` (a decree not of the Government, a circular not of a
ministry) and ``footnote-number`` (a footnote printed with another number than its place).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import pyoxigraph as ox

from lineage.audit.context import AuditContext
from lineage.audit.model import Check, Finding
from lineage.text.symbols import Symbol, SymbolError, parse_symbol

NAME = "numbering"
RESTART_FALL = 2
"""A Party series whose number falls to half or less has started a new term, not gone out of order."""
TYPE_ISSUERS = {"NĐ": ("CP",), "TT": ("B",)}
"""Document types only some issuers may use: decrees (the Government), circulars (ministries, codes B…)."""

_PRINTED_NUMBER = ox.NamedNode("https://w3id.org/lineage-vn/def#printedNumber")
_PRINTED_SYMBOLS = "SELECT DISTINCT ?document ?printed WHERE { ?document lin:printedSymbol ?printed }"
_FOOTNOTES = 'SELECT ?s ?locator WHERE { ?s lin:locator ?locator FILTER(REGEX(?locator, "(^|/)fn[0-9]+($|/)")) }'


class Row(NamedTuple):
    """A task row: its IRI, printed number (None when none is printed) and number parts."""

    iri: str
    printed: str | None
    parts: tuple[int, ...] | None


def run(ctx: AuditContext) -> Iterator[Finding]:
    """Every numbering finding of the graph."""
    yield from task_numbers(ctx)
    yield from document_number_order(ctx)
    yield from symbols(ctx)
    yield from footnotes(ctx)


# -- task tables --------------------------------------------------------------------------------------------


def task_numbers(ctx: AuditContext) -> Iterator[Finding]:
    """Gaps, repeats and disorder in each group of task rows (rows sharing a table and section)."""
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    numbers = ctx.task_values(_PRINTED_NUMBER)
    documents = ctx.containing_documents
    unnumbered: list[str | None] = [None]
    for task in ctx.tasks:
        locator = ctx.attributes(task).get("locator") or ""
        parent = locator.rsplit("/", 1)[0] if "/" in locator else ""
        rows = groups[(documents.get(task) or "", parent)]
        for number in numbers.get(task) or unnumbered:
            rows.append(Row(task, number, _parts(number)))
    dotted_tables = _dotted_tables(groups)
    clean = _clean_documents(ctx)
    print_key = ctx.print_key
    for (document, parent), rows in sorted(groups.items()):
        rows.sort(key=lambda r: print_key(r.iri))  # stable: the rows of one task keep their order
        group_number = _int(parent.rsplit("/", 1)[-1]) if parent else None
        dotted = (document, parent.split("/", 1)[0]) in dotted_tables
        prefix = (group_number,) if dotted and group_number is not None else None
        yield from _group(ctx, document, parent, rows, document in clean, prefix)


def _dotted_tables(groups: dict[tuple[str, str], list[Row]]) -> set[tuple[str, str]]:
    """(document, table) whose numbered groups mostly number their rows group.row (``3.1``, ``3.2`` …)."""
    votes: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for (document, parent), rows in groups.items():
        group_number = _int(parent.rsplit("/", 1)[-1]) if parent else None
        numbered = [r for r in rows if r.parts]
        if group_number is None or not numbered:
            continue
        matching = sum(1 for r in numbered if r.parts and r.parts[:-1] == (group_number,))
        votes[(document, parent.split("/", 1)[0])].append(matching * 2 > len(numbered))
    return {table for table, said in votes.items() if sum(said) * 2 > len(said)}


def _group(ctx: AuditContext, document: str, parent: str, rows: list[Row], clean: bool,
           prefix: tuple[int, ...] | None) -> Iterator[Finding]:
    where = f"{ctx.display(document)}#{parent}" if parent else ctx.display(document)
    kept: list[Row] = []
    previous: Row | None = None
    for row in rows:
        if row.parts is None:
            if clean:
                yield _unnumbered(ctx, row, where, previous)
            kept.append(row)
            continue
        if prefix is not None and row.parts[:-1] != prefix:
            yield _misplaced(ctx, row, where, prefix, previous)
            continue
        kept.append(row)
        previous = row
    yield from _sequence(ctx, where, kept, clean)


def _sequence(ctx: AuditContext, where: str, rows: list[Row], clean: bool) -> Iterator[Finding]:
    """Repeats, descents and gaps among rows that share a number prefix."""
    by_prefix: dict[tuple[int, ...], list[tuple[int, Row]]] = defaultdict(list)
    for position, row in enumerate(rows):
        if row.parts:
            by_prefix[row.parts[:-1]].append((position, row))
    implied = {row.parts[:k] for row in rows if row.parts for k in range(1, len(row.parts))}
    for prefix, numbered in sorted(by_prefix.items()):
        seen: dict[int, Row] = {}
        last: Row | None = None
        for _, row in numbered:
            assert row.parts is not None
            number = row.parts[-1]
            if number in seen:
                yield _repeat(ctx, row, seen[number], where)
            elif last is not None and last.parts is not None and number < last.parts[-1]:
                yield _descent(ctx, row, last, where)
            seen.setdefault(number, row)
            last = row
        present = set(seen) | {p[-1] for p in implied if p[:-1] == prefix}
        yield from _gaps(ctx, where, prefix, numbered, present, rows, clean)


def _gaps(ctx: AuditContext, where: str, prefix: tuple[int, ...], numbered: list[tuple[int, Row]],
          present: set[int], rows: list[Row], clean: bool) -> Iterator[Finding]:
    positions = {row.parts[-1]: position for position, row in numbered if row.parts}
    for missing in range(1, max(present, default=0) + 1):
        if missing in present:
            continue
        before = max((n for n in present if n < missing), default=None)
        after = min((n for n in present if n > missing), default=None)
        start = positions.get(before, -1) if before is not None else -1
        end = positions.get(after, len(rows)) if after is not None else len(rows)
        unnumbered = [r for r in rows[start + 1:end] if r.parts is None]
        if unnumbered and not clean:
            continue  # the OCR lost the number of a row that is there
        label = ".".join(str(n) for n in (*prefix, missing))
        neighbours = [positions[n] for n in (before, after) if n is not None and n in positions]
        subjects = [rows[i].iri for i in neighbours] + [r.iri for r in unnumbered]
        stands_vi = " Một dòng không số đứng ở vị trí đó." if unnumbered else ""
        stands_en = " A row without a number stands in its place." if unnumbered else ""
        shown = [rows[i].printed for i in neighbours]
        yield ctx.finding(
            NAME, "number-gap", "warning", subjects,
            f"Bảng {where} nhảy số: không có mục {label} (giữa {' và '.join(s or '?' for s in shown)}).{stands_vi}",
            f"Table {where} skips a number: there is no item {label} (between {' and '.join(s or '?' for s in shown)})."
            f"{stands_en}",
            [e for iri in subjects for e in ctx.evidence(iri, limit=1)],
        )


def _unnumbered(ctx: AuditContext, row: Row, where: str, previous: Row | None) -> Finding:
    after_vi = f" (sau mục {previous.printed})" if previous else ""
    after_en = f" (after item {previous.printed})" if previous else ""
    return ctx.finding(
        NAME, "unnumbered-row", "info", [row.iri],
        f"Một dòng của bảng {where} không in số thứ tự{after_vi}.",
        f"A row of table {where} is printed without a number{after_en}.",
        ctx.evidence(row.iri, limit=1),
    )


def _misplaced(ctx: AuditContext, row: Row, where: str, prefix: tuple[int, ...], previous: Row | None) -> Finding:
    assert row.parts is not None
    follows = previous.parts[-1] + 1 if previous and previous.parts else 1
    expected = ".".join(str(n) for n in (*prefix, follows))
    if len(row.parts) == 1:
        rule, severity = "number-style", "info"
        vi = f"Mục {row.printed} của bảng {where} đánh số kiểu khác các nhóm còn lại (lẽ ra là {expected})."
        en = f"Item {row.printed} of table {where} is numbered unlike the other groups ({expected} is expected)."
    else:
        rule, severity = "number-out-of-sequence", "warning"
        vi = f"Mục in số {row.printed} nằm trong nhóm {prefix[-1]} của bảng {where}, nơi số tiếp theo là {expected}."
        en = (f"An item numbered {row.printed} stands in group {prefix[-1]} of table {where}, "
              f"where {expected} comes next.")
    subjects = [row.iri] + ([previous.iri] if previous else [])
    return ctx.finding(NAME, rule, severity, subjects, vi, en,
                       [e for iri in subjects for e in ctx.evidence(iri, limit=1)])


def _repeat(ctx: AuditContext, row: Row, first: Row, where: str) -> Finding:
    return ctx.finding(
        NAME, "number-duplicate", "warning", [row.iri, first.iri],
        f"Số {row.printed} được dùng hai lần trong bảng {where}.",
        f"Number {row.printed} is used twice in table {where}.",
        ctx.evidence(first.iri, limit=1) + ctx.evidence(row.iri, limit=1),
    )


def _descent(ctx: AuditContext, row: Row, last: Row, where: str) -> Finding:
    return ctx.finding(
        NAME, "number-out-of-sequence", "warning", [row.iri, last.iri],
        f"Trong bảng {where}, mục {row.printed} in sau mục {last.printed}: số thứ tự đi lùi.",
        f"In table {where}, item {row.printed} is printed after item {last.printed}: the numbering goes back.",
        ctx.evidence(last.iri, limit=1) + ctx.evidence(row.iri, limit=1),
    )


# -- documents ----------------------------------------------------------------------------------------------


def document_number_order(ctx: AuditContext) -> Iterator[Finding]:
    """One issuer's documents of one type whose numbers run against their dates.

    State numbers restart every year; Party numbers restart with each term, which shows as a
    fall to half the number or less and is not reported.
    """
    series: dict[tuple[str, ...], list[tuple[str, int, str]]] = defaultdict(list)
    for iri, data in ctx.view.nodes(data=True):
        if data["kind"] != "document" or not data.get("symbol") or not _plausible(data.get("date")):
            continue
        symbol = _symbol(data["symbol"])
        if symbol is None or not symbol.number.isdigit():
            continue
        jurisdiction = iri.split("/eli/", 1)[-1].split("/", 1)[0]
        year = data["date"][:4] if symbol.form != "party" else ""
        key = (jurisdiction, symbol.form, symbol.issuer_code, symbol.type_code, year)
        series[key].append((data["date"], int(symbol.number), iri))
    for (_, form, *_), documents in sorted(series.items()):
        documents.sort()
        for (date_a, number_a, a), (date_b, number_b, b) in pairwise(documents):
            if number_b >= number_a or date_b == date_a:
                continue
            if form == "party" and number_b * RESTART_FALL <= number_a:
                continue
            sa, sb = ctx.display(a), ctx.display(b)
            yield ctx.finding(
                NAME, "document-number-order", "warning", [b, a],
                f"{sb} (ngày {date_b}) mang số nhỏ hơn {sa} (ngày {date_a}) dù ban hành sau: số văn bản của cùng "
                "cơ quan đi ngược thứ tự ngày.",
                f"{sb} (dated {date_b}) has a lower number than {sa} (dated {date_a}) though issued later: the "
                "issuer's numbers run against their dates.",
                ctx.evidence(a, limit=1) + ctx.evidence(b, limit=1),
            )


def symbols(ctx: AuditContext) -> Iterator[Finding]:
    """Printed symbols that do not parse, leave the number blank, or pair a type with an issuer that cannot issue it."""
    for row in ctx.rows(_PRINTED_SYMBOLS):
        document, printed = row["document"] or "", row["printed"] or ""
        if "," in printed or printed.strip().isdigit():
            continue  # a list of numbers sharing one type and issuer, or a project known by its number
        symbol = _symbol(printed)
        name = ctx.display(document)
        if symbol is None:
            yield ctx.finding(
                NAME, "malformed-symbol", "warning", [document],
                f"Số, ký hiệu „{printed}” của {name} không đúng dạng số-loại/cơ quan hay số/loại-cơ quan.",
                f"The symbol '{printed}' of {name} is not in any symbol form (NUMBER-TYPE/ISSUER, NUMBER/TYPE-ISSUER).",
                _printed_evidence(ctx, document, printed),
            )
        elif symbol.unnumbered:
            yield ctx.finding(
                NAME, "malformed-symbol", "info", [document],
                f"Số, ký hiệu „{printed}” của {name} để trống số (văn bản dự thảo hoặc chưa vào sổ).",
                f"The symbol '{printed}' of {name} leaves the number blank (a draft, or not yet registered).",
                _printed_evidence(ctx, document, printed),
            )
        else:
            allowed = TYPE_ISSUERS.get(symbol.type_code)
            if allowed and not symbol.issuer_code.startswith(allowed):
                yield ctx.finding(
                    NAME, "issuer-type-mismatch", "warning", [document],
                    f"„{printed}”: loại văn bản {symbol.type_code} không do {symbol.issuer_code} ban hành "
                    f"(chỉ {', '.join(allowed)}…); số ký hiệu có thể bị in sai.",
                    f"'{printed}': a {symbol.type_code} is not issued by {symbol.issuer_code} (only by "
                    f"{', '.join(allowed)}…); the symbol is probably misprinted.",
                    _printed_evidence(ctx, document, printed),
                )


def footnotes(ctx: AuditContext) -> Iterator[Finding]:
    """Footnotes whose printed number differs from their place (read from the source text)."""
    for row in ctx.rows(_FOOTNOTES):
        node, locator = row["s"] or "", row["locator"] or ""
        place = re.search(r"fn(\d+)", locator)
        assert place is not None
        for passage in ctx.derived(node):
            evidence = ctx.passage(passage)
            printed = _footnote_mark(ctx, evidence.source, evidence.lines, evidence.quote) if evidence else None
            if evidence is None or printed is None or int(printed) == int(place.group(1)):
                continue
            yield ctx.finding(
                NAME, "footnote-number", "warning", [node],
                f"Chú thích thứ {place.group(1)} ({evidence.source}, dòng {evidence.lines}) được in với số {printed}.",
                f"Footnote {place.group(1)} ({evidence.source}, line {evidence.lines}) is printed with the number "
                f"{printed}.",
                (evidence,),
            )
            break


def _footnote_mark(ctx: AuditContext, source: str, lines: str, quote: str) -> str | None:
    """The number printed at the start of the passage's first line, right before its quotation."""
    text = ctx.source_lines(source)
    start = lines.split("-", 1)[0]
    if text is None or not start.isdigit() or int(start) > len(text):
        return None
    match = re.match(r"\s*(\d{1,3})\s+(.*)", text[int(start) - 1])
    if not match or not quote or not match.group(2).startswith(quote[:15]):
        return None
    return match.group(1)


def _printed_evidence(ctx: AuditContext, document: str, printed: str) -> list:
    passages = [e for e in ctx.evidence(document, limit=None) if printed in e.quote]
    return passages[:2] or list(ctx.evidence(document, limit=1))


def _clean_documents(ctx: AuditContext) -> set[str]:
    """Documents whose own text is a clean (not OCR) source."""
    return {s.document for s in ctx.sources.values() if s.document and s.quality == "clean"}


@lru_cache(maxsize=1 << 14)
def _symbol(printed: str) -> Symbol | None:
    try:
        return parse_symbol(printed)
    except SymbolError:
        return None


@lru_cache(maxsize=1 << 12)
def _parts(printed: str | None) -> tuple[int, ...] | None:
    if printed is None:
        return None
    pieces = printed.strip().rstrip(".").split(".")
    if not all(p.isdigit() for p in pieces):
        return None
    return tuple(int(p) for p in pieces)


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _plausible(date: str | None) -> bool:
    return bool(date) and len(date or "") == 10 and 1930 <= int((date or "0")[:4]) <= 2100


CHECK = Check(
    NAME,
    {"vi": "Đánh số và định danh", "en": "Numbering and identity"},
    {
        "vi": "Bảng nhiệm vụ nhảy số, trùng số, số đi lùi hoặc sai nhóm, dòng không số; số văn bản của một cơ quan "
              "đi ngược thứ tự ngày; số ký hiệu sai dạng, để trống số hoặc loại văn bản không khớp cơ quan; chú thích "
              "in sai số.",
        "en": "Task tables with gaps, repeated numbers, numbers going back or under the wrong group, rows without a "
              "number; one issuer's document numbers running against their dates; symbols that are malformed, leave "
              "the number blank or pair a type with an issuer that cannot issue it; footnotes printed with the "
              "wrong number.",
    },
    run,
)
