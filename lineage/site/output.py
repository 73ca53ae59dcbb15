"""Write the site into its folder in place, file by file, rewriting only what changed.

A manifest (:data:`MANIFEST`) in the folder records the size and hash of every
file the last render wrote. A file whose new bytes hash the same, and which is
still on disk with that size, is left alone (its mtime too). In a folder that
already holds files, every other file is written to a temporary name beside it
and renamed into place, so a reader never sees half a page; a new or empty
folder is written straight (whoever builds it swaps it in whole, as ``lineage
build`` does); a file is never written into, so a folder of hard links to an
older site leaves that site as it was. Files the last render wrote and this one
did neither write nor :meth:`~SiteOutput.keep` (pages of nodes that left the
data) are removed. Without a manifest, a file already on disk is compared byte
for byte instead. The manifest also carries what the render remembers for the
next one (:mod:`lineage.site.state`), saved in the same write as the files' list.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> out = SiteOutput(root); out.write("a.html", "x"); out.write("b/c.html", "y"); out.finish()
Counts(written=2, unchanged=0, removed=0)
>>> out = SiteOutput(root); out.write("a.html", "x"); out.finish()
Counts(written=0, unchanged=1, removed=1)
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = ".lineage-site.json"
"""The manifest of the files a render wrote: ``{"files": {path: [size, hash]}, "state": {...}}``."""
_VERSION = 1


@dataclass(frozen=True)
class Counts:
    """Files written (new or changed), left unchanged, and removed by one render."""

    written: int
    unchanged: int
    removed: int


class SiteOutput:
    """The site folder: writes a file only when its bytes change, and remembers what it wrote."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.previous, self.had_manifest, self.state = _read_manifest(root / MANIFEST)
        """The files of the last render, whether it left a manifest, and the state it saved (or None)."""
        self.files: dict[str, tuple[int, str]] = {}
        """Every file of this render: site path → (size, hash)."""
        self.written = 0
        self.unchanged = 0
        self.in_place = root.is_dir() and any(root.iterdir())
        """Whether the folder held files already: then each file is replaced atomically."""
        self._folders: set[Path] = set()
        self._root = str(root)

    def write(self, path: str, content: str | bytes) -> None:
        """Put ``content`` at the site path ``path`` (UTF-8 for text), unless it is there already."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        entry = (len(data), _digest(data))
        self.files[path] = entry
        target = self.root / path
        if self._is_current(path, target, entry, data):
            self.unchanged += 1
            return
        folder = target.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        if self.in_place:
            _replace(target, data)
        else:
            target.write_bytes(data)
        self.written += 1

    def keep(self, path: str) -> bool:
        """Keep the file the last render wrote at ``path`` as it is; False when it is not there to keep."""
        if not self.can_keep(path):
            return False
        self.files[path] = self.previous[path]
        self.unchanged += 1
        return True

    def can_keep(self, path: str) -> bool:
        """Whether the file the last render wrote at ``path`` is still there, as the manifest says."""
        entry = self.previous.get(path) if self.had_manifest else None
        if entry is None:
            return False
        try:
            return os.stat(os.path.join(self._root, path)).st_size == entry[0]
        except OSError:
            return False

    def merge(self, files: dict[str, tuple[int, str]], written: int, unchanged: int) -> None:
        """Count files another process wrote into the same folder (see :mod:`lineage.site.parallel`)."""
        self.files.update(files)
        self.written += written
        self.unchanged += unchanged

    def finish(self, state: dict[str, Any] | None = None) -> Counts:
        """Remove the files of the last render that this one neither wrote nor kept, then save the manifest.

        ``state`` (JSON-ready) is saved with it, for the next render to read as :attr:`state`.
        """
        removed = 0
        for path in sorted(set(self.previous) - set(self.files)):
            target = self.root / path
            if _inside(path) and target.is_file():
                target.unlink()
                removed += 1
                _prune(target.parent, self.root)
        manifest: dict[str, Any] = {"version": _VERSION, "files": {p: list(e) for p, e in sorted(self.files.items())}}
        if state is not None:
            manifest["state"] = state
        self.write_manifest(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")))
        return Counts(self.written, self.unchanged, removed)

    def write_manifest(self, text: str) -> None:
        """Replace the manifest atomically (when it changed)."""
        target = self.root / MANIFEST
        try:
            if target.read_text(encoding="utf-8") == text:
                return
        except (OSError, UnicodeDecodeError):
            pass
        self.root.mkdir(parents=True, exist_ok=True)
        _replace(target, text.encode("utf-8"))

    def _is_current(self, path: str, target: Path, entry: tuple[int, str], data: bytes) -> bool:
        if self.had_manifest:
            if self.previous.get(path) != entry:
                return False
            try:
                return target.stat().st_size == entry[0]
            except OSError:
                return False
        try:
            return target.stat().st_size == entry[0] and target.read_bytes() == data
        except OSError:
            return False


def _replace(target: Path, data: bytes) -> None:
    """Write ``data`` beside ``target`` and rename it into place."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _read_manifest(path: Path) -> tuple[dict[str, tuple[int, str]], bool, dict[str, Any] | None]:
    """The files of the last render and its state; an unreadable or foreign manifest counts as none."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        files = raw["files"] if raw.get("version") == _VERSION else None
        if not isinstance(files, dict):
            return {}, False, None
        state = raw.get("state")
        return ({str(p): (int(e[0]), str(e[1])) for p, e in files.items()}, True,
                state if isinstance(state, dict) else None)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return {}, False, None


def _inside(path: str) -> bool:
    """A relative path that stays inside the site folder (a manifest is never trusted to name others)."""
    normal = posixpath.normpath(path)
    return not (normal.startswith(("/", "../")) or normal in ("..", ".") or "\\" in path or normal == MANIFEST)


def _prune(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
