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

from lineage.atomic import link_tree

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

    def __init__(self, root: Path, base: Path | None = None) -> None:
        self.root = root
        self.base = base if base is not None else root
        """The folder holding the last render: ``root`` itself, or the folder files are linked from."""
        self.staged = self.base != root
        """Whether files kept from the last render are linked from :attr:`base` when the render finishes."""
        self.previous, self.had_manifest, self.state, self.manifest = _read_manifest(self.base / MANIFEST)
        """The files of the last render, whether it left a manifest, the state it saved (or None), and the
        digest of its manifest (replaced by that of this render's when it finishes)."""
        if self.staged and not self.had_manifest:  # nothing says what the base holds: keep none of it
            self.base, self.staged = root, False
        self.files: dict[str, list[Any]] = {}
        """Every file of this render: site path → [size, hash]."""
        self.written = 0
        self.unchanged = 0
        self.in_place = root.is_dir() and any(root.iterdir())
        """Whether the folder held files already: then each file is replaced atomically."""
        self.linked = False
        """Whether the files of the last render were all linked into the folder already (:meth:`link_previous`)."""
        self._folders: set[Path] = set()
        self.wrote: set[str] = set()
        """The files this render wrote (not those it kept)."""
        self._linked_whole: set[str] | None = None
        """Once linked, the files of the last render found there with the size the manifest gives."""
        self._base = str(self.base)

    def write(self, path: str, content: str | bytes) -> None:
        """Put ``content`` at the site path ``path`` (UTF-8 for text), unless it is there already."""
        data = content.encode("utf-8") if isinstance(content, str) else content
        entry = [len(data), _digest(data)]
        self.files[path] = entry
        target = self.root / path
        if self._is_current(path, self.base / path, entry, data):
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
        self.wrote.add(path)

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
        if self._linked_whole is not None:
            return path in self._linked_whole and path not in self.wrote
        try:
            return os.stat(os.path.join(self._base, path)).st_size == entry[0]
        except OSError:
            return False

    def link_previous(self) -> None:
        """Link every file of the last render not written yet into the folder (when staged): best while the
        render waits for something else, else :meth:`finish` does it. What this render neither writes nor keeps
        is removed when it finishes; every file written from now on replaces its link (the bytes are the last
        render's)."""
        if not self.staged or self.linked:
            return
        paths = [path for path in self.previous if _inside(path) and path not in self.wrote]
        link_tree(self.base, self.root, paths, missing_ok=True)
        self.linked = self.in_place = True
        root, whole = str(self.root), set()
        for path in paths:
            try:
                if os.stat(os.path.join(root, path)).st_size == self.previous[path][0]:
                    whole.add(path)
            except OSError:
                pass
        self._linked_whole = whole

    def merge(self, files: dict[str, list[Any]], written: int, unchanged: int, wrote: set[str]) -> None:
        """Count files another process wrote (``wrote``) into the same folder, or kept (see
        :mod:`lineage.site.parallel`)."""
        self.files.update(files)
        self.written += written
        self.unchanged += unchanged
        self.wrote |= wrote

    def finish(self, state: dict[str, Any] | None = None) -> Counts:
        """Remove the files of the last render that this one neither wrote nor kept, then save the manifest.

        ``state`` (JSON-ready) is saved with it, for the next render to read as :attr:`state`.
        """
        self.link_previous()  # (done already when the render waited for something)
        removed = 0  # the folder holds the last render's files (its own, or linked): remove those not kept
        for path in sorted(self.previous.keys() - self.files.keys()):
            target = self.root / path
            if _inside(path) and target.is_file():
                target.unlink()
                removed += 1
                _prune(target.parent, self.root)
        manifest: dict[str, Any] = {"version": _VERSION, "files": dict(sorted(self.files.items()))}
        if state is not None:
            manifest["state"] = state
        self.write_manifest(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")))
        return Counts(self.written, self.unchanged, removed)

    def write_manifest(self, text: str) -> None:
        """Replace the manifest atomically (when it changed)."""
        self.manifest = _digest(text.encode("utf-8"))
        target = self.root / MANIFEST
        try:
            if target.read_text(encoding="utf-8") == text:
                return
        except (OSError, UnicodeDecodeError):
            pass
        self.root.mkdir(parents=True, exist_ok=True)
        _replace(target, text.encode("utf-8"))

    def _is_current(self, path: str, target: Path, entry: list[Any], data: bytes) -> bool:
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


def _read_manifest(path: Path) -> tuple[dict[str, list[Any]], bool, dict[str, Any] | None, str]:
    """The files of the last render, its state and the digest of the manifest; an unreadable or foreign
    manifest counts as none."""
    try:
        data = path.read_bytes()
        raw = json.loads(data)
        files = raw["files"] if raw.get("version") == _VERSION else None
        if not (isinstance(files, dict) and all(isinstance(e, list) and len(e) == 2 and isinstance(e[0], int)
                                                and isinstance(e[1], str) for e in files.values())):
            return {}, False, None, ""
        state = raw.get("state")
        return files, True, state if isinstance(state, dict) else None, _digest(data)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return {}, False, None, ""


def _inside(path: str) -> bool:
    """A relative path that stays inside the site folder (a manifest is never trusted to name others)."""
    normal = posixpath.normpath(path)
    return not (normal.startswith(("/", "../")) or normal in ("..", ".") or "\\" in path or normal == MANIFEST)


def _prune(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` while they are empty."""
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
