"""Coded events (ACLED, UCDP) in chunks in, one store table out: added, updated or left as they were.

The table ``imported_events`` sits beside ``incidents`` (which needs an article behind every row); its key is
``incident_id`` = ``origin:external_id`` (e.g. ``acled:ARM123``), so importing a file twice adds nothing. A
row already stored is replaced only by a newer version: a larger ``source_timestamp`` (ACLED's ``timestamp``),
or the same one with different content (UCDP has no timestamp, so its latest import wins).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from dashboard.errors import InputError
from dashboard.models import COLUMNS
from dashboard.store.imports.fields import FIELDS

_COLUMNS = list(FIELDS) + ["file", "accessed", "added_utc"]
_CONTENT = [c for c in FIELDS if c not in ("incident_id", "source_timestamp")]
# A row is replaced only by a newer version (see above); ``seq`` (import order) stays that of its first import.
_NEWER = (
    "WHERE excluded.source_timestamp > imported_events.source_timestamp OR "
    "(excluded.source_timestamp = imported_events.source_timestamp AND ("
    + " OR ".join(f"excluded.{c} IS DISTINCT FROM imported_events.{c}" for c in _CONTENT)
    + "))"
)
_ON_CONFLICT = f"ON CONFLICT (incident_id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _COLUMNS)} {_NEWER}"
UPSERT = (
    f"INSERT INTO imported_events ({', '.join(_COLUMNS)}, seq) VALUES ({', '.join('?' * (len(_COLUMNS) + 1))}) "
    + _ON_CONFLICT
)
# PostgreSQL: each chunk is COPied into a temporary table, then upserted from it in one statement.
_FROM_COPY = (
    f"INSERT INTO imported_events ({', '.join(_COLUMNS)}, seq) SELECT DISTINCT ON (incident_id) "
    f"{', '.join(_COLUMNS)}, seq FROM import_rows ORDER BY incident_id, seq DESC " + _ON_CONFLICT
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


def write_chunks(db, chunks: Iterable[pd.DataFrame], *, file: str, accessed: str, now: str) -> ImportCounts:
    """Upsert every chunk's rows inside the caller's (write) transaction; returns added / updated / unchanged."""
    counts = ImportCounts()
    before, seq = db.execute("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM imported_events").fetchone()
    if db.dialect == "postgresql":
        db.execute("CREATE TEMPORARY TABLE import_rows (LIKE imported_events) ON COMMIT DROP")
    changed = 0
    for rows in chunks:
        if rows.empty:
            continue
        counts.rows += len(rows)
        frame = rows.assign(file=file, accessed=accessed, added_utc=now)
        frame["source_timestamp"] = frame["source_timestamp"].astype("int64")
        # Column-wise lists, zipped: pandas' Arrow-backed strings are slow to iterate row by row (itertuples).
        # seq: numbered here, not by the database; writers take turns (store/engine.py), so no two share one.
        values = zip(*(frame[c].tolist() for c in _COLUMNS), range(seq + 1, seq + 1 + len(frame)))
        seq += len(frame)
        if db.dialect == "postgresql":
            db.execute("TRUNCATE import_rows")
            db.copy("import_rows", [*_COLUMNS, "seq"], values)
            changed += db.execute(_FROM_COPY).rowcount
        else:
            changed += db.executemany(UPSERT, values).rowcount
    after = db.execute("SELECT COUNT(*) FROM imported_events").fetchone()[0]
    counts.added = after - before
    counts.updated = changed - counts.added
    counts.unchanged = counts.rows - counts.added - counts.updated
    return counts


def read(db, where: str = "", args: tuple = ()) -> pd.DataFrame:
    """The stored events as string cells (``source_timestamp`` an int), oldest import first."""
    return db.frame(f"SELECT {', '.join(_COLUMNS)} FROM imported_events {where} ORDER BY seq", args)


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


def as_incidents(store) -> pd.DataFrame:
    """The stored events shaped like ``Store.load(typed_columns=False)``: every model column (empty where an
    event has none), ``background`` and ``corrected`` False, ``article_id`` empty, plus ``origin`` and ``accessed``
    (the date the user gave at import, for the map's attribution). ``place`` is the event's own location name."""
    with store._connect() as db:
        df = db.frame(f"SELECT {', '.join(_AS_INCIDENT)} FROM imported_events ORDER BY seq")
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = ""
    df["place"] = df["location"]
    df["geo_method"] = df["origin"]  # the coordinates are the coder's, not our geocoder's
    df["background"], df["corrected"], df["article_id"] = False, False, ""
    return df
