"""``lineage audit``: where the chain from directive to task is broken, thin or contradictory.

Findings are the answer, not a failure: the command exits 0 when it ran and 2
on bad input (an unknown check, a date it cannot read, a broken data file).
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections import Counter

from lineage.audit import CHECKS, SEVERITIES, run_audit, select_checks
from lineage.audit.render import FORMATS, render
from lineage.cli.context import Session, add_data_option, add_format_option, say
from lineage.errors import EXIT_OK, LineageError

_VIETNAMESE_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the audit command."""
    audit = commands.add_parser(
        "audit",
        help="policy-coherence audit / rà soát tính nhất quán chính sách",
        description="Run the named checks (all by default) and print the findings with their evidence / "
        "chạy các kiểm tra và in các phát hiện kèm đoạn văn nguồn. Checks / kiểm tra: " + ", ".join(CHECKS),
    )
    audit.add_argument("--as-of", metavar="DATE",
                       help="date for the overdue test, YYYY-MM-DD or DD/MM/YYYY / ngày tính quá hạn")
    audit.add_argument("--check", metavar="NAME", nargs="+", action="extend", dest="checks",
                       help=f"run only these checks / chỉ chạy các kiểm tra này: {', '.join(CHECKS)}")
    add_data_option(audit)
    add_format_option(audit, FORMATS, "md")
    audit.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Audit the graph and print the report on stdout."""
    checks = [c.name for c in select_checks(args.checks)] if args.checks else None
    as_of = parse_as_of(args.as_of) if args.as_of else None
    session = Session(args)
    report = run_audit(session.graph, as_of=as_of, checks=checks, view=session.view)
    sys.stdout.write(render(report, args.format))
    counts = Counter(f.severity for f in report.findings)
    say(f"audit / rà soát: {len(report.findings)} findings / phát hiện ("
        + ", ".join(f"{s}: {counts[s]}" for s in SEVERITIES) + ")")
    return EXIT_OK


def parse_as_of(text: str) -> datetime.date:
    """A date written ``YYYY-MM-DD`` or ``DD/MM/YYYY``; anything else is an error naming both forms.

    >>> parse_as_of("30/06/2026"), parse_as_of("2026-06-30")
    (datetime.date(2026, 6, 30), datetime.date(2026, 6, 30))
    """
    vietnamese = _VIETNAMESE_DATE.match(text.strip())
    try:
        if vietnamese:
            day, month, year = (int(g) for g in vietnamese.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise LineageError(
            f"--as-of {text!r} is not a date / không phải ngày hợp lệ; "
            "write YYYY-MM-DD (2026-06-30) or DD/MM/YYYY (30/06/2026)"
        ) from None
