"""events.independence: attribution cues, near-copies, translations, and what stays independent."""

from __future__ import annotations

import pandas as pd

from dashboard.events.grouping import group
from dashboard.events.independence import cited_names, independence, skeleton

BASE = dict(
    start_utc="2025-03-14T12:30Z",
    end_utc="2025-03-14T18:30Z",
    time_precision="part_of_day",
    event_type="Explosions/Remote violence",
    sub_event_type="Shelling/artillery/missile attack",
    place="Uri",
    location="Uri",
    geonameid="1253694",
    latitude="34.086",
    longitude="74.032",
    geo_precision="1",
    source_url="",
)
WIRE = "Pakistani troops shelled posts near Uri from 23:40 to 02:15 on Friday, wounding two civilians, the army said."


def run(rows, texts=None):
    df = pd.DataFrame([dict(BASE, **r) for r in rows])
    return independence(df, group(df), texts).set_index("incident_id")


def test_a_near_copy_and_a_translation_relay_the_wire_an_own_report_does_not():
    out = run(
        [
            dict(
                incident_id="w",
                source="Meridian Press Agency",
                article_id="A",
                published="2025-03-15",
                language="en",
                excerpt=WIRE,
                claimed_by="India military",
            ),
            dict(
                incident_id="copy",
                source="Valley Chronicle",
                article_id="B",
                published="2025-03-15",
                language="en",
                excerpt=WIRE.replace("Friday", "Friday night"),
                claimed_by="India military",
            ),
            dict(
                incident_id="id",
                source="Kabar Dunia",
                article_id="C",
                published="2025-03-16",
                language="id",
                excerpt="Pasukan Pakistan menembaki pos di dekat Uri pukul 23.40 hingga 02.15 pada Jumat, melukai dua warga "
                "sipil, kata militer India.",
                claimed_by="India military",
            ),
            dict(
                incident_id="own",
                source="Baramulla Times",
                article_id="D",
                published="2025-03-16",
                language="en",
                excerpt="Shells fell on houses in Uri on Friday night, residents said.",
                claimed_by="residents",
            ),
        ]
    )
    assert out.loc["copy", "relay_of"] == "w" and "near-copy" in out.loc["copy", "relay_reason"]
    assert out.loc["id", "relay_of"] == "w" and "translation" in out.loc["id", "relay_reason"]
    assert out.loc["own", "relay_of"] == "" and out.loc["own", "origin_key"] == out.loc["own", "outlet_key"]
    assert set(out["origin_key"]) == {out.loc["w", "outlet_key"], out.loc["own", "outlet_key"]}


def test_an_article_that_names_its_source_relays_it():
    text = "Baku tembak pecah di dekat Uri. Berita ini disadur dari Meridian Press Agency."
    out = run(
        [
            dict(
                incident_id="w",
                source="Meridian Press Agency",
                article_id="A",
                published="2025-03-16",
                language="en",
                excerpt="An exchange of fire broke out near Uri.",
                claimed_by="India military",
            ),
            dict(
                incident_id="r",
                source="SuaraNusantara.com",
                article_id="B",
                published="2025-03-15",
                language="id",
                excerpt="Baku tembak pecah di dekat Uri.",
                claimed_by="India military",
            ),
        ],
        texts={"B": text},
    )
    # published before the wire's stored copy, and still its relay: the article says so
    assert out.loc["r", "relay_of"] == "w" and "disadur dari Meridian Press Agency" in out.loc["r", "relay_reason"]


def test_cues():
    known = {"meridian press", "caspian wire"}
    assert [k for k, _ in cited_names("Artikel ini dikutip dari KOMPAS.com.", set())] == ["kompas"]
    assert [k for k, _ in cited_names("… the army said, citing Caspian Wire.", known)] == ["caspian wire"]
    assert [k for k, _ in cited_names("Caspian Wire reported on Monday.", known)] == ["caspian wire"]
    # a weak cue naming no outlet we hold (a ministry, a spokesman) is not a source of text
    assert cited_names("… citing the Defence Ministry.", known) == []
    assert cited_names("According to Meridian Press Agency, …", set()) == []
    assert skeleton("pukul 23.40 Rabu (12/6/2024), dua warga", {"Uri"}, {"India"}) == {
        "t2340",
        "n2",
        "p:Uri",
        "s:India",
    }
