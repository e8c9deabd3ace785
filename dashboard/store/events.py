"""A Store in, its events out (and kept in it): events, report→event links with reasons, analysts' merges/splits.

Four tables beside the incidents: ``events`` (one row per event: the CLI's columns, lists as JSON),
``event_links`` (one row per report: its event, the anchor it was matched against, why, its outlet and
origin, the override that moved it), ``event_overrides`` (who merged or split what, when, why: the
audit trail, never rewritten) and ``event_features`` (per report, what the grouping reads and its automatic
link, before overrides). ``recompute`` brings the first two up to date with the incidents and replays the
third, in one transaction; ``Store.ingest`` calls it after an article adds incidents, and ``current``
recomputes when the incidents, corrections or overrides changed since (e.g. after ``import-csv``).
It is incremental: the reports added, corrected or superseded since the last run are regrouped with only
the reports they can reach (``events.incremental``), and only the events that changed are summarised
again; the result is the full regrouping's (a property test checks it), which runs when there is no
previous state or the change is large.
Background mentions (earlier events an article recalls) are left out, as the timeline leaves them out.
"""

from __future__ import annotations

import json

import pandas as pd

from dashboard.errors import InputError, StaleEditError
from dashboard.events.grouping import FEATURES, LINK_COLUMNS, Features, assign, features, link_rows
from dashboard.events.incremental import outlet_changes, regroup
from dashboard.events.independence import outlets
from dashboard.events.overrides import Override, apply
from dashboard.events.summary import EVENT_COLUMNS, EventSet, build
from dashboard.store.migrations import LINK_COLUMNS as MIGRATION_LINK_COLUMNS

ALGORITHM = "events/3"  # bump when the grouping changes: stored events are then recomputed
FULL_OVER = 2000  # more reports changed than this since the last run: regroup everything (cheaper then)
_STATE_KEY = "events_state"
_ORDER = ("sort_added", "sort_article", "sort_start", "sort_row")  # Store.load's order (store/sqlite.py _cells)
_FEATURE_COLUMNS = ("incident_id", *_ORDER, "source", "auto_event_id", "auto_anchor_id", "inherited") + tuple(
    f"f_{c}" for c in FEATURES[1:]
)
_LISTS = ("outlets", "claimants", "report_ids", "source_urls")
_LINK_COLUMNS = MIGRATION_LINK_COLUMNS  # the tables are made by store/migrations.py


def fingerprint(store) -> str:
    """Changes whenever what the events are made of changes: incidents, corrections, overrides, the algorithm."""
    with store._connect() as db:
        return _fingerprint(db)


_PARTS = ("incidents", "last_seq", "last_correction", "last_override")  # a fingerprint's numbers, in order


def _fingerprint(db) -> str:
    rows = [
        db.execute("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM incidents").fetchone(),
        db.execute("SELECT COALESCE(MAX(correction_id), 0) FROM corrections").fetchone(),
        db.execute("SELECT COALESCE(MAX(override_id), 0) FROM event_overrides").fetchone(),
    ]
    return ALGORITHM + ":" + ":".join(str(v) for row in rows for v in row)


def _parts(stamp: str) -> dict[str, int] | None:
    """A fingerprint's numbers by name; None when it was made by another grouping algorithm."""
    algorithm, *numbers = stamp.split(":")
    if algorithm != ALGORITHM or len(numbers) != len(_PARTS):
        return None
    return dict(zip(_PARTS, map(int, numbers), strict=True))


def _check(db, expect: str | None, action: str) -> None:
    """Raise ``StaleEditError`` when the events are no longer those of fingerprint ``expect`` (None: no check)."""
    now = _fingerprint(db) if expect is not None else None
    if now is not None and now != expect:
        what, since = _changed_since(db, expect, now)
        raise StaleEditError(
            f"nothing was {'merged' if action == 'merge' else 'split'}: the events changed since you chose "
            f"({what}); check the events as they are now and {action} again",
            since,
        )


def _changed_since(db, seen: str, now: str) -> tuple[str, list[dict]]:
    """What moved the events on from fingerprint ``seen`` to ``now``: a sentence and the merges/splits since."""
    old, new = _parts(seen), _parts(now)
    if old is None or new is None:
        return "the grouping itself changed (a new version of the dashboard)", []
    what = []
    if (old["incidents"], old["last_seq"]) != (new["incidents"], new["last_seq"]):
        what.append("reports were added or changed (a new article or import)")
    if old["last_correction"] != new["last_correction"]:
        what.append("reports were corrected on Review & audit")
    since = db.frame(
        "SELECT override_id, action, event_ids, incident_ids, who, at_utc, reason FROM event_overrides "
        "WHERE override_id > ? ORDER BY override_id",
        (old["last_override"],),
    ).to_dict("records")
    what += [f"{o['who']} made a {o['action']} at {o['at_utc']}" for o in since]
    return "; ".join(what), since


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


