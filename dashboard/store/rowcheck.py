"""Stored rows in, problems out: the CSV validator's rules applied to what is about to be stored, or already is."""

from __future__ import annotations

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


def row_problems(df: pd.DataFrame) -> dict[int, list[str]]:
    """Index → the validator's problems with that row (``column c: ...``); excerpts aside (checked on ingest)."""
    if df.empty:
        return {}
    cells = df[list(COLUMNS)].astype(str).assign(source_path="")
    found: dict[int, list[str]] = {}
    for p in validate(cells, Path(".")):
        found.setdefault(p.row - 2, []).append(str(Problem(None, p.column, p.message)))
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
