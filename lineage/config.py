"""Where Lineage reads and writes, and the base of every IRI it mints — in one place.

Defaults suit the project checkout; ``LINEAGE_BASE_IRI``, ``LINEAGE_SEEDS`` and
``LINEAGE_BUILD_DIR`` override the base IRI, the corpus folder and the build
folder, and every command takes ``--data``.

>>> cfg = Config.default()
>>> cfg.graph_iri("sources/001")
'https://w3id.org/lineage-vn/graph/sources/001'
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_BASE_IRI = "https://w3id.org/lineage-vn"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Config:
    """Paths and the IRI base used by every command."""

    base_iri: str
    root: Path
    data_dir: Path
    ontology_dir: Path
    shapes_dir: Path
    queries_dir: Path
    build_dir: Path
    seeds_dir: Path

    @classmethod
    def default(cls, root: Path | None = None) -> Config:
        """The configuration of a project checkout, with environment overrides."""
        base = root or PROJECT_ROOT
        seeds = os.environ.get("LINEAGE_SEEDS")
        build = os.environ.get("LINEAGE_BUILD_DIR")
        return cls(
            base_iri=os.environ.get("LINEAGE_BASE_IRI", DEFAULT_BASE_IRI).rstrip("/"),
            root=base,
            data_dir=base / "data",
            ontology_dir=base / "ontology",
            shapes_dir=base / "shapes",
            queries_dir=base / "queries",
            build_dir=Path(build) if build else base / "build",
            seeds_dir=Path(seeds) if seeds else base.parent / "shared" / "seeds",
        )

    def with_data(self, data_dir: Path | None) -> Config:
        """The same configuration reading another data folder."""
        return self if data_dir is None else replace(self, data_dir=data_dir.resolve())

    def with_build(self, build_dir: Path | None) -> Config:
        """The same configuration writing another build folder."""
        return self if build_dir is None else replace(self, build_dir=build_dir.resolve())

    def graph_iri(self, name: str) -> str:
        """The IRI of the named graph ``name`` (a data file's path without ``.ttl``)."""
        return f"{self.base_iri}/graph/{name}"

    @property
    def inferred_graph(self) -> str:
        """The named graph holding every inferred link."""
        return self.graph_iri("inferred")
