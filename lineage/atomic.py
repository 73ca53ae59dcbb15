"""Write outputs so that a failure leaves nothing half-written.

Files are written beside their target under a temporary name and renamed into
place; a folder is built under a temporary name and swapped in whole.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    write_bytes(target, text.encode("utf-8"))


def write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (a hard link at ``target`` is replaced, never written through)."""
    with atomic_file(target) as temporary:
        temporary.write_bytes(data)


def link_tree(source: Path, target: Path, files: Iterable[str], *, missing_ok: bool = False) -> None:
    """Recreate ``files`` of the folder ``source`` at ``target`` with hard links (copies where links fail).

    ``files`` are paths relative to ``source`` with ``/``; with ``missing_ok``,
    those no longer in ``source`` are passed over. Whoever then changes a file
    at ``target`` must replace it (as :func:`write_bytes` does), never write
    into it: the bytes are shared with ``source``.
    """
    by_folder: dict[str, list[str]] = {}
    for path in files:
        folder, _, name = path.rpartition("/")
        by_folder.setdefault(folder, []).append(name)
    target.mkdir(parents=True, exist_ok=True)
    for folder, names in by_folder.items():
        here, there = source / folder, target / folder
        try:
            source_fd = os.open(here, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            if missing_ok:
                continue
            raise
        try:
            there.mkdir(parents=True, exist_ok=True)
            target_fd = os.open(there, os.O_RDONLY | os.O_DIRECTORY)
            try:
                for name in names:
                    try:
                        os.link(name, name, src_dir_fd=source_fd, dst_dir_fd=target_fd, follow_symlinks=False)
                    except FileNotFoundError:
                        if not missing_ok:
                            raise
                    except OSError:
                        shutil.copy2(here / name, there / name)
            finally:
                os.close(target_fd)
        finally:
            os.close(source_fd)


@contextmanager
def atomic_dir(target: Path) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``target``; swap it in for ``target`` only on success.

    The folder it replaces is renamed aside and removed by a background process
    (tens of thousands of site files take a while to unlink); whatever an
    interrupted removal left is removed by the next swap.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield temporary
        retiring = [p for p in target.parent.glob(f".{target.name}.*.old") if p.is_dir()]
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
            os.replace(target, retired / target.name)
            retiring.append(retired)
        os.replace(temporary, target)
        if retiring:
            remove_in_background(retiring)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def remove_in_background(folders: list[Path]) -> None:
    """Remove ``folders`` in a detached process that outlives this one; nobody waits for it, and it runs at the
    lowest priority (tens of thousands of files: it yields to whatever runs next, a build most often)."""
    subprocess.Popen([sys.executable, "-c", _REMOVE, *map(str, folders)], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


_REMOVE = "import os, shutil, sys\nos.nice(19)\nfor folder in sys.argv[1:]: shutil.rmtree(folder, ignore_errors=True)"
