"""Printed dates: forms, flags (impossible, implausible, partial) and round trips."""

from __future__ import annotations

import calendar
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lineage.text.dates import DateError, find_dates, parse_date
from lineage.text.normalize import strip_diacritics


@pytest.mark.parametrize(("printed", "day", "month", "year", "iso", "flags"), [
    ("ngày 12 tháng 02 năm 2026", 12, 2, 2026, "2026-02-12", ()),
    ("ngay 12 thang 02 nam 2026", 12, 2, 2026, "2026-02-12", ()),
    ("ngày 30/12/2025", 30, 12, 2025, "2025-12-30", ()),
    ("30/12/2025", 30, 12, 2025, "2025-12-30", ()),
    ("12/02/2026", 12, 2, 2026, "2026-02-12", ()),
    ("ngày 25/3/2206", 25, 3, 2206, "2206-03-25", ("implausible",)),
    ("ngày   tháng 02 năm 2026", None, 2, 2026, "2026-02", ("partial",)),
    ("ngày tháng năm 2026", None, None, 2026, "2026", ("partial",)),
    ("tháng 3/2026", None, 3, 2026, "2026-03", ("partial",)),
    ("năm 2026", None, None, 2026, "2026", ("partial",)),
    ("31/02/2026", 31, 2, 2026, None, ("impossible",)),
    ("29/02/2028", 29, 2, 2028, "2028-02-29", ()),
    ("29/02/2026", 29, 2, 2026, None, ("impossible",)),
    ("ngày 12/13/2026", 12, 13, 2026, None, ("impossible",)),
    ("31/4/1900", 31, 4, 1900, None, ("impossible", "implausible")),
])
def test_printed_forms(printed: str, day, month, year, iso, flags) -> None:
    date = parse_date(printed)
    assert (date.printed, date.day, date.month, date.year, date.iso, date.flags) == \
        (printed, day, month, year, iso, flags)


def test_the_calendar_day_is_given_only_for_a_whole_possible_date() -> None:
    assert parse_date("ngày 30/12/2025").date == datetime.date(2025, 12, 30)
    assert parse_date("tháng 3/2026").date is None
    assert parse_date("31/02/2026").date is None


@pytest.mark.parametrize("printed", ["", "hôm nay", "2026", "12/2026/QĐ-UBND", "ngày 12", "Quý I/2026"])
def test_what_is_not_a_date_raises(printed: str) -> None:
    with pytest.raises(DateError, match="expected a date"):
        parse_date(printed)


def test_find_dates_reads_each_date_once_with_offsets() -> None:
    text = ("Lai Châu, ngày 12 tháng 02 năm 2026. Nghị quyết số 57-NQ/TW ngày \n22/12/2024; "
            "Quyết định số 12/2026/QĐ-UBND; giai đoạn 2026-2030; tháng 3/2026")
    found = find_dates(text)
    assert [(m.date.iso, text[m.start:m.end]) for m in found] == [
        ("2026-02-12", "ngày 12 tháng 02 năm 2026"), ("2024-12-22", "ngày \n22/12/2024"),
        ("2026-03", "tháng 3/2026")]


# Round trips

plausible_days = st.dates(datetime.date(1945, 1, 1), datetime.date(2100, 12, 31))
spaces = st.sampled_from([" ", "  ", "\n", " \n"])
lettering = st.sampled_from([str, str.lower, str.upper, str.capitalize, strip_diacritics])


@st.composite
def printed_days(draw) -> tuple[datetime.date, str]:
    day = draw(plausible_days)
    d, m = draw(st.sampled_from([(str(day.day), str(day.month)), (f"{day.day:02d}", f"{day.month:02d}")]))
    form = draw(st.sampled_from(["long", "short", "short-ngay"]))
    if form == "long":
        gap = draw(spaces)
        printed = f"ngày{gap}{d}{gap}tháng{gap}{m}{gap}năm{gap}{day.year}"
    else:
        printed = f"{d}/{m}/{day.year}"
        if form == "short-ngay":
            printed = f"ngày{draw(spaces)}{printed}"
    return day, draw(lettering)(printed)


@settings(deadline=None)
@given(printed_days())
def test_parse_date_round_trip(case: tuple[datetime.date, str]) -> None:
    day, printed = case
    date = parse_date(printed)
    assert (date.day, date.month, date.year, date.iso, date.flags) == \
        (day.day, day.month, day.year, day.isoformat(), ())


@settings(deadline=None)
@given(printed_days())
def test_find_dates_round_trip_in_a_sentence(case: tuple[datetime.date, str]) -> None:
    day, printed = case
    text = f"Kế hoạch số 46-KH/TU {printed} của Ban Thường vụ Tỉnh ủy"
    (match,) = find_dates(text)
    assert match.date.iso == day.isoformat() and text[match.start:match.end] == printed


@given(st.integers(1, 12), st.integers(1945, 2100))
def test_month_and_year_round_trip(month: int, year: int) -> None:
    for printed in (f"tháng {month}/{year}", f"Tháng {month:02d} năm {year}", f"thang {month} nam {year}"):
        date = parse_date(printed)
        assert (date.day, date.month, date.year, date.iso, date.flags) == \
            (None, month, year, f"{year}-{month:02d}", ("partial",))


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1945, 2100))
def test_a_date_is_flagged_impossible_exactly_when_the_calendar_has_no_such_day(day: int, month: int,
                                                                                  year: int) -> None:
    date = parse_date(f"{day}/{month}/{year}")
    possible = day <= calendar.monthrange(year, month)[1]
    assert ("impossible" in date.flags) is (not possible)
    assert (date.iso is None) is (not possible)


@given(st.one_of(st.integers(1000, 1944), st.integers(2101, 9999)), st.integers(1, 12), st.integers(1, 28))
def test_an_implausible_year_is_flagged_but_kept_as_printed(year: int, month: int, day: int) -> None:
    date = parse_date(f"ngày {day}/{month}/{year}")
    assert date.flags == ("implausible",)
    assert date.iso == f"{year:04d}-{month:02d}-{day:02d}"
