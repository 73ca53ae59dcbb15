"""Matching keys for indicator values: the same indicator named in two documents, its unit, period and direction.

Names are compared as sets of content words, folded (no diacritics, lower case),
with the words every indicator shares (tỷ lệ, số, bình quân …) left out and the
i/y spelling variant (bác sỹ / bác sĩ) evened out.

>>> indicator_key("Số bác sỹ/1 vạn dân") == indicator_key("Số bác sĩ/1 vạn dân")
True
>>> unit_scale("nghìn người/năm"), unit_scale("lao động/năm")
(('nguoi/nam', 1000.0), ('nguoi/nam', 1.0))
>>> period_years("2026-2030"), period_years("2026-02"), period_years("")
((2026, 2030), (2026, 2026), None)
"""

from __future__ import annotations

import re
from functools import lru_cache

from lineage.audit.context import IndicatorValue
from lineage.text.normalize import fold

FILLER = frozenset({
    "ty", "le", "so", "cac", "cua", "duoc", "dat", "tren", "dia", "ban", "tinh", "trong", "nam", "giai", "doan",
    "binh", "quan", "hang", "va", "voi", "sanh", "toan", "bo",
})
"""Words that name no indicator of their own."""
LOWER_IS_BETTER = ("suy dinh duong", "ho ngheo da chieu", "ti le ho ngheo", "that nghiep", "tu vong", "nhiem moi",
                   "tai nan", "o nhiem")
"""Indicators where less is better (unless they count a reduction: 'giảm')."""
_SCALES = {"nghin": 1e3, "ngan": 1e3}
_SAME_UNIT = {"laodong": "nguoi"}


@lru_cache(maxsize=1 << 16)
def words(text: str) -> frozenset[str]:
    """The content words of a name: folded, fillers left out, ``y`` read as ``i``."""
    return frozenset(w.replace("y", "i") for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in FILLER)


def indicator_key(indicator: str, sector: str | None = None) -> frozenset[str]:
    """The words of an indicator with its sector (a breakdown is part of what is measured)."""
    return words(f"{indicator} {sector or ''}")


def value_key(value: IndicatorValue) -> frozenset[str]:
    """The words of an indicator value's indicator and sector."""
    return indicator_key(value.indicator, value.sector)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets (1.0 for equal sets)."""
    union = a | b
    return len(a & b) / len(union) if union else 1.0


@lru_cache(maxsize=1 << 12)
def unit_scale(unit: str) -> tuple[str, float]:
    """The unit without a scale word, and the scale (``nghìn người/năm`` → ``('nguoi/nam', 1000.0)``)."""
    key = re.sub(r"\s+|\b1\b", "", fold(unit)).replace("y", "i")
    for word, factor in _SCALES.items():
        if key.startswith(word):
            key, scale = key[len(word):], factor
            break
    else:
        scale = 1.0
    for variant, same in _SAME_UNIT.items():
        key = key.replace(variant, same)
    return key, scale


def period_years(period: str) -> tuple[int, int] | None:
    """First and last year of a period (``2026-2030``, ``2026``, ``2026-02``, ``2025-01-01..2026-01-31``)."""
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", period)]
    if not years:
        return None
    if ".." not in period and re.fullmatch(r"\d{4}-\d{2}", period.strip()):
        return years[0], years[0]
    return min(years), max(years)


def lower_is_better(value: IndicatorValue) -> bool:
    """True when a smaller value is the better one (a ceiling like ``< 17%``, or a poverty or death rate)."""
    if value.comparator in ("<", "<="):
        return True
    if value.comparator in (">", ">="):
        return False
    name = fold(value.indicator).replace("y", "i")
    return "giam" not in name.split() and any(term.replace("y", "i") in name for term in LOWER_IS_BETTER)


def bounds(value: IndicatorValue) -> tuple[float, float] | None:
    """The lowest and highest value a printed value allows (a range 8–9 gives both)."""
    if value.value is None:
        return None
    return value.value, value.value_max if value.value_max is not None else value.value


def show(value: IndicatorValue) -> str:
    """The value as printed, or as a number with its unit."""
    return value.printed or f"{value.value:g} {value.unit}".strip()
