"""Which store folder to serve: the one ``lineage build`` wrote, only while it matches the data, or one named.

Serving from the persistent store means a restart opens it in a moment
instead of reloading the Turtle.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox

from lineage.config import Config
from lineage.errors import InputError
from lineage.store import FINGERPRINT_FILE, STORE_DIR, fingerprint, input_files


def served_store(config: Config, explicit: Path | None = None) -> Path:
    """The store folder to open: ``explicit`` as it is, else the build's store when up to date with the data."""
    if explicit is not None:
        folder = explicit.resolve()
        if not folder.is_dir():
            raise InputError(folder, None, "no store folder here", "give --store the folder of an Oxigraph store")
        return _opens(folder)
    folder = config.build_dir / STORE_DIR
    meta = config.build_dir / FINGERPRINT_FILE
    if not (folder.is_dir() and meta.is_file()):
        raise InputError(folder, None, "the graph has not been built yet", "run `lineage build` first")
    try:
        recorded = json.loads(meta.read_text(encoding="utf-8")).get("fingerprint")
    except (OSError, ValueError) as err:
        raise InputError(meta, None, f"cannot read the build record: {err}", "run `lineage build` again") from None
    if recorded != fingerprint(input_files(config), config):
        raise InputError(
            folder,
            None,
            f"the built store is older than the data in {config.data_dir}",
            "run `lineage build` again, or serve it as it is with --store " + str(folder),
        )
    return _opens(folder)


def _opens(folder: Path) -> Path:
    """``folder`` when it opens as an Oxigraph store, read-only; else an error that says so."""
    try:
        ox.Store.read_only(str(folder))
    except OSError as err:
        raise InputError(
            folder, None, f"not an Oxigraph store: {err}",
            "give --store a folder written by `lineage build` or by Oxigraph",
        ) from None
    return folder
