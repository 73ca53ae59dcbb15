"""Classify the lines of an OCR table (no diacritics, broken rows) one by one.

Each line becomes an :class:`OcrLine`: a column header, a section heading
(``BAN TUYEN GIAO …``, ``C |PANG UY …``), a group heading (``IV | Nhém nhiém vu …``),
a bare group numeral, a bare row number (``11``), a timing-only line
(``Thuong xuyén``), or content. Content lines are split into the number token
printed at the left margin (``5 |``, ``17``, ``P2``; ``0y`` only as a weak
candidate), the text, and a timing piece printed at the right (``… Lién. Thuong xuyén``).

>>> line = classify(318, "17 | Pay nhanh tién d6 dau tu xdy dung Ham duong bd qua déo Hoang Lién. Thuong xuyén")
>>> line.kind, line.number, line.timing, line.closed
('content', '17', 'Thuong xuyén', True)
>>> classify(195, "/2026", after_timing=True).kind, classify(180, "Thuong xuyén").kind, classify(262, "11").kind
('timing', 'timing', 'number')
>>> classify(9, "trien khai thuc hien").kind  # timing words alone, but no timing cell above
'content'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lineage.text.normalize import fold, squash_spaces

from .lexicon import first_letter, fold_aligned, is_all_caps

# Words of timing phrases as the OCR prints them (folded), and what must follow some of them.
TIMING_WORDS = frozenset(
    "thuong thueng hong xuyen hoan thanh trong rong quy nam nim nm am xay dung nghi quyet trien khai thuc "
    "thyc hien sau khi duoc ban hanh dinh ky thang theng lan lin da di dieu didu kien co chi dao huong dan "
    "tham muu tu den truoc hang".split()
)
_NEEDS_NEXT = {
    "hoan": {"thanh"}, "nghi": {"quyet"}, "trien": {"khai"}, "thuc": {"hien"}, "thyc": {"hien"},
    "dinh": {"ky"}, "ban": {"hanh"}, "xay": {"dung"}, "dieu": {"kien"}, "didu": {"kien"},
    "trong": {"nam", "nim", "nm", "am", "quy"}, "rong": {"nam", "nim", "nm", "am"}, "sau": {"khi"},
    "duoc": {"ban"}, "da": {"dieu", "didu"}, "di": {"dieu", "didu"}, "thanh": {"trong", "xay"},
    "thuong": {"xuyen"}, "thueng": {"xuyen"}, "hong": {"xuyen"}, "dung": {"nghi"}, "khai": {"thuc", "thyc"},
    "quyet": {"trong", "sau"}, "hien": {"nghi"}, "lan": set(), "am": set(),
    "co": {"dieu", "didu", "chi"}, "chi": {"dao"}, "dao": {"huong"}, "huong": {"dan"}, "tham": {"muu"},
    "muu": {"ban"}, "tu": {"thang", "nam", "khi", "quy"}, "den": {"nam", "thang", "quy"},
    "hang": {"nam", "thang", "quy"}, "truoc": {"nam", "thang", "quy", "ngay"},
}
_KEYWORDS = frozenset({"xuyen", "quy", "khi", "ky"})
_STARTERS = frozenset({"thuong", "thueng", "hoan", "trong", "rong", "quy", "khi", "dinh"})
_YEAR_WORDS = frozenset({"nam", "nim", "nm", "am"})
# Common words that begin a timing cell only when capitalised ("Từ tháng 6/2026", "Hàng năm").
_CAPITAL_STARTS = frozenset({"tu", "den", "hang", "truoc", "co", "chi", "dao", "huong", "tham", "muu"})
_YEAR_EXPECTED = frozenset({"nam", "nim", "nm", "am", "quy"})

_SECTION = re.compile(r"^([A-E])\s*\|\s*(\S.*)$")
_GROUP = re.compile(r"^(?:([ivxl]{1,4})\s*\|?\s+)?(n\S{0,6}m\s+nhi\S*\s+vu\b.*)$")
_NUMERAL = re.compile(r"^[IVXLivxl]{1,4}$")
_NUMBER_ONLY = re.compile(r"^(\d{1,2})\.?$")
_BAR_TOKEN = re.compile(r"^(\S{0,2}?)\s*\|\s*(.*)$")
_DIGITS_TOKEN = re.compile(r"^(\d{1,2})\s+(\S.*)$")
_LETTER_DIGIT = re.compile(r"^([A-Z]\d)\s+(.*)$")
_DIGIT_LETTER = re.compile(r"^(\d[a-z])\s+(\S.*)$")
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class OcrLine:
    """One classified line. ``kind``: blank, header, section, group, numeral, number, timing, content."""

    n: int
    raw: str
    kind: str
    number: str = ""
    strong: bool = False
    content: str = ""
    timing: str = ""
    noise: bool = False
    upper: bool = False
    closed: bool = False
    title: str = ""

    @property
    def expects_year(self) -> bool:
        """True when the timing piece stops before its year (``Hoan thanh trong nim``)."""
        tokens = fold(self.timing).split()
        return bool(tokens) and tokens[-1] in _YEAR_EXPECTED


def is_header(text: str) -> bool:
    """A printed column header line (alone or all four cells on one line)."""
    key = fold(text).strip(" |")
    if key in {"stt", "ghi chu"} or re.fullmatch(r"cac n\S{0,3} dung", key):
        return True
    if re.fullmatch(r"thoi gian th\S* hi\S*n", key):
        return True
    return key.startswith("stt ") and "ghi chu" in key


def classify(n: int, line: str, expect_year: bool = False, after_timing: bool = False) -> OcrLine:
    """Classify line ``n``.

    ``expect_year`` lets a bare year end the line as timing; ``after_timing`` says the
    line above printed timing, so a line of timing words alone continues it.
    """
    text = squash_spaces(line)
    if not text:
        return OcrLine(n, text, "blank")
    if is_header(text):
        return OcrLine(n, text, "header")
    section = _SECTION.match(text)
    if section and is_all_caps(section.group(2)):
        return OcrLine(n, text, "section", number=section.group(1), title=section.group(2))
    if is_all_caps(text, min_letters=10) and len(text.split()) >= 3 and not re.search(r"\d", text):
        return OcrLine(n, text, "section", title=text)
    aligned = fold_aligned(text)
    group = _GROUP.match(aligned)
    if group:
        numeral = text[group.start(1) : group.end(1)] if group.group(1) else ""
        return OcrLine(n, text, "group", number=numeral, title=text[group.start(2) :])
    if _NUMERAL.match(text):
        return OcrLine(n, text, "numeral", number=text)
    if number_only := _NUMBER_ONLY.match(text):
        return OcrLine(n, text, "number", number=number_only.group(1), strong=True)
    if _timing_line(text, after_timing):
        return OcrLine(n, text, "timing", timing=text)
    return _content(n, text, expect_year)


def _timing_line(text: str, after_timing: bool) -> bool:
    """A line of timing words only, that starts a timing cell or continues the one above."""
    tokens = fold(text).split()
    if text.endswith(".") or not all(_timing_token(t) for t in tokens):
        return False
    words = [t.rstrip(";,:") for t in tokens]
    keyed = bool(_KEYWORDS & set(words)) or any(
        a in {"trong", "rong"} and b in _YEAR_WORDS for a, b in zip(words, words[1:]))
    starts = words[0] in _STARTERS and text[:1].isupper()
    return keyed or starts or after_timing


def _content(n: int, text: str, expect_year: bool) -> OcrLine:
    number, strong, rest = "", False, text
    if (bar := _BAR_TOKEN.match(text)) and not bar.group(1).isalpha():
        number, strong, rest = bar.group(1), bool(bar.group(1)), bar.group(2)
    elif digits := _DIGITS_TOKEN.match(text):
        number, strong, rest = digits.group(1), True, digits.group(2)
    elif (letter := _LETTER_DIGIT.match(text)) and _is_noise(letter.group(2)):
        number, strong, rest = letter.group(1), True, letter.group(2)
    elif weak := _DIGIT_LETTER.match(text):
        number, rest = weak.group(1), text  # weak: kept in the text unless the row adopts it
    content, timing = _split_timing(rest, expect_year)
    noise = _is_noise(content)
    stripped = content.rstrip("\"'”’ ")
    return OcrLine(
        n, text, "content", number=number, strong=strong, content=content, timing=timing, noise=noise,
        upper=first_letter(content).isupper(), closed=stripped.endswith((".", "!", "?")),
    )


def _is_noise(text: str) -> bool:
    """OCR debris (``: 1 . : ; T 2026``): no word of three letters or more and at most one of two.

    >>> _is_noise("n A . A x 2. . N Lz"), _is_noise('co so"’')
    (True, False)
    """
    if _WORD.search(text):
        return False
    return len(re.findall(r"(?<![^\W\d_])[^\W\d_]{2}(?![^\W\d_])", text)) < 2


def _timing_token(token: str) -> bool:
    token = token.rstrip(";,:")
    if token in {"-", "–"}:
        return True
    if not token or token.endswith("."):
        return False
    return all(
        part == "" or part in TIMING_WORDS or re.fullmatch(r"[ivx]{1,4}", part) is not None
        or (re.fullmatch(r"[\dqo?]{1,4}", part) is not None and any(ch.isdigit() for ch in part))
        for part in token.split("/")
    )


def _split_timing(text: str, expect_year: bool) -> tuple[str, str]:
    """Split the right-column timing off a content line: after a ``|`` or as a trailing run of timing words."""
    if "|" in text:
        left, _, right = text.rpartition("|")
        right_words = fold(right).split()
        if right_words and all(_timing_token(t) for t in right_words):
            return squash_spaces(left), squash_spaces(right)
        return squash_spaces(text.replace("|", " ")), ""
    tokens = text.split()
    folded = [fold(t) for t in tokens]
    k = len(tokens)
    while k > 0 and _timing_token(folded[k - 1]):
        k -= 1
    run = folded[k:]
    while run and (
        (run[0].rstrip(";,") in _NEEDS_NEXT
         and (len(run) < 2 or run[1].rstrip(";,") not in _NEEDS_NEXT[run[0].rstrip(";,")]))
        or (run[0] in _CAPITAL_STARTS and tokens[k][:1].islower())
    ):
        run, k = run[1:], k + 1
    # content ending in "nam 2026" just before the timing ("… nam 2026 Trong nam 2026")
    lead = 0
    while lead < len(run) and (run[lead] in _YEAR_WORDS or run[lead].isdigit()):
        lead += 1
    if 0 < lead < len(run) and run[lead].rstrip(";,") in _STARTERS:
        run, k = run[lead:], k + lead
    if not run or k == 0:
        return text, ""
    words = [w.rstrip(";,") for w in run]
    keyed = bool(_KEYWORDS & set(words)) or any(
        a in {"trong", "rong"} and b in {"nam", "nim", "nm", "am"} for a, b in zip(words, words[1:])
    ) or ("hoan" in words and "thanh" in words)
    after_sentence = folded[k - 1].endswith(".")
    year_only = len(run) == 1 and any(ch.isdigit() for ch in run[0]) and expect_year
    if keyed or after_sentence or year_only:
        return " ".join(tokens[:k]), " ".join(tokens[k:])
    return text, ""
