"""Fixtures for the table-reader tests: the corpus directory and its tables, read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from lineage.tables import Table, load_source, read_tables

DOCS = {
    "000": "000_9f757bec08af7d21.txt",
    "001": "001_8996d6eaac77d4bb.txt",
    "004": "004_37c5d7600e8f8767.txt",
}



@pytest.fixture(scope="session")
def corpus_tables(seeds_dir: Path) -> dict[str, dict[str, Table]]:
    """``{"000": {"PL01": Table, …}, "001": …, "004": …}``."""
    return {doc: {t.name: t for t in read_tables(seeds_dir / name)} for doc, name in DOCS.items()}


@pytest.fixture(scope="session")
def corpus_lines(seeds_dir: Path) -> dict[str, tuple[str, ...]]:
    """The documents' lines (NFC, no line ends), for checking spans against the text."""
    return {doc: load_source(seeds_dir / name).lines for doc, name in DOCS.items()}
