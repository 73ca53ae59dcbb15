"""Find where each appendix table starts and ends, and which of the three shapes it has.

A table starts at its heading line (``PHỤ LỤC 2``, ``Phụ lục số 02``, OCR
``Phu luc 01``, Markdown ``**PHỤ LỤC 1****Danh mục …**``) and ends on the last
non-blank line before the next heading or the end of the document.

>>> spans = find_tables(["Body", "**PHỤ LỤC 1**", "STT\\tChỉ tiêu", "", " Phụ lục số 02", "TT", ""])
>>> [(s.name, s.line_start, s.line_end) for s in spans]
[('PL1', 2, 3), ('PL02', 5, 6)]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lineage.text.normalize import fold, squash_spaces

# At the start of a line (after Markdown emphasis or heading marks): "phu luc [so] N".
_HEADING = re.compile(r"^[#*_\s]*phu\s*luc\s+(?:so\s+)?(\d{1,2}|[ivx]{1,4})\b(?!\s*(?:kem|ve)\b)")
_VIETNAMESE = set(
    "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ĂÂĐÊÔƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
)

SHAPES = ("tsv", "wrapped", "ocr")


@dataclass(frozen=True)
class TableSpan:
    """One appendix: ``name`` (``PL`` + number as printed), heading line text, 1-based inclusive span."""

    name: str
    number: str
    heading: str
    line_start: int
    line_end: int


def heading_number(line: str) -> str | None:
    """The appendix number printed on a heading line, or ``None``.

    >>> heading_number("**PHỤ LỤC 3****Danh mục nhiệm vụ**"), heading_number(" Phụ lục số 02")
    ('3', '02')
    >>> heading_number("(Chi tiết tại Phụ lục số 02)") is None
    True
    """
    match = _HEADING.match(fold(line))
    if not match:
        return None
    number = match.group(1)
    return number.upper() if not number.isdigit() else number


def find_tables(lines: Sequence[str]) -> list[TableSpan]:
    """Every appendix table in ``lines`` (a document's lines, without line ends), in order."""
    starts = [(i, num) for i, line in enumerate(lines) if (num := heading_number(line)) is not None]
    spans: list[TableSpan] = []
    for k, (start, number) in enumerate(starts):
        stop = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        end = stop - 1
        while end > start and not lines[end].strip():
            end -= 1
        spans.append(
            TableSpan(
                name=f"PL{number}",
                number=number,
                heading=squash_spaces(lines[start]),
                line_start=start + 1,
                line_end=end + 1,
            )
        )
    return spans


def detect_shape(lines: Sequence[str], span: TableSpan) -> str:
    """``"tsv"`` when rows are tab-separated, ``"ocr"`` when the text has (almost) no Vietnamese
    diacritics, else ``"wrapped"`` (one cell per line).

    >>> span = TableSpan("PL1", "1", "PHỤ LỤC 1", 1, 3)
    >>> detect_shape(["PHỤ LỤC 1", "STT\\tChỉ tiêu", "1\\tGRDP"], span)
    'tsv'
    >>> detect_shape(["Phu luc 01", "STT", "Thuong xuyen"], span)
    'ocr'
    """
    body = lines[span.line_start - 1 : span.line_end]
    if sum(1 for line in body if "\t" in line) >= 2:
        return "tsv"
    letters = [ch for line in body for ch in line if ch.isalpha()]
    if not letters:
        return "wrapped"
    vietnamese = sum(1 for ch in letters if ch in _VIETNAMESE)
    return "ocr" if vietnamese / len(letters) < 0.02 else "wrapped"


def find_footers(lines: Sequence[str], spans: Sequence[TableSpan], min_length: int = 30) -> frozenset[str]:
    """Repeated page footers: a line (whitespace collapsed) of ``min_length``+ characters printed
    at least twice, at least once outside every table.

    >>> foot = "Tài liệu này thuộc quyền sở hữu của Ủy ban Trung ương."
    >>> sorted(find_footers(["x", foot, "Phụ lục số 01", foot], [TableSpan("PL01", "01", "", 3, 4)]))
    ['Tài liệu này thuộc quyền sở hữu của Ủy ban Trung ương.']
    """
    inside = {i for span in spans for i in range(span.line_start - 1, span.line_end)}
    counts: Counter[str] = Counter()
    outside: set[str] = set()
    for i, line in enumerate(lines):
        text = squash_spaces(line)
        if len(text) < min_length:
            continue
        counts[text] += 1
        if i not in inside:
            outside.add(text)
    return frozenset(text for text, n in counts.items() if n >= 2 and text in outside)
