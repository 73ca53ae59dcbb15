"""Compile the curation sheets and source texts into ``data/``: one Turtle file per source, plus bodies and inferred links.

Each source's statements go into its own file (its own named graph once loaded);
every document description, link, task, target and report statement carries
``prov:wasDerivedFrom`` a passage with the exact quotation and its lines.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME

from lineage.config import Config
from lineage.curate.bodies import BodyRegistry
from lineage.curate.identity import DocumentId, Identities
from lineage.curate.passages import SourceText, passage_key
from lineage.curate.sheets import Row, read_sheet
from lineage.errors import InputError
from lineage.iris import org_iri, part_iri, slug, source_iri
from lineage.namespaces import ELI, ELI_DL, LIN, LIN_ASPECT, LIN_LEVEL, LIN_METHOD, LIN_ROLE, LIN_TIMING, LIN_TYPE
from lineage.namespaces import LIN_VALUE, OA, PREFIXES
from lineage.text.timing import parse_timing

PREDICATES: dict[str, URIRef] = {
    "implements": ELI.ensures_implementation_of,
    "based_on": ELI.based_on,
    "reports_on": LIN.reportsOn,
    "cites": ELI.cites,
    "same_as": OWL.sameAs,
}
TABLE_TITLES = {"body": ("Nội dung văn bản", "Body text")}
VALUE_KINDS = ("target", "scenario", "contribution", "observation")
ASPECTS = ("status", "difficulty", "proposal")


@dataclass(frozen=True)
class Corpus:
    """Everything the compiler reads."""

    config: Config
    curation: Path
    sources: tuple[SourceText, ...]
    sheets: dict[str, dict[str, list[Row]]]
    bodies: BodyRegistry
    identities: Identities
    inferred: list[Row]
    dated: frozenset[str]
    """Documents some source dates in full."""

    @classmethod
    def read(cls, config: Config) -> Corpus:
        """Read every sheet and source text; any problem is an :class:`InputError`."""
        curation = config.data_dir / "curation"
        source_ids = sorted(p.name for p in curation.iterdir() if p.is_dir())
        sheets: dict[str, dict[str, list[Row]]] = {}
        for source_id in source_ids:
            sheets[source_id] = {
                kind: read_sheet(curation / source_id / f"{kind}.tsv", kind)
                for kind in ("documents", "tasks", "targets", "reports")
                if (curation / source_id / f"{kind}.tsv").is_file()
            }
        aliases = {r["alias"]: r["key"] for r in _optional(curation / "aliases.tsv", "aliases")}
        mentions = [row for s in sheets.values() for row in s.get("documents", [])]
        identities = Identities(config.base_iri, mentions, aliases)
        return cls(
            config=config,
            curation=curation,
            sources=tuple(SourceText.find(config.seeds_dir, s) for s in source_ids),
            sheets=sheets,
            bodies=BodyRegistry.read(curation / "bodies.tsv"),
            identities=identities,
            inferred=_optional(curation / "inferred.tsv", "inferred"),
            dated=frozenset(identities.of_row(r).iri for r in mentions if len(r["date"]) == 10),
        )


def compile_corpus(config: Config) -> dict[Path, str]:
    """The Turtle text of every file the corpus compiles to, by target path."""
    corpus = Corpus.read(config)
    out: dict[Path, str] = {}
    for source in corpus.sources:
        out[config.data_dir / "sources" / f"{source.source_id}.ttl"] = to_turtle(SourceCompiler(corpus, source).run())
    out[config.data_dir / "bodies.ttl"] = to_turtle(_bodies_graph(corpus))
    out[config.data_dir / "inferred.ttl"] = to_turtle(_inferred_graph(corpus))
    return out


class SourceCompiler:
    """Builds the graph of one source."""

    def __init__(self, corpus: Corpus, source: SourceText) -> None:
        self.corpus = corpus
        self.source = source
        self.base = corpus.config.base_iri
        self.source_node = URIRef(source_iri(self.base, source.source_id))
        self.graph = Graph()
        sheets = corpus.sheets[source.source_id]
        self.documents, self.tasks = sheets.get("documents", []), sheets.get("tasks", [])
        self.targets, self.reports = sheets.get("targets", []), sheets.get("reports", [])
        self.own = self._own_document()
        self.task_nodes: dict[str, URIRef] = {}
        self.bare_locators: dict[str, list[URIRef]] = {}
        self.described: set[str] = set()

    def run(self) -> Graph:
        """Compile every sheet of the source."""
        g = self.graph
        g.add((self.source_node, RDF.type, LIN.SourceText))
        g.add((self.source_node, LIN.fileName, Literal(self.source.path.name)))
        g.add((self.source_node, LIN.textQuality, Literal(self.source.quality)))
        g.add((self.source_node, DCTERMS.isFormatOf, URIRef(self.own.iri)))
        g.add((URIRef(self.own.iri), LIN.isSource, Literal(True)))
        for sequence, row in enumerate(self.tasks, start=1):
            self._task(row, sequence)
        for row in self.documents:
            self._mention(row)
        for index, row in enumerate(self.targets, start=1):
            self._target(row, index)
        for index, row in enumerate(self.reports, start=1):
            self._report(row, index)
        self._undated()
        return g

    # -- documents --------------------------------------------------------------------------------

    def _own_document(self) -> DocumentId:
        selves = [r for r in self.documents if r["relation"] == "self"]
        if not selves:
            raise InputError(self.corpus.curation / self.source.source_id / "documents.tsv", None,
                             "no row with relation 'self'", "add the source's own heading as a 'self' row")
        return self.corpus.identities.of_row(selves[0])

    def _mention(self, row: Row) -> None:
        if row["relation"] not in PREDICATES and row["relation"] != "self":
            raise row.error(f"unknown relation '{row['relation']}'", "use self, implements, based_on, reports_on or cites")
        document = self.corpus.identities.of_row(row)
        node = URIRef(document.iri)
        passage = self.passage(row)
        self._describe(document, row, passage)
        if row["relation"] == "self":
            return
        subject = self._subject(row)
        self._link(subject, PREDICATES[row["relation"]], node, passage, row)

    def _describe(self, document: DocumentId, row: Row, passage: URIRef) -> None:
        g, node = self.graph, URIRef(document.iri)
        g.add((node, RDF.type, ELI.LegalResource))
        g.add((node, PROV.wasDerivedFrom, passage))
        if document.symbol:
            g.add((node, ELI.id_local, Literal(document.symbol.canonical)))
        else:
            g.add((node, RDF.type, LIN.UnnumberedDocument))
            g.add((node, LIN.key, Literal(document.key)))
        if row["symbol_printed"]:
            g.add((node, LIN.printedSymbol, Literal(row["symbol_printed"])))
        if document.type_concept:
            g.add((node, ELI.type_document, LIN_TYPE[document.type_concept]))
        issuer = self.corpus.bodies.find(row["issuer"]) if row["issuer"] else None
        if row["issuer"] and issuer is None:
            raise row.error(f"unknown body '{row['issuer']}' in column 'issuer'",
                            "add it to bodies.tsv as a label or alt_label of the right body")
        if issuer:
            g.add((node, ELI.passed_by, URIRef(org_iri(self.base, issuer.slug))))
        level = issuer.level if issuer else self._level_from_symbol(document)
        if level:
            g.add((node, LIN.level, LIN_LEVEL[level]))
        self._date(node, row)
        if row["title"]:
            g.add((node, DCTERMS.title, Literal(row["title"], lang="vi")))
        if row["note"]:
            g.add((passage, LIN.readerNote, Literal(row["note"], lang="en")))
        self.described.add(document.iri)

    def _level_from_symbol(self, document: DocumentId) -> str | None:
        """With no issuer printed, the level the symbol's issuer code gives (``UBND`` → province)."""
        if document.symbol is None:
            return None
        if document.central:
            return "central"
        return self.corpus.bodies.level_of_code(document.symbol.issuer_code)

    def _date(self, node: URIRef, row: Row) -> None:
        date, printed = row["date"], row["date_printed"]
        if printed:
            self.graph.add((node, LIN.printedDate, Literal(printed)))
        if len(date) == 10:
            self.graph.add((node, ELI.date_document, Literal(date, datatype=XSD.date)))
        elif len(date) == 7:
            self.graph.add((node, LIN.datePartial, Literal(date, datatype=XSD.gYearMonth)))
        elif len(date) == 4:
            self.graph.add((node, LIN.datePartial, Literal(date, datatype=XSD.gYear)))
        elif date:
            raise row.error(f"date '{date}' is not YYYY-MM-DD, YYYY-MM or YYYY", "write the ISO form of the printed date")

    def _undated(self) -> None:
        """Mark documents no source of the corpus dates in full: the missing date is known, not forgotten."""
        for iri in self.described - self.corpus.dated:
            self.graph.add((URIRef(iri), LIN.dateNotPrinted, Literal(True)))

    def _subject(self, row: Row) -> URIRef:
        subject = row["subject"]
        if subject in ("", "doc"):
            return URIRef(self.own.iri)
        if subject in self.task_nodes:
            return self.task_nodes[subject]
        tasks = self.bare_locators.get(subject, [])
        if len(tasks) > 1:
            raise row.error(f"subject '{subject}' names a row of several tables",
                            "prefix it with its table, e.g. 'body/" + subject + "' or 'PL4/" + subject + "'")
        if tasks:
            return tasks[0]
        document = self.corpus.identities.find(subject)
        if document is not None:
            return URIRef(document.iri)
        return self._section(subject, row)

    def _section(self, locator: str, row: Row) -> URIRef:
        """A part of the source's own document named by a locator that is not a task (a section, an appendix)."""
        node = URIRef(part_iri(self.own.iri, locator))
        self.graph.add((node, RDF.type, ELI.LegalResourceSubdivision))
        self.graph.add((node, ELI.is_part_of, URIRef(self.own.iri)))
        self.graph.add((node, LIN.locator, Literal(locator)))
        self.graph.add((node, PROV.wasDerivedFrom, self.passage(row)))
        return node

    def _link(self, subject: URIRef, predicate: URIRef, obj: URIRef, passage: URIRef, row: Row) -> None:
        g = self.graph
        g.add((subject, predicate, obj))
        statement = URIRef(f"{self.source_node}/link/{slug(row['line_start'])}-{_digest(subject, predicate, obj)}")
        g.add((statement, RDF.type, LIN.StatedLink))
        g.add((statement, RDF.subject, subject))
        g.add((statement, RDF.predicate, predicate))
        g.add((statement, RDF.object, obj))
        g.add((statement, PROV.wasDerivedFrom, passage))

    # -- tasks ------------------------------------------------------------------------------------

    def _table(self, table: str) -> URIRef:
        node = URIRef(part_iri(self.own.iri, table))
        if (node, RDF.type, ELI.LegalResourceSubdivision) not in self.graph:
            vi, en = TABLE_TITLES.get(table, (f"Phụ lục {table[2:]}", f"Appendix {table[2:]}"))
            self.graph.add((node, RDF.type, ELI.LegalResourceSubdivision))
            self.graph.add((node, ELI.is_part_of, URIRef(self.own.iri)))
            self.graph.add((node, LIN.locator, Literal(table)))
            self.graph.add((node, DCTERMS.title, Literal(vi, lang="vi")))
            self.graph.add((node, DCTERMS.title, Literal(en, lang="en")))
        return node

    def _task(self, row: Row, sequence: int) -> None:
        g = self.graph
        locator = f"{row['table']}/{row['locator']}"
        node = URIRef(part_iri(self.own.iri, locator))
        if locator in self.task_nodes:
            raise row.error(f"locator '{locator}' is used twice", "make locators unique within a table")
        self.task_nodes[locator] = node
        self.bare_locators.setdefault(row["locator"], []).append(node)
        passage = self.passage(row)
        g.add((node, RDF.type, LIN.Task))
        g.add((node, ELI.is_part_of, self._table(row["table"])))
        g.add((node, LIN.locator, Literal(locator)))
        g.add((node, LIN.sequence, Literal(sequence)))
        g.add((node, PROV.wasDerivedFrom, passage))
        for column, prop in (("number", LIN.printedNumber), ("group", LIN.group), ("resources", LIN.resources),
                             ("notes", LIN.notes)):
            if row[column]:
                g.add((node, prop, Literal(row[column])))
        g.add((node, DCTERMS.description, Literal(row["text"], lang="vi")))
        if row["note"]:
            g.add((passage, LIN.readerNote, Literal(row["note"], lang="en")))
        for role, column in ((LIN_ROLE.lead, "lead"), (LIN_ROLE.coordinating, "coordinating")):
            for index, name in enumerate(row.list(column), start=1):
                body = URIRef(org_iri(self.base, self.corpus.bodies.require(name, row, column).slug))
                participation = URIRef(f"{node}/{column}/{index}")
                g.add((node, ELI_DL.had_participation, participation))
                g.add((participation, RDF.type, ELI_DL.Participation))
                g.add((participation, ELI_DL.had_participant_organization, body))
                g.add((participation, ELI_DL.participation_role, role))
                if column == "lead":
                    g.add((node, ELI_DL.had_responsible_organization, body))
        self._timing(node, row["timing"])
        for name in row.list("cites"):
            cited = URIRef(self.corpus.identities.require(name, row, "cites").iri)
            self._link(node, ELI.cites, cited, passage, row)

    def _timing(self, task: URIRef, printed: str) -> None:
        g = self.graph
        node = URIRef(f"{task}/timing")
        g.add((task, LIN.timing, node))
        if not printed:
            g.add((node, RDF.type, TIME.TemporalEntity))
            g.add((node, LIN.timingKind, LIN_TIMING.unspecified))
            return
        timing = parse_timing(printed)
        g.add((node, RDF.type, TIME.Interval if (timing.start or timing.end) else TIME.TemporalEntity))
        g.add((node, LIN.printedTiming, Literal(printed)))
        g.add((node, LIN.timingKind, LIN_TIMING[timing.kind.replace("_", "-")]))
        for name, day, prop in (("start", timing.start, TIME.hasBeginning), ("end", timing.end, TIME.hasEnd)):
            if day:
                instant = URIRef(f"{node}/{name}")
                g.add((node, prop, instant))
                g.add((instant, RDF.type, TIME.Instant))
                g.add((instant, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date)))

    # -- targets and reports ----------------------------------------------------------------------

    def _target(self, row: Row, index: int) -> None:
        g = self.graph
        kind = row["kind"]
        if kind not in VALUE_KINDS:
            raise row.error(f"kind '{kind}' is not one of {', '.join(VALUE_KINDS)}", "use one of those kinds")
        node = URIRef(f"{self.own.iri}/value/{index}")
        passage = self.passage(row)
        g.add((node, RDF.type, LIN.Observation if kind == "observation" else LIN.Target))
        g.add((node, LIN.valueKind, LIN_VALUE[kind]))
        g.add((node, LIN.statedIn, URIRef(self.own.iri)))
        g.add((node, LIN.locator, Literal(row["locator"])))
        g.add((node, PROV.wasDerivedFrom, passage))
        g.add((node, LIN.indicator, Literal(row["indicator"], lang="vi")))
        for column, prop in (("sector", LIN.sector), ("comparator", LIN.comparator),
                             ("value_printed", LIN.printedValue), ("unit", LIN.unit), ("period", LIN.period)):
            if row[column]:
                g.add((node, prop, Literal(row[column])))
        for column, prop in (("value", LIN.value), ("value_max", LIN.valueMax)):
            if row[column]:
                g.add((node, prop, Literal(_decimal(row, column), datatype=XSD.decimal)))
        for name in row.list("responsible"):
            body = self.corpus.bodies.require(name, row, "responsible")
            g.add((node, LIN.responsible, URIRef(org_iri(self.base, body.slug))))
        if row["note"]:
            g.add((passage, LIN.readerNote, Literal(row["note"], lang="en")))

    def _report(self, row: Row, index: int) -> None:
        g = self.graph
        if row["aspect"] not in ASPECTS:
            raise row.error(f"aspect '{row['aspect']}' is not one of {', '.join(ASPECTS)}", "use one of those aspects")
        node = URIRef(f"{self.own.iri}/statement/{index}")
        passage = self.passage(row)
        directive = URIRef(self.corpus.identities.require(row["directive"], row, "directive").iri)
        g.add((node, RDF.type, LIN.ReportStatement))
        g.add((node, LIN.aboutDirective, directive))
        g.add((node, LIN.aspect, LIN_ASPECT[row["aspect"]]))
        g.add((node, LIN.statedIn, URIRef(self.own.iri)))
        g.add((node, DCTERMS.description, Literal(row["text"], lang="vi")))
        g.add((node, PROV.wasDerivedFrom, passage))

    # -- passages ---------------------------------------------------------------------------------

    def passage(self, row: Row) -> URIRef:
        """The passage node of a row (checked against the source text), created once."""
        start, end, quote = self.source.check_quote(row)
        return add_passage(self.graph, self.source_node, start, end, quote)


