"""Ingest of the two largest seeds (issue: under 2 s each), against reading and folding the same text.

The largest file (002, a report) has no tables; the next (004, a plan) has 311 table rows, the heaviest work.
"""

from __future__ import annotations

from pathlib import Path

from bench.harness import Benchmark
from lineage.config import Config
from lineage.ingest.run import ingest
from lineage.text.normalize import fold, nfc

KINDS = ("ingest",)
"""The names of this module's benchmarks, before their ``:``."""


def benchmarks() -> list[Benchmark]:
    """Ingest of each of the two largest files of the corpus."""
    config = Config.default()
    largest = sorted(config.seeds_dir.glob("*.txt"), key=lambda p: p.stat().st_size, reverse=True)[:2]
    return [_ingest(config, path) for path in largest]


def _ingest(config: Config, path: Path) -> Benchmark:
    def workload() -> object:
        return ingest(config, path, document="bench-draft")

    def baseline() -> object:
        return fold(nfc(path.read_text(encoding="utf-8")))

    return Benchmark(f"ingest:{path.name[:3]}", f"lineage ingest {path.name} ({path.stat().st_size // 1024} KiB)",
                     workload, baseline, "read + NFC + fold of the same file", target_seconds=2.0, repeat=3)
