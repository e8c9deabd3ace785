"""CLI verb ``store``: ``store migrate`` brings a store to this code's schema, ``store copy FROM TO`` moves a
store between SQLite and PostgreSQL with row counts and checksums per table, checked."""

from __future__ import annotations

import argparse

from dashboard.errors import StoreError
from dashboard.settings import store_location


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "store",
        help="the store itself: 'migrate' it to this code's schema, 'copy' it between SQLite and PostgreSQL",
        description=(
            "A store is a SQLite file (default data/incidents.db) or a postgresql:// URL (DASHBOARD_DB or --db)."
        ),
    )
    verbs = p.add_subparsers(dest="store_verb", metavar="ACTION", required=True, help="migrate | copy")
    m = verbs.add_parser(
        "migrate",
        help="apply the schema migrations a store lacks (prints from → to); a store newer than the code is refused",
        description="Apply the schema migrations the store lacks, in one transaction, and print from → to.",
    )
    m.add_argument(
        "--db", type=store_location, default=None, help="the store (default data/incidents.db, or $DASHBOARD_DB)"
    )
    m.set_defaults(func=cmd_migrate)
    c = verbs.add_parser(
        "copy",
        help="copy every table of a store into another (e.g. SQLite → PostgreSQL); counts and checksums checked",
        description=(
            "Copy every table of FROM into TO in one transaction on TO, then print each table's row count and "
            "checksum on both sides; exit 1 if any differs. TO is made (or migrated) to this code's schema; a TO "
            "that already holds rows is refused unless --replace."
        ),
    )
    c.add_argument("source", metavar="FROM", type=store_location, help="the store to copy: a file or postgresql:// URL")
    c.add_argument("target", metavar="TO", type=store_location, help="the store to fill: a file or postgresql:// URL")
    c.add_argument("--replace", action="store_true", help="delete TO's rows first (in the same transaction)")
    c.set_defaults(func=cmd_copy)


def cmd_migrate(args: argparse.Namespace) -> int:
    from dashboard.store import migrations
    from dashboard.store.engine import open_engine

    engine = open_engine(args.db or args.settings.db)
    before, after = migrations.migrate(engine)
    print(f"{engine.name}: schema {before} → {after}" + (" (already current)" if before == after else ""))
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from dashboard.store.copy import copy_store
    from dashboard.store.engine import is_url
    from dashboard.store.sqlite import Store

    if not is_url(args.source) and not args.source.is_file():
        raise StoreError(f"store {args.source}: no such file")
    source, target = Store(args.source), Store(args.target)
    tables = copy_store(source, target, replace=args.replace)
    print(f"{'table':<16} {'rows ' + 'from':>10} {'rows to':>10}  {'checksum from':<16}  {'checksum to':<16}")
    for t in tables:
        print(
            f"{t.table:<16} {t.rows_from:>10,} {t.rows_to:>10,}  {t.sum_from:<16}  {t.sum_to:<16}"
            + ("" if t.same else "  DIFFERS")
        )
    bad = [t.table for t in tables if not t.same]
    if bad:
        raise StoreError(f"{target.name}: the copy differs from {source.name} in {', '.join(bad)}")
    print(f"copied {source.name} → {target.name}: {sum(t.rows_to for t in tables):,} rows, every table checked")
    return 0
