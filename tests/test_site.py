"""The static site: every page, safe stable names, RDF and SPARQL per page, search, links, escaping, the CLI."""

from __future__ import annotations

import atexit
import html
import json
import posixpath
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from lineage.audit import run_audit
from lineage.audit.model import AuditReport
from lineage.config import Config
from lineage.graphview import directive_graph
from lineage.refs import RefIndex
from lineage.site.collect import SiteData, collect
from lineage.site.i18n import STRINGS
from lineage.site.paths import PAGE_KINDS, page_path, rdf_path
from lineage.site.rdf import page_statements, stable_blank_nodes, statements_query
from lineage.site.render import LIST_ROWS, render_site
from lineage.site.search import Entry, read_index, search
from lineage.store import LoadedGraph, load
from lineage.text.normalize import fold

TASK_213 = "kh-dangu-vpubnd-2026-daihoi#PL3/II/2/2.13"
_HREF = re.compile(r'\s(?:href|src)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


@dataclass
class Site:
    """The corpus site, rendered once for the test session, with what it was rendered from."""

    root: Path
    graph: LoadedGraph
    data: SiteData
    refs: RefIndex
    audit: AuditReport

    def page(self, iri: str) -> str:
        return (self.root / page_path(iri, self.data.kind(iri) or "")).read_text(encoding="utf-8")

    def entries(self) -> list[Entry]:
        return read_index(self.root / "search")


@lru_cache(maxsize=1)
def corpus_site() -> Site:
    """Render the corpus site into a temporary folder (once per session; the browser tests share it)."""
    graph = load(Config.default(), prefer_disk=False)
    view = directive_graph(graph)
    report = run_audit(graph)
    root = Path(tempfile.mkdtemp(prefix="lineage-site-"))
    atexit.register(shutil.rmtree, root, True)
    render_site(graph, root, view=view, audit=report)
    return Site(root, graph, collect(graph, view), RefIndex(graph, view), report)


@pytest.fixture(scope="module")
def site(seeds_dir: Path) -> Site:
    return corpus_site()


# -- page names ---------------------------------------------------------------------


@given(st.text(max_size=300), st.sampled_from(PAGE_KINDS))
def test_page_names_are_safe_for_any_iri(text: str, kind: str) -> None:
    path = page_path(text, kind)
    assert re.fullmatch(rf"{kind}/[a-z0-9-]{{1,80}}-[0-9a-f]{{10}}\.html", path)
    assert ".." not in path and "\\" not in path


@given(st.lists(st.text(max_size=60), min_size=2, max_size=30, unique=True))
def test_different_iris_never_share_a_page(texts: list[str]) -> None:
    assert len({page_path(t, "task") for t in texts}) == len(texts)


def test_names_that_read_the_same_still_get_their_own_page() -> None:
    base = "https://w3id.org/lineage-vn/eli/vn-laichau/du/kh/2025/52/pl3/"
    twins = [base + "2.13", base + "2-13", base + "2_13", base.upper() + "2.13"]
    assert len({page_path(iri, "task") for iri in twins}) == len(twins)
    assert page_path("https://x.org/../../../etc/passwd", "document").startswith("document/etc-passwd-")
    with pytest.raises(ValueError, match="no page kind"):
        page_path("https://x.org/a", "../../etc")


def test_urls_are_stable_and_readable() -> None:
    assert page_path("https://w3id.org/lineage-vn/eli/vn/tw/nq/2024/57", "document") == (
        "document/vn-tw-nq-2024-57-111310c214.html"
    )
    assert page_path("https://w3id.org/lineage-vn/org/so-tai-chinh", "body").startswith("body/so-tai-chinh-")


def test_every_node_of_the_corpus_has_its_own_page(site: Site) -> None:
    data = site.data
    expected = {
        "document": data.documents, "part": data.parts, "task": data.tasks, "body": data.bodies,
        "target": data.values,
    }
    paths = set()
    for kind, items in expected.items():
        files = {p.name for p in (site.root / kind).glob("*.html")}
        assert len(files) == len(items) > 0
        for iri in items:
            path = page_path(iri, kind)
            assert Path(path).name in files
            paths.add(path)
    assert len(paths) == sum(len(items) for items in expected.values())  # no two nodes share a page


# -- content -----------------------------------------------------------------------------


def test_task_2_13_page_shows_its_chain_to_68_nq_tw(site: Site) -> None:
    task, nq68 = site.refs.resolve(TASK_213), site.refs.resolve("68-NQ/TW")
    page = site.page(task)
    assert f'href="../{page_path(nq68, "document")}"' in page
    assert "Chi bộ Kinh tế ngành – Văn xã" in page
    assert "Thực hiện hiệu quả Chương trình hành động của Tỉnh ủy thực hiện Nghị quyết số 68-NQ/TW" in page
    assert re.search(r'<span class="where">004[^<]*:622-622</span>', page)
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="lineage-diagram"') == 1
    assert f'data-id="{nq68}"' in page


def test_57_nq_tw_page_lists_what_implements_it(site: Site) -> None:
    nq57 = site.refs.resolve("57-NQ/TW")
    page = site.page(nq57)
    for symbol in ("63-CTr/TU", "978/KH-UBND", "576/KH-UBND"):
        assert f'href="{Path(page_path(site.refs.resolve(symbol), "document")).name}"' in page
    assert "22/12/2024" in page and "Bộ Chính trị" in page


def test_the_004_plan_page_expands_its_collapsed_task_lists(site: Site) -> None:
    plan = site.refs.resolve("kh-dangu-vpubnd-2026-daihoi")
    pl3 = site.refs.resolve("kh-dangu-vpubnd-2026-daihoi#PL3")
    page = site.page(plan)
    assert f'<a href="../{page_path(pl3, "part")}#contents">' in page or \
        f'<a href="{Path(page_path(pl3, "part")).name}#contents">' in page
    part_page = site.page(pl3)
    assert 'id="contents"' in part_page
    rows = re.findall(r'<td class="locator">', part_page)
    assert len(rows) == len(site.data.closure.children(pl3)) >= 150


def test_pages_show_the_audit_findings_about_them(site: Site) -> None:
    shown = 0
    for finding in site.audit.findings:
        for subject in finding.subjects:
            kind = site.data.kind(subject.iri)
            if kind:
                page = (site.root / page_path(subject.iri, kind)).read_text(encoding="utf-8")
                assert html.escape(finding.message["vi"], quote=False) in page
                shown += 1
    assert shown > 0
    quiet = site.refs.resolve("63-CTr/TU")
    if not site.audit.about(quiet):
        assert "Rà soát không có phát hiện nào về mục này." in site.page(quiet)
    assert (site.root / "audit" / "index.html").is_file()


def test_body_page_lists_tasks_as_lead_and_as_coordinator(site: Site) -> None:
    data = site.data
    body = next(iri for iri, roles in data.body_tasks.items() if roles.get("lead") and roles.get("coordinating"))
    page = site.page(body)
    for role in ("lead", "coordinating"):
        for task in data.body_tasks[body][role]:
            assert Path(page_path(task, "task")).name in page
    assert f"({len(data.body_tasks[body]['lead'])})" in page


def test_home_page_shows_the_coverage_of_central_directives(site: Site) -> None:
    home = (site.root / "index.html").read_text(encoding="utf-8")
    nq57 = site.refs.resolve("57-NQ/TW")
    row = re.search(rf'<tr><td><a href="{re.escape(page_path(nq57, "document"))}">57-NQ/TW</a></td>.*?</tr>',
                    home, re.DOTALL)
    assert row, "57-NQ/TW is listed among the central directives"
    numbers = [int(n) for n in re.findall(r'<td class="n">(?:<span[^>]*></span>)?(\d+)</td>', row.group(0))]
    below = site.data.closure.descendants(nq57)
    assert numbers[0] == sum(1 for n in below if n in site.data.documents)
    assert numbers[1] == sum(1 for n in below if n in site.data.tasks)


# -- RDF and SPARQL per page ------------------------------------------------------------


def test_every_page_links_to_its_turtle_and_the_sparql_that_produces_it(site: Site) -> None:
    data = site.data
    samples = [
        site.refs.resolve(TASK_213), site.refs.resolve("57-NQ/TW"), site.refs.resolve("kh-dangu-vpubnd-2026-daihoi#PL3"),
        next(iter(data.bodies)), next(iter(data.values)),
    ]
    for iri in samples:
        kind = data.kind(iri)
        assert kind
        page = site.page(iri)
        turtle_path = site.root / rdf_path(iri, kind)
        assert f'href="{turtle_path.name}"' in page and 'href="#sparql"' in page
        query = html.unescape(re.search(r'<pre class="sparql"><code>(.*?)</code></pre>', page, re.DOTALL).group(1))
        produced = Graph()
        for triple in site.graph.store.query(query, use_default_graph_as_union=True):
            produced.add(_rdflib_triple(triple))
        written = Graph().parse(turtle_path, format="turtle")
        assert len(written) > 0
        assert isomorphic(produced, written), f"{turtle_path.name} differs from what its query constructs"


def test_the_sparql_of_every_page_constructs_exactly_its_statements(site: Site) -> None:
    data = site.data
    for iri in [*data.documents, *data.parts, *data.tasks, *data.bodies, *data.values]:
        constructed = set(site.graph.store.query(statements_query(iri), use_default_graph_as_union=True))
        assert constructed == page_statements(site.graph, iri), iri
        assert constructed, iri


def test_the_turtle_of_a_task_holds_its_timing_and_lead(site: Site) -> None:
    task = site.refs.resolve(TASK_213)
    text = (site.root / rdf_path(task, "task")).read_text(encoding="utf-8")
    assert "Năm 2026 - 2030" in text and "chi-bo-kinh-te-nganh-van-xa" in text
    assert "lin:Task" in text


# -- links ------------------------------------------------------------------------------------


def internal_links(root: Path, pages: list[Path] | None = None) -> list[tuple[str, str]]:
    """Every relative href and src of every page of the site (or of ``pages``), as (page, link) from the root."""
    found = []
    for page in sorted(root.rglob("*.html")) if pages is None else pages:
        name = page.relative_to(root).as_posix()
        for href in _HREF.findall(page.read_text(encoding="utf-8")):
            href = html.unescape(href)
            if not re.match(r"^[a-z][a-z0-9+.-]*:", href):  # not http:, data:, mailto:
                found.append((name, href))
    return found


def broken_links(root: Path, pages: list[Path] | None = None) -> list[str]:
    """Links (of every page, or of ``pages``) whose file is missing or outside the site, or whose #fragment names no
    element."""
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    ids: dict[str, set[str]] = {}
    broken = []
    for page, href in internal_links(root, pages):
        parts = urlsplit(href)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) \
            if parts.path else page
        if target not in files:
            broken.append(f"{page} → {href}")
            continue
        if parts.fragment and target.endswith(".html"):
            if target not in ids:
                ids[target] = set(_ID.findall((root / target).read_text(encoding="utf-8")))
            if parts.fragment not in ids[target]:
                broken.append(f"{page} → {href} (no element with that id)")
    return broken


