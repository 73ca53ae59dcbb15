"""Synthetic corpora at national scale, with planted defects (:mod:`.generate`)."""
