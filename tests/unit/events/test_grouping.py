"""events.grouping on hand-made reports: place, time and type rules, drift, stable ids, determinism."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.events.grouping import group
from dashboard.events.vocab import claimant_side, family, outlet_key, outlet_labels, type_class

SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
CLASH = ("Battles", "Armed clash")
PROTEST = ("Protests", "Peaceful protest")
# Real GeoNames places: Uri (1253694) and Baramulla (1277085), 26 km apart; Poonch (1167718).
URI = dict(place="Uri", geonameid="1253694", latitude="34.086", longitude="74.032")
POONCH = dict(place="Pūnch", geonameid="1167718", latitude="33.77033", longitude="74.09254")


def report(iid, start, end, precision="part_of_day", kind=SHELLING, claimant="India military", geo=1, **where):
    where = where or URI
    return dict(
        incident_id=iid,
        start_utc=start,
        end_utc=end,
        time_precision=precision,
        event_type=kind[0],
        sub_event_type=kind[1],
        claimed_by=claimant,
        geo_precision=str(geo),
        location=where.get("place", ""),
        **where,
    )


def events_of(rows) -> list[set[str]]:
    links = group(pd.DataFrame(rows))
    return sorted((set(g) for _, g in links.groupby("event_id")["incident_id"]), key=lambda s: sorted(s))


def test_one_night_one_place_is_one_event_whoever_claims_it():
    rows = [
        report("a", "2025-03-14T12:30Z", "2025-03-14T18:30Z", claimant="India military"),
        report("b", "2025-03-14T18:10Z", "2025-03-14T18:10Z", "minute", CLASH, "Pakistan military"),
        report("c", "2025-03-13T18:30Z", "2025-03-14T18:30Z", "day", claimant="anonymous source"),
    ]
    assert events_of(rows) == [{"a", "b", "c"}]
    links = group(pd.DataFrame(rows)).set_index("incident_id")
    linked = links.loc["a"] if links.loc["a", "anchor_id"] != "a" else links.loc["c"]
    assert linked["place_reason"] == "same place (Uri, geonameid 1253694)"
    assert "times overlap" in linked["time_reason"] and "violence" in linked["type_reason"]


def test_the_next_night_a_protest_and_another_town_are_other_events():
    rows = [
        report("fri", "2025-03-14T12:30Z", "2025-03-14T18:30Z"),
        report("sun", "2025-03-16T12:30Z", "2025-03-16T18:30Z"),
        report("protest", "2025-03-14T12:30Z", "2025-03-14T18:30Z", kind=PROTEST),
        report("poonch", "2025-03-14T12:30Z", "2025-03-14T18:30Z", **POONCH),
    ]
    assert events_of(rows) == [{"fri"}, {"poonch"}, {"protest"}, {"sun"}]


def test_near_a_town_links_within_its_radius_but_a_chain_does_not_drift():
    # Three points 0, 12 and 24 km north of Uri, all "near" (precision 2, 15 km): the middle one is within
    # reach of both ends, the ends are not within reach of each other, so they must not end in one event.
    def near(iid, km):
        lat = 34.086 + km / 111.195
        return report(
            iid, "2025-03-14T12:30Z", "2025-03-14T18:30Z", geo=2, place=iid, latitude=str(lat), longitude="74.032"
        )

    groups = events_of([near("p0", 0), near("p12", 12), near("p24", 24)])
    assert len(groups) == 2
    assert not any({"p0", "p24"} <= g for g in groups)
    # at precision 1 (the place itself) two distinct towns 12 km apart stay apart
    exact = [dict(near("q0", 0), geo_precision="1"), dict(near("q12", 12), geo_precision="1")]
    assert events_of(exact) == [{"q0"}, {"q12"}]


def test_a_week_precision_report_is_not_glued_to_one_night():
    rows = [
        report("night", "2025-03-14T12:30Z", "2025-03-14T18:30Z"),
        report("week", "2025-03-09T18:30Z", "2025-03-16T18:30Z", "week"),
        report("week2", "2025-03-10T18:30Z", "2025-03-17T18:30Z", "week"),
        report("notime", "", "", "unknown"),
    ]
    assert events_of(rows) == [{"night"}, {"notime"}, {"week", "week2"}]


def test_ids_are_stable_when_reports_are_added_and_the_result_is_deterministic():
    rows = [
        report("a", "2025-03-14T12:30Z", "2025-03-14T18:30Z"),
        report("b", "2025-03-16T12:30Z", "2025-03-16T18:30Z"),
    ]
    before = group(pd.DataFrame(rows)).set_index("incident_id")["event_id"]
    more = rows + [report("c", "2025-03-14T17:00Z", "2025-03-14T17:00Z", "minute", CLASH)]
    after = group(pd.DataFrame(more)).set_index("incident_id")["event_id"]
    assert after["a"] == before["a"] and after["b"] == before["b"] and after["c"] == after["a"]
    assert group(pd.DataFrame(more)).equals(group(pd.DataFrame(more)))
    assert group(pd.DataFrame(columns=["incident_id"])).empty


def test_vocabularies():
    assert family("Battles") == "armed clash" and family("Riots") == "protest/riot" and family("?") == "unknown"
    assert type_class(*SHELLING) == type_class(*CLASH) == type_class("Violence against civilians", "Attack")
    assert type_class("Strategic developments", "Agreement") != type_class("Strategic developments", "Arrests")
    assert claimant_side("Armenia MoD") == "Armenia"
    assert claimant_side("Azerbaijani media") == "Azerbaijan"
    assert claimant_side("Ministry of Defence (India)") == "India"
    assert claimant_side("anonymous source") == "unattributed" and claimant_side("") == "unattributed"
    assert claimant_side("KOMPAS.com") == "KOMPAS.com"  # no country: shown apart, under its own name
    assert len({outlet_key(n) for n in ("ANTARA News", "Antara", "antaranews.com", "www.antaranews.com")}) == 1
    assert outlet_key("Synthetic Armenian wire (English)") == outlet_key("Synthetic Armenian wire")
    assert outlet_key("Meridian Press Agency") != outlet_key("Valley Chronicle")
    assert outlet_labels(["Antara", "ANTARA News", "Antara"]) == {"antara": "Antara"}


def test_on_synthetic_reports_every_member_is_within_reach_of_its_anchor():
    """The drift guard on 5,000 synthetic reports (real GeoNames places, every precision): no member is further
    from its anchor than the pair's radius, or outside the anchor's widened time window, or of another class."""
    from dashboard.events.grouping import RADIUS_KM, TOLERANCE_MIN
    from dashboard.testing.synthetic import generate

    df = generate(5_000, seed=3)
    links = group(df).set_index("incident_id")
    rows = df.set_index("incident_id")
    linked = links[links.index != links["anchor_id"]]
    assert len(linked) > 1_000  # the check below is about many links, not a handful
    a, r = rows.loc[linked["anchor_id"]].reset_index(), rows.loc[linked.index].reset_index()
    same_place = (a["geonameid"] == r["geonameid"]) & (a["geonameid"] != "")
    lat_a, lat_r = a["latitude"].replace("", "nan").astype(float), r["latitude"].replace("", "nan").astype(float)
    lon_a, lon_r = a["longitude"].replace("", "nan").astype(float), r["longitude"].replace("", "nan").astype(float)
    km = 111.195 * np.hypot(lat_r - lat_a, (lon_r - lon_a) * np.cos(np.radians((lat_a + lat_r) / 2)))
    precision = np.maximum(
        a["geo_precision"].replace("", "9").astype(int), r["geo_precision"].replace("", "9").astype(int)
    )
    radius = precision.map(RADIUS_KM).fillna(0)
    no_place = a["latitude"].eq("") & r["latitude"].eq("") & a["location"].str.lower().eq(r["location"].str.lower())
    assert (same_place | (km <= radius + 1e-6) | no_place).all()

    def window(side):
        tol = pd.to_timedelta(side["time_precision"].map(TOLERANCE_MIN), unit="min")
        start = pd.to_datetime(side["start_utc"], utc=True, format="ISO8601")
        end = pd.to_datetime(
            side["end_utc"].where(side["end_utc"] != "", side["start_utc"]), utc=True, format="ISO8601"
        )
        return start - tol, end + tol

    (a_lo, a_hi), (r_lo, r_hi) = window(a), window(r)
    assert ((a_lo <= r_hi) & (r_lo <= a_hi)).all()
    classes = [type_class(t, s) for t, s in zip(a["event_type"], a["sub_event_type"])]
    assert classes == [type_class(t, s) for t, s in zip(r["event_type"], r["sub_event_type"])]


def test_a_place_written_but_not_resolved_does_not_borrow_its_articles_town():
    # "Clashes along the border" (unresolved) and "The shelling began at 23:40" (no place at all), both after a
    # report of Uri in the same article: only the sentence with no place of its own continues Uri's story.
    unplaced = dict(place="", geonameid="", latitude="", longitude="")
    rows = [
        dict(report("uri", "2025-03-14T12:30Z", "2025-03-14T18:30Z"), article_id="art1"),
        dict(
            report("border", "2025-03-14T12:30Z", "2025-03-14T18:30Z", kind=CLASH, **unplaced),
            location="along the border",
            article_id="art1",
        ),
        dict(report("began", "2025-03-14T18:10Z", "2025-03-14T18:10Z", "minute", **unplaced), article_id="art1"),
    ]
    assert events_of(rows) == [{"began", "uri"}, {"border"}]


def test_a_sentence_with_no_place_continues_the_place_named_just_before_it():
    # One wire article: Poonch first ("Pakistan says India shelled Poonch overnight"), then Uri, then "The
    # shelling began at 23:40" with no place. Both nights overlap the sentence's time, so only the text can
    # tell: it continues Uri's sentence, the one just before it, not the article's first place. A second
    # article, written the other way round, attaches its sentence to Poonch: the order in the text decides.
    unplaced = dict(place="", geonameid="", latitude="", longitude="")

    def article(art, first, second):
        return [
            dict(report(f"{art}-1", "2025-03-14T12:30Z", "2025-03-15T00:30Z", **first), article_id=art),
            dict(report(f"{art}-2", "2025-03-14T12:30Z", "2025-03-15T00:30Z", **second), article_id=art),
            dict(
                report(f"{art}-began", "2025-03-14T18:10Z", "2025-03-14T18:10Z", "minute", **unplaced), article_id=art
            ),
        ]

    links = group(pd.DataFrame(article("a", POONCH, URI) + article("b", URI, POONCH))).set_index("incident_id")
    event = links["event_id"]
    assert event["a-began"] == event["a-2"] == event["b-1"] != event["a-1"]  # Uri's event
    assert event["b-began"] == event["b-2"] == event["a-1"]  # Poonch's
    assert links.loc["a-began", "place_reason"] == "no place of its own: its article's report of Uri"
