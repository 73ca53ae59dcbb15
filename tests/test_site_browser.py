"""The site in a real headless Chromium (Debian's chromium and chromium-driver, installed by `make test`).

Pages load from ``file://`` without console errors, the inline diagrams render
with a size, search answers a query typed without diacritics, the language
switch works, a count box opens the task list it stands for, and every link of
the visited pages resolves.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from test_site import TASK_213, Site, broken_links, corpus_site

from lineage.site.paths import page_path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,1000",
)


@pytest.fixture(scope="module")
def site(seeds_dir: Path) -> Site:
    return corpus_site()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Chromium driven through chromedriver, with a fresh profile; CI never skips it."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        message = f"{', '.join(missing)} missing: `make browser` installs Debian's chromium and chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="lineage-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(browser: object, site: Site, path: str, query: str = "") -> None:
    """Load a page of the site from file:// and fail on any console error."""
    browser.get_log("browser")  # type: ignore[attr-defined]  # drop what earlier pages logged
    browser.get((site.root / path).as_uri() + query)  # type: ignore[attr-defined]
    ready = browser.execute_script("return document.readyState")  # type: ignore[attr-defined]
    assert ready == "complete"
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
    assert errors == [], f"{path}: {errors}"
    if path.startswith("search.html") and query:
        wait_for_results(browser)
        errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
        assert errors == [], f"{path}{query}: {errors}"


def wait_for_results(browser: object) -> None:
    """Wait until the search page shows the answer to its last query (the index pieces it needs load on demand)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(lambda b: b.execute_script(  # type: ignore[attr-defined]
        "const list = document.getElementById('search-results');"
        "return list !== null && !list.hasAttribute('aria-busy')"
        " && document.getElementById('search-count').textContent !== '';"
    ))


def pages_to_visit(site: Site) -> list[str]:
    """The home, list, search and audit pages, and pages of every kind (the corpus' notable ones)."""
    data, refs = site.data, site.refs
    nodes = [
        refs.resolve("57-NQ/TW"), refs.resolve("kh-dangu-vpubnd-2026-daihoi"), refs.resolve(TASK_213),
        refs.resolve("kh-dangu-vpubnd-2026-daihoi#PL3"), refs.resolve("nq-daihoi-toanquoc-xiv"),
        next(b for b, roles in data.body_tasks.items() if roles.get("lead")), next(iter(data.values)),
    ]
    fixed = ["index.html", "documents.html", "tasks.html", "bodies.html", "targets.html", "search.html",
             "audit/index.html"]
    return fixed + [page_path(iri, data.kind(iri) or "") for iri in nodes]


def test_pages_load_without_console_errors_and_diagrams_render(browser: object, site: Site) -> None:
    with_diagram = 0
    for path in pages_to_visit(site):
        open_page(browser, site, path)
        sizes = browser.execute_script(  # type: ignore[attr-defined]
            """return Array.from(document.querySelectorAll('svg.lineage-diagram')).map(svg => {
                 const box = svg.getBoundingClientRect();
                 const text = svg.querySelector('g.box text');
                 return [box.width, box.height, text ? text.getBBox().width : 0];
               });"""
        )
        for width, height, text_width in sizes:
            assert width > 0 and height > 0 and text_width > 0, path
        with_diagram += bool(sizes)
    assert with_diagram >= 6


def test_vietnamese_text_renders_in_the_diagram(browser: object, site: Site) -> None:
    open_page(browser, site, page_path(site.refs.resolve(TASK_213), "task"))
    texts = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('svg.lineage-diagram text')).map(t => t.textContent);"
    )
    joined = " ".join(texts)
    assert "68-NQ/TW" in joined and "Nghị quyết · Bộ Chính trị" in joined
    font = browser.execute_script(  # type: ignore[attr-defined]
        "return getComputedStyle(document.querySelector('svg.lineage-diagram text')).fontFamily;"
    )
    assert "Noto Sans" in font and "DejaVu Sans" in font


def test_search_without_diacritics_finds_nghi_quyet_57(browser: object, site: Site) -> None:
    nq57 = site.refs.resolve("57-NQ/TW")
    open_page(browser, site, "search.html", "?q=" + quote("nghi quyet 57"))
    wait_for_results(browser)
    results = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('#search-results li a')).map(a => [a.textContent, a.href]);"
    )
    assert results, "no results"
    assert results[0][0] == "57-NQ/TW"
    assert results[0][1] == (site.root / page_path(nq57, "document")).as_uri()
    # typing in the box searches as one types, with diacritics too
    from selenium.webdriver.common.by import By

    box = browser.find_element(By.ID, "search-box")  # type: ignore[attr-defined]
    box.clear()
    box.send_keys("Nghị quyết 57")
    wait_for_results(browser)
    first = browser.execute_script(  # type: ignore[attr-defined]
        "return document.querySelector('#search-results li a').textContent;"
    )
    assert first == "57-NQ/TW"
    box.clear()
    box.send_keys("bo chinh tri")
    wait_for_results(browser)
    kinds = browser.execute_script(  # type: ignore[attr-defined]
        "return Array.from(document.querySelectorAll('#search-results li')).map(li => li.dataset.kind);"
    )
    assert "body" in kinds


