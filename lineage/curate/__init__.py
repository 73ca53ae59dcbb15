"""Compile the curation sheets (``data/curation/``) and the source texts into the corpus graph."""
