"""Read an OCR table with broken rows (document 000's Phụ lục 01).

Sections (``A``–``E``, one per party body) hold groups (``I``–``VII``) and rows
numbered per section; the printed letters, numerals and numbers are often
missing or mangled, so every key comes from the sequence (``B/III/12``) and
the printed token is kept in ``number`` with a remark when they differ.

Rows are cut in two steps inside each run of lines between headings:

1. a row starts at the first line, at a bare number line (``11``), and at a
   line starting in upper case right after a sentence end or a timing line;
2. every row number printed at the margin (``17 |``, ``7 Xay dung``) belongs to
   exactly one row: when two fall in the same row, a new row starts at the
   best line between them (upper case after a sentence end, else after a
   timing piece, else the last upper-case line, else the number's own line).

No line is dropped: lines before the first row of a run join that row, and
every line of a row is kept in ``raw``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from lineage.text.normalize import squash_spaces

from .assemble import Assembler
from .locate import TableSpan
from .ocr_lines import OcrLine, classify, is_header
from .records import Table, Unread

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")


@dataclass
class _Anchor:
    index: int  # position in the run
    number: str
    last: int  # position of its last line (a number split over two lines)
    remark: str = ""


def read_ocr(lines: Sequence[str], span: TableSpan) -> Table:
    """Read the OCR table in ``span`` of ``lines`` (a whole document's lines)."""
    title, captions, first_header = _title_block(lines, span)
    if first_header > span.line_end:
        unread = tuple(Unread(span.name, n, squash_spaces(lines[n - 1]), "no column header (STT …) found in the table")
                       for n in range(span.line_start + 1, span.line_end + 1) if lines[n - 1].strip())
        return Table(span.name, title, (), (), (), unread, span.line_start, span.line_end, "ocr", captions)
    columns = _columns(lines, first_header, span)
    asm = Assembler(span.name, columns)
    unread: list[Unread] = []
    _structure(lines, span, first_header, asm, unread)
    rows, groups = asm.finish()
    return Table(span.name, title, columns, rows, groups, tuple(unread), span.line_start, span.line_end, "ocr",
                 captions)


def _title_block(lines: Sequence[str], span: TableSpan) -> tuple[str, tuple[str, ...], int]:
    title, captions = "", []
    for n in range(span.line_start + 1, span.line_end + 1):
        text = squash_spaces(lines[n - 1])
        if is_header(text):
            return title, tuple(captions), n
        if not text:
            continue
        if not title and not text.startswith("("):
            title = text
        else:
            captions.append(text)
    return title, tuple(captions), span.line_end + 1


def _columns(lines: Sequence[str], first: int, span: TableSpan) -> tuple[str, ...]:
    """Column names as printed in the first header (one cell per line, or ``|``-separated on one line)."""
    names: list[str] = []
    for n in range(first, span.line_end + 1):
        text = squash_spaces(lines[n - 1])
        if not text:
            continue
        if not is_header(text):
            break
        names.extend(part.strip() for part in text.split("|") if part.strip())
    return tuple(names)


def _structure(lines: Sequence[str], span: TableSpan, first: int, asm: Assembler, unread: list[Unread]) -> None:
    """Walk the table: open sections and groups, and cut the lines between headings into rows."""
    classified: list[OcrLine] = []
    expect_year = after_timing = False
    for n in range(first, span.line_end + 1):
        line = classify(n, lines[n - 1], expect_year, after_timing)
        classified.append(line)
        if line.kind in {"content", "timing"} and not line.noise:
            expect_year = line.expects_year if line.timing else False
        if line.kind != "blank":
            after_timing = bool(line.timing)
    run: list[OcrLine] = []
    ordinal = 0
    section, group_count = -1, 0

    def flush() -> None:
        nonlocal ordinal
        for row in _segment(run):
            ordinal += 1
            _add_row(asm, row, ordinal, asm.columns)
        run.clear()

    i = 0
    while i < len(classified):
        line = classified[i]
        nxt = _next_nonblank(classified, i)
        if line.kind in {"blank", "header"}:
            i += 1
            continue
        if line.kind == "section":
            flush()
            section, group_count, ordinal = section + 1, 0, 0
            letter = chr(ord("A") + section)
            remarks = [] if line.number == letter else [
                f"section letter printed as {line.number!r}; {letter} from the sequence"
                if line.number else f"no section letter printed; {letter} from the sequence"]
            asm.group(line.number, line.title, line.n, line.n, key=letter, level=0, remarks=remarks)
            i += 1
            continue
        numeral_first = line.kind == "numeral" and nxt is not None and classified[nxt].kind == "group" \
            and not classified[nxt].number
        if line.kind == "group" or numeral_first:
            flush()
            at = nxt if numeral_first and nxt is not None else i
            printed = line.number
            group_count += 1
            key = _ROMAN[group_count - 1] if group_count <= len(_ROMAN) else str(group_count)
            end, title, i = _group_title(classified, at, classified[at].title)
            remarks = [] if printed.upper() == key else [
                f"group numeral printed as {printed!r}; {key} from the sequence"
                if printed else f"no group numeral printed; {key} from the sequence"]
            asm.group(printed, title, line.n, end, key=key, level=1, remarks=remarks)
            continue
        if line.kind == "numeral":  # a lone numeral that heads no group: keep it as row text
            line = replace(line, kind="content", content=line.raw, upper=True)
        if section < 0:
            unread.append(Unread(asm.table, line.n, line.raw, "row text before the first section heading"))
        else:
            run.append(line)
        i += 1
    flush()


def _next_nonblank(lines: list[OcrLine], i: int) -> int | None:
    for j in range(i + 1, len(lines)):
        if lines[j].kind != "blank":
            return j
    return None


def _group_title(lines: list[OcrLine], i: int, title: str) -> tuple[int, str, int]:
    """Absorb lower-case continuation lines of a group heading; returns (last line, title, next index)."""
    end, parts, j = lines[i].n, [title], i + 1
    while j < len(lines):
        line = lines[j]
        if line.kind == "blank":
            j += 1
            continue
        if line.kind != "content" or line.number or line.timing or not line.content[:1].islower():
            break
        parts.append(line.raw)
        end, j = line.n, j + 1
    return end, squash_spaces(" ".join(parts)), j


def _segment(run: list[OcrLine]) -> list[tuple[list[OcrLine], _Anchor | None, str]]:
    """Cut a run into rows: (lines, anchor or None, weak number candidate)."""
    items = [line for line in run if line.kind in {"content", "number", "timing"}]
    if not items:
        return []
    anchors = _anchors(items)
    starts = _starts(items)
    owner: dict[int, _Anchor] = {}
    for anchor in anchors:
        s = max(k for k in starts | {0} if k <= anchor.index)
        if s in owner:
            s = _split_point(items, owner[s].last, anchor.index)
            starts.add(s)
        owner[s] = anchor
    ordered = sorted(starts | {0})
    rows = []
    for a, b in zip(ordered, ordered[1:] + [len(items)]):
        chunk = items[a:b]
        anchor = owner.get(a)
        weak = "" if anchor else next((x.number for x in chunk if x.kind == "content" and x.number
                                       and not x.strong), "")
        rows.append((chunk, anchor, weak))
    return rows


def _anchors(items: list[OcrLine]) -> list[_Anchor]:
    """Printed row numbers; a number split over two adjacent lines (``1 : 1 …`` / ``8 Lai …``) is merged."""
    found: list[_Anchor] = []
    k = 0
    while k < len(items):
        line = items[k]
        if line.strong and line.number:
            nxt = items[k + 1] if k + 1 < len(items) else None
            if (line.noise and nxt is not None and nxt.strong and nxt.n == line.n + 1
                    and line.number.isdigit() and nxt.number.isdigit() and len(line.number + nxt.number) <= 2):
                found.append(_Anchor(k, line.number + nxt.number, k + 1,
                                     f"number printed over lines {line.n}-{nxt.n} "
                                     f"({line.number!r} above {nxt.number!r})"))
                k += 2
                continue
            found.append(_Anchor(k, line.number, k))
        k += 1
    return found


def _closed_before(items: list[OcrLine], k: int) -> bool:
    """Whether the text before item ``k`` ends a cell: a sentence end, or a timing line after some text."""
    timing_seen = False
    for j in range(k - 1, -1, -1):
        line = items[j]
        if line.kind == "timing":
            timing_seen = True
            continue
        if line.kind == "number":
            return timing_seen
        if line.noise:
            continue
        return timing_seen or line.closed
    return False


def _starts(items: list[OcrLine]) -> set[int]:
    starts = {0} if items else set()
    for k, line in enumerate(items):
        if k == 0:
            continue
        if line.kind == "number" or (line.kind == "content" and not line.noise and line.upper
                                     and _closed_before(items, k)):
            starts.add(k)
    return starts


def _split_point(items: list[OcrLine], after: int, anchor: int) -> int:
    """Where the row of ``anchor`` starts when the previous number (ending at ``after``) shares its row."""
    between = [k for k in range(after + 1, anchor + 1)
               if items[k].kind == "content" and not items[k].noise and items[k].upper
               and not _follows_bare_number(items, k)]
    for k in reversed(between):
        if _closed_before(items, k):
            return k
    for k in reversed(between):
        previous = next((items[j] for j in range(k - 1, after - 1, -1) if not items[j].noise), None)
        if previous is not None and previous.timing:
            return k
    return between[-1] if between else anchor


def _follows_bare_number(items: list[OcrLine], k: int) -> bool:
    """True when the line before ``k`` (noise skipped) is a bare row number, whose text this line is."""
    previous = next((items[j] for j in range(k - 1, -1, -1) if not items[j].noise), None)
    return previous is not None and previous.kind == "number"


def _add_row(asm: Assembler, row: tuple[list[OcrLine], _Anchor | None, str], ordinal: int,
             columns: tuple[str, ...]) -> None:
    chunk, anchor, weak = row
    key = str(ordinal)
    number = anchor.number if anchor else weak
    remarks: list[str] = [anchor.remark] if anchor and anchor.remark else []
    if number != key:
        remarks.append(f"number printed as {number!r}; numbered {key} by the row sequence of the section"
                       if number else f"no number printed; numbered {key} by the row sequence of the section")
    text_parts = []
    for line in chunk:
        if line.kind != "content" or line.noise:
            continue
        content = line.content
        if not anchor and weak and line.number == weak and not line.strong and content.startswith(weak):
            content = content[len(weak):].strip()
        text_parts.append(content)
    timing = " ".join(line.timing for line in chunk if line.timing)
    cells = {columns[1]: squash_spaces(" ".join(text_parts))} if len(columns) > 1 else {}
    if len(columns) > 2:
        cells[columns[2]] = squash_spaces(timing)
    asm.row(number, cells, chunk[0].n, chunk[-1].n, [line.raw for line in chunk], key=key, remarks=remarks)
