"""The policy-coherence audit: where the chain from directive to task is broken, thin or contradictory.

Each named check (:data:`CHECKS`) reads the graph and returns findings, each
with its subjects, a message in Vietnamese and English, and the source passages
that show it. :func:`run_audit` runs them and gathers an :class:`AuditReport`.
"""

from __future__ import annotations

from lineage.audit.model import SEVERITIES, AuditReport, Check, Evidence, Finding, Subject
from lineage.audit.registry import CHECKS, run_audit, select_checks

__all__ = [
    "CHECKS", "SEVERITIES", "AuditReport", "Check", "Evidence", "Finding", "Subject", "run_audit", "select_checks",
]
