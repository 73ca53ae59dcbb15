"""Document symbols: parse one, find all, round trips through printed variants."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.text.normalize import strip_diacritics
from lineage.text.symbols import Symbol, SymbolError, find_symbols, parse_symbol


@pytest.mark.parametrize(("printed", "canonical", "form"), [
    ("57-NQ/TW", "57-NQ/TW", "party"), ("11-CTr/TU", "11-CTr/TU", "party"), ("52-KH/ĐU", "52-KH/ĐU", "party"),
    ("1336-CV/BCSCLTW", "1336-CV/BCSCLTW", "party"), ("01/NQ-CP", "01/NQ-CP", "state"),
    ("978/KH-UBND", "978/KH-UBND", "state"), ("275/QĐ-UBND", "275/QĐ-UBND", "state"),
    ("12/2026/QĐ-UBND", "12/2026/QĐ-UBND", "normative"), ("197/2025/QH15", "197/2025/QH15", "normative"),
    ("1766/BTC-NSNN", "1766/BTC-NSNN", "letter"), ("303/UBND-TH", "303/UBND-TH", "letter"),
    ("57- NQ/TW", "57-NQ/TW", "party"), ("66-\nNQ/TW", "66-NQ/TW", "party"), ("-KH/DU", "-KH/ĐU", "party"),
    ("57-nq/tw", "57-NQ/TW", "party"), ("11-CTR/TU", "11-CTr/TU", "party"), ("275/QD-UBND", "275/QĐ-UBND", "state"),
    ("52-kh/du", "52-KH/ĐU", "party"), ("36/ct-ttg", "36/CT-TTg", "state"),
])
def test_printed_variants_give_the_canonical_symbol(printed: str, canonical: str, form: str) -> None:
    symbol = parse_symbol(printed)
    assert (symbol.canonical, symbol.form, symbol.printed) == (canonical, form, printed)


def test_letters_are_official_letters_with_a_unit() -> None:
    symbol = parse_symbol("303/UBND-TH")
    assert (symbol.number, symbol.type_code, symbol.issuer_code, symbol.unit_code) == ("303", "CV", "UBND", "TH")


def test_normative_acts_carry_their_year() -> None:
    assert parse_symbol("12/2026/QĐ-UBND").year == 2026
    assert parse_symbol("57-NQ/TW").year is None


@pytest.mark.parametrize(("printed", "canonical"), [
    ("Số: /BC-UBND", "/BC-UBND"), ("Kế hoạch số -KH/ĐU", "-KH/ĐU"), ("Sé6 -BC/TU", "-BC/TU")])
def test_blank_numbers_parse_as_unnumbered(printed: str, canonical: str) -> None:
    symbol = parse_symbol(printed)
    assert symbol.number == "" and symbol.unnumbered and symbol.canonical == canonical


@pytest.mark.parametrize("printed", ["", "Nghị quyết", "57", "57-XYZ/TW", "303/ABC-TH", "2026-2030",
                                     "30/12/2025", "57-NQ/TW ngày 22/12/2024"])
def test_what_is_not_a_symbol_raises_with_the_expected_shapes(printed: str) -> None:
    with pytest.raises(SymbolError) as raised:
        parse_symbol(printed)
    message = str(raised.value)
    assert repr(printed) in message
    assert "57-NQ/TW" in message or "type code" in message


def test_symbol_error_is_a_value_error() -> None:
    assert issubclass(SymbolError, ValueError)


def test_find_symbols_reports_offsets_and_ignores_lookalikes() -> None:
    text = "Giai đoạn 2026-2030, ngày 30/12/2025, CT-XH, HIV/AIDS, 5G/6G; theo Quyết định số 667/QD-TTg."
    (match,) = find_symbols(text)
    assert text[match.start:match.end] == "667/QD-TTg" and match.symbol.canonical == "667/QĐ-TTg"


# Round trips: build a symbol from its parts, print it as documents and users do, read it back.

PARTY_TYPES = ["NQ", "KL", "CT", "QĐ", "CTr", "KH", "CV", "BC", "HD", "TB", "ĐA"]
PARTY_ISSUERS = ["TW", "TU", "ĐU", "BCĐ", "BCSCLTW", "BTGDVTU"]
STATE_TYPES = ["NQ", "QĐ", "KH", "CT", "NĐ", "TT", "TTr", "BC", "TB", "CTr"]
STATE_ISSUERS = ["CP", "TTg", "UBND", "HĐND", "BTC", "BYT", "BKHCN", "SNV"]
UNITS = ["TH", "VX", "KTN", "NSNN", "NC"]


@dataclass(frozen=True)
class Parts:
    number: str
    year: int | None
    type_code: str
    issuer_code: str
    unit_code: str | None
    form: str

    def pieces(self) -> list[str]:
        """The symbol as its parts and separators, in printed order."""
        if self.form == "party":
            return [self.number, "-", self.type_code, "/", self.issuer_code]
        if self.form == "state":
            return [self.number, "/", self.type_code, "-", self.issuer_code]
        if self.form == "letter":
            return [self.number, "/", self.issuer_code, "-", str(self.unit_code)]
        if self.type_code == "QH":
            return [self.number, "/", str(self.year), "/", self.issuer_code]
        return [self.number, "/", str(self.year), "/", self.type_code, "-", self.issuer_code]


numbers = st.from_regex(r"[0-9]{1,4}", fullmatch=True)
years = st.integers(1990, 2030)
parts = st.one_of(
    st.builds(Parts, numbers, st.none(), st.sampled_from(PARTY_TYPES), st.sampled_from(PARTY_ISSUERS),
              st.none(), st.just("party")),
    st.builds(Parts, numbers, st.none(), st.sampled_from(STATE_TYPES), st.sampled_from(STATE_ISSUERS),
              st.none(), st.just("state")),
    st.builds(Parts, numbers, years, st.sampled_from(["NQ", "QĐ", "NĐ", "TT"]),
              st.sampled_from(["UBND", "HĐND", "CP", "TTg"]), st.none(), st.just("normative")),
    st.builds(Parts, numbers, years, st.just("QH"), st.sampled_from([f"QH{n}" for n in range(11, 17)]),
              st.none(), st.just("normative")),
    st.builds(Parts, numbers, st.none(), st.just("CV"), st.sampled_from(["UBND", "BTC", "BYT", "SNV"]),
              st.sampled_from(UNITS), st.just("letter")),
)
spacing = st.sampled_from(["", "", " ", "  ", "\n", " \n", "\n\n"])
lettering = st.sampled_from([str, str.lower, str.upper, strip_diacritics])


@st.composite
def printed_symbols(draw) -> tuple[Parts, str]:
    symbol = draw(parts)
    letters = draw(lettering)
    out = []
    for piece in symbol.pieces():
        out.append(f"{draw(spacing)}{piece}{draw(spacing)}" if piece in "-/" else letters(piece))
    return symbol, "".join(out)


def _same(symbol: Symbol, expected: Parts) -> None:
    got = (symbol.number, symbol.year, symbol.type_code, symbol.issuer_code, symbol.unit_code, symbol.form)
    assert got == (expected.number, expected.year, expected.type_code, expected.issuer_code,
                   expected.unit_code, expected.form)
    assert symbol.canonical == "".join(expected.pieces())


@settings(deadline=None)
@given(printed_symbols())
def test_parse_symbol_round_trip(case: tuple[Parts, str]) -> None:
    expected, printed = case
    _same(parse_symbol(printed), expected)


@settings(deadline=None)
@given(printed_symbols())
def test_find_symbols_round_trip_in_a_sentence(case: tuple[Parts, str]) -> None:
    expected, printed = case
    text = f"Thực hiện Kế hoạch số {printed} ngày 12/02/2026 của Ban Thường vụ Tỉnh ủy."
    (match,) = find_symbols(text)
    _same(match.symbol, expected)
    assert text[match.start:match.end] == match.symbol.printed == printed.strip()
