"""Readers for what Vietnamese directives print: symbols, dates, timing phrases, references. No RDF here."""
