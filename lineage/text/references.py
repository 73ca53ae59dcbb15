"""Documents cited in a passage: symbol, type word, issuer, date, title and relation.

>>> refs = find_references("Thực hiện Kế hoạch số 52-KH/ĐU ngày 25/3/2206 của Đảng uỷ Ủy ban nhân "
...                        "dân tỉnh về thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV "
...                        "của Đảng, Đảng uỷ Văn phòng ban hành Kế hoạch")
>>> [(r.symbol and r.symbol.canonical, r.type_code, r.relation, r.unnumbered, r.parent) for r in refs]
[('52-KH/ĐU', 'KH', 'implements', False, None), (None, 'NQ', 'implements', True, 0)]
>>> refs[0].issuer_text, refs[0].date.flags
('của Đảng uỷ Ủy ban nhân dân tỉnh', ('implausible',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from lineage.text import codes
from lineage.text.dates import DateMatch, PrintedDate, find_dates
from lineage.text.normalize import fold_aligned, nfc, squash_spaces
from lineage.text.symbols import Symbol, find_symbols

Relation = Literal["implements", "based_on", "cites"]


@dataclass(frozen=True)
class Reference:
    """One document cited in a passage.

    ``start``/``end`` cover the whole mention (type word to title); ``issuer_text``
    and ``title`` have their line breaks squashed. ``parent`` is the index, in the
    returned list, of the cited document whose mention holds this one (``Kế hoạch
    … về thực hiện Nghị quyết …``): ``relation`` then links that document to this
    one, not the passage's own document.
    """

    start: int
    end: int
    printed: str
    symbol: Symbol | None
    type_code: str | None
    issuer_text: str | None
    date: PrintedDate | None
    relation: Relation
    unnumbered: bool
    title: str | None
    parent: int | None = None


@dataclass(frozen=True)
class _Core:
    """A mention before its title is read: type word, symbol, date, issuer."""

    start: int
    end: int
    symbol: Symbol | None
    type_code: str | None
    issuer: tuple[int, int] | None
    date: PrintedDate | None
    title: tuple[int, int] | None = None

    @property
    def stop(self) -> int:
        return self.title[1] if self.title else self.end


# All patterns read text folded by fold_aligned: lower case, no diacritics, same offsets.
_SP = r"[ \t]*(?:\r?\n[ \t]*){0,3}"
_SO = r"(?:so|s6|se6|se|sd|sb)"  # số, and its OCR forms
_CUA = r"c(?:ua|ia|iia|tia|ta|aa|la)"  # của, and its OCR forms
_NOTE = r"(?:(?<=[a-z])\d{1,3}(?![\d/.,]))?"  # a footnote number glued to the last word
_TYPE_WORD = re.compile(rf"(?<![a-z])(?:{codes.type_word_pattern()})(?![a-z])")
_WORD_BEFORE_SYMBOL = re.compile(
    rf"(?<![a-z])(?:(?P<word>{codes.type_word_pattern()})|(?P<code>{codes.type_code_pattern()})(?={_SP}{_SO}))"
    rf"[ \t]*:?{_SP}(?:{_SO}[ \t]*:?{_SP})?\Z")
_OWN_NUMBER_LINE = re.compile(rf"[^\S\n]*{_SO}[ \t]*:?[ \t]*\Z")
_PLACE_AND_DATE = re.compile(r"[^\n]*,\s*ngay(?![a-z])")  # "S6 46-KH/TU Lai Chau, ngay 12 thang 02 …"
_KHOA = re.compile(rf"[ \t]*,?{_SP}\(?khoa\s+[ivxl]+\)?")
_DATE_LEAD = re.compile(rf"{_NOTE}[ \t]*,?{_SP}")
_ISSUER_LEAD = re.compile(rf"{_NOTE}[ \t]*,?{_SP}(?<![a-z])(?P<cua>{_CUA})\s+")
_TITLE_LEAD = re.compile(rf"{_NOTE}[ \t]*,?{_SP}ve\s+")
_NEXT_SYMBOL = re.compile(rf"[\s:,]*(?:{_SO}\s*:?\s*)?")
_AFTER_TYPE_WORD = re.compile(r"(?:\s+thuc\s+hien)?")  # "Kế hoạch thực hiện của Đảng ủy …"
_SPACES = re.compile(r"\s+")
# Issuers: known body names, congresses, and the words that end a name.
_BODY = re.compile(rf"(?:{codes.body_name_pattern()})(?![a-z])")
_CONGRESS = re.compile(r"(?:d|p|dp|b)ai\s+h\w{1,2}i(?![a-z])")
_ROMAN = re.compile(r"(?<![a-z0-9])[ivxl][ivxl1]{0,5}(?![a-z0-9])")  # OCR reads I as 1: "X1V"
_OF_PARTY = re.compile(rf"\s+(?:{_CUA}\s+)?(?:d|p|dp|b)ang(?:\s+b\w{{1,2}}\s+tinh)?(?![a-z])")
_ISSUER_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[^\W\d_]+")
_STOP_WORDS = frozenset({"ve", "ngay", "de", "nham", "tai", "voi", "theo", "va", "trong", "nam", "dot",
                         "giai", "so", "nhu", "la", "cho", "den", "tu", "thuc", "trien", "cu", "phe"})
_STOP_PAIRS = frozenset({"ban hanh", "quy dinh"})
_THUC = re.compile(r"th[uyw]{1,2}[ce]{1,2}")  # thực, and its OCR forms
_AFTER_BODY = frozenset({"tinh", "khoa"})
# Relations: the verb just before a mention, and the gaps between mentions.
_VERB = r"(?:th[uyw]{1,2}[ce]{1,2}\s+hi[eg]n|trien\s+khai|cu\s+the\s+h[oe]a|can\s+cur?)"
_MANNER = r"(?:nghiem\s+tuc|nghiem|co\s+hieu\s+qua|hieu\s+qua|tot|dong\s+bo|quyet\s+liet|kip\s+thoi|day\s+du)"
_SIGNAL = re.compile(rf"(?P<verb>{_VERB})(?:[\s,]+(?:{_VERB}|{_MANNER}))*[\s,]*(?:(?:cac|viec)\s+)?\Z")
_GAP_TO_PARENT = re.compile(rf"\d*[\s,]*(?:(?:de|nham)\s+)?(?:ve\s+)?(?:viec\s+)?{_SIGNAL.pattern}")
_GAP_BETWEEN_SIBLINGS = re.compile(r"\d*\s*(?:[,;]|\s(?:va)(?![a-z]))\s*")
# Titles: the "về …" clause, up to the end of the clause.
_TITLE_JOIN = re.compile(r"(?:\s*,|\s+va(?![a-z]))\s*")
_CLAUSE_BREAK = re.compile(r"[;:\t]|\.(?:\s|\Z)")
_NOTE_AFTER_WORD = re.compile(r"(?<=[a-z]{2})\d{1,3}(?=[\s.,;:])")  # "… kinh tế tư nhân38 và …"
_NEW_NAME = re.compile(r",\s*[^\W\d_]")
_TITLE_LIMIT = 400


def find_references(text: str) -> list[Reference]:
    """Every document cited in ``text``, in order of its first character.

    >>> [r.symbol.canonical for r in find_references("Căn cứ Nghị quyết số 01/NQ-CP; Kế hoạch số 32-KH/TU")]
    ['01/NQ-CP', '32-KH/TU']
    """
    text = nfc(text)
    folded = fold_aligned(text)
    dates = {m.start: m for m in find_dates(text)}
    cores = _numbered(text, folded, dates)
    cores += _unnumbered(text, folded, dates, cores)
    cores.sort(key=lambda core: core.start)
    for i in reversed(range(len(cores))):  # inner mentions first: an outer title skips over them
        cores[i] = replace(cores[i], title=_title(text, folded, cores, i))
    return _with_relations(text, folded, cores)


def find_own_symbol(text: str) -> tuple[Symbol, int] | None:
    """The document's own number, printed in its heading (``Số: 46-KH/TU``), and its offset.

    A number left blank (``Số: /BC-UBND``) is returned too: its symbol is ``unnumbered``.

    >>> symbol, offset = find_own_symbol("TỈNH ỦY\\nSố 46-KH/TU Lai Châu, ngày 12 tháng 02 năm 2026")
    >>> symbol.canonical, offset
    ('46-KH/TU', 11)
    >>> find_own_symbol("Thực hiện Kế hoạch số 46-KH/TU") is None
    True
    """
    text = nfc(text)
    folded = fold_aligned(text)
    for match in find_symbols(text):
        if _own_number(text, folded, match.start, match.end):
            return match.symbol, match.start
    return None


def _numbered(text: str, folded: str, dates: dict[int, DateMatch]) -> list[_Core]:
    cores: list[_Core] = []
    shared_type: str | None = None
    for match in find_symbols(text):
        if _own_number(text, folded, match.start, match.end):
            continue  # the document's own number in its heading, not a citation
        before = _WORD_BEFORE_SYMBOL.search(folded, max(0, match.start - 60), match.start)
        start, type_code = match.start, match.symbol.type_code
        if before:
            start, word = before.start(), before.group("word")
            type_code = codes.type_code_for_word(word) if word else _code(before.group("code"))
        elif shared_type and cores and _GAP_BETWEEN_SIBLINGS.fullmatch(folded, cores[-1].end, match.start):
            type_code = shared_type  # "Nghị quyết số 18, 19-NQ/TW"
        shared_type = type_code if match.abbreviated else None
        cores.append(_extend(text, folded, dates, start, match.end, match.symbol, type_code))
    return cores


def _own_number(text: str, folded: str, start: int, end: int) -> bool:
    """A heading line "Số: …" holding only the symbol, or the symbol then place and date."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].lstrip()[:1] != "S" or not _OWN_NUMBER_LINE.match(folded, line_start, start):
        return False
    line_end = len(text) if (newline := text.find("\n", end)) < 0 else newline
    return not text[end:line_end].strip() or bool(_PLACE_AND_DATE.match(folded, end, line_end))


