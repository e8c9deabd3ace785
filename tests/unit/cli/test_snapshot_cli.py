"""The snapshot verb without a browser: bad arguments, a missing Chromium, the store read and never written."""

from __future__ import annotations

import pytest

from dashboard.settings import Settings
from dashboard.store import csvfile
from dashboard.store.sqlite import Store
from tests.conftest import INCIDENTS
from tests.helpers import run_cli


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "brief.pdf"], "--out 'brief.pdf': expected a .png or .html file name"),
        (["--out", "b.png", "--size", "1920"], "--size '1920' is not WIDTHxHEIGHT (expected e.g. 1920x1080)"),
        (["--out", "b.png", "--size", "100x100"], "--size '100x100' is out of range (320x240 to 8000x8000)"),
        (
            ["--out", "b.png", "--tz", "Mars/Olympus"],
            "--tz 'Mars/Olympus' is not an IANA time zone (expected e.g. Asia/Yerevan)",
        ),
        (["--out", "b.html", "--incidents", "nope.csv"], "--incidents 'nope.csv': no such file"),
        (["--out", "b.png", "--scale", "9"], "--scale 9.0 is out of range (0.5 to 4)"),
    ],
)
def test_bad_arguments_are_input_errors(capsys, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    incidents = [] if "--incidents" in args else ["--incidents", str(INCIDENTS)]
    r = run_cli(capsys, "snapshot", *args, *incidents)
    assert (r.code, r.out, r.err) == (1, "", f"Error: {message}\n")
    assert list(tmp_path.iterdir()) == []


def test_snapshot_without_chromium_names_the_install_command(capsys, tmp_path):
    missing = tmp_path / "no-chromium"
    r = run_cli(
        capsys, "snapshot", "--out", tmp_path / "x.png", "--incidents", INCIDENTS, settings=Settings(chromium=missing)
    )
    assert r.code == 1 and r.err == (
        f"Error: Chromium is needed for PNG snapshots and was not found at {missing}: install it with "
        "'apt-get install -y chromium' (Debian), or set CHROMIUM=/path/to/chromium\n"
    )
    assert not (tmp_path / "x.png").exists()


def test_snapshot_reads_the_store_by_default(capsys, tmp_path):
    settings = Settings(db=tmp_path / "x.db")
    assert run_cli(capsys, "seed", settings=settings).code == 0
    r = run_cli(capsys, "snapshot", "--out", tmp_path / "store.html", settings=settings)
    assert r.code == 0, r.err
    placed = int(csvfile.load(INCIDENTS)["mapped"].sum())  # the store was seeded from the CSV
    assert r.out.endswith(f"{placed} incidents on the map\n")


def test_snapshot_never_creates_or_fills_a_store(capsys, tmp_path):
    db = tmp_path / "x.db"
    r = run_cli(capsys, "snapshot", "--out", tmp_path / "a.html", settings=Settings(db=db))
    assert r.code == 1 and r.err == (
        f"Error: the store '{db}' does not exist: run `python -m dashboard seed` (or `make run`) to load the seed "
        "article's hand-coded incidents, or pass --incidents FILE.csv\n"
    )
    assert not db.exists()
    Store(db)  # an empty store: snapshot says so and leaves it empty
    r = run_cli(capsys, "snapshot", "--out", tmp_path / "a.html", settings=Settings(db=db))
    assert r.code == 1 and r.err.startswith(
        f"Error: the store '{db}' holds no incidents: run `python -m dashboard seed`"
    )
    assert Store(db).articles().empty and not (tmp_path / "a.html").exists()


def test_snapshot_of_a_store_with_acled_events_credits_acled_and_origin_filters_it(capsys, tmp_path):
    from tests.conftest import ROOT

    db = tmp_path / "incidents.db"
    store = Store(db)
    store.import_csv(INCIDENTS)
    store.import_events(ROOT / "tests" / "fixtures" / "acled" / "acled_current_caucasus.csv", accessed="2026-11-30")
    settings = Settings(db=db)
    assert run_cli(capsys, "snapshot", "--out", tmp_path / "all.html", settings=settings).code == 0
    assert "acleddata.com), accessed 2026-11-30" in (tmp_path / "all.html").read_text(encoding="utf-8")
    r = run_cli(capsys, "snapshot", "--out", tmp_path / "ours.html", "--origin", "csv", settings=settings)
    assert r.code == 0, r.err
    assert "acleddata.com" not in (tmp_path / "ours.html").read_text(encoding="utf-8")
    r = run_cli(capsys, "snapshot", "--out", tmp_path / "x.html", "--origin", "gdelt", settings=settings)
    assert r.code == 1 and "--origin 'gdelt': not in the data (choose from acled, csv)" in r.err