def recompute(store, *, full: bool = False) -> None:
    """Bring the stored events up to date with the reports, replaying the analysts' overrides: only what
    changed since the last run unless ``full`` (or no previous run, or a large change)."""
    stamp = fingerprint(store)
    with store._connect() as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (_STATE_KEY,)).fetchone()
    state = json.loads(row[0]) if row else None
    if full or not state or state.get("algorithm") != ALGORITHM or not _incremental(store, state, stamp):
        _full(store, stamp)


def _marks(db) -> dict:
    """How far the incidents, corrections and overrides went when the events were last brought up to date."""
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return dict(
        algorithm=ALGORITHM,
        incidents=one("SELECT COALESCE(MAX(seq), 0) FROM incidents"),
        corrections=one("SELECT COALESCE(MAX(correction_id), 0) FROM corrections"),
        overrides=one("SELECT COALESCE(MAX(override_id), 0) FROM event_overrides"),
    )


def _each(db, sql: str, values) -> list[tuple]:
    """``sql`` with ``{}`` standing for the placeholders of ``values``, run 500 values at a time."""
    values, out = list(values), []
    for k in range(0, len(values), 500):
        chunk = values[k : k + 500]
        out += db.execute(sql.format(", ".join("?" * len(chunk))), chunk).fetchall()
    return out


def _order(db, ids: list[str] | None) -> dict[str, tuple]:
    """Each report's place in store order (Store.load sorts by added_utc, article, excerpt start, row)."""
    sql = (
        "SELECT i.incident_id, a.added_utc, a.seq, CAST(i.excerpt_start AS INTEGER), i.seq "
        "FROM incidents i JOIN articles a USING (article_id)"
    )
    rows = db.execute(sql).fetchall() if ids is None else _each(db, sql + " WHERE i.incident_id IN ({})", ids)
    return {iid: (added, article, start or 0, row) for iid, added, article, start, row in rows}


def _feature_rows(f: Features, order: dict, sources: list[str], auto: pd.DataFrame, which) -> list[tuple]:
    """event_features rows for reports ``which`` (indices into ``f``); ``auto``: their automatic links."""
    a = auto.set_index("incident_id")
    rows = []
    for i in which:
        iid = f.incident_id[i]
        values = [getattr(f, c)[i] for c in FEATURES[1:]]
        values = [None if isinstance(v, float) and v != v else (int(v) if isinstance(v, bool) else v) for v in values]
        inherited = a.at[iid, "place_reason"].startswith("no place of its own")
        rows.append(
            (iid, *order[iid], sources[i], a.at[iid, "event_id"], a.at[iid, "anchor_id"], int(inherited), *values)
        )
    return rows


def _texts(db, article_ids) -> dict[str, str]:
    return dict(_each(db, "SELECT article_id, text FROM articles WHERE article_id IN ({})", sorted(set(article_ids))))


def _full(store, stamp: str) -> None:
    """Group every report afresh, replay the overrides, and store events, links and features."""
    reports = store.load(background=False)
    with store._connect() as db:
        texts = dict(db.execute("SELECT article_id, text FROM articles").fetchall())
        order = _order(db, None)
        marks = _marks(db)
    f = features(reports)
    auto = link_rows(f, *assign(f), range(len(f))) if len(f) else pd.DataFrame(columns=list(LINK_COLUMNS))
    sources = reports["source"].fillna("").astype(str).tolist() if len(f) else []
    known = outlets(sources)
    result = build(reports, texts, apply(auto, overrides(store)), known)
    feature_rows = _feature_rows(f, order, sources, auto, range(len(f)))
    with store._write() as db:
        for table in ("events", "event_links", "event_features"):
            db.execute(f"DELETE FROM {table}")
        _write(db, result, feature_rows, marks, known, stamp)


