"""Every document symbol printed in the five seed documents is found, in order, and nothing else.

The expected lists were built by reading the files (and grepping for every
NUMBER-TYPE/ISSUER and NUMBER/TYPE-ISSUER shape, across line breaks).
"""

from __future__ import annotations

import re

import pytest

from lineage.text.symbols import find_symbols

EXPECTED: dict[str, list[str]] = {
    "000": ["46-KH/TU", "11-CTr/TU", "46-KH/TU", "366-QĐ/TW", "226-KL/TW"],
    "001": ["1336-CV/BCSCLTW", "203-KL/TW", "57-NQ/TW", "59-NQ/TW", "66-NQ/TW", "68-NQ/TW", "70-NQ/TW",
            "70-NQ/TW", "63-CTr/TU", "57-NQ/TW", "65-CTr/TU", "68-NQ/TW", "11-CTr/TU", "11-CTr/TU",
            "08-NQ/TU"],
    "002": ["-BC/TU", "18-NQ/TW", "19-NQ/TW", "27-NQ/TW", "20-NQ/TW", "68-NQ/TW", "138/NQ-CP", "41-NQ/TW",
            "50-NQ/TW", "667/QĐ-TTg"],
    "003": ["/BC-UBND", "01/NQ-CP", "1766/BTC-NSNN", "01/NQ-CP", "01/NQ-CP", "01/NQ-CP", "303/UBND-TH",
            "275/QĐ-UBND", "55-CT/TW", "36/CT-TTg", "71-NQ/TW", "03/CT-BYT", "07/2024/NQ-HĐND",
            "1039/UBND-VX", "1124/UBND-VX", "755/UBND-VX", "535/KH-UBND", "70/QĐ-SNV", "49/QĐ-TTg",
            "49/2015/QĐ-TTg", "62/2011/QĐ-TTg", "150/2006/NĐ-TTg", "290/2005/QĐ-TTg", "57-NQ/TW",
            "812/UBND-TH", "191/KH-UBND", "179/NĐ-CP", "23/TT-BKHCN",
            # footnote 23
            "32-KH/TU", "57-NQ/TW", "978/KH-UBND", "57-NQ/TW", "03-KH/BCĐ", "12/2026/QĐ-UBND", "576/KH-UBND",
            "06-QĐ/BCĐ", "57-NQ/TW", "135/QĐ-UBND", "134/QĐ-UBND",
            "787/UBND-VX", "3274/QĐ-UBND", "622/KH-UBND", "707/KH-UBND", "57-NQ/TW", "112/QĐ-UBND",
            "562/KH-UBND",
            # footnote 31 repeats footnote 23
            "32-KH/TU", "57-NQ/TW", "978/KH-UBND", "57-NQ/TW", "03-KH/BCĐ", "12/2026/QĐ-UBND", "576/KH-UBND",
            "06-QĐ/BCĐ", "57-NQ/TW",
            "20/2023/NQ-HĐND", "23/2023/NQ-HĐND", "59-NQ/TW", "59-NQ/TW", "66-NQ/TW", "64-CTr/TU",
            "197/KH-UBND", "66-CTr/TU", "41-KH/ĐU", "3498/KH-UBND", "197/2025/QH15", "68-NQ/TW", "68-NQ/TW",
            "65-CTr/TU", "3583/KH-UBND", "2396/UBND-KTN", "2505/UBND-KTN", "70-NQ/TW", "71-NQ/TW",
            "2136/UBND-KTN", "4354/UBND-KTN", "2060/QĐ-UBND", "04-CTr/TU", "15-KH/ĐU", "8498/KH-UBND",
            "05-CTr/TU", "16-KH/ĐU", "71-NQ/TW", "72-NQ/TW", "72-NQ/TW", "06-CTr/TU", "19-KH/ĐU",
            "158/KH-UBND", "275/QĐ-UBND"],
    "004": ["52-KH/ĐU", "66-NQ/TW", "27-NQ/TW", "68-NQ/TW", "79-NQ/TW", "20-NQ/TW", "70-NQ/TW", "57-NQ/TW",
            "71-NQ/TW", "72-NQ/TW", "80-NQ/TW", "70-KL/TW", "59-NQ/TW", "-KH/ĐU", "-KH/ĐU", "-KH/ĐU",
            "05-CT/TW", "144-QĐ/TW", "21-NQ/TW", "66-NQ/TW", "140/NQ-CP", "66-NQ/TW", "68-NQ/TW", "71-NQ/TW",
            "57-NQ/TW", "59-NQ/TW", "-KH/ĐU"],
}
COUNTS = {"000": 5, "001": 15, "002": 10, "003": 89, "004": 27}

# Anything shaped like a symbol, spaces and line breaks allowed: nothing of this shape may be missed.
LOOSE = re.compile(r"\d+\s*[-/–]\s*(?:\d{4}\s*/\s*)?[A-Za-zĐđ]{1,8}\s*[-/–]\s*[A-Za-zĐđ0-9]{1,10}")


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_symbol_printed_in_the_seed_is_found(prefix: str, seed_text) -> None:
    found = [m.symbol.canonical for m in find_symbols(seed_text(prefix))]
    assert len(EXPECTED[prefix]) == COUNTS[prefix]
    assert found == EXPECTED[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_no_symbol_shaped_text_is_left_unread(prefix: str, seed_text) -> None:
    text = seed_text(prefix)
    covered = set()
    for match in find_symbols(text):
        covered.update(range(match.start, match.end))
    missed = [m.group() for m in LOOSE.finditer(text) if not covered & set(range(m.start(), m.end()))]
    assert missed == []


def test_offsets_point_at_the_printed_symbol(seed_text) -> None:
    text = seed_text("003")
    for match in find_symbols(text):
        assert text[match.start:match.end] == match.symbol.printed


def test_numbers_sharing_one_type_and_issuer_are_both_found(seed_text) -> None:
    matches = [m for m in find_symbols(seed_text("002")) if m.symbol.type_code == "NQ"][:2]
    assert [(m.symbol.canonical, m.symbol.printed, m.abbreviated) for m in matches] == [
        ("18-NQ/TW", "18", True), ("19-NQ/TW", "19-NQ/TW", False)]


def test_a_footnote_number_glued_to_the_issuer_is_not_read_as_part_of_it(seed_text) -> None:
    text = seed_text("003")
    at = text.index("71-NQ/TW11")
    (match,) = [m for m in find_symbols(text) if m.start == at]
    assert match.symbol.printed == "71-NQ/TW"


def test_the_blank_numbers_of_unnumbered_documents_are_found(seed_text) -> None:
    blank = {p: [m.symbol.printed for m in find_symbols(seed_text(p)) if m.symbol.unnumbered] for p in EXPECTED}
    assert blank == {"000": [], "001": [], "002": ["-BC/TU"], "003": ["/BC-UBND"], "004": ["-KH/ĐU"] * 4}
