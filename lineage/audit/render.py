"""The audit report as JSON, Markdown or an HTML page of the site.

The HTML page lives at ``audit/index.html`` and links each subject to its page
(:func:`lineage.site.paths.page_path`) relative to itself: ``site`` is the way
from the page's folder to the site root (``..`` when the page is inside the site).

>>> from lineage.audit.model import AuditReport
>>> '"findings": []' in render(AuditReport("2026-06-30", []), "json")
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import jinja2

from lineage.audit.model import SEVERITIES, AuditReport, Check, Finding, Subject
from lineage.site.paths import PAGE_KINDS, page_path, relative_url

FORMATS = ("md", "html", "json")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
HTML_PAGE = "audit/index.html"
"""Where the HTML report sits in the site."""
REPORT_FILES = {"json": "audit/report.json", "md": "audit/report.md", "html": HTML_PAGE}
"""Where ``lineage build`` writes each form of the report, relative to the build folder."""
SEVERITY_NAMES = {"error": "lỗi / error", "warning": "cảnh báo / warning", "info": "thông tin / info"}


def render(report: AuditReport, fmt: str, checks: Mapping[str, Check] | None = None, *, site: str = "..") -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`); ``site`` is the site root, seen from the HTML page's folder."""
    if fmt == "json":
        return json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    from lineage.audit.registry import CHECKS

    checks = checks or CHECKS
    template = _environment(fmt).get_template(f"audit.{fmt}.j2")
    return template.render(
        report=report,
        summary=report.summary(),
        sections=_sections(report, checks),
        severities=SEVERITIES,
        severity_names=SEVERITY_NAMES,
        href=lambda subject: _href(subject, site),
        site=site,
    )


def write_reports(report: AuditReport, out: Path, *, site: str = "..") -> dict[str, Path]:
    """Write the JSON, Markdown and HTML reports under ``out``; returns what was written.

    ``site`` is the site root seen from ``out/audit/`` (``..`` when ``out`` is the site itself).
    """
    written = {}
    for fmt, name in REPORT_FILES.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(report, fmt, site=site), encoding="utf-8")
        written[fmt] = target
    return written


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


def _environment(fmt: str) -> jinja2.Environment:
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
