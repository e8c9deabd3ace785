"""One store in, the same rows in another store out (SQLite → PostgreSQL and back), counted and checksummed on
both sides, table by table.

The target is migrated to this code's schema first; the source must be at it too (``store migrate`` it). The
whole copy is one transaction on the target: a failure leaves it as it was. A target that already holds rows
is refused unless ``replace`` (its rows are deleted, in the same transaction). Checksums are computed the same
way on both sides (every row's cells as text, rows sorted in Python: the engines' collations differ), so equal
checksums mean the same rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from dashboard.errors import InputError, StoreError

# Parents before children (foreign keys); meta last, as it only caches.
TABLES = (
    "articles",
    "incidents",
    "corrections",
    "versions",
    "imported_events",
    "events",
    "event_links",
    "event_overrides",
    "meta",
)
SERIALS = {"corrections": "correction_id", "event_overrides": "override_id"}  # PostgreSQL identity columns
_BATCH = 5000


@dataclass(frozen=True)
class TableCopy:
    """One table's row count and checksum on each side."""

    table: str
    rows_from: int
    rows_to: int
    sum_from: str
    sum_to: str

    @property
    def same(self) -> bool:
        return self.rows_from == self.rows_to and self.sum_from == self.sum_to


def _cell(value) -> str:
    return "\\N" if value is None else str(value)


def checksum(db, table: str, columns: list[str]) -> tuple[int, str]:
    """(rows, sha256 of the sorted rows' cells as text) of a table, the same on both engines."""
    names = ", ".join(f'"{c}"' for c in columns)
    rows = sorted("\x1f".join(map(_cell, r)) for r in db.execute(f"SELECT {names} FROM {table}").fetchall())
    digest = hashlib.sha256()
    for r in rows:
        digest.update(r.encode("utf-8") + b"\x1e")
    return len(rows), digest.hexdigest()[:16]


def _rows(source, table: str, columns: list[str]):
    names = ", ".join(f'"{c}"' for c in columns)
    with source._connect() as db:
        cur = db.execute(f"SELECT {names} FROM {table}")
        while batch := cur.fetchmany(_BATCH):
            yield from batch


def copy_store(source, target, *, replace: bool = False) -> list[TableCopy]:
    """Copy every table of ``source`` into ``target`` (two ``Store``s) in one transaction on the target; returns
    each table's counts and checksums, read back from both sides after the copy."""
    from dashboard.store import migrations

    with source._connect() as db:
        found = migrations.current(db)
        columns = {t: db.columns(t) for t in TABLES}
    if found != migrations.LATEST:
        raise StoreError(f"store {source.name}: schema {found}, not {migrations.LATEST}: run `store migrate` on it")
    if source.name == target.name:
        raise InputError(f"cannot copy store {source.name} onto itself")
    with target._write() as db:
        held = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES if t != "meta"}
        if any(held.values()) and not replace:
            shown = ", ".join(f"{t} {n}" for t, n in held.items() if n)
            raise InputError(
                f"store {target.name} is not empty ({shown}): nothing copied. Copy into an empty store, or pass "
                "--replace to delete its rows first"
            )
        for table in reversed(TABLES):
            db.execute(f"DELETE FROM {table}")
        for table in TABLES:
            db.copy(table, columns[table], _rows(source, table, columns[table]))
        if db.dialect == "postgresql":  # ids given explicitly: the next one the database makes follows them
            for table, column in SERIALS.items():
                db.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
                )
    out = []
    with source._connect() as a, target._connect() as b:
        for table in TABLES:
            (n_from, s_from), (n_to, s_to) = checksum(a, table, columns[table]), checksum(b, table, columns[table])
            out.append(TableCopy(table, n_from, n_to, s_from, s_to))
    return out