def test_the_search_form_of_every_page_leads_to_results(browser: object, site: Site) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, site, page_path(site.refs.resolve(TASK_213), "task"))
    box = browser.find_element(By.CSS_SELECTOR, "header form.search-form input")  # type: ignore[attr-defined]
    box.send_keys("nghi quyet 68")
    box.submit()
    wait_for_results(browser)
    first = browser.execute_script(  # type: ignore[attr-defined]
        "return document.querySelector('#search-results li a').textContent;"
    )
    assert first == "68-NQ/TW"


def test_the_language_switch_shows_english(browser: object, site: Site) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, site, "index.html")
    heading = browser.find_element(By.TAG_NAME, "h1")  # type: ignore[attr-defined]
    assert heading.text == "Lineage — chuỗi thực hiện văn bản chỉ đạo"
    browser.find_element(By.CSS_SELECTOR, "[data-lang-switch]").click()  # type: ignore[attr-defined]
    assert heading.text == "Lineage — directives and their chains"


def test_a_count_box_opens_the_list_it_stands_for(browser: object, site: Site) -> None:
    from selenium.webdriver.common.by import By

    plan = site.refs.resolve("kh-dangu-vpubnd-2026-daihoi")
    pl3 = site.refs.resolve("kh-dangu-vpubnd-2026-daihoi#PL3")
    open_page(browser, site, page_path(plan, "document"))
    count = browser.find_element(  # type: ignore[attr-defined]
        By.CSS_SELECTOR, f'svg.lineage-diagram g.box.count a[href*="{Path(page_path(pl3, "part")).name}"]'
    )
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", count)
    assert browser.current_url.endswith("#contents")  # type: ignore[attr-defined]
    state = browser.execute_script(  # type: ignore[attr-defined]
        "const d = document.querySelector('#contents details#tasks');"
        "return [d.open, d.querySelectorAll('tbody tr').length];"
    )
    assert state[0] is True and state[1] == len(site.data.closure.children(pl3))
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]


def test_every_link_of_the_visited_pages_resolves(browser: object, site: Site) -> None:
    root = site.root.resolve().as_uri() + "/"
    for path in pages_to_visit(site):
        open_page(browser, site, path)
        links = browser.execute_script(  # type: ignore[attr-defined]
            "return Array.from(document.querySelectorAll('a[href]'))"
            ".map(a => new URL(a.getAttribute('href'), document.baseURI).href);"  # SVG links too
        )
        assert links, path
        for href in links:
            assert href.startswith(root), f"{path} links outside the site: {href}"
            target = Path(site.root, href[len(root):].split("#")[0].split("?")[0])
            assert target.is_file(), f"{path} → {href}"
    assert broken_links(site.root) == []


def test_the_browser_ranks_search_results_as_python_does(browser: object, site: Site) -> None:
    from lineage.site.search import search

    open_page(browser, site, "search.html")
    entries = site.entries()
    for query in ("nghi quyet 57", "kinh te tu nhan 2.13", "bo chinh tri", "ke hoach", "nq/tw", "so tai"):
        found = browser.execute_async_script(  # type: ignore[attr-defined]
            "const done = arguments[arguments.length - 1];"
            "window.lineageSearch(arguments[0]).then(r => done([r.count, r.entries.map(e => e.u)]));", query)
        expected = search(entries, query, limit=len(entries))
        assert found[0] == len(expected), query
        assert found[1] == [e.url for e in expected[:50]], query


def test_the_pages_of_a_long_list_link_to_each_other(browser: object, site: Site) -> None:
    from selenium.webdriver.common.by import By

    from lineage.site.render import LIST_ROWS

    open_page(browser, site, "targets.html")
    browser.find_element(By.CSS_SELECTOR, 'nav.pager a[rel="next"]').click()  # type: ignore[attr-defined]
    assert browser.current_url.endswith("/targets-2.html")  # type: ignore[attr-defined]
    rows = browser.execute_script("return document.querySelectorAll('table.list tbody tr').length;")  # type: ignore[attr-defined]
    assert rows == len(site.data.values) - LIST_ROWS > 0
    browser.find_element(By.CSS_SELECTOR, 'nav.pager a[rel="prev"]').click()  # type: ignore[attr-defined]
    assert browser.current_url.endswith("/targets.html")  # type: ignore[attr-defined]
