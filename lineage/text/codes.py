"""Document type codes, issuer codes and unit codes printed in Vietnamese document symbols.

Lookups are diacritics- and case-insensitive and return the canonical code, with
its diacritics and case restored:

>>> document_type("qd").code, document_type("CTR").code
('QĐ', 'CTr')
>>> issuer("du").vi
'Đảng ủy'
>>> issuer("QH15").vi
'Quốc hội khóa XV'
>>> type_code_for_word("Chuong trinh hanh dong")
'CTr'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lineage.text.normalize import fold


@dataclass(frozen=True)
class DocumentType:
    """A document type: the code printed in symbols and the words printed in text."""

    code: str
    vi: str
    en: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Issuer:
    """A body that issues documents, by the code it prints in its symbols."""

    code: str
    vi: str
    en: str


@dataclass(frozen=True)
class Unit:
    """A unit inside an issuer, printed after the issuer in official letters (``303/UBND-TH``)."""

    code: str
    vi: str
    en: str


DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    DocumentType("NQ", "Nghị quyết", "resolution", ("Nghị quyết",)),
    DocumentType("KL", "Kết luận", "conclusion", ("Kết luận",)),
    DocumentType("CT", "Chỉ thị", "directive", ("Chỉ thị",)),
    DocumentType("QĐ", "Quyết định; Quy định", "decision or regulation", ("Quyết định", "Quy định")),
    DocumentType("CTr", "Chương trình", "programme", ("Chương trình hành động", "Chương trình")),
    DocumentType("KH", "Kế hoạch", "plan", ("Kế hoạch",)),
    DocumentType("CV", "Công văn", "official letter", ("Công văn",)),
    DocumentType("BC", "Báo cáo", "report", ("Báo cáo",)),
    DocumentType("HD", "Hướng dẫn", "guidance", ("Hướng dẫn",)),
    DocumentType("TB", "Thông báo", "notice", ("Thông báo",)),
    DocumentType("NĐ", "Nghị định", "decree", ("Nghị định",)),
    DocumentType("TT", "Thông tư", "circular", ("Thông tư",)),
    DocumentType("ĐA", "Đề án", "project", ("Đề án",)),
    DocumentType("TTr", "Tờ trình", "submission", ("Tờ trình",)),
    DocumentType("QC", "Quy chế", "rules", ("Quy chế",)),
    DocumentType("CĐ", "Công điện", "official dispatch", ("Công điện",)),
    DocumentType("QH", "Luật; Nghị quyết của Quốc hội", "law or resolution of the National Assembly",
                 ("Luật",)),
)

ISSUERS: tuple[Issuer, ...] = (
    Issuer("TW", "Ban Chấp hành Trung ương Đảng", "Party Central Committee (Politburo, Secretariat)"),
    Issuer("TU", "Tỉnh ủy", "Provincial Party Committee"),
    Issuer("ĐU", "Đảng ủy", "Party committee"),
    Issuer("BCĐ", "Ban Chỉ đạo", "steering committee"),
    Issuer("BCSCLTW", "Ban Chính sách, Chiến lược Trung ương", "Central Policy and Strategy Commission"),
    Issuer("BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy",
           "Provincial Commission for Propaganda and Mass Mobilisation"),
    Issuer("VPTU", "Văn phòng Tỉnh ủy", "Office of the Provincial Party Committee"),
    Issuer("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy", "Provincial Party Inspection Commission"),
    Issuer("UBND", "Ủy ban nhân dân", "People's Committee"),
    Issuer("HĐND", "Hội đồng nhân dân", "People's Council"),
    Issuer("CP", "Chính phủ", "Government"),
    Issuer("TTg", "Thủ tướng Chính phủ", "Prime Minister"),
    Issuer("VPCP", "Văn phòng Chính phủ", "Government Office"),
    Issuer("QH", "Quốc hội", "National Assembly"),
    Issuer("BTC", "Bộ Tài chính", "Ministry of Finance"),
    Issuer("BYT", "Bộ Y tế", "Ministry of Health"),
    Issuer("BKHCN", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
    Issuer("BNV", "Bộ Nội vụ", "Ministry of Home Affairs"),
    Issuer("SNV", "Sở Nội vụ", "Provincial Department of Home Affairs"),
    Issuer("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Vietnam Fatherland Front Committee"),
)

UNITS: tuple[Unit, ...] = (
    Unit("TH", "Tổng hợp", "general affairs"),
    Unit("VX", "Văn xã", "culture and society"),
    Unit("KTN", "Kinh tế ngành", "sectoral economy"),
    Unit("NC", "Nội chính", "internal affairs"),
    Unit("NSNN", "Ngân sách nhà nước", "state budget"),
)

# Names of issuing bodies as printed in running text ("của Bộ Chính trị", "Nghị quyết HĐND tỉnh").
BODY_NAMES: tuple[str, ...] = (
    "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương",
    "Trung ương", "Ban Chính sách, Chiến lược Trung ương", "Ban Thường vụ Tỉnh ủy", "BTV Tỉnh ủy",
    "Tỉnh ủy", "Ban Chấp hành Đảng bộ tỉnh", "Ban Chấp hành Đảng bộ UBND tỉnh", "Đảng ủy UBND tỉnh",
    "Đảng ủy", "Chính phủ", "Thủ tướng Chính phủ", "Quốc hội", "Hội đồng nhân dân tỉnh", "HĐND tỉnh",
    "Ủy ban nhân dân tỉnh", "UBND tỉnh", "UBND", "HĐND", "Ban Chỉ đạo tỉnh", "Ban Chỉ đạo",
) + tuple(i.vi for i in ISSUERS)

_TYPES = {fold(t.code): t for t in DOCUMENT_TYPES}
_ISSUERS = {fold(i.code): i for i in ISSUERS}
_UNITS = {fold(u.code): u for u in UNITS}
_TYPE_WORDS = {fold(word): t.code for t in DOCUMENT_TYPES for word in t.words}
_LEGISLATURE = re.compile(r"qh(\d{1,2})")


def document_type(code: str) -> DocumentType | None:
    """The document type printed as ``code`` (``nq``, ``QD``, ``CTR`` …), or None.

    >>> document_type("da").en
    'project'
    """
    return _TYPES.get(fold(code))


def issuer(code: str) -> Issuer | None:
    """The issuer printed as ``code`` (``tw``, ``DU``, ``QH15`` …), or None.

    >>> issuer("bcd").code, issuer("ttg").code
    ('BCĐ', 'TTg')
    """
    key = fold(code)
    term = _LEGISLATURE.fullmatch(key)
    if term:
        number = int(term.group(1))
        return Issuer(f"QH{number}", f"Quốc hội khóa {_roman(number)}",
                      f"National Assembly, legislature {number}")
    return _ISSUERS.get(key)


def unit(code: str) -> Unit | None:
    """The unit printed as ``code`` after an issuer in an official letter, or None.

    >>> unit("nsnn").vi
    'Ngân sách nhà nước'
    """
    return _UNITS.get(fold(code))


def type_code_for_word(words: str) -> str | None:
    """The type code a Vietnamese type word stands for, diacritics-insensitive.

    >>> type_code_for_word("Kế hoạch"), type_code_for_word("QUY DINH"), type_code_for_word("cong van")
    ('KH', 'QĐ', 'CV')
    >>> type_code_for_word("báo chí") is None
    True
    """
    return _TYPE_WORDS.get(fold(words))


@lru_cache(maxsize=1)
def type_word_pattern() -> str:
    """A regex alternation of the folded type words, longest first, words joined by any space.

    Meant for text folded with :func:`lineage.text.normalize.fold_aligned`.
    """
    words = sorted(_TYPE_WORDS, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in words)


@lru_cache(maxsize=1)
def type_code_pattern() -> str:
    """A regex alternation of the folded type codes, longest first."""
    return "|".join(re.escape(code) for code in sorted(_TYPES, key=len, reverse=True))


@lru_cache(maxsize=1)
def body_name_pattern() -> str:
    """A regex alternation of the folded body names, longest first, words joined by any space."""
    names = sorted({fold(name) for name in BODY_NAMES}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in name.split()) for name in names)


def _roman(number: int) -> str:
    numerals = ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in numerals:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
