"""Type, issuer and unit codes, and the Vietnamese type words."""

from __future__ import annotations

import re

import pytest

from lineage.text import codes
from lineage.text.normalize import fold, strip_diacritics


def test_every_code_is_named_in_vietnamese_and_english_once() -> None:
    for table in (codes.DOCUMENT_TYPES, codes.ISSUERS, codes.UNITS):
        assert len({fold(entry.code) for entry in table}) == len(table)
        assert all(entry.vi and entry.en for entry in table)


@pytest.mark.parametrize(("printed", "code", "en"), [
    ("NQ", "NQ", "resolution"), ("kl", "KL", "conclusion"), ("CT", "CT", "directive"),
    ("QD", "QĐ", "decision or regulation"), ("CTR", "CTr", "programme"), ("kh", "KH", "plan"),
    ("CV", "CV", "official letter"), ("BC", "BC", "report"), ("HD", "HD", "guidance"),
    ("TB", "TB", "notice"), ("nd", "NĐ", "decree"), ("TT", "TT", "circular"), ("DA", "ĐA", "project"),
    ("ttr", "TTr", "submission"), ("QH", "QH", "law or resolution of the National Assembly"),
])
def test_type_codes_are_found_however_printed(printed: str, code: str, en: str) -> None:
    found = codes.document_type(printed)
    assert found is not None and (found.code, found.en) == (code, en)


@pytest.mark.parametrize(("printed", "code", "vi"), [
    ("TW", "TW", "Ban Chấp hành Trung ương Đảng"), ("tu", "TU", "Tỉnh ủy"), ("DU", "ĐU", "Đảng ủy"),
    ("BCD", "BCĐ", "Ban Chỉ đạo"), ("BCSCLTW", "BCSCLTW", "Ban Chính sách, Chiến lược Trung ương"),
    ("ubnd", "UBND", "Ủy ban nhân dân"), ("CP", "CP", "Chính phủ"), ("TTG", "TTg", "Thủ tướng Chính phủ"),
    ("BTC", "BTC", "Bộ Tài chính"), ("HDND", "HĐND", "Hội đồng nhân dân"),
    ("BTGDVTU", "BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy"), ("QH15", "QH15", "Quốc hội khóa XV"),
])
def test_issuer_codes_restore_case_and_diacritics(printed: str, code: str, vi: str) -> None:
    found = codes.issuer(printed)
    assert found is not None and (found.code, found.vi) == (code, vi)


@pytest.mark.parametrize(("word", "code"), [
    ("Nghị quyết", "NQ"), ("Kế hoạch", "KH"), ("Chương trình hành động", "CTr"), ("Chương trình", "CTr"),
    ("Công văn", "CV"), ("Kết luận", "KL"), ("Chỉ thị", "CT"), ("Quyết định", "QĐ"), ("Quy định", "QĐ"),
    ("Báo cáo", "BC"), ("Hướng dẫn", "HD"), ("Thông báo", "TB"), ("Nghị định", "NĐ"), ("Thông tư", "TT"),
    ("Đề án", "ĐA"), ("Tờ trình", "TTr"), ("Luật", "QH"),
])
def test_type_words_map_to_codes_without_diacritics_too(word: str, code: str) -> None:
    assert codes.type_code_for_word(word) == code
    assert codes.type_code_for_word(strip_diacritics(word).upper()) == code


def test_unknown_codes_and_words_give_none() -> None:
    assert codes.document_type("XYZ") is None
    assert codes.issuer("XYZ") is None
    assert codes.unit("XYZ") is None
    assert codes.type_code_for_word("báo chí") is None


def test_the_scanner_patterns_cover_every_word_and_code() -> None:
    words = re.compile(rf"(?:{codes.type_word_pattern()})\Z")
    for doc_type in codes.DOCUMENT_TYPES:
        assert re.fullmatch(codes.type_code_pattern(), fold(doc_type.code))
        for word in doc_type.words:
            assert words.match(fold(word).replace(" ", " \n"))
