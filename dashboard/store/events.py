"""A Store in, its events out (and kept in it): events, report→event links with reasons, analysts' merges/splits.

Three tables beside the incidents: ``events`` (one row per event: the CLI's columns, lists as JSON),
``event_links`` (one row per report: its event, the anchor it was matched against, why, its outlet and
origin, the override that moved it) and ``event_overrides`` (who merged or split what, when, why: the
audit trail, never rewritten). ``recompute`` rebuilds the first two from the incidents and replays the
third, in one transaction; ``Store.ingest`` calls it after an article adds incidents, and ``current``
recomputes when the incidents, corrections or overrides changed since (e.g. after ``import-csv``).
Background mentions (earlier events an article recalls) are left out, as the timeline leaves them out.
"""

from __future__ import annotations

import json

import pandas as pd

from dashboard.errors import InputError
from dashboard.events.overrides import Override, apply
from dashboard.events.summary import EVENT_COLUMNS, EventSet, build
from dashboard.store.migrations import LINK_COLUMNS

ALGORITHM = "events/1"  # bump when the grouping changes: stored events are then recomputed
_LISTS = ("outlets", "claimants", "report_ids", "source_urls")
_LINK_COLUMNS = LINK_COLUMNS  # the tables are made by store/migrations.py


def fingerprint(store) -> str:
    """Changes whenever what the events are made of changes: incidents, corrections, overrides, the algorithm."""
    with store._connect() as db:
        parts = [
            db.execute("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM incidents").fetchone(),
            db.execute("SELECT COALESCE(MAX(correction_id), 0) FROM corrections").fetchone(),
            db.execute("SELECT COALESCE(MAX(override_id), 0) FROM event_overrides").fetchone(),
        ]
    return ALGORITHM + ":" + ":".join(str(v) for row in parts for v in row)


def overrides(store) -> list[Override]:
    with store._connect() as db:
        rows = db.execute(
            "SELECT override_id, action, incident_ids, who, at_utc FROM event_overrides ORDER BY override_id"
        ).fetchall()
    return [Override(n, action, tuple(json.loads(ids)), who, at) for n, action, ids, who, at in rows]


def audit(store) -> pd.DataFrame:
    """Every merge and split, newest first: override_id, action, event_ids, incident_ids, who, at_utc, reason."""
    with store._connect() as db:
        return db.frame("SELECT * FROM event_overrides ORDER BY override_id DESC")


def recompute(store) -> EventSet:
    """Group the store's reports afresh, replay the analysts' overrides, and store events and links."""
    from dashboard.events.grouping import group

    stamp = fingerprint(store)
    reports = store.load(background=False)
    with store._connect() as db:
        texts = dict(db.execute("SELECT article_id, text FROM articles").fetchall())
    links = apply(group(reports), overrides(store))
    result = build(reports, texts, links)
    link_rows = result.links.reindex(columns=list(_LINK_COLUMNS)).fillna("").astype(str)
    event_rows = result.events.copy()
    for c in _LISTS:
        event_rows[c] = [json.dumps(v, ensure_ascii=False) for v in event_rows[c]]
    event_rows = event_rows.astype(object).where(event_rows.notna(), None)
    with store._write() as db:
        db.execute("DELETE FROM events")
        db.execute("DELETE FROM event_links")
        db.copy(
            "events",
            EVENT_COLUMNS,
            [tuple(None if v is None else str(v) for v in row) for row in event_rows.itertuples(index=False)],
        )
        db.copy("event_links", _LINK_COLUMNS, list(link_rows.itertuples(index=False, name=None)))
        db.execute(
            "INSERT INTO meta VALUES ('events_fingerprint', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (stamp,),
        )
    return result


def current(store) -> None:
    """Recompute when the stored events are older than the incidents, corrections or overrides."""
    with store._connect() as db:
        row = db.execute("SELECT value FROM meta WHERE key = 'events_fingerprint'").fetchone()
    if row is None or row[0] != fingerprint(store):
        recompute(store)


def load_events(store, start: pd.Timestamp | None = None, end: pd.Timestamp | None = None) -> pd.DataFrame:
    """The stored events (recomputed first if stale), those overlapping [start, end] when given; lists decoded."""
    current(store)
    with store._connect() as db:
        df = db.frame("SELECT * FROM events")
    for c in _LISTS:
        df[c] = [json.loads(v) if v else ([] if c != "claimants" else {}) for v in df[c]]
    for c in ("latitude", "longitude"):
        df[c] = pd.to_numeric(df[c], errors="coerce")
    for c in ("geo_precision", "n_reports", "n_outlets", "n_sources"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    if start is not None or end is not None:
        s = pd.to_datetime(df["start_utc"], utc=True, format="ISO8601", errors="coerce")
        e = pd.to_datetime(df["end_utc"], utc=True, format="ISO8601", errors="coerce").fillna(s)
        keep = s.notna()
        if start is not None:
            keep &= e >= start
        if end is not None:
            keep &= s <= end
        df = df[keep]
    return df.sort_values(["start_utc", "event_id"], na_position="last", kind="stable").reset_index(drop=True)


def load_links(store) -> pd.DataFrame:
    current(store)
    with store._connect() as db:
        return db.frame("SELECT * FROM event_links")


def merge(store, event_ids: list[str], *, who: str, reason: str = "") -> str:
    """Merge events (an analyst's decision, kept in the audit trail); returns the merged event's id."""
    links = load_links(store)
    unknown = [e for e in event_ids if e not in set(links["event_id"])]
    if unknown:
        raise InputError(f"no event {', '.join(map(repr, unknown))} in {store.name} (see `events` for the ids)")
    if len(set(event_ids)) < 2:
        raise InputError(f"merge needs two different events, got {', '.join(map(repr, event_ids))}")
    members = links[links["event_id"].isin(event_ids)]["incident_id"].tolist()
    _record(store, "merge", event_ids, members, who, reason)
    merged = load_links(store).set_index("incident_id").loc[members[0], "event_id"]
    return str(merged)


def split(store, event_id: str, incident_id: str, *, who: str, reason: str = "") -> str:
    """Take one report out of its event into an event of its own; returns the new event's id."""
    links = load_links(store)
    row = links[links["incident_id"] == incident_id]
    if row.empty or row["event_id"].iloc[0] != event_id:
        raise InputError(
            f"report {incident_id!r} is not in event {event_id!r} in {store.name} (see `events --json`: report_ids)"
        )
    if (links["event_id"] == event_id).sum() < 2:
        raise InputError(f"event {event_id!r} has only report {incident_id!r}: nothing to split")
    _record(store, "split", [event_id], [incident_id], who, reason)
    return str(load_links(store).set_index("incident_id").loc[incident_id, "event_id"])


def _record(store, action: str, event_ids: list[str], incident_ids: list[str], who: str, reason: str) -> None:
    if not str(who or "").strip():
        raise InputError(f"{action} needs --who (the analyst's name or initials): it is kept in the audit trail")
    with store._write() as db:
        db.execute(
            "INSERT INTO event_overrides (action, event_ids, incident_ids, who, at_utc, reason) VALUES (?,?,?,?,?,?)",
            (action, json.dumps(event_ids), json.dumps(incident_ids), who.strip(), store.clock(), reason),
        )
    recompute(store)


def score(store, gold_path) -> dict:
    """Pair precision/recall of the store's events against a gold file (docs/events.md): for ``evaluate``."""
    from dashboard.events.scores import gold_labels, grouping_scores, read_gold

    gold = gold_labels(read_gold(gold_path), store.load(background=False))
    return grouping_scores(gold, load_events(store))
