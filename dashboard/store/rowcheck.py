"""Stored rows in, problems out: the CSV validator's rules applied to what is about to be stored, or already is."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from dashboard.errors import InputError
from dashboard.models import COLUMNS
from dashboard.store.csvfile import Problem, validate


def cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def refuse_ids_of_other_articles(db, aid: str, rows, numbers: list[int], name: str) -> None:
    """A CSV row whose incident_id the store holds for another article would be skipped: say so instead."""
    ids = [row["incident_id"] for row, _ in rows]
    taken = {
        iid
        for (iid,) in db.execute(
            f"SELECT incident_id FROM incidents WHERE article_id != ? AND incident_id IN ({', '.join('?' * len(ids))})",
            (aid, *ids),
        )
    }
    clash = [f"row {n}, column incident_id: {iid!r}" for iid, n in zip(ids, numbers) if iid in taken]
    if clash:
        raise InputError(
            f"{name}: {len(clash)} incident id(s) already stored for another article; nothing imported:\n"
            + "\n".join(clash[:20])
        )


# Rows the validator found nothing wrong with, by a digest of their cells. An ingest validates its rows before
# storing them, then the events' regrouping loads the store, which validates every row again: on a small store
# that second pass was a third of an article's ingest time (csvfile.validate costs ~30 ms whatever the row count,
# a vectorised check per rule and column). A row's verdict depends on its cells alone (no file is read here);
# the one rule across rows, a repeated incident_id, is checked on the whole frame below, so a remembered row is
# skipped only when its id is unique in the frame. Bounded: cleared when full.
_CLEAN: set[bytes] = set()
_CLEAN_MAX = 50_000
_REMEMBER_UP_TO = 2_000  # frames larger than this are validated whole (hashing them would cost what it saves)


def _digests(cells: pd.DataFrame) -> list[bytes]:
    return [
        hashlib.blake2b("\x1f".join(row).encode("utf-8"), digest_size=16).digest()
        for row in cells.itertuples(index=False)
    ]


def row_problems(df: pd.DataFrame) -> dict[int, list[str]]:
    """Index → the validator's problems with that row (``column c: ...``); excerpts aside (checked on ingest)."""
    if df.empty:
        return {}
    cells = df[list(COLUMNS)].astype(str).assign(source_path="")
    digests = _digests(cells) if len(cells) <= _REMEMBER_UP_TO else None
    if digests is not None:
        unique_id = ~cells["incident_id"].duplicated(keep=False).to_numpy()
        fresh = [not (unique and d in _CLEAN) for d, unique in zip(digests, unique_id)]
        cells = cells[fresh]
    found: dict[int, list[str]] = {}
    if not cells.empty:
        for p in validate(cells, Path(".")):
            found.setdefault(p.row - 2, []).append(str(Problem(None, p.column, p.message)))
    if digests is not None:
        if len(_CLEAN) > _CLEAN_MAX:
            _CLEAN.clear()
        _CLEAN.update(d for d, i in zip(digests, df.index) if i not in found)
    return found


def check_rows(rows: list[tuple[dict, bool]], text: str, name: str) -> None:
    """The same rules as a CSV's on every row about to be stored (ingest, import): a value the loader, the map or
    an export cannot hold never reaches the file. Raises InputError naming the incident and column."""
    if not rows:
        return
    df = pd.DataFrame([{c: cell(row.get(c, "")) for c in COLUMNS} for row, _ in rows])
    found = row_problems(df)
    for i, row in df.iterrows():
        end = int(row["excerpt_end"]) if i not in found else 0
        if i not in found and not 0 <= int(row["excerpt_start"]) <= end <= len(text):
            found[i] = [f"column excerpt_end: {row['excerpt_end']!r} is beyond the end of the text ({len(text):,})"]
    if found:
        shown = [f"{name}, incident {df.at[i, 'incident_id']}: {p}" for i in sorted(found) for p in found[i]]
        raise InputError(f"{len(shown)} problem(s); nothing stored:\n" + "\n".join(shown[:20]))


def check_row(row: dict) -> None:
    """Validate one corrected row as the CSV validator would (excerpt offsets aside, they cannot change)."""
    cells = pd.DataFrame([{c: cell(row.get(c, "")) for c in COLUMNS}]).assign(source_path="")
    problems = validate(cells, Path("."))
    if problems:
        raise InputError(
            "correction rejected, nothing stored: " + "; ".join(str(p).replace("row 2, ", "") for p in problems)
        )
