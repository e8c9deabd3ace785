"""The map: offline assets, a base map that stays identical across reruns, escaped tooltips and legend."""

from __future__ import annotations

import json
import re

import pytest
from streamlit_folium import _get_map_string, generate_js_hash

from dashboard import assets, export, incidents, mapview
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
    mapview.incident_layer(df, mapview.claimant_colours(df["claimed_by"])).add_to(m)
    html = m.get_root().render()
    assert "../../app/static" not in html
    assert all(u.startswith("data:") for _, u in m.default_js + m.default_css)


def test_layer_has_every_mapped_incident_with_its_claimant_colour(df):
    colours = mapview.claimant_colours(df["claimed_by"])
    data = mapview.incidents_geojson(df, colours)
    mapped = df[df["mapped"]]
    assert {f["id"] for f in data["features"]} == set(mapped["incident_id"])
    for f in data["features"]:
        row = mapped[mapped["incident_id"] == f["id"]].iloc[0]
        assert f["geometry"]["coordinates"] == pytest.approx([row["longitude"], row["latitude"]], abs=1e-5)
        assert f["properties"]["colour"] == colours[row["claimed_by"]]
    # the two sides are told apart by colour
    assert colours["Armenia MoD"] != colours["Azerbaijan MoD"]


def test_untrusted_text_is_escaped_in_tooltip_and_legend(df):
    evil = df.copy()
    evil.loc[:, "claimed_by"] = XSS_IMG
    evil.loc[:, "location"] = XSS_SCRIPT
    evil.loc[:, "place"] = XSS_SCRIPT
    colours = mapview.claimant_colours(evil["claimed_by"])
    # the strings Leaflet puts into innerHTML
    shown = [f["properties"]["tip"] for f in mapview.incidents_geojson(evil, colours)["features"]]
    shown.append(mapview.legend_html(evil["claimed_by"].unique(), colours))
    for fragment in shown:
        assert "<img" not in fragment and "<script" not in fragment
    assert "&lt;img src=x onerror=" in shown[-1] and "&lt;script&gt;window.__xss=2" in shown[0]


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
