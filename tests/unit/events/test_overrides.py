"""Analysts' merges and splits replayed on the automatic links (dashboard/events/overrides.py)."""

from __future__ import annotations

import pandas as pd

from dashboard.events.grouping import event_id_of
from dashboard.events.overrides import Override, apply, split_event_id


def _links(anchor_of: dict[str, str]) -> pd.DataFrame:
    ids = list(anchor_of)
    return pd.DataFrame(
        {
            "incident_id": ids,
            "event_id": [event_id_of(anchor_of[i]) for i in ids],
            "anchor_id": list(anchor_of.values()),
        }
    )


def test_split_merge_split_leaves_two_events_with_their_own_anchors():
    """Split a report out, merge it back, split it again: the second split must part it from the others again,
    although the merged event carries the id of its first split (found by the store's Hypothesis test)."""
    auto = _links({"a": "a", "b": "a"})
    history = [
        Override(1, "split", ("a",), "x", "t1"),
        Override(2, "merge", ("a", "b"), "x", "t2"),
        Override(3, "split", ("a",), "x", "t3"),
    ]
    out = apply(auto, history).set_index("incident_id")
    assert out.at["a", "event_id"] == split_event_id("a") and out.at["a", "anchor_id"] == "a"
    assert out.at["b", "event_id"] != out.at["a", "event_id"]  # apart, as the last decision says
    assert out.at["b", "anchor_id"] == "b"  # its anchor was the report split off: it anchors itself now
