"""The endpoint's own page: what it serves, a query form and the named queries, in Vietnamese and English.

>>> b"/sparql" in home_page([("trace", "Trace / Truy vết")], site=False)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

EXAMPLE_QUERY = """SELECT ?document ?symbol WHERE {
  ?document a eli:LegalResource ; eli:id_local ?symbol .
} ORDER BY ?symbol LIMIT 20"""


def home_page(queries: Sequence[tuple[str, str]], *, site: bool) -> bytes:
    """The HTML page: the query form, links to the API and, when built, the site."""
    items = "".join(
        f'<li><a href="/api/{escape(name)}"><code>/api/{escape(name)}</code></a> — {escape(summary)}</li>'
        for name, summary in queries
    )
    site_link = '<p><a href="/index.html">Trang tra cứu / Browse the site</a></p>' if site else ""
    html = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Lineage SPARQL</title>
<style>body{{font-family:sans-serif;max-width:56em;margin:2em auto;padding:0 1em}}
textarea{{width:100%;font-family:monospace}}code{{background:#f4f4f4}}</style></head>
<body>
<h1>Lineage — điểm truy vấn SPARQL / SPARQL endpoint</h1>
<p>Chỉ đọc. Tiền tố của dự án (<code>eli:</code>, <code>lin:</code>, <code>org:</code> …) đã được khai báo sẵn;
đồ thị mặc định là hợp của mọi đồ thị có tên.<br>
Read-only. The project prefixes (<code>eli:</code>, <code>lin:</code>, <code>org:</code> …) are declared;
the default graph is the union of every named graph.</p>
{site_link}
<form action="/sparql" method="post">
<textarea name="query" rows="8">{escape(EXAMPLE_QUERY)}</textarea>
<p><label>Định dạng / Format
<select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option>
<option>ttl</option><option>nt</option><option>jsonld</option></select></label>
<button type="submit">Truy vấn / Query</button></p>
</form>
<h2>Truy vấn có tên / Named queries</h2>
<p><a href="/api"><code>/api</code></a>: danh mục (JSON) / the catalogue (JSON).</p>
<ul>{items}</ul>
<h2>Giao thức / Protocols</h2>
<ul>
<li><code>/sparql</code> — SPARQL 1.1 Protocol (GET, POST)</li>
<li><code>/store?graph=IRI</code> — Graph Store Protocol, chỉ đọc / read-only</li>
<li><code>/trace?ref=REF</code> — truy nguồn như <code>lineage trace REF --format json</code> /
the answer of <code>lineage trace REF --format json</code></li>
</ul>
</body></html>
"""
    return html.encode("utf-8")
