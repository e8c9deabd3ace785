"""The read path: a store holding our reports and imported ACLED/UCDP events gives the app one frame of both."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.store import source
from dashboard.store.sqlite import Store
from tests.conftest import INCIDENTS, ROOT

ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled_current_caucasus.csv"
UCDP = ROOT / "tests" / "fixtures" / "acled" / "ucdp_ged.csv"


@pytest.fixture()
def store_path(tmp_path):
    path = tmp_path / "incidents.db"
    store = Store(path)
    store.import_csv(INCIDENTS)
    store.import_events(ACLED, accessed="2026-11-30")
    return path


def test_load_gives_our_reports_and_the_imported_events_with_their_origin(store_path):
    df = source.Source("store", store_path).load()
    ours = pd.read_csv(INCIDENTS, dtype=str, keep_default_na=False)
    assert df["origin"].value_counts().to_dict() == {"csv": len(ours), "acled": 3}
    assert df["incident_id"].is_unique and df.index.equals(pd.RangeIndex(len(df)))
    acled = df[df["origin"] == "acled"].set_index("incident_id")
    assert sorted(acled.index) == ["acled:ARM91001", "acled:ARM91002", "acled:ARM91003"]
    jermuk = acled.loc["acled:ARM91002"]
    # typed like our rows: a day (time_precision 1) from midnight UTC, coordinates, precision and fatalities as written
    assert (jermuk["start"], jermuk["end"]) == (pd.Timestamp("2022-09-12T00:00Z"), pd.Timestamp("2022-09-13T00:00Z"))
    assert jermuk["time_precision"] == "day" and bool(jermuk["mapped"])
    assert (jermuk["latitude"], jermuk["longitude"], jermuk["geo_precision"]) == (39.83948, 45.67112, 2)
    assert jermuk["fatalities"] == 2 and jermuk["claimed_by"] == "ACLED" and jermuk["place"] == "Jermuk"
    assert jermuk["accessed"] == "2026-11-30" and jermuk["excerpt"] == "" and not jermuk["background"]
    assert set(df.loc[df["origin"] == "csv", "accessed"]) == {""}
    assert len(df.columns) == len(set(df.columns))


def test_the_data_version_changes_with_an_import_and_not_with_the_same_file_again(store_path):
    src = source.Source("store", store_path)
    before = src.version()
    Store(store_path).import_events(ACLED, accessed="2026-11-30")  # the same file: nothing added
    assert source.Source("store", store_path).version() == before
    Store(store_path).import_events(UCDP, accessed="2026-12-01")
    after = source.Source("store", store_path).version()
    assert after != before
    df = source.Source("store", store_path).load()
    assert {"acled", "ucdp", "csv"} == set(df["origin"])
    assert set(df.loc[df["origin"] == "ucdp", "accessed"]) == {"2026-12-01"}


def test_a_store_without_imported_events_loads_as_before_with_origin(tmp_path):
    path = tmp_path / "incidents.db"
    Store(path).import_csv(INCIDENTS)
    df = source.Source("store", path).load()
    assert set(df["origin"]) == {"csv"} and set(df["accessed"]) == {""}
    csv = source.Source("csv", INCIDENTS).load()
    assert set(csv["origin"]) == {"csv"} and len(csv) == len(df)