def test_the_link_check_finds_missing_files_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/b.html#here">b</a> <a href="a/gone.html">x</a>', "utf-8")
    (tmp_path / "a" / "b.html").write_text('<p id="there"></p><a href="../index.html">up</a>'
                                            '<a href="../../outside.html">out</a>', "utf-8")
    assert sorted(broken_links(tmp_path)) == [
        "a/b.html → ../../outside.html", "index.html → a/b.html#here (no element with that id)",
        "index.html → a/gone.html",
    ]


def test_every_internal_link_of_every_page_resolves(site: Site) -> None:
    links = internal_links(site.root)
    assert len(links) > 10_000
    assert broken_links(site.root) == []


# -- search ------------------------------------------------------------------------------------


def test_search_without_diacritics_finds_nghi_quyet_57(site: Site) -> None:
    entries = site.entries()
    nq57 = page_path(site.refs.resolve("57-NQ/TW"), "document")
    for query in ("nghi quyet 57", "Nghị quyết 57", "NGHI QUYET 57", "57-nq/tw"):
        assert search(entries, query)[0].url == nq57, query
    assert {e.kind for e in entries} == {"document", "task", "body"}
    assert all(fold(e.key) == e.key for e in entries)


def test_search_finds_tasks_and_bodies(site: Site) -> None:
    entries = site.entries()
    body = next(e for e in search(entries, "bo chinh tri") if e.kind == "body")
    assert body.title == "Bộ Chính trị"
    found = search(entries, "kinh te tu nhan 2.13")
    assert page_path(site.refs.resolve(TASK_213), "task") in [e.url for e in found[:5]]
    assert search(entries, "khong co gi nhu the nay xyz") == []


