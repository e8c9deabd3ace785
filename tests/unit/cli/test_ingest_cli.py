"""The ingest and import-csv verbs: JSON lines on a dry run, nothing stored on bad input, Error: and exit 1."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ARTICLES as FIXTURES
from tests.conftest import ROOT, SEED


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_dry_run_json_prints_incidents_and_stores_nothing(tmp_path):
    db = tmp_path / "x.db"
    r = cli("ingest", str(SEED), "--dry-run", "--json", "--db", str(db))
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 11 and {"incident_id", "claimed_by", "background", "excerpt"} <= set(rows[0])
    assert not db.exists()


def test_ingest_then_again_adds_nothing(tmp_path):
    db = tmp_path / "x.db"
    first = cli("ingest", str(SEED), str(FIXTURES / "en_wire_border_clashes.txt"), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "11 added" in first.stdout and "8 added" in first.stdout
    again = cli("ingest", str(SEED), "--db", str(db))
    assert "already in the store, nothing added" in again.stdout


def test_flags_override_front_matter(tmp_path):
    r = cli(
        "ingest",
        str(FIXTURES / "en_wire_border_clashes.txt"),
        "--dry-run",
        "--json",
        "--published",
        "2022-09-14",
        "--publisher",
        "Other Desk",
    )
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert {row["published"] for row in rows} == {"2022-09-14"} and {row["source"] for row in rows} == {"Other Desk"}


def test_one_bad_file_stores_nothing(tmp_path):
    db = tmp_path / "x.db"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    r = cli("ingest", str(SEED), str(empty), "--db", str(db))
    assert r.returncode == 1 and r.stderr.startswith("Error: nothing stored") and "is empty" in r.stderr
    assert "Traceback" not in r.stderr
    assert not db.exists()


def test_import_csv(tmp_path):
    db = tmp_path / "x.db"
    r = cli("import-csv", "--db", str(db))
    assert r.returncode == 0 and "10 incident(s) added" in r.stdout
    assert "already in the store" in cli("import-csv", "--db", str(db)).stdout
