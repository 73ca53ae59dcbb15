"""Write one synthetic source as N-Triples (valid Turtle), in the shapes the corpus compiler gives.

Millions of triples are written as text, not through rdflib; each method
mirrors one part of :class:`lineage.curate.compile.SourceCompiler` (document,
stated link, task with participations and timing, target, report statement,
passage with its quote and line selectors), and the source's text is written
beside it so every passage quotes a real line.
"""

from __future__ import annotations

import hashlib

from lineage.iris import slug

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ELI = "http://data.europa.eu/eli/ontology#"
ELI_DL = "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
LIN = "https://w3id.org/lineage-vn/def#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
TIME = "http://www.w3.org/2006/time#"
SCHEME = "https://w3id.org/lineage-vn/scheme/"

TYPE = f"<{RDF}type>"


def iri(value: str) -> str:
    """An IRI term."""
    return f"<{value}>"


def literal(text: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal term, escaped for N-Triples."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def concept(scheme: str, name: str) -> str:
    """A concept of one of the project's SKOS schemes."""
    return iri(f"{SCHEME}{scheme}/{name}")


class SourceWriter:
    """The triples and the text lines of one synthetic source document."""

    def __init__(self, base: str, source_id: str) -> None:
        self.base = base
        self.source_id = source_id
        self.source = f"{base}/source/{slug(source_id)}"
        self.lines: list[str] = []
        self.triples: list[str] = []

    def add(self, subject: str, predicate: str, obj: str) -> None:
        """One triple of already formatted terms."""
        self.triples.append(f"{subject} {predicate} {obj} .\n")

    def line(self, text: str) -> int:
        """Print a line of the source text; its 1-based number."""
        self.lines.append(text)
        return len(self.lines)

    def passage(self, line: int) -> str:
        """The passage quoting one whole line, as the compiler writes it."""
        quote = " ".join(self.lines[line - 1].split())
        node = f"{self.source}/passage/L{line}-{line}-{hashlib.sha1(quote.encode()).hexdigest()[:8]}"
        term, quote_node, lines_node = iri(node), iri(f"{node}/quote"), iri(f"{node}/lines")
        self.add(term, TYPE, iri(f"{OA}SpecificResource"))
        self.add(term, iri(f"{OA}hasSource"), iri(self.source))
        self.add(term, iri(f"{OA}hasSelector"), quote_node)
        self.add(quote_node, TYPE, iri(f"{OA}TextQuoteSelector"))
        self.add(quote_node, iri(f"{OA}exact"), literal(quote))
        self.add(term, iri(f"{OA}hasSelector"), lines_node)
        self.add(lines_node, TYPE, iri(f"{LIN}LineRangeSelector"))
        self.add(lines_node, TYPE, iri(f"{OA}FragmentSelector"))
        self.add(lines_node, iri(f"{RDF}value"), literal(f"line={line - 1},{line}"))
        self.add(lines_node, iri(f"{DCT}conformsTo"), iri("http://tools.ietf.org/rfc/rfc5147"))
        for name in ("lineStart", "lineEnd"):
            self.add(lines_node, iri(f"{LIN}{name}"), literal(str(line), datatype=f"{XSD}positiveInteger"))
        return term

    def source_text(self, own: str, file_name: str) -> None:
        """The source node: its file, its quality, the document it is the text of."""
        node = iri(self.source)
        self.add(node, TYPE, iri(f"{LIN}SourceText"))
        self.add(node, iri(f"{LIN}fileName"), literal(file_name))
        self.add(node, iri(f"{LIN}textQuality"), literal("clean"))
        self.add(node, iri(f"{DCT}isFormatOf"), iri(own))
        self.add(iri(own), iri(f"{LIN}isSource"), literal("true", datatype=f"{XSD}boolean"))

    def document(self, node: str, *, symbol: str, type_name: str, issuer: str, level: str, date: str,
                 title: str, passage: str) -> None:
        """A document as one source describes it."""
        term = iri(node)
        self.add(term, TYPE, iri(f"{ELI}LegalResource"))
        self.add(term, iri(f"{PROV}wasDerivedFrom"), passage)
        self.add(term, iri(f"{ELI}id_local"), literal(symbol))
        self.add(term, iri(f"{LIN}printedSymbol"), literal(symbol))
        self.add(term, iri(f"{ELI}type_document"), concept("document-type", type_name))
        self.add(term, iri(f"{ELI}passed_by"), iri(issuer))
        self.add(term, iri(f"{LIN}level"), concept("level", level))
        self.add(term, iri(f"{LIN}printedDate"), literal(_printed_date(date)))
        self.add(term, iri(f"{ELI}date_document"), literal(date, datatype=f"{XSD}date"))
        self.add(term, iri(f"{DCT}title"), literal(title, lang="vi"))

    def link(self, subject: str, predicate: str, obj: str, passage: str, line: int) -> None:
        """A stated link and its reification with the passage that states it."""
        self.add(iri(subject), iri(predicate), iri(obj))
        digest = hashlib.sha1(f"{subject} {predicate} {obj}".encode()).hexdigest()[:10]
        statement = iri(f"{self.source}/link/{line}-{digest}")
        self.add(statement, TYPE, iri(f"{LIN}StatedLink"))
        self.add(statement, iri(f"{RDF}subject"), iri(subject))
        self.add(statement, iri(f"{RDF}predicate"), iri(predicate))
        self.add(statement, iri(f"{RDF}object"), iri(obj))
        self.add(statement, iri(f"{PROV}wasDerivedFrom"), passage)

    def table(self, node: str, document: str, locator: str) -> None:
        """An appendix of a document."""
        term = iri(node)
        self.add(term, TYPE, iri(f"{ELI}LegalResourceSubdivision"))
        self.add(term, iri(f"{ELI}is_part_of"), iri(document))
        self.add(term, iri(f"{LIN}locator"), literal(locator))
        self.add(term, iri(f"{DCT}title"), literal(f"Phụ lục {locator[2:]}", lang="vi"))
        self.add(term, iri(f"{DCT}title"), literal(f"Appendix {locator[2:]}", lang="en"))

    def task(self, node: str, *, table: str, locator: str, number: str, sequence: int, text: str,
             lead: str, coordinating: list[str], timing: tuple[str, str, str | None, str | None], passage: str) -> None:
        """A task row: text, lead and coordinating bodies, timing (printed, kind, start, end)."""
        term = iri(node)
        self.add(term, TYPE, iri(f"{LIN}Task"))
        self.add(term, iri(f"{ELI}is_part_of"), iri(table))
        self.add(term, iri(f"{LIN}locator"), literal(locator))
        self.add(term, iri(f"{LIN}sequence"), literal(str(sequence), datatype=f"{XSD}integer"))
        self.add(term, iri(f"{PROV}wasDerivedFrom"), passage)
        self.add(term, iri(f"{LIN}printedNumber"), literal(number))
        self.add(term, iri(f"{DCT}description"), literal(text, lang="vi"))
        for role, bodies in (("lead", [lead]), ("coordinating", coordinating)):
            for index, body in enumerate(bodies, start=1):
                participation = iri(f"{node}/{role}/{index}")
                self.add(term, iri(f"{ELI_DL}had_participation"), participation)
                self.add(participation, TYPE, iri(f"{ELI_DL}Participation"))
                self.add(participation, iri(f"{ELI_DL}had_participant_organization"), iri(body))
                self.add(participation, iri(f"{ELI_DL}participation_role"), concept("role", role))
        self.add(term, iri(f"{ELI_DL}had_responsible_organization"), iri(lead))
        self._timing(node, *timing)

    def _timing(self, task: str, printed: str, kind: str, start: str | None, end: str | None) -> None:
        node = iri(f"{task}/timing")
        self.add(iri(task), iri(f"{LIN}timing"), node)
        self.add(node, TYPE, iri(f"{TIME}Interval" if (start or end) else f"{TIME}TemporalEntity"))
        self.add(node, iri(f"{LIN}printedTiming"), literal(printed))
        self.add(node, iri(f"{LIN}timingKind"), concept("timing", kind))
        for name, day, prop in (("start", start, "hasBeginning"), ("end", end, "hasEnd")):
            if day:
                instant = iri(f"{task}/timing/{name}")
                self.add(node, iri(f"{TIME}{prop}"), instant)
                self.add(instant, TYPE, iri(f"{TIME}Instant"))
                self.add(instant, iri(f"{TIME}inXSDDate"), literal(day, datatype=f"{XSD}date"))

    def target(self, node: str, *, document: str, locator: str, indicator: str, value: str, unit: str,
               period: str, responsible: str, passage: str) -> None:
        """A target a document sets."""
        term = iri(node)
        self.add(term, TYPE, iri(f"{LIN}Target"))
        self.add(term, iri(f"{LIN}valueKind"), concept("value-kind", "target"))
        self.add(term, iri(f"{LIN}statedIn"), iri(document))
        self.add(term, iri(f"{LIN}locator"), literal(locator))
        self.add(term, iri(f"{PROV}wasDerivedFrom"), passage)
        self.add(term, iri(f"{LIN}indicator"), literal(indicator, lang="vi"))
        self.add(term, iri(f"{LIN}comparator"), literal(">="))
        self.add(term, iri(f"{LIN}printedValue"), literal(f"{value.replace('.', ',')} {unit}"))
        self.add(term, iri(f"{LIN}unit"), literal(unit))
        self.add(term, iri(f"{LIN}period"), literal(period))
        self.add(term, iri(f"{LIN}value"), literal(value, datatype=f"{XSD}decimal"))
        self.add(term, iri(f"{LIN}responsible"), iri(responsible))

    def report(self, node: str, *, document: str, directive: str, text: str, passage: str) -> None:
        """A report statement on the status of a directive."""
        term = iri(node)
        self.add(term, TYPE, iri(f"{LIN}ReportStatement"))
        self.add(term, iri(f"{LIN}aboutDirective"), iri(directive))
        self.add(term, iri(f"{LIN}aspect"), concept("aspect", "status"))
        self.add(term, iri(f"{LIN}statedIn"), iri(document))
        self.add(term, iri(f"{DCT}description"), literal(text, lang="vi"))
        self.add(term, iri(f"{PROV}wasDerivedFrom"), passage)


def _printed_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"ngày {int(day):02d}/{int(month):02d}/{year}"
