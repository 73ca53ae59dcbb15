"""Peak resident memory of one operation: how far the process's RSS rose above where it stood before.

Oxigraph keeps its store in native memory, which ``tracemalloc`` does not see,
so the table measures the resident set instead. Linux keeps the process's
high-water mark (``VmHWM``); writing ``5`` to ``/proc/self/clear_refs`` resets
it to the current RSS, so the mark read after a run is that run's peak. Freed
C heap is handed back first (``malloc_trim``) so the starting point is not
inflated by what an earlier operation left. Memory of forked worker processes
is not counted. Where ``clear_refs`` cannot be written, :func:`tracking` is
false and peaks are not reported.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")
MEMINFO = Path("/proc/meminfo")


@dataclass
class Peak:
    """The rise of the resident set during a ``with measured()`` block, in MiB (None when not tracked)."""

    mib: float | None = None


def status_kib(field: str, text: str | None = None) -> int:
    """A ``kB`` field of ``/proc/self/status`` (``VmRSS``, ``VmHWM``)."""
    for line in (text if text is not None else STATUS.read_text()).splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise KeyError(field)


def available_bytes(text: str | None = None) -> int:
    """Memory the kernel can give without swapping (``MemAvailable`` of ``/proc/meminfo``)."""
    return status_kib("MemAvailable", text if text is not None else MEMINFO.read_text()) * 1024


def total_bytes(text: str | None = None) -> int:
    """Physical memory (``MemTotal``)."""
    return status_kib("MemTotal", text if text is not None else MEMINFO.read_text()) * 1024


def tracking() -> bool:
    """Whether the high-water mark can be reset here."""
    try:
        CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True


def _trim() -> None:
    gc.collect()
    name = ctypes.util.find_library("c")
    if name:
        try:
            ctypes.CDLL(name).malloc_trim(0)
        except (OSError, AttributeError):
            pass


@contextmanager
def measured() -> Iterator[Peak]:
    """Measure the peak rise of RSS over the block; ``Peak.mib`` is set when the block ends."""
    peak = Peak()
    _trim()
    on = tracking()
    start = status_kib("VmRSS") if on else 0
    try:
        yield peak
    finally:
        if on:
            peak.mib = max(0, status_kib("VmHWM") - start) / 1024
