"""Where the app reads: the CSV or the store the settings name; reading never seeds; the store is opened once."""

from __future__ import annotations

from dashboard.settings import Settings
from dashboard.store import source
from tests.conftest import INCIDENTS


def test_the_settings_choose_the_csv_or_the_store(tmp_path):
    csv = source.from_settings(Settings(incidents=INCIDENTS, db=tmp_path / "x.db"))
    assert (csv.kind, csv.path, csv.writable) == ("csv", INCIDENTS.resolve(), False)
    store = source.from_settings(Settings(db=tmp_path / "x.db"))
    assert (store.kind, store.path, store.writable) == ("store", (tmp_path / "x.db").resolve(), True)
    assert not (tmp_path / "x.db").exists()  # choosing reads nothing and writes nothing
    env = source.from_env({"DASHBOARD_DB": str(tmp_path / "y.db"), "DASHBOARD_INCIDENTS": ""})
    assert (env.kind, env.path) == ("store", (tmp_path / "y.db").resolve())


def test_reading_an_empty_store_leaves_it_empty_until_it_is_seeded(tmp_path):
    src = source.from_settings(Settings(db=tmp_path / "x.db"))
    assert src.load().empty and src.store().articles().empty
    assert src.store() is src.store()  # one Store per Source: its schema is set up once, not on every call
    assert source.ensure_seeded(src) is True
    assert len(src.load()) == 10 and src.store().articles()["added_by"].tolist() == ["seed"]
    assert source.ensure_seeded(src) is False  # a store with articles is left as it is
    assert len(src.store().articles()) == 1
