"""events.incremental against a full regrouping: on random report sets (Hypothesis), adding, removing and
changing reports and regrouping only what they reach gives exactly the links ``grouping.group`` gives."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.events.grouping import assign, features, group, link_rows
from dashboard.events.incremental import regroup

# Places close enough to chain (Uri and a point 1.5 km and 12 km from it), one 40 km off, one far away,
# and places with no coordinates (named only, or with a GeoNames id but no point).
PLACES = [
    dict(place="Uri", geonameid="1253694", latitude="34.086", longitude="74.032", geo_precision="1"),
    dict(place="Uri", geonameid="", latitude="34.0995", longitude="74.032", geo_precision="1"),
    dict(place="Near Uri", geonameid="", latitude="34.19", longitude="74.06", geo_precision="2"),
    dict(place="Baramulla", geonameid="1277085", latitude="34.198", longitude="74.364", geo_precision="3"),
    dict(place="Pūnch", geonameid="1167718", latitude="33.77033", longitude="74.09254", geo_precision="1"),
    dict(place="", geonameid="", latitude="", longitude="", geo_precision=""),
]
LOCATIONS = ["Uri", "along the border", ""]
TIMES = [f"2024-05-0{d}T{h:02d}:30:00Z" for d in (1, 2, 3) for h in (1, 11, 22)] + [""]
PRECISIONS = ["minute", "hour", "part_of_day", "day", "week", "month", "unknown"]
COLUMNS = [
    "incident_id",
    "start_utc",
    "end_utc",
    "time_precision",
    "event_type",
    "sub_event_type",
    "location",
    "background",
    "article_id",
    "place",
    "geonameid",
    "latitude",
    "longitude",
    "geo_precision",
]
TYPES = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Strategic developments", "Agreement"),
]


@st.composite
def reports(draw, prefix: str, min_size: int = 0, max_size: int = 14) -> list[dict]:
    rows = []
    for k in range(draw(st.integers(min_size, max_size))):
        place = draw(st.sampled_from(PLACES))
        start = draw(st.sampled_from(TIMES))
        kind = draw(st.sampled_from(TYPES))
        rows.append(
            dict(
                incident_id=f"{prefix}{k}",
                start_utc=start,
                end_utc=draw(st.sampled_from(["", start, "2024-05-02T23:00:00Z"])) if start else "",
                time_precision=draw(st.sampled_from(PRECISIONS)),
                event_type=kind[0],
                sub_event_type=kind[1],
                location=draw(st.sampled_from(LOCATIONS)) if not place["place"] else place["place"],
                background=draw(st.booleans()),
                article_id=draw(st.sampled_from(["art1", "art2", "art3", ""])),
                **place,
            )
        )
    return rows


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def _links(rows: list[dict]) -> pd.DataFrame:
    return group(_frame(rows))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    old=reports("o", max_size=16),
    added=reports("n", max_size=8),
    data=st.data(),
)
def test_regrouping_what_a_change_reaches_equals_grouping_everything(old, added, data):
    removed = set(data.draw(st.sets(st.sampled_from([r["incident_id"] for r in old])) if old else st.just(set())))
    kept = [r for r in old if r["incident_id"] not in removed]
    changed = {}
    if kept:
        for iid in data.draw(st.sets(st.sampled_from([r["incident_id"] for r in kept]), max_size=3)):
            new = data.draw(reports("x", min_size=1, max_size=1))[0]
            changed[iid] = {**new, "incident_id": iid}
    now = [changed.get(r["incident_id"], r) for r in kept]
    # New reports come last in store order, or (a CSV adding rows to a stored article) in between.
    at = data.draw(st.integers(0, len(now)))
    now = now[:at] + added + now[at:]

    before = _links(old)
    previous = dict(zip(before["incident_id"], before["anchor_id"]))
    inherited = set(before.loc[before["place_reason"].str.startswith("no place of its own"), "incident_id"])
    gone_rows = [r for r in old if r["incident_id"] in removed or r["incident_id"] in changed]
    gone = features(_frame(gone_rows))
    fresh = {r["incident_id"] for r in added} | set(changed)
    f = features(_frame(now))
    again = regroup(f, previous, inherited, gone, fresh)
    expected = _links(now).set_index("incident_id").astype(object)
    result = before.set_index("incident_id").astype(object).reindex(expected.index)
    assert not again["incident_id"].duplicated().any()
    result.loc[again["incident_id"]] = again.set_index("incident_id").astype(object)
    pd.testing.assert_frame_equal(result, expected)


def test_an_added_report_touches_only_its_own_neighbourhood():
    rows = [
        dict(PLACES[0], incident_id="a", start_utc="2024-05-01T22:30:00Z", time_precision="hour"),
        dict(PLACES[4], incident_id="b", start_utc="2024-05-01T22:30:00Z", time_precision="hour"),
    ]
    for r in rows:
        r.update(end_utc="", event_type=TYPES[0][0], sub_event_type=TYPES[0][1], location=r["place"])
    before = _links(rows)
    new = dict(rows[0], incident_id="c", start_utc="2024-05-01T23:00:00Z")
    f = features(pd.DataFrame([*rows, new]))
    again = regroup(f, dict(zip(before["incident_id"], before["anchor_id"])), set(), features(_frame([])), {"c"})
    assert set(again["incident_id"]) == {"a", "c"}  # Pūnch's report is not looked at again
    assert again.set_index("incident_id").loc["c", "anchor_id"] == "a"
    assert link_rows(f, *assign(f), range(3)).equals(_links([*rows, new]))
