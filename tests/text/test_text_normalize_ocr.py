"""The OCR matching key and the offset-keeping fold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lineage.text.normalize import fold, fold_aligned, nfc, ocr_key

VIETNAMESE = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
                              "AĂÂĐÊÔƠƯÁÀẢÃẠẾỀỂỄỆÍỈÓÒỎÕỌỐỒỔỖỘÚÙỦŨỤỨỪỬỮỰ0123456789 \n-/.,;:", max_size=60)


@pytest.mark.parametrize("printed", ["Tinh uy", "Tinh Gy", "Tinh ty", "Tinh Uty", "Tinh dy", "Tlnh uy", "TỈNH ỦY"])
def test_ocr_forms_of_tinh_uy_match_the_clean_form(printed: str) -> None:
    assert ocr_key(printed) == ocr_key("Tỉnh ủy") == "tinh uy"


@pytest.mark.parametrize("printed", ["DPANG", "PANG", "Pang", "ĐẢNG"])
def test_ocr_forms_of_dang_match(printed: str) -> None:
    assert ocr_key(printed) == "dang"


@pytest.mark.parametrize(("printed", "clean"), [
    ("DPANG UY UY BAN NHAN DAN TINH", "Đảng ủy Ủy ban nhân dân tỉnh"),
    ("bang uy HDND tinh", "Đảng ủy HĐND tỉnh"),
    ("Dang iy MTTQ Viét Nam tinh", "Đảng ủy MTTQ Việt Nam tỉnh"),
    ("Nghi quyét Pai hoi Pang bo tinh", "Nghị quyết Đại hội Đảng bộ tỉnh"),
    ("S6 46-KH/TU", "Số 46-KH/TU"),
    ("1anh dao", "lãnh đạo"),
    ("x4 hoi", "xã hội"),
    ("K& hoach", "Kế hoạch"),
])
def test_ocr_phrases_seen_in_the_corpus_match_their_clean_form(printed: str, clean: str) -> None:
    assert ocr_key(printed) == ocr_key(clean)


def test_numbers_and_real_initials_are_left_alone() -> None:
    assert ocr_key("năm 2026, 10%") == "nam 2026, 10%"
    assert ocr_key("Phát triển") == "phat trien"
    assert ocr_key("Quy hoạch tỉnh") == "quy hoach tinh"


@given(VIETNAMESE)
def test_ocr_key_is_idempotent_and_plain(text: str) -> None:
    key = ocr_key(text)
    assert ocr_key(key) == key
    assert key == key.lower() and key.isascii()


@given(VIETNAMESE)
def test_fold_aligned_keeps_offsets_and_agrees_with_fold(text: str) -> None:
    text = nfc(text)
    aligned = fold_aligned(text)
    assert len(aligned) == len(text)
    assert " ".join(aligned.split()) == fold(text)
