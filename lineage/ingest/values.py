"""Read a printed target value: its number (or range), comparator and unit, as far as the cell says.

Vietnamese numbers use ``.`` between thousands and ``,`` before decimals. A cell
that holds anything but one number or one range keeps only its printed text.

>>> read_value("Bình quân khoảng 10%")
PrintedValue(value='10', value_max=None, comparator='~', unit='%')
>>> read_value("4.596.000 đồng/người/tháng")
PrintedValue(value='4596000', value_max=None, comparator='=', unit='đồng/người/tháng')
>>> read_value("> 4.500 tỷ đồng")
PrintedValue(value='4500', value_max=None, comparator='>', unit='tỷ đồng')
>>> read_value("5,26")
PrintedValue(value='5.26', value_max=None, comparator='=', unit=None)
>>> read_value("8 - 8,5%")
PrintedValue(value='8', value_max='8.5', comparator='=', unit='%')
>>> read_value("tăng 10% và 12%") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lineage.text.normalize import fold, squash_spaces

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_VALUE = re.compile(rf"(?P<low>{_NUMBER})(?:\s*[-–]\s*(?P<high>{_NUMBER}))?\s*(?P<unit>[^\d\s(][^\d(]*)?$")
_COMPARATORS: tuple[tuple[str, str], ...] = (
    ("≥", ">="), (">=", ">="), ("≤", "<="), ("<=", "<="), (">", ">"), ("<", "<"),
    ("toi thieu", ">="), ("it nhat", ">="), ("tren", ">"), ("hon", ">"), ("duoi", "<"), ("toi da", "<="),
    ("khoang", "~"), ("gan", "~"),
)


@dataclass(frozen=True)
class PrintedValue:
    """The number(s) a value cell prints, as decimal strings, with comparator and unit."""

    value: str
    value_max: str | None
    comparator: str
    unit: str | None


def read_value(cell: str) -> PrintedValue | None:
    """The value of ``cell``, or ``None`` when it is not one number or one range."""
    text = squash_spaces(cell)
    numbers = re.findall(_NUMBER, text)
    if not numbers or len(numbers) > 2:
        return None
    first = re.search(_NUMBER, text)
    assert first is not None
    match = _VALUE.match(text, first.start())
    if match is None:
        return None
    unit = squash_spaces(match["unit"] or "").rstrip(".;,") or None
    return PrintedValue(_decimal(match["low"]), _decimal(match["high"]) if match["high"] else None,
                        _comparator(text[: first.start()]), unit)


def _decimal(printed: str) -> str:
    return printed.replace(".", "").replace(",", ".")


def _comparator(prefix: str) -> str:
    folded = fold(prefix)
    for sign, comparator in _COMPARATORS:
        if sign in folded:
            return comparator
    return "="
