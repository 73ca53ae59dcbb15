"""Content negotiation: which serialisation answers a request, from its ``Accept`` header or ``format=``.

SELECT and ASK answer in SPARQL results JSON, XML, CSV or TSV; CONSTRUCT and
DESCRIBE in Turtle, N-Triples, JSON-LD or RDF/XML. The most specific matching
media range decides a format's quality (RFC 9110 §12.5.1); ties go to the range
the client listed first, then to the order below.

>>> choose(SOLUTIONS, "text/csv;q=0.9, application/sparql-results+xml").name
'xml'
>>> choose(GRAPHS, "application/ld+json").media_type
'application/ld+json'
>>> choose(SOLUTIONS, None, "tsv").media_type
'text/tab-separated-values'
>>> choose(GRAPHS, "image/png") is None
True
>>> choose(GRAPHS, "*/*", "csv").name, choose(GRAPHS, "*/*", "xml").name
('ttl', 'rdfxml')
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class ResultFormat:
    """One serialisation: its name, media type, the other media types and names clients use, the engine's format."""

    name: str
    media_type: str
    aliases: tuple[str, ...]
    engine: ox.QueryResultsFormat | ox.RdfFormat
    short_names: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header value (every format offered is UTF-8 text)."""
        return f"{self.media_type}; charset=utf-8"

    def names(self) -> tuple[str, ...]:
        """Every media type this format answers to."""
        return (self.media_type, *self.aliases)


SOLUTIONS: tuple[ResultFormat, ...] = (
    ResultFormat("json", "application/sparql-results+json", ("application/json",), ox.QueryResultsFormat.JSON),
    ResultFormat(
        "xml", "application/sparql-results+xml", ("application/xml", "text/xml"), ox.QueryResultsFormat.XML
    ),
    ResultFormat("csv", "text/csv", (), ox.QueryResultsFormat.CSV),
    ResultFormat("tsv", "text/tab-separated-values", (), ox.QueryResultsFormat.TSV),
)
"""Formats for SELECT and ASK results, the default first."""

GRAPHS: tuple[ResultFormat, ...] = (
    ResultFormat("ttl", "text/turtle", ("application/x-turtle",), ox.RdfFormat.TURTLE, ("turtle", "n3")),
    ResultFormat("nt", "application/n-triples", ("text/plain",), ox.RdfFormat.N_TRIPLES, ("ntriples", "n-triples")),
    ResultFormat(
        "jsonld", "application/ld+json", ("application/x-json+ld", "application/json"), ox.RdfFormat.JSON_LD,
        ("json-ld", "json"),
    ),
    ResultFormat(
        "rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), ox.RdfFormat.RDF_XML, ("rdf", "xml"),
    ),
)
"""Formats for CONSTRUCT and DESCRIBE results, the default first."""

@dataclass(frozen=True)
class _Range:
    """One media range of an Accept header."""

    kind: str
    subtype: str
    quality: float
    position: int

    def specificity(self, media_type: str) -> int:
        """2 for an exact match, 1 for ``type/*``, 0 for ``*/*``, -1 for no match."""
        kind, _, subtype = media_type.partition("/")
        if self.kind == "*":
            return 0
        if self.kind != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == subtype else -1


def choose(offered: tuple[ResultFormat, ...], accept: str | None, requested: str | None = None) -> ResultFormat | None:
    """The format to answer with, or ``None`` when nothing offered is acceptable.

    ``requested`` (the ``format=`` parameter: short names or media types, comma-separated) overrides
    ``Accept`` when it names a format offered; one that only fits the other kind of result (``csv``
    for a CONSTRUCT) leaves the choice to ``Accept``, and one that fits nothing is refused.
    """
    if requested:
        names = [name for name in requested.split(",") if name.strip()]
        for name in names:
            found = by_name(offered, name)
            if found is not None:
                return found
        if names and not any(by_name(kind, name) for kind in (SOLUTIONS, GRAPHS) for name in names):
            return None
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    best: tuple[float, int, int, int] | None = None
    chosen: ResultFormat | None = None
    for rank, fmt in enumerate(offered):
        match = _best_range(ranges, fmt)
        if match is None or match[0] <= 0:
            continue
        key = (match[0], match[1], -match[2], -rank)
        if best is None or key > best:
            best, chosen = key, fmt
    return chosen


def by_name(offered: tuple[ResultFormat, ...], name: str) -> ResultFormat | None:
    """The format called ``name`` (``json``, ``turtle``, ``text/csv`` …), or ``None``."""
    wanted = name.strip().lower()
    for fmt in offered:
        if wanted == fmt.name or wanted in fmt.short_names or wanted in fmt.names():
            return fmt
    return None


def parse_accept(header: str | None) -> list[_Range]:
    """The media ranges of an Accept header; malformed entries are skipped."""
    ranges: list[_Range] = []
    for position, entry in enumerate((header or "").split(",")):
        media, *params = (part.strip() for part in entry.split(";"))
        kind, slash, subtype = media.lower().partition("/")
        if not slash or not kind or not subtype:
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append(_Range(kind, subtype, quality, position))
    return ranges


def describe(offered: tuple[ResultFormat, ...]) -> str:
    """The offered media types, for an error message."""
    return ", ".join(fmt.media_type for fmt in offered)


def _best_range(ranges: list[_Range], fmt: ResultFormat) -> tuple[float, int, int] | None:
    """(quality, specificity, position) of the most specific range matching any name of ``fmt``."""
    found: tuple[float, int, int] | None = None
    for name in fmt.names():
        for accepted in ranges:
            specificity = accepted.specificity(name)
            if specificity < 0:
                continue
            if found is None or (specificity, -accepted.position) > (found[1], -found[2]):
                found = (accepted.quality, specificity, accepted.position)
    return found
