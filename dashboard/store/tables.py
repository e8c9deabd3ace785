"""The store's tables: their SQL (one schema, versioned) and the rows written into them for an article."""

from __future__ import annotations

from dashboard.errors import InputError
from dashboard.models import COLUMNS

EXTRACTOR = "dashboard.ingest.extract/1"
SCHEMA_VERSION = 2
FIELDS = [c for c in COLUMNS if c != "incident_id"]

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,           -- sha256 of the text: the same article twice is one article
    text TEXT NOT NULL,
    source_key TEXT NOT NULL, source_path TEXT NOT NULL, title TEXT NOT NULL, publisher TEXT NOT NULL,
    source_url TEXT NOT NULL, published TEXT NOT NULL, language TEXT NOT NULL,
    origin TEXT NOT NULL,                  -- 'ingest' (machine-coded) or 'csv' (imported hand-coding)
    extractor TEXT NOT NULL, added_utc TEXT NOT NULL, added_by TEXT NOT NULL, year_how TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS incidents (
    incident_id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(article_id),
    {", ".join(f'"{c}" TEXT NOT NULL DEFAULT ' + "''" for c in FIELDS)},
    background INTEGER NOT NULL DEFAULT 0,
    added_utc TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1      -- 1 when stored, +1 for each edit applied (see store/corrections.py)
);
CREATE TABLE IF NOT EXISTS corrections (
    correction_id INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id TEXT NOT NULL REFERENCES incidents(incident_id),
    field TEXT NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL,
    who TEXT NOT NULL, at_utc TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 0      -- the incident version this correction made (0: made before versions)
);
CREATE TABLE IF NOT EXISTS versions (     -- a changed text ingested at the same path supersedes the older one
    article_id TEXT PRIMARY KEY REFERENCES articles(article_id),
    superseded_by TEXT NOT NULL REFERENCES articles(article_id),
    at_utc TEXT NOT NULL, who TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_article ON incidents(article_id);
CREATE INDEX IF NOT EXISTS corrections_incident ON corrections(incident_id);
"""


def insert_article(db, aid: str, text: str, meta: dict, *, origin: str, who: str, now: str) -> None:
    db.execute(
        "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            aid,
            text,
            meta.get("source_key", ""),
            meta.get("source_path", ""),
            meta.get("title", ""),
            meta.get("publisher", ""),
            meta.get("source_url", ""),
            meta.get("published", ""),
            meta.get("language", ""),
            origin,
            EXTRACTOR if origin == "ingest" else "hand-coded",
            now,
            who,
            meta.get("year_how", ""),
        ),
    )


def insert_incidents(db, aid: str, text: str, rows: list[tuple[dict, bool]], *, now: str):
    """Insert the rows not stored yet; returns their ids and their positions in ``rows``."""
    added, at = [], []
    for n, (row, background) in enumerate(rows):
        if text[int(row["excerpt_start"]) : int(row["excerpt_end"])] != row["excerpt"]:
            raise InputError(
                f"incident {row['incident_id']}: the excerpt is not the article's text at "
                f"{row['excerpt_start']}-{row['excerpt_end']}; nothing stored"
            )
        cur = db.execute(
            f"INSERT OR IGNORE INTO incidents (incident_id, article_id, {', '.join(chr(34) + c + chr(34) for c in FIELDS)}, "
            f"background, added_utc) VALUES ({', '.join('?' * (len(FIELDS) + 4))})",
            (
                row["incident_id"],
                aid,
                *[str(row.get(c, "") or "") for c in FIELDS],
                int(bool(background)),
                now,
            ),
        )
        if cur.rowcount:
            added.append(row["incident_id"])
            at.append(n)
    return added, at
