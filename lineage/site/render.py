"""Render the static site into a folder: pages, lists, search, RDF and SPARQL per page, static assets.

Every link is relative, so the site works from ``file://`` and from any server
path. Page names come from :mod:`lineage.site.paths` and stay stable while the
IRIs do. Long lists are split into pages, and the search index into pieces
loaded on demand, so that no page grows with the data. The folder is updated
in place (:mod:`lineage.site.output`): a render rewrites only the files whose
bytes changed and removes the pages of nodes that left the data.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup, escape

from lineage.graphview import directive_graph
from lineage.site import pages
from lineage.site.collect import SiteData, collect
from lineage.site.diagrams import page_diagram
from lineage.site.findings import FindingIndex
from lineage.site.home import coverage_tables
from lineage.site.i18n import plain, t
from lineage.site.lists import LISTS, list_rows, search_entries
from lineage.site.output import SiteOutput
from lineage.site.paginate import paginate
from lineage.site.parallel import render_in_parallel
from lineage.site.paths import page_path, rdf_path
from lineage.site.rdf import statements_query, statements_turtle
from lineage.site.search import index_files
from lineage.store import LoadedGraph

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC = TEMPLATES / "site" / "static"
AUDIT_PAGE = "audit/index.html"
"""Where the audit's summary page sits in the site (written by :mod:`lineage.audit.render`)."""
DOWNLOADS = frozenset({"audit/report.json", "audit/report.md"})
"""Files offered for download rather than opened as pages: the whole audit report, however large."""
NAMED_QUERIES = {"trace": "trace_query", "impact": "impact_query"}
"""Queries of the project's library a page links to, with the parameter it binds."""
LIST_ROWS = 500
"""Rows on one page of a list."""
PAGE_FILES = (".html", ".js", ".json")
"""What counts as a page when the largest one is reported."""
_BUILDERS = {"document": pages.document_context, "part": pages.part_context, "task": pages.task_context,
             "body": pages.body_context}


@dataclass
class SiteSummary:
    """What a render did: pages per kind, every file of the site, and how many were written, kept, removed."""

    pages: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    largest_page: tuple[str, int] = ("", 0)
    """The largest HTML, script or JSON file other than :data:`DOWNLOADS`, and its size in bytes."""


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
    workers: int | None = None,
) -> SiteSummary:
    """Write the site of ``graph`` into the folder ``out``, in place: only changed files are rewritten.

    ``audit`` is an :class:`lineage.audit.AuditReport` whose findings each page shows;
    ``ontology_href`` links the ontology page when it is written beside the site;
    ``workers`` processes (default: one per CPU) render the pages of nodes, when there are enough of them.
    """
    data = collect(graph, view if view is not None else directive_graph(graph))
    output = SiteOutput(out)
    writer = Writer(output, data, audit, ontology_href)
    writer.static()
    writer.queries(graph.config.queries_dir)
    writer.audit_pages()
    render_in_parallel(writer, writer.node_items(), workers or os.cpu_count() or 1,
                       others=(writer.lists, writer.home, writer.search))
    counts = output.finish()
    summary = writer.summary
    summary.files = sorted(output.files)
    summary.written, summary.unchanged, summary.removed = counts.written, counts.unchanged, counts.removed
    summary.largest_page = max(
        ((path, size) for path, (size, _) in output.files.items()
         if path.endswith(PAGE_FILES) and path not in DOWNLOADS),
        key=lambda item: item[1], default=("", 0),
    )
    return summary


