"""Document symbols (số, ký hiệu): parse one, or find every one printed in a text.

Four printed forms are read: Party ``57-NQ/TW``, State ``01/NQ-CP``, normative
acts with a year ``12/2026/QĐ-UBND`` / ``197/2025/QH15``, and official letters
``303/UBND-TH``. Stray spaces and line breaks around the separators, missing
diacritics and lower case are accepted; the canonical form restores them.

>>> parse_symbol("57- NQ/tw").canonical
'57-NQ/TW'
>>> s = parse_symbol("52-KH/DU"); (s.canonical, s.form)
('52-KH/ĐU', 'party')
>>> s = parse_symbol("1766/BTC-NSNN"); (s.type_code, s.issuer_code, s.unit_code, s.form)
('CV', 'BTC', 'NSNN', 'letter')
>>> parse_symbol("Kế hoạch số -KH/ĐU").unnumbered
True
>>> [m.symbol.canonical for m in find_symbols("Nghị quyết số 66-\\nNQ/TW và Số: 01/NQ-CP")]
['66-NQ/TW', '01/NQ-CP']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lineage.text import codes
from lineage.text.normalize import fold_aligned, nfc

Form = Literal["party", "state", "normative", "letter"]


class SymbolError(ValueError):
    """Raised when a string is not a document symbol."""


@dataclass(frozen=True)
class Symbol:
    """A document symbol as printed and in canonical form."""

    number: str
    year: int | None
    type_code: str
    issuer_code: str
    unit_code: str | None
    form: Form
    canonical: str
    printed: str

    @property
    def unnumbered(self) -> bool:
        """True when the number was left blank (``Số: /BC-UBND``)."""
        return self.number == ""

    def __str__(self) -> str:
        return self.canonical


@dataclass(frozen=True)
class SymbolMatch:
    """A symbol found in a text, with its character offsets.

    ``abbreviated`` marks a number that shares the type and issuer printed after
    the next number: in ``18, 19-NQ/TW`` the match for ``18`` is 18-NQ/TW.
    """

    start: int
    end: int
    symbol: Symbol
    abbreviated: bool = False


_EXPECTED = ("expected a document symbol: NUMBER-TYPE/ISSUER (57-NQ/TW), NUMBER/TYPE-ISSUER "
             "(01/NQ-CP), NUMBER/YEAR/TYPE-ISSUER (12/2026/QĐ-UBND), NUMBER/YEAR/QH<term> "
             "(197/2025/QH15) or NUMBER/ISSUER-UNIT (303/UBND-TH)")

# Stray spaces, or up to three line breaks, around a separator.
_SP = r"[ \t]*(?:\r?\n[ \t]*){0,3}"
_TYPE = rf"(?P<type>{codes.type_code_pattern()})(?![a-z])"
_WORD = r"[a-z]{1,12}(?![a-z])"
_ISSUER = rf"(?P<issuer>qh\d{{1,2}}(?!\d)|{_WORD})"
_SO = r"(?<![a-z])(?:so|s6|se6|se|sd|sb)[ \t]*:?[ \t]*"
_TYPE_WORD = rf"(?:{codes.type_word_pattern()})"


def _shapes(number: str) -> dict[str, str]:
    num = rf"(?P<num>{number})"
    return {
        "normative_qh": rf"{num}{_SP}/{_SP}(?P<year>\d{{4}}){_SP}/{_SP}(?P<issuer>qh\d{{1,2}})(?![a-z0-9])",
        "normative": rf"{num}{_SP}/{_SP}(?P<year>\d{{4}}){_SP}/{_SP}{_TYPE}{_SP}-{_SP}{_ISSUER}",
        "slash": rf"{num}{_SP}/{_SP}(?P<left>{_WORD}){_SP}-{_SP}(?P<right>{_WORD})",
        "party": rf"{num}{_SP}-{_SP}{_TYPE}{_SP}/{_SP}{_ISSUER}",
    }


_EXACT = {kind: re.compile(shape) for kind, shape in _shapes(r"\d{0,5}").items()}
_NUMBERED = {kind: re.compile(r"(?<![\w./])" + shape) for kind, shape in _shapes(r"\d{1,5}").items()}
_BLANK = {kind: re.compile(rf"{_SO}(?P<sym>{shape})") for kind, shape in _shapes("").items()
          if kind in ("slash", "party")}
_LEAD = re.compile(rf"\s*(?:{_TYPE_WORD}\s*)?(?:(?:so|s6|se6)\s*:?\s*)?")
_LIST_BEFORE = re.compile(r"(?<![\w./])(\d{1,4})[ \t]*(?:,|va)[ \t]*$")


def parse_symbol(printed: str) -> Symbol:
    """Parse one printed symbol; a leading type word and ``số`` are allowed.

    >>> parse_symbol("12/2026/QD-UBND").canonical
    '12/2026/QĐ-UBND'
    >>> parse_symbol("197/2025/QH15").type_code
    'QH'
    >>> parse_symbol("Nghị quyết")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    lineage.text.symbols.SymbolError: 'Nghị quyết' is not a document symbol: expected ...
    """
    text = nfc(printed)
    folded = fold_aligned(text)
    lead = _LEAD.match(folded)
    begin = lead.end() if lead else 0
    end = len(folded.rstrip())
    for kind, pattern in _EXACT.items():
        match = pattern.fullmatch(folded, begin, end)
        if match:
            return _symbol(kind, match, text, printed)
    raise SymbolError(f"{printed!r} is not a document symbol: {_EXPECTED}")


def find_symbols(text: str) -> list[SymbolMatch]:
    """Every symbol printed in ``text``, in order, with offsets into ``text``.

    >>> [(m.symbol.canonical, m.abbreviated) for m in find_symbols("Nghi quyét sé 18, 19-NQ/TW")]
    [('18-NQ/TW', True), ('19-NQ/TW', False)]
    >>> [m.symbol.printed for m in find_symbols("Sé6 -BC/TU Lai Chdu")]
    ['-BC/TU']
    """
    text = nfc(text)
    folded = fold_aligned(text)
    found: list[SymbolMatch] = []
    for kind, pattern in _NUMBERED.items():
        for match in pattern.finditer(folded):
            found.extend(_matches(kind, match, match.start(), text, folded))
    for kind, pattern in _BLANK.items():
        for match in pattern.finditer(folded):
            found.extend(_matches(kind, match, match.start("sym"), text, folded))
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[SymbolMatch] = []
    for match in found:
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def _matches(kind: str, match: re.Match[str], start: int, text: str, folded: str) -> list[SymbolMatch]:
    try:
        symbol = _symbol(kind, match, text, text[start:match.end()])
    except SymbolError:
        return []
    result = [SymbolMatch(start, match.end(), symbol)]
    if kind in ("party", "slash") and symbol.number:
        cursor = start
        while listed := _LIST_BEFORE.search(folded, max(0, cursor - 16), cursor):
            number = listed.group(1)
            shared = _replace_number(symbol, number, text[listed.start(1):listed.end(1)])
            result.insert(0, SymbolMatch(listed.start(1), listed.end(1), shared, abbreviated=True))
            cursor = listed.start(1)
    return result


def _symbol(kind: str, match: re.Match[str], text: str, printed: str) -> Symbol:
    def original(group: str) -> str:
        return text[match.start(group):match.end(group)]

    number = original("num")
    if kind == "normative_qh":
        issuer = codes.issuer(original("issuer"))
        assert issuer is not None
        return _build(number, int(original("year")), "QH", issuer.code, None, "normative", printed)
    if kind == "slash":
        left, right = original("left"), original("right")
        doc_type = codes.document_type(left)
        if doc_type is not None:
            return _build(number, None, doc_type.code, _issuer_code(right), None, "state", printed)
        if codes.issuer(left) is not None:
            unit = codes.unit(right)
            unit_code = unit.code if unit else right.upper()
            return _build(number, None, "CV", _issuer_code(left), unit_code, "letter", printed)
        raise SymbolError(f"{printed!r}: {left!r} is neither a document type code "
                          f"({', '.join(t.code for t in codes.DOCUMENT_TYPES)}) nor an issuer code")
    doc_type = codes.document_type(original("type"))
    assert doc_type is not None
    year = int(original("year")) if kind == "normative" else None
    form: Form = "normative" if kind == "normative" else "party"
    return _build(number, year, doc_type.code, _issuer_code(original("issuer")), None, form, printed)


def _issuer_code(printed: str) -> str:
    issuer = codes.issuer(printed)
    return issuer.code if issuer else printed.upper()


def _build(number: str, year: int | None, type_code: str, issuer_code: str,
           unit_code: str | None, form: Form, printed: str) -> Symbol:
    if form == "party":
        canonical = f"{number}-{type_code}/{issuer_code}"
    elif form == "state":
        canonical = f"{number}/{type_code}-{issuer_code}"
    elif form == "letter":
        canonical = f"{number}/{issuer_code}-{unit_code}"
    elif type_code == "QH":
        canonical = f"{number}/{year}/{issuer_code}"
    else:
        canonical = f"{number}/{year}/{type_code}-{issuer_code}"
    return Symbol(number, year, type_code, issuer_code, unit_code, form, canonical, printed)


def _replace_number(symbol: Symbol, number: str, printed: str) -> Symbol:
    return _build(number, symbol.year, symbol.type_code, symbol.issuer_code, symbol.unit_code,
                  symbol.form, printed)
