"""The query library: every ``.rq`` file of ``queries/`` by name (``trace``, ``audit/NAME``)."""

from __future__ import annotations

import difflib
from pathlib import Path

from lineage.errors import InputError, LineageError
from lineage.queries.query import Query, load_query


class UnknownQuery(LineageError):
    """A query name that the library does not hold."""

    def __init__(self, name: str, close: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.close = close

    def __str__(self) -> str:
        lines = [f"unknown query '{self.name}' / không có truy vấn '{self.name}'"]
        if self.close:
            lines.append("  closest / gần nhất: " + ", ".join(self.close))
        lines.append("  fix: `lineage query --list` shows every query; a file path ending in .rq also works")
        return "\n".join(lines)


class Catalogue:
    """The queries of one folder: top-level files by stem, one level of sub-folders as ``sub/NAME``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def names(self) -> list[str]:
        """Every query name, top-level first, each group sorted."""
        if not self.folder.is_dir():
            return []
        top = sorted(p.stem for p in self.folder.glob("*.rq"))
        nested = sorted(f"{p.parent.name}/{p.stem}" for p in self.folder.glob("*/*.rq"))
        return top + nested

    def path(self, name: str) -> Path:
        """The file of the query ``name``."""
        if name not in self.names():
            raise UnknownQuery(name, difflib.get_close_matches(name, self.names(), n=5, cutoff=0.4))
        return self.folder / f"{name}.rq"

    def get(self, name: str) -> Query:
        """The query ``name``, read and checked."""
        return load_query(self.path(name), name)

    def all(self) -> list[Query]:
        """Every query of the library, read and checked."""
        return [self.get(name) for name in self.names()]

    def resolve(self, name_or_file: str) -> Query:
        """A library name, or the path of a ``.rq`` file (whose header is then optional)."""
        candidate = Path(name_or_file)
        if name_or_file.endswith(".rq") or candidate.is_file():
            if not candidate.is_file():
                raise InputError(candidate, None, "no such query file", "give the path of an existing .rq file")
            inside = _inside(candidate, self.folder)
            return load_query(candidate, inside, require_header=inside is not None)
        return self.get(name_or_file)


def _inside(path: Path, folder: Path) -> str | None:
    """The library name of ``path`` when it lies in ``folder``."""
    try:
        relative = path.resolve().relative_to(folder.resolve())
    except ValueError:
        return None
    return relative.with_suffix("").as_posix()