def _write(db, result, feature_rows, marks, known, stamp) -> None:
    link_rows_ = result.links.reindex(columns=list(_LINK_COLUMNS)).fillna("").astype(str)
    event_rows = result.events.copy()
    for c in _LISTS:
        event_rows[c] = [json.dumps(v, ensure_ascii=False) for v in event_rows[c]]
    event_rows = event_rows.astype(object).where(event_rows.notna(), None)
    db.copy(
        "events",
        EVENT_COLUMNS,
        [tuple(None if v is None else str(v) for v in row) for row in event_rows.itertuples(index=False)],
    )
    db.copy("event_links", _LINK_COLUMNS, list(link_rows_.itertuples(index=False, name=None)))
    updates = ", ".join(f"{c} = excluded.{c}" for c in _FEATURE_COLUMNS[1:])
    db.executemany(
        f"INSERT INTO event_features ({', '.join(_FEATURE_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_FEATURE_COLUMNS))}) ON CONFLICT (incident_id) DO UPDATE SET {updates}",
        feature_rows,
    )
    state = dict(marks, labels=known[0], known=sorted(known[1]))
    upsert = "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
    db.execute(upsert, (_STATE_KEY, json.dumps(state)))
    db.execute(upsert, ("events_fingerprint", stamp))


def _incremental(store, state: dict, stamp: str) -> bool:
    """Regroup what changed since ``state``; False (nothing written) when a full regrouping is the better way."""
    with store._connect() as db:
        marks = _marks(db)
        superseded = {r[0] for r in db.execute("SELECT article_id FROM versions")}
        added = [
            r[0]
            for r in db.execute(
                "SELECT incident_id FROM incidents WHERE seq > ? AND article_id NOT IN (SELECT article_id FROM versions)",
                (state["incidents"],),
            )
        ]
        corrected = [
            r[0]
            for r in db.execute(
                "SELECT DISTINCT incident_id FROM corrections WHERE correction_id > ?", (state["corrections"],)
            )
        ]
        stored = db.execute(f"SELECT {', '.join(_FEATURE_COLUMNS)} FROM event_features").fetchall()
        stored_links = db.execute("SELECT incident_id, event_id, origin_key, anchor_id FROM event_links").fetchall()
    final = {i: e for i, e, _, _ in stored_links}
    origin_of = {i: o for i, _, o, _ in stored_links}
    final_anchor = {i: a for i, _, _, a in stored_links}
    old = {row[0]: row for row in stored}
    gone_ids = {i for i, row in old.items() if row[-1] in superseded} | (set(corrected) & set(old))
    if len(added) + len(corrected) + len(gone_ids) > FULL_OVER or set(final) != set(old):
        return False
    new_ids = sorted(set(added) | set(corrected))
    fresh = store.load(background=False, ids=new_ids) if new_ids else pd.DataFrame(columns=["article_id", "source"])
    fresh = fresh[~fresh["article_id"].isin(superseded)].reset_index(drop=True)
    fresh_f = features(fresh)
    with store._connect() as db:
        order = _order(db, fresh_f.incident_id)
    n_keep = 1 + len(_ORDER)
    skip = gone_ids | set(fresh_f.incident_id)
    rows = [(row[1:n_keep], row[0], row[n_keep], row[n_keep + 4 :]) for i, row in old.items() if i not in skip]
    fresh_rows = fresh_f.rows()
    fresh_sources = fresh["source"].fillna("").astype(str).tolist() if len(fresh) else []
    rows += [(order[r[0]], r[0], fresh_sources[k], r[1:]) for k, r in enumerate(fresh_rows)]
    rows.sort(key=lambda r: r[0])
    f = Features.from_rows([(iid, *values) for _, iid, _, values in rows])
    sources = [source for _, _, source, _ in rows]
    gone = Features.from_rows([(i, *old[i][n_keep + 4 :]) for i in sorted(gone_ids)])
    previous = {i: row[n_keep + 2] for i, row in old.items()}
    inherited = {i for i, row in old.items() if row[n_keep + 3]}
    again = regroup(f, previous, inherited, gone, set(fresh_f.incident_id))

    # The analysts' overrides are replayed on every automatic link, as the full regrouping does.
    auto_event = {i: row[n_keep + 1] for i, row in old.items()} | dict(zip(again["incident_id"], again["event_id"]))
    auto_anchor = previous | dict(zip(again["incident_id"], again["anchor_id"]))
    ids = f.incident_id
    auto = pd.DataFrame(
        {"incident_id": ids, "event_id": [auto_event[i] for i in ids], "anchor_id": [auto_anchor[i] for i in ids]}
    )
    replayed = apply(auto, overrides(store))
    new_final = dict(zip(ids, replayed["event_id"]))
    # an override may move a report's anchor and leave its event as it was (a split re-anchors the ones it left)
    moved = {i for i, a in zip(ids, replayed["anchor_id"]) if final_anchor.get(i) != a}
    changed = {i for i in ids if final.get(i) != new_final[i]} | set(again["incident_id"]) | moved
    touched = {final[i] for i in changed | gone_ids if i in final} | {new_final[i] for i in changed}
    known = outlets(sources)
    with store._connect() as db:
        touched |= outlet_changes(state, known, new_final, origin_of, f, sources, lambda a: _texts(db, a))
    members = [i for i in ids if new_final[i] in touched]
    result = EventSet(pd.DataFrame(columns=list(_LINK_COLUMNS)), pd.DataFrame(columns=list(EVENT_COLUMNS)))
    if members:
        reports = store.load(background=False, ids=members)
        links = replayed[replayed["incident_id"].isin(set(members))]
        links = links.merge(_reasons(store, members, again), on="incident_id", how="left")
        with store._connect() as db:
            texts = _texts(db, reports["article_id"])
        result = build(reports, texts, links[[*LINK_COLUMNS, "override"]], known)
    auto_rows = again.copy()
    at = {iid: k for k, iid in enumerate(ids)}
    orders = {**{i: old[i][1:n_keep] for i in old}, **order}
    feature_rows = _feature_rows(f, orders, sources, auto_rows, [at[i] for i in auto_rows["incident_id"]])
    with store._write() as db:
        _delete(db, "events", "event_id", sorted(touched))
        _delete(db, "event_links", "incident_id", sorted(set(members) | gone_ids))
        _delete(db, "event_features", "incident_id", sorted(gone_ids))
        _write(db, result, feature_rows, marks, known, stamp)
    return True