def add_passage(g: Graph, source_node: URIRef, start: int, end: int, quote: str) -> URIRef:
    """The passage of ``source_node`` at lines ``start``–``end`` quoting ``quote``: its quote and line selectors."""
    node = URIRef(f"{source_node}/passage/{passage_key(start, end, quote)}")
    if (node, RDF.type, OA.SpecificResource) in g:
        return node
    g.add((node, RDF.type, OA.SpecificResource))
    g.add((node, OA.hasSource, source_node))
    quote_selector, lines_selector = URIRef(f"{node}/quote"), URIRef(f"{node}/lines")
    g.add((node, OA.hasSelector, quote_selector))
    g.add((quote_selector, RDF.type, OA.TextQuoteSelector))
    g.add((quote_selector, OA.exact, Literal(quote)))
    g.add((node, OA.hasSelector, lines_selector))
    g.add((lines_selector, RDF.type, LIN.LineRangeSelector))
    g.add((lines_selector, RDF.type, OA.FragmentSelector))
    g.add((lines_selector, RDF.value, Literal(f"line={start - 1},{end}")))
    g.add((lines_selector, DCTERMS.conformsTo, URIRef("http://tools.ietf.org/rfc/rfc5147")))
    g.add((lines_selector, LIN.lineStart, Literal(start, datatype=XSD.positiveInteger)))
    g.add((lines_selector, LIN.lineEnd, Literal(end, datatype=XSD.positiveInteger)))
    return node


