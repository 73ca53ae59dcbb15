"""Render the static site into a folder: pages, lists, search, RDF and SPARQL per page, static assets.

Every link is relative, so the site works from ``file://`` and from any server
path. Page names come from :mod:`lineage.site.paths` and stay stable while the
IRIs do. Long lists are split into pages, and the search index into pieces
loaded on demand, so that no page grows with the data. The folder is updated
in place (:mod:`lineage.site.output`): a render rewrites only the files whose
bytes changed and removes the pages of nodes that left the data. Told which
nodes changed since the render already in the folder, a render is incremental:
it renders only the pages that show something of them (:mod:`lineage.site.depends`)
and keeps every other file as it is. A build renders its site with
:func:`render_build_site` instead: into a new folder, linking the files it keeps
from the previous build's site, and patching the data that site was rendered
from (:mod:`lineage.site.snapshot`, :mod:`lineage.site.patch`) rather than
reading the whole graph again, so that its time follows the size of the change.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
from markupsafe import Markup, escape

from lineage.gcpause import collector_paused
from lineage.graphview import directive_graph
from lineage.site import pages, snapshot
from lineage.site.collect import SiteData, collect
from lineage.site.depends import pages_to_render, turtle_owners
from lineage.site.diagrams import page_diagram
from lineage.site.findings import FindingIndex
from lineage.site.fingerprint import changed_facets, code_version, digest, finding_digests, node_facets
from lineage.site.home import coverage_tables
from lineage.site.i18n import plain, t
from lineage.site.lists import LISTS, READ_ELSEWHERE, list_order, list_row, node_entries, searchable
from lineage.site.output import SiteOutput
from lineage.site.paginate import paginate
from lineage.site.parallel import MIN_ITEMS, render_in_parallel
from lineage.site.patch import patch
from lineage.site.paths import page_path, rdf_path
from lineage.site.rdf import statements_query, statements_turtle
from lineage.site.search import Entry, index_files, update_files
from lineage.site.state import SiteState
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
    """Pages of the site (rendered or kept)."""
    by_kind: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    rendered: int = 0
    """Pages rendered by this render (all of them, unless it was incremental)."""
    kept: int = 0
    """Pages an incremental render kept as they were, without rendering them."""
    incremental: bool = False
    """Whether the render was incremental (``changed`` given, and the folder held a render to build on)."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Time spent in each step: ``data`` (reading the graph), ``plan`` (digests, what to render, linking the
    files of the render built on), ``plan with the audit`` (audit pages, the findings of each page), ``pages``
    (rendering), ``finish`` (removing old files, saving the manifest)."""
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
    changed: Collection[str] | None = None,
) -> SiteSummary:
    """Write the site of ``graph`` into the folder ``out``, in place: only changed files are rewritten.

    ``audit`` is an :class:`lineage.audit.AuditReport` whose findings each page shows;
    ``ontology_href`` links the ontology page when it is written beside the site;
    ``workers`` processes (default: one per CPU) render the pages of nodes, when there are enough of them.

    ``changed`` makes the render incremental. ``out`` must then hold, untouched (or
    as hard links), the site this function last rendered there from the graph as it
    was before the change: its files and its manifest ``.lineage-site.json``, which
    records what each page showed. ``changed`` names every IRI that is the subject,
    or an IRI object, of a statement added or removed since (a blank node must be
    named by the IRIs whose statements reach it). Only the pages whose content can
    depend on those statements are rendered: those showing something the digests
    saved in the manifest say changed (:mod:`lineage.site.fingerprint`,
    :mod:`lineage.site.depends`), and the Turtle of the nodes ``changed`` names or
    owns. Every other file is kept, and counted in :attr:`SiteSummary.kept`. When ``out``
    holds no such render (no manifest, or one written by other code or with another
    ``audit`` presence, ``ontology_href`` or query library), the render is a whole
    one. Either way the folder ends up with the same files, byte for byte, as a
    whole render of ``graph`` into an empty folder. ``changed=None`` renders everything.
    """
    clock = _Clock()
    with collector_paused():
        data = collect(graph, view if view is not None else directive_graph(graph))
    clock.lap("data")
    return _render(data, SiteOutput(out), clock, audit=lambda: audit, audited=audit is not None,
                   ontology_href=ontology_href, workers=workers, changed=changed)


def render_build_site(
    graph: LoadedGraph,
    out: Path,
    *,
    previous: Path | None,
    view: nx.MultiDiGraph,
    audit: Any | None = None,
    ontology_href: str | None = None,
    workers: int | None = None,
    changed: Collection[str] | None = None,
    audit_later: Callable[[], Any] | None = None,
    with_data: Callable[[SiteData], None] | None = None,
) -> SiteSummary:
    """Write the site of ``graph`` into the new, empty folder ``out``, building on the site in ``previous``.

    ``audit_later``, instead of ``audit``, gives the audit report when the pages
    need it, once the data is read: the audit can still be running elsewhere.
    ``with_data`` is called with the data once read, before the audit is waited for.

    As :func:`render_site` with ``changed`` over a copy of ``previous``, which is
    only read: every file of ``previous`` is hard-linked into ``out`` while the
    audit is awaited, and the pages rendered replace their links. The data the site was rendered
    from is kept beside ``out`` (:mod:`lineage.site.snapshot`); with the snapshot
    beside ``previous``, the data is patched with what ``changed`` reaches
    (:mod:`lineage.site.patch`) rather than read from the whole graph. Without
    ``previous`` or ``changed``, a whole render into ``out``.
    """
    clock = _Clock()
    incremental = previous is not None and changed is not None
    patched = None
    with collector_paused():
        output = SiteOutput(out, base=previous) if incremental else SiteOutput(out)
        if incremental and output.had_manifest:
            before = snapshot.load(previous, output.manifest)  # type: ignore[arg-type]
            if before is not None:
                patched = patch(before, graph, view, changed)  # type: ignore[arg-type]
        data = patched.data if patched is not None else collect(graph, view)
    clock.lap("data")
    if with_data is not None:
        with_data(data)
        clock.lap("with the data")
    summary = _render(data, output, clock, audit=audit_later or (lambda: audit),
                      audited=audit_later is not None or audit is not None, ontology_href=ontology_href,
                      workers=workers, changed=changed if incremental else None,
                      candidates=patched.candidates if patched is not None else None)
    with collector_paused():
        if patched is not None:
            snapshot.save(data, out, output.manifest, previous=previous, nodes=patched.nodes, bodies=patched.bodies)
        else:
            snapshot.save(data, out, output.manifest)
    summary.seconds["snapshot"] = clock.lap("snapshot")
    return summary


def _render(data: SiteData, output: SiteOutput, clock: _Clock, *, audit: Callable[[], Any | None], audited: bool,
            ontology_href: str | None, workers: int | None, changed: Collection[str] | None,
            candidates: set[str] | None = None) -> SiteSummary:
    """Render the site of ``data`` into ``output`` (see :func:`render_site`); ``candidates``, when given, names
    every node whose facets may differ from those the last render recorded.

    ``audit()`` gives the audit report (None when ``audited`` is false); it is
    asked for once the part of the plan that does not depend on it is done, and
    the files of the last render are linked (what a render building on another
    spends while an audit running elsewhere finishes).
    """
    with collector_paused():
        writer = Writer(output, data, ontology_href, audited=audited)
        writer.static()
        writer.queries(data.graph.config.queries_dir)
        version = code_version((audited, ontology_href, sorted(writer.named.items()), LIST_ROWS))
        previous = SiteState.from_json(output.state) if changed is not None else None
        writer.previous = previous if previous is not None and previous.version == version else None
        writer.state = SiteState(version)
        facets = writer.facet_plan(changed, candidates)
        output.link_previous()
        writer.compile_templates()
        clock.lap("plan")
    writer.audit = audit()
    clock.lap("waiting for the audit")
    with collector_paused():
        writer.audit_pages()
        items = writer.plan(facets)
        clock.lap("plan with the audit")
    with collector_paused() if len(items) < MIN_ITEMS else contextlib.nullcontext():  # few pages: little garbage
        render_in_parallel(writer, items, workers or os.cpu_count() or 1,
                           others=(writer.lists, writer.home, writer.search))
        clock.lap("pages")
    with collector_paused():
        counts = output.finish(writer.state.as_json())
    clock.lap("finish")
    summary = writer.summary
    summary.seconds = dict(clock.laps)
    summary.incremental = writer.previous is not None
    summary.files = sorted(output.files)
    summary.written, summary.unchanged, summary.removed = counts.written, counts.unchanged, counts.removed
    summary.largest_page = max(
        ((path, size) for path, (size, _) in output.files.items()
         if path.endswith(PAGE_FILES) and path not in DOWNLOADS),
        key=lambda item: item[1], default=("", 0),
    )
    return summary


class _Templates:
    """The site's templates by file name, each compiled when first used."""

    def __init__(self, env: jinja2.Environment) -> None:
        self._env = env
        self._loaded: dict[str, jinja2.Template] = {}

    def __getitem__(self, name: str) -> jinja2.Template:
        found = self._loaded.get(name)
        if found is None:
            found = self._loaded[name] = self._env.get_template(name)
        return found


