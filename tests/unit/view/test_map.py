"""The map: offline assets, a base map that stays identical across reruns, escaped tooltips and legend."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit_folium import _get_map_string, generate_js_hash

from dashboard.export import tables as export
from dashboard.store import csvfile as incidents
from dashboard.view import assets
from dashboard.view import basemap as mapview
from dashboard.view import layer as maplayer
from tests.conftest import INCIDENTS
from tests.helpers import XSS_IMG, XSS_SCRIPT


@pytest.fixture(scope="module")
def df():
    return incidents.load(INCIDENTS)


def st_folium_key(m) -> str:
    m.get_root().render()
    return generate_js_hash(_get_map_string(m), "incident_map", False)


def test_base_map_is_identical_on_every_rerun(df):
    assert st_folium_key(mapview.base_map()) == st_folium_key(mapview.base_map())
    assert st_folium_key(mapview.base_map()) != st_folium_key(mapview.base_map("OpenStreetMap (online)"))


def test_assets_are_local_files_and_no_cdn_is_named(tmp_path):
    m = mapview.base_map()
    urls = [u for _, u in m.default_js + m.default_css]
    assert urls and all(u.startswith(assets.IFRAME_STATIC_BASE + "/") for u in urls)
    html = m.get_root().render()
    loaded = re.findall(r'(?:src|href)="(https?://[^"]+)"', html) + re.findall(r"url\((https?://[^)]+)\)", html)
    assert loaded == []
    served = assets.prepare_static(tmp_path / "static")
    for a in assets.all_assets():
        assert (served / a.path).read_bytes() == a.source.read_bytes()
    # the folder is swapped in whole; a second call with nothing changed leaves it alone
    stamp = (served / ".stamp").stat().st_mtime_ns
    assets.prepare_static(tmp_path / "static")
    assert (served / ".stamp").stat().st_mtime_ns == stamp


def test_inline_map_needs_no_server(df):
    m = mapview.base_map(inline=True)
    maplayer.incident_layer(df, mapview.claimant_colours(df["claimed_by"])).add_to(m)
    html = m.get_root().render()
    assert "../../app/static" not in html and "IncidentLayer.draw(" in html
    assert all(u.startswith("data:") for _, u in m.default_js + m.default_css)


def test_layer_has_every_mapped_incident_with_its_claimant_colour(df):
    colours = mapview.claimant_colours(df["claimed_by"])
    data = maplayer.incident_data(df, colours)
    mapped = df[df["mapped"]]
    # the seed names each place once: one marker per incident
    assert sorted(data["ids"]) == sorted(mapped["incident_id"]) and data["n"] == [1] * len(mapped)
    for i, incident_id in enumerate(data["ids"]):
        row = mapped[mapped["incident_id"] == incident_id].iloc[0]
        lat, lon, where, cc = data["places"][i]
        assert (lat, lon) == pytest.approx((row["latitude"], row["longitude"]), abs=1e-5)
        assert where.split(" → ")[0] == row["location"] and cc == row["country_code"]
        code, k = data["c"][i]
        assert k == 1 and data["claimants"][code] == [row["claimed_by"], colours[row["claimed_by"]]]
        assert data["g"][i] == [int(row["geo_precision"] == p) for p in (1, 2, 3)]
        assert data["events"][data["e"][i][0]] == row["sub_event_type"]
        # times as minutes since the epoch; the zone and its UTC offsets for the local time
        assert data["t0"] + data["t"][i] == row["start"].timestamp() // 60
        assert data["d"][i] == (row["end"] - row["start"]).total_seconds() // 60
        assert data["kinds"][data["k"][i]][:2] == [row["time_precision"], row["local_tz"]]
    # the two sides are told apart by colour
    assert colours["Armenia MoD"] != colours["Azerbaijan MoD"]


def test_incidents_at_one_place_are_one_marker_that_counts_them(df):
    """Markers at one place would hide each other: one marker stands for them all and counts them."""
    one = df[df["mapped"] & (df["claimed_by"] == "Armenia MoD") & (df["geo_precision"] == 2)].iloc[[0]]
    hour = pd.Timedelta(hours=1)
    stack = pd.concat(
        [one.assign(incident_id=f"s{i}", start=one["start"] + i * hour, end=one["end"] + i * hour) for i in range(5)]
        + [
            one.assign(
                incident_id="other",
                claimed_by="Azerbaijan MoD",
                sub_event_type="Armed clash",
                location="Other spelling",
            )
        ]
        + [one.assign(incident_id="exact", geo_precision=1)]
    )
    elsewhere = df[df["mapped"] & (df["latitude"] != one["latitude"].iloc[0])].iloc[[0]]
    data = maplayer.incident_data(pd.concat([elsewhere, stack]), mapview.claimant_colours(stack["claimed_by"]))
    assert data["n"] == [7, 1]  # the place with most incidents first (drawn underneath), then the other place
    names = [c for c, _ in data["claimants"]]
    assert data["ids"] == [None, elsewhere["incident_id"].iloc[0]]  # a place of many has no single id
    assert data["c"][0] == [names.index("Armenia MoD"), 6, names.index("Azerbaijan MoD"), 1]  # wedges, most first
    assert [data["events"][c] for c in data["e"][0][::2]] == [one["sub_event_type"].iloc[0], "Armed clash"]
    assert data["g"][0] == [1, 6, 0]
    assert data["r"][0][0] == -1  # its 15 km ring is shared by two claimants: drawn grey
    assert data["t0"] + data["t"][0] == one["start"].iloc[0].timestamp() // 60
    assert data["d"][0] == (one["end"].iloc[0] + 4 * hour - one["start"].iloc[0]).total_seconds() // 60
    assert data["places"][0][2] == f"{one['location'].iloc[0]} / Other spelling → {one['place'].iloc[0]}"


def test_a_clicked_marker_gives_back_every_incident_it_stands_for(df):
    mapped = df[df["mapped"]]
    row = mapped.iloc[2]
    assert list(maplayer.at_marker(df, {"incident_id": row["incident_id"], "n": 1})["incident_id"]) == [
        row["incident_id"]
    ]
    two = pd.concat([df, df[df["incident_id"] == row["incident_id"]].assign(incident_id="twin")], ignore_index=True)
    got = maplayer.at_marker(two, {"incident_id": None, "n": 2, "place": [row["latitude"], row["longitude"]]})
    assert sorted(got["incident_id"]) == sorted([row["incident_id"], "twin"])
    for bad in ({}, {"place": "x"}, {"place": [1]}, {"place": ["a", "b"]}, {"incident_id": "nope"}):
        assert maplayer.at_marker(df, bad).empty


def test_untrusted_text_is_data_in_the_layer_and_escaped_in_the_legend(df):
    evil = df.copy()
    evil.loc[:, "claimed_by"] = XSS_IMG
    evil.loc[:, "location"] = XSS_SCRIPT
    evil.loc[:, "place"] = XSS_SCRIPT
    colours = mapview.claimant_colours(evil["claimed_by"])
    # the layer's script (eval'd by st_folium, inlined in a <script> by the standalone page) holds the
    # text only as JSON string data, which the browser puts into textContent, never innerHTML
    m = mapview.base_map()
    maplayer.incident_layer(evil, colours).add_to(m)
    script = m.get_root().render()
    layer = script[script.index("IncidentLayer.draw(") :]
    layer = layer[: layer.index(");\n")]  # the incident markers' script
    assert "<img" not in layer and "<script" not in layer and "innerHTML" not in layer
    assert "\\u003cimg src=x onerror=" in layer  # the text is there, as data
    data = maplayer.incident_data(evil, colours)
    assert data["claimants"][0][0] == XSS_IMG and XSS_SCRIPT in data["places"][0][2]
    assert json.loads(maplayer._js_literal(data)) == data
    assert "<" not in maplayer._js_literal(data) and ">" not in maplayer._js_literal(data)
    # the legend is HTML: escaped
    legend = maplayer.legend_html(evil["claimed_by"].unique(), colours)
    assert "<img" not in legend and "&lt;img src=x onerror=" in legend
    # and the layer's JavaScript never turns data into HTML
    js = assets.INCIDENT_LAYER_JS.source.read_text()
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js


def test_dot_size_is_explained_in_the_legend_only_when_a_dot_stands_for_several():
    colours = mapview.claimant_colours(["Armenia MoD"])
    assert "Incidents per place" not in maplayer.legend_html(["Armenia MoD"], colours, max_n=1)
    legend = maplayer.legend_html(["Armenia MoD"], colours, max_n=250)
    assert "Incidents per place" in legend and ">1<" in legend.replace("</svg>", ">") and "250" in legend
    assert maplayer.dot_radius(7, 1) == 7 < maplayer.dot_radius(7, 10) < maplayer.dot_radius(7, 100)


def test_geojson_export_is_rfc7946(df):
    data = json.loads(export.to_geojson(df))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert len(data["features"]) == len(df)
    for f, row in zip(data["features"], df.itertuples()):
        if row.mapped:
            lon, lat = f["geometry"]["coordinates"]
            assert (lon, lat) == pytest.approx((row.longitude, row.latitude), abs=1e-6)
        else:
            assert f["geometry"] is None  # kept, honestly without a place
        assert f["properties"]["excerpt"] == row.excerpt


def test_csv_export_round_trips_through_the_validator(df, incidents_copy):
    incidents_copy.write_bytes(export.to_csv(df))
    again = incidents.load(incidents_copy)
    assert list(again["incident_id"]) == list(df["incident_id"])


def test_every_claimant_has_its_own_colour_and_the_overflow_is_named():
    names = [f"claimant {i:02d}" for i in range(20)] + ["Armenia MoD", "Azerbaijan MoD"]
    colours = mapview.claimant_colours(names)
    distinct = [c for c in colours.values() if c != mapview.OTHER_COLOUR]
    assert len(distinct) == len(set(distinct)) >= 12  # never two claimants in one colour
    grey = [n for n in names if colours[n] == mapview.OTHER_COLOUR]
    legend = maplayer.legend_html(names, colours)
    assert grey and f"other claimants ({len(grey)})" in legend
    assert legend.count('class="sw"') == len(names) - len(grey) + 1  # one swatch each, one for the group


def test_the_per_data_index_gives_the_same_layer_for_every_window():
    """LayerIndex is made once per data; the layer it gives for a window must be the one made from scratch."""
    from dashboard.store.csvfile import typed
    from dashboard.testing import synthetic
    from dashboard.view import window as view

    df = typed(synthetic.generate(3000, seed=11))
    colours = mapview.claimant_colours(df["claimed_by"])
    index = maplayer.LayerIndex.build(df)
    lo, hi = view.bounds(df)
    for a, b in ((0, 1), (0.2, 0.3), (0.5, 0.51), (0.9, 1)):
        shown = view.apply(
            df, view.View(lo + (hi - lo) * a, lo + (hi - lo) * b, {"claimant": ("Armenia MoD",)} if a else {})
        )
        fast, slow = maplayer.incident_data(shown, colours, index), maplayer.incident_data(shown, colours)
        assert by_place(fast) == by_place(slow) and sum(fast["n"]) == int(shown["mapped"].sum())
        assert fast["n"] == sorted(fast["n"], reverse=True)  # most incidents first: drawn underneath
    # a frame the index was not built from is not trusted to it
    other = df.head(5).set_axis([f"x{i}" for i in range(5)])
    assert by_place(maplayer.incident_data(other, colours, index)) == by_place(maplayer.incident_data(other, colours))


def by_place(data: dict) -> dict:
    """A layer's content by place, in names rather than codes (codes and the order of spellings depend on what
    else is in the data)."""
    names, events = [c for c, _ in data["claimants"]], data["events"]
    out = {}
    for i, (lat, lon, where, cc) in enumerate(data["places"]):
        pairs = lambda flat, table: sorted((table[c], k) for c, k in zip(flat[::2], flat[1::2]))  # noqa: E731
        out[(lat, lon)] = {
            "where": sorted(where.split(" → ")[0].split(" / ")),
            "cc": cc,
            "n": data["n"][i],
            "id": data["ids"][i],
            "g": data["g"][i],
            "claimants": pairs(data["c"][i], names),
            "events": pairs(data["e"][i], events),
            "rings": [names[r] if r >= 0 else None for r in data["r"][i]],
            "t": None if data["t"][i] is None else data["t0"] + data["t"][i],
            "d": data["d"][i],
            "u": data["u"][i],
            "kind": data["kinds"][data["k"][i]] if data["k"][i] >= 0 else None,
        }
    return out


def test_legend_sizes_are_the_map_sizes_and_a_narrow_frame_needs_its_index(df):
    import re as re_

    legend = maplayer.legend_html(["Armenia MoD"], mapview.claimant_colours(["Armenia MoD"]), max_n=250)
    radii = [float(r) for r in re_.findall(r'<circle cx="[\d.]+" cy="[\d.]+" r="([\d.]+)" fill="#888"', legend)]
    assert radii == [round(maplayer.dot_radius(7, k), 1) for k in (1, 100, 250)]
    # the app hands the layer a one-column frame and the index; without the index that is an error, not a guess
    narrow = df.loc[df["mapped"], maplayer.LAYER_COLUMNS]
    with pytest.raises(ValueError, match="LayerIndex"):
        maplayer.incident_layer(narrow, mapview.claimant_colours(df["claimed_by"]))
    index = maplayer.LayerIndex.build(df)
    assert sum(maplayer.incident_data(narrow, mapview.claimant_colours(df["claimed_by"]), index)["n"]) == len(narrow)


def test_a_clicked_place_gives_what_is_there_now_not_what_was_there_when_clicked(df):
    row = df[df["mapped"]].iloc[2]
    two = pd.concat([df, df[df["incident_id"] == row["incident_id"]].assign(incident_id="later")], ignore_index=True)
    clicked = {"incident_id": row["incident_id"], "n": 1, "place": [row["latitude"], row["longitude"]]}
    assert sorted(maplayer.at_marker(two, clicked)["incident_id"]) == sorted([row["incident_id"], "later"])