def _bodies_graph(corpus: Corpus) -> Graph:
    g = Graph()
    for body in corpus.bodies.by_slug.values():
        node = URIRef(org_iri(corpus.config.base_iri, body.slug))
        g.add((node, RDF.type, ORG.Organization))
        for prop in (SKOS.prefLabel, RDFS.label):
            g.add((node, prop, Literal(body.label_vi, lang="vi")))
            g.add((node, prop, Literal(body.label_en, lang="en")))
        for name in body.alt_labels:
            g.add((node, SKOS.altLabel, Literal(name, lang="vi")))
        if body.abbreviation:
            g.add((node, SKOS.notation, Literal(body.abbreviation)))
        g.add((node, LIN.level, LIN_LEVEL[body.level]))
        if body.parent:
            g.add((node, ORG.subOrganizationOf, URIRef(org_iri(corpus.config.base_iri, body.parent))))
    return g


def _inferred_graph(corpus: Corpus) -> Graph:
    g = Graph()
    sources = {s.source_id: s for s in corpus.sources}
    for row in corpus.inferred:
        if row["predicate"] not in PREDICATES or row["source"] not in sources:
            raise row.error(f"unknown predicate '{row['predicate']}' or source '{row['source']}'",
                            "use implements, cites or same_as, and a source folder name")
        subject = URIRef(corpus.identities.require(row["subject"], row, "subject").iri)
        obj = URIRef(corpus.identities.require(row["object"], row, "object").iri)
        predicate = PREDICATES[row["predicate"]]
        source = sources[row["source"]]
        start, end, quote = source.check_quote(row)
        passage = add_passage(g, URIRef(source_iri(corpus.config.base_iri, source.source_id)), start, end, quote)
        # one inferred statement per piece of evidence: the same link may rest on several passages
        node = URIRef(f"{corpus.config.base_iri}/inferred/{_digest(subject, predicate, obj, passage)}")
        g.add((subject, predicate, obj))
        g.add((node, RDF.type, LIN.InferredLink))
        g.add((node, RDF.subject, subject))
        g.add((node, RDF.predicate, predicate))
        g.add((node, RDF.object, obj))
        g.add((node, LIN.inferenceMethod, LIN_METHOD[row["method"]]))
        g.add((node, LIN.confidence, Literal(_decimal(row, "confidence"), datatype=XSD.decimal)))
        g.add((node, LIN.rationale, Literal(row["rationale"], lang="en")))
        g.add((node, PROV.wasDerivedFrom, passage))
    return g


def to_turtle(graph: Graph) -> str:
    """Turtle text of ``graph`` with the project's prefixes."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph.serialize(format="turtle")


def _decimal(row: Row, column: str) -> str:
    try:
        return str(Decimal(row[column]))
    except InvalidOperation:
        raise row.error(f"'{row[column]}' in column '{column}' is not a number",
                        "write the number with '.' as decimal point and no thousands separator") from None


def _digest(*terms: URIRef) -> str:
    return hashlib.sha1(" ".join(map(str, terms)).encode()).hexdigest()[:10]


def _optional(path: Path, kind: str) -> list[Row]:
    return read_sheet(path, kind) if path.is_file() else []

