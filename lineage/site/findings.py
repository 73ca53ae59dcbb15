"""The audit findings each page shows: those about its node, cut short, each linked to its full entry.

A finding can be about thousands of subjects (near-duplicate tasks across a
whole country), and a page shows it beside every one of them; so a page shows
the message, the first subjects and the first passages, and links to the
finding's entry in the audit pages for the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SUBJECTS_SHOWN = 20
EVIDENCE_SHOWN = 3
MESSAGE_SHOWN = 1000
"""Characters of a message shown on a page; a longer one is cut at a word and continues in the audit pages."""


@dataclass(frozen=True)
class PageFinding:
    """A finding as a page shows it."""

    check: str
    rule: str
    severity: str
    message: dict[str, str]
    subjects: Sequence[Any]
    evidence: Sequence[Any]
    total_subjects: int
    more_subjects: int
    more_evidence: int
    clipped: bool
    href: str | None
    """The finding's entry in the audit pages, from the site root (``audit/time.html#time-2``)."""


class FindingIndex:
    """The findings about each IRI, as pages show them."""

    def __init__(self, report: Any | None, anchors: Sequence[str] = ()) -> None:
        self.audited = report is not None
        self._shown: list[PageFinding] = []
        self._about: dict[str, list[int]] = defaultdict(list)
        for number, finding in enumerate(report.findings if report is not None else ()):
            self._shown.append(_shown(finding, anchors[number] if number < len(anchors) else None))
            for iri in dict.fromkeys(s.iri for s in finding.subjects):
                self._about[iri].append(number)

    def about(self, iri: str) -> list[PageFinding]:
        """The findings with ``iri`` among their subjects, in the report's order."""
        return [self._shown[n] for n in self._about.get(iri, ())]

    def numbers(self, iri: str) -> list[int]:
        """The positions in the report of the findings :meth:`about` ``iri``."""
        return self._about.get(iri, [])

    def shown(self, number: int) -> PageFinding:
        """The finding at ``number``, as a page shows it."""
        return self._shown[number]


def _shown(finding: Any, href: str | None) -> PageFinding:
    message = {lang: clip(text, MESSAGE_SHOWN) for lang, text in finding.message.items()}
    return PageFinding(
        check=finding.check, rule=finding.rule, severity=finding.severity, message=message,
        subjects=finding.subjects[:SUBJECTS_SHOWN], evidence=finding.evidence[:EVIDENCE_SHOWN],
        total_subjects=len(finding.subjects), more_subjects=max(0, len(finding.subjects) - SUBJECTS_SHOWN),
        more_evidence=max(0, len(finding.evidence) - EVIDENCE_SHOWN), clipped=message != finding.message,
        href=href or None,
    )


def clip(text: str, limit: int) -> str:
    """``text`` cut at a word before ``limit`` characters, ending with ``…`` (whole when short).

    >>> clip("một hai ba bốn", 9)
    'một hai …'
    """
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"