def _delete(db, table: str, column: str, values: list[str]) -> None:
    for k in range(0, len(values), 500):  # a DELETE returns no rows to fetch (PostgreSQL refuses fetchall)
        chunk = values[k : k + 500]
        db.execute(f"DELETE FROM {table} WHERE {column} IN ({', '.join('?' * len(chunk))})", chunk)


def _reasons(store, members: list[str], again: pd.DataFrame) -> pd.DataFrame:
    """The automatic link's reasons of ``members``: regrouped ones from ``again``, the others as stored."""
    cols = ["incident_id", "place_reason", "time_reason", "type_reason"]
    new = again[again["incident_id"].isin(set(members))][cols]
    with store._connect() as db:
        sql = f"SELECT {', '.join(cols)} FROM event_links WHERE incident_id IN ({{}})"
        found = _each(db, sql, sorted(set(members) - set(new["incident_id"])))
    return pd.concat([new, pd.DataFrame(found, columns=cols)], ignore_index=True)


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


def merge(store, event_ids: list[str], *, who: str, reason: str = "", expect: str | None = None) -> str:
    """Merge events (an analyst's decision, kept in the audit trail); returns the merged event's id. ``expect``: the
    ``fingerprint`` the analyst chose from; if the events changed since, ``StaleEditError`` and nothing merged."""
    with store._connect() as db:
        _check(db, expect, "merge")  # first: a changed choice is explained as such, not as an unknown event
    links = load_links(store)
    unknown = [e for e in event_ids if e not in set(links["event_id"])]
    if unknown:
        raise InputError(f"no event {', '.join(map(repr, unknown))} in {store.name} (see `events` for the ids)")
    if len(set(event_ids)) < 2:
        raise InputError(f"merge needs two different events, got {', '.join(map(repr, event_ids))}")
    members = links[links["event_id"].isin(event_ids)]["incident_id"].tolist()
    _record(store, "merge", event_ids, members, who, reason, expect)
    merged = load_links(store).set_index("incident_id").loc[members[0], "event_id"]
    return str(merged)


def split(store, event_id: str, incident_id: str, *, who: str, reason: str = "", expect: str | None = None) -> str:
    """Take one report out of its event into an event of its own; returns its id (``expect``: as for ``merge``)."""
    with store._connect() as db:
        _check(db, expect, "split")
    links = load_links(store)
    row = links[links["incident_id"] == incident_id]
    if row.empty or row["event_id"].iloc[0] != event_id:
        raise InputError(
            f"report {incident_id!r} is not in event {event_id!r} in {store.name} (see `events --json`: report_ids)"
        )
    if (links["event_id"] == event_id).sum() < 2:
        raise InputError(f"event {event_id!r} has only report {incident_id!r}: nothing to split")
    _record(store, "split", [event_id], [incident_id], who, reason, expect)
    return str(load_links(store).set_index("incident_id").loc[incident_id, "event_id"])


def _record(store, action: str, event_ids: list, incident_ids: list, who: str, reason: str, expect: str | None) -> None:
    if not str(who or "").strip():
        raise InputError(f"{action} needs --who (the analyst's name or initials): it is kept in the audit trail")
    with store._write() as db:
        _check(db, expect, action)  # again in the writing transaction: no one can slip in between
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
