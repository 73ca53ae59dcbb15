"""Validation of the corpus (issue: under 5 s), against loading the graph it validates."""

from __future__ import annotations

from bench.harness import Benchmark
from lineage.config import Config
from lineage.store import load
from lineage.validate import validate

KINDS = ("validate",)
"""The names of this module's benchmarks, before their ``:``."""


def benchmarks() -> list[Benchmark]:
    """``lineage validate`` of the corpus: load, the fast validator (the default engine), results located for people."""
    config = Config.default()

    def workload() -> object:
        return validate(load(config, prefer_disk=False), config.shapes_dir)

    def baseline() -> object:
        return load(config, prefer_disk=False)

    return [Benchmark("validate:corpus", "lineage validate of the corpus", workload, baseline,
                      "load of the corpus", target_seconds=5.0, repeat=3)]
