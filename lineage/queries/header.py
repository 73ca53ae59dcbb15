"""The ``#+`` metadata header of a query file (grlc style), parsed and checked.

A query file starts with YAML lines prefixed by ``#+``::

    #+ summary:
    #+   en: Every path from a task or document up to its root directives
    #+   vi: Mọi đường đi từ một nhiệm vụ, văn bản lên các văn bản gốc
    #+ description:
    #+   en: …
    #+   vi: …
    #+ kind: report
    #+ tags: [trace, chain]
    #+ params:
    #+   subject:
    #+     type: ref
    #+     example: "46-KH/TU#PL01/B/12"
    #+     description: {en: …, vi: …}

Every problem is an :class:`lineage.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lineage.errors import InputError
from lineage.namespaces import SCHEMES

HEADER_PREFIX = "#+"
KINDS = {
    "report": "a question researchers ask; rows are the answer",
    "check": "a quality check; every row is a finding",
}
TYPES = {
    "ref": "a document, part or task: IRI, CURIE, symbol (57-NQ/TW) or SYMBOL#LOCATOR",
    "iri": "an absolute IRI or a CURIE (lin:Task)",
    "body": "a body: IRI, CURIE, slug or name, with or without diacritics",
    "concept": "a concept of the scheme named by `scheme`: IRI, CURIE, local name or label",
    "string": "text, matched as given (stored NFC)",
    "integer": "a whole number",
    "decimal": "a number",
    "boolean": "true or false",
    "date": "a date YYYY-MM-DD",
}
_TOP_KEYS = {"summary", "description", "kind", "tags", "params"}
_PARAM_KEYS = {"type", "required", "example", "description", "scheme"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
FORMAT_HELP = "see queries/README.md for the header format"


@dataclass(frozen=True)
class Bilingual:
    """A text in English and Vietnamese."""

    en: str
    vi: str

    def both(self) -> str:
        """``English / Tiếng Việt``."""
        return f"{self.en} / {self.vi}"


@dataclass(frozen=True)
class ParamSpec:
    """One declared parameter: its SPARQL variable, type and example."""

    name: str
    type: str
    required: bool
    example: str
    description: Bilingual
    line: int
    scheme: str | None = None


@dataclass(frozen=True)
class Header:
    """The parsed header of one query file."""

    summary: Bilingual
    description: Bilingual
    kind: str
    tags: tuple[str, ...]
    params: tuple[ParamSpec, ...] = field(default_factory=tuple)
    lines: int = 0

    def param(self, name: str) -> ParamSpec | None:
        """The parameter called ``name``, if declared."""
        return next((p for p in self.params if p.name == name), None)


def header_lines(text: str) -> list[str]:
    """The leading ``#+`` lines of ``text`` with the prefix removed."""
    found = []
    for line in text.splitlines():
        if not line.startswith(HEADER_PREFIX):
            break
        found.append(line[len(HEADER_PREFIX):])
    return found


def parse_header(text: str, path: Path | str, *, schemes: frozenset[str] | None = None) -> Header | None:
    """The header of ``text`` (None when the file has none); ``schemes`` are the allowed concept schemes."""
    if schemes is None:
        schemes = frozenset(SCHEMES)
    lines = header_lines(text)
    if not lines:
        return None
    try:
        data = yaml.safe_load("\n".join(lines))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        raise InputError(path, line, f"the #+ header is not valid YAML: {err.problem or err}", FORMAT_HELP) from None
    if not isinstance(data, dict):
        raise InputError(path, 1, "the #+ header must be a YAML mapping", FORMAT_HELP)
    return _Checker(path, lines, schemes).header(data)


