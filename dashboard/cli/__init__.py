"""The command line: ``python -m dashboard <verb> ...``; prints ``Error: ...`` and exits 1 on a DashboardError."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from dashboard.errors import DashboardError

# Each module registers its own verb(s) with ``register(subparsers)``; imported lazily by name so
# that ``--help`` stays fast and one verb's heavy imports do not slow the others.
VERB_MODULES = (
    "dashboard.cli.geocoding",
    "dashboard.cli.data",
    "dashboard.cli.ingest",
    "dashboard.cli.briefing",
    "dashboard.cli.synthetic",
    "dashboard.cli.evaluate",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Incident-mapping dashboard: geocode places, validate and prepare incident data.",
    )
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for name in VERB_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except DashboardError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
