"""Analysts' corrections in, audit rows out: validated, checked against the incident versions the analyst saw,
and stored in one transaction, or nothing stored.

Every incident carries a ``version``: 1 when stored, +1 for each edit applied to it (one ``correct_many`` call
changing one or more of its fields is one edit; each changed field is one audit row in ``corrections``, which
records the version it made). An edit made on a version that is no longer current is refused with
``StaleEditError`` listing what changed since, so two analysts never silently overwrite each other.
"""

from __future__ import annotations

from dashboard.errors import InputError, StaleEditError
from dashboard.models import COLUMNS
from dashboard.store import rowcheck

# What an analyst may correct in the review table; ids, excerpts and offsets are the evidence and stay fixed.
CORRECTABLE = tuple(
    c for c in COLUMNS if c not in ("incident_id", "excerpt", "excerpt_start", "excerpt_end", "source_path")
) + ("background",)
AUDIT = ("incident_id", "field", "old", "new", "who", "at_utc", "reason")


def _in(ids) -> str:
    return f"({', '.join('?' * len(ids))})"


def versions(db, ids: list[str] | None = None) -> dict[str, int]:
    """Incident id → its current version (ids not stored are left out)."""
    if ids is None:
        rows = db.execute("SELECT incident_id, version FROM incidents").fetchall()
    elif not ids:
        return {}
    else:
        rows = db.execute(f"SELECT incident_id, version FROM incidents WHERE incident_id IN {_in(ids)}", ids).fetchall()
    return {iid: int(v) for iid, v in rows}


def check_request(changes: dict[str, dict], who: str) -> None:
    """Refuse, before anything is read, a correction without a name or of a field that cannot be corrected."""
    if not str(who).strip():
        raise InputError("a correction needs 'who' (the analyst's name or initials)")
    bad = sorted({f for fields in changes.values() for f in fields if f not in CORRECTABLE})
    if bad:
        raise InputError(f"cannot correct {', '.join(map(repr, bad))} (correctable: {', '.join(CORRECTABLE)})")


def refuse_stale(db, changes: dict[str, dict], expected: dict[str, int] | None, now: dict[str, int]) -> None:
    """Raise StaleEditError when an incident's version moved on from the one the analyst saw (``expected``)."""
    if not expected:
        return
    stale = {iid: int(expected[iid]) for iid in changes if iid in expected and now[iid] != int(expected[iid])}
    if not stale:
        return
    conflicts = []
    for iid, seen in stale.items():
        rows = db.execute(
            f"SELECT {', '.join(AUDIT)} FROM corrections WHERE incident_id = ? AND version > ? ORDER BY correction_id",
            (iid, seen),
        ).fetchall()
        conflicts += [dict(zip(AUDIT, r)) for r in rows]
    said = [
        f"incident {iid} is at version {now[iid]}, not {seen} as when you loaded it"
        + "".join(
            f"; {c['who']} changed {c['field']} {c['old']!r} → {c['new']!r} at {c['at_utc']}"
            for c in conflicts
            if c["incident_id"] == iid
        )
        for iid, seen in stale.items()
    ]
    raise StaleEditError(
        "nothing applied: another edit came first. " + ". ".join(said) + ". Reload, then re-apply or drop yours.",
        conflicts,
    )


def pending(current, changes: dict[str, dict]) -> list[tuple[str, str, str, str]]:
    """(incident, field, old, new) for each field the corrections change, every corrected row validated first."""
    out = []
    for iid, fields in changes.items():
        row = current.loc[iid].to_dict()
        old = {f: rowcheck.cell(row[f]) for f in fields}
        new = {f: rowcheck.cell(v) for f, v in fields.items()}
        if "background" in new:
            new["background"] = str(new["background"].strip().lower() in ("true", "1", "yes", "y"))
        row.update(new)
        try:
            rowcheck.check_row(row)
        except InputError as err:
            raise InputError(f"incident {iid} ({row.get('location') or 'no place'}): {err}") from err
        out += [(iid, f, old[f], new[f]) for f in fields if old[f] != new[f]]
    return out


def record(db, changes: list[tuple[str, str, str, str]], *, who: str, reason: str, now: str) -> list[dict]:
    """Store the changed fields as audit rows and move each changed incident one version on."""
    done = versions(db, sorted({iid for iid, *_ in changes}))
    bumped = {iid: v + 1 for iid, v in done.items()}
    rows = [(iid, f, old, new, who, now, reason, bumped[iid]) for iid, f, old, new in changes]
    db.executemany(
        f"INSERT INTO corrections ({', '.join(AUDIT)}, version) VALUES ({', '.join('?' * (len(AUDIT) + 1))})", rows
    )
    db.executemany("UPDATE incidents SET version = ? WHERE incident_id = ?", [(v, i) for i, v in bumped.items()])
    return [dict(zip(AUDIT, r[:-1])) for r in rows]
