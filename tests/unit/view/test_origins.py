"""Origin in the view: the filter and the URL, the marks a coded place gets, the counts, the attribution."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.store import source
from dashboard.store.sqlite import Store
from dashboard.view import basemap, layer, origins, window
from dashboard.view.detail import detail_html
from dashboard.view.layer_index import incident_data
from tests.conftest import INCIDENTS, ROOT

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_current_caucasus.csv"
GORIS = [39.51111, 46.34168]


@pytest.fixture(scope="module")
def df(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "incidents.db"
    store = Store(path)
    store.import_csv(INCIDENTS)
    store.import_events(ACLED, accessed="2026-11-30")
    return source.Source("store", path).load()


def whole(df, **filters):
    lo, hi = window.bounds(df)
    return window.View(lo, hi, filters)


def test_origin_is_a_filter_with_the_data_s_origins(df):
    assert window.filter_options(df)["origin"] == ["acled", "csv"]
    coded = window.apply(df, whole(df, origin=("acled",)))
    assert set(coded["origin"]) == {"acled"} and len(coded) == 3
    ours = window.apply(df, whole(df, origin=("csv",)))
    assert set(ours["origin"]) == {"csv"} and len(ours) == (df["origin"] == "csv").sum()
    assert len(window.apply(df, whole(df))) == len(df)


def test_origin_goes_into_the_url_and_back(df):
    options = window.filter_options(df)
    params = window.to_query(whole(df, origin=("acled",)), options)
    assert params["origin"] == ["acled"]
    back, warnings = window.from_query(params, df)
    assert back.filters["origin"] == ("acled",) and not warnings
    # every origin selected means all: left out of the URL
    assert "origin" not in window.to_query(whole(df, origin=("acled", "csv")), options)


def test_a_csv_without_an_origin_column_is_all_hand_coded_reports():
    from dashboard.store import csvfile

    plain = csvfile.load(INCIDENTS)
    assert window.filter_options(plain)["origin"] == ["csv"]
    assert window.mask(plain, whole(plain, origin=("acled",))).sum() == 0
    assert window.mask(plain, whole(plain, origin=("csv",))).all()


def test_a_place_with_coded_events_counts_both_and_the_legend_explains_the_outline(df):
    colours = basemap.claimant_colours(df["claimed_by"])
    data = incident_data(df, colours)
    at = {tuple(p[:2]): i for i, p in enumerate(data["places"])}
    # Goris: one report of ours and one ACLED event at the same coordinates
    assert data["o"][at[tuple(GORIS)]] == [1, 1, 0]
    vardenis = data["o"][at[(40.1833, 45.73)]]
    assert vardenis == [0, 1, 0]
    assert origins.count_line(data["o"][at[tuple(GORIS)]]) == "ACLED: 1 event · reports: 1"
    legend = origins.legend_part(data["o"])
    assert "dark outline" in legend and "white outline" in legend
    # with our reports alone nothing about origin is sent, and the legend says nothing of it
    ours = df[df["origin"] == "csv"]
    plain = incident_data(ours, colours)
    assert "o" not in plain and origins.legend_part(plain.get("o", ())) == ""


def test_count_line_names_each_origin_with_its_count():
    assert origins.count_line([5, 2, 0]) == "ACLED: 2 events · reports: 5"
    assert origins.count_line([0, 0, 1]) == "UCDP: 1 event"
    frame = pd.DataFrame({"origin": ["csv", "ingest", "acled", "acled", "ucdp"]})
    assert origins.rows_count_line(frame) == "ACLED: 2 events · UCDP: 1 event · reports: 2"
    assert origins.rows_count_line(frame[frame["origin"] != "acled"].iloc[:2]) == ""


def test_attribution_names_acled_and_the_access_date_only_when_its_events_are_shown(df):
    text = origins.attribution(df)
    assert "ACLED" in text and "acleddata.com" in text and "accessed 2026-11-30" in text
    ours = window.mask(df, whole(df, origin=("csv",))).to_numpy()
    assert origins.attribution(df, ours) == ""
    m = basemap.base_map(inline=False)
    layer.incident_layer(df, basemap.claimant_colours(df["claimed_by"]), attribution=text).add_to(m)
    html = m.get_root().render()
    assert "accessed 2026-11-30" in html


def test_attribution_escapes_what_the_store_holds():
    frame = pd.DataFrame({"origin": ["acled"], "accessed": ["<img src=x>"], "mapped": [True]})
    element = origins.CodedAttribution(origins.attribution(frame))
    assert "<img" not in element.text and "&lt;img" in element.text


def test_a_coded_event_s_panel_says_what_the_coder_recorded_escaped(df):
    row = df[df["incident_id"] == "acled:ARM91002"].iloc[0].copy()
    row["notes"] = "<b>fire</b> near the town"
    body = detail_html(row, None)
    assert "ACLED event ARM91002" in body and "fatalities: 2" in body and "accessed 2026-11-30" in body
    assert "&lt;b&gt;fire&lt;/b&gt;" in body and "<b>fire</b>" not in body


def test_the_page_s_sources_are_our_articles_not_the_coded_events_sources(df):
    facts = window.summarize(df, basemap.claimant_colours)
    assert [s[0] for s in facts.sources] == ["Berita Baru"]
    assert "ACLED" in facts.options["claimant"]  # the coded events still count, as their own claimant
