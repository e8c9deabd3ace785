"""Every field is bounded to what the loader, the map and the exports can hold, with the same rules on every
path in (CSV, ingest, corrections, the store), and a row that slipped into the store never crashes loading."""

from __future__ import annotations

import tomllib

import pytest

from dashboard.cli.ingest import ingest_file, ingest_text
from dashboard.errors import InputError
from dashboard.store import csvfile as incidents
from tests.conftest import ROOT, SEED
from tests.helpers import set_cell

OUT_OF_BOUNDS = [
    ("fatalities", "1e30", "row 3, column fatalities: '1e30' is not a whole number"),
    ("fatalities", "2.5", "row 3, column fatalities: '2.5' is not a whole number"),
    ("fatalities", "100001", "row 3, column fatalities: '100001' is not a whole number of 0 to 100000"),
    (
        "start_utc",
        "0001-09-12T00:00Z",
        "row 3, column start_utc: '0001-09-12T00:00Z' is outside 1900-01-01..2100-12-31",
    ),
    ("end_utc", "9999-12-31T00:00Z", "row 3, column end_utc: '9999-12-31T00:00Z' is outside 1900-01-01..2100-12-31"),
    ("published", "9999-12-31", "row 3, column published: '9999-12-31' is outside 1900-01-01..2100-12-31"),
    ("published", "last week", "row 3, column published: 'last week' is not a date"),
    ("latitude", "NaN", "row 3, column latitude: 'NaN' is not a latitude"),
    ("longitude", "inf", "row 3, column longitude: 'inf' is not a longitude"),
    ("geonameid", "12x", "row 3, column geonameid: '12x' is not a GeoNames id"),
    ("excerpt_start", "-5", "row 3, column excerpt_start: '-5' is not a character offset"),
    ("excerpt_end", "1e30", "row 3, column excerpt_end: '1e30' is not a character offset"),
    ("excerpt_end", "99999999", "row 3, column excerpt_end: '99999999' is beyond the end of"),
]


@pytest.mark.parametrize("column, value, expected", OUT_OF_BOUNDS)
def test_the_csv_validator_bounds_every_field(incidents_copy, column, value, expected):
    set_cell(incidents_copy, 3, column, value)
    with pytest.raises(InputError) as err:
        incidents.load(incidents_copy)
    assert f"{incidents_copy}, {expected}" in str(err.value)


@pytest.mark.parametrize(
    "field, value",
    [
        ("fatalities", "1e30"),
        ("fatalities", "-1"),
        ("start_utc", "9999-12-31T00:00Z"),
        ("end_utc", "0001-01-01T00:00Z"),
        ("published", "9999-12-31"),
        ("latitude", "nan"),
        ("longitude", "-inf"),
    ],
)
def test_corrections_are_bounded_as_the_csv_is(store, field, value):
    ingest_file(SEED, store=store)
    iid = store.load().iloc[0]["incident_id"]
    with pytest.raises(InputError, match=f"column {field}: '{value}'"):
        store.correct(iid, {field: value}, who="ra")
    assert store.audit().empty


@pytest.mark.parametrize(
    "published, message",
    [
        ("0001-01-01", "is outside 1900-01-01..2100-12-31"),
        ("9999-12-31", "is outside 1900-01-01..2100-12-31"),
        ("2022-02-30", "is not a date"),
    ],
)
def test_a_bad_published_date_is_refused_naming_the_file(store, tmp_path, published, message):
    article = tmp_path / "bad_published.txt"
    article.write_text(f"---\npublished: {published}\n---\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError, match=f"{article}, published: '{published}' {message}"):
        ingest_file(article, store=store)
    with pytest.raises(InputError, match=f"'{published}' {message}"):
        ingest_text(SEED.read_text(encoding="utf-8"), store=store, published=published)
    assert store.articles().empty


def _smuggle(store, field: str, value: str) -> str:
    """Write a bad value straight into the store, as an older version or a hand edit could have."""
    iid = store.load().iloc[1]["incident_id"]
    with store._write() as db:
        db.execute(f'UPDATE incidents SET "{field}" = ? WHERE incident_id = ?', (value, iid))
    return iid


@pytest.mark.parametrize(
    "field, value",
    [
        ("fatalities", "1e30"),
        ("start_utc", "9999-12-31T00:00Z"),
        ("published", "9999-12-31"),
        ("latitude", "inf"),
        ("excerpt_start", "x"),
    ],
)
def test_a_row_that_slipped_into_the_store_is_set_aside_not_a_crash(store, field, value):
    ingest_file(SEED, store=store)
    before = len(store.load())
    iid = _smuggle(store, field, value)
    df = store.load()
    assert len(df) == before - 1 and iid not in set(df["incident_id"])
    assert [a.split(":")[0] for a in df.attrs["set_aside"]] == [f"incident {iid}"]
    problems = store.problems()
    assert problems and all(iid in p for p in problems) and any(field in p for p in problems)
    # Review still lists it (as text), so an analyst can correct it, and the correction brings it back
    assert iid in set(store.load(typed_columns=False)["incident_id"])


def test_the_map_page_renders_and_lists_a_row_set_aside(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    from dashboard.store.sqlite import Store
    from tests.app.test_app import APP

    db = tmp_path / "incidents.db"
    monkeypatch.delenv("DASHBOARD_INCIDENTS", raising=False)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    store = Store(db)
    ingest_file(SEED, store=store)
    iid = _smuggle(store, "fatalities", "1e30")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert iid in warnings and "fatalities" in warnings


def test_visitors_never_see_tracebacks():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["maxUploadSize"] == 5  # MB, as the 5 MB rule for articles
    assert config["server"]["disconnectedSessionTTL"] <= 30  # a closed tab's memory is freed soon (loadtest)
