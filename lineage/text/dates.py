"""Dates as printed in directives, kept as printed and flagged, never corrected.

>>> d = parse_date("ngày 12 tháng 02 năm 2026"); (d.iso, d.flags)
('2026-02-12', ())
>>> parse_date("ngày   tháng 02 năm 2026").iso
'2026-02'
>>> d = parse_date("31/02/2026"); (d.iso, d.flags)
(None, ('impossible',))
>>> d = parse_date("ngày 25/3/2206"); (d.iso, d.flags)
('2206-03-25', ('implausible',))
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from lineage.text.normalize import fold_aligned, nfc

PLAUSIBLE_YEARS = range(1945, 2101)


class DateError(ValueError):
    """Raised when a string is not a printed date."""


@dataclass(frozen=True)
class PrintedDate:
    """A printed date: its parts as printed (None when left blank) and an ISO form.

    ``flags`` holds ``impossible`` (no such calendar day; ``iso`` is None),
    ``implausible`` (year outside 1945..2100; ``iso`` still as printed) and
    ``partial`` (day or month not printed; ``iso`` is YYYY-MM or YYYY).
    """

    printed: str
    day: int | None
    month: int | None
    year: int | None
    iso: str | None
    flags: tuple[str, ...] = ()

    @property
    def date(self) -> datetime.date | None:
        """The calendar day, when a whole possible date is printed."""
        if self.iso is None or self.day is None:
            return None
        return datetime.date.fromisoformat(self.iso)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text, with its character offsets."""

    start: int
    end: int
    date: PrintedDate


_SP = r"[ \t]*(?:\r?\n[ \t]*){0,3}"
_SPC = r"[ \t,]*(?:\r?\n[ \t]*){0,3}"  # also a comma, as in "tháng 02, năm 2026"
_NGAY = r"(?<![a-z])ngay"
_THANG = r"(?<![a-z])th[ae]ng"
_NAM = r"(?<![a-z])n(?:a|ai|i|d)?m(?![a-z])"  # năm, OCR nim, ndm, naim, nm
_YEAR = r"(?P<y>\d{4})(?!\d)"
_NOT_RANGE = r"(?![ \t]*[-–][ \t]*\d)"

_FORMS = (
    rf"{_NGAY}{_SP}(?P<d>\d{{1,2}})?{_SP}{_THANG}{_SP}(?P<m>\d{{1,2}})?{_SPC}{_NAM}{_SP}{_YEAR}",
    rf"(?:{_NGAY}{_SP})?(?<![\d/.])(?P<d>\d{{1,2}})[ \t]*/[ \t]*(?P<m>\d{{1,2}})[ \t]*/[ \t]*{_YEAR}(?!/)",
    rf"{_THANG}{_SP}(?P<m>\d{{1,2}}){_SPC}{_NAM}{_SP}{_YEAR}",
    rf"{_THANG}{_SP}(?P<m>\d{{1,2}})[ \t]*/[ \t]*{_YEAR}(?!/){_NOT_RANGE}",
    rf"{_NAM}[ \t]+{_YEAR}{_NOT_RANGE}",
)
_PATTERNS = tuple(re.compile(form) for form in _FORMS)

_EXPECTED = ("expected a date such as 'ngày 12 tháng 02 năm 2026', 'ngày 30/12/2025', "
             "'30/12/2025', 'tháng 3/2026' or 'năm 2026'")


def parse_date(printed: str) -> PrintedDate:
    """Parse one printed date (the whole string must be the date).

    >>> parse_date("ngay 12 thang 02 nam 2026").iso
    '2026-02-12'
    >>> d = parse_date("tháng 3/2026"); (d.iso, d.flags)
    ('2026-03', ('partial',))
    """
    text = nfc(printed).strip()
    folded = fold_aligned(text)
    for pattern in _PATTERNS:
        match = pattern.fullmatch(folded)
        if match:
            return _printed_date(printed, match)
    raise DateError(f"{printed!r} is not a date: {_EXPECTED}")


def find_dates(text: str) -> list[DateMatch]:
    """Every date printed in ``text``, in order, with offsets into ``text``.

    >>> [(m.date.printed, m.date.iso) for m in find_dates("Lai Châu, ngày 12 tháng 02 năm 2026; họp 30/12/2025")]
    [('ngày 12 tháng 02 năm 2026', '2026-02-12'), ('30/12/2025', '2025-12-30')]
    """
    text = nfc(text)
    folded = fold_aligned(text)
    found = [(m.start(), m.end(), m) for pattern in _PATTERNS for m in pattern.finditer(folded)]
    found.sort(key=lambda item: (item[0], -item[1]))
    kept: list[DateMatch] = []
    for start, end, match in found:
        if not kept or start >= kept[-1].end:
            kept.append(DateMatch(start, end, _printed_date(text[start:end], match)))
    return kept


def make_date(printed: str, day: int | None, month: int | None, year: int | None) -> PrintedDate:
    """Build a :class:`PrintedDate` from printed parts, with its ISO form and flags.

    >>> make_date("31/4/2026", 31, 4, 2026).flags
    ('impossible',)
    """
    flags = []
    impossible = month is not None and not 1 <= month <= 12
    if day is not None and month is not None and year is not None and not impossible:
        impossible = not 1 <= day <= calendar.monthrange(year, month)[1]
    elif day is not None and not 1 <= day <= 31:
        impossible = True
    if impossible:
        flags.append("impossible")
    if year is not None and year not in PLAUSIBLE_YEARS:
        flags.append("implausible")
    if day is None or month is None:
        flags.append("partial")
    iso = None
    if year is not None and not impossible:
        iso = f"{year:04d}"
        if month is not None:
            iso += f"-{month:02d}"
            if day is not None:
                iso += f"-{day:02d}"
    return PrintedDate(printed, day, month, year, iso, tuple(flags))


def _printed_date(printed: str, match: re.Match[str]) -> PrintedDate:
    parts = match.groupdict()

    def number(name: str) -> int | None:
        value = parts.get(name)
        return int(value) if value else None

    return make_date(printed, number("d"), number("m"), number("y"))
