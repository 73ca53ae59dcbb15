"""Ingest: draft the graph of a new source document from its text (:mod:`.draft`, :mod:`.run`)."""
