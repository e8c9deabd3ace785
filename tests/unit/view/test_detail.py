"""An incident's panel: where, when (UTC and local), who claims it, the excerpt and its paragraph; untrusted text escaped."""

from __future__ import annotations

import pandas as pd

from dashboard.view.detail import detail_html, no_place_html, selected_html, where_label
from tests.conftest import SEED
from tests.helpers import XSS_IMG, XSS_SCRIPT


def test_where_says_as_written_and_as_resolved():
    assert where_label("Sok", "Sotk") == "Sok → Sotk"
    assert where_label("Goris", "Goris") == "Goris"
    assert where_label("", "") == "(no specific place)"
    assert where_label("", "Goris") == "(no specific place) → Goris"


def test_the_panel_of_the_sok_shelling(df):
    row = df[df["location"] == "Sok"].iloc[0]
    text = SEED.read_text(encoding="utf-8")
    panel = detail_html(row, text)
    assert "<b>Sok → Sotk</b> (AM)" in panel
    assert "Explosions/Remote violence · Shelling/artillery/missile attack" in panel
    assert "12 Sep 2022 20:05 UTC" in panel and "local: 13 Sep 2022 00:05 (UTC+04, Asia/Yerevan)" in panel
    assert "time precision: to the minute" in panel
    assert "claimed by <b>Armenia MoD</b>; actors: Military Forces of Azerbaijan vs Military Forces of Armenia" in panel
    assert "fatalities: not stated" in panel
    assert "kota Goris, <mark>Sok</mark>, dan Jermuk" in panel  # the excerpt, the place name marked
    assert "<p class='context'><small>In context:</small>" in panel  # the article was given: its paragraph
    assert "characters 1154–1380 of ../seeds/000_226cea06c61128df.txt" in panel
    assert "Source: Berita Baru, published 2022-09-13 (id)" in panel
    assert "In context" not in detail_html(row, None)


def test_untrusted_text_is_escaped_everywhere(df):
    row = df[df["location"] == "Sok"].iloc[0].copy()
    for column in ("location", "place", "claimed_by", "actor1", "notes", "source", "excerpt", "incident_id"):
        row[column] = XSS_IMG if column != "excerpt" else f"{XSS_SCRIPT} {XSS_IMG}"
    row["source_url"] = "javascript:alert(1)' onmouseover='x"
    row["fatalities"] = 3
    for html in (detail_html(row, None), selected_html(row, None), no_place_html(pd.DataFrame([row]))):
        assert "<img" not in html and "<script" not in html and "' onmouseover=" not in html
        assert "&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;" in html
    assert "fatalities: 3" in detail_html(row, None)
    assert "data-incident-id='&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;'" in selected_html(row, None)


def test_incidents_with_no_place_are_one_block_of_details(df):
    unplaced = df[~df["mapped"]]
    html = no_place_html(unplaced)
    assert html.count("<details class='no-place'>") == len(unplaced) > 0
    assert (
        "(no specific place) · Agreement · 12 Sep 2022 01:00 – 12 Sep 2022 08:00 UTC · claimed by Azerbaijani media"
        in html
    )
    assert f"Not on the map: {len(unplaced)} with no specific place</h3>" in html and "more, in the table" not in html


def test_the_no_place_block_says_how_many_more_it_does_not_list(df):
    unplaced = df[~df["mapped"]]
    html = no_place_html(unplaced.head(1), total=len(unplaced) + 4)
    assert html.count("<details class='no-place'>") == 1
    assert f"Not on the map: {len(unplaced) + 4} with no specific place</h3>" in html
    assert f"… and {len(unplaced) + 3} more, in the table below and the downloads." in html
