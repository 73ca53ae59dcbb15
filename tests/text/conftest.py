"""Fixtures for the text parsers (the corpus folder `seeds_dir` comes from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def seed_text(seeds_dir: Path):
    """Read a seed document by its three-digit prefix: ``seed_text("003")``."""

    def read(prefix: str) -> str:
        (path,) = seeds_dir.glob(f"{prefix}_*.txt")
        return path.read_text(encoding="utf-8")

    return read
