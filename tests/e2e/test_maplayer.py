"""The incident layer's JavaScript against the Python it stands in for: tooltips, counts and wedges, in Chromium.

The layer composes its tooltips in the browser from compact columns (dashboard/view/layer_index.py); these must
say exactly what dashboard/view/timefmt.py says, in every zone (half-hour offsets, summer time, west of UTC),
and a place's marker must count what pandas counts there.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from PIL import Image

from dashboard.store.csvfile import typed
from dashboard.testing import synthetic
from dashboard.view import basemap, layer, layer_index, map_elements
from dashboard.view.timefmt import local_label, utc_label
from tests.e2e.conftest import MARKERS_JS
from tests.helpers import hex_rgb

ZONES = ["Asia/Yerevan", "Asia/Kolkata", "Europe/London", "America/St_Johns", "Australia/Lord_Howe", "UTC"]

TIPS_JS = """() => {
  const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k]).find(v => v instanceof L.Map);
  const out = {};
  map.eachLayer(l => { if (l instanceof L.CircleMarker && !(l instanceof L.Circle) && l.feature) {
    const group = Object.values(l._eventParents)[0];
    const tip = group._tooltip._content(l), p = l.feature.properties;
    out[p.incident_id || p.place.join(',')] = {text: tip.textContent, html: tip.innerHTML, n: p.n, place: p.place};
  } });
  return out;
}"""


@pytest.fixture(scope="module")
def sample():
    df = typed(synthetic.generate(1500, seed=5, weeks=40))  # 40 weeks: summer time starts and ends
    df["local_tz"] = [ZONES[i % len(ZONES)] for i in range(len(df))]
    return df


def draw(browser, df, page_size=None):
    """A standalone map of ``df``'s incident layer in Chromium: (tooltips by marker, markers, page, errors)."""
    m = basemap.base_map(inline=True)
    layer.incident_layer(df, basemap.claimant_colours(df["claimed_by"])).add_to(m)
    page = browser.new_page(viewport=page_size or {"width": 1280, "height": 720})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content(m.get_root().render(), wait_until="load")
    page.wait_for_function("window.basemapReady === true")
    return page.evaluate(TIPS_JS), page.evaluate(MARKERS_JS), page, errors


def test_tooltips_say_what_timefmt_says_in_every_zone(browser, sample):
    # every incident at its own place (0.001° apart), so that each marker is one incident with its own times
    alone = sample.assign(longitude=sample["longitude"] + [i / 1000 for i in range(len(sample))])
    tips, drawn, page, errors = draw(browser, alone)
    page.close()
    assert errors == []
    assert sorted(m["id"] for m in drawn) == sorted(tips) and all(m["drawn"] for m in drawn)
    mapped = alone[alone["mapped"]]
    assert sorted(tips) == sorted(mapped["incident_id"]) and all(t["n"] == 1 for t in tips.values())
    rows = mapped.set_index("incident_id")
    checked_local = set()
    for incident_id, tip in tips.items():
        r = rows.loc[incident_id]
        assert utc_label(r["start"], r["end"], r["time_precision"]) in tip["text"], (incident_id, tip["text"])
        local = local_label(r["start"], r["end"], r["time_precision"], r["local_tz"])
        if local:
            assert f"local: {local}" in tip["text"], (incident_id, tip["text"])
            checked_local.add(local.rsplit("(", 1)[1].split(",")[0])
        else:
            assert "local:" not in tip["text"]
        assert f"claimed by {r['claimed_by']}" in tip["text"] and r["sub_event_type"] in tip["text"]
        assert "incidents here" not in tip["text"]
        assert "<script" not in tip["html"] and "<img" not in tip["html"]
    # the zones really covered half-hour, summer-time and negative offsets
    assert {"UTC+05:30", "UTC+01", "UTC-02:30", "UTC-03:30", "UTC+10:30", "UTC+11"} <= checked_local


