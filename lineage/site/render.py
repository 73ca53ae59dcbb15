"""Render the static site into a folder: pages, lists, search, RDF and SPARQL per page, static assets.

Every link is relative, so the site works from ``file://`` and from any server
path. Page names come from :mod:`lineage.site.paths` and stay stable while the
IRIs do.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup

from lineage.diagram.wrap import iso_to_vietnamese
from lineage.graphview import directive_graph
from lineage.site import pages
from lineage.site.collect import SiteData, collect
from lineage.site.diagrams import page_diagram
from lineage.site.home import coverage_tables
from lineage.site.i18n import plain, t
from lineage.site.paths import page_path, rdf_path, relative_url
from lineage.site.rdf import statements_query, statements_turtle
from lineage.site.search import Entry, index_json, index_script, key_of, symbol_key
from lineage.store import LoadedGraph

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC = TEMPLATES / "site" / "static"
AUDIT_PAGE = "audit/index.html"
"""Where the audit's HTML report sits in the site (written by :mod:`lineage.audit.render`)."""
NAMED_QUERIES = {"trace": "trace_query", "impact": "impact_query"}
"""Queries of the project's library a page links to, with the parameter it binds."""


@dataclass
class SiteSummary:
    """What was written: pages per kind and every file."""

    pages: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def site_audit(graph: LoadedGraph) -> Any:
    """The audit report whose findings the pages show."""
    from lineage.audit import run_audit

    return run_audit(graph)


def render_site(
    graph: LoadedGraph,
    out: Path,
    *,
    view: nx.MultiDiGraph | None = None,
    audit: Any | None = None,
    ontology_href: str | None = None,
) -> SiteSummary:
    """Write the site of ``graph`` into the folder ``out`` (created; the caller makes it atomic).

    ``audit`` is an :class:`lineage.audit.AuditReport` whose findings each page shows;
    ``ontology_href`` links the ontology page when it is written beside the site.
    """
    data = collect(graph, view if view is not None else directive_graph(graph))
    writer = _Writer(out, data, audit, ontology_href)
    writer.copy_static()
    writer.copy_queries(graph.config.queries_dir)
    writer.all_pages()
    writer.lists()
    writer.home()
    writer.search()
    writer.audit_page()
    return writer.summary


