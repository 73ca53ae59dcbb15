"""Load a source document as NFC lines, with errors that name the file and the fix.

>>> doc = load_source("PHỤ LỤC 1\\nSTT\\tChỉ tiêu")
>>> doc.label, len(doc.lines)
('<text>', 2)
>>> load_source("")
Traceback (most recent call last):
...
lineage.tables.source.TableReadError: <text>: the text is empty; there is no table to read
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lineage.text.normalize import nfc

_BOM = "\ufeff"


class TableReadError(ValueError):
    """A source that cannot be read as text: the message names it and says what to do."""


@dataclass(frozen=True)
class Source:
    """A document's label (its path, or ``<text>``) and its lines (no line ends, NFC)."""

    label: str
    lines: tuple[str, ...]


def load_source(source: str | bytes | os.PathLike[str]) -> Source:
    """Read ``source``: a path (``Path``, or a one-line ``str`` shaped like a file name), bytes, or text.

    Raises :class:`TableReadError` for an empty, binary or non-UTF-8 input.
    """
    if isinstance(source, os.PathLike):
        return _load_path(Path(source))
    if isinstance(source, bytes):
        return _from_bytes(source, "<bytes>")
    if _looks_like_path(source):
        return _load_path(Path(source))
    return _from_text(source, "<text>")


def _looks_like_path(candidate: str) -> bool:
    """A one-line string naming an existing file, or shaped like a file name (``…/x.txt``)."""
    if "\n" in candidate or "\t" in candidate or not candidate.strip():
        return False
    try:
        if Path(candidate).exists():
            return True
    except (OSError, ValueError):
        return False
    return Path(candidate).suffix.lower() in {".txt", ".md", ".tsv", ".text"} or os.sep in candidate


def _load_path(path: Path) -> Source:
    label = str(path)
    if path.is_dir():
        raise TableReadError(f"{label}: is a directory; pass one text file (e.g. {label}/000_….txt)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TableReadError(f"{label}: no such file; check the path") from None
    except OSError as err:
        raise TableReadError(f"{label}: cannot be read ({err.strerror}); check its permissions") from None
    return _from_bytes(data, label)


def _from_bytes(data: bytes, label: str) -> Source:
    if not data.strip():
        raise TableReadError(f"{label}: the file is empty; there is no table to read — export the document again")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise TableReadError(
            f"{label}: looks binary (NUL byte at offset {nul}); export the document as plain UTF-8 text"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex()
        raise TableReadError(
            f"{label}: not valid UTF-8 (byte 0x{bad} at offset {err.start}); "
            "convert it to UTF-8, e.g. `iconv -f WINDOWS-1258 -t UTF-8` for a Vietnamese Windows file"
        ) from None
    return _from_text(text, label)


def _from_text(text: str, label: str) -> Source:
    if text.startswith(_BOM):
        text = text[1:]
    if not text.strip():
        raise TableReadError(f"{label}: the text is empty; there is no table to read")
    if "\x00" in text:
        raise TableReadError(f"{label}: contains NUL characters; pass the document as plain text")
    lines = nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return Source(label=label, lines=tuple(lines))
