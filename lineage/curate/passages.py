"""Source texts and the passages quoted from them.

A quote must occur in its line span once whitespace is collapsed; otherwise the
row is rejected with the sheet's file and line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from lineage.curate.sheets import Row
from lineage.errors import InputError
from lineage.text.normalize import nfc, squash_spaces

OCR_SOURCES = frozenset({"000", "002"})


@dataclass(frozen=True)
class SourceText:
    """A seed file: its id (``003``), path and lines."""

    source_id: str
    path: Path
    lines: tuple[str, ...]
    declared_quality: str | None = None
    """``ocr`` or ``clean`` when known from elsewhere than the corpus list (an ingested file)."""

    @classmethod
    def find(cls, seeds_dir: Path, source_id: str) -> SourceText:
        """The seed file whose name starts with ``source_id_``."""
        matches = sorted(seeds_dir.glob(f"{source_id}_*.txt"))
        if not matches:
            raise InputError(seeds_dir, None, f"no source text {source_id}_*.txt",
                             "put the corpus in ../shared/seeds or set LINEAGE_SEEDS")
        text = matches[0].read_text(encoding="utf-8")
        return cls(source_id, matches[0], tuple(nfc(text).splitlines()))

    @property
    def quality(self) -> str:
        """``ocr`` or ``clean``."""
        if self.declared_quality:
            return self.declared_quality
        return "ocr" if self.source_id in OCR_SOURCES else "clean"

    def check_quote(self, row: Row) -> tuple[int, int, str]:
        """The row's span and quote, after checking the quote is in the span."""
        start, end = row.span()
        if end > len(self.lines):
            raise row.error(f"line {end} is past the end of {self.path.name} ({len(self.lines)} lines)",
                            "correct line_start/line_end")
        quote = squash_spaces(row["quote"])
        if not quote:
            raise row.error("empty quote", "copy the printed passage into the quote column")
        if quote not in squash_spaces(" ".join(self.lines[start - 1 : end])):
            raise row.error(f"quote not found in {self.path.name} lines {start}-{end}: '{quote[:70]}…'",
                            "copy the passage exactly as printed, or correct the line span")
        return start, end, quote


def passage_key(start: int, end: int, quote: str) -> str:
    """The local name of a passage: its lines and a short digest of the quote."""
    digest = hashlib.sha1(quote.encode("utf-8")).hexdigest()[:8]
    return f"L{start}-{end}-{digest}"
