"""A changed text at the same path in, the older version superseded out: new ids where the old ones are taken,
and the analysts' corrections carried over to the incidents that still exist."""

from __future__ import annotations

import hashlib

from dashboard.store.rowcheck import cell


def current_versions(db, source_path: str, aid: str) -> list[str]:
    """The stored, not yet superseded articles read from the same path with another text."""
    return [
        a
        for (a,) in db.execute(
            "SELECT article_id FROM articles a WHERE source_path = ? AND article_id != ? "
            "AND NOT EXISTS (SELECT 1 FROM versions v WHERE v.article_id = a.article_id) ORDER BY rowid",
            (source_path, aid),
        )
    ]


def version_ids(db, rows: list[tuple[dict, bool]], aid: str) -> list[tuple[dict, bool]]:
    """Ids that an older version already holds (ids keyed on the path and the sentence, not the text) get this
    version's text hash mixed in, so the new version's incidents are stored beside the old ones, not dropped."""
    ids = [row["incident_id"] for row, _ in rows]
    taken = {
        i
        for (i,) in db.execute(
            f"SELECT incident_id FROM incidents WHERE incident_id IN ({', '.join('?' * len(ids))})", ids
        )
    }
    return [
        (
            dict(row, incident_id=hashlib.sha1(f"{row['incident_id']}@{aid}".encode()).hexdigest()[:12])
            if row["incident_id"] in taken
            else row,
            background,
        )
        for row, background in rows
    ]


def supersede(db, older: list[str], aid: str, rows: list[tuple[dict, bool]], *, who: str, now: str) -> None:
    """Mark the older versions superseded (kept, off the map) and carry analysts' corrections over to the new
    version's incidents that still exist: the same place name in the same sentence text."""
    db.executemany("INSERT INTO versions VALUES (?,?,?,?)", [(old, aid, now, who) for old in older])
    new = {}
    for row, background in rows:
        new.setdefault((row["location"], row["excerpt"]), dict(row, background=str(bool(background))))
    fixes = db.execute(
        "SELECT c.incident_id, c.field, c.new, c.who, c.reason, i.location, i.excerpt FROM corrections c "
        f"JOIN incidents i USING (incident_id) WHERE i.article_id IN ({', '.join('?' * len(older))}) "
        "ORDER BY c.correction_id",
        older,
    ).fetchall()
    current: dict[tuple[str, str], str] = {}
    edits: dict[str, int] = {}  # each carried correction is an edit of the new incident: one version on
    for old_iid, field_name, value, by, reason, location, excerpt in fixes:
        target = new.get((location, excerpt))
        if target is None:
            continue  # the incident is gone from the new text; its correction stays with the old version
        before = current.get((target["incident_id"], field_name), cell(target.get(field_name, "")))
        note = f"carried over from {old_iid} when article {aid[:12]} superseded it"
        edits[target["incident_id"]] = edits.get(target["incident_id"], 1) + 1
        db.execute(
            "INSERT INTO corrections (incident_id, field, old, new, who, at_utc, reason, version) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (
                target["incident_id"],
                field_name,
                before,
                value,
                by,
                now,
                f"{reason}; {note}" if reason else note,
                edits[target["incident_id"]],
            ),
        )
        current[(target["incident_id"], field_name)] = value
    db.executemany("UPDATE incidents SET version = ? WHERE incident_id = ?", [(v, i) for i, v in edits.items()])
