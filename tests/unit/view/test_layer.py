"""The incident layer: a clicked marker gives back what is there, untrusted text stays data, a narrow frame needs its index."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.view import assets, basemap, layer, layer_index, legend, map_elements
from tests.helpers import XSS_IMG, XSS_SCRIPT


def test_a_clicked_marker_gives_back_every_incident_it_stands_for(df):
    mapped = df[df["mapped"]]
    row = mapped.iloc[2]
    assert list(layer.at_marker(df, {"incident_id": row["incident_id"], "n": 1})["incident_id"]) == [row["incident_id"]]
    two = pd.concat([df, df[df["incident_id"] == row["incident_id"]].assign(incident_id="twin")], ignore_index=True)
    got = layer.at_marker(two, {"incident_id": None, "n": 2, "place": [row["latitude"], row["longitude"]]})
    assert sorted(got["incident_id"]) == sorted([row["incident_id"], "twin"])
    for bad in ({}, {"place": "x"}, {"place": [1]}, {"place": ["a", "b"]}, {"incident_id": "nope"}):
        assert layer.at_marker(df, bad).empty


def test_a_clicked_place_gives_what_is_there_now_not_what_was_there_when_clicked(df):
    row = df[df["mapped"]].iloc[2]
    two = pd.concat([df, df[df["incident_id"] == row["incident_id"]].assign(incident_id="later")], ignore_index=True)
    clicked = {"incident_id": row["incident_id"], "n": 1, "place": [row["latitude"], row["longitude"]]}
    assert sorted(layer.at_marker(two, clicked)["incident_id"]) == sorted([row["incident_id"], "later"])


def test_untrusted_text_is_data_in_the_layer_and_escaped_in_the_legend(df):
    evil = df.copy()
    evil.loc[:, "claimed_by"] = XSS_IMG
    evil.loc[:, "location"] = XSS_SCRIPT
    evil.loc[:, "place"] = XSS_SCRIPT
    colours = basemap.claimant_colours(evil["claimed_by"])
    # the layer's script (eval'd by st_folium, inlined in a <script> by the standalone page) holds the
    # text only as JSON string data, which the browser puts into textContent, never innerHTML
    m = basemap.base_map()
    layer.incident_layer(evil, colours).add_to(m)
    script = m.get_root().render()
    drawn = script[script.index("IncidentLayer.draw(") :]
    drawn = drawn[: drawn.index(");\n")]  # the incident markers' script
    assert "<img" not in drawn and "<script" not in drawn and "innerHTML" not in drawn
    assert "\\u003cimg src=x onerror=" in drawn  # the text is there, as data
    data = layer_index.incident_data(evil, colours)
    assert data["claimants"][0][0] == XSS_IMG and XSS_SCRIPT in data["places"][0][2]
    assert json.loads(map_elements.js_literal(data)) == data
    assert "<" not in map_elements.js_literal(data) and ">" not in map_elements.js_literal(data)
    # the legend is HTML: escaped
    shown = legend.legend_html(evil["claimed_by"].unique(), colours)
    assert "<img" not in shown and "&lt;img src=x onerror=" in shown
    # and the layer's JavaScript never turns data into HTML
    js = assets.INCIDENT_LAYER_JS.source.read_text()
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js


def test_template_syntax_in_the_data_stays_text_on_a_rendered_page(df):
    # the briefing page renders the whole map with Jinja: a place written "{{ 7*7 }}" (or a claimant, an
    # event type) must reach the page as those characters, never be evaluated as a template
    odd = df.assign(location="Sok{{ 7*7 }}", claimed_by="{% if true %}MoD{% endif %}", sub_event_type="{# x #}y")
    colours = basemap.claimant_colours(odd["claimed_by"])
    m = basemap.base_map()
    layer.incident_layer(odd, colours, attribution="ACLED {{ 1+1 }}").add_to(m)
    page = m.get_root().render()
    assert "Sok{{ 7*7 }}" in page and "Sok49" not in page
    assert "{% if true %}MoD{% endif %}" in page and "{# x #}y" in page
    assert "ACLED {{ 1+1 }}" in page and "ACLED 2" not in page


def test_a_narrow_frame_needs_its_index(df):
    """The app hands the layer a one-column frame and the index; without the index that is an error, not a guess."""
    narrow = df.loc[df["mapped"], layer.LAYER_COLUMNS]
    with pytest.raises(ValueError, match="LayerIndex"):
        layer.incident_layer(narrow, basemap.claimant_colours(df["claimed_by"]))
    index = layer_index.LayerIndex.build(df)
    assert sum(layer_index.incident_data(narrow, basemap.claimant_colours(df["claimed_by"]), index)["n"]) == len(narrow)


@pytest.mark.parametrize("events_view", [False, True])
def test_a_mask_over_the_whole_frame_draws_what_its_rows_draw(df, events_view):
    """The app hands the whole frame and a mask (no copy of the kept rows a move): the same marks, counts, legend
    and view as the kept rows themselves, in the reports view and in the events view."""
    from dashboard.events.summary import build
    from dashboard.view.events_layer import EventIndex

    colours = basemap.claimant_colours(df["claimed_by"])
    index = layer_index.LayerIndex.build(df)
    ev = None
    if events_view:
        grouped = build(df.reset_index(drop=True))
        ev = EventIndex.build(df, grouped.links, grouped.events, layer=index)
    keep = (df["start"] < df["start"].sort_values().iloc[len(df) // 2]).to_numpy()  # about half, some unmapped
    assert 0 < keep.sum() < len(df)

    def scripts(fg) -> list[str]:
        return [
            repr([getattr(c, a, None) for a in ("data", "bounds", "legend_html", "labels")])
            for c in fg._children.values()
        ]

    rows = layer.incident_layer(df.loc[keep, layer.LAYER_COLUMNS], colours, index=index, events=ev)
    masked = layer.incident_layer(df, colours, index=index, events=ev, keep=keep)
    assert scripts(masked) == scripts(rows) and any(scripts(rows))
    assert scripts(masked) != scripts(layer.incident_layer(df, colours, index=index, events=ev))  # the mask counts
