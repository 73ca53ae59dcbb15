"""``lineage ingest``: one source text → draft Turtle with provenance, written only when complete.

The draft rows (:mod:`lineage.ingest.draft`) are compiled by the same
:class:`~lineage.curate.compile.SourceCompiler` as the curated corpus, so a
draft has the shape of ``data/sources/*.ttl`` and can be curated from there.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lineage.atomic import write_text
from lineage.config import Config
from lineage.curate.bodies import BodyRegistry
from lineage.curate.compile import Corpus, SourceCompiler, to_turtle
from lineage.curate.identity import Identities
from lineage.curate.passages import SourceText
from lineage.errors import InputError
from lineage.ingest.draft import Draft, Drafter, Problem
from lineage.iris import slug
from lineage.tables import TableReadError, load_source

OCR_MARKED_SHARE = 0.15
"""Below this share of letters with Vietnamese diacritics a text is taken as OCR output without them."""


@dataclass(frozen=True)
class IngestResult:
    """What an ingest read and wrote."""

    draft: Draft
    turtle: str
    triples: int
    out: Path | None

    @property
    def problems(self) -> list[Problem]:
        """Rows and passages that could not be read, by line."""
        return self.draft.problems

    def summary(self) -> list[str]:
        """The summary lines, bilingual."""
        draft = self.draft
        own = draft.own["symbol"] or draft.own["key"]
        relations = Counter(row["relation"] for row in draft.sheets["documents"][1:])
        lines = [
            f"source / nguồn:             {draft.source.path} ({draft.source.quality})",
            f"document / văn bản:         {own} {draft.own['date_printed']}".rstrip(),
            f"references / trích dẫn:     {len(draft.references)} found, "
            + ", ".join(f"{n} {r}" for r, n in sorted(relations.items())),
        ]
        for table in draft.tables:
            lines.append(f"table / bảng {table.name:<13} {len(table.rows)} rows read ({table.shape}), "
                         f"{len(table.unread)} lines not read")
        lines += [
            f"tasks / nhiệm vụ:           {len(draft.sheets['tasks'])}",
            f"targets / chỉ tiêu:         {len(draft.sheets['targets'])}",
            f"triples / bộ ba:            {self.triples}",
            f"not read / chưa đọc được:   {len(self.problems)}",
        ]
        lines += [f"  line {p.line}: {p.problem} — {p.fix}" for p in sorted(self.problems, key=lambda p: p.line)]
        if self.out:
            lines.append(f"written / đã ghi:           {self.out}")
        return lines


def read_source(path: Path, source_id: str | None = None) -> SourceText:
    """The text of ``path`` as a source; empty, binary or non-UTF-8 files are an :class:`InputError`."""
    if not path.is_file():
        raise InputError(path, None, "no such file / không có tệp", "give the path of a UTF-8 text file")
    try:
        loaded = load_source(path)
    except TableReadError as error:
        message = str(error).removeprefix(f"{path}: ")
        problem, _, fix = message.partition("; ")
        offset = re.search(r"offset (\d+)", problem)
        line = path.read_bytes()[: int(offset.group(1))].count(b"\n") + 1 if offset else None
        raise InputError(path, line, problem, fix or "save the document as UTF-8 plain text") from None
    return SourceText(source_id or source_id_of(path), path, loaded.lines, declared_quality=text_quality(loaded.lines))


def source_id_of(path: Path) -> str:
    """A source id from a file name: the part before the first ``_`` (``004_37c5….txt`` → ``004``)."""
    head = path.stem.split("_", 1)[0]
    return slug(head or path.stem) or "source"


def text_quality(lines: tuple[str, ...]) -> str:
    """``ocr`` when few letters carry diacritics (OCR without them), else ``clean``."""
    letters = [c for line in lines for c in line if c.isalpha()]
    if not letters:
        return "clean"
    marked = sum(1 for c in letters if c in "đĐ" or unicodedata.normalize("NFD", c) != c)
    return "ocr" if marked / len(letters) < OCR_MARKED_SHARE else "clean"


def ingest(config: Config, path: Path, *, document: str | None = None, out: Path | None = None,
           force: bool = False, bodies_file: Path | None = None, source_id: str | None = None) -> IngestResult:
    """Draft ``path``; write the Turtle to ``out`` (never over an existing file unless ``force``)."""
    if out is not None and out.exists() and not force:
        raise InputError(out, None, "the output file exists / tệp đích đã có",
                         "choose another --out, or pass --force to replace it")
    source = read_source(path, source_id)
    bodies = BodyRegistry.read(bodies_file or config.data_dir / "curation" / "bodies.tsv")
    draft = Drafter(source, bodies).draft(document)
    graph = SourceCompiler(_corpus(config, draft, bodies), source).run()
    turtle = to_turtle(graph)
    if out is not None:
        write_text(out, turtle)
    return IngestResult(draft, turtle, len(graph), out)


def _corpus(config: Config, draft: Draft, bodies: BodyRegistry) -> Corpus:
    mentions = draft.sheets["documents"]
    identities = Identities(config.base_iri, mentions, {})
    return Corpus(
        config=config,
        curation=draft.source.path.parent,
        sources=(draft.source,),
        sheets={draft.source.source_id: draft.sheets},
        bodies=bodies,
        identities=identities,
        inferred=[],
        dated=frozenset(identities.of_row(r).iri for r in mentions if len(r["date"]) == 10),
    )
