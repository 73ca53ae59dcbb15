"""Timing cells of task tables (thời gian): a kind, and dates when the words give them.

>>> t = parse_timing("Quý I/2026"); (t.kind, t.start, t.end)
('period', datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
>>> parse_timing("Thuong xuyén").kind
'continuous'
>>> t = parse_timing("Năm 2027 và thực hiện thường xuyên"); (t.kind, [p.kind for p in t.parts])
('period', ['period', 'continuous'])
>>> parse_timing("Chi bộ Kinh tế ngành").kind
'unspecified'
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Callable

from lineage.text.normalize import fold, fold_aligned, nfc

FIXED_DATE = "fixed_date"
PERIOD = "period"
CONTINUOUS = "continuous"
CONDITIONAL = "conditional"
RECURRING = "recurring"
DONE = "done"
UNSPECIFIED = "unspecified"
KINDS = (FIXED_DATE, PERIOD, CONTINUOUS, CONDITIONAL, RECURRING, DONE, UNSPECIFIED)


@dataclass(frozen=True)
class Timing:
    """A timing as printed, its kind, the dates it spans and, for compounds, its parts.

    ``flags`` holds ``partial`` (part of the period not printed, e.g. ``Quy /2026``),
    ``unreadable`` (an OCR-damaged digit, e.g. ``I/20?6``), ``impossible`` and
    ``implausible`` (as for dates, e.g. the year ``203`` in ``Năm 2026-203``).
    """

    printed: str
    kind: str
    start: datetime.date | None = None
    end: datetime.date | None = None
    parts: tuple[Timing, ...] = ()
    flags: tuple[str, ...] = ()


_Builder = Callable[[str, "re.Match[str]"], Timing]
_YEAR = r"(?P<y>\d[\doq?]{3})(?![\d?])"  # OCR prints 0 as O or Q, and an unread digit as ?
_QUARTERS = {"i": 1, "1": 1, "l": 1, "ii": 2, "2": 2, "iii": 3, "3": 3, "iv": 4, "4": 4}
_SPLIT = re.compile(r";|(?<![a-z])va(?![a-z])")


def parse_timing(printed: str) -> Timing:
    """Read a timing cell; text that says no time gives kind ``unspecified``.

    >>> t = parse_timing("Trước 30/6/2026"); (t.kind, t.start, t.end)
    ('fixed_date', None, datetime.date(2026, 6, 30))
    >>> t = parse_timing("Từ tháng 6/2026"); (t.start, t.end)
    (datetime.date(2026, 6, 1), None)
    """
    text = nfc(printed)
    folded = fold_aligned(text)
    pieces, last = [], 0
    for cut in _SPLIT.finditer(folded):
        pieces.append(text[last:cut.start()])
        last = cut.end()
    pieces.append(text[last:])
    parts = [_clause(piece.strip()) for piece in pieces if piece.strip()]
    concrete = [part for part in parts if part.kind != UNSPECIFIED]
    if len(concrete) <= 1:
        single = concrete[0] if concrete else Timing(printed, UNSPECIFIED)
        return Timing(printed, single.kind, single.start, single.end, (), single.flags)
    starts = [part.start for part in parts if part.start]
    ends = [part.end for part in parts if part.end]
    flags = tuple(dict.fromkeys(flag for part in parts for flag in part.flags))
    return Timing(printed, concrete[0].kind, min(starts, default=None), max(ends, default=None),
                  tuple(parts), flags)


def _clause(printed: str) -> Timing:
    key = fold(printed)
    best: tuple[int, int, Timing] | None = None
    for rank, (pattern, build) in enumerate(_RULES):
        match = pattern.search(key)
        if match and (best is None or (match.start(), rank) < best[:2]):
            best = (match.start(), rank, build(printed, match))
    return best[2] if best else Timing(printed, UNSPECIFIED)


def _kind(kind: str) -> _Builder:
    return lambda printed, match: Timing(printed, kind)


def _year(match: re.Match[str], name: str = "y") -> tuple[int | None, tuple[str, ...]]:
    raw = match.group(name)
    if raw is None:
        return None, ("partial",)
    if "?" in raw:
        return None, ("unreadable",)
    year = int(raw.replace("o", "0").replace("q", "0"))
    return year, (() if 1945 <= year <= 2100 else ("implausible",))


def _day(year: int | None, month: int, day: int | None = None) -> datetime.date | None:
    if year is None or not 1 <= year <= 9999 or not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last
    return datetime.date(year, month, day) if 1 <= day <= last else None


def _months(printed: str, year: int | None, first: int, last: int, flags: tuple[str, ...],
            open_end: bool = False) -> Timing:
    start = _day(year, first, 1)
    end = None if open_end else _day(year, last)
    if year is not None and (start is None or (end is None and not open_end)):
        flags += ("impossible",)
    return Timing(printed, PERIOD, start, end, (), flags)


def _date(printed: str, match: re.Match[str]) -> Timing:
    year, flags = _year(match)
    day = _day(year, int(match.group("m")), int(match.group("d")))
    if year is not None and day is None:
        flags += ("impossible",)
    if match.group("before"):
        return Timing(printed, FIXED_DATE, None, day, (), flags)
    return Timing(printed, FIXED_DATE, day, day, (), flags)


def _quarter(printed: str, match: re.Match[str]) -> Timing:
    year, flags = _year(match)
    quarter = _QUARTERS.get(match.group("q") or "")
    if quarter is None:
        return _months(printed, year, 1, 12, flags + ("partial",))
    return _months(printed, year, 3 * quarter - 2, 3 * quarter, flags)


def _month(printed: str, match: re.Match[str]) -> Timing:
    year, flags = _year(match)
    month = int(match.group("m"))
    return _months(printed, year, month, month, flags, open_end=bool(match.group("since")))


def _part_of_year(printed: str, match: re.Match[str]) -> Timing:
    year, flags = _year(match)
    count = int(match.group("n"))
    if match.group("which") == "dau":
        return _months(printed, year, 1, count, flags)
    return _months(printed, year, 13 - count, 12, flags)


def _whole_year(printed: str, match: re.Match[str]) -> Timing:
    year, flags = _year(match)
    since, until = bool(match.group("since")), bool(match.group("until"))
    start = None if until else _day(year, 1, 1)
    end = None if since else _day(year, 12)
    return Timing(printed, PERIOD, start, end, (), flags)


def _years(printed: str, match: re.Match[str]) -> Timing:
    first, first_flags = _year(match, "y")
    last, last_flags = _year(match, "y2")
    flags = tuple(dict.fromkeys(first_flags + last_flags))
    return Timing(printed, PERIOD, _day(first, 1, 1), _day(last, 12), (), flags)


_RULES: tuple[tuple[re.Pattern[str], _Builder], ...] = tuple((re.compile(pattern), build) for pattern, build in (
    (r"\bda (?:tham muu )?(?:ban hanh|hoan thanh|trinh)\b", _kind(DONE)),
    (r"\b(?:sau khi|khi co|khi duoc|tu khi|khi d\w{0,2} d\w{0,3}u kien|theo chi dao|theo huong dan)\b",
     _kind(CONDITIONAL)),
    (r"\b(?:dinh ky|hang nam|hang quy|hang thang|hang tuan|moi nam)\b", _kind(RECURRING)),
    (r"\bth\w{1,3}ng xuyen\b|\blien tuc\b", _kind(CONTINUOUS)),
    (rf"(?:\b(?P<before>truoc)(?: ngay)? |\bngay )?(?<![\d/])(?P<d>\d{{1,2}}) ?/ ?(?P<m>\d{{1,2}}) ?/ ?{_YEAR}",
     _date),
    (rf"\bquy ?(?P<q>iv|i{{1,3}}|[1-4l])? ?(?:/|nam) ?{_YEAR}", _quarter),
    (rf"\b(?P<n>\d{{1,2}}) th[ae]ng (?P<which>dau|cuoi) n(?:a|ai|i|d)?m {_YEAR}", _part_of_year),
    (rf"(?:\b(?P<since>tu) )?\bth[ae]ng ?(?P<m>\d{{1,2}}) ?(?:/|nam) ?{_YEAR}", _month),
    (rf"(?<![\d/.,])(?P<y>\d{{4}}) ?[-–] ?(?P<y2>\d{{2,4}})(?![\d/.,])", _years),
    (rf"\btu n(?:a|ai|i|d)?m (?P<y>\d{{4}}) den (?:n(?:a|ai|i|d)?m )?(?P<y2>\d{{4}})\b", _years),
    (rf"(?:\b(?P<since>tu) |\b(?P<until>den(?: het)?) )?\bn(?:a|ai|i|d)?m {_YEAR}(?! ?[-–] ?\d)",
     _whole_year),
    (r"(?<![\d/.,])(?P<since>)(?P<until>)(?P<y>(?:19|20|21)\d\d)(?![\d/.,%])", _whole_year),
))
