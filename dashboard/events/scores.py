"""A gold grouping and a computed one in, pair precision and recall out (for ``evaluate`` and the tests).

Gold files (``tests/fixtures/events/gold.csv``, format in docs/events.md) name reports by what an analyst
can see, not by ids: the article file, the place as written and a piece of the sentence. ``gold_labels``
finds those reports in the store's DataFrame; ``grouping_scores`` compares the two groupings pair by pair.
"""

from __future__ import annotations

import csv
from itertools import combinations
from pathlib import Path

import pandas as pd

from dashboard.errors import InputError

GOLD_COLUMNS = ("article", "location", "excerpt_contains", "event")


def read_gold(path: str | Path) -> list[dict]:
    """The gold rows; an InputError names the file, row and column of anything missing."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise InputError(f"{path}: cannot be read as a UTF-8 CSV ({err})") from err
    for n, row in enumerate(rows, start=2):
        for column in GOLD_COLUMNS:
            if row.get(column) is None or (column != "location" and not row[column].strip()):
                raise InputError(f"{path}, row {n}, column {column}: is empty (expected {', '.join(GOLD_COLUMNS)})")
    return rows


def gold_labels(gold: list[dict], reports: pd.DataFrame) -> dict[str, str]:
    """incident_id → gold event, for every gold row; an InputError lists the rows no stored report matches."""
    labels, missing = {}, []
    paths = reports["source_path"].astype(str)
    for row in gold:
        hit = reports[
            paths.str.endswith(row["article"])
            & (reports["location"].astype(str) == row["location"])
            & reports["excerpt"].astype(str).str.contains(row["excerpt_contains"], regex=False)
        ]
        if hit.empty:
            missing.append(f"{row['article']}: {row['location'] or 'no place'} in “{row['excerpt_contains']}”")
        for iid in hit["incident_id"].astype(str):
            labels[iid] = row["event"]
    if missing:
        raise InputError("gold reports not found among the stored reports:\n" + "\n".join(missing))
    return labels


def _pairs(assignment: dict[str, str], ids: list[str]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in combinations(sorted(ids), 2) if assignment[a] == assignment[b]}


def grouping_scores(gold: dict[str, str], events) -> dict:
    """Pair precision/recall of ``events`` (DataFrame with ``report_ids``, or incident_id → event_id) against ``gold``.

    Only reports in both are scored: a pair is correct when gold and computed grouping both put its two
    reports in one event. Precision is 1.0 when nothing is linked, recall 1.0 when gold links nothing.
    """
    if isinstance(events, pd.DataFrame):
        computed = {str(r): e for e, ids in zip(events["event_id"], events["report_ids"]) for r in ids}
    else:
        computed = {str(k): v for k, v in dict(events).items()}
    ids = [i for i in gold if i in computed]
    truth, found = _pairs(gold, ids), _pairs(computed, ids)
    correct = len(truth & found)
    precision = correct / len(found) if found else 1.0
    recall = correct / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return dict(
        reports=len(ids),
        gold_pairs=len(truth),
        linked_pairs=len(found),
        correct_pairs=correct,
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
    )
