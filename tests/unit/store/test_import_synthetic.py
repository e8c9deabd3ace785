"""The synthetic ACLED-layout generator: reproducible bytes, ACLED's current header, every row importable."""

from __future__ import annotations

import hashlib

from dashboard.store.imports import open_events
from dashboard.store.imports.acled import CURRENT
from dashboard.testing.synthetic_acled import write


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a, b, c = (
        write(tmp_path / "a.csv", 500, seed=3),
        write(tmp_path / "b.csv", 500, seed=3),
        write(tmp_path / "c.csv", 500, seed=4),
    )
    assert digest(a) == digest(b) != digest(c)


def test_every_synthetic_row_imports_in_the_current_layout(tmp_path, store):
    path = write(tmp_path / "s.csv", 2_345, seed=1)
    events = open_events(path)
    assert events.header.columns == list(CURRENT) and events.variant == "ACLED, current 31-column layout"
    _, counts = store.import_events(path)
    assert (counts.rows, counts.added, counts.bad_rows) == (2_345, 2_345, 0)
    stored = store.imported_events()
    assert stored["notes"].str.startswith("Synthetic").all()
    assert set(stored["time_precision"]) == {"day", "week", "month"}
    assert stored["external_id"].is_unique


def test_chunks_do_not_repeat_ids(tmp_path, monkeypatch):
    from dashboard.testing import synthetic_acled

    monkeypatch.setattr(synthetic_acled, "CHUNK", 1000)  # several chunks in a small file
    path = write(tmp_path / "s.csv", 3_500, seed=2)
    problems = [p for _, found in open_events(path).chunks(chunk_rows=700) for p in found]
    assert problems == []