def test_the_search_script_keeps_the_index_inert(site: Site) -> None:
    files = sorted((site.root / "search").glob("*.js"))
    head = (site.root / "search" / "index.js").read_text(encoding="utf-8")
    assert head.startswith("window.LINEAGE_SEARCH = {")
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert "<" not in text, file.name
        assert file.name == "index.js" or text.startswith(f'window.LINEAGE_SEARCH_PART("{file.stem}", ')
    payload = json.loads(head.removeprefix("window.LINEAGE_SEARCH = ").rstrip().rstrip(";"))
    assert payload["count"] == len(site.entries()) == len(site.data.documents) + len(site.data.tasks) + len(
        site.data.bodies)
    assert len(files) == 1 + len(payload["chunks"]) + sum(len(names) for names in payload["shards"].values())


# -- interface text -------------------------------------------------------------------------------


def test_every_interface_string_is_in_vietnamese_and_english() -> None:
    for key, text in STRINGS.items():
        assert text.get("vi") and text.get("en"), key
    templates = Path(__file__).resolve().parent.parent / "lineage" / "templates" / "site"
    used = set()
    for template in templates.glob("*.j2"):
        used |= set(re.findall(r"""\b(?:t|plain)\(['"]([a-z_]+)['"]\)""", template.read_text(encoding="utf-8")))
    assert used and used <= set(STRINGS)


# -- escaping and the command ---------------------------------------------------------------------

EVIL = """
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix lin: <https://w3id.org/lineage-vn/def#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix lin-type: <https://w3id.org/lineage-vn/scheme/document-type/> .

<https://w3id.org/lineage-vn/eli/vn-x/tu/kh/2026/666> a eli:LegalResource ;
    eli:id_local "666-KH/TU<script>alert(1)</script>" ;
    eli:type_document lin-type:kh ;
    eli:passed_by <https://w3id.org/lineage-vn/org/evil> ;
    dcterms:title "Kế hoạch \\"trích dẫn\\" <script>alert('x')</script>"@vi ;
    eli:ensures_implementation_of <https://w3id.org/lineage-vn/eli/vn/tw/nq/2024/57> .

<https://w3id.org/lineage-vn/eli/vn-x/tu/kh/2026/666/1> a lin:Task ;
    eli:is_part_of <https://w3id.org/lineage-vn/eli/vn-x/tu/kh/2026/666> ;
    lin:locator "1\\"><img src=x onerror=alert(2)>" ;
    dcterms:description "</script><script>alert(3)</script> \\u2028"@vi .

<https://w3id.org/lineage-vn/org/evil> a org:Organization ;
    skos:prefLabel "Sở <b onmouseover=\\"alert(4)\\">Ác</b>"@vi .
"""


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, LoadedGraph]:
    data = tmp_path_factory.mktemp("evil") / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "mini", data)
    (data / "sources" / "evil.ttl").write_text(EVIL, encoding="utf-8")
    graph = load(Config.default().with_data(data), prefer_disk=False)
    out = data.parent / "site"
    out.mkdir()
    render_site(graph, out)
    return out, graph


def test_markup_and_quotes_in_the_data_render_as_text(evil_site: tuple[Path, LoadedGraph]) -> None:
    out, _ = evil_site
    document = "https://w3id.org/lineage-vn/eli/vn-x/tu/kh/2026/666"
    for iri, kind in ((document, "document"), (document + "/1", "task"),
                      ("https://w3id.org/lineage-vn/org/evil", "body")):
        page = (out / page_path(iri, kind)).read_text(encoding="utf-8")
        for raw in ("<script>alert", "<img src=x", "<b onmouseover", "alert(3)</script>"):
            assert raw not in page, (kind, raw)
        scripts = re.findall(r"<script\b[^>]*>", page)
        assert all('src="' in tag for tag in scripts)  # only the site's own script files
    page = (out / page_path(document, "document")).read_text(encoding="utf-8")
    assert "666-KH/TU&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Kế hoạch &#34;trích dẫn&#34; &lt;script&gt;" in page
    svg = re.search(r"<svg.*?</svg>", page, re.DOTALL).group(0)
    tree = ET.fromstring(svg)  # the SVG inside the page is well-formed XML with the label as text
    assert any("<script>alert(1)" in "".join(t.itertext()) for t in tree.iter("{http://www.w3.org/2000/svg}text"))
    for index in (out / "search").glob("*.js"):
        text = index.read_text(encoding="utf-8")
        assert "<" not in text and "\u2028" not in text
    assert broken_links(out) == []


def test_site_command_writes_the_site_atomically(run_cli: Callable[..., object], tmp_path: Path,
                                                 mini_copy: Path) -> None:
    out = tmp_path / "site"
    result = run_cli("site", "--data", str(mini_copy), "--out", str(out), "--no-audit")
    assert result.code == 0, result.err
    assert (out / "index.html").is_file() and (out / "search.html").is_file()
    assert "site / trang web:" in result.err
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    (mini_copy / "sources" / "broken.ttl").write_text("<a> <b> ", encoding="utf-8")
    result = run_cli("site", "--data", str(mini_copy), "--out", str(out), "--no-audit")
    assert result.code == 2 and "broken.ttl" in result.err
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def _rdflib_triple(triple: ox.Triple) -> tuple[object, object, object]:
    from rdflib import BNode, Literal, URIRef

    def term(t: object) -> object:
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        assert isinstance(t, ox.Literal)
        plain = t.language or t.datatype.value == "http://www.w3.org/2001/XMLSchema#string"
        return Literal(t.value, lang=t.language, datatype=None if plain else URIRef(t.datatype.value))

    return term(triple.subject), term(triple.predicate), term(triple.object)


# -- in place: a render rewrites only what changed ------------------------------------------------------

TASK_1 = "https://w3id.org/lineage-vn/eli/vn-x/tu/kh/2026/5/pl01/1"
TASK_2 = "https://w3id.org/lineage-vn/eli/vn-x/tu/kh/2026/5/pl01/2"
REPORT = "https://w3id.org/lineage-vn/eli/unnumbered/bc-ubnd-x"


