"""A store's events kept up to date incrementally (articles added, reports corrected, a new version of an
article, analysts' merges and splits) against the same store regrouped in full: identical events and links,
on random histories (Hypothesis)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.models import COLUMNS
from dashboard.store import events as store_events
from dashboard.store.sqlite import Store, article_id
from tests.unit.events.test_incremental import PLACES, TIMES, TYPES

OUTLETS = ["Meridian Press Agency", "Meridian Press", "Kabar Timur", "Harbour Daily"]
CLAIMANTS = ["India MoD", "Pakistan Army ISPR", "local officials"]


@st.composite
def article(draw, number: int) -> tuple[str, str, list[tuple[dict, bool]]]:
    """(source_path, text, rows) of a small article: 1-4 reports, its own sentences and offsets."""
    outlet = draw(st.sampled_from(OUTLETS))
    relay = draw(st.sampled_from(["", " via Meridian Press Agency", ""]))
    text, rows = f"{outlet} report {number}.\n", []
    for k in range(draw(st.integers(1, 4))):
        place = draw(st.sampled_from(PLACES))
        start = draw(st.sampled_from([t for t in TIMES if t]))
        kind = draw(st.sampled_from(TYPES))
        sentence = (
            f"Sentence {k} of article {number}: shelling near {place['place'] or 'the border'} at {start[11:16]}."
        )
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            incident_id=f"r{number}_{k}_{draw(st.integers(0, 1))}",
            start_utc=start,
            end_utc=start,
            time_precision=draw(st.sampled_from(["minute", "hour", "day", "week"])),
            event_type=kind[0],
            sub_event_type=kind[1],
            claimed_by=draw(st.sampled_from(CLAIMANTS)),
            location=place["place"] or "along the border",
            source=outlet + relay,
            published=start[:10],
            language="en",
            local_tz="Asia/Kolkata",
            country_code="IN" if place["place"] else "",
            excerpt=sentence,
            excerpt_start=str(len(text)),
            excerpt_end=str(len(text) + len(sentence)),
            **{k_: v for k_, v in place.items()},
        )
        text += sentence + "\n"
        rows.append((row, draw(st.booleans()) and k > 0))
    return f"articles/{draw(st.sampled_from(['a', 'b', 'c', 'd', 'e']))}.txt", text, rows


def _add(store: Store, path: str, text: str, rows) -> None:
    meta = dict(source_path=path, publisher=rows[0][0]["source"], published=rows[0][0]["published"], language="en")
    store._add(article_id(text), text, meta, rows, origin="ingest", who="test", versioned=True)


def _state(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    links = store_events.load_links(store).sort_values("incident_id").reset_index(drop=True)
    events = store_events.load_events(store).sort_values("event_id").reset_index(drop=True)
    return links, events.astype(str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_incremental_events_equal_a_full_regrouping_after_any_history(data):
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "s.db")
        clock = iter(f"2026-01-01T00:{m:02d}:00Z" for m in range(60))
        store.clock = lambda: next(clock)
        for step in range(data.draw(st.integers(2, 6))):
            action = data.draw(st.sampled_from(["add", "add", "add", "correct", "merge", "split"]))
            links = store_events.load_links(store) if step else pd.DataFrame(columns=["incident_id", "event_id"])
            if action == "add" or links.empty:
                _add(store, *data.draw(article(step)))
                store_events.recompute(store)
            elif action == "correct":
                iid = data.draw(st.sampled_from(sorted(links["incident_id"])))
                place = data.draw(st.sampled_from([p for p in PLACES if p["place"]]))
                change = data.draw(
                    st.sampled_from(
                        [
                            {
                                **{
                                    k: place[k]
                                    for k in ("place", "geonameid", "latitude", "longitude", "geo_precision")
                                },
                                "country_code": "IN",
                            },
                            {"start_utc": data.draw(st.sampled_from([t for t in TIMES if t]))},
                            {"background": "True"},
                        ]
                    )
                )
                if "start_utc" in change:
                    change["end_utc"] = change["start_utc"]
                store.correct(iid, change, who="analyst")
                store_events.current(store)
            elif action == "merge" and links["event_id"].nunique() > 1:
                two = data.draw(
                    st.lists(st.sampled_from(sorted(set(links["event_id"]))), min_size=2, max_size=2, unique=True)
                )
                store_events.merge(store, two, who="analyst")
            elif action == "split":
                sizes = links.groupby("event_id").size()
                if (sizes > 1).any():
                    event = data.draw(st.sampled_from(sorted(sizes[sizes > 1].index)))
                    report = data.draw(st.sampled_from(sorted(links.loc[links["event_id"] == event, "incident_id"])))
                    store_events.split(store, event, report, who="analyst")
            incremental = _state(store)
            copy = Store(Path(tmp) / f"full{step}.db")
            shutil.copy(store.path, copy.path)
            store_events.recompute(copy, full=True)
            full = _state(copy)
            pd.testing.assert_frame_equal(incremental[0], full[0])
            pd.testing.assert_frame_equal(incremental[1], full[1])