def test_a_place_of_many_counts_them_as_pandas_does(browser, sample):
    tips, drawn, page, errors = draw(browser, sample)
    page.close()
    assert errors == []
    mapped = sample[sample["mapped"]]
    assert sum(t["n"] for t in tips.values()) == len(mapped)  # every incident, in exactly one marker
    many = {k: t for k, t in tips.items() if t["n"] > 1}
    assert len(many) >= 10
    colours = basemap.claimant_colours(sample["claimed_by"])
    for tip in many.values():
        here = layer.at_marker(sample, {"place": tip["place"]})
        assert len(here) == tip["n"], tip
        assert f"{tip['n']} incidents here in this window" in tip["text"]
        counts = here["claimed_by"].value_counts()
        for claimant, k in counts.items():
            assert f"{claimant} {k}" in tip["text"], (claimant, k, tip["text"])
        timed = here[here["start"].notna() & (here["time_precision"] != "unknown")]
        if len(timed):
            first, last = timed["start"].min(), timed["end"].max()
            known = f" of the {len(timed)} with a known time" if len(timed) < len(here) else ""
            span = f" (earliest start to latest end{known})" if last > first else f" (all{known or ' of them'})"
            assert utc_label(first, last, "minute") + span in tip["text"], tip["text"]
        assert "<script" not in tip["html"] and "<img" not in tip["html"]
    # the marker of a place with several claimants is drawn in their colours
    assert all(m["colour"] in colours.values() for m in drawn)


def test_a_shared_place_is_split_into_wedges_by_claimant(browser, sample):
    """Three incidents claimed by one side and one by the other, at one place: three quarters and one."""
    one = sample[sample["mapped"]].iloc[[0]].assign(geo_precision=1)
    four = pd.concat(
        [one.assign(incident_id=f"a{i}", claimed_by="Armenia MoD") for i in range(3)]
        + [one.assign(incident_id="b", claimed_by="Azerbaijan MoD")]
    )
    tips, drawn, page, errors = draw(browser, four)
    shot = page.screenshot(animations="disabled")  # as the snapshot does: the fitted view's zoom finished
    page.close()
    assert errors == [] and len(drawn) == 1 and drawn[0]["n"] == 4
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    x, y = round(drawn[0]["x"]), round(drawn[0]["y"])
    colours = basemap.claimant_colours(four["claimed_by"])
    # wedges run clockwise from 12 o'clock, most first: Armenia MoD from 12 to 9 o'clock, Azerbaijan MoD 9 to 12
    assert image.getpixel((x + 5, y + 2)) == hex_rgb(colours["Armenia MoD"])
    assert image.getpixel((x - 2, y + 5)) == hex_rgb(colours["Armenia MoD"])
    assert image.getpixel((x - 4, y - 4)) == hex_rgb(colours["Azerbaijan MoD"])


def test_a_second_draw_updates_the_layer_in_place(browser, sample):
    """What a slider move does in the app: draw again on the same map. Places that left are gone, new ones
    (and their rings) appear under the dots that stayed, and the busiest places stay underneath."""
    colours = basemap.claimant_colours(sample["claimed_by"])
    first, second = sample.iloc[:400], sample.iloc[300:900]
    _, _, page, errors = draw(browser, first)
    data = layer_index.incident_data(second, colours)
    options = map_elements.IncidentMarkers(data).options
    page.evaluate(
        """([D, o]) => {
      const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k]).find(v => v instanceof L.Map);
      IncidentLayer.draw(map, D, o); }""",
        [data, options],
    )
    drawn = page.evaluate(MARKERS_JS)
    order = page.evaluate(DRAW_ORDER_JS)
    page.close()
    assert errors == []
    mapped = second[second["mapped"]]
    places = {(round(a, 5), round(b, 5)) for a, b in zip(mapped["latitude"], mapped["longitude"])}
    assert len(drawn) == len(places) and sum(d["n"] for d in drawn) == len(mapped)
    assert order["rings"] == sum((g[1] > 0) + (g[2] > 0) for g in data["g"])
    assert order["rings_after_a_dot"] == 0 and order["n"] == sorted(order["n"], reverse=True)


DRAW_ORDER_JS = """() => { const r = window.incidentRenderer, out = {rings: 0, rings_after_a_dot: 0, n: []};
  let dots = 0;
  for (let o = r._drawFirst; o; o = o.next) {
    if (o.layer instanceof L.Circle) { out.rings++; if (dots) out.rings_after_a_dot++; }
    else if (o.layer.feature) { dots++; out.n.push(o.layer.feature.properties.n); }
  }
  return out; }"""