def _render_mini(data: Path, out: Path) -> tuple[object, dict[str, int]]:
    """Render the site of ``data`` (loaded anew, as a new process would) and the mtime of every file after."""
    summary = render_site(load(Config.default().with_data(data), prefer_disk=False), out)
    return summary, {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def test_a_second_render_rewrites_only_the_pages_an_edit_touches(tmp_path: Path, mini_copy: Path) -> None:
    out = tmp_path / "site"
    first, before = _render_mini(mini_copy, out)
    assert first.written == len(first.files) > 30 and first.unchanged == first.removed == 0
    again, after = _render_mini(mini_copy, out)  # blank nodes get new names on each load: files stay the same
    assert (again.written, again.unchanged, again.removed) == (0, len(first.files), 0)
    assert after == before

    source = mini_copy / "sources" / "s1.ttl"
    source.write_text(source.read_text(encoding="utf-8").replace(
        '"Xây dựng cơ sở dữ liệu đất đai"@vi', '"Xây dựng cơ sở dữ liệu đất đai và nhà ở"@vi'), encoding="utf-8")
    edited, after = _render_mini(mini_copy, out)
    changed = {path for path, mtime in after.items() if before.get(path) != mtime} - {".lineage-site.json"}
    assert edited.written == len(changed) and edited.removed == 0
    assert {page_path(TASK_1, "task"), rdf_path(TASK_1, "task"), "tasks.html"} <= changed
    assert "và nhà ở" in (out / page_path(TASK_1, "task")).read_text(encoding="utf-8")
    graph = load(Config.default().with_data(mini_copy), prefer_disk=False)
    data = collect(graph, directive_graph(graph))
    shown_with_it = {TASK_1, *data.closure.ancestors(TASK_1), *data.roles[TASK_1]["lead"],
                     *data.roles[TASK_1].get("coordinating", [])}
    allowed = {page_path(iri, data.kind(iri) or "") for iri in shown_with_it} | {rdf_path(TASK_1, "task")}
    pieces = {path for path in changed if path.startswith("search/")}
    assert pieces and changed - pieces - {"tasks.html"} <= allowed  # nothing else was rewritten
    assert page_path(TASK_2, "task") not in changed and page_path(REPORT, "document") not in changed


def test_the_pages_of_nodes_that_left_the_data_are_removed(tmp_path: Path, mini_copy: Path) -> None:
    out = tmp_path / "site"
    _render_mini(mini_copy, out)
    assert (out / page_path(REPORT, "document")).is_file()
    (out / "notes.txt").write_text("kept: not written by lineage", encoding="utf-8")
    (mini_copy / "sources" / "s2.ttl").unlink()
    summary, after = _render_mini(mini_copy, out)
    assert summary.removed == 2  # the report's page and its Turtle
    assert not (out / page_path(REPORT, "document")).exists() and not (out / rdf_path(REPORT, "document")).exists()
    assert "notes.txt" in after
    assert broken_links(out) == []


def test_a_site_folder_without_manifest_is_compared_byte_for_byte(tmp_path: Path, mini_copy: Path) -> None:
    out = tmp_path / "site"
    first, before = _render_mini(mini_copy, out)
    (out / ".lineage-site.json").unlink()
    (out / "index.html").write_text("changed by hand", encoding="utf-8")
    again, after = _render_mini(mini_copy, out)
    assert (again.written, again.unchanged) == (1, len(first.files) - 1)
    assert {p for p in after if after[p] != before.get(p)} == {"index.html", ".lineage-site.json"}


def test_site_command_updates_the_folder_in_place_and_counts(run_cli: Callable[..., object], tmp_path: Path,
                                                            mini_copy: Path) -> None:
    out = tmp_path / "site"
    assert run_cli("site", "--data", str(mini_copy), "--out", str(out), "--no-audit").code == 0
    result = run_cli("site", "--data", str(mini_copy), "--out", str(out), "--no-audit")
    assert result.code == 0, result.err
    assert re.search(r"written 0 / ghi 0 · unchanged (\d+) / giữ nguyên \1 · removed 0 / xoá 0", result.err)


# -- national scale: bounded pages, split lists, search and audit ------------------------------------------

PAGE_LIMIT = 1_000_000


@dataclass
class SynthSite:
    """The site of the synthetic ``small`` corpus (about 116,000 triples), rendered once with its audit."""

    root: Path
    data: SiteData
    audit: AuditReport
    summary: object


@pytest.fixture(scope="module")
def synth_site(tmp_path_factory: pytest.TempPathFactory) -> SynthSite:
    from lineage.synth.generate import SIZES, generate

    folder = tmp_path_factory.mktemp("synth") / "small"
    config = Config.default()
    generate(SIZES["small"], folder, config.base_iri)
    graph = load(config.with_data(folder), prefer_disk=False)
    view = directive_graph(graph)
    audit = with_a_wide_finding(run_audit(graph, view=view))
    root = folder.parent / "site"
    summary = render_site(graph, root, view=view, audit=audit, workers=2)
    return SynthSite(root, collect(graph, view), audit, summary)


def with_a_wide_finding(audit: AuditReport) -> AuditReport:
    """The report plus one finding about every task its other findings name (more than a page shows).

    The audit itself bounds its findings; the site must still cut short one that is wider.
    """
    from dataclasses import replace

    tasks = {s.iri: s for f in audit.findings for s in f.subjects if s.kind == "task"}
    template = next(f for f in audit.findings if f.check == "duplication")
    wide = replace(template, subjects=tuple(tasks[iri] for iri in sorted(tasks)))
    assert len(wide.subjects) > 100
    return replace(audit, findings=[*audit.findings, wide])


def test_no_page_of_the_synthetic_small_site_is_over_1_mb(synth_site: SynthSite) -> None:
    root = synth_site.root
    sizes = {p.relative_to(root).as_posix(): p.stat().st_size for p in root.rglob("*")
             if p.suffix in (".html", ".js", ".json") and p.name != ".lineage-site.json"}
    pages = {path: size for path, size in sizes.items() if path not in ("audit/report.json",)}
    assert len(pages) > 3000
    assert max(pages.values()) < PAGE_LIMIT, max(pages.items(), key=lambda item: item[1])
    assert synth_site.summary.largest_page == max(pages.items(), key=lambda item: item[1])  # type: ignore[attr-defined]
    assert sizes["audit/report.json"] > PAGE_LIMIT  # the whole report stays one download


def test_lists_are_split_into_linked_pages(synth_site: SynthSite) -> None:
    root, data = synth_site.root, synth_site.data
    list_pages = sorted(root.glob("tasks*.html"), key=lambda p: len(p.name))
    assert len(list_pages) == -(-len(data.tasks) // LIST_ROWS) > 1
    rows = sum(len(re.findall(r"<tr><td>", p.read_text(encoding="utf-8"))) for p in list_pages)
    assert rows == len(data.tasks)
    first, second = (root / "tasks.html").read_text(encoding="utf-8"), (root / "tasks-2.html").read_text("utf-8")
    assert '<a rel="next" href="tasks-2.html">' in first and 'rel="prev"' not in first
    assert '<a rel="prev" href="tasks.html">' in second
    assert f"({LIST_ROWS + 1}–{min(2 * LIST_ROWS, len(data.tasks))} / {len(data.tasks)})" in second


def test_the_split_search_index_answers_as_the_whole_one(synth_site: SynthSite) -> None:
    from lineage.site.lists import search_entries

    pieces = list((synth_site.root / "search").glob("s-*.js"))
    chunks = list((synth_site.root / "search").glob("e-*.js"))
    assert len(pieces) > 10 and len(chunks) > 1
    entries = read_index(synth_site.root / "search")
    whole = search_entries(synth_site.data)
    assert sorted(e.url for e in entries) == sorted(e.url for e in whole)
    for query in ("nghi quyet 57", "ke hoach ubnd", "so tai chinh", "200/kh", "thuc hien chuong trinh 2026"):
        found = [e.url for e in search(entries, query)]
        assert found and found == [e.url for e in search(whole, query)], query


def test_a_finding_about_many_subjects_is_cut_short_on_pages_and_whole_in_the_audit(synth_site: SynthSite) -> None:
    root = synth_site.root
    widest = max(synth_site.audit.findings, key=lambda f: len(f.subjects))
    assert len(widest.subjects) > 100
    task = next(s.iri for s in widest.subjects if s.kind == "task")
    page = (root / page_path(task, "task")).read_text(encoding="utf-8")
    items = re.finditer(r'<li class="finding [a-z]+">.*?</li>\n', page, re.DOTALL)
    item = next((i for i in items if f"(+{len(widest.subjects) - 20})" in i.group(0)), None)
    assert item is not None
    href = re.search(r'<p class="more"><a href="\.\./(audit/[^"#]+)#([^"]+)">', item.group(0))
    assert href
    audit_pages = sorted((root / "audit").glob(f"{widest.check}*.html"))
    assert len(audit_pages) > 1
    listed = "".join(p.read_text(encoding="utf-8") for p in audit_pages)
    for subject in widest.subjects:
        assert f'<span class="where">{subject.iri}</span>' in listed
    assert f'id="{href.group(2)}"' in (root / href.group(1)).read_text(encoding="utf-8")


def test_the_synthetic_site_links_resolve(synth_site: SynthSite) -> None:
    root = synth_site.root
    widest = max(synth_site.audit.findings, key=lambda f: len(f.subjects))
    about_it = [root / page_path(s.iri, s.kind or "") for s in widest.subjects[:100] if s.kind]
    pages = [*root.glob("*.html"), *(root / "audit").glob("*.html"), *about_it,
             *(min((root / kind).glob("*.html")) for kind in PAGE_KINDS)]
    assert len(internal_links(root, pages)) > 10_000
    assert broken_links(root, pages) == []


def test_the_site_reads_the_facts_the_diagrams_use(site: Site) -> None:
    from lineage.diagram import fact_book

    assert site.data.facts == fact_book(site.graph, directive_graph(site.graph))


def test_a_diagram_down_too_large_to_read_is_drawn_less_deep(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from lineage.site import diagrams

    nq57 = site.refs.resolve("57-NQ/TW")
    whole = diagrams.page_diagram(site.data, nq57, "both", lambda iri: None)
    monkeypatch.setattr(diagrams, "MAX_BOXES", 3)
    shallow = diagrams.page_diagram(site.data, nq57, "both", lambda iri: None)
    boxes = set(re.findall(r'<g class="box[^"]*" data-id="([^"]+)"', shallow))
    assert len(boxes) < len(set(re.findall(r'<g class="box[^"]*" data-id="([^"]+)"', whole)))
    assert set(site.data.closure.children(nq57)) <= boxes  # what carries it out directly is always drawn


# -- incremental: told what changed, a render renders only the pages showing it -------------------------

TINY_BASE = "https://w3id.org/lineage-vn/eli/vn-hanoi/"
PLAN_100, PLAN_102, PROGRAMME_10 = (TINY_BASE + "ubnd/kh/2026/100", TINY_BASE + "ubnd/kh/2026/102",
                                    TINY_BASE + "tu/ctr/2026/10")
NQ_57 = "https://w3id.org/lineage-vn/eli/vn/tw/nq/2024/57"
ELI, LIN, ORG = "http://data.europa.eu/eli/ontology#", "https://w3id.org/lineage-vn/def#", "https://w3id.org/lineage-vn/org/"
Edit = Callable[[Path], None]


def _replace(path: str, old: str, new: str, count: int = 1) -> Edit:
    def edit(data: Path) -> None:
        text = (data / path).read_text(encoding="utf-8")
        assert text.count(old) >= count, f"{old!r} not in {path}: the synthetic corpus changed"
        (data / path).write_text(text.replace(old, new, count), encoding="utf-8")
    return edit


def _drop(path: str, *needles: str) -> Edit:
    def edit(data: Path) -> None:
        lines = (data / path).read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if not any(needle in line for needle in needles)]
        assert len(kept) < len(lines), f"{needles} not in {path}: the synthetic corpus changed"
        (data / path).write_text("".join(kept), encoding="utf-8")
    return edit


def _append(path: str, statement: str) -> Edit:
    def edit(data: Path) -> None:
        with (data / path).open("a", encoding="utf-8") as file:
            file.write(statement + "\n")
    return edit


def _delete(path: str) -> Edit:
    return lambda data: (data / path).unlink()


def _copy_renamed(path: str, new: str, number: str, renumbered: str) -> Edit:
    def edit(data: Path) -> None:
        text = (data / path).read_text(encoding="utf-8")
        for old in (f"kh/2026/{number}", f"-kh-{number}", f"{number}/KH-UBND"):
            text = text.replace(old, old.replace(number, renumbered))
        (data / new).write_text(text, encoding="utf-8")
    return edit


def _both(*edits: Edit) -> Edit:
    def edit(data: Path) -> None:
        for each in edits:
            each(data)
    return edit


_SYMBOL_10 = f"<{PROGRAMME_10}> <{ELI}id_local> "
EDITS: dict[str, Edit] = {
    "task text": _replace("sources/p00-kh-100.ttl", '"Nghiên cứu, đề xuất dự án năng lượng tái tạo (Hà Nội, 100/KH-UBND, '
                          'nhiệm vụ 1)"@vi', '"Nghiên cứu lại dự án"@vi'),
    "document date": _replace("sources/p00-kh-100.ttl", '"2026-02-10"^^', '"2026-03-11"^^'),
    "document title": _replace("sources/p00-kh-100.ttl", '"Kế hoạch thực hiện Nghị quyết số 57-NQ/TW về',
                               '"Kế hoạch mới về'),
    "programme symbol": _both(_replace("sources/p00-ctr-10.ttl", _SYMBOL_10 + '"10-CTr/TU"', _SYMBOL_10 + '"10b-CTr/TU"'),
                              _replace("sources/p00-kh-100.ttl", _SYMBOL_10 + '"10-CTr/TU"', _SYMBOL_10 + '"10b-CTr/TU"')),
    "title above a target": _replace("sources/p00-kh-102.ttl", '"Chương trình hành động"@vi', '"Chương trình mới"@vi'),
    "task removed": _drop("sources/p00-kh-100.ttl", f"<{PLAN_100}/pl1/1>", f"<{PLAN_100}/pl1/1/"),
    "task moved": _replace("sources/p00-kh-100.ttl", f"<{PLAN_100}/pl1/1> <{ELI}is_part_of> <{PLAN_100}/pl1>",
                           f"<{PLAN_100}/pl1/1> <{ELI}is_part_of> <{PLAN_100}>"),
    "tasks reordered": _both(
        _replace("sources/p00-kh-100.ttl", f'<{PLAN_100}/pl1/1> <{LIN}sequence> "1"', f'<{PLAN_100}/pl1/1> <{LIN}sequence> "3"'),
        _replace("sources/p00-kh-100.ttl", f'<{PLAN_100}/pl1/3> <{LIN}sequence> "3"', f'<{PLAN_100}/pl1/3> <{LIN}sequence> "1"')),
    "lead becomes coordinator": _replace("sources/p00-kh-100.ttl", "/pl1/1/lead/1> <http://data.europa.eu/eli/eli-draft-"
                                         "legislation-ontology#participation_role> <https://w3id.org/lineage-vn/scheme/role/lead>",
                                         "/pl1/1/lead/1> <http://data.europa.eu/eli/eli-draft-legislation-ontology#"
                                         "participation_role> <https://w3id.org/lineage-vn/scheme/role/coordinating>"),
    "citation added": _append("sources/p00-kh-100.ttl", f"<{PLAN_100}> <{ELI}cites> <{PLAN_102}> ."),
    "implementation added": _append("sources/p00-kh-100.ttl", f"<{PLAN_100}> <{ELI}ensures_implementation_of> <{NQ_57}> ."),
    "implementation removed": _drop("sources/p00-kh-100.ttl", f"<{PLAN_100}> <{ELI}ensures_implementation_of>"),
    "body renamed": _replace("bodies.ttl", '"Sở Tài chính tỉnh Hà Nội"@vi', '"Sở Tài chính thành phố Hà Nội"@vi', 2),
    "issuer renamed": _replace("bodies.ttl", '"Ủy ban nhân dân tỉnh Hà Nội"@vi', '"UBND thành phố Hà Nội"@vi', 2),
    "body moved": _replace("bodies.ttl", f"so-tai-chinh-tinh-ha-noi> <http://www.w3.org/ns/org#subOrganizationOf> "
                           f"<{ORG}uy-ban-nhan-dan-tinh-ha-noi>", f"so-tai-chinh-tinh-ha-noi> <http://www.w3.org/ns/org#"
                           f"subOrganizationOf> <{ORG}ban-thuong-vu-tinh-uy-ha-noi>"),
    "body removed": _drop("bodies.ttl", f"<{ORG}so-xay-dung-tinh-ha-noi> "),
    "target changed": _replace("sources/p00-kh-102.ttl", '"31 doanh nghiệp"', '"32 doanh nghiệp"'),
    "target responsibility moved": _replace("sources/p00-kh-102.ttl", f"value/1> <{LIN}responsible> <{ORG}uy-ban-nhan-"
                                            "dan-tinh-ha-noi>", f"value/1> <{LIN}responsible> <{ORG}so-tai-chinh-tinh-ha-noi>"),
    "inferred link removed": _drop("inferred.ttl", f"<{ELI}cites>"),
    "report statement changed": _replace("sources/p00-bc-50.ttl", '"Đã ban hành kế hoạch thực hiện Nghị quyết số '
                                         '57-NQ/TW"@vi', '"Chưa ban hành"@vi'),
    "file deleted": _delete("sources/p00-kh-102.ttl"),
    "file added": _copy_renamed("sources/p00-kh-100.ttl", "sources/p00-kh-109.ttl", "100", "109"),
}
AUDITED = ("task text", "document date", "task removed", "body renamed", "file deleted")
"""The edits also rendered with the audit's findings on the pages."""


def _statements(folder: Path) -> set[tuple[str, ox.Triple]]:
    """Every statement of the Turtle files under ``folder``, with its file; blank nodes named by their content."""
    found = set()
    for path in sorted(folder.rglob("*.ttl")):
        triples = {quad.triple for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}
        found |= {(path.relative_to(folder).as_posix(), t) for t in stable_blank_nodes(triples)}
    return found


def changed_iris(before: Path, after: Path) -> set[str]:
    """What a build names as changed: the IRI subjects and objects of the statements that came or went,
    a blank node standing for the IRIs whose statements reach it."""
    old, new = _statements(before), _statements(after)
    reaching: dict[object, set[object]] = defaultdict(set)
    for _, triple in old | new:
        reaching[triple.object].add(triple.subject)
    found: set[str] = set()
    for _, triple in old ^ new:
        terms, seen = [triple.subject, triple.object], set()
        while terms:
            term = terms.pop()
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
            elif isinstance(term, ox.BlankNode) and term not in seen:
                seen.add(term)
                terms.extend(reaching[term])
    return found


def _render_with(data: Path, out: Path, audited: bool, changed: set[str] | None = None) -> Any:
    graph = load(Config.default().with_data(data), prefer_disk=False)
    view = directive_graph(graph)
    audit = run_audit(graph, view=view) if audited else None
    return render_site(graph, out, view=view, audit=audit, changed=changed, workers=1)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def tiny_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny synthetic corpus, and its site rendered whole, without and with the audit."""
    from lineage.synth.generate import SynthSpec, generate

    root = tmp_path_factory.mktemp("incremental")
    generate(SynthSpec(provinces=2, ministries=2, directives=3, tasks_per_plan=8, seed=3), root / "data",
             Config.default().base_iri)
    for audited in (False, True):
        _render_with(root / "data", root / f"site-{audited}", audited)
    return root


@pytest.mark.parametrize(("name", "audited"), [*((name, False) for name in EDITS), *((name, True) for name in AUDITED)])
def test_an_incremental_render_gives_the_files_of_a_whole_one(tiny_sites: Path, tmp_path: Path, name: str,
                                                              audited: bool) -> None:
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(tiny_sites / "data", data)
    shutil.copytree(tiny_sites / f"site-{audited}", site)
    EDITS[name](data)
    changed = changed_iris(tiny_sites / "data", data)
    assert changed
    incremental = _render_with(data, site, audited, changed)
    whole = _render_with(data, tmp_path / "whole", audited)
    ours, theirs = _tree(site), _tree(tmp_path / "whole")
    assert sorted(ours) == sorted(theirs)
    assert [path for path in sorted(ours) if ours[path] != theirs[path]] == []  # the manifest too
    assert incremental.incremental and not whole.incremental and incremental.written > 0
    assert (incremental.pages, incremental.by_kind) == (whole.pages, whole.by_kind)
    assert incremental.rendered + incremental.kept == incremental.pages == whole.rendered
    assert incremental.kept > incremental.rendered  # most pages were not rendered again


def test_an_incremental_render_of_a_blank_node_file_renders_the_task_it_edits(tmp_path: Path, mini_copy: Path) -> None:
    before = tmp_path / "before"
    shutil.copytree(mini_copy, before)
    site = tmp_path / "site"
    _render_with(mini_copy, site, True)
    source = mini_copy / "sources" / "s1.ttl"
    source.write_text(source.read_text(encoding="utf-8").replace(
        '"Xây dựng cơ sở dữ liệu đất đai"@vi', '"Xây dựng cơ sở dữ liệu đất đai và nhà ở"@vi'), encoding="utf-8")
    changed = changed_iris(before, mini_copy)
    assert changed == {TASK_1}  # the blank nodes (timing, participations) read the same
    summary = _render_with(mini_copy, site, True, changed)
    _render_with(mini_copy, tmp_path / "whole", True)
    assert _tree(site) == _tree(tmp_path / "whole")
    assert "và nhà ở" in (site / page_path(TASK_1, "task")).read_text(encoding="utf-8")
    assert summary.incremental and 0 < summary.rendered < summary.kept


def test_an_incremental_render_with_nothing_changed_renders_only_home_and_search(tiny_sites: Path,
                                                                               tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(tiny_sites / "site-True", site)
    before = _tree(site)
    summary = _render_with(tiny_sites / "data", site, True, set())
    assert summary.incremental and summary.written == summary.removed == 0
    assert (summary.rendered, summary.by_kind["home"], summary.by_kind["search"]) == (2, 1, 1)
    assert _tree(site) == before


def test_an_incremental_render_without_a_render_to_build_on_renders_everything(tiny_sites: Path,
                                                                               tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(tiny_sites / "site-False", site)
    other_options = _render_with(tiny_sites / "data", site, True, set())  # the site was rendered without the audit
    assert not other_options.incremental and other_options.kept == 0
    (site / ".lineage-site.json").unlink()
    no_manifest = _render_with(tiny_sites / "data", site, True, set())
    assert not no_manifest.incremental and no_manifest.rendered == no_manifest.pages
    assert _tree(site) == _tree(tiny_sites / "site-True")


# -- a build's site: patched data, files linked from the previous build ----------------------------------------


def _loaded(data: Path) -> tuple[LoadedGraph, Any]:
    graph = load(Config.default().with_data(data), prefer_disk=False)
    return graph, directive_graph(graph)


def _same_data(patched: SiteData, whole: SiteData) -> None:
    """Every part of the site's data equal, and in the same order where order shows."""
    for name in ("documents", "tasks", "bodies", "values", "parts"):
        assert list(getattr(patched, name).items()) == list(getattr(whole, name).items()), name
    for name in ("facts", "passages", "reports", "roles", "body_tasks", "type_labels", "level_labels"):
        assert getattr(patched, name) == getattr(whole, name), name
    for iri, by_role in whole.roles.items():
        assert list(patched.roles[iri]) == list(by_role)


@pytest.mark.parametrize("name", EDITS)
def test_patched_data_is_the_data_of_the_new_graph(tiny_sites: Path, tmp_path: Path, name: str) -> None:
    from lineage.site.fingerprint import node_facets
    from lineage.site.pages import PageIndex
    from lineage.site.patch import patch

    data = tmp_path / "data"
    shutil.copytree(tiny_sites / "data", data)
    EDITS[name](data)
    old_graph, old_view = _loaded(tiny_sites / "data")
    before = collect(old_graph, old_view)
    graph, view = _loaded(data)
    patched = patch(before, graph, view, changed_iris(tiny_sites / "data", data))
    assert patched is not None
    whole = collect(graph, view)
    _same_data(patched.data, whole)
    old, new = node_facets(before, PageIndex(before)), node_facets(whole, PageIndex(whole))
    moved = {iri for iri in old.keys() | new.keys() if old.get(iri) != new.get(iri)}
    assert moved <= patched.candidates  # every node whose facets changed was looked at again


@pytest.mark.parametrize(("name", "audited"), [*((name, False) for name in EDITS), *((name, True) for name in AUDITED)])
def test_a_build_site_over_the_previous_one_is_a_whole_render(tiny_sites: Path, tmp_path: Path, name: str,
                                                              audited: bool) -> None:
    from lineage.site.render import render_build_site
    from lineage.site.snapshot import snapshot_path

    data = tmp_path / "data"
    shutil.copytree(tiny_sites / "data", data)
    old_graph, old_view = _loaded(data)
    previous = tmp_path / "before" / "site"
    render_build_site(old_graph, previous, previous=None, view=old_view, workers=1,
                      audit=run_audit(old_graph, view=old_view) if audited else None)
    assert snapshot_path(previous).is_dir() and not snapshot_path(previous).is_relative_to(previous)
    kept = _tree(previous)
    EDITS[name](data)
    graph, view = _loaded(data)
    audit = run_audit(graph, view=view) if audited else None
    out = tmp_path / "after" / "site"
    summary = render_build_site(graph, out, previous=previous, view=view, audit=audit, workers=1,
                                changed=changed_iris(tiny_sites / "data", data))
    whole = render_site(graph, tmp_path / "whole", view=view, audit=audit, workers=1)
    ours, theirs = _tree(out), _tree(tmp_path / "whole")
    assert sorted(ours) == sorted(theirs)
    assert [path for path in sorted(ours) if ours[path] != theirs[path]] == []
    assert _tree(previous) == kept  # the previous site is only read
    assert summary.incremental and summary.kept > summary.rendered > 0
    assert (summary.pages, summary.by_kind) == (whole.pages, whole.by_kind)
    inode = (out / "static" / "site.css").stat().st_ino
    assert inode == (previous / "static" / "site.css").stat().st_ino  # kept files are linked, not copied


def test_a_build_site_without_a_snapshot_reads_the_whole_graph(tiny_sites: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from lineage.site import render as render_module
    from lineage.site.render import render_build_site
    from lineage.site.snapshot import snapshot_path

    def no_patch(*args: object, **kwargs: object) -> None:
        raise AssertionError("a damaged snapshot must not be patched")

    monkeypatch.setattr(render_module, "patch", no_patch)
    graph, view = _loaded(tiny_sites / "data")
    previous = tmp_path / "before" / "site"
    render_build_site(graph, previous, previous=None, view=view, workers=1)
    (snapshot_path(previous) / "base.pickle").write_bytes(b"not a snapshot")
    summary = render_build_site(graph, tmp_path / "after" / "site", previous=previous, view=view, workers=1,
                                changed=set())
    assert summary.incremental and summary.rendered == 2  # home and search
    assert _tree(tmp_path / "after" / "site") == _tree(previous)


def test_a_build_site_over_a_previous_site_without_manifest_writes_every_file(tiny_sites: Path,
                                                                             tmp_path: Path) -> None:
    """Without a manifest nothing says what the previous folder holds: every file is written, none left out."""
    from lineage.site.output import MANIFEST
    from lineage.site.render import render_build_site

    graph, view = _loaded(tiny_sites / "data")
    previous = tmp_path / "before" / "site"
    render_build_site(graph, previous, previous=None, view=view, workers=1)
    expected = _tree(previous)
    (previous / MANIFEST).unlink()
    render_build_site(graph, tmp_path / "after" / "site", previous=previous, view=view, workers=1, changed=set())
    assert _tree(tmp_path / "after" / "site") == expected


def test_the_index_updated_piece_by_piece_is_the_index_written_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from lineage.site import search as search_module
    from lineage.site.search import index_files, update_files

    monkeypatch.setattr(search_module, "SHARD_BUDGET", 400)  # many shards and chunks, split posting lists
    monkeypatch.setattr(search_module, "CHUNK_BUDGET", 300)
    pick = random.Random(7)
    words = ["nghi", "quyet", "57-nq/tw", "ke", "hoach", "(dien", "so", "so-hoa", "tai", "chinh", "ha", "noi", "x/y/z"]
    before = [Entry("task", f"T{i:03}", "sub " * pick.randint(0, 5), f"task/t{i}.html",
                    " ".join(pick.sample(words, 4)), "") for i in range(120)]
    files = index_files(before)
    for round_ in range(30):
        after = list(before)
        for i in pick.sample(range(len(after)), pick.randint(1, 4)):
            old = after[i]
            after[i] = Entry(old.kind, old.title, "sub " * pick.randint(0, 8), old.url,
                             " ".join(pick.sample(words, pick.randint(1, 6))), old.symbol)
        updated = update_files(before, after, files.__getitem__)
        whole = index_files(after)
        assert updated is not None and sorted(updated) == sorted(whole), round_
        assert {p: files[p] if t is None else t for p, t in updated.items()} == whole, round_
        before, files = after, whole
    moved = [*before[1:], Entry("task", "T999", "", "task/t999.html", "x", "")]
    assert update_files(before, moved, files.__getitem__) is None  # numbered otherwise: written whole


def test_builds_one_after_another_keep_the_data_in_deltas(tiny_sites: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from lineage.site import snapshot
    from lineage.site.output import SiteOutput
    from lineage.site.render import render_build_site

    monkeypatch.setattr(snapshot, "DELTAS", 3)
    data, before = tmp_path / "data", tmp_path / "before"
    shutil.copytree(tiny_sites / "data", data)
    graph, view = _loaded(data)
    site = tmp_path / "0" / "site"
    render_build_site(graph, site, previous=None, view=view, workers=1)
    steps = ["task text", "task removed", "body renamed", "file added", "implementation added", "document date"]
    deltas = [0]
    for number, name in enumerate(steps, 1):
        shutil.rmtree(before, ignore_errors=True)
        shutil.copytree(data, before)
        EDITS[name](data)
        graph, view = _loaded(data)
        out = tmp_path / str(number) / "site"
        summary = render_build_site(graph, out, previous=site, view=view, workers=1, changed=changed_iris(before, data))
        assert summary.incremental, name
        render_site(graph, tmp_path / f"whole-{number}", view=view, workers=1)
        assert _tree(out) == _tree(tmp_path / f"whole-{number}"), name
        head = json.loads((snapshot.snapshot_path(out) / "head.json").read_text(encoding="utf-8"))
        assert len(head["deltas"]) in (deltas[-1] + 1, 0) and len(head["deltas"]) <= 3, name  # else a new base
        deltas.append(len(head["deltas"]))
        kept = snapshot.load(out, SiteOutput(out).manifest)  # the digest of the manifest the render left
        assert kept is not None
        whole = collect(graph, view)
        for part in ("documents", "tasks", "bodies", "values"):
            assert list(getattr(kept, part).items()) == list(getattr(whole, part).items()), (name, part)
        for part in ("facts", "passages", "reports", "roles", "body_tasks"):
            assert getattr(kept, part) == getattr(whole, part), (name, part)
        site = out
    assert max(deltas) >= 2 and 0 in deltas[1:]


def test_a_build_site_rendered_by_several_processes_links_what_each_kept(tiny_sites: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from lineage.site import parallel
    from lineage.site.render import render_build_site

    monkeypatch.setattr(parallel, "MIN_ITEMS", 5)
    data = tmp_path / "data"
    shutil.copytree(tiny_sites / "data", data)
    graph, view = _loaded(data)
    previous = tmp_path / "before" / "site"
    render_build_site(graph, previous, previous=None, view=view, workers=2)
    EDITS["document title"](data)
    graph, view = _loaded(data)
    out = tmp_path / "after" / "site"
    summary = render_build_site(graph, out, previous=previous, view=view, workers=2,
                                changed=changed_iris(tiny_sites / "data", data))
    render_site(graph, tmp_path / "whole", view=view, workers=1)
    assert summary.incremental and summary.rendered > 10
    assert _tree(out) == _tree(tmp_path / "whole")


def test_a_build_site_over_itself_updates_it_in_place(tiny_sites: Path, tmp_path: Path) -> None:
    from lineage.site.render import render_build_site

    data = tmp_path / "data"
    shutil.copytree(tiny_sites / "data", data)
    graph, view = _loaded(data)
    site = tmp_path / "site"
    render_build_site(graph, site, previous=None, view=view, workers=1)
    for name in ("task text", "body renamed"):
        before = tmp_path / "before"
        shutil.rmtree(before, ignore_errors=True)
        shutil.copytree(data, before)
        EDITS[name](data)
        graph, view = _loaded(data)
        summary = render_build_site(graph, site, previous=site, view=view, workers=1, changed=changed_iris(before, data))
        render_site(graph, tmp_path / name, view=view, workers=1)
        assert summary.incremental and _tree(site) == _tree(tmp_path / name), name
