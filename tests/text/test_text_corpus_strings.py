"""Real strings copied from the seed documents, OCR damage included, with their expected parse.

The table is ``corpus_strings.tsv``: parser, source file, the string as printed
(``\\n`` for a line break) and the expected fields.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from lineage.text.dates import parse_date
from lineage.text.symbols import parse_symbol
from lineage.text.timing import parse_timing

TABLE = Path(__file__).with_name("corpus_strings.tsv")


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            parser, source, printed, expected = line.split("\t")
            rows.append((parser, source, printed.replace("\\n", "\n"), expected))
    return rows


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return ",".join(value) if value else "-"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _fields(parser: str, printed: str) -> dict[str, str]:
    if parser == "symbol":
        s = parse_symbol(printed)
        values = {"canonical": s.canonical, "form": s.form, "number": s.number, "type": s.type_code,
                  "issuer": s.issuer_code, "unit": s.unit_code, "year": s.year}
    elif parser == "date":
        d = parse_date(printed)
        values = {"iso": d.iso, "day": d.day, "month": d.month, "year": d.year, "flags": d.flags}
    else:
        t = parse_timing(printed)
        values = {"kind": t.kind, "start": t.start, "end": t.end, "flags": t.flags,
                  "parts": tuple(p.kind for p in t.parts)}
    return {key: _shown(value) for key, value in values.items()}


def test_the_table_has_at_least_forty_rows_across_the_parsers() -> None:
    rows = _rows()
    assert len(rows) >= 40
    assert {parser for parser, *_ in rows} == {"symbol", "date", "timing"}


@pytest.mark.parametrize(("parser", "source", "printed", "expected"), _rows(),
                         ids=[f"{r[0]}-{r[1]}-{r[2]!r}" for r in _rows()])
def test_real_string_parses_as_expected(parser: str, source: str, printed: str, expected: str,
                                        seed_text) -> None:
    assert printed in seed_text(source), f"{printed!r} is not printed in seed {source}"
    got = _fields(parser, printed)
    for pair in expected.split():
        key, value = pair.split("=", 1)
        assert got[key] == value, f"{parser} {printed!r}: {key} is {got[key]!r}, expected {value!r}"
