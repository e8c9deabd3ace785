"""The events layer on real reports: the articles of tests/fixtures/events ingested into a real store, grouped by the
engine; each place's mark counts its events, reports and independent outlets, and the filters are numpy masks."""

from __future__ import annotations

import dataclasses
import json
import re

import numpy as np
import pandas as pd
import pytest

from dashboard.cli.ingest import ingest_file
from dashboard.store.events import load_events, load_links
from dashboard.store.sqlite import Store
from dashboard.view import basemap, events_layer, layer
from dashboard.view.layer_index import layer_data
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "events"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("events") / "incidents.db")
    for path in sorted(FIXTURES.glob("*.txt")):
        ingest_file(path, store=store)
    reports = store.load(background=False)
    return reports, load_events(store), load_links(store)


@pytest.fixture(scope="module")
def ev(ingested):
    reports, events, links = ingested
    return events_layer.EventIndex.build(reports, links, events)


def test_each_place_counts_its_events_reports_and_independent_outlets(ingested, ev):
    reports, events, links = ingested
    everything = np.ones(len(reports), dtype=bool)
    assert events_layer.counts(ev, everything) == (len(events), len(reports))
    rows = np.flatnonzero(ev.layer.mapped)
    data = layer_data(ev.layer, rows, {})
    data.update(events_layer.marks(ev.layer, rows, ev.family_report, ev))
    origin = links.set_index("incident_id")["origin_key"]
    for (lat, lon, *_), n, ne, no in zip(data["places"], data["n"], data["ne"], data["no"]):
        here = events[(events["latitude"].round(5) == lat) & (events["longitude"].round(5) == lon)]
        ids = [i for report_ids in here["report_ids"] for i in report_ids]
        assert (ne, n, no) == (len(here), len(ids), origin.loc[ids].nunique())
    # the night at Uri: both sides and every outlet in one mark, relays not counted twice
    uri = [i for i, p in enumerate(data["places"]) if p[2] == "Uri"][0]
    assert data["ne"][uri] == 2 and data["no"][uri] < len({s for s in reports["source"]})
    # one family's shape: every event here is shelling (remote violence)
    assert data["families"][data["f"][uri]] == "remote violence" and data["shapes"][data["f"][uri]] == "star"


def test_the_corroboration_filter_keeps_the_reports_of_events_told_by_enough_outlets(ingested, ev):
    reports, events, _ = ingested
    for k in (1, 2, 3, 5):
        told = {i for ids, n in zip(events["report_ids"], events["n_outlets"]) if n >= k for i in ids}
        got = set(reports["incident_id"][ev.corroborated(k)])
        assert got == told
    assert ev.corroborated(1).all()


def test_a_clicked_place_lists_its_events_earliest_first(ingested, ev):
    reports, events, _ = ingested
    uri = events[events["place"] == "Uri"].sort_values("start_utc")
    rows = ev.rows_at(
        np.ones(len(reports), dtype=bool), [float(uri["latitude"].iloc[0]), float(uri["longitude"].iloc[0])]
    )
    listed = ev.events_of(rows)
    assert [e for e, _ in listed] == uri["event_id"].tolist()
    assert sorted(reports["incident_id"].iloc[listed[0][1]]) == sorted(uri["report_ids"].iloc[0])
    assert not len(ev.rows_at(np.ones(len(reports), dtype=bool), "x"))


def _drawn(fg) -> tuple[dict, list | None, str]:
    m = basemap.base_map()
    fg.add_to(m)
    page = m.get_root().render()
    data = json.loads(re.search(r'IncidentLayer\.draw\([^,]+, (\{.*?\}), \{"mixed"', page).group(1))
    fit = re.search(r"IncidentLayer\.fit\(map, (\[\[.*?\]\])", page)
    legend = re.search(r"d\.(?:innerHTML = |insertAdjacentHTML\('beforeend', )(\".*?\")\)?;", page).group(1)
    return data, json.loads(fit.group(1)) if fit else None, json.loads(legend)


def test_a_quiet_region_wide_event_is_small_hollow_and_does_not_pull_the_frame(df):
    mapped = df[df["mapped"]].drop_duplicates(["latitude", "longitude"])
    far = mapped.iloc[[0]].assign(
        event_type="Strategic developments",
        sub_event_type="Agreement",
        geo_precision=3,
        latitude=40.41,
        longitude=49.87,
    )
    battles = mapped.iloc[1:4].assign(event_type="Battles", sub_event_type="Armed clash")
    frame = pd.concat([battles, far, far.assign(incident_id="second call")], ignore_index=True)
    data, bounds, legend = _drawn(layer.incident_layer(frame, basemap.claimant_colours(frame["claimed_by"])))
    quiet = [i for i, p in enumerate(data["places"]) if p[0] == 40.41]
    assert data["soft"] == [i in quiet for i in range(len(data["n"]))]
    assert data["n"][quiet[0]] == 2  # the biggest count, yet drawn small (incident_layer.js) and not sized
    assert data["families"][data["f"][quiet[0]]] == "strategic development"
    assert {data["families"][data["f"][i]] for i in range(len(data["n"])) if i not in quiet} == {"armed clash"}
    # the frame is the battles', not stretched to a region 300 km east (and its 50 km ring)
    assert bounds[1][1] < 49.87 - 2
    assert f"Off the frame (zoom out to see): {data['places'][quiet[0]][2]}<" in legend  # a picture says it is there
    assert "armed clash" in legend and "strategic development, region-wide (not sized by count)" in legend
    assert legend.count("strategic development") == 1  # no filled diamond: no such mark is drawn filled
    assert ">2</span>" not in legend  # the size key stops at the battles' largest count (1 each)
    # alone on the map, a quiet place is still fitted
    _, alone, _ = _drawn(layer.incident_layer(frame.iloc[3:], basemap.claimant_colours(frame["claimed_by"])))
    assert alone is not None and alone[0][1] < 49.87 < alone[1][1]