def _unnumbered(text: str, folded: str, dates: dict[int, DateMatch], numbered: list[_Core]) -> list[_Core]:
    """Capitalised type words followed by an issuer: "Chương trình hành động của Tỉnh ủy"."""
    cores: list[_Core] = []
    for word in _TYPE_WORD.finditer(folded):
        if not text[word.start()].isupper() or any(c.start <= word.start() < c.end for c in numbered):
            continue
        type_code = codes.type_code_for_word(word.group())
        head_end = _AFTER_TYPE_WORD.match(folded, word.end()).end()
        space = _SPACES.match(folded, head_end)
        issuer = None
        if space:
            body = _BODY.match(folded, space.end())
            issuer = _congress(text, folded, space.end()) or (body and (space.end(), body.end()))
        core = _extend(text, folded, dates, word.start(), issuer[1] if issuer else head_end, None,
                       type_code, issuer)
        following = _NEXT_SYMBOL.match(folded, core.end).end()
        if core.issuer is None or any(c.start == following and c.symbol for c in numbered):
            continue  # no issuer: a common noun; a number follows: "Các Công văn của UBND tỉnh: số …"
        cores.append(core)
    return cores


def _extend(text: str, folded: str, dates: dict[int, DateMatch], start: int, end: int,
            symbol: Symbol | None, type_code: str | None, issuer: tuple[int, int] | None = None) -> _Core:
    """Read what follows a symbol or type word: term, date, "của …" issuer, date."""
    khoa = _KHOA.match(folded, end)
    if khoa and symbol:
        end = khoa.end()
    date, end = _date_at(folded, dates, end)
    lead = None if issuer else _ISSUER_LEAD.match(folded, end)
    if lead:
        issuer = (lead.start("cua"), _issuer_end(text, folded, lead.end()))
        end = issuer[1]
    if date is None:
        date, end = _date_at(folded, dates, end)
    return _Core(start, end, symbol, type_code, issuer, date)


