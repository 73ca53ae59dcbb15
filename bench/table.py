"""The results table: one cell per operation × size × engine, and its ratio against the baseline of the same run.

Pure functions over measured numbers, so the arithmetic and the layout can be
checked on fixture values:

>>> base = Cell("load", "small", "baseline", runs=5, seconds=8.0, peak_mib=900.0)
>>> fast = Cell("load", "small", "lineage", runs=5, seconds=0.5, peak_mib=150.0)
>>> ratio(fast, base)
'16×'
>>> ratio(base, base)
'1 (baseline)'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BASELINE = "baseline"
"""The engine every other engine of an operation is compared with."""
FULL_BUILD = "lineage --full"
"""The reference of a rebuild after one changed file: the same state built afresh (there is no other baseline)."""
REFERENCES = (BASELINE, FULL_BUILD)
"""Engines a ratio is taken against, the first an operation has."""


@dataclass(frozen=True)
class Cell:
    """The measurement of one engine on one operation and size.

    ``seconds`` is the median of ``runs`` runs; a run stopped at the time limit
    makes it a lower bound (``stopped``); a cell not run at all has
    ``seconds=None`` and says why in ``note``.
    """

    operation: str
    size: str
    engine: str
    runs: int
    seconds: float | None
    peak_mib: float | None
    stopped: bool = False
    note: str = ""
    peak_floor: bool = False
    """The peak was measured on a run stopped at its time limit: a lower bound."""


def ratio(cell: Cell, baseline: Cell | None) -> str:
    """How many times faster ``cell`` is than ``baseline`` (baseline median / cell median), as printed."""
    if baseline is None:
        return "no baseline"
    if cell is baseline or cell.engine in REFERENCES:
        return "1 (baseline)"
    if cell.seconds is None:
        return "—"
    if baseline.seconds is None:
        return "baseline not run"
    if cell.stopped:
        return "—"
    value = baseline.seconds / cell.seconds if cell.seconds > 0 else float("inf")
    return f"{'> ' if baseline.stopped else ''}{_figure(value)}×"


def _figure(value: float) -> str:
    """Two significant figures, at least the integer part: 0.42, 3.1, 16, 190, 2400."""
    if value >= 10:
        return f"{value:,.0f}"
    return f"{value:.2g}" if value < 1 else f"{value:.1f}"


def seconds_text(cell: Cell) -> str:
    """The median as printed: milliseconds under a second, a lower bound when stopped."""
    if cell.seconds is None:
        return "—"
    prefix = "> " if cell.stopped else ""
    if cell.seconds < 1:
        return f"{prefix}{cell.seconds * 1000:.3g} ms"
    return f"{prefix}{cell.seconds:,.1f} s" if cell.seconds < 100 else f"{prefix}{cell.seconds:,.0f} s"


def memory_text(cell: Cell) -> str:
    """Peak memory as printed, in MiB."""
    if cell.peak_mib is None:
        return "—"
    prefix = "≥ " if cell.peak_floor else ""
    return f"{prefix}{cell.peak_mib:,.0f}" if cell.peak_mib >= 10 else f"{prefix}{cell.peak_mib:.1f}"


def markdown(cells: Sequence[Cell]) -> list[str]:
    """The table in Markdown, rows in the order of ``cells``, each with its ratio against its baseline."""
    baselines: dict[tuple[str, str], Cell] = {}
    for reference in reversed(REFERENCES):
        baselines.update({(c.operation, c.size): c for c in cells if c.engine == reference})
    lines = ["| operation | size | engine | runs | median | peak MiB | × baseline | note |",
             "|---|---|---|---:|---:|---:|---:|---|"]
    for cell in cells:
        lines.append(f"| {cell.operation} | {cell.size} | {cell.engine} | {cell.runs} | {seconds_text(cell)} | "
                     f"{memory_text(cell)} | {ratio(cell, baselines.get((cell.operation, cell.size)))} | "
                     f"{cell.note} |")
    return lines


def ordered(cells: Iterable[Cell], operations: Sequence[str], engines: Sequence[str]) -> list[Cell]:
    """``cells`` sorted by operation, then size (in first-seen order), then engine, in the orders given."""
    cells = list(cells)
    sizes = list(dict.fromkeys(c.size for c in cells))

    def position(name: str, order: Sequence[str]) -> int:
        return order.index(name) if name in order else len(order)

    return sorted(cells, key=lambda c: (position(c.operation, operations), sizes.index(c.size),
                                        position(c.engine, engines)))
