"""Write an N-Quads dump into an on-disk Oxigraph store, in a process of its own.

``lineage build`` starts it (``python -m lineage.store_writer DUMP STORE``) so that
RocksDB's bulk load runs on the second core while the build validates and
audits; a fresh interpreter shares no locks or threads with the build's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox


def write_store(dump: Path, target: Path) -> None:
    """Bulk-load ``dump`` (N-Quads) into a new store at ``target``, flushed and compacted."""
    disk = ox.Store(str(target))
    disk.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    disk.flush()
    disk.optimize()


def main(argv: list[str]) -> int:
    """``DUMP STORE``: exit 0 once the store is written, 2 on wrong arguments."""
    if len(argv) != 2:
        print("usage: python -m lineage.store_writer DUMP.nq STORE_DIR", file=sys.stderr)
        return 2
    write_store(Path(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