def test_the_shape_follows_the_family_with_most_events_at_a_place(df):
    row = df[df["mapped"]].iloc[[0]]
    frame = pd.concat(
        [
            row.assign(incident_id="a", event_type="Protests"),
            row.assign(incident_id="b", event_type="Protests"),
            row.assign(incident_id="c", event_type="Violence against civilians"),
        ],
        ignore_index=True,
    )
    data, _, legend = _drawn(layer.incident_layer(frame, basemap.claimant_colours(frame["claimed_by"])))
    assert data["shapes"][data["f"][0]] == "square"
    assert [data["families"][c] for c in data["fc"][0][::2]] == ["protest/riot", "violence against civilians"]
    assert data["fc"][0][1::2] == [2, 1] and "protest/riot" in legend and "<svg" in legend


def test_the_timeline_has_a_bar_per_event_on_a_row_per_family(ingested):
    from dashboard.view import timeline, window

    reports, events, _ = ingested
    rows = events_layer.timeline_rows(events)
    span = window.bounds(reports)
    spec = timeline.timeline(rows, span, events_layer.FAMILY_COLOURS, span=span)
    bars = spec["datasets"]["incidents"]
    assert len(bars) == events["start_utc"].notna().sum()
    assert sorted(bars["claimed_by"]) == sorted(events["family"])
    uri = events[events["place"] == "Uri"].iloc[0]
    assert f"Uri · {uri['n_reports']} reports from {uri['n_outlets']} outlets" in set(bars["label"])


def _by_place(ev, rows) -> dict:
    data = layer_data(ev.layer, rows, {})
    data.update(events_layer.marks(ev.layer, rows, ev.family_report, ev))
    keys = ("n", "ne", "no", "f", "fc", "soft", "c", "e", "g", "t", "d", "u")
    return {(p[0], p[1]): (p[2], p[3], *(data[k][i] for k in keys)) for i, p in enumerate(data["places"])}


def test_the_events_layer_taken_from_the_reports_layer_draws_what_a_built_one_draws(ingested, ev):
    from dashboard.view.layer_index import LayerIndex

    reports, events, links = ingested
    taken = events_layer.EventIndex.build(reports, links, events, layer=LayerIndex.build(reports))
    assert taken.uniform and ev.uniform  # every report of an event stands at its anchor's place
    for keep in (np.ones(len(reports), dtype=bool), np.arange(len(reports)) % 3 == 0):
        rows = np.flatnonzero(keep & ev.layer.mapped)
        assert np.array_equal(rows, np.flatnonzero(keep & taken.layer.mapped))
        assert _by_place(taken, rows) == _by_place(ev, rows)
        assert events_layer.counts(taken, keep) == events_layer.counts(ev, keep)


def test_counting_and_sorting_find_the_same_events_and_outlets_per_place(ingested, ev, monkeypatch):
    reports, _, _ = ingested
    rows = np.flatnonzero(ev.layer.mapped)
    counted = _by_place(ev, rows)
    monkeypatch.setattr(events_layer, "_MAX_CELLS", 0)  # outlets by sorting
    assert _by_place(dataclasses.replace(ev, uniform=False), rows) == counted  # events by sorting


def test_a_call_in_a_far_capital_does_not_pull_the_frame_but_a_near_one_joins_it(df):
    """A ministers' call coded to Moscow at place precision, beside border fighting 1,800 km away: the frame stays on
    the fighting and the legend names Moscow; the same call coded to a town beside the fighting is in the frame."""
    mapped = df[df["mapped"]].drop_duplicates(["latitude", "longitude"])
    battles = mapped.iloc[1:4].assign(event_type="Battles", sub_event_type="Armed clash")
    call = mapped.iloc[[0]].assign(
        event_type="Strategic developments", sub_event_type="Agreement", geo_precision=1, place="Moscow"
    )
    colours = basemap.claimant_colours(pd.concat([battles, call])["claimed_by"])
    far = call.assign(latitude=55.75, longitude=37.62)
    data, bounds, legend = _drawn(layer.incident_layer(pd.concat([battles, far], ignore_index=True), colours))
    assert bounds[1][0] < 55.75 - 5 and bounds[0][1] > 37.62 + 5, bounds
    moscow = next(p for p in data["places"] if p[0] == 55.75)
    assert f"Off the frame (zoom out to see): {moscow[2]}<" in legend
    lat, lon = float(battles["latitude"].iloc[0]) + 0.3, float(battles["longitude"].iloc[0]) - 0.3
    near = call.assign(latitude=lat, longitude=lon)
    _, bounds, legend = _drawn(layer.incident_layer(pd.concat([battles, near], ignore_index=True), colours))
    assert bounds[0][0] <= lat <= bounds[1][0] and bounds[0][1] <= lon <= bounds[1][1], bounds
    assert "Off the frame" not in legend
