"""The audit report as JSON, Markdown or HTML: one document, or pages of the site.

As pages, the report is a summary at ``audit/index.html`` and the findings of
each check on pages of their own beside it (``audit/time.html``, ``audit/time-2.html``
…), none larger than a few hundred kilobytes; the JSON and Markdown reports
are downloads beside them. Each subject links to its page
(:func:`lineage.site.paths.page_path`) relative to the audit folder: ``site`` is
the way from that folder to the site root (``..`` when the pages are inside the site).

>>> from lineage.audit.model import AuditReport
>>> '"findings": []' in render(AuditReport("2026-06-30", []), "json")
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from lineage.audit import jsontext
from lineage.audit.model import SEVERITIES, AuditReport, Check, Finding, Subject
from lineage.gcpause import collector_paused
from lineage.site.paginate import pack
from lineage.site.paths import PAGE_KINDS, page_path, relative_url

FORMATS = ("md", "html", "json")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HTML_PAGE = "audit/index.html"
"""Where the HTML report sits in the site."""
REPORT_FILES = {"json": "audit/report.json", "md": "audit/report.md", "html": HTML_PAGE}
"""Where ``lineage build`` writes each form of the report, relative to the build folder."""
SEVERITY_NAMES = {"error": "lỗi / error", "warning": "cảnh báo / warning", "info": "thông tin / info"}
PAGE_BUDGET = 400_000
"""Bytes of findings on one page of a check (a finding with many subjects continues on the next pages)."""
PIECE_SUBJECTS = 200
"""Subjects of one finding shown together; more continue in the next piece."""
PREVIEW_FINDINGS = 3
PREVIEW_SUBJECTS = 5
"""The summary page shows the first findings of each check, each with its first subjects."""


def render(report: AuditReport, fmt: str, checks: Mapping[str, Check] | None = None, *, site: str = "..") -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`) as one document; ``site`` is the site root, seen from its folder."""
    if fmt == "json":
        return jsontext.dumps(report.as_json()) + "\n"
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return _environment(fmt).get_template(f"audit.{fmt}.j2").render(
        _context(report, checks, site), page="full", check_href=lambda name: f"#check-{name}",
    )


@dataclass(frozen=True)
class HtmlPages:
    """The report as pages of the site: ``audit/index.html`` (the summary) and pages of each check's findings."""

    files: dict[str, str]
    """Site path (``audit/time.html``) → HTML."""
    anchors: list[str]
    """For each finding of the report, in order, the site path and anchor of its entry (``audit/time.html#time-2``)."""


def html_pages(report: AuditReport, checks: Mapping[str, Check] | None = None, *, site: str = "..") -> HtmlPages:
    """The summary page and each check's pages, none over :data:`PAGE_BUDGET` bytes of findings."""
    context = _context(report, checks, site)
    template = _environment("html").get_template("audit.html.j2")
    macros = template.make_module({**context, "page": "macros", "check_href": check_file})
    position = {id(f): i for i, f in enumerate(report.findings)}
    anchors = [""] * len(report.findings)
    files: dict[str, str] = {}
    for section in context["sections"]:
        name = str(section["name"])
        pieces, owners = [], []
        for number, finding in enumerate(section["findings"], start=1):  # type: ignore[attr-defined]
            anchor = f"{_slug(name)}-{number}"
            subjects = finding.subjects
            for first in range(0, max(1, len(subjects)), PIECE_SUBJECTS):
                pieces.append(str(macros.finding(
                    finding, anchor=anchor if first == 0 else None, subjects=subjects[first:first + PIECE_SUBJECTS],
                    first=first, continued=first > 0,
                )))
                owners.append((position[id(finding)], anchor) if first == 0 else None)
        pages = pack(check_file(name).removesuffix(".html"), pieces, PAGE_BUDGET)
        for page in pages:
            path = f"audit/{page.pager.name(page.number)}"
            for owner in owners[page.pager.first:page.pager.last]:
                if owner is not None:
                    anchors[owner[0]] = f"{path}#{owner[1]}"
            files[path] = template.render(context, page="check", section=section, pager_info=page.pager,
                                          body=Markup("".join(page.rows)), check_href=check_file)
    for section in context["sections"]:
        section["preview"] = [
            (f, anchors[position[id(f)]].removeprefix("audit/")) for f in section["findings"][:PREVIEW_FINDINGS]  # type: ignore[index]
        ]
    files[HTML_PAGE] = template.render(context, page="summary", check_href=check_file,
                                       preview_subjects=PREVIEW_SUBJECTS)
    return HtmlPages(files, anchors)


def check_file(name: str) -> str:
    """The file of a check's first page, beside the summary page: ``time.html``."""
    return f"{_slug(name)}.html"


def report_files(report: AuditReport, checks: Mapping[str, Check] | None = None, *,
                 site: str = "..") -> tuple[dict[str, str], HtmlPages]:
    """Every file of the report (site path → text): JSON and Markdown downloads, and the HTML pages."""
    with collector_paused():
        pages = html_pages(report, checks, site=site)
        files = {REPORT_FILES["json"]: render(report, "json"),
                 REPORT_FILES["md"]: render(report, "md", checks, site=site)}
    return {**files, **pages.files}, pages


def write_reports(report: AuditReport, out: Path, *, site: str = "..") -> dict[str, Path]:
    """Write the JSON and Markdown reports and the HTML pages under ``out/audit/``; returns the three main files.

    ``site`` is the site root seen from ``out/audit/`` (``..`` when ``out`` is the site itself).
    """
    files, _ = report_files(report, site=site)
    for path, text in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return {fmt: out / name for fmt, name in REPORT_FILES.items()}


def _context(report: AuditReport, checks: Mapping[str, Check] | None, site: str) -> dict[str, object]:
    from lineage.audit.registry import CHECKS

    return {
        "report": report,
        "summary": report.summary(),
        "sections": _sections(report, checks or CHECKS),
        "severities": SEVERITIES,
        "severity_names": SEVERITY_NAMES,
        "href": lambda subject: _href(subject, site),
        "site": site,
    }


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "check"


def _sections(report: AuditReport, checks: Mapping[str, Check]) -> list[dict[str, object]]:
    """One section per check that ran, with its title, description and findings, in the registry's order."""
    by_check: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_check.setdefault(finding.check, []).append(finding)
    names = list(report.checks) or list(by_check)
    return [
        {"name": name, "check": checks.get(name), "findings": by_check.get(name, [])}
        for name in names
    ]


def _href(subject: Subject, site: str) -> str | None:
    """The link from the audit page to the subject's page, when it has one."""
    if subject.kind not in PAGE_KINDS:
        return None
    page = page_path(subject.iri, subject.kind or "")
    return relative_url(HTML_PAGE, page) if site == ".." else f"{site}/{page}"


def compile_templates() -> None:
    """Compile the HTML and Markdown templates now (a render waiting for an audit does it meanwhile)."""
    for fmt in ("html", "md"):
        _environment(fmt).get_template(f"audit.{fmt}.j2")


@cache
def _environment(fmt: str) -> jinja2.Environment:
    """The templates' environment for ``fmt``, made once: it keeps each template compiled (and reloads a changed one)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=fmt == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["cell"] = _cell
    return environment


def _cell(text: object) -> str:
    """Text made safe for one Markdown table cell or quotation line."""
    return " ".join(str(text).split()).replace("|", "\\|")