def _date_at(folded: str, dates: dict[int, DateMatch], end: int) -> tuple[PrintedDate | None, int]:
    lead = _DATE_LEAD.match(folded, end)
    found = dates.get(lead.end()) if lead else None
    return (found.date, found.end) if found else (None, end)


def _issuer_end(text: str, folded: str, start: int) -> int:
    end, body = start, _BODY.match(folded, start)
    while body:  # names may follow one another: "Đảng uỷ" + "Ủy ban nhân dân tỉnh"
        end = body.end()
        gap = _SPACES.match(folded, end)
        body = _BODY.match(folded, gap.end()) if gap else None
    known, named = end > start, False
    words = list(_ISSUER_WORD.finditer(folded, end))
    for count, word in enumerate(words):
        token = word.group()
        letters = _LETTERS.match(token)
        pair = f"{token} {words[count + 1].group()}" if count + 1 < len(words) else ""
        if count >= 12 or not letters or token in _STOP_WORDS or pair in _STOP_PAIRS \
                or _THUC.fullmatch(letters.group()):
            break
        named = named or text[word.start()].isupper()
        if known and not named and letters.group() not in _AFTER_BODY:
            break  # "của Trung ương phát triển …": a known body ends unless a new name follows
        end = word.start() + letters.end()
        if letters.end() < len(token):
            break  # punctuation or a footnote number glued to the word ends the name
    return end


