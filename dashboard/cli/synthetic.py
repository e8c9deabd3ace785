"""CLI verb ``synthetic``: a size and a seed in, a synthetic incidents CSV out (for benchmarks and load tests)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "synthetic",
        help="write a reproducible synthetic incidents CSV (real GeoNames places on the AM/AZ/GE borders) for benchmarks",
        description=(
            "Generate N synthetic incidents, seeded and reproducible: real GeoNames places near the Armenia–Azerbaijan "
            "and Georgian borders, flare-ups and a diurnal cycle over WEEKS weeks, claimants by side, ACLED event types, "
            "precisions and excerpts of realistic length. Every row says it is synthetic. The file passes 'validate'."
        ),
    )
    p.add_argument("--n", type=int, default=10_000, help="number of incidents (default 10000)")
    p.add_argument(
        "--seed", type=int, default=1, help="random seed; the same n and seed give the same file (default 1)"
    )
    p.add_argument("--weeks", type=int, default=8, help="how many weeks the incidents spread over (default 8)")
    p.add_argument("--out", type=Path, required=True, help="the CSV to write, e.g. data/synthetic-10k.csv")
    p.set_defaults(func=cmd_synthetic)


def cmd_synthetic(args: argparse.Namespace) -> int:
    from dashboard.testing import synthetic

    path = synthetic.write(args.out, args.n, args.seed, args.weeks)
    print(f"{args.n} synthetic incidents (seed {args.seed}, {args.weeks} weeks): {path}")
    return 0
