"""Seven articles written for these tests (English and Indonesian; a wire, a relay citing it, a ministry
statement, the other side's denial, a local paper, a portal translating the wire without saying so, one
adapting it and saying so) about invented Line of Control incidents of March 2025, ingested with the real
pipeline into a fresh store: the grouping must match tests/fixtures/events/gold.csv."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli.ingest import ingest_file
from dashboard.errors import InputError
from dashboard.events.scores import gold_labels, grouping_scores, read_gold
from dashboard.store.events import load_events, load_links
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "events"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    from dashboard.store.sqlite import Store

    store = Store(tmp_path_factory.mktemp("events") / "data" / "incidents.db")
    for path in sorted(FIXTURES.glob("*.txt")):
        assert ingest_file(path, store=store).stored.added > 0, path
    return store


def test_grouping_matches_the_gold(ingested):
    from dashboard.store.events import score

    scores = score(ingested, FIXTURES / "gold.csv")
    assert scores["reports"] == 12 and scores["gold_pairs"] == 37
    assert (scores["precision"], scores["recall"]) == (1.0, 1.0), scores


def test_both_sides_and_every_outlet_of_the_night_are_in_one_event(ingested):
    events = load_events(ingested)
    friday = events[(events["place"] == "Uri") & events["start_utc"].str.startswith("2025-03-14")]
    assert len(friday) == 1
    event = friday.iloc[0]
    assert {"India", "Pakistan"} <= set(event["claimants"])
    assert event["n_sources"] == 6  # wire, relay, ministry, the other side, local paper, translating portal
    assert event["n_outlets"] == 4  # the relay and the translation count with the wire they repeat
    assert event["family"] == "remote violence"
    assert len(event["source_urls"]) == 6


def test_relays_are_marked_with_the_report_they_repeat(ingested):
    links = load_links(ingested)
    by_outlet = links.groupby("outlet")
    wire_ids = set(by_outlet.get_group("Meridian Press Agency")["incident_id"])
    for outlet, why in (
        ("Valley Chronicle", "according to Meridian Press Agency"),
        ("Kabar Dunia", "translation of Meridian Press Agency"),
        ("SuaraNusantara.com", "disadur dari Meridian Press Agency"),
    ):
        rows = by_outlet.get_group(outlet)
        assert set(rows["relay_of"]) <= wire_ids and all(rows["relay_of"]), outlet
        assert all(why in r for r in rows["relay_reason"]), (outlet, list(rows["relay_reason"]))
    for outlet in ("Ministry of Defence (India)", "Pakistan Army ISPR", "Baramulla Times"):
        assert not any(by_outlet.get_group(outlet)["relay_of"]), outlet


def test_scores_count_pairs():
    gold = {"a": "x", "b": "x", "c": "x", "d": "y"}
    assert grouping_scores(gold, {"a": 1, "b": 1, "c": 2, "d": 2}) == dict(
        reports=4, gold_pairs=3, linked_pairs=2, correct_pairs=1, precision=0.5, recall=0.3333, f1=0.4
    )
    assert grouping_scores(gold, {k: k for k in gold})["precision"] == 1.0


def test_a_bad_gold_file_names_row_and_column(tmp_path: Path, ingested):
    bad = tmp_path / "gold.csv"
    bad.write_text("article,location,excerpt_contains,event\n01_mpa_wire_en.txt,Uri,,e1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.csv, row 2, column excerpt_contains: is empty"):
        read_gold(bad)
    bad.write_text("article,location,excerpt_contains,event\n01_mpa_wire_en.txt,Uri,no such words,e1\n")
    with pytest.raises(InputError, match="no such words"):
        gold_labels(read_gold(bad), ingested.load(background=False))


def test_what_the_map_will_draw(ingested):
    from dashboard.events.summary import claims_by_side, place_summaries

    events, links = load_events(ingested), load_links(ingested)
    uri = next(p for p in place_summaries(events, links) if p["place"] == "Uri")
    n_reports = int(events[events["place"] == "Uri"]["n_reports"].sum())
    assert n_reports >= 10  # the gold's ten (nine on Friday, one on Sunday), whatever else ingest finds
    assert uri["label"] == f"2 events · {n_reports} reports from 4 outlets"
    assert uri["families"] == {"remote violence": 2}
    friday = events[(events["place"] == "Uri") & events["start_utc"].str.startswith("2025-03-14")]["event_id"].iloc[0]
    sides = {s["side"]: s for s in claims_by_side(friday, ingested.load(background=False), links)}
    assert sides["India"]["says"] == "India says" and sides["Pakistan"]["says"] == "Pakistan says"
    pakistan = sides["Pakistan"]["claims"]
    # The wire's "Pakistan's military denied the account" is Pakistan's claim too: the speaker claims, not the outlet.
    assert {c["outlet"] for c in pakistan} == {"Pakistan Army ISPR", "Meridian Press Agency"}
    (denial,) = [c for c in pakistan if c["outlet"] == "Pakistan Army ISPR"]
    assert denial["outlet"] == "Pakistan Army ISPR" and denial["published"] == "2025-03-15"
    assert denial["excerpt"].startswith("Pakistan's military said Indian troops shelled")
    assert denial["source_url"] == "https://ispr-pk.example/press-release/2025/03/15" and denial["independent"]
    # the wire's sentence is a denial and the panel says so; ISPR's own release asserts its account
    (wire,) = [c for c in pakistan if "denied the account" in c["excerpt"]]
    assert wire["denies"] and not denial["denies"]
    relayed = [c for c in sides["India"]["claims"] if c["outlet"] == "Kabar Dunia"]
    assert relayed and not any(c["independent"] for c in relayed)
