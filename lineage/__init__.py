"""Lineage: a knowledge graph of Vietnamese Party and State directives and their implementation chains."""

from __future__ import annotations

__version__ = "0.1.0"
