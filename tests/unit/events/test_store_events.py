"""dashboard.store.events and the ``events`` verbs against a real SQLite store: recomputed on ingest,
analysts' merges and splits kept with who/when and never undone by a later ingest; CSV and GeoJSON exports."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.cli.ingest import ingest_file
from dashboard.errors import InputError, StaleEditError
from dashboard.export.events import neutralise, to_csv, to_geojson
from dashboard.store import events as store_events
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "events"
FIRST, LATER = ("01", "03", "04"), ("02", "05", "06", "07")


def _ingest(store, prefixes):
    for prefix in prefixes:
        ingest_file(next(FIXTURES.glob(f"{prefix}_*.txt")), store=store)


def _event_of(store, outlet: str, place: str = "Uri") -> str:
    links = store_events.load_links(store)
    events = store_events.load_events(store).set_index("event_id")
    rows = links[(links["outlet"] == outlet) & links["event_id"].map(events["place"]).eq(place)]
    return rows["event_id"].iloc[0], rows["incident_id"].iloc[0]


def test_ingest_recomputes_and_a_split_survives_later_articles(store):
    _ingest(store, FIRST)
    events = store_events.load_events(store)
    assert set(events["place"]) == {"Uri", "Pūnch"}  # one event each
    assert len(events) == 2
    before = set(events["event_id"])
    _ingest(store, ("05",))  # a later article: joins the Uri event, adds Sunday night, renames nothing
    assert before < set(store_events.load_events(store)["event_id"])
    uri, denial = _event_of(store, "Pakistan Army ISPR")
    store.clock = lambda: "2026-01-15T10:00:00Z"
    new = store_events.split(store, uri, denial, who="analyst A", reason="the denial is about another post")
    _ingest(store, LATER)
    links = store_events.load_links(store).set_index("incident_id")
    assert links.loc[denial, "event_id"] == new != uri
    assert (links["event_id"] == new).sum() == 1  # nothing later was glued back to it
    assert links.loc[denial, "override"] == "split #1 by analyst A at 2026-01-15T10:00:00Z"
    trail = store_events.audit(store)
    assert trail[["action", "who", "at_utc", "reason"]].iloc[0].tolist() == [
        "split",
        "analyst A",
        "2026-01-15T10:00:00Z",
        "the denial is about another post",
    ]


def test_a_merge_survives_later_articles_and_bad_requests_are_explained(store):
    _ingest(store, FIRST)
    uri, _ = _event_of(store, "Meridian Press Agency")
    poonch, report = _event_of(store, "Meridian Press Agency", "Pūnch")
    merged = store_events.merge(store, [poonch, uri], who="analyst B")
    assert merged == uri  # the event of the first stored report keeps its id
    _ingest(store, LATER)
    links = store_events.load_links(store).set_index("incident_id")
    assert links.loc[report, "event_id"] == uri
    with pytest.raises(InputError, match="no event 'ev_nope'"):
        store_events.merge(store, [uri, "ev_nope"], who="analyst B")
    with pytest.raises(InputError, match="needs --who"):
        store_events.merge(store, [uri, next(e for e in links["event_id"] if e != uri)], who=" ")
    with pytest.raises(InputError, match="is not in event"):
        store_events.split(store, "ev_nope", report, who="analyst B")


def test_a_merge_or_split_chosen_before_another_analysts_change_is_refused_and_says_who(store):
    _ingest(store, FIRST)
    uri, denial = _event_of(store, "Pakistan Army ISPR")
    poonch, _ = _event_of(store, "Meridian Press Agency", "Pūnch")
    seen = store_events.fingerprint(store)  # analyst A's page, before B's split
    store.clock = lambda: "2026-01-15T10:00:00Z"
    store_events.split(store, uri, denial, who="analyst B")
    with pytest.raises(
        StaleEditError, match="nothing was merged.*analyst B made a split at 2026-01-15T10:00:00Z"
    ) as err:
        store_events.merge(store, [poonch, uri], who="analyst A", expect=seen)
    assert [(c["who"], c["action"]) for c in err.value.conflicts] == [("analyst B", "split")]
    assert store_events.audit(store)["who"].tolist() == ["analyst B"]  # A's merge was not stored
    seen = store_events.fingerprint(store)  # A's page again, then a new article lands
    _ingest(store, ("05",))
    with pytest.raises(StaleEditError, match="nothing was merged: .*reports were added or changed") as err:
        store_events.merge(store, [poonch, uri], who="analyst A", expect=seen)
    assert err.value.conflicts == []
    # chosen again from the events as they are now: kept
    seen = store_events.fingerprint(store)
    uri, _ = _event_of(store, "Meridian Press Agency")
    poonch, _ = _event_of(store, "Meridian Press Agency", "Pūnch")
    merged = store_events.merge(store, [poonch, uri], who="analyst A", expect=seen)
    assert merged in {poonch, uri} and store_events.audit(store)["who"].tolist() == ["analyst A", "analyst B"]


def test_the_events_verb(store, capsys):
    _ingest(store, FIRST + LATER)
    db = str(store.path)
    assert main(["events", "--db", db, "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted((x["place"], x["start_utc"][:10]) for x in lines) == [
        ("Pūnch", "2025-03-14"),
        ("Uri", "2025-03-14"),
        ("Uri", "2025-03-16"),
    ]
    for field in ("event_id", "place", "latitude", "longitude", "start_utc", "end_utc", "time_precision"):
        assert all(field in line for line in lines)
    uri = next(x for x in lines if x["place"] == "Uri" and x["start_utc"].startswith("2025-03-14"))
    assert uri["n_outlets"] == 4 and {"India", "Pakistan"} <= set(uri["claimants"])
    assert main(["events", "--db", db, "--json", "--start", "2025-03-16T00:00Z"]) == 0
    assert [json.loads(x)["place"] for x in capsys.readouterr().out.splitlines()] == ["Uri"]  # Sunday night only
    assert main(["events", "--db", db, "--start", "2025-13-01"]) == 1
    assert "Error: --start '2025-13-01' is not an ISO 8601 time" in capsys.readouterr().err
    poonch = next(line for line in lines if line["place"] == "Pūnch")
    assert main(["events", "--db", db, "split", poonch["event_id"], poonch["report_ids"][1], "--who", "jd"]) == 0
    assert "split off" in capsys.readouterr().out
    assert main(["events", "--db", db, "merge", poonch["event_id"], "--who", "jd"]) == 1
    assert "merge needs two different events" in capsys.readouterr().err


def test_exports(store):
    _ingest(store, FIRST + LATER)
    events = store_events.load_events(store)
    hostile = events.copy()
    hostile.loc[0, "place"] = '=HYPERLINK("http://x")'
    hostile.loc[0, "outlets"] = ["@SUM(1)", "Kabar Dunia"]
    rows = list(csv.DictReader(io.StringIO(to_csv(hostile).decode("utf-8"))))
    assert rows[0]["place"] == '\'=HYPERLINK("http://x")' and rows[0]["outlets"].startswith("'@SUM(1)")
    assert rows[0]["n_reports"] == str(events.loc[0, "n_reports"])  # numbers stay numbers
    assert float(rows[0]["latitude"]) == pytest.approx(events.loc[0, "latitude"])
    assert [neutralise(v) for v in ("-1", "+x", "\tx", "\rx", "ok", 3)] == ["'-1", "'+x", "'\tx", "'\rx", "ok", 3]
    collection = json.loads(to_geojson(events))
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    feature = collection["features"][0]
    lon, lat = feature["geometry"]["coordinates"]
    assert (lat, lon) == (pytest.approx(events.loc[0, "latitude"]), pytest.approx(events.loc[0, "longitude"]))
    assert feature["properties"]["report_ids"] == events.loc[0, "report_ids"]
    empty = to_geojson(pd.DataFrame(columns=list(events.columns)))
    assert json.loads(empty)["features"] == []
