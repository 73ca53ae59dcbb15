"""Long lists split into numbered pages (``tasks.html``, ``tasks-2.html`` …) with links between them.

>>> pager = Pager("tasks", number=3, count=9, first=100, last=150, total=420)
>>> pager.name(1), pager.name(3), pager.previous, pager.next
('tasks.html', 'tasks-3.html', 2, 4)
>>> pager.window()
[1, 2, 3, 4, 5, 6, None, 9]
>>> [p.number for p in paginate("x", list(range(5)), 2)], paginate("x", [], 2)[0].pager.count
([1, 2, 3], 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
WINDOW = 3
"""Page numbers shown on each side of the current one (the first and last are always shown)."""


@dataclass(frozen=True)
class Pager:
    """Where one page stands among the pages of a list, and the file name of each page."""

    stem: str
    """The file name of the first page without ``.html`` (pages of one list share a folder)."""
    number: int
    count: int
    first: int
    """The position (0-based) of the page's first row in the whole list."""
    last: int
    """The position after the page's last row."""
    total: int

    def name(self, number: int) -> str:
        """The file name of page ``number``: ``stem.html``, then ``stem-2.html`` …"""
        return f"{self.stem}.html" if number == 1 else f"{self.stem}-{number}.html"

    @property
    def previous(self) -> int | None:
        """The page before, if any."""
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        """The page after, if any."""
        return self.number + 1 if self.number < self.count else None

    def window(self) -> list[int | None]:
        """The page numbers to link: the first, the last, and those near this one (None marks a gap)."""
        shown = sorted({1, self.count, *range(max(1, self.number - WINDOW), min(self.count, self.number + WINDOW) + 1)})
        out: list[int | None] = []
        for number in shown:
            if out and number - (out[-1] or 0) > 1:
                out.append(None)
            out.append(number)
        return out


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its rows and its pager."""

    rows: Sequence[T]
    pager: Pager = field(repr=False)

    @property
    def number(self) -> int:
        """The page's number (1-based)."""
        return self.pager.number


def paginate(stem: str, rows: Sequence[T], size: int) -> list[Page[T]]:
    """``rows`` in pages of at most ``size`` (one empty page when there are none)."""
    count = max(1, -(-len(rows) // size))
    return [
        Page(rows[i * size:(i + 1) * size],
             Pager(stem, i + 1, count, i * size, min(len(rows), (i + 1) * size), len(rows)))
        for i in range(count)
    ]


def pack(stem: str, pieces: Sequence[str], budget: int) -> list[Page[str]]:
    """Rendered ``pieces`` in consecutive pages of at most ``budget`` bytes each (a larger piece gets a page alone)."""
    groups: list[list[str]] = [[]]
    size = 0
    for piece in pieces:
        weight = len(piece.encode("utf-8"))
        if groups[-1] and size + weight > budget:
            groups.append([])
            size = 0
        groups[-1].append(piece)
        size += weight
    starts = [0]
    for group in groups:
        starts.append(starts[-1] + len(group))
    return [
        Page(group, Pager(stem, i + 1, len(groups), starts[i], starts[i + 1], len(pieces)))
        for i, group in enumerate(groups)
    ]
