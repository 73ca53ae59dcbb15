"""``lineage site [--out DIR]``: the browsable static site (works from ``file://``, no server needed)."""

from __future__ import annotations

import argparse
from pathlib import Path

from lineage.cli.context import Session, add_data_option, say


def register(commands: argparse._SubParsersAction) -> None:
    """Add the site command."""
    site = commands.add_parser(
        "site", help="render the browsable static site / xuất trang web tĩnh để tra cứu",
        description="A page per document, part, task, body and target, with lineage diagrams, search with and "
        "without diacritics, and the RDF and SPARQL behind each page. / Mỗi văn bản, phần, nhiệm vụ, cơ quan, "
        "chỉ tiêu một trang, có sơ đồ chuỗi, tìm kiếm có dấu và không dấu, kèm RDF và SPARQL của từng trang.",
    )
    site.add_argument("--out", type=Path, metavar="DIR", help="folder to write (default: build/site)")
    site.add_argument("--no-audit", action="store_true", help="leave the audit's findings out of the pages")
    add_data_option(site)
    site.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render the site into its folder in place: each changed file is replaced whole, the others are left alone."""
    from lineage.site.render import render_site, site_audit

    session = Session(args)
    target = (args.out or session.config.build_dir / "site").resolve()
    audit = None if args.no_audit else site_audit(session.graph)
    summary = render_site(session.graph, target, view=session.view, audit=audit)
    say(f"site / trang web: {target / 'index.html'} ({summary.pages} pages / trang; "
        f"written {summary.written} / ghi {summary.written} · unchanged {summary.unchanged} / giữ nguyên "
        f"{summary.unchanged} · removed {summary.removed} / xoá {summary.removed})")
    return 0
