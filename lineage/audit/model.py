"""What the audit reports: findings about subjects, each with its evidence, gathered in a report.

A finding names its check (``time``, ``numbering`` …), the rule inside the check
that fired (``implausible-date``), a severity, the subjects it is about, a
message in Vietnamese and English, and the source passages that show it.

>>> s = Subject("https://w3id.org/lineage-vn/eli/vn/tw/nq/2024/57", "57-NQ/TW", None, None, "document")
>>> f = Finding("coverage", "info", (s,), {"vi": "…", "en": "…"}, (), "levels")
>>> AuditReport(None, [f]).about(s.iri) == [f]
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lineage.audit.context import AuditContext

SEVERITIES = ("error", "warning", "info")
"""From worst to mildest: a contradiction or impossibility, a gap worth a look, a fact for the record."""


def plural(count: int, noun: str) -> str:
    """``1 task``, ``2 tasks``: an English count with its noun.

    >>> plural(1, "task"), plural(3, "body")
    ('1 task', '3 bodies')
    """
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


@dataclass(frozen=True)
class Subject:
    """What a finding is about: a document, part, task, body or target, named as people name it."""

    iri: str
    symbol: str | None
    locator: str | None
    label: str | None
    kind: str | None = None

    def display(self) -> str:
        """``SYMBOL``, ``SYMBOL#LOCATOR``, the label, or the IRI."""
        if self.symbol and self.locator:
            return f"{self.symbol}#{self.locator}"
        return self.symbol or self.label or self.iri

    def as_json(self) -> dict[str, object]:
        """The JSON object of the subject."""
        return {"iri": self.iri, "symbol": self.symbol, "locator": self.locator, "label": self.label, "kind": self.kind}


@dataclass(frozen=True)
class Evidence:
    """A source passage: the file, the exact quotation and its lines (``"482-482"``)."""

    source: str
    quote: str
    lines: str

    def as_json(self) -> dict[str, object]:
        """The JSON object of the passage."""
        return {"source": self.source, "quote": self.quote, "lines": self.lines}


@dataclass(frozen=True)
class Finding:
    """One thing the audit found, with the passages that show it."""

    check: str
    severity: str
    subjects: tuple[Subject, ...]
    message: dict[str, str]
    evidence: tuple[Evidence, ...]
    rule: str = ""

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")

    def as_json(self) -> dict[str, object]:
        """The JSON object of the finding."""
        return {
            "check": self.check,
            "rule": self.rule,
            "severity": self.severity,
            "subjects": [s.as_json() for s in self.subjects],
            "message": dict(self.message),
            "evidence": [e.as_json() for e in self.evidence],
        }


@dataclass
class AuditReport:
    """Every finding of one audit run, and what the run covered."""

    as_of: str | None
    findings: list[Finding]
    checks: tuple[str, ...] = ()
    directives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Subject IRI → the central directives (as displayed) it serves. A finding counts, in the summary by
    directive, under the directives its first subject — what it is about — serves."""

    def about(self, iri: str) -> list[Finding]:
        """The findings that have ``iri`` among their subjects."""
        return [f for f in self.findings if any(s.iri == iri for s in f.subjects)]

    def of_check(self, check: str, rule: str | None = None) -> list[Finding]:
        """The findings of one check (and one rule of it, when given)."""
        return [f for f in self.findings if f.check == check and (rule is None or f.rule == rule)]

    def summary(self) -> dict[str, object]:
        """Counts by severity, by check (and severity) and by central directive (and check)."""
        by_check: dict[str, Counter[str]] = {name: Counter() for name in self.checks}
        by_directive: dict[str, Counter[str]] = defaultdict(Counter)
        for finding in self.findings:
            by_check.setdefault(finding.check, Counter())[finding.severity] += 1
            for directive in self.directives.get(finding.subjects[0].iri, ()) if finding.subjects else ():
                by_directive[directive][finding.check] += 1
        severities = Counter(f.severity for f in self.findings)
        return {
            "findings": len(self.findings),
            "by_severity": {s: severities.get(s, 0) for s in SEVERITIES},
            "by_check": {
                name: {"total": sum(c.values()), **{s: c.get(s, 0) for s in SEVERITIES}}
                for name, c in by_check.items()
            },
            "by_directive": {d: dict(sorted(c.items())) for d, c in sorted(by_directive.items())},
        }

    def as_json(self) -> dict[str, object]:
        """``{"as_of", "findings": [...], "summary": {...}}``."""
        return {
            "as_of": self.as_of,
            "findings": [f.as_json() for f in self.findings],
            "summary": self.summary(),
        }


@dataclass(frozen=True)
class Check:
    """A named check: its title and description in both languages, and what it runs."""

    name: str
    title: dict[str, str]
    description: dict[str, str]
    run: Callable[[AuditContext], Iterable[Finding]]
