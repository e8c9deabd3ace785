"""The ingest, import-csv and seed verbs: JSON lines on a dry run, nothing stored on bad input, Error: and exit 1."""

from __future__ import annotations

import json

from dashboard.settings import Settings
from dashboard.store.sqlite import Store
from tests.conftest import ARTICLES as FIXTURES
from tests.conftest import INCIDENTS, SEED
from tests.helpers import run_cli


def test_dry_run_json_prints_incidents_and_stores_nothing(capsys, tmp_path):
    db = tmp_path / "x.db"
    r = run_cli(capsys, "ingest", SEED, "--dry-run", "--json", "--db", db)
    assert r.code == 0, r.err
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert len(rows) == 11 and {"incident_id", "claimed_by", "background", "excerpt"} <= set(rows[0])
    assert not db.exists()


def test_ingest_then_again_adds_nothing_and_records_who(capsys, tmp_path):
    db = tmp_path / "x.db"
    first = run_cli(
        capsys, "ingest", SEED, FIXTURES / "en_wire_border_clashes.txt", "--db", db, settings=Settings(user="analyst")
    )
    assert first.code == 0, first.err
    assert f"11 added to {db}" in first.out and f"8 added to {db}" in first.out
    assert set(Store(db).articles()["added_by"]) == {"analyst"}  # $USER, read once by Settings
    again = run_cli(capsys, "ingest", SEED, "--db", db, "--who", "someone")
    assert "already in the store, nothing added" in again.out


def test_flags_override_front_matter(capsys):
    r = run_cli(
        capsys,
        "ingest",
        FIXTURES / "en_wire_border_clashes.txt",
        "--dry-run",
        "--json",
        "--published",
        "2022-09-14",
        "--publisher",
        "Other Desk",
    )
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert {row["published"] for row in rows} == {"2022-09-14"} and {row["source"] for row in rows} == {"Other Desk"}


def test_one_bad_file_stores_nothing(capsys, tmp_path):
    db = tmp_path / "x.db"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = run_cli(capsys, "ingest", SEED, empty, "--db", db)
    assert r.code == 1 and r.err.startswith("Error: nothing stored; 1 of 2 file(s) could not be read:\n")
    assert "is empty" in r.err and "Traceback" not in r.err
    assert not db.exists()


def test_import_csv(capsys, tmp_path):
    db = tmp_path / "x.db"
    r = run_cli(capsys, "import-csv", "--db", db)
    assert r.code == 0 and "10 incident(s) added" in r.out
    assert "already in the store" in run_cli(capsys, "import-csv", "--db", db).out


def test_seed_fills_an_empty_store_once(capsys, tmp_path):
    db = tmp_path / "data" / "incidents.db"
    r = run_cli(capsys, "seed", settings=Settings(db=db))  # the store named by the settings ($DASHBOARD_DB)
    assert r.code == 0 and r.out == f"{db}: filled from {INCIDENTS} (10 incidents)\n"
    assert Store(db).articles()["origin"].tolist() == ["csv"]
    again = run_cli(capsys, "seed", "--db", db)
    assert again.code == 0 and again.out == f"{db}: already holds articles; left as it is\n"
    assert len(Store(db).articles()) == 1


def test_a_store_that_is_not_a_database_is_a_store_error(capsys, tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("not sqlite")
    r = run_cli(capsys, "seed", "--db", bad)
    assert r.code == 1 and r.err.startswith(
        f"Error: store {bad}: file is not a database (is it an incidents database?)"
    )