class _Checker:
    """Turns the YAML mapping into a :class:`Header`, or an error at the right line."""

    def __init__(self, path: Path | str, lines: list[str], schemes: frozenset[str]) -> None:
        self.path = path
        self.lines = lines
        self.schemes = schemes

    def fail(self, key: str, problem: str, fix: str = FORMAT_HELP, after: int = 0) -> InputError:
        return InputError(self.path, self.line_of(key, after), problem, fix)

    def line_of(self, key: str, after: int = 0) -> int:
        """The 1-based line declaring ``key:`` (at or after line ``after``), else the header's first line."""
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*:")
        for number, line in enumerate(self.lines[after:], start=after + 1):
            if pattern.match(line):
                return number
        return max(after, 1)

    def header(self, data: dict[str, Any]) -> Header:
        unknown = sorted(set(data) - _TOP_KEYS)
        if unknown:
            raise self.fail(unknown[0], f"unknown header key '{unknown[0]}'", f"use only {', '.join(sorted(_TOP_KEYS))}")
        for key in ("summary", "description", "kind", "tags"):
            if key not in data:
                raise InputError(self.path, 1, f"the #+ header has no '{key}'", FORMAT_HELP)
        kind = data["kind"]
        if kind not in KINDS:
            raise self.fail("kind", f"unknown kind '{kind}'", f"use one of: {', '.join(KINDS)}")
        tags = data["tags"]
        if not (isinstance(tags, list) and tags and all(isinstance(t, str) and t for t in tags)):
            raise self.fail("tags", "'tags' must be a non-empty list of words", "write e.g. tags: [trace, chain]")
        params = data.get("params") or {}
        if not isinstance(params, dict):
            raise self.fail("params", "'params' must map each parameter name to its description", FORMAT_HELP)
        start = self.line_of("params") if params else 0
        return Header(
            summary=self.bilingual(data["summary"], "summary"),
            description=self.bilingual(data["description"], "description"),
            kind=kind,
            tags=tuple(tags),
            params=tuple(self.param(name, spec, start) for name, spec in params.items()),
            lines=len(self.lines),
        )

    def bilingual(self, value: Any, key: str, after: int = 0) -> Bilingual:
        if not isinstance(value, dict) or not all(isinstance(value.get(lang), str) and value[lang].strip()
                                                   for lang in ("en", "vi")):
            raise self.fail(key, f"'{key}' must give both an English (en) and a Vietnamese (vi) text",
                            f"write {key}: {{en: …, vi: …}}", after)
        extra = sorted(set(value) - {"en", "vi"})
        if extra:
            raise self.fail(key, f"'{key}' has an unknown language '{extra[0]}'", "use en and vi", after)
        return Bilingual(" ".join(value["en"].split()), " ".join(value["vi"].split()))

    def param(self, name: Any, spec: Any, after: int) -> ParamSpec:
        line = self.line_of(str(name), after)
        if not isinstance(name, str) or not _NAME.match(name):
            raise InputError(self.path, line, f"parameter name '{name}' is not a SPARQL variable name",
                             "use letters, digits and _ (the variable ?NAME of the query)")
        if not isinstance(spec, dict):
            raise InputError(self.path, line, f"parameter '{name}' must be a mapping with type and example", FORMAT_HELP)
        unknown = sorted(set(spec) - _PARAM_KEYS)
        if unknown:
            raise self.fail(unknown[0], f"parameter '{name}' has an unknown key '{unknown[0]}'",
                            f"use only {', '.join(sorted(_PARAM_KEYS))}", line - 1)
        kind = spec.get("type")
        if kind not in TYPES:
            raise InputError(self.path, line, f"parameter '{name}' has type '{kind}'", f"use one of: {', '.join(TYPES)}")
        if "example" not in spec or spec["example"] is None or str(spec["example"]).strip() == "":
            raise InputError(self.path, line, f"parameter '{name}' has no example", "add example: a value that works")
        required = spec.get("required", True)
        if not isinstance(required, bool):
            raise InputError(self.path, line, f"parameter '{name}': 'required' must be true or false", FORMAT_HELP)
        if "description" not in spec:
            raise InputError(self.path, line, f"parameter '{name}' has no description",
                             "add description: {en: …, vi: …}")
        scheme = spec.get("scheme")
        if kind == "concept" and scheme not in self.schemes:
            raise InputError(self.path, line, f"parameter '{name}' of type concept needs a known scheme, got '{scheme}'",
                             f"add scheme: one of {', '.join(sorted(self.schemes))}")
        if kind != "concept" and scheme is not None:
            raise InputError(self.path, line, f"parameter '{name}' has a scheme but is not a concept", "remove scheme")
        example = spec["example"]
        if isinstance(example, bool):
            example = str(example).lower()
        return ParamSpec(
            name=name, type=kind, required=required, example=str(example),
            description=self.bilingual(spec.get("description"), "description", line - 1),
            line=line, scheme=scheme,
        )
