"""The command line: ``python -m dashboard <verb> ...`` (or ``dashboard <verb>``); ``Error: ...`` and exit 1 on failure.

Every verb reports a DashboardError (bad input, configuration, store, geocoder, render) and a usage
mistake the same way: one ``Error: <message>`` on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from dashboard.errors import DashboardError, InputError
from dashboard.settings import Settings

# Each module registers its own verb(s) with ``register(subparsers)``; imported lazily by name so
# that ``--help`` stays fast and one verb's heavy imports do not slow the others.
VERB_MODULES = (
    "dashboard.cli.geocoding",
    "dashboard.cli.data",
    "dashboard.cli.ingest",
    "dashboard.cli.briefing",
    "dashboard.cli.synthetic",
    "dashboard.cli.events_io",
    "dashboard.cli.events",
    "dashboard.cli.evaluate",
    "dashboard.cli.store",
)
DESCRIPTION = (
    "Incident-mapping dashboard for conflict analysts, offline: news articles in, mapped and timed incidents out. "
    "Verbs: {verbs}. '%(prog)s VERB --help' tells more."
)


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage mistake reported as every other error is (argparse itself prints and exits 2)."""

    def error(self, message: str):
        raise InputError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m dashboard")
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    for name in VERB_MODULES:
        importlib.import_module(name).register(subparsers)
    # Named from the registered verbs, so the description cannot leave one out.
    parser.description = DESCRIPTION.format(verbs=", ".join(subparsers.choices))
    return parser


def main(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    """Run one verb; ``settings`` (default: read from the environment, once) reaches it as ``args.settings``."""
    try:
        args = build_parser().parse_args(argv)
        args.settings = settings or Settings.from_env()
        return int(args.func(args) or 0)
    except DashboardError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (`events --json | head`): not a failure. Point stdout at devnull so that
        # the interpreter's own flush at exit does not raise again (the recipe in Python's signal docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
