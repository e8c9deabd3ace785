"""The seed, ingested with no front matter and no year in its text, reproduces data/incidents.csv."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from dashboard.ingest.articles import load_article
from dashboard.ingest.extract import extract
from dashboard.store.csvfile import validate
from tests.conftest import INCIDENTS, ROOT, SEED, TODAY
from tests.helpers import rows

# How far a machine-coded bound may sit from the hand-coded one, by the hand-coded row's precision.
TOLERANCE = {
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "part_of_day": timedelta(hours=3),
    "day": timedelta(days=1),
    "week": timedelta(days=7),
    "month": timedelta(days=31),
}


@pytest.fixture(scope="module")
def result(resolver):
    return extract(load_article(SEED), resolver=resolver, source_path="../seeds/" + SEED.name, today=TODAY, root=ROOT)


@pytest.fixture(scope="module")
def coded() -> list[dict]:
    return rows(INCIDENTS)


def test_year_is_inferred_and_explained(result):
    assert result.year_how.startswith("2022, inferred: Monday 12/9 falls on a Monday in 2022")


def test_same_incident_places_claimants_and_types(result, coded):
    def key(r):
        return (
            r["location"],
            r["place"],
            r["geonameid"],
            r["claimed_by"],
            r["event_type"],
            r["sub_event_type"],
            r["geo_precision"],
            r["excerpt_start"],
        )

    got = sorted(key(i.row) for i in result.incidents if not i.background)
    assert got == sorted(key(r) for r in coded)


def test_same_ids_groups_actors_and_local_zones(result, coded):
    ours = {i.row["incident_id"]: i.row for i in result.incidents}
    for row in coded:
        mine = ours[row["incident_id"]]
        for column in (
            "event_group",
            "actor1",
            "actor2",
            "local_tz",
            "country_code",
            "admin1",
            "fatalities",
            "latitude",
            "longitude",
            "excerpt",
            "excerpt_end",
            "source",
            "language",
        ):
            assert mine[column] == row[column], (row["location"], column)


def test_utc_windows_within_the_stated_precision(result, coded):
    ours = {i.row["incident_id"]: i.row for i in result.incidents}
    for row in coded:
        mine = ours[row["incident_id"]]
        tolerance = TOLERANCE[row["time_precision"]]
        for column in ("start_utc", "end_utc"):
            delta = abs(pd.Timestamp(mine[column]) - pd.Timestamp(row[column]))
            assert delta <= tolerance, (row["location"] or row["excerpt"][:40], column, mine[column], row[column])
        assert mine["time_precision"] == row["time_precision"]


def test_background_war_is_kept_but_marked(result):
    background = [i for i in result.incidents if i.background]
    assert [i.row["location"] for i in background] == ["Nagorno-Karabakh"]
    assert background[0].row["notes"].startswith("Background: 2020")


def test_rows_pass_the_csv_validator(result):
    df = pd.DataFrame(result.rows(), dtype=str)
    assert validate(df, INCIDENTS.parent) == []


def test_kapan_the_word_is_not_kapan_the_town(resolver):
    from dashboard.ingest.articles import parse_article

    text = (
        "Bentrok di Perbatasan\nBerita Baru, Yerevan – Belum jelas kapan penembakan di dekat kota Goris "
        "dimulai, kata kementerian pertahanan Armenia pada Selasa (13/9)."
    )
    result = extract(parse_article(text), resolver=resolver, today=TODAY)
    assert [i.row["location"] for i in result.incidents] == ["Goris"]
