"""``lineage build``: the main job — load, validate, audit and render the graph."""

from __future__ import annotations

import argparse
from pathlib import Path

from lineage.build import BuildSummary, run_build
from lineage.cli.context import Session, add_data_option, say
from lineage.errors import EXIT_NONCONFORMING, EXIT_OK, LineageError
from lineage.watch import watch


def register(commands: argparse._SubParsersAction) -> None:
    """Add the build command."""
    build = commands.add_parser("build", help="load, validate, audit and render / dựng toàn bộ đồ thị")
    add_data_option(build)
    build.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: build/)")
    build.add_argument("--no-site", action="store_true",
                       help="skip the static site (for very large graphs: `lineage site` renders it on its own)")
    build.add_argument("--full", action="store_true",
                       help="build everything afresh, even when only some data files changed / dựng lại toàn bộ")
    build.add_argument("--watch", action="store_true",
                       help="stay running with the graph loaded and build again whenever an input is saved "
                            "(Ctrl-C stops) / theo dõi và dựng lại khi tệp thay đổi")
    build.add_argument("--interval", type=float, default=1.0, metavar="SECONDS",
                       help="with --watch: how often to look for changes (default: 1) / chu kỳ kiểm tra")
    build.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build, print the summary; exit 1 when the graph does not conform. With ``--watch``, build until stopped."""
    config = Session(args).config.with_build(args.out)
    if args.watch:
        if args.full or args.interval <= 0:
            raise LineageError("--watch builds incrementally, every --interval seconds (> 0): drop --full / "
                               "--watch không dùng với --full; --interval phải lớn hơn 0")
        try:
            watch(config, say, _print, site=not args.no_site, interval=args.interval)
        except KeyboardInterrupt:
            say("stopped / đã dừng")
        return EXIT_OK
    summary = run_build(config, say, site=not args.no_site, incremental=not args.full)
    _print(summary)
    return EXIT_NONCONFORMING if summary.conforms is False else EXIT_OK


def _print(summary: BuildSummary) -> None:
    for line in summary.lines():
        say(line)
