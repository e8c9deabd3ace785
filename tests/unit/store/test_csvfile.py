"""The incidents CSV: the seed's hand-coded incidents, and the validator's messages on bad input."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from dashboard.errors import InputError
from dashboard.models import COLUMNS, OPTIONAL_COLUMNS
from dashboard.store import csvfile as incidents
from tests.conftest import INCIDENTS
from tests.helpers import rows, set_cell, write_rows


@pytest.fixture(scope="module")
def seed():
    return incidents.load(INCIDENTS)


def by_location(df, name):
    return df[df["location"] == name].iloc[0]


def test_seed_file_is_valid_and_byte_identical_to_shared(seed_text):
    from tests.conftest import ROOT

    shared = ROOT.parent / "shared" / "seeds" / "000_226cea06c61128df.txt"
    if shared.exists():
        assert shared.read_bytes() == (ROOT / "seeds" / shared.name).read_bytes()
    assert list(incidents.read_csv(INCIDENTS).columns) == [c for c in COLUMNS if c not in OPTIONAL_COLUMNS]


def test_every_excerpt_is_the_article_text_at_its_offsets(seed, seed_text):
    for row in seed.itertuples():
        assert seed_text[int(row.excerpt_start) : int(row.excerpt_end)] == row.excerpt


def test_one_row_per_incident_and_place(seed):
    assert seed["incident_id"].is_unique
    mapped = set(seed.loc[seed["mapped"], "location"])
    assert mapped == {"Goris", "Sok", "Jermuk", "Dashkesan", "Kelbajar", "Lachin", "Yerevan"}
    # one sentence, three towns: one event group
    assert seed.loc[seed["location"].isin(["Goris", "Sok", "Jermuk"]), "event_group"].nunique() == 1
    assert seed.loc[seed["location"].isin(["Dashkesan", "Kelbajar", "Lachin"]), "event_group"].nunique() == 1


def test_claims_stay_apart(seed):
    for town in ("Goris", "Sok", "Jermuk"):
        assert by_location(seed, town)["claimed_by"] == "Armenia MoD"
        assert by_location(seed, town)["actor1"] == "Military Forces of Azerbaijan"
    for district in ("Dashkesan", "Kelbajar", "Lachin"):
        assert by_location(seed, district)["claimed_by"] == "Azerbaijan MoD"
        assert by_location(seed, district)["actor1"] == "Military Forces of Armenia"
    ceasefire = seed[seed["sub_event_type"] == "Agreement"]
    assert {"Azerbaijani media", "anonymous source", "Armenia MoD"} <= set(ceasefire["claimed_by"])
    assert by_location(seed, "Yerevan")["claimed_by"] == "Armenia MoD"


def test_times_are_honest(seed):
    goris = by_location(seed, "Goris")
    # "pukul 00:05 (20:05 GMT) pada hari Selasa": one instant, to the minute
    assert goris["start"] == goris["end"] == pd.Timestamp("2022-09-12T20:05Z")
    assert goris["time_precision"] == "minute"
    local = goris["start"].tz_convert(ZoneInfo(goris["local_tz"]))
    assert (local.day, local.hour, local.minute) == (13, 0, 5)  # 00:05 on Tuesday, local
    # "pukul 9 pagi waktu setempat (0500 GMT)"
    nine = seed[seed["excerpt"].str.contains("0500 GMT", regex=False)].iloc[0]
    assert nine["start"] == nine["end"] == pd.Timestamp("2022-09-12T05:00Z")
    # "Senin (12/9) malam": an interval covering Monday night in local time, not midnight
    night = seed[seed["excerpt"].str.contains("Senin (12/9) malam", regex=False)].iloc[0]
    assert night["time_precision"] == "part_of_day"
    zone = ZoneInfo(night["local_tz"])
    start, end = night["start"].tz_convert(zone), night["end"].tz_convert(zone)
    assert start.weekday() == 0 and start.hour >= 17  # Monday evening
    assert end - start >= timedelta(hours=6)
    # Tuesday (13/9), a whole local day
    call = by_location(seed, "Yerevan")
    assert call["time_precision"] == "day" and call["end"] - call["start"] == timedelta(days=1)
    assert call["start"].tz_convert(ZoneInfo(call["local_tz"])).strftime("%a %d %H:%M") == "Tue 13 00:00"


def test_precision_of_places(seed):
    for town in ("Goris", "Sok", "Jermuk"):  # "ke arah kota": toward the town
        assert by_location(seed, town)["geo_precision"] == 2
    for district in ("Dashkesan", "Kelbajar", "Lachin"):  # a district coded to its main town
        assert by_location(seed, district)["geo_precision"] == 2
    border = seed[~seed["mapped"]]
    assert len(border) >= 1 and border["latitude"].isna().all()  # kept, not dropped
    assert by_location(seed, "Sok")["place"] == "Sotk"


def test_coordinates_come_from_the_geocoder(seed):
    from dashboard.geocoding import get_resolver

    mapped = seed[seed["mapped"]]
    names = list(dict.fromkeys(mapped["location"]))
    resolved = dict(zip(names, get_resolver().resolve_all(names, context=("AM", "AZ"))))
    for row in mapped.itertuples():
        place = resolved[row.location].place
        assert int(row.geonameid) == place.geonameid
        assert (row.latitude, row.longitude) == pytest.approx((place.latitude, place.longitude), abs=1e-5)
        assert row.local_tz == place.timezone and row.country_code == place.country_code


def test_fatalities_only_where_a_number_is_stated(seed):
    assert seed["fatalities"].isna().all()  # "tanpa memberikan angka": no figure anywhere in the seed


# --- the validator ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "column, value, expected",
    [
        ("start_utc", "2022-13-01", "row 3, column start_utc: '2022-13-01' is not an ISO 8601 time"),
        ("end_utc", "2022-09-11T00:00Z", "row 3, column end_utc: '2022-09-11T00:00Z' is before start_utc"),
        ("time_precision", "soonish", "row 3, column time_precision: 'soonish' is not one of minute"),
        ("local_tz", "Mars/Olympus", "row 3, column local_tz: 'Mars/Olympus' is not an IANA time zone"),
        ("latitude", "95", "row 3, column latitude: '95' is not a latitude"),
        ("longitude", "east", "row 3, column longitude: 'east' is not a longitude"),
        ("geo_precision", "7", "row 3, column geo_precision: '7' is not an ACLED geo_precision"),
        ("event_type", "Skirmish", "row 3, column event_type: 'Skirmish' is not an ACLED event type"),
        ("sub_event_type", "Armed clash", "row 3, column sub_event_type: 'Armed clash' is not a sub-event type"),
        ("fatalities", "-2", "row 3, column fatalities: '-2' is not a whole number"),
        ("claimed_by", "", "row 3, column claimed_by: is empty"),
        ("excerpt", "Something the article never said.", "row 3, column excerpt: is not the article's text"),
        ("incident_id", "", "row 3, column incident_id: is empty"),
        ("start_utc", "2022-09-13T00:05", "row 3, column start_utc: '2022-09-13T00:05' has no UTC offset"),
        (
            "source_path",
            "/etc/passwd",
            "row 3, column source_path: '/etc/passwd': an article must be a .txt file inside",
        ),
    ],
)
def test_validator_names_file_row_and_column(incidents_copy, column, value, expected):
    set_cell(incidents_copy, 3, column, value)
    with pytest.raises(InputError) as err:
        incidents.load(incidents_copy)
    assert f"{incidents_copy}, {expected}" in str(err.value)


def test_validator_reports_duplicate_ids_and_missing_columns(incidents_copy):
    data = rows(incidents_copy)
    data[3]["incident_id"] = data[2]["incident_id"]
    write_rows(incidents_copy, data)
    with pytest.raises(InputError, match=r"row 5, column incident_id: '\w+' repeats"):
        incidents.load(incidents_copy)
    write_rows(incidents_copy, [{k: v for k, v in r.items() if k != "local_tz"} for r in data])
    with pytest.raises(InputError, match="row 1, column local_tz: missing from the header"):
        incidents.load(incidents_copy)


def test_unreadable_files_get_clear_messages(tmp_path):
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(InputError, match="not UTF-8"):
        incidents.load(binary)
    with pytest.raises(InputError, match="no such file"):
        incidents.load(tmp_path / "missing.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InputError, match="not a readable CSV"):
        incidents.load(empty)
