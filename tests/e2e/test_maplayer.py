"""The incident layer's JavaScript against the Python it stands in for: tooltip times and counts, in Chromium.

The layer composes its tooltips in the browser from compact columns (dashboard/mapview.py); these must
say exactly what dashboard/timefmt.py says, in every zone (half-hour offsets, summer time, west of UTC).
"""

from __future__ import annotations

import pytest

from dashboard import mapview, synthetic
from dashboard.incidents import typed
from dashboard.timefmt import local_label, utc_label
from tests.e2e.conftest import MARKERS_JS

pytestmark = pytest.mark.browser

ZONES = ["Asia/Yerevan", "Asia/Kolkata", "Europe/London", "America/St_Johns", "Australia/Lord_Howe", "UTC"]

TIPS_JS = """() => {
  const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k]).find(v => v instanceof L.Map);
  const out = {};
  map.eachLayer(l => { if (l instanceof L.CircleMarker && !(l instanceof L.Circle) && l.feature) {
    const group = Object.values(l._eventParents)[0];
    const tip = group._tooltip._content(l);
    out[l.feature.properties.incident_id] = {text: tip.textContent, html: tip.innerHTML, n: l.feature.properties.n};
  } });
  return out;
}"""


@pytest.fixture(scope="module")
def sample():
    df = typed(synthetic.generate(1500, seed=5, weeks=40))  # 40 weeks: summer time starts and ends
    df["local_tz"] = [ZONES[i % len(ZONES)] for i in range(len(df))]
    return df


def test_tooltips_say_what_timefmt_says_in_every_zone(browser, sample):
    m = mapview.base_map(inline=True)
    mapview.incident_layer(sample, mapview.claimant_colours(sample["claimed_by"])).add_to(m)
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content(m.get_root().render(), wait_until="load")
    page.wait_for_function("window.basemapReady === true")
    tips = page.evaluate(TIPS_JS)
    drawn = page.evaluate(MARKERS_JS)
    page.close()
    assert errors == []
    assert sorted(m["id"] for m in drawn) == sorted(tips) and all(m["drawn"] for m in drawn)
    mapped = sample[sample["mapped"]]
    assert sum(t["n"] for t in tips.values()) == len(mapped)  # every incident, drawn or stacked under one
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
        assert (f"and {tip['n'] - 1} more here" in tip["text"]) == (tip["n"] > 1)
        assert "<script" not in tip["html"] and "<img" not in tip["html"]
    # the zones really covered half-hour, summer-time and negative offsets
    assert {"UTC+05:30", "UTC+01", "UTC-02:30", "UTC-03:30", "UTC+10:30", "UTC+11"} <= checked_local
