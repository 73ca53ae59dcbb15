"""The body registry: one IRI per body, found by any of its names (spelling, OCR, abbreviation).

Matching is diacritics- and OCR-insensitive; the names themselves stay as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lineage.curate.sheets import Row, read_sheet
from lineage.errors import InputError
from lineage.text.normalize import fold, ocr_key


@dataclass(frozen=True)
class Body:
    """A body of ``bodies.tsv``."""

    slug: str
    label_vi: str
    label_en: str
    alt_labels: tuple[str, ...]
    parent: str | None
    level: str
    abbreviation: str | None


class BodyRegistry:
    """Bodies by slug and by every name they are printed under."""

    def __init__(self, bodies: list[Body], path: Path) -> None:
        self.path = path
        self.by_slug: dict[str, Body] = {}
        self._by_name: dict[str, Body] = {}
        for body in bodies:
            if body.slug in self.by_slug:
                raise InputError(path, None, f"slug '{body.slug}' is used twice", "give each body one row")
            self.by_slug[body.slug] = body
        for body in bodies:
            for name in (body.label_vi, body.slug, *body.alt_labels):
                for key in {fold(name), ocr_key(name)}:
                    other = self._by_name.setdefault(key, body)
                    if other.slug != body.slug:
                        raise InputError(path, None, f"name '{name}' belongs to both '{other.slug}' and '{body.slug}'",
                                         "keep each name on one body only")
        for body in bodies:
            if body.parent and body.parent not in self.by_slug:
                raise InputError(path, None, f"parent '{body.parent}' of '{body.slug}' is not a body",
                                 "add the parent body or correct the slug")

    @classmethod
    def read(cls, path: Path) -> BodyRegistry:
        """Read ``bodies.tsv``."""
        bodies = [
            Body(
                slug=row["slug"], label_vi=row["label_vi"], label_en=row["label_en"],
                alt_labels=tuple(row.list("alt_labels")), parent=row["parent"] or None,
                level=_level(row), abbreviation=row["abbreviation"] or None,
            )
            for row in read_sheet(path, "bodies")
        ]
        return cls(bodies, path)

    def find(self, name: str) -> Body | None:
        """The body printed as ``name``, if any."""
        return self._by_name.get(fold(name)) or self._by_name.get(ocr_key(name))

    def level_of_code(self, code: str) -> str | None:
        """The level shared by every body whose symbol code is ``code`` (none when they differ or none has it)."""
        levels = {b.level for b in self.by_slug.values() if b.abbreviation == code}
        return levels.pop() if len(levels) == 1 else None

    def require(self, name: str, row: Row, column: str) -> Body:
        """The body printed as ``name`` in ``row``, or an error saying to add it."""
        body = self.find(name)
        if body is None:
            raise row.error(f"unknown body '{name}' in column '{column}'",
                            f"add it to {self.path.name} as a label or alt_label of the right body")
        return body


LEVELS = ("central", "province", "agency", "commune")


def _level(row: Row) -> str:
    if row["level"] not in LEVELS:
        raise row.error(f"level '{row['level']}' is not one of {', '.join(LEVELS)}", "use one of those levels")
    return row["level"]
