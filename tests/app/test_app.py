"""The Streamlit script under AppTest: slider, filters, URL, bad files. (The map's insides: tests/e2e.)"""

from __future__ import annotations

import json
import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.conftest import INCIDENTS, ROOT
from tests.helpers import XSS_IMG, XSS_SCRIPT, rows, set_cell, write_rows

APP = str(ROOT / "dashboard" / "ui" / "app.py")


def run_app(monkeypatch, path=INCIDENTS, params=None) -> AppTest:
    monkeypatch.setenv("DASHBOARD_INCIDENTS", str(path))
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def unescape_md(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def count(at: AppTest) -> int:
    for md in at.markdown:
        # the raw reports view: "**N incidents** in this window"; the events view: "Of these **N reports**: ..."
        # (one Markdown element holds the header's lines, so each line is matched from its start)
        m = re.search(r"^(?:\*\*(\d+) incidents?\*\* in this window|Of these \*\*(\d+) reports?\*\*:)", md.value, re.M)
        if m:
            return int(m.group(1) or m.group(2))
    raise AssertionError("no incident count on the page")


def map_features(at: AppTest) -> list[dict]:
    comp = [c for c in at.get("component_instance") if c.proto.component_name == "streamlit_folium.st_folium"]
    assert len(comp) == 1
    args = json.loads(comp[0].proto.json_args)
    # the incident layer carries its markers' ids as one JSON array (dashboard/view/layer_index.py: incident_data);
    # each place in the seed has one incident, so every marker has its incident's id
    found = re.findall(r'"ids":(\[[^\]]*\])', args["feature_group"])
    return sorted(i for ids in found for i in json.loads(ids)), args["key"]


def test_opens_with_every_incident(monkeypatch):
    at = run_app(monkeypatch)
    df = pd.read_csv(INCIDENTS, dtype=str, keep_default_na=False)
    assert count(at) == len(df)
    ids, _ = map_features(at)
    assert ids == sorted(df.loc[df["latitude"] != "", "incident_id"])


def test_moving_the_slider_changes_the_count_and_the_map_but_not_the_base_map(monkeypatch):
    at = run_app(monkeypatch)
    before, key = count(at), map_features(at)[1]
    lo = pd.Timestamp("2022-09-12T04:00Z").to_pydatetime()
    hi = pd.Timestamp("2022-09-12T06:00Z").to_pydatetime()
    at.slider(key="window").set_value((lo, hi)).run()
    assert not at.exception
    assert count(at) == 2 < before  # the two ceasefire claims of Monday morning
    ids, key_after = map_features(at)
    assert ids == [] and key_after == key  # same iframe: only the incident layer was swapped
    assert at.query_params["start"] == "2022-09-12T04:00Z" and at.query_params["end"] == "2022-09-12T06:00Z"


def test_filters_change_the_count_and_the_url(monkeypatch):
    at = run_app(monkeypatch)
    at.multiselect(key="f_claimant").set_value(["Azerbaijan MoD"]).run()
    assert count(at) == 3
    assert at.query_params["claimant"] == "Azerbaijan MoD"
    at.multiselect(key="f_country").set_value(["AM"]).run()
    assert count(at) == 0
    at.multiselect(key="f_claimant").set_value([]).run()
    assert count(at) == 4  # Goris, Sotk, Jermuk and the Yerevan call
    assert "claimant" not in at.query_params


def test_query_parameters_restore_a_view(monkeypatch):
    at = run_app(
        monkeypatch, params={"start": "2022-09-12T18:00Z", "end": "2022-09-12T21:00Z", "claimant": "Armenia MoD"}
    )
    lo, hi = at.slider(key="window").value
    assert (lo.isoformat(), hi.isoformat()) == ("2022-09-12T18:00:00+00:00", "2022-09-12T21:00:00+00:00")
    assert at.multiselect(key="f_claimant").value == ["Armenia MoD"]
    assert count(at) == 4  # the 20:05 shelling toward three towns, and the call (Tuesday local = from 20:00 UTC)


def test_a_bad_link_is_explained_not_fatal(monkeypatch):
    at = run_app(monkeypatch, params={"start": "not-a-time", "claimant": "Nobody"})
    warnings = unescape_md(" ".join(w.value for w in at.warning))
    assert "'not-a-time' is not an ISO 8601 time" in warnings and "'Nobody' not in this data" in warnings
    assert count(at) == 10


def test_a_bad_file_names_row_and_column(monkeypatch, incidents_copy):
    set_cell(incidents_copy, 4, "start_utc", "2022-13-01")
    at = run_app(monkeypatch, path=incidents_copy)
    assert len(at.error) == 1
    assert "row 4, column start_utc: '2022-13-01' is not an ISO 8601 time" in unescape_md(at.error[0].value)


def test_untrusted_text_reaches_the_page_only_escaped(monkeypatch, incidents_copy):
    data = rows(incidents_copy)
    for r in data:
        r["claimed_by"], r["notes"], r["actor1"] = XSS_IMG, XSS_SCRIPT, XSS_SCRIPT
    write_rows(incidents_copy, data)
    at = run_app(monkeypatch, path=incidents_copy)
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in html and "<script>window" not in html
    for md in at.markdown:
        assert "<img" not in md.value and "<script" not in md.value


def test_an_empty_file_says_so(monkeypatch, incidents_copy):
    incidents_copy.write_text(incidents_copy.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    at = run_app(monkeypatch, path=incidents_copy)
    assert "No incidents yet" in at.info[0].value and not at.error


def test_every_problem_of_a_bad_file_is_its_own_line(monkeypatch, incidents_copy):
    set_cell(incidents_copy, 3, "latitude", "95")
    set_cell(incidents_copy, 5, "claimed_by", "")
    at = run_app(monkeypatch, path=incidents_copy)
    lines = unescape_md(at.error[0].value).split("\n")
    assert lines[0].startswith("Cannot show incidents. 2 problem(s)")
    assert any("row 3, column latitude" in line for line in lines[1:]) and any(
        "row 5, column claimed_by" in line for line in lines[1:]
    )
