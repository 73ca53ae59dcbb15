"""``lineage synth``: write a synthetic national corpus with planted defects, for benchmarks and tests."""

from __future__ import annotations

import argparse
from pathlib import Path

from lineage.cli.context import say
from lineage.config import Config
from lineage.errors import EXIT_OK, LineageError
from lineage.synth.generate import SIZES, SynthSpec, generate


def register(commands: argparse._SubParsersAction) -> None:
    """Add the synth command."""
    parser = commands.add_parser(
        "synth", help="write a synthetic national corpus / sinh bộ dữ liệu tổng hợp quy mô quốc gia",
        description="A synthetic corpus in the project's model (real provinces, ministries and directives; "
                    "programmes, plans, tasks, targets, reports; stated and inferred links) with a listed set "
                    "of planted defects (defects.json). Build it with `lineage build --data DIR`.")
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--size", choices=sorted(SIZES), help="small ≈100 k, national ≈1 M, large ≈5 M triples")
    size.add_argument("--provinces", type=int, metavar="N", help="number of provinces (with the options below)")
    parser.add_argument("--ministries", type=int, metavar="M", default=4)
    parser.add_argument("--directives", type=int, metavar="R", default=7)
    parser.add_argument("--tasks-per-plan", type=int, metavar="T", default=40)
    parser.add_argument("--seed", type=int, required=True, metavar="S", help="the same seed gives the same corpus")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write (replaced whole)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Generate and summarise."""
    try:
        if args.size:
            preset = SIZES[args.size]
            spec = SynthSpec(preset.provinces, preset.ministries, preset.directives, preset.tasks_per_plan, args.seed)
        else:
            spec = SynthSpec(args.provinces, args.ministries, args.directives, args.tasks_per_plan, args.seed)
    except ValueError as error:
        raise LineageError(f"synth: {error}") from None
    result = generate(spec, args.out, Config.default().base_iri)
    say(f"synthetic corpus / dữ liệu tổng hợp: {args.out}")
    say(f"  triples / bộ ba: {result.triples}; sources / nguồn: {result.sources}; "
        f"documents / văn bản: {result.documents}; tasks / nhiệm vụ: {result.tasks}")
    say(f"  planted defects / lỗi cài sẵn: {len(result.defects)} (defects.json)")
    return EXIT_OK
