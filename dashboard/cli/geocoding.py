"""The ``geocode`` verb: names on the command line in, one JSON object per name on stdout out."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

HELP = "resolve place names to GeoNames places (offline by default), one JSON object per line"
DESCRIPTION = """\
Resolve place names as written in news reports (misspellings, exonyms, Russian, Armenian and
Azerbaijani forms) to GeoNames places, offline. The names are resolved together, as one document:
without --context, the countries that explain most of them become the context.

Each output line holds query, name, latitude, longitude, country_code, admin1 (GeoNames code),
geonameid, timezone, source, method (exact, alternate, fuzzy, override, supplement, online),
confidence (0-1), reason (why unresolved, or a note) and alternatives. An unresolved name has null
coordinates and a reason. GeoNames data: CC BY 4.0, https://www.geonames.org/.
"""
EPILOG = "example: python -m dashboard geocode --context AM,AZ Goris Sok Jermuk Dashkesan"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``geocode`` verb to the ``python -m dashboard`` parser."""
    parser = subparsers.add_parser(
        "geocode",
        help=HELP,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("names", nargs="+", metavar="NAME", help="place names as written, e.g. Goris Sok")
    parser.add_argument(
        "--context",
        default="",
        metavar="CC[,CC]",
        help="ISO 3166-1 alpha-2 country codes the places are expected in, e.g. AM,AZ",
    )
    parser.add_argument(
        "--online",
        action="store_true",
        help="ask Nominatim for names the offline resolver cannot place (needs "
        "DASHBOARD_NOMINATIM_USER_AGENT; 1 request/s, cached; falls back to offline results)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Resolve ``args.names`` and print one JSON line each; DashboardErrors propagate to ``main``."""
    out = out or sys.stdout
    from dashboard.geocoding import get_resolver

    if args.online:
        from dashboard.geocoding.online import OnlineGeocoder

        resolutions = OnlineGeocoder.from_environment(resolver=get_resolver()).resolve_all(args.names, args.context)
    else:
        resolutions = get_resolver().resolve_all(args.names, args.context)
    for resolution in resolutions:
        out.write(json.dumps(resolution.as_dict(), ensure_ascii=False) + "\n")
    out.flush()
    return 0
