"""CLI verbs ``import-events FILE...`` (ACLED, UCDP GED into the store) and ``export-acled --out FILE``."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from dashboard.errors import InputError
from dashboard.settings import store_location


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "import-events",
        help="import ACLED or UCDP GED event files into the store; says which layout each is; all or nothing",
        description=(
            "Read ACLED files (current layout, API layout before March 2023, HDX files with an HXL row, R "
            "exports with NA) and UCDP GED files (and their HDX variant) into the store beside our reports. "
            "Every bad cell is printed as 'file, row N, column X: ...'; a file with any bad row stores nothing "
            "unless --skip-bad. The same file twice adds nothing; a newer version of an event (ACLED's "
            "timestamp) replaces the older one. See docs/acled.md."
        ),
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="ACLED or UCDP GED CSV files")
    p.add_argument("--db", type=store_location, help="the store (default data/incidents.db, or DASHBOARD_DB)")
    p.add_argument("--skip-bad", action="store_true", help="store the good rows and count the problems by kind")
    p.add_argument(
        "--accessed",
        default="",
        help="the date you downloaded the data, YYYY-MM-DD (ACLED's attribution policy asks for it)",
    )
    p.set_defaults(func=cmd_import_events)

    p = subparsers.add_parser(
        "export-acled",
        help="write our incidents and imported events as a CSV in ACLED's current 31-column layout",
        description=(
            "Our incidents (and imported events) in ACLED's current column layout and order: time precision as "
            "1/2/3, ids, source, and notes with the excerpt and the claimant; readable back by import-events. "
            "Text cells that a spreadsheet would run as a formula get a leading quote."
        ),
    )
    p.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    p.add_argument("--db", type=store_location, help="the store (default data/incidents.db, or DASHBOARD_DB)")
    p.add_argument("--start", help="keep what overlaps a window starting here, ISO 8601 UTC (e.g. 2022-09-12T18:00Z)")
    p.add_argument("--end", help="window end, ISO 8601 UTC")
    p.add_argument("--claimant", action="append", default=[], help="keep only this claimant (repeatable)")
    p.add_argument("--event-type", action="append", default=[], help="keep only this ACLED event type (repeatable)")
    p.add_argument("--country", action="append", default=[], help="keep only this country code (repeatable)")
    p.add_argument(
        "--origin", action="append", default=[], help="keep only acled, ucdp, ingest or csv rows (repeatable)"
    )
    p.set_defaults(func=cmd_export_acled)


def cmd_import_events(args: argparse.Namespace) -> int:
    from dashboard.store.imported import ImportRefused
    from dashboard.store.sqlite import Store

    if args.accessed and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.accessed):
        raise InputError(f"--accessed {args.accessed!r} is not a date (expected YYYY-MM-DD, e.g. 2026-11-30)")
    store = Store(args.db)
    refused = []
    for path in args.files:
        try:
            events, counts = store.import_events(path, skip_bad=args.skip_bad, accessed=args.accessed)
        except ImportRefused as err:
            print(f"{path}: {err.events.describe()}")
            for problem in err.problems:
                print(problem, file=sys.stderr)
            refused.append(str(err))
            continue
        print(f"{path}: {events.describe()}")
        print(
            f"  {counts.rows} events read: {counts.added} added, {counts.updated} updated, "
            f"{counts.unchanged} already stored"
        )
        if counts.bad_rows:
            print(f"  {counts.bad_rows} bad row(s) skipped:")
            for kind, n in sorted(counts.problems_by_kind.items(), key=lambda kv: (-kv[1], kv[0])):
                print(f"    {n} × {kind}")
    if refused:
        raise InputError("; ".join(refused))
    return 0


def _window_mask(df, args):
    import pandas as pd

    keep = pd.Series(True, index=df.index)
    start = pd.to_datetime(df["start_utc"].where(df["start_utc"] != ""), utc=True, format="ISO8601")
    end = pd.to_datetime(df["end_utc"].where(df["end_utc"] != ""), utc=True, format="ISO8601")
    for name, value in (("--start", args.start), ("--end", args.end)):
        if not value:
            continue
        try:
            bound = pd.Timestamp(value)
        except ValueError as err:
            raise InputError(f"{name} {value!r} is not an ISO 8601 time (expected e.g. 2022-09-12T18:00Z)") from err
        if bound.tzinfo is None:
            raise InputError(f"{name} {value!r} has no UTC offset; write it in UTC with a Z (e.g. 2022-09-12T18:00Z)")
        keep &= (end >= bound) if name == "--start" else (start <= bound)
    for column, wanted in (
        ("claimed_by", args.claimant),
        ("event_type", args.event_type),
        ("country_code", args.country),
        ("origin", args.origin),
    ):
        if wanted:
            keep &= df[column].isin(wanted)
    return keep


def cmd_export_acled(args: argparse.Namespace) -> int:
    from dashboard.export.acled import from_imported, from_incidents, to_csv
    from dashboard.store.sqlite import Store

    store = Store(args.db)
    ours = store.load(background=False, typed_columns=False)
    coded = store.imported_events()
    ours, coded = ours[_window_mask(ours, args)], coded[_window_mask(coded, args)]
    rows, left_out = from_incidents(ours)
    data = to_csv([rows, from_imported(coded)])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"{args.out}: {len(rows)} of our incidents and {len(coded)} imported events in ACLED's layout")
    if left_out:
        print(f"  {left_out} incident(s) left out: no time or no specific place (ACLED needs a date and coordinates)")
    return 0
