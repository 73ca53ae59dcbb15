"""``lineage curate``: compile ``data/curation/`` and the source texts into ``data/``."""

from __future__ import annotations

import argparse

from lineage.atomic import write_text
from lineage.cli.context import Session, add_data_option, say
from lineage.curate.compile import compile_corpus
from lineage.errors import EXIT_NONCONFORMING, EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add the curate command."""
    curate = commands.add_parser("curate", help="compile the curation sheets into data/ / biên dịch bảng tuyển chọn")
    add_data_option(curate)
    curate.add_argument("--check", action="store_true",
                        help="only check that data/ is what the sheets compile to (exit 1 if not)")
    curate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Compile (all files checked before any is written), or check that data/ is current."""
    config = Session(args).config
    compiled = compile_corpus(config)
    stale = [p for p, text in compiled.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            say(f"out of date: {path.relative_to(config.data_dir)} (run `lineage curate`)")
        return EXIT_NONCONFORMING if stale else EXIT_OK
    for path in stale:
        write_text(path, compiled[path])
        say(f"wrote {path.relative_to(config.data_dir)}")
    say(f"{len(compiled)} files, {len(stale)} changed")
    return EXIT_OK
