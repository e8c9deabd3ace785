"""`python -m dashboard gazetteer add FILE`: a GeoNames extract (tests/fixtures/geocoding/AM.txt, written for
these tests in the dump's 19-column format; ids 99000001+ are not real GeoNames ids) merged into the index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.errors import InputError
from dashboard.geocoding import gazetteer as gazetteer_module
from dashboard.geocoding.extracts import COLUMNS, read_extract
from dashboard.geocoding.resolver import Resolver

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "geocoding" / "AM.txt"


def _fixture_rows() -> dict[str, list[str]]:
    return {line.split("\t")[1]: line.rstrip("\n").split("\t") for line in FIXTURE.open(encoding="utf-8")}


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """The CLI adds the extract into a fresh cache and extracts folder; the index is rebuilt with it."""
    root = tmp_path_factory.mktemp("extract")
    cache, extracts = root / "cache", root / "extracts"
    patch = pytest.MonkeyPatch()
    patch.setenv("DASHBOARD_CACHE_DIR", str(cache))
    patch.setenv("DASHBOARD_GAZETTEER_EXTRACTS", str(extracts))
    try:
        assert main(["gazetteer", "add", str(FIXTURE)]) == 0
        index = gazetteer_module.load(cache, extracts_dir=extracts)
    finally:
        patch.undo()
    return index, extracts


def test_villages_below_500_resolve_after_the_extract_is_added(added, gazetteer):
    index, extracts = added
    assert (extracts / "AM.txt").read_bytes() == FIXTURE.read_bytes()
    assert not gazetteer.lookup("aravus")  # not in cities500
    row = _fixture_rows()["Aravus"]
    resolution = Resolver(index).resolve("Aravous", context="AM")  # an alternate spelling from the extract
    place = resolution.place
    assert (place.geonameid, place.latitude, place.longitude) == (int(row[0]), float(row[4]), float(row[5]))
    assert (place.source, place.feature_class, place.feature_code, place.population) == ("extract", "P", "PPL", 190)
    assert resolution.method == "alternate"


def test_extract_keeps_feature_kinds_skips_roads_and_leaves_cities500_places_alone(added, gazetteer):
    index, _ = added
    river = Resolver(index).resolve("Vorotan River", context="AM").place
    assert (river.kind, river.feature_code) == ("feature", "STM")
    assert not index.lookup("goris stepanakert road")  # class R is not kept
    goris = index.place(index.row_of(174895))
    assert goris == gazetteer.place(gazetteer.row_of(174895))  # cities500's record wins over the extract's
    assert len(index) == len(gazetteer) + 4


def test_index_key_changes_with_the_extracts(added):
    _, extracts = added
    assert gazetteer_module.index_key() != gazetteer_module.index_key(extracts_digest="abc")


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda f: f[:18], "AM.txt, line 2: 18 tab-separated fields (expected the 19"),
        (lambda f: f[:4] + ["north"] + f[5:], "AM.txt, line 2, field latitude: 'north' is not a number"),
        (lambda f: f[:5] + ["200"] + f[6:], "AM.txt, line 2, field longitude: '200' is outside -180..180"),
        (lambda f: f[:8] + ["QQ"] + f[9:], "AM.txt, line 2, field country code: 'QQ' is not a country code"),
        (lambda f: ["12a"] + f[1:], "AM.txt, line 2, field geonameid: '12a' is not a whole number"),
    ],
)
def test_a_bad_line_names_file_line_and_field(tmp_path, edit, message, capsys, monkeypatch):
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    fields = lines[1].split("\t")
    assert len(fields) == len(COLUMNS)
    lines[1] = "\t".join(edit(fields))
    bad = tmp_path / "AM.txt"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_extract(bad, {"AM"})
    assert message in str(caught.value)
    monkeypatch.setenv("DASHBOARD_GAZETTEER_EXTRACTS", str(tmp_path / "kept"))
    assert main(["gazetteer", "add", str(bad)]) == 1
    assert capsys.readouterr().err.startswith(f"Error: {message}")
    assert not (tmp_path / "kept").exists()  # nothing kept from a bad file


def test_a_file_with_nothing_to_keep_is_refused(tmp_path):
    only_road = tmp_path / "XX.txt"
    shutil.copyfile(FIXTURE, only_road)
    road = [line for line in FIXTURE.read_text(encoding="utf-8").splitlines() if "\tR\tRD\t" in line]
    only_road.write_text(road[0] + "\n", encoding="utf-8")
    from dashboard.geocoding.extracts import add_extract

    with pytest.raises(InputError, match="no populated place, division or feature"):
        add_extract(only_road, {"AM"}, tmp_path / "kept")
