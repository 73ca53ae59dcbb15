"""Timing cells: kinds, dates, compounds, OCR forms, and round trips."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.text.normalize import strip_diacritics
from lineage.text.timing import KINDS, Timing, parse_timing

D = date


@pytest.mark.parametrize(("printed", "kind", "start", "end"), [
    ("Quý I/2026", "period", D(2026, 1, 1), D(2026, 3, 31)),
    ("Quy 1/2026", "period", D(2026, 1, 1), D(2026, 3, 31)),
    ("quy 1/2026", "period", D(2026, 1, 1), D(2026, 3, 31)),
    ("Quý III/2026", "period", D(2026, 7, 1), D(2026, 9, 30)),
    ("Tháng 3/2026", "period", D(2026, 3, 1), D(2026, 3, 31)),
    ("Tháng 02/2028", "period", D(2028, 2, 1), D(2028, 2, 29)),
    ("Trong năm 2026", "period", D(2026, 1, 1), D(2026, 12, 31)),
    ("Năm 2026", "period", D(2026, 1, 1), D(2026, 12, 31)),
    ("2026", "period", D(2026, 1, 1), D(2026, 12, 31)),
    ("Năm 2026 - 2030", "period", D(2026, 1, 1), D(2030, 12, 31)),
    ("2026-2030", "period", D(2026, 1, 1), D(2030, 12, 31)),
    ("Từ năm 2026 đến năm 2030", "period", D(2026, 1, 1), D(2030, 12, 31)),
    ("Từ tháng 6/2026", "period", D(2026, 6, 1), None),
    ("Từ năm 2026", "period", D(2026, 1, 1), None),
    ("Đến năm 2030", "period", None, D(2030, 12, 31)),
    ("6 tháng đầu năm 2026", "period", D(2026, 1, 1), D(2026, 6, 30)),
    ("6 tháng cuối năm 2026", "period", D(2026, 7, 1), D(2026, 12, 31)),
    ("Trước 30/6/2026", "fixed_date", None, D(2026, 6, 30)),
    ("Ngày 30/6/2026", "fixed_date", D(2026, 6, 30), D(2026, 6, 30)),
    ("Định kỳ 3 tháng/lần", "recurring", None, None),
    ("Hằng năm", "recurring", None, None),
    ("Thường xuyên", "continuous", None, None),
    ("Thuong xuyén", "continuous", None, None),
    ("Khi có chỉ đạo, hướng dẫn", "conditional", None, None),
    ("Sau khi có văn bản của Trung ương", "conditional", None, None),
    ("Khi đủ điều kiện", "conditional", None, None),
    ("Đã tham mưu ban hành", "done", None, None),
    ("Đã ban hành", "done", None, None),
    ("", "unspecified", None, None),
    ("Chi bộ Tổng hợp – Nội chính", "unspecified", None, None),
])
def test_timing_forms(printed: str, kind: str, start, end) -> None:
    timing = parse_timing(printed)
    assert (timing.printed, timing.kind, timing.start, timing.end, timing.parts) == (printed, kind, start, end, ())


def test_a_compound_takes_the_kind_of_its_first_concrete_part_and_the_span_of_its_dated_parts() -> None:
    timing = parse_timing("Hoàn thành xây dựng Nghị quyết trong Quý I/2026; thường xuyên triển khai thực hiện "
                          "Nghị quyết sau khi được ban hành")
    assert timing.kind == "period"
    assert [part.kind for part in timing.parts] == ["period", "continuous"]
    assert (timing.start, timing.end) == (D(2026, 1, 1), D(2026, 3, 31))
    assert timing.parts[1].printed == "thường xuyên triển khai thực hiện Nghị quyết sau khi được ban hành"


def test_a_compound_spans_from_the_earliest_start_to_the_latest_end() -> None:
    timing = parse_timing("Thường xuyên; Quý II/2026; trong năm 2027")
    assert timing.kind == "continuous"
    assert (timing.start, timing.end) == (D(2026, 4, 1), D(2027, 12, 31))


def test_a_clause_without_time_does_not_make_a_compound() -> None:
    timing = parse_timing("Khi có chỉ đạo và hướng dẫn")
    assert (timing.kind, timing.parts) == ("conditional", ())


# Cells of 000 Phụ lục 01 whose OCR interleaves them with the next column; reassembled here.
@pytest.mark.parametrize(("printed", "kind", "start", "end", "flags", "parts"), [
    ("Hoan thanh trong Quy\n1/2026", "period", D(2026, 1, 1), D(2026, 3, 31), (), ()),
    ("Hoan thanh trong nim\n2026", "period", D(2026, 1, 1), D(2026, 12, 31), (), ()),
    ("Hoan thanh xay dung\nNghi quyét trong Quy\nI/2Q26; thuong xuyén\ntrién khai thyc hién\nNghi quyét sau khi\n"
     "duoc ban hanh", "period", D(2026, 1, 1), D(2026, 3, 31), (), ("period", "continuous")),
    ("Hoan thanh xay dung Nghi quyét trong quy I/20?6; Thuong xuyén trién khai thyc hién Nghi quyét sau khi "
     "duoc ban hanh", "period", None, None, ("unreadable",), ("period", "continuous")),
])
def test_reassembled_ocr_cells(printed, kind, start, end, flags, parts) -> None:
    timing = parse_timing(printed)
    assert (timing.kind, timing.start, timing.end, timing.flags) == (kind, start, end, flags)
    assert tuple(part.kind for part in timing.parts) == parts


def test_impossible_and_implausible_periods_are_flagged_not_corrected() -> None:
    assert parse_timing("Tháng 13/2026").flags == ("impossible",)
    assert parse_timing("Trước 31/02/2026").flags == ("impossible",)
    truncated = parse_timing("Năm 2026-203")
    assert (truncated.start, truncated.end, truncated.flags) == (D(2026, 1, 1), D(203, 12, 31), ("implausible",))


@given(st.text(max_size=80))
def test_any_text_gives_a_timing_and_never_raises(text: str) -> None:
    timing = parse_timing(text)
    assert isinstance(timing, Timing) and timing.kind in KINDS and timing.printed == text


# Round trips

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
years = st.integers(1945, 2100)
lettering = st.sampled_from([str, str.lower, str.upper, strip_diacritics])


@settings(deadline=None)
@given(st.integers(1, 4), years, st.sampled_from(["Quý {r}/{y}", "Quy {q}/{y}", "Hoàn thành trong Quý {r}/{y}",
                                                  "quý {r} năm {y}", "Quý {r} / {y}"]), lettering)
def test_quarter_round_trip(quarter: int, year: int, form: str, letters) -> None:
    timing = parse_timing(letters(form.format(r=ROMAN[quarter], q=quarter, y=year)))
    last = 3 * quarter
    assert (timing.kind, timing.start, timing.end) == \
        ("period", D(year, last - 2, 1), D(year, last, calendar.monthrange(year, last)[1]))


@settings(deadline=None)
@given(st.integers(1, 12), years, st.sampled_from(["Tháng {m}/{y}", "tháng {m:02d}/{y}", "Trong tháng {m} năm {y}",
                                                   "Tháng \n{m:02d}/{y}"]), lettering)
def test_month_round_trip(month: int, year: int, form: str, letters) -> None:
    timing = parse_timing(letters(form.format(m=month, y=year)))
    assert (timing.kind, timing.start, timing.end) == \
        ("period", D(year, month, 1), D(year, month, calendar.monthrange(year, month)[1]))


@settings(deadline=None)
@given(years, st.integers(0, 20), st.sampled_from(["Năm {a} - {b}", "{a}-{b}", "Giai đoạn {a}–{b}", "Năm {a}-{b}"]),
       lettering)
def test_year_range_round_trip(first: int, length: int, form: str, letters) -> None:
    timing = parse_timing(letters(form.format(a=first, b=first + length)))
    assert (timing.kind, timing.start, timing.end) == ("period", D(first, 1, 1), D(first + length, 12, 31))


@settings(deadline=None)
@given(years, st.sampled_from(["Năm {y}", "Trong năm {y}", "{y}", "Hoàn thành năm {y}", "Trong nim {y}"]), lettering)
def test_year_round_trip(year: int, form: str, letters) -> None:
    timing = parse_timing(letters(form.format(y=year)))
    assert (timing.kind, timing.start, timing.end) == ("period", D(year, 1, 1), D(year, 12, 31))


@given(st.sampled_from(["Thường xuyên", "Thực hiện thường xuyên", "Thuong xuyén", "Thuéng xuyén", "Thường \nxuyên"]),
       lettering)
def test_continuous_round_trip(printed: str, letters) -> None:
    assert parse_timing(letters(printed)).kind == "continuous"
