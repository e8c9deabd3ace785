"""CLI verb ``snapshot``: a view of the incidents in, a briefing PNG (or standalone HTML) out."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from dashboard.errors import InputError
from dashboard.models import iana_zone
from dashboard.view.excerpts import plural


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "snapshot",
        help="render the map of a time window and filters as a briefing PNG (or standalone HTML) with title, legend and sources",
        description=(
            "Render the dashboard's map for a window and filters into a slide-ready PNG (headless Chromium, offline) "
            "or, with --out FILE.html, a self-contained HTML page that opens with no server and no internet."
        ),
    )
    p.add_argument("--out", type=Path, required=True, help="output file: .png or .html")
    p.add_argument(
        "--incidents", type=Path, help="an incidents CSV (default: the store, data/incidents.db, as the app shows it)"
    )
    p.add_argument("--start", help="window start, ISO 8601 UTC, e.g. 2022-09-12T18:00Z (default: the first incident)")
    p.add_argument("--end", help="window end, ISO 8601 UTC (default: the last incident)")
    p.add_argument("--claimant", action="append", default=[], help="keep only this claimant (repeatable)")
    p.add_argument("--event-type", action="append", default=[], help="keep only this ACLED event type (repeatable)")
    p.add_argument("--country", action="append", default=[], help="keep only this country code, or 'none' (repeatable)")
    p.add_argument(
        "--origin", action="append", default=[], help="keep only this origin: acled, ucdp, ingest, csv (repeatable)"
    )
    p.add_argument("--title", help="the title at the top (default: 'Reported incidents, <days>')")
    p.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT in CSS pixels (default 1920x1080)")
    p.add_argument("--scale", type=float, default=1.0, help="device pixel ratio: 2 doubles the resolution (default 1)")
    p.add_argument(
        "--tz", action="append", default=[], help="IANA zone for local time (repeatable; default: the incidents' zones)"
    )
    p.set_defaults(func=cmd_snapshot)


def cmd_snapshot(args: argparse.Namespace) -> int:
    from dashboard.export import briefing
    from dashboard.export.png import parse_size, render_png
    from dashboard.store import source
    from dashboard.view import window

    suffix = args.out.suffix.lower()
    if suffix not in (".png", ".html"):
        raise InputError(f"--out {str(args.out)!r}: expected a .png or .html file name")
    for tz in args.tz:
        if iana_zone(tz) is None:
            raise InputError(f"--tz {tz!r} is not an IANA time zone (expected e.g. Asia/Yerevan)")
    size = parse_size(args.size)
    src = source.Source("csv", args.incidents.resolve()) if args.incidents else source.from_settings(args.settings)
    if src.kind == "csv" and not src.path.is_file():
        named = f"--incidents {str(args.incidents)!r}" if args.incidents else f"DASHBOARD_INCIDENTS {str(src.path)!r}"
        raise InputError(f"{named}: no such file")
    if (
        src.kind == "store" and isinstance(src.path, Path) and not src.path.is_file()
    ):  # read-only: never creates a store
        raise InputError(
            f"the store {str(src.path)!r} does not exist: {source.SEED_HINT}, or pass --incidents FILE.csv"
        )
    df = src.load()
    if src.kind == "store" and df.empty:
        raise InputError(
            f"the store {str(src.path)!r} holds no incidents: {source.SEED_HINT}, or pass --incidents FILE.csv"
        )
    params = {
        k: v
        for k, v in {
            "start": [args.start] if args.start else [],
            "end": [args.end] if args.end else [],
            "claimant": args.claimant,
            "event_type": args.event_type,
            "country": args.country,
            "origin": args.origin,
        }.items()
        if v
    }
    v = window.from_query_strict(params, df)
    shown = window.apply(df, v)
    words = briefing.describe(
        shown, df, v, made_at=datetime.now(UTC), title=args.title, data_version=src.version(), zones=args.tz or None
    )
    page = briefing.page(shown, df, words)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".html":
        args.out.write_text(page, encoding="utf-8")
        print(f"{args.out}: {len(page) // 1024} KB, {plural(int(shown['mapped'].sum()), 'incident')} on the map")
        return 0
    snap = render_png(page, args.out, size=size, scale=args.scale, settings=args.settings)
    print(f"{args.out}: {snap.width}x{snap.height} px, {plural(int(shown['mapped'].sum()), 'incident')} on the map")
    return 0