class Writer:
    """Renders pages with one template environment into the site output."""

    def __init__(self, output: SiteOutput, data: SiteData, audit: Any | None, ontology_href: str | None) -> None:
        self.output = output
        self.data = data
        self.audit = audit
        self.ontology_href = ontology_href
        self.index = pages.PageIndex(data)
        self.summary = SiteSummary()
        self.named: dict[str, str] = {}
        self.findings = FindingIndex(audit)
        self.paths = {iri: page_path(iri, kind) for iri in (*data.documents, *data.parts, *data.tasks,
                                                             *data.bodies, *data.values)
                      if (kind := data.kind(iri))}
        self._diagrams: dict[tuple[str, str], Markup] = {}
        self._finding_html: dict[tuple[int, str], Markup] = {}
        self._macros: dict[str, Any] = {}
        self._links: dict[str, dict[tuple[str, object], Markup]] = {}
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES / "site"), autoescape=True, trim_blocks=False,
            undefined=jinja2.StrictUndefined, auto_reload=False,
        )
        env.globals.update(t=t, plain=plain)
        self.templates = {path.name: env.get_template(path.name) for path in (TEMPLATES / "site").glob("*.j2")}

    # -- files ---------------------------------------------------------------

    def static(self) -> None:
        """The stylesheet and scripts."""
        for source in sorted(STATIC.iterdir()):
            self.output.write(f"static/{source.name}", source.read_bytes())

    def queries(self, queries_dir: Path) -> None:
        """The named queries pages link to, when the project's query library has them."""
        for name in NAMED_QUERIES:
            source = queries_dir / f"{name}.rq"
            if source.is_file():
                self.output.write(f"queries/{name}.rq", source.read_bytes())
                self.named[name] = f"queries/{name}.rq"

    def audit_pages(self) -> None:
        """The audit's report under ``audit/``: its summary and check pages, JSON and Markdown (when an audit ran)."""
        if self.audit is None:
            return
        from lineage.audit.render import report_files

        files, html = report_files(self.audit)
        for path, text in files.items():
            self.output.write(path, text)
        self.findings = FindingIndex(self.audit, html.anchors)

    # -- pages ---------------------------------------------------------------

    def url_from(self, here: str) -> Callable[[str], str | None]:
        """Links from the page ``here`` to the page of an IRI (None when it has none), as :func:`relative_url`."""
        paths = self.paths
        folder = here.rpartition("/")[0]
        if not folder:
            return paths.get
        prefix, up = folder + "/", "../" * here.count("/")

        def url(iri: str) -> str | None:
            path = paths.get(iri)
            if path is None:
                return None
            if path.startswith(prefix) and "/" not in path[len(prefix):]:
                return path[len(prefix):]
            return up + path

        return url

    def linker(self, here: str, url: Callable[[str], str | None]) -> Callable[..., Markup]:
        """``link(iri, text=None)`` for the pages of ``here``'s folder: an ``<a>`` to the page of ``iri``, or the text.

        Pages of one folder link alike, so each link is built once per folder.
        """
        folder = here.rpartition("/")[0]
        cache = self._links.setdefault(folder, {})
        name = self.data.name

        def link(iri: str, text: object = None) -> Markup:
            key = (iri, text)
            found = cache.get(key)
            if found is None:
                label = text or name(iri)
                href = url(iri)
                found = cache[key] = Markup('<a href="{}">{}</a>').format(href, label) if href else escape(label)
            return found

        return link

    def page(self, template: str, here: str, title: str, kind: str, context: dict[str, Any],
             data_links: list[dict[str, str]] | None = None, url: Callable[[str], str | None] | None = None) -> None:
        """Render one page at the site path ``here``."""
        url = url or self.url_from(here)
        html = self.templates[template].render(
            root="../" * here.count("/"),
            page_title=title,
            kind=kind,
            url=url,
            link=self.linker(here, url),
            name=self.data.name,
            audit_href=AUDIT_PAGE if self.audit is not None else None,
            ontology_href=self.ontology_href,
            data_links=data_links or [],
            **{"sparql": None, "pager": None, **context},
        )
        self.output.write(here, html)
        self.summary.pages += 1
        self.summary.by_kind[kind] = self.summary.by_kind.get(kind, 0) + 1

    def node_items(self) -> list[tuple[str, str]]:
        """Every node with a page, and its kind, in the order pages are written."""
        data = self.data
        return [(iri, kind) for kind, items in (("document", data.documents), ("part", data.parts),
                                                ("task", data.tasks), ("body", data.bodies),
                                                ("target", data.values)) for iri in items]

    def node_pages(self, items: Iterable[tuple[str, str]]) -> None:
        """The pages of ``items`` (IRI, kind)."""
        for iri, kind in items:
            self.node_page(iri, kind)

    def node_page(self, iri: str, kind: str) -> None:
        """The page of one document, part, task, body or target, with its Turtle and SPARQL."""
        here = page_path(iri, kind)
        url = self.url_from(here)
        if kind == "target":
            context = pages.target_context(self.data, self.index, iri, url, lambda focus: self._cached(focus, here))
        else:
            context = _BUILDERS[kind](self.data, self.index, iri, url)
        context.update(iri=iri, passages=self.data.passages.get(iri, []), findings=self._findings(iri, here),
                       audited=self.findings.audited, sparql=statements_query(iri))
        turtle = rdf_path(iri, kind)
        self.output.write(turtle, statements_turtle(self.data.graph, iri))
        links = [
            {"href": turtle.rpartition("/")[2], "type": "text/turtle", "label": "rdf"},
            {"href": "#sparql", "type": "", "label": "sparql"},
        ]
        named = {"task": "trace", "part": "trace", "document": "impact"}.get(kind)
        if named in self.named:
            links.append({"href": "../" + self.named[named], "type": "application/sparql-query",
                          "label": NAMED_QUERIES[named]})
        self.page(f"{kind}.html.j2", here, self.data.name(iri), kind, context, links, url)

    def _findings(self, iri: str, here: str) -> list[Markup]:
        """The findings about ``iri``, each rendered once for all pages of ``here``'s folder."""
        folder = here.rpartition("/")[0]
        rendered = []
        for number in self.findings.numbers(iri):
            key = (number, folder)
            if key not in self._finding_html:
                if folder not in self._macros:
                    url = self.url_from(here)
                    self._macros[folder] = self.templates["macros.html.j2"].make_module(
                        {"url": url, "link": self.linker(here, url), "name": self.data.name,
                         "root": "../" * here.count("/")})
                self._finding_html[key] = Markup(self._macros[folder].finding(self.findings.shown(number)))
            rendered.append(self._finding_html[key])
        return rendered

    def _cached(self, focus: str, here: str) -> Markup:
        """A diagram shared by pages of one folder (the targets stated in one document)."""
        key = (focus, here.rsplit("/", 1)[0])
        if key not in self._diagrams:
            self._diagrams[key] = page_diagram(self.data, focus, "up", self.url_from(here))
        return self._diagrams[key]

    # -- lists, home, search ---------------------------------------------------

    def lists(self) -> None:
        """One table per kind (documents, tasks, bodies, targets), in pages of :data:`LIST_ROWS` rows."""
        for key, rows in list_rows(self.data).items():
            for page in paginate(key, rows, LIST_ROWS):
                self.page("list.html.j2", page.pager.name(page.number), plain(key), "list",
                          {"list_key": key, "columns": LISTS[key], "rows": page.rows, "pager": page.pager})

    def home(self) -> None:
        """The home page: counts, and the central directives with their coverage."""
        data = self.data
        counts = {"documents": len(data.documents), "tasks": len(data.tasks), "bodies": len(data.bodies),
                  "targets": len(data.values)}
        summary = self.audit.summary() if self.audit is not None else None
        self.page("index.html.j2", "index.html", plain("site_title"), "home",
                  {"counts": counts, "tables": coverage_tables(data), "audit_summary": summary})

    def search(self) -> None:
        """The search page and its index, in pieces under ``search/``."""
        for path, text in index_files(search_entries(self.data)).items():
            self.output.write(path, text)
        self.page("search.html.j2", "search.html", plain("search"), "search", {})
