"""Coded events (ACLED, UCDP) in chunks in, one SQLite table out: added, updated or left as they were.

The table ``imported_events`` sits beside ``incidents`` (which needs an article behind every row); its key is
``incident_id`` = ``origin:external_id`` (e.g. ``acled:ARM123``), so importing a file twice adds nothing. A
row already stored is replaced only by a newer version: a larger ``source_timestamp`` (ACLED's ``timestamp``),
or the same one with different content (UCDP has no timestamp, so its latest import wins).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.errors import InputError
from dashboard.store.imports.fields import FIELDS

_TEXT = [f for f in FIELDS if f not in ("incident_id", "source_timestamp")]
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS imported_events (
    incident_id TEXT PRIMARY KEY,          -- origin:external_id, e.g. acled:ARM123 or ucdp:456
    source_timestamp INTEGER NOT NULL DEFAULT 0,
    {", ".join(f'"{c}" TEXT NOT NULL DEFAULT ' + "''" for c in _TEXT)},
    file TEXT NOT NULL DEFAULT '', accessed TEXT NOT NULL DEFAULT '', added_utc TEXT NOT NULL DEFAULT ''
);
"""
_COLUMNS = list(FIELDS) + ["file", "accessed", "added_utc"]
_CONTENT = [c for c in FIELDS if c not in ("incident_id", "source_timestamp")]
UPSERT = (
    f"INSERT INTO imported_events ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
    f"ON CONFLICT(incident_id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _COLUMNS)} "
    "WHERE excluded.source_timestamp > imported_events.source_timestamp OR "
    "(excluded.source_timestamp = imported_events.source_timestamp AND ("
    + " OR ".join(f"excluded.{c} IS NOT imported_events.{c}" for c in _CONTENT)
    + "))"
)


@dataclass
class ImportCounts:
    """What an import did to the store, and the problems it met (by kind)."""

    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    bad_rows: int = 0
    problems_by_kind: dict[str, int] = field(default_factory=dict)


def write_chunks(
    db: sqlite3.Connection, chunks: Iterable[pd.DataFrame], *, file: str, accessed: str, now: str
) -> ImportCounts:
    """Upsert every chunk's rows inside the caller's transaction; returns added / updated / unchanged."""
    counts = ImportCounts()
    before = db.execute("SELECT COUNT(*) FROM imported_events").fetchone()[0]
    changes = db.total_changes
    for rows in chunks:
        if rows.empty:
            continue
        counts.rows += len(rows)
        frame = rows.assign(file=file, accessed=accessed, added_utc=now)
        frame["source_timestamp"] = frame["source_timestamp"].astype("int64")
        # Column-wise lists, zipped: pandas' Arrow-backed strings are slow to iterate row by row (itertuples).
        db.executemany(UPSERT, zip(*(frame[c].tolist() for c in _COLUMNS)))
    after = db.execute("SELECT COUNT(*) FROM imported_events").fetchone()[0]
    counts.added = after - before
    counts.updated = db.total_changes - changes - counts.added
    counts.unchanged = counts.rows - counts.added - counts.updated
    return counts


def read(db: sqlite3.Connection, where: str = "", args: tuple = ()) -> pd.DataFrame:
    """The stored events as string cells (``source_timestamp`` an int), oldest import first."""
    return pd.read_sql_query(
        f"SELECT {', '.join(_COLUMNS)} FROM imported_events {where} ORDER BY rowid", db, params=list(args)
    )


class ImportRefused(InputError):
    """Some rows were bad and --skip-bad was not given: nothing was stored."""

    def __init__(self, events, problems: list):
        self.events, self.problems = events, sorted(problems, key=lambda p: p.row)
        rows = len({p.row for p in problems})
        super().__init__(
            f"{events.path}: {rows} bad row(s), {len(problems)} problem(s); nothing imported "
            "(--skip-bad imports the good rows)"
        )


def count_problems(counts: ImportCounts, problems: list) -> ImportCounts:
    counts.bad_rows = len({p.row for p in problems})
    for p in problems:
        counts.problems_by_kind[p.kind] = counts.problems_by_kind.get(p.kind, 0) + 1
    return counts
