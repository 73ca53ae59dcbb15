"""Documents cited in real passages of the seed documents, and in built sentences."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.text.references import Reference, find_references
from lineage.text.symbols import find_symbols


def _summary(ref: Reference) -> tuple:
    return (ref.symbol.canonical if ref.symbol else None, ref.type_code, ref.relation, ref.unnumbered, ref.parent)


def _passage(text: str, first: str, last: str) -> str:
    start = text.index(first)
    return text[start:text.index(last, start)]


def test_001_opening_implements_a_letter_that_points_at_conclusion_203(seed_text) -> None:
    opening = "\n".join(seed_text("001").splitlines()[:20])
    letter, conclusion = find_references(opening)
    assert _summary(letter) == ("1336-CV/BCSCLTW", "CV", "implements", False, None)
    assert letter.date.iso == "2025-11-24"
    assert letter.issuer_text == "của Ban Chính sách, Chiến lược Trung ương"
    assert letter.title == ("hướng dẫn tổng kết sâu và xây dựng các báo cáo, chương trình hành động để triển khai "
                            "các nhiệm vụ tại Kết luận số 203-KL/TW của Bộ Chính trị")
    assert _summary(conclusion) == ("203-KL/TW", "KL", "cites", False, 0)
    assert conclusion.issuer_text == "của Bộ Chính trị" and conclusion.date is None
    assert opening[letter.start:letter.end] == letter.printed
    assert letter.printed.startswith("Công văn số 1336-CV/BCSCLTW ngày 24/11/2025 của \n\nBan Chính sách")


def test_001_lists_the_politburo_resolutions_with_their_dates_and_titles(seed_text) -> None:
    refs = find_references(_passage(seed_text("001"), "1. Tăng cường công tác tuyên truyền", "2. Kịp thời"))
    assert [(r.symbol.canonical, r.date.iso) for r in refs] == [
        ("57-NQ/TW", "2024-12-22"), ("59-NQ/TW", "2025-01-24"), ("66-NQ/TW", "2025-04-30"),
        ("68-NQ/TW", "2025-05-04"), ("70-NQ/TW", "2025-08-20")]
    assert refs[1].title == "hội nhập quốc tế trong tình hình mới"
    assert refs[2].title == "đổi mới công tác xây dựng và thi hành pháp luật đáp ứng yêu cầu phát triển đất nước " \
                            "trong kỷ nguyên mới"


def test_003_footnote_23_lists_plans_and_decisions_and_the_resolution_they_implement(seed_text) -> None:
    footnote = _passage(seed_text("003"), "23 Gồm:", "24 Đề xuất")
    refs = find_references(footnote)
    assert [_summary(r) for r in refs] == [
        ("32-KH/TU", "KH", "cites", False, None), ("57-NQ/TW", "NQ", "implements", False, 0),
        ("978/KH-UBND", "KH", "cites", False, None), ("57-NQ/TW", "NQ", "implements", False, 2),
        ("03-KH/BCĐ", "KH", "cites", False, None), ("12/2026/QĐ-UBND", "QĐ", "cites", False, None),
        ("576/KH-UBND", "KH", "cites", False, None), ("06-QĐ/BCĐ", "QĐ", "cites", False, None),
        ("57-NQ/TW", "NQ", "implements", False, 7), ("135/QĐ-UBND", "QĐ", "cites", False, None),
        ("134/QĐ-UBND", "QĐ", "cites", False, None)]
    plan, resolution = refs[0], refs[1]
    assert (plan.issuer_text, plan.date.iso) == ("của Tỉnh ủy", "2026-01-09")
    assert plan.title == ("thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
                          "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia năm 2026")
    assert (resolution.issuer_text, resolution.date.iso) == ("của Bộ Chính trị", "2024-12-22")
    assert refs[2].issuer_text == "của Ủy ban nhân dân tỉnh"
    assert refs[3].date.printed == "ngày 22/12/2024"
    assert refs[5].title.startswith("việc Quy định thời gian hoạt động")
    assert refs[8].symbol.printed == "57- NQ/TW"


def test_003_footnotes_name_the_programmes_and_plans_for_each_resolution(seed_text) -> None:
    text = seed_text("003")
    for first, last, expected in [
        ("36 Chương trình", "37 Chương trình", ["64-CTr/TU", "197/KH-UBND"]),
        ("37 Chương trình", " sự tác động", ["66-CTr/TU", "41-KH/ĐU", "3498/KH-UBND"]),
        ("43 Chương trình", " Tiếp tục triển khai thực hiện các Chương trình hành động số 05",
         ["04-CTr/TU", "15-KH/ĐU", "8498/KH-UBND"]),
        ("44 Chương trình", " ngân sách nhà nước năm 2026 (phê", ["06-CTr/TU", "19-KH/ĐU", "158/KH-UBND"]),
    ]:
        refs = find_references(_passage(text, first, last))
        assert [r.symbol.canonical for r in refs] == expected
        assert refs[0].issuer_text == "của Ban Thường vụ Tỉnh ủy"


def test_003_footnotes_listing_no_document_give_no_reference(seed_text) -> None:
    text = seed_text("003")
    assert find_references(_passage(text, "7 Gồm:", "8 Trong tháng")) == []
    assert find_references(_passage(text, "22 Gồm:", " minh23.")) == []


def test_003_the_report_implements_a_ministry_letter_about_resolution_01(seed_text) -> None:
    refs = find_references(_passage(seed_text("003"), "Thực hiện Công văn số 1766", "I. TÌNH HÌNH"))
    assert [_summary(r) for r in refs] == [
        ("1766/BTC-NSNN", "CV", "implements", False, None), ("01/NQ-CP", "NQ", "implements", False, 0)]
    assert refs[0].issuer_text == "của Bộ Tài chính"
    assert refs[0].title == ("việc thực hiện Nghị quyết số 01/NQ-CP năm 2026, "
                             "tình hình kinh tế - xã hội tháng 02 năm 2026")
    assert refs[1].date.iso == "2026" and refs[1].date.flags == ("partial",)


def test_003_own_number_in_the_heading_is_not_a_citation(seed_text) -> None:
    heading = seed_text("003")[:200]
    assert any(m.symbol.unnumbered for m in find_symbols(heading))
    assert find_references(heading) == []


def test_004_line_9_implements_plan_52_and_through_it_three_congress_resolutions(seed_text) -> None:
    line = seed_text("004").splitlines()[8]
    refs = find_references(line)
    assert [_summary(r) for r in refs] == [
        ("52-KH/ĐU", "KH", "implements", False, None), (None, "NQ", "implements", True, 0),
        (None, "NQ", "implements", True, 0), (None, "NQ", "implements", True, 0)]
    plan = refs[0]
    assert plan.date.printed == "ngày 25/3/2206" and plan.date.flags == ("implausible",)
    assert plan.issuer_text == "của Đảng uỷ Ủy ban nhân dân tỉnh"
    assert plan.title.endswith("Nghị quyết Đại hội đại biểu Đảng bộ UBND tỉnh lần thứ I, nhiệm kỳ 2025 - 2030")
    assert [r.issuer_text for r in refs[1:]] == [
        "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng", "Đại hội đại biểu Đảng bộ tỉnh lần thứ XV",
        "Đại hội đại biểu Đảng bộ UBND tỉnh lần thứ I"]


def test_004_an_unnumbered_programme_of_the_tinh_uy_implements_68(seed_text) -> None:
    row = next(line for line in seed_text("004").splitlines()
               if line.startswith("2.13\tThực hiện hiệu quả Chương trình hành động của Tỉnh ủy"))
    programme, resolution = find_references(row)
    assert _summary(programme) == (None, "CTr", "implements", True, None)
    assert (programme.printed, programme.issuer_text) == ("Chương trình hành động của Tỉnh ủy", "của Tỉnh ủy")
    assert _summary(resolution) == ("68-NQ/TW", "NQ", "implements", False, 0)
    assert resolution.title == "phát triển kinh tế tư nhân"


def test_000_ocr_passage_keeps_the_issuer_as_printed(seed_text) -> None:
    refs = find_references(_passage(seed_text("000"), "Thuc hién Chuong trinh", "I- MUC"))
    programme = refs[0]
    assert _summary(programme) == ("11-CTr/TU", "CTr", "implements", False, None)
    assert programme.issuer_text == "cia Ban Thuong vu Tinh ty"
    assert programme.date.iso == "2025-12-30"


def test_002_ocr_resolutions_of_the_politburo_and_government(seed_text) -> None:
    refs = find_references(_passage(seed_text("002"), "Tap trung phat trién kinh té tw nhan", "Thu hit manh"))
    assert [(_summary(r)[0], r.issuer_text) for r in refs] == [
        ("68-NQ/TW", "cua B Chinh tri"), ("138/NQ-CP", "caa Chinh phu"), ("41-NQ/TW", "cua Bo Chinh trj")]


@pytest.mark.parametrize(("passage", "relation"), [
    ("Căn cứ Nghị quyết số 01/NQ-CP ngày 08/01/2026 của Chính phủ;", "based_on"),
    ("Can cu Nghi quyet so 01/NQ-CP;", "based_on"),
    ("Triển khai thực hiện nghiêm Chỉ thị số 55-CT/TW", "implements"),
    ("nhằm cụ thể hóa Nghị quyết số 57-NQ/TW", "implements"),
    ("Thuc hién nghiém Két luan s6 226-KL/TW", "implements"),
    ("theo tinh than tai Quy dinh sd 366-QD/TW", "cites"),
    ("Gồm: Kế hoạch số 32-KH/TU", "cites"),
])
def test_the_words_just_before_give_the_relation(passage: str, relation: str) -> None:
    (ref,) = find_references(passage)
    assert ref.relation == relation


OWN_NUMBERS = {"000": "46-KH/TU", "001": None, "002": "-BC/TU", "003": "/BC-UBND", "004": None}


def test_every_citation_in_the_corpus_is_well_formed(seed_text) -> None:
    for prefix, own_number in OWN_NUMBERS.items():
        text = seed_text(prefix)
        refs = find_references(text)
        cited = {r.start for r in refs}
        for i, ref in enumerate(refs):
            assert text[ref.start:ref.end] == ref.printed
            assert ref.relation in ("implements", "based_on", "cites")
            assert ref.parent is None or 0 <= ref.parent < i
            assert ref.symbol is not None or ref.unnumbered
        symbols = find_symbols(text)
        if own_number:  # the heading's "Số: …" is the document's own number, not a citation
            assert symbols[0].symbol.canonical == own_number and symbols[0].start < 300
            assert not any(r.start <= symbols[0].start < r.end for r in refs)
            symbols = symbols[1:]
        within = [any(r.start <= m.start < r.end and r.symbol == m.symbol for r in refs) for m in symbols]
        assert all(within), prefix
        assert len(cited) == len(refs)


# Round trip: a citation built from its parts is read back into them.

TYPE_WORDS = {"Nghị quyết": ("NQ", "57-NQ/TW"), "Kế hoạch": ("KH", "978/KH-UBND"),
              "Chương trình hành động": ("CTr", "11-CTr/TU"), "Quyết định": ("QĐ", "12/2026/QĐ-UBND"),
              "Công văn": ("CV", "1766/BTC-NSNN"), "Kết luận": ("KL", "203-KL/TW")}
ISSUERS = ["Bộ Chính trị", "Ban Thường vụ Tỉnh ủy", "Ủy ban nhân dân tỉnh", "Bộ Tài chính", "Chính phủ"]
LEADS = {"Thực hiện": "implements", "Triển khai hiệu quả": "implements", "Căn cứ": "based_on",
         "Theo": "cites", "Gồm:": "cites"}


@settings(deadline=None)
@given(st.sampled_from(sorted(TYPE_WORDS)), st.sampled_from(ISSUERS), st.sampled_from(sorted(LEADS)),
       st.dates(date(1000, 1, 1)), st.booleans(), st.sampled_from([" ", ", ", " \n\n"]))
def test_citation_round_trip(word, issuer, lead, day, dated, gap) -> None:
    type_code, symbol = TYPE_WORDS[word]
    printed_date = f"{gap}ngày {day.day}/{day.month}/{day.year}" if dated else ""
    text = (f"{lead} {word} số {symbol}{printed_date} của {issuer} về phát triển kinh tế tư nhân; "
            "Ban Thường vụ ban hành.")
    (ref,) = find_references(text)
    assert (ref.symbol.canonical, ref.type_code, ref.relation) == (symbol, type_code, LEADS[lead])
    assert ref.issuer_text == f"của {issuer}"
    assert ref.title == "phát triển kinh tế tư nhân"
    assert (ref.date is not None) is dated
    if dated:
        assert (ref.date.day, ref.date.month, ref.date.year) == (day.day, day.month, day.year)
    assert ref.printed == text[len(lead) + 1:text.index(";")]
