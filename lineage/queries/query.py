"""One query file: its text, its header, and the checks that it is usable.

A query is checked when it is loaded: the SPARQL parses, every declared
parameter is used in the body and projected by the SELECT (pyoxigraph binds
only projected variables). Every problem names the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from lineage.errors import InputError
from lineage.namespaces import PREFIXES
from lineage.queries.header import Header, parse_header

_SYNTAX = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


@dataclass(frozen=True)
class Query:
    """A SPARQL query of the library (or a file given on the command line)."""

    name: str
    path: Path
    text: str
    header: Header | None
    columns: tuple[str, ...]

    @property
    def kind(self) -> str:
        """``report``, ``check``, or ``report`` for a file without a header."""
        return self.header.kind if self.header else "report"


def load_query(path: Path, name: str | None = None, *, require_header: bool = True) -> Query:
    """Read, parse and check the query file ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, None, f"cannot read the query: {err}", "give a UTF-8 .rq file") from None
    header = parse_header(text, path)
    if header is None and require_header:
        raise InputError(path, 1, "the query has no #+ header", "start the file with #+ summary, description, "
                         "kind, tags and params lines (see queries/README.md)")
    columns = projection(text, path)
    query = Query(name or path.stem, path, text, header, columns)
    if header:
        check_params(query)
    return query


def projection(text: str, path: Path | str) -> tuple[str, ...]:
    """The SELECT variables of ``text`` (empty for ASK, CONSTRUCT, DESCRIBE); syntax errors name the line."""
    try:
        result = ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as err:
        raise syntax_error(err, path) from None
    variables = getattr(result, "variables", None)
    return tuple(v.value for v in variables) if variables is not None else ()


def syntax_error(err: SyntaxError, path: Path | str) -> InputError:
    """The error for a SPARQL syntax error, at the line the parser names."""
    message = str(err.msg if hasattr(err, "msg") and err.msg else err)
    found = _SYNTAX.search(message)
    if not found:
        return InputError(path, None, f"SPARQL syntax error: {message}", "correct the query")
    line, column, problem = int(found.group(1)), int(found.group(2)), " ".join(found.group(3).split())
    if len(problem) > 160:
        problem = problem[:157] + "…"
    return InputError(path, line, f"SPARQL syntax error at column {column}: {problem}",
                      "correct the query at that line (an undeclared prefix or a missing '.' or '}' is the usual cause)")


def check_params(query: Query) -> None:
    """Every declared parameter is used in the body and projected by the SELECT."""
    assert query.header is not None
    body = _body(query.text, query.header.lines)
    for param in query.header.params:
        if not re.search(rf"[?$]{re.escape(param.name)}\b", body):
            raise InputError(query.path, param.line, f"parameter '{param.name}' is declared but ?{param.name} "
                             "is not used in the query", f"use ?{param.name} in the query or remove the parameter")
        if re.search(rf"BOUND\s*\(\s*[?$]{re.escape(param.name)}\s*\)", body, re.IGNORECASE):
            raise InputError(query.path, param.line, f"BOUND(?{param.name}) is always false: a parameter is bound "
                             "after the query is planned", f"test an optional parameter with COALESCE(… ?{param.name} …, "
                             "true), which is true when it is left out")
        if param.name not in query.columns:
            raise InputError(query.path, param.line, f"parameter '{param.name}' is not in the SELECT projection",
                             f"add ?{param.name} to the SELECT clause: a value is bound only to a projected variable")


def _body(text: str, header_lines: int) -> str:
    """The query without its header and comment lines."""
    lines = text.splitlines()[header_lines:]
    return "\n".join(line for line in lines if not line.lstrip().startswith("#"))
