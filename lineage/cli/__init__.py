"""The ``lineage`` command line. Exit codes: 0 ok, 1 the graph does not conform, 2 usage or input error."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from lineage import __version__
from lineage.cli import (
    audit, build, curate, diagram, export, ingest, listing, publish, query, serve, show, site, synth, trace, validate,
)
from lineage.errors import EXIT_ERROR, LineageError

COMMAND_MODULES = (build, listing, show, export, curate, ingest, diagram, site, serve, publish, synth, query, trace, audit, validate)


def parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    top = argparse.ArgumentParser(
        prog="lineage",
        description="Lineage: directives and the chains that carry them down to tasks / "
        "văn bản chỉ đạo và chuỗi tổ chức thực hiện đến nhiệm vụ.",
    )
    top.add_argument("--version", action="version", version=f"lineage {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(commands)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; errors go to stderr with exit code 2."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except LineageError as error:
        print(f"lineage: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        return 0


def entry() -> None:
    """Console-script entry point.

    It leaves without tearing the heap down: after a national-size build, freeing
    millions of objects one by one takes most of a second and changes nothing.
    Every output is written and closed by then; the streams are flushed here.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)