def _congress(text: str, folded: str, start: int) -> tuple[int, int] | None:
    """ "Đại hội … lần thứ XIV [của Đảng]", ending at its (upper-case) roman numeral."""
    congress = _CONGRESS.match(folded, start)
    if not congress:
        return None
    for roman in _ROMAN.finditer(folded, congress.end(), min(len(folded), congress.end() + 80)):
        if _CLAUSE_BREAK.search(folded, congress.end(), roman.start()):
            return None
        if text[roman.start():roman.end()].isupper():
            of_party = _OF_PARTY.match(folded, roman.end())
            return start, (of_party.end() if of_party else roman.end())
    return None


def _title(text: str, folded: str, cores: list[_Core], index: int) -> tuple[int, int] | None:
    """The "về …" clause after mention ``index``, skipping the mentions nested in it."""
    lead = _TITLE_LEAD.match(folded, cores[index].end)
    if not lead:
        return None
    start = position = lead.end()
    later = {core.start: core for core in cores[index + 1:]}
    after_nested = False
    while position < len(text) and position - start < _TITLE_LIMIT:
        if nested := later.get(position):
            position, after_nested = nested.stop, True
            continue
        char = text[position]
        if char.isdigit() and _NOTE_AFTER_WORD.match(folded, position):
            break  # a footnote number glued to the word ends the cited phrase
        join = _TITLE_JOIN.match(folded, position)
        if join and join.end() in later:
            if not after_nested:
                break  # a sibling of this mention, not part of its title
            position = join.end()  # "thực hiện Nghị quyết A, Nghị quyết B và Nghị quyết C"
            continue
        if _CLAUSE_BREAK.match(folded, position) or char in "()":
            break
        if _NEW_NAME.match(text, position) and text[position + 1:].lstrip()[:1].isupper():
            break  # ", Ban Thường vụ Tỉnh ủy ban hành …": the main clause resumes
        after_nested = after_nested and char.isspace()
        position += 1
    title = text[start:position].rstrip(" \t\n,")
    return (start, start + len(title)) if title else None


def _with_relations(text: str, folded: str, cores: list[_Core]) -> list[Reference]:
    refs: list[Reference] = []
    for i, core in enumerate(cores):
        parent = next((j for j in reversed(range(i)) if cores[j].start < core.start < cores[j].stop), None)
        previous = _previous(cores, i)
        window_start = max(0, core.start - 80)
        if parent is not None:
            window_start = max(window_start, cores[parent].end)
        if previous is not None:
            window_start = max(window_start, cores[previous].stop)
        for brk in _CLAUSE_BREAK.finditer(folded, window_start, core.start):
            window_start = brk.end()
        signal = _SIGNAL.search(folded, window_start, core.start)
        if parent is None and previous is not None:
            gap = _GAP_TO_PARENT.fullmatch(folded, cores[previous].stop, core.start)
            if gap and text[gap.start("verb")].islower():
                parent = previous  # "Chương trình hành động của Tỉnh ủy thực hiện Nghị quyết số 68-NQ/TW"
        relation: Relation = "cites"
        if signal:
            relation = "based_on" if signal.group("verb").startswith("can") else "implements"
        elif previous is not None and _GAP_BETWEEN_SIBLINGS.fullmatch(folded, cores[previous].stop, core.start):
            relation = refs[previous].relation  # "thực hiện A, B và C": B and C as A
            parent = parent if parent is not None else refs[previous].parent
        refs.append(_reference(text, core, relation, parent))
    return refs


def _previous(cores: list[_Core], index: int) -> int | None:
    """The outermost of the mentions that end last before mention ``index`` starts."""
    before = [j for j in range(index) if cores[j].stop <= cores[index].start]
    if not before:
        return None
    last_stop = max(cores[j].stop for j in before)
    return min((j for j in before if cores[j].stop == last_stop), key=lambda j: cores[j].start)


def _reference(text: str, core: _Core, relation: Relation, parent: int | None) -> Reference:
    def quoted(span: tuple[int, int] | None) -> str | None:
        return squash_spaces(text[span[0]:span[1]]) if span else None

    unnumbered = core.symbol is None or core.symbol.unnumbered
    return Reference(core.start, core.stop, text[core.start:core.stop], core.symbol, core.type_code,
                     quoted(core.issuer), core.date, relation, unnumbered, quoted(core.title), parent)


def _code(printed: str) -> str:
    doc_type = codes.document_type(printed)
    assert doc_type is not None, printed
    return doc_type.code
