"""The app on a store of real reports of the same nights (tests/fixtures/events ingested): events by default,
both counts in the header, the corroboration filter and raw-reports switch in the link, and the Events page's
merges and splits kept with who made them."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli.ingest import ingest_file
from dashboard.store.events import audit, load_events, load_links
from dashboard.store.sqlite import Store
from tests.app.test_app import APP, count, unescape_md
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "events"


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    db = tmp_path_factory.mktemp("events") / "incidents.db"
    store = Store(db)
    for path in sorted(FIXTURES.glob("*.txt")):
        ingest_file(path, store=store)
    return db


@pytest.fixture()
def store_env(monkeypatch, filled, tmp_path):
    db = tmp_path / "incidents.db"
    shutil.copy(filled, db)  # each test its own copy: the Events page writes
    monkeypatch.delenv("DASHBOARD_INCIDENTS", raising=False)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return db


def header(at: AppTest) -> tuple[int, int]:
    for md in at.markdown:
        m = re.match(r"\*\*(\d+) events? from (\d+) reports?\*\* in this window", md.value)
        if m:
            return int(m.group(1)), int(m.group(2))
    raise AssertionError("no events header on the page")


def layer_data(at: AppTest) -> dict:
    comp = [c for c in at.get("component_instance") if c.proto.component_name == "streamlit_folium.st_folium"]
    group = json.loads(comp[0].proto.json_args)["feature_group"]
    return json.loads(re.search(r'IncidentLayer\.draw\([^,]+, (\{.*?\}), \{"mixed"', group).group(1))


def test_the_map_shows_events_and_the_header_counts_events_and_reports(store_env):
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    store = Store(store_env)
    events, reports = load_events(store), store.load(background=False)
    assert header(at) == (len(events), len(reports)) and len(events) < len(reports)
    assert count(at) == len(reports)
    data = layer_data(at)
    assert sum(data["ne"]) == events["latitude"].notna().sum()  # one mark per event's place, each event once
    uri = data["places"].index(next(p for p in data["places"] if p[2] == "Uri"))
    assert data["ne"][uri] == (events["place"] == "Uri").sum()


def test_the_corroboration_filter_and_the_raw_switch_change_the_map_and_the_link(store_env):
    at = AppTest.from_file(APP, default_timeout=120).run()
    events = load_events(Store(store_env))
    at.number_input(key="min_outlets").set_value(2).run()
    assert not at.exception
    told = events[events["n_outlets"] >= 2]
    assert 0 < len(told) < len(events)
    assert header(at) == (len(told), int(told["n_reports"].sum()))
    assert at.query_params["min_outlets"] == "2"
    assert sum(layer_data(at)["ne"]) == len(told)
    at.toggle(key="raw").set_value(True).run()
    assert not at.exception
    assert at.query_params["show"] == "reports"
    data = layer_data(at)
    assert "ne" not in data and sum(data["n"]) <= int(told["n_reports"].sum())  # reports at their own places
    # the link reopens the same view
    again = AppTest.from_file(APP, default_timeout=120)
    again.query_params.update(min_outlets="2", show="reports")
    again.run()
    assert again.number_input(key="min_outlets").value == 2 and again.toggle(key="raw").value is True
    assert header(again) == (len(told), int(told["n_reports"].sum()))


def _events_page():
    from dashboard.settings import Settings
    from dashboard.ui.events_page import events_page

    events_page(Settings.from_env())


def test_an_analyst_merges_and_splits_events_and_the_audit_trail_says_who(store_env):
    store = Store(store_env)
    events = load_events(store)
    at = AppTest.from_function(_events_page, default_timeout=120).run()
    assert not at.exception
    two = events["event_id"].tolist()[:2]
    at.multiselect(key="merge_events").set_value(two).run()
    merge = next(b for b in at.button if b.label == "Merge")
    merge.click().run()
    assert "name or initials are needed" in at.error[0].value  # a decision is kept with who made it
    assert audit(store).empty
    at.text_input(key="events_who").set_value("ra").run()
    at.text_input(key="events_reason").set_value("same night, two spellings").run()
    next(b for b in at.button if b.label == "Merge").click().run()
    assert not at.exception and "Merged 2 events" in at.success[0].value
    after = load_events(store)
    assert len(after) == len(events) - 1
    links = load_links(store)
    merged = set(links[links["incident_id"].isin([i for ids in events["report_ids"][:2] for i in ids])]["event_id"])
    assert len(merged) == 1
    # split one report back out of the merged event
    merged_id = merged.pop()
    report = links.loc[links["event_id"] == merged_id, "incident_id"].iloc[-1]
    at.selectbox(key="split_event").set_value(merged_id).run()
    at.selectbox(key="split_report").set_value(report).run()
    next(b for b in at.button if b.label == "Split").click().run()
    assert not at.exception and f"Report {report} is now event" in at.success[0].value
    links = load_links(store)
    assert (links["event_id"] == links.loc[links["incident_id"] == report, "event_id"].iloc[0]).sum() == 1
    trail = audit(store)
    assert trail["action"].tolist() == ["split", "merge"] and set(trail["who"]) == {"ra"}
    shown = next(d.value for d in at.dataframe if "who" in d.value.columns)
    assert shown["action"].tolist() == ["split", "merge"] and "same night, two spellings" in set(shown["reason"])
    assert shown["event_ids"].iloc[1] == ", ".join(two)  # the events as the analyst chose them, readable


def test_a_link_asking_for_more_outlets_than_any_event_has_shows_the_most_there_are(store_env):
    events = load_events(Store(store_env))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["min_outlets"] = "50"
    at.run()
    assert not at.exception
    most = int(events["n_outlets"].max())
    assert at.number_input(key="min_outlets").value == most
    assert any(f"at most {most}" in c.value for c in at.sidebar.caption)
    told = events[events["n_outlets"] >= most]
    assert header(at) == (len(told), int(told["n_reports"].sum()))


def test_a_signed_in_analysts_merge_is_kept_with_their_identity(store_env):
    from tests.app.test_app_signin import ANA
    from tests.unit.ui.test_access import AUTH

    store = Store(store_env)
    two = load_events(store)["event_id"].tolist()[:2]
    at = AppTest.from_function(_events_page, default_timeout=120)
    at.secrets["auth"], at.user = AUTH, ANA
    at.run()
    assert "events_who" not in [t.key for t in at.text_input]  # nothing to type: the identity is the name
    at.multiselect(key="merge_events").set_value(two).run()
    next(b for b in at.button if b.label == "Merge").click().run()
    assert not at.exception and "Merged 2 events" in at.success[0].value
    assert audit(store)["who"].tolist() == ["Ana Analyst <ana@example.org>"]


def test_a_merge_chosen_before_another_analysts_split_is_refused_then_made_on_the_events_as_they_are(store_env):
    from dashboard.store.events import split

    store = Store(store_env)
    events = load_events(store)
    at = AppTest.from_function(_events_page, default_timeout=120).run()
    at.text_input(key="events_who").set_value("ra").run()
    several = events[events["n_reports"] > 1]
    mine = events[~events["event_id"].isin(several["event_id"][:1])]["event_id"].tolist()[:2]
    at.multiselect(key="merge_events").set_value(mine).run()  # what ra sees and chooses from
    # meanwhile another analyst splits a report out of an event ra is not merging
    theirs = several["event_id"].iloc[0]
    report = load_links(store).query("event_id == @theirs")["incident_id"].iloc[-1]
    store.clock = lambda: "2026-02-01T09:30:00Z"
    split(store, theirs, report, who="bo", reason="another post")
    next(b for b in at.button if b.label == "Merge").click().run()
    assert not at.exception and not at.success
    refused = unescape_md(at.error[0].value)
    assert "nothing was merged" in refused and "bo made a split at 2026-02-01T09:30:00Z" in refused
    assert audit(store)["who"].tolist() == ["bo"] and len(load_events(store)) == len(events) + 1
    # the page now shows the events as they are: the same choice, made again, is kept
    assert at.multiselect(key="merge_events").value == mine
    next(b for b in at.button if b.label == "Merge").click().run()
    assert not at.exception and "Merged 2 events" in at.success[0].value
    assert audit(store)["who"].tolist() == ["ra", "bo"] and len(load_events(store)) == len(events)
