"""``lineage build``: the main job — load, validate, audit and render the graph."""

from __future__ import annotations

import argparse
from pathlib import Path

from lineage.build import run_build
from lineage.cli.context import Session, add_data_option, say
from lineage.errors import EXIT_NONCONFORMING, EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add the build command."""
    build = commands.add_parser("build", help="load, validate, audit and render / dựng toàn bộ đồ thị")
    add_data_option(build)
    build.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: build/)")
    build.add_argument("--no-site", action="store_true",
                       help="skip the static site (for very large graphs: `lineage site` renders it on its own)")
    build.add_argument("--full", action="store_true",
                       help="build everything afresh, even when only some data files changed / dựng lại toàn bộ")
    build.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build, print the summary; exit 1 when the graph does not conform."""
    config = Session(args).config.with_build(args.out)
    summary = run_build(config, say, site=not args.no_site, incremental=not args.full)
    for line in summary.lines():
        say(line)
    return EXIT_NONCONFORMING if summary.conforms is False else EXIT_OK
