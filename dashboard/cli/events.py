"""CLI verbs over events: ``events`` lists them (one JSON object per line with ``--json``), ``events merge``
and ``events split`` record an analyst's decision (the Review page calls the same functions)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd

from dashboard.errors import InputError
from dashboard.events.summary import EVENT_COLUMNS
from dashboard.settings import store_location

# Every column of an event row, in order: the events table, its CSV and --json all share it.
JSON_FIELDS = EVENT_COLUMNS


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "events",
        help="list events (reports of one incident across articles, with independent outlets and claims by side); "
        "'events merge' / 'events split' correct the grouping",
        description=(
            "Events group the stored reports of one incident: same place, overlapping times, compatible event "
            "types, whoever claims them. n_outlets counts independent outlets (relays and translations of a "
            "stored report count once). Recomputed on ingest; analysts' merges and splits are kept and "
            "replayed. See docs/events.md."
        ),
    )
    p.add_argument(
        "--db", type=store_location, default=None, help="the store (default data/incidents.db, or $DASHBOARD_DB)"
    )
    p.add_argument("--start", help="only events that end at or after this time (ISO 8601, e.g. 2025-03-14T12:00Z)")
    p.add_argument("--end", help="only events that start at or before this time (ISO 8601)")
    p.add_argument("--json", action="store_true", help="one JSON object per event and line")
    p.set_defaults(func=cmd_events)
    actions = p.add_subparsers(
        dest="action", metavar="ACTION", required=False, help="merge or split events (default: list them)"
    )

    m = actions.add_parser("merge", help="merge events into one (kept in the audit trail)")
    m.add_argument("event_ids", nargs="+", metavar="EVENT_ID", help="two or more event ids")
    m.add_argument("--who", required=True, help="the analyst's name or initials (kept in the audit trail)")
    m.add_argument("--reason", default="", help="why (kept in the audit trail)")
    m.add_argument("--db", type=store_location, default=argparse.SUPPRESS, help="the store")
    m.set_defaults(func=cmd_merge)

    s = actions.add_parser("split", help="take one report out of its event into an event of its own")
    s.add_argument("event_id", metavar="EVENT_ID")
    s.add_argument("incident_id", metavar="REPORT_ID", help="the report's incident_id (see report_ids)")
    s.add_argument("--who", required=True, help="the analyst's name or initials (kept in the audit trail)")
    s.add_argument("--reason", default="", help="why (kept in the audit trail)")
    s.add_argument("--db", type=store_location, default=argparse.SUPPRESS, help="the store")
    s.set_defaults(func=cmd_split)


def _store(args):
    from dashboard.store.sqlite import Store, default_path

    path = args.db or default_path()
    if isinstance(path, Path) and not path.exists():
        raise InputError(f"store {path}: no such file (ingest articles first, or give --db)")
    return Store(path)


def _time(value: str | None, flag: str):
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except ValueError as err:
        raise InputError(f"{flag} {value!r} is not an ISO 8601 time (expected e.g. 2025-03-14T12:00Z)") from err
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def cmd_events(args: argparse.Namespace) -> int:
    from dashboard.store.events import load_events

    start, end = _time(args.start, "--start"), _time(args.end, "--end")
    if start is not None and end is not None and end < start:
        raise InputError(f"--end {args.end} is before --start {args.start}")
    events = load_events(_store(args), start, end)
    for record in events.to_dict("records"):
        if args.json:
            print(json.dumps({k: _plain(record[k]) for k in JSON_FIELDS}, ensure_ascii=False))
            continue
        sides = " / ".join(f"{side}: {', '.join(names)}" for side, names in record["claimants"].items())
        print(
            f"{record['event_id']}  {record['start_utc'] or '?':>17}  {record['place'] or 'no specific place'}  "
            f"{record['event_type']}/{record['sub_event_type']}  {record['n_reports']} report(s) from "
            f"{record['n_outlets']} independent outlet(s)  [{sides}]"
        )
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from dashboard.store.events import merge

    merged = merge(_store(args), args.event_ids, who=args.who, reason=args.reason)
    print(f"merged {', '.join(args.event_ids)} into {merged} (by {args.who}; see the audit trail)")
    return 0


def cmd_split(args: argparse.Namespace) -> int:
    from dashboard.store.events import split

    new = split(_store(args), args.event_id, args.incident_id, who=args.who, reason=args.reason)
    print(f"report {args.incident_id} split off {args.event_id} into {new} (by {args.who})")
    return 0
