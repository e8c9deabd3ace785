"""Coded events (ACLED, UCDP) in chunks in, one SQLite table out: added, updated or left as they were.

The table ``imported_events`` sits beside ``incidents`` (which needs an article behind every row); its key is
``incident_id`` = ``origin:external_id`` (e.g. ``acled:ARM123``), so importing a file twice adds nothing. A
row already stored is replaced only by a newer version: a larger ``source_timestamp`` (ACLED's ``timestamp``),
or the same one with different content (UCDP has no timestamp, so its latest import wins).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

import pandas as pd

from dashboard.errors import InputError, StoreError
from dashboard.models import COLUMNS
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


# The incidents frame's columns an imported event fills from its own; the rest stay empty (no article behind it).
_AS_INCIDENT = [c for c in FIELDS if c in COLUMNS] + ["origin", "accessed"]


def as_incidents(path) -> pd.DataFrame:
    """The stored events shaped like ``Store.load(typed_columns=False)``: every model column (empty where an
    event has none), ``background`` and ``corrected`` False, ``article_id`` empty, plus ``origin`` and ``accessed``
    (the date the user gave at import, for the map's attribution). ``place`` is the event's own location name."""
    with _reading(path) as db:
        df = pd.read_sql_query(f"SELECT {', '.join(_AS_INCIDENT)} FROM imported_events ORDER BY rowid", db)
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = ""
    df["place"] = df["location"]
    df["geo_method"] = df["origin"]  # the coordinates are the coder's, not our geocoder's
    df["background"], df["corrected"], df["article_id"] = False, False, ""
    return df


def version_key(path) -> tuple:
    """What changes when an import adds or updates events: their count and the latest import's time."""
    with _reading(path) as db:
        return tuple(
            db.execute("SELECT COUNT(*), MAX(added_utc), MAX(source_timestamp) FROM imported_events").fetchone()
        )


@contextmanager
def _reading(path):
    """A read-only connection to the store at ``path`` (its schema already made by ``Store``)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as err:
        raise StoreError(f"store {path}: cannot be opened ({err})") from err
    try:
        yield db
    except sqlite3.DatabaseError as err:
        raise StoreError(f"store {path}: {err} (is it an incidents database?)") from err
    finally:
        db.close()
