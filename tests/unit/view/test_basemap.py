"""The base map: identical on every rerun (st_folium keeps its iframe), offline when inlined, one colour per claimant."""

from __future__ import annotations

from streamlit_folium import _get_map_string, generate_js_hash

from dashboard.view import basemap, layer


def st_folium_key(m) -> str:
    m.get_root().render()
    return generate_js_hash(_get_map_string(m), "incident_map", False)


def test_base_map_is_identical_on_every_rerun(df):
    assert st_folium_key(basemap.base_map()) == st_folium_key(basemap.base_map())
    assert st_folium_key(basemap.base_map()) != st_folium_key(basemap.base_map("OpenStreetMap (online)"))


def test_inline_map_needs_no_server(df):
    m = basemap.base_map(inline=True)
    layer.incident_layer(df, basemap.claimant_colours(df["claimed_by"])).add_to(m)
    html = m.get_root().render()
    assert "../../app/static" not in html and "IncidentLayer.draw(" in html
    assert all(u.startswith("data:") for _, u in m.default_js + m.default_css)
