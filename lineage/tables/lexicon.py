"""Words and small text tests the readers share: header words, column names, all-caps headings.

>>> split_columns("TT Tên Chương trình/nhiệm vụ/đề án Mục tiêu/Chỉ tiêu Cơ quan chủ trì Thời gian ban hành")
['TT', 'Tên Chương trình/nhiệm vụ/đề án', 'Mục tiêu/Chỉ tiêu', 'Cơ quan chủ trì', 'Thời gian ban hành']
>>> is_header_line("vụ/đề án Mục tiêu/Chỉ tiêu"), is_header_line("Tổng sản phẩm")
(True, False)
"""

from __future__ import annotations

import re

from lineage.text.normalize import squash_spaces, strip_diacritics

# Words of printed column headers (folded): a line made only of these (and years) is header text.
HEADER_WORDS = frozenset(
    "tt stt ten chuong trinh nhiem vu de an muc tieu chi co quan chu tri phoi hop thoi gian ban hanh "
    "nguon luc ghi nam giai doan don vi tham muu noi dung cac thuc hien".split()
)
_COLUMN_START = re.compile(
    r"(?<![/\w])(stt|tt|ten|muc tieu|chi tieu|co quan chu tri|co quan phoi hop|don vi|thoi gian|nguon luc|"
    r"ghi chu|nam \d{4}|giai doan)(?!\w)"
)
_NUMERIC = re.compile(r"^[\d][\d.,\-–/]*$")


def fold_aligned(text: str) -> str:
    """Lower case without diacritics, one output character per input character (for slicing).

    >>> fold_aligned("Đảng ủy, TỈNH")
    'dang uy, tinh'
    """
    out = []
    for ch in text:
        folded = strip_diacritics(ch).lower()
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def words(text: str) -> list[str]:
    """Folded words of ``text`` (split on spaces and ``/``), punctuation trimmed."""
    return [w for w in (t.strip(".,;:()\"'") for t in re.split(r"[\s/]+", fold_aligned(text))) if w]


def is_header_line(text: str) -> bool:
    """True when every word is a column-header word or a number/year."""
    found = words(text)
    return bool(found) and all(w in HEADER_WORDS or _NUMERIC.match(w) for w in found)


def split_columns(header: str) -> list[str]:
    """Split a joined header text into column names at known column-name starts."""
    text = squash_spaces(header)
    starts = [m.start() for m in _COLUMN_START.finditer(fold_aligned(text))]
    if not starts:
        return [text] if text else []
    if starts[0] != 0:
        starts.insert(0, 0)
    return [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)]) if text[a:b].strip()]


def first_letter(text: str) -> str:
    """The first alphabetic character of ``text`` (``""`` when none)."""
    return next((ch for ch in text if ch.isalpha()), "")


def is_all_caps(text: str, min_letters: int = 8) -> bool:
    """True for a heading printed in capitals (``NHIỆM VỤ TRỌNG TÂM``).

    >>> is_all_caps("NHIỆM VỤ TRỌNG TÂM"), is_all_caps("QPPL gắn với"), is_all_caps("Ab")
    (True, False, False)
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < min_letters:
        return False
    return sum(1 for ch in letters if ch.isupper()) / len(letters) >= 0.9