class _Writer:
    """Renders pages with the shared template environment and records every file written."""

    def __init__(self, out: Path, data: SiteData, audit: Any | None, ontology_href: str | None) -> None:
        self.out = out
        self.data = data
        self.audit = audit
        self.ontology_href = ontology_href
        self.index = pages.PageIndex(data)
        self.summary = SiteSummary()
        self.queries: dict[str, str] = {}
        self.entries: list[Entry] = []
        self._diagrams: dict[tuple[str, str], Markup] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES / "site"), autoescape=True, trim_blocks=False,
            undefined=jinja2.StrictUndefined,
        )
        self.env.globals.update(t=t, plain=plain)

    # -- files ---------------------------------------------------------------

    def write(self, path: str, text: str) -> None:
        """Write ``text`` at the site path ``path``."""
        target = self.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.summary.files.append(path)

    def copy_static(self) -> None:
        """The stylesheet and scripts."""
        for source in sorted(STATIC.iterdir()):
            target = self.out / "static" / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            self.summary.files.append(f"static/{source.name}")

    def copy_queries(self, queries_dir: Path) -> None:
        """The named queries pages link to, when the project's query library has them."""
        for name in NAMED_QUERIES:
            source = queries_dir / f"{name}.rq"
            if source.is_file():
                self.write(f"queries/{name}.rq", source.read_text(encoding="utf-8"))
                self.queries[name] = f"queries/{name}.rq"

    # -- pages ---------------------------------------------------------------

    def url_from(self, here: str) -> Callable[[str], str | None]:
        """Links from the page ``here`` to the page of an IRI (None when it has none)."""
        kind_of = self.data.kind

        def url(iri: str) -> str | None:
            kind = kind_of(iri)
            return relative_url(here, page_path(iri, kind)) if kind else None

        return url

    def page(self, template: str, here: str, title: str, kind: str, context: dict[str, Any],
             data_links: list[dict[str, str]] | None = None) -> None:
        """Render one page at the site path ``here``."""
        url = self.url_from(here)
        depth = here.count("/")
        html = self.env.get_template(template).render(
            root="../" * depth,
            page_title=title,
            kind=kind,
            url=url,
            name=self.data.name,
            audit_href=AUDIT_PAGE if self.audit is not None else None,
            ontology_href=self.ontology_href,
            data_links=data_links or [],
            **{"sparql": None, **context},
        )
        self.write(here, html)
        self.summary.pages += 1
        self.summary.by_kind[kind] = self.summary.by_kind.get(kind, 0) + 1

    def node_page(self, iri: str, kind: str) -> None:
        """The page of one document, part, task, body or target, with its Turtle and SPARQL."""
        here = page_path(iri, kind)
        url = self.url_from(here)
        builders = {
            "document": pages.document_context, "part": pages.part_context, "task": pages.task_context,
            "body": pages.body_context,
        }
        if kind == "target":
            context = pages.target_context(self.data, self.index, iri, url, lambda focus: self._cached(focus, here))
        else:
            context = builders[kind](self.data, self.index, iri, url)
        context.update(iri=iri, passages=self.data.passages.get(iri, []), findings=self._findings(iri),
                       audited=self.audit is not None)
        self.write(rdf_path(iri, kind), statements_turtle(self.data.graph, iri))
        context["sparql"] = statements_query(iri)
        links = [
            {"href": relative_url(here, rdf_path(iri, kind)), "type": "text/turtle", "label": "rdf"},
            {"href": "#sparql", "type": "", "label": "sparql"},
        ]
        named = {"task": "trace", "part": "trace", "document": "impact"}.get(kind)
        if named in self.queries:
            links.append({"href": relative_url(here, self.queries[named]), "type": "application/sparql-query",
                          "label": NAMED_QUERIES[named]})
        self.page(f"{kind}.html.j2", here, self.data.name(iri), kind, context, links)

    def all_pages(self) -> None:
        """Every node page, and the search entries of documents, tasks and bodies."""
        data = self.data
        for iri in data.documents:
            self.node_page(iri, "document")
        for iri in data.parts:
            self.node_page(iri, "part")
        for iri in data.tasks:
            self.node_page(iri, "task")
        for iri in data.bodies:
            self.node_page(iri, "body")
        for iri in data.values:
            self.node_page(iri, "target")
        self.entries = _search_entries(data)

    def _cached(self, focus: str, here: str) -> Markup:
        """A diagram shared by pages of one folder (the targets stated in one document)."""
        key = (focus, here.rsplit("/", 1)[0])
        if key not in self._diagrams:
            self._diagrams[key] = page_diagram(self.data, focus, "up", self.url_from(here))
        return self._diagrams[key]

    def _findings(self, iri: str) -> list[Any]:
        return list(self.audit.about(iri)) if self.audit is not None else []

    # -- lists, home, search, audit ------------------------------------------

    def lists(self) -> None:
        """One table per kind: documents, tasks, bodies, targets."""
        data = self.data
        documents = [
            [(iri, r["symbol"] if not data.facts[iri].unnumbered else data.facts[iri].heading),
             data.type_labels.get(r["type"] or "", (r["type"], None))[0], r["issuer"], iso_to_vietnamese(r["date"]),
             r["title"] if not data.facts[iri].unnumbered else None]
            for iri, r in sorted(data.documents.items(), key=lambda item: _symbol_order(item[1]["symbol"]))
        ]
        tasks = [
            [(iri, data.name(iri)), r["text"], "; ".join(r["lead"]), r["timing_text"]]
            for iri, r in data.tasks.items()
        ]
        bodies = [[(iri, b.name), b.name_en, b.notation, data.level(b.level)] for iri, b in sorted(
            data.bodies.items(), key=lambda item: item[1].name)]
        values = [
            [(iri, v.indicator or v.printed or iri), v.printed, v.period, v.kind,
             data.name(v.stated_in) if v.stated_in else None]
            for iri, v in data.values.items()
        ]
        for path, key, columns, rows in (
            ("documents.html", "documents", ("symbol", "type", "issuer", "date", "title"), documents),
            ("tasks.html", "tasks", ("task", "content", "lead", "timing"), tasks),
            ("bodies.html", "bodies", ("body", "names", "notation", "level"), bodies),
            ("targets.html", "targets", ("indicator", "printed_value", "period", "value_kind", "stated_in"), values),
        ):
            self.page("list.html.j2", path, plain(key), "list", {"list_key": key, "columns": columns, "rows": rows})

    def home(self) -> None:
        """The home page: counts, and the central directives with their coverage."""
        data = self.data
        counts = {"documents": len(data.documents), "tasks": len(data.tasks), "bodies": len(data.bodies),
                  "targets": len(data.values)}
        summary = self.audit.summary() if self.audit is not None else None
        self.page("index.html.j2", "index.html", plain("site_title"), "home",
                  {"counts": counts, "tables": coverage_tables(data), "audit_summary": summary})

    def search(self) -> None:
        """The search page and its index (JSON, and a script for ``file://``)."""
        self.write("search-index.json", index_json(self.entries))
        self.write("search-index.js", index_script(self.entries))
        self.page("search.html.j2", "search.html", plain("search"), "search", {})

    def audit_page(self) -> None:
        """The audit's own report (HTML, JSON, Markdown) under ``audit/``, when an audit ran."""
        if self.audit is None:
            return
        from lineage.audit.render import write_reports

        for path in write_reports(self.audit, self.out).values():
            self.summary.files.append(path.relative_to(self.out).as_posix())


def _search_entries(data: SiteData) -> list[Entry]:
    """Documents, tasks and bodies, each with everything one may type to find it."""
    entries = []
    for iri, record in data.documents.items():
        facts = data.facts[iri]
        type_vi, type_en = data.type_labels.get(record["type"] or "", (record["type"], None))
        title = facts.heading
        subtitle = " · ".join(x for x in (type_vi, record["issuer"], iso_to_vietnamese(record["date"]),
                                          None if facts.unnumbered else record["title"]) if x)
        key = key_of(record["symbol"], *record["symbols_printed"], type_vi, type_en, record["issuer"],
                     record["title"], iso_to_vietnamese(record["date"]))
        entries.append(Entry("document", title, subtitle, page_path(iri, "document"), key,
                             "" if facts.unnumbered else symbol_key(record["symbol"])))
    for iri, record in data.tasks.items():
        name = data.name(iri)
        key = key_of(name, record["locator"], record["text"], *record["lead"], *record["coordinating"],
                     record["timing_text"])
        subtitle = " · ".join(x for x in (_clip(record["text"]), "; ".join(record["lead"])) if x)
        entries.append(Entry("task", name, subtitle, page_path(iri, "task"), key))
    for iri, body in data.bodies.items():
        key = key_of(body.name, body.name_en, body.notation, *body.alt_labels)
        entries.append(Entry("body", body.name, body.name_en or "", page_path(iri, "body"), key,
                             symbol_key(body.notation)))
    return entries


def _clip(text: str | None, limit: int = 160) -> str | None:
    """A long text cut at a word for a search result line."""
    if not text or len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _symbol_order(symbol: str | None) -> tuple[Any, ...]:
    return pages.natural_key(symbol or "")