class _Clock:
    """Seconds spent in each step of a render."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._start = time.perf_counter()

    def lap(self, step: str) -> float:
        now = time.perf_counter()
        self.laps[step] = round(now - self._start, 3)
        self._start = now
        return self.laps[step]


_UNSEEN = object()


class PagePaths(Mapping[str, str]):
    """Node IRI → the path of its page, for the nodes that have one; each found when first asked for."""

    def __init__(self, data: SiteData) -> None:
        self._data = data
        self._found: dict[str, str | None] = {}

    def getter(self) -> Callable[[str], str | None]:
        """A quick ``get``: the path of an IRI's page, or None."""
        found, slow, unseen = self._found, self.get, _UNSEEN

        def get(iri: str) -> str | None:
            path = found.get(iri, unseen)
            return slow(iri) if path is unseen else path  # type: ignore[return-value]

        return get

    def get(self, iri: str, default: Any = None) -> Any:  # type: ignore[override]
        """The path of ``iri``'s page (``default`` when it has none)."""
        try:
            path = self._found[iri]
        except KeyError:
            data = self._data
            kind = data.kind(iri) if (iri in data.documents or iri in data.parts or iri in data.tasks
                                      or iri in data.bodies or iri in data.values) else None
            path = self._found[iri] = page_path(iri, kind) if kind else None
        return default if path is None else path

    def __getitem__(self, iri: str) -> str:
        path = self.get(iri)
        if path is None:
            raise KeyError(iri)
        return path

    def __contains__(self, iri: object) -> bool:
        return isinstance(iri, str) and self.get(iri) is not None

    def __iter__(self) -> Iterator[str]:
        data = self._data
        return (iri for iri in dict.fromkeys((*data.documents, *data.parts, *data.tasks, *data.bodies, *data.values))
                if iri in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass(frozen=True)
class FacetPlan:
    """What :meth:`Writer.facet_plan` finds: every node with a page, and (building on a render) the nodes whose
    page shows facets that changed and those whose Turtle changed."""

    items: list[tuple[str, str]]
    pages: set[str] | None = None
    turtles: set[str] | None = None


class Writer:
    """Renders pages with one template environment into the site output."""

    def __init__(self, output: SiteOutput, data: SiteData, ontology_href: str | None, *, audited: bool = False) -> None:
        self.output = output
        self.data = data
        self.audited = audited
        """Whether the pages will show an audit's findings (its report is set in :attr:`audit` later)."""
        self.audit: Any | None = None
        """The audit report whose findings the pages show (set before :meth:`audit_pages`), if any."""
        self.ontology_href = ontology_href
        self.index = pages.PageIndex(data)
        self.summary = SiteSummary()
        self.named: dict[str, str] = {}
        self.findings = FindingIndex(None)
        self.paths = PagePaths(data)
        self.previous: SiteState | None = None
        """What the render in the folder showed, when this render builds on it (incremental)."""
        self.state = SiteState("")
        """What this render shows, saved for the next one."""
        self.partial: dict[tuple[str, str], tuple[bool, bool]] | None = None
        """In an incremental render: (node, kind) → whether to render its page, its Turtle (the rest is kept)."""
        self.moved: set[str] | None = None
        """In an incremental render: the nodes whose facets changed."""
        self._diagrams: dict[tuple[str, str], Markup] = {}
        self._finding_html: dict[tuple[int, str], Markup] = {}
        self._macros: dict[str, Any] = {}
        self._links: dict[str, dict[tuple[str, object], Markup]] = {}
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES / "site"), autoescape=True, trim_blocks=False,
            undefined=jinja2.StrictUndefined, auto_reload=False,
        )
        env.globals.update(t=t, plain=plain)
        self.templates = _Templates(env)

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
        """The audit's report under ``audit/``: its summary and check pages, JSON and Markdown (when an audit ran).

        An incremental render keeps them when the report is the one they were rendered from.
        """
        if self.audit is None:
            return
        from lineage.audit.render import report_files

        audit, state, previous = self.audit, self.state, self.previous
        state.audit = digest((audit.as_of, audit.checks, audit.directives, audit.findings), 16)
        if (previous is not None and previous.audit == state.audit and len(previous.anchors) == len(audit.findings)
                and all(self.output.can_keep(path) for path in previous.audit_files)):
            for path in previous.audit_files:
                self.output.keep(path)
            state.audit_files, state.anchors = previous.audit_files, previous.anchors
        else:
            files, html = report_files(audit)
            for path, text in files.items():
                self.output.write(path, text)
            state.audit_files, state.anchors = sorted(files), list(html.anchors)
        self.findings = FindingIndex(audit, state.anchors)

    # -- pages ---------------------------------------------------------------

    def url_from(self, here: str) -> Callable[[str], str | None]:
        """Links from the page ``here`` to the page of an IRI (None when it has none), as :func:`relative_url`."""
        lookup = self.paths.getter()
        folder = here.rpartition("/")[0]
        if not folder:
            return lookup
        prefix, up = folder + "/", "../" * here.count("/")

        def url(iri: str) -> str | None:
            path = lookup(iri)
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
        self.summary.rendered += 1
        self.summary.by_kind[kind] = self.summary.by_kind.get(kind, 0) + 1

    def keep_page(self, here: str, kind: str) -> bool:
        """Keep the page at ``here`` as the last render wrote it (False: it is not there, render it)."""
        if not self.output.keep(here):
            return False
        self.summary.pages += 1
        self.summary.kept += 1
        self.summary.by_kind[kind] = self.summary.by_kind.get(kind, 0) + 1
        return True

    def facet_plan(self, changed: Collection[str] | None, candidates: set[str] | None = None) -> FacetPlan:
        """Record what each node's page shows; building on a render, the pages and Turtle files that changes:
        the part of :meth:`plan` the audit has no part in.

        ``candidates``, when given, names every node whose facets may differ from the last render's; the
        others' are taken from it.
        """
        items = self.node_items()
        previous = self.previous
        known = previous.nodes if previous is not None and changed is not None else None
        self.state.nodes = node_facets(self.data, self.index, candidates if known is not None else None, known)
        if previous is None or changed is None:
            return FacetPlan(items)
        moved = changed_facets(previous.nodes, self.state.nodes)
        self.moved = set().union(*moved.values())
        return FacetPlan(items, pages_to_render(self.data, self.index, moved), turtle_owners(changed, self.paths))

    def plan(self, facets: FacetPlan) -> list[tuple[str, str]]:
        """The nodes whose page or Turtle must be rendered (the rest is kept), once the audit's findings are
        known (:meth:`audit_pages`): those of ``facets``, and the pages whose findings changed. Without a
        render to build on, every node."""
        items, previous = facets.items, self.previous
        self.state.findings = finding_digests(self.findings, (iri for iri, _ in items), self.paths)
        if facets.pages is None or facets.turtles is None or previous is None:
            self._compile(items)
            return items
        findings, before = self.state.findings, previous.findings
        pages = facets.pages | {iri for iri in findings.keys() | before.keys() if findings.get(iri) != before.get(iri)}
        self.partial = {}
        todo = []
        for iri, kind in items:
            page = iri in pages or not self.keep_page(page_path(iri, kind), kind)
            turtle = iri in facets.turtles or not self.output.keep(rdf_path(iri, kind))
            if page or turtle:
                self.partial[iri, kind] = (page, turtle)
                todo.append((iri, kind))
        self._compile(todo)
        return todo

    def compile_templates(self) -> None:
        """Compile every template of the site, and the audit's when there is an audit to show."""
        for template in sorted((TEMPLATES / "site").glob("*.html.j2")):
            self.templates[template.name]
        if self.audited:
            from lineage.audit.render import compile_templates

            compile_templates()

    def _compile(self, items: list[tuple[str, str]]) -> None:
        """Compile the templates of ``items``, and find the path of every page, before any process is forked,
        rather than in each."""
        if len(items) >= MIN_ITEMS:
            for iri, _ in self.node_items():
                self.paths.get(iri)
            for kind in {kind for _, kind in items}:
                self.templates[f"{kind}.html.j2"]
            self.templates["macros.html.j2"]

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
        """The page of one document, part, task, body or target, with its Turtle and SPARQL (or what :meth:`plan` asks)."""
        page, turtle = self.partial.get((iri, kind), (True, True)) if self.partial is not None else (True, True)
        if turtle:
            self.output.write(rdf_path(iri, kind), statements_turtle(self.data.graph, iri))
        if not page:
            return
        here = page_path(iri, kind)
        url = self.url_from(here)
        if kind == "target":
            context = pages.target_context(self.data, self.index, iri, url, lambda focus: self._cached(focus, here))
        else:
            context = _BUILDERS[kind](self.data, self.index, iri, url)
        context.update(iri=iri, passages=self.data.passages.get(iri, []), findings=self._findings(iri, here),
                       audited=self.findings.audited, sparql=statements_query(iri))
        links = [
            {"href": rdf_path(iri, kind).rpartition("/")[2], "type": "text/turtle", "label": "rdf"},
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
        """One table per kind (documents, tasks, bodies, targets), in pages of :data:`LIST_ROWS` rows.

        An incremental render keeps a page whose rows (with their links) and pager are those it showed; the
        rows of a page showing the same nodes as before, none of whose facets changed, are not made again.
        """
        shown = self.previous.lists if self.previous is not None else {}
        moved, data = self.moved, self.data
        for key, order in list_order(data).items():
            for page in paginate(key, order, LIST_ROWS):
                here = page.pager.name(page.number)
                members = digest((key, page.pager, page.rows), 8)
                before = shown.get(here, "")
                rows = None
                if (moved is not None and before.startswith(members) and key not in READ_ELSEWHERE
                        and moved.isdisjoint(page.rows)):
                    sign = before  # the same nodes, none of which changed: the same rows
                else:
                    rows = [list_row(data, key, iri) for iri in page.rows]
                    sign = members + digest([(row, self.paths.get(row[0][0])) for row in rows], 16)
                self.state.lists[here] = sign
                if before == sign and self.keep_page(here, "list"):
                    continue
                self.page("list.html.j2", here, plain(key), "list",
                          {"list_key": key, "columns": LISTS[key], "pager": page.pager,
                           "rows": rows if rows is not None else [list_row(data, key, iri) for iri in page.rows]})

    def home(self) -> None:
        """The home page: counts, and the central directives with their coverage."""
        data = self.data
        counts = {"documents": len(data.documents), "tasks": len(data.tasks), "bodies": len(data.bodies),
                  "targets": len(data.values)}
        summary = self.audit.summary() if self.audit is not None else None
        self.page("index.html.j2", "index.html", plain("site_title"), "home",
                  {"counts": counts, "tables": coverage_tables(data), "audit_summary": summary})

    def search(self) -> None:
        """The search page and its index, in pieces under ``search/``.

        An incremental render reads again only the entries of nodes that changed,
        keeps the index when no entry did, and otherwise writes only the pieces
        that changed when the entries are numbered as before.
        """
        before = self.previous.entries if self.previous is not None and self.moved is not None else None
        moved = self.moved or set()
        entries = self.state.entries
        for iri in searchable(self.data):
            if before is not None and iri not in moved and iri in before:
                entries[iri] = before[iri]
            else:
                entries[iri] = [[e.kind, e.title, e.subtitle, e.url, e.key, e.symbol]
                                for e in node_entries(self.data, iri)]
        pieces = [path for path in self.output.previous if path.startswith("search/")]
        keepable = before is not None and all(self.output.can_keep(p) for p in pieces)
        if keepable and entries == before:
            for path in pieces:
                self.output.keep(path)
        else:
            files = None
            if keepable:
                base = self.output.base
                files = update_files((Entry(*e) for found in before.values() for e in found),  # type: ignore[union-attr]
                                     (Entry(*e) for found in entries.values() for e in found),
                                     lambda path: (base / path).read_text(encoding="utf-8"))
            if files is not None and not all(self.output.can_keep(p) for p, text in files.items() if text is None):
                files = None
            if files is None:
                files = dict(index_files(Entry(*e) for found in entries.values() for e in found))
            for path, text in files.items():
                if text is None:
                    self.output.keep(path)
                else:
                    self.output.write(path, text)
        self.page("search.html.j2", "search.html", plain("search"), "search", {})
