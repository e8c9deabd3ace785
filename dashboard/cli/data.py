"""CLI verbs for data files: ``prepare``, ``seed``, ``validate FILE`` and ``geocode-incidents FILE``."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from dashboard.errors import InputError
from dashboard.files import write_text_atomic
from dashboard.settings import store_location


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "prepare",
        help="copy Leaflet and the basemap to dashboard/ui/static and build the gazetteer index (idempotent)",
        description="Prepare what the app needs offline: static map assets and the gazetteer index.",
    )
    p.set_defaults(func=cmd_prepare)

    p = subparsers.add_parser(
        "seed",
        help="fill an empty store from data/incidents.csv, the seed article's hand-coded incidents (make run does it)",
        description=(
            "Fill the store (data/incidents.db, or $DASHBOARD_DB) from data/incidents.csv and the article it cites, "
            "in one transaction, when it holds no article yet. A store that has articles is left as it is."
        ),
    )
    p.add_argument(
        "--db", type=store_location, default=None, help="the store (default data/incidents.db, or $DASHBOARD_DB)"
    )
    p.set_defaults(func=cmd_seed)

    p = subparsers.add_parser(
        "validate",
        help="check an incidents CSV; prints each problem as 'row N, column X: ...'",
        description="Check an incidents CSV against the data model. Exit 1 if anything is wrong.",
    )
    p.add_argument("file", type=Path, help="the incidents CSV, e.g. data/incidents.csv")
    p.set_defaults(func=cmd_validate)

    p = subparsers.add_parser(
        "geocode-incidents",
        help="fill place, geonameid, coordinates and time zone of each row from the geocoder",
        description=(
            "Resolve each row's 'location' (as written in the source) with the offline geocoder and write the "
            "resolved place, geonameid, latitude, longitude, country_code, admin1, geo_method and local_tz back "
            "into the file. Rows with an empty geo_precision have no specific place and are left unmapped. "
            "The file is replaced atomically, and only when every location resolved."
        ),
    )
    p.add_argument("file", type=Path, help="the incidents CSV to update in place")
    p.add_argument("--context", default="", help="country codes that the document is about, e.g. AM,AZ")
    p.set_defaults(func=cmd_geocode_incidents)


def cmd_prepare(args: argparse.Namespace) -> int:
    from dashboard.geocoding import get_resolver
    from dashboard.view.assets import prepare_static

    print(f"static assets: {prepare_static()}")
    get_resolver()
    print("gazetteer index: ready")
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from dashboard.settings import SEED_CSV
    from dashboard.store.source import Source, ensure_seeded

    db = args.db or args.settings.db
    src = Source("store", db.resolve() if isinstance(db, Path) else db)
    if ensure_seeded(src, who=args.settings.user or "seed"):
        print(f"{src.where}: filled from {SEED_CSV} ({len(src.store().load())} incidents)")
    else:
        print(f"{src.where}: already holds articles; left as it is")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from dashboard.store.csvfile import read_csv, validate

    df = read_csv(args.file)
    problems = validate(df, args.file.resolve().parent)
    for p in problems:
        print(f"{args.file}, {p}")
    if problems:
        raise InputError(f"{len(problems)} problem(s) in {args.file}")
    print(f"{args.file}: {len(df)} incidents, no problems")
    return 0


def cmd_geocode_incidents(args: argparse.Namespace) -> int:
    from dashboard.geocoding import get_resolver
    from dashboard.models import place_fields
    from dashboard.store.csvfile import read_csv

    df = read_csv(args.file)
    context = tuple(c.strip().upper() for c in args.context.split(",") if c.strip())
    todo = df.index[(df["geo_precision"] != "") & (df["location"] != "")]
    names = list(dict.fromkeys(df.loc[todo, "location"]))
    resolutions = dict(zip(names, get_resolver().resolve_all(names, context=context)))
    failed = [
        f"row {i + 2}, column location: {df.at[i, 'location']!r} is unresolved ({resolutions[df.at[i, 'location']].reason})"
        for i in todo
        if not resolutions[df.at[i, "location"]].resolved
    ]
    if failed:
        raise InputError(
            f"{args.file}: nothing written; add an override in data/geocoding_overrides.csv for:\n" + "\n".join(failed)
        )
    for i in todo:
        r = resolutions[df.at[i, "location"]]
        p = r.place
        fields = place_fields(r)
        df.loc[i, list(fields)] = list(fields.values())
        print(
            f"row {i + 2}: {df.at[i, 'location']} -> {p.name} ({p.country_code}) {p.latitude:.5f},{p.longitude:.5f} "
            f"[{r.method}, {r.confidence:.2f}]"
        )
    # QUOTE_MINIMAL and \n line ends: the committed data/incidents.csv is byte for byte what this writes
    write_text_atomic(args.file, df.to_csv(index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n"))
    return 0
