"""The machine a table was measured on: cores, memory, load, Python and the versions of the engines."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

from bench.memory import total_bytes

PACKAGES = ("pyoxigraph", "rdflib", "pyshacl", "networkx")


def cpu_model() -> str:
    """The CPU's model name, when Linux tells it."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    """The 1-minute load average (other processes share the machine)."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def versions() -> str:
    """``name version`` of each engine package."""
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    return ", ".join(found)


def describe() -> str:
    """One line naming the machine and the software."""
    return (f"{os.cpu_count()} cores ({cpu_model()}), {total_bytes() / 2**30:.0f} GiB RAM, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}, {versions()}")
