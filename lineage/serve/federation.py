"""Spot ``SERVICE`` (federated query) in a SPARQL text, so the endpoint never fetches from other hosts unasked.

The engine would send a request to any IRI named after ``SERVICE``, which lets
anyone who can reach the endpoint make it call hosts on its own network.
Comments, strings and IRIs are blanked first, and ``\\u`` escapes decoded, so
only the keyword itself counts.

>>> uses_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
True
>>> uses_service("SELECT ?service { ?s ex:SERVICE ?service } # SERVICE <x>")
False
>>> uses_service('SELECT * { ?s ?p "SERVICE" }')
False
>>> uses_service("SELECT * { \\\\u0053ERVICE <x> {} }")
True
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
)
_KEYWORD = re.compile(r"(?<![\w:?$\-.])SERVICE(?![\w:\-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """Whether ``query`` contains the ``SERVICE`` keyword outside comments, strings and IRIs."""
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), query)
    return bool(_KEYWORD.search(_NOISE.sub(" ", text)))
