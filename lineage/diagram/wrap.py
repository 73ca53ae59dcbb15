"""Fitting Vietnamese labels into boxes: NFC text, shortened, wrapped to a width.

Widths are estimated from the font size (no font files are read), generously
enough for the widest of the fonts the diagrams name.

>>> wrap("Đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo", 24)
('Đột phá phát triển khoa', 'học, công nghệ, đổi mới', 'sáng tạo')
>>> wrap("Đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo", 24, max_lines=2)
('Đột phá phát triển khoa', 'học, công nghệ, đổi mới…')
"""

from __future__ import annotations

import textwrap

from lineage.text.normalize import nfc, squash_spaces

CHAR_WIDTH = 0.6
"""Average advance of a character, as a fraction of the font size (DejaVu Sans is among the widest)."""


def text_width(text: str, font_size: float) -> float:
    """The estimated width of ``text`` in pixels."""
    return len(text) * font_size * CHAR_WIDTH


def chars_for(width: float, font_size: float) -> int:
    """How many characters fit in ``width`` pixels."""
    return max(4, int(width / (font_size * CHAR_WIDTH)))


def wrap(text: str, chars: int, *, max_lines: int | None = None) -> tuple[str, ...]:
    """``text`` in NFC, wrapped at ``chars`` characters a line; cut with ``…`` past ``max_lines``."""
    clean = squash_spaces(nfc(text))
    if not clean:
        return ()
    lines = textwrap.wrap(clean, chars, break_long_words=True, break_on_hyphens=False)
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        kept[-1] = (last if len(last) < chars else last[: chars - 1].rstrip()) + "…"
        return tuple(kept)
    return tuple(lines)


def iso_to_vietnamese(date: str | None) -> str | None:
    """``2024-12-22`` → ``22/12/2024``; partial or missing dates pass through.

    >>> iso_to_vietnamese("2024-12-22"), iso_to_vietnamese("2026"), iso_to_vietnamese(None)
    ('22/12/2024', '2026', None)
    """
    if date and len(date) == 10 and date[4] == "-" and date[7] == "-":
        return f"{date[8:10]}/{date[5:7]}/{date[:4]}"
    return date
