"""A second ``lineage build`` after one data file changed: incremental, against a full build of the same state.

The corpus is copied by hard links into the work folder and one task's text, in
one source file, is edited back and forth before each run, so every run builds
on a previous build that differs by that one file. The full build (``--full``)
of the same edited state is the reference the incremental one is compared with.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from lineage.build import BuildSummary, run_build
from lineage.changes import BuildInputs
from lineage.config import Config

EDIT_MARK = "(sửa) "
"""What the edit puts before the first task text of the chosen file."""
_DESCRIPTION = re.compile(r'(?:dcterms:description|<http://purl\.org/dc/terms/description>) "')


@dataclass
class EditedCopy:
    """A hard-link copy of a corpus whose one file is edited back and forth."""

    data: Path
    edited: Path
    """The file edited (a private copy, not a link into the corpus)."""
    original: str

    @classmethod
    def of(cls, corpus: Path, work: Path) -> EditedCopy:
        """Copy ``corpus`` into ``work`` (hard links) and choose the first source file stating a task text."""
        data = work / "data"
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(corpus, data, copy_function=os.link)
        for path in sorted((data / "sources").glob("*.ttl")):
            text = path.read_text(encoding="utf-8")
            if _DESCRIPTION.search(text):
                path.unlink()  # a private copy: editing a hard link would edit the corpus
                path.write_text(text, encoding="utf-8")
                return cls(data, path, text)
        raise ValueError(f"{corpus}: no source file states a task text (dcterms:description)")

    def flip(self) -> None:
        """Edit the file if it holds the original text, restore it otherwise: either way one file changes."""
        edited = _DESCRIPTION.sub(lambda m: m.group(0) + EDIT_MARK, self.original, count=1)
        self.edited.write_text(edited if self.is_original() else self.original, encoding="utf-8")

    def is_original(self) -> bool:
        """Whether the file holds its original text now."""
        return self.edited.read_text(encoding="utf-8") == self.original


@dataclass
class Rebuild:
    """The two ways of building again after the edit, into one build folder."""

    config: Config
    copy: EditedCopy
    site: bool

    @classmethod
    def of(cls, corpus: Path, work: Path, *, site: bool) -> Rebuild:
        """A copy of ``corpus`` in ``work`` and its build folder."""
        copy = EditedCopy.of(corpus, work)
        return cls(Config.default().with_data(copy.data).with_build(work / "build"), copy, site)

    def before_incremental(self) -> None:
        """Make sure a previous build exists with these options (untimed), then change the one file."""
        previous = BuildInputs.read(self.config.build_dir)
        if previous is None or previous.context.get("site") != str(self.site):
            run_build(self.config, lambda _: None, site=self.site, incremental=False)
        self.copy.flip()
        settle()

    def incremental(self) -> Built:
        """The second build as ``lineage build`` makes it; fails if it was not incremental."""
        summary = run_build(self.config, lambda _: None, site=self.site)
        if not summary.mode.startswith("incremental"):
            raise RuntimeError(f"the rebuild was not incremental: {summary.mode}")
        return Built(self.copy.is_original(), summary)

    def full(self) -> Built:
        """The state the last incremental build made, built afresh (``lineage build --full``)."""
        return Built(self.copy.is_original(), run_build(self.config, lambda _: None, site=self.site,
                                                        incremental=False))


def settle() -> None:
    """Write what earlier runs left in the page cache to disk: a full build leaves hundreds of megabytes, and
    their writing back would otherwise fall on the next run (a person building again seldom does so within
    seconds of a full build)."""
    os.sync()


@dataclass(frozen=True)
class Built:
    """Which state of the edited file a build read, and what it reported."""

    original: bool
    summary: BuildSummary


def same_outputs(answers: dict[str, object]) -> str | None:
    """None when builds of the same state report the same counts, conformance and findings; else what differs."""
    facts = {engine: (b.original, b.summary.triples, b.summary.tasks, b.summary.conforms, b.summary.findings)
             for engine, b in answers.items() if isinstance(b, Built)}
    if len({fact[0] for fact in facts.values()}) > 1:
        return None  # the last runs read different states (one engine stopped sooner): nothing to compare
    return None if len(set(facts.values())) <= 1 else f"the builds differ: {facts}"
