"""The rows written into the store's tables for an article (the tables themselves: store/migrations.py)."""

from __future__ import annotations

from dashboard.errors import InputError
from dashboard.models import COLUMNS

EXTRACTOR = "dashboard.ingest.extract/1"
FIELDS = [c for c in COLUMNS if c != "incident_id"]


def next_seq(db, table: str) -> int:
    """The next insertion number of ``table`` (see migrations: ``seq``); writers take turns, so it is not raced."""
    return int(db.execute(f"SELECT COALESCE(MAX(seq), 0) + 1 FROM {table}").fetchone()[0])


def insert_article(db, aid: str, text: str, meta: dict, *, origin: str, who: str, now: str) -> None:
    db.execute(
        "INSERT INTO articles (article_id, text, source_key, source_path, title, publisher, source_url, published, "
        "language, origin, extractor, added_utc, added_by, year_how, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
            next_seq(db, "articles"),
        ),
    )


def insert_incidents(db, aid: str, text: str, rows: list[tuple[dict, bool]], *, now: str):
    """Insert the rows not stored yet (in one bulk write: COPY on PostgreSQL); returns their ids and their
    positions in ``rows``."""
    for row, _ in rows:
        if text[int(row["excerpt_start"]) : int(row["excerpt_end"])] != row["excerpt"]:
            raise InputError(
                f"incident {row['incident_id']}: the excerpt is not the article's text at "
                f"{row['excerpt_start']}-{row['excerpt_end']}; nothing stored"
            )
    ids = list(dict.fromkeys(row["incident_id"] for row, _ in rows))
    stored = set()
    for start in range(0, len(ids), 500):  # SQLite allows so many parameters per statement
        part = ids[start : start + 500]
        stored |= {
            i
            for (i,) in db.execute(
                f"SELECT incident_id FROM incidents WHERE incident_id IN ({', '.join('?' * len(part))})", part
            )
        }
    added, at, values, seq = [], [], [], next_seq(db, "incidents")
    for n, (row, background) in enumerate(rows):
        if row["incident_id"] in stored:
            continue
        stored.add(row["incident_id"])
        values.append(
            (row["incident_id"], aid, *[str(row.get(c, "") or "") for c in FIELDS], int(bool(background)), now, seq)
        )
        seq += 1
        added.append(row["incident_id"])
        at.append(n)
    db.copy("incidents", ["incident_id", "article_id", *FIELDS, "background", "added_utc", "seq"], values)
    return added, at
