"""``python -m lineage``."""

from lineage.cli import entry

entry()
