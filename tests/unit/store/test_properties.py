"""Property tests (Hypothesis): any input to the time parser, the CSV reader and validator, and the CSV/GeoJSON
exports gives a clean DashboardError or a valid result, never another exception."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.errors import DashboardError
from dashboard.export.tables import to_csv, to_geojson
from dashboard.ingest import timeparse
from dashboard.ingest.articles import parse_date
from dashboard.models import COLUMNS, EVENT_TYPES, TIME_PRECISIONS
from dashboard.store import csvfile

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# validate() costs ~0.15 s a call on a tiny frame (pandas per-column work), so the table properties run fewer.
TABLES = settings(FAST, max_examples=50)

# Text with the characters the parsers key on: digits, separators, month and weekday words, zones.
WORDS = st.sampled_from(
    [
        "Selasa",
        "Tuesday",
        "13/9",
        "12 September",
        "Sept 13",
        "pukul",
        "00:05",
        "20:05 GMT",
        "malam",
        "kemarin",
        "yesterday",
        "2022",
        "9999",
        "0001",
        "13",
        "99:99",
        "-",
        ",",
        "(",
        ")",
        "WIB",
        "UTC",
        "night",
        "31",
        "Februari",
        "30",
    ]
)
PHRASES = st.one_of(st.text(max_size=80), st.lists(WORDS, max_size=12).map(" ".join))


@FAST
@given(
    sentences=st.lists(PHRASES, max_size=4),
    published=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
    tz=st.sampled_from(["Asia/Yerevan", "Asia/Baku", "Asia/Jakarta", "UTC", "Mars/Olympus", ""]),
)
def test_the_time_parser_never_crashes(sentences, published, tz):
    try:
        clock = timeparse.Clock.for_article(sentences, published=published, today=date(2026, 1, 15))
        for text in sentences:
            interval = clock.resolve(timeparse.scan(text), tz)
            if interval is not None:  # a year outside 1900..2100 ("1 September 0100") is refused by the store
                assert interval.start <= interval.end
    except DashboardError:
        pass


@FAST
@given(value=st.one_of(st.text(max_size=30), WORDS, st.from_regex(r"\d{1,5}-\d{1,2}-\d{1,2}", fullmatch=True)))
def test_a_published_date_is_a_bounded_date_or_an_input_error(value):
    try:
        day = parse_date(value, "published")
    except DashboardError:
        return
    assert day is None or date(1900, 1, 1) <= day <= date(2100, 12, 31)


CELL = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "1e30", "NaN", "inf", "-inf", "-1", "0", "95", "2022-09-12T20:05Z", "9999-12-31T00:00Z"]),
)


@TABLES
@given(rows=st.lists(st.fixed_dictionaries({c: CELL for c in COLUMNS}), min_size=1, max_size=4))
def test_the_validator_returns_problems_never_raises(rows, tmp_path):
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    problems = csvfile.validate(df, tmp_path, article_dirs=[tmp_path])
    assert all(isinstance(p, csvfile.Problem) and str(p) for p in problems)
    if not problems:  # a table the validator accepts loads without error
        typed = csvfile.typed(df)
        assert len(typed) == len(df)


def test_a_zone_name_that_is_a_tzdata_folder_is_a_problem_not_a_crash(tmp_path):
    """ "Indian" (a folder of tzdata, Indian/Maldives…) made ZoneInfo raise IsADirectoryError (Hypothesis found it)."""
    row = dict.fromkeys(COLUMNS, "")
    row["local_tz"] = "Indian"
    problems = csvfile.validate(pd.DataFrame([row], columns=list(COLUMNS)), tmp_path, article_dirs=[tmp_path])
    assert any("local_tz" in str(p) for p in problems)
    with pytest.raises(DashboardError, match="Indian"):
        timeparse.zone("Indian")


@FAST
@given(data=st.binary(max_size=400))
def test_reading_any_bytes_as_a_csv_is_a_frame_or_an_input_error(data, tmp_path):
    path = tmp_path / "any.csv"
    path.write_bytes(data)
    try:
        df = csvfile.read_csv(path)
    except DashboardError:
        return
    csvfile.validate(df, tmp_path, article_dirs=[tmp_path])


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=25)
SUB = [(e, s) for e, subs in EVENT_TYPES.items() for s in subs]


@st.composite
def valid_rows(draw, n: int):
    rows = []
    for i in range(n):
        event, sub = draw(st.sampled_from(SUB))
        start = draw(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30)))
        located = draw(st.booleans())
        row = {c: "" for c in COLUMNS}
        row.update(
            incident_id=f"id{i}",
            start_utc=start.strftime("%Y-%m-%dT%H:%MZ"),
            end_utc=start.strftime("%Y-%m-%dT%H:%MZ"),
            time_precision=draw(st.sampled_from(TIME_PRECISIONS[:-1])),
            local_tz="Asia/Yerevan",
            event_type=event,
            sub_event_type=sub,
            claimed_by=draw(TEXT.filter(str.strip)),
            source=draw(TEXT.filter(str.strip)),
            excerpt=draw(TEXT.filter(str.strip)),
            notes=draw(TEXT),
            actor1=draw(TEXT),
            location=draw(TEXT),
            fatalities=str(draw(st.integers(0, 100_000))) if draw(st.booleans()) else "",
            published=draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))).isoformat(),
        )
        if located:
            row.update(
                latitude=repr(draw(st.floats(-90, 90, allow_nan=False).map(lambda x: round(x, 5)))),
                longitude=repr(draw(st.floats(-180, 180, allow_nan=False).map(lambda x: round(x, 5)))),
                geo_precision=str(draw(st.sampled_from([1, 2, 3]))),
                country_code="AM",
                geonameid=str(draw(st.integers(1, 10**9))),
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


@TABLES
@given(df=st.integers(1, 4).flatmap(valid_rows))
def test_csv_and_geojson_round_trip(df, tmp_path):
    assert csvfile.validate(df, tmp_path, article_dirs=[tmp_path]) == []
    typed = csvfile.typed(df)
    path = tmp_path / "export.csv"
    path.write_bytes(to_csv(typed))
    back = csvfile.read_csv(path)
    assert csvfile.validate(back, tmp_path, article_dirs=[tmp_path]) == []
    for column in ("incident_id", "claimed_by", "source", "excerpt", "notes", "actor1", "location", "fatalities"):
        assert back[column].tolist() == df[column].tolist(), column
    assert np_close(back["latitude"], df["latitude"]) and np_close(back["longitude"], df["longitude"])
    features = json.load(io.BytesIO(to_geojson(typed)))["features"]
    assert [f["id"] for f in features] == df["incident_id"].tolist()
    for f, (_, row) in zip(features, df.iterrows()):
        if row["latitude"]:
            assert f["geometry"]["coordinates"] == [float(row["longitude"]), float(row["latitude"])]
        else:
            assert f["geometry"] is None


def np_close(a: pd.Series, b: pd.Series) -> bool:
    x, y = pd.to_numeric(a.replace("", None)), pd.to_numeric(b.replace("", None))
    return bool(((x - y).abs().fillna(0) < 1e-9).all() and (x.isna() == y.isna()).all())
