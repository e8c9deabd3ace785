"""The SQLite backup and restore commands of docs/deploy.md, run exactly as written there, on a real store."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys

import pytest

from dashboard.settings import SEED_CSV
from dashboard.store.sqlite import Store
from tests.conftest import ROOT

DOC = ROOT / "docs" / "deploy.md"


def block(name: str) -> str:
    """The shell block that follows ``<!-- tested: NAME -->`` in docs/deploy.md."""
    m = re.search(rf"<!-- tested: {re.escape(name)} -->\n```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert m, f"docs/deploy.md has no block marked 'tested: {name}'"
    return m.group(1)


def run(script: str, cwd, env: dict[str, str] | None = None) -> str:
    """``script`` in bash from ``cwd`` (the project folder of the doc), ``.venv/bin/python`` being this Python."""
    shell = f'set -euo pipefail\n{script.replace(".venv/bin/python", sys.executable)}\necho "BACKUP=$BACKUP"'
    done = subprocess.run(
        ["bash", "-c", shell], cwd=cwd, env={"PATH": "/usr/bin:/bin", **(env or {})}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        return {
            t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "incidents", "corrections")
        }


@pytest.fixture()
def project(tmp_path):
    """A project folder with a store in data/incidents.db: the seed, and one correction."""
    store = Store(tmp_path / "data" / "incidents.db")
    store.import_csv(SEED_CSV, who="seed")
    iid = store.load()["incident_id"].iloc[0]
    store.correct(iid, {"notes": "before the backup"}, who="ra")
    return tmp_path, store, iid


def _backed_up(out: str, folder):
    path = folder / re.search(r"^BACKUP=(\S+)$", out, re.M).group(1)
    assert re.fullmatch(r"incidents-\d{8}T\d{6}Z\.db", path.name) and path.parent.name == "backups"
    return path


@pytest.mark.skipif(not shutil.which("sqlite3"), reason="the sqlite3 program is missing: apt-get install sqlite3")
def test_the_documented_backup_and_restore_bring_back_the_store_as_it_was(project):
    folder, store, iid = project
    out = run(block("sqlite-backup"), folder)
    assert out.splitlines()[0] == "ok"  # PRAGMA integrity_check, as the doc says
    backup = _backed_up(out, folder)
    assert _counts(backup) == _counts(store.path) == {"articles": 1, "incidents": 10, "corrections": 1}
    store.correct(iid, {"notes": "after the backup"}, who="ra")  # work that the restore will undo
    out = run(block("sqlite-restore"), folder, {"BACKUP": str(backup.relative_to(folder))})
    assert out.splitlines()[0] == "ok"
    restored = Store(folder / "data" / "incidents.db")
    assert _counts(restored.path) == {"articles": 1, "incidents": 10, "corrections": 1}
    assert restored.load(ids=[iid]).iloc[0]["notes"] == "before the backup"
    assert restored.audit()["new"].tolist() == ["before the backup"]


def test_the_documented_python_backup_is_a_complete_copy_while_the_store_is_open(project):
    folder, store, _ = project
    with sqlite3.connect(store.path) as reader:  # a reader holding the file open, as a running app does
        reader.execute("SELECT COUNT(*) FROM incidents").fetchone()
        backup = _backed_up(run(block("sqlite-backup-python"), folder), folder)
    assert _counts(backup) == _counts(store.path)
    with sqlite3.connect(backup) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert Store(backup).load().equals(store.load())


def _pg_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as db:
        return {
            t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "incidents", "corrections")
        }


def test_the_documented_postgresql_backup_and_restore_bring_back_the_store_as_it_was(pg_cluster, tmp_path):
    import psycopg

    from dashboard.testing.pgcluster import bindir

    with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:  # the team's role, owning its database
        admin.execute("CREATE ROLE incidents LOGIN")
        admin.execute("CREATE DATABASE incidents OWNER incidents")
    host, port = "127.0.0.1", str(pg_cluster.port)
    url = f"postgresql://incidents@{host}:{port}/incidents"
    store = Store(url)
    store.import_csv(SEED_CSV, who="seed")
    iid = store.load()["incident_id"].iloc[0]
    store.correct(iid, {"notes": "before the backup"}, who="ra")
    path = f"{bindir()}:/usr/bin:/bin"
    out = run(block("pg-backup"), tmp_path, {"PATH": path, "DASHBOARD_DB": url})
    assert out.splitlines()[0] == "readable"
    backup = re.search(r"^BACKUP=(\S+)$", out, re.M).group(1)
    assert re.fullmatch(r"backups/incidents-\d{8}T\d{6}Z\.dump", backup)
    store.correct(iid, {"notes": "after the backup"}, who="ra")  # work that the restore leaves out
    restored_url = f"postgresql://incidents@{host}:{port}/incidents_restored"
    env = {"PATH": path, "PGHOST": host, "PGPORT": port, "RESTORED_DB": restored_url, "BACKUP": backup}
    run(block("pg-restore"), tmp_path, env)
    assert _pg_counts(restored_url) == {"articles": 1, "incidents": 10, "corrections": 1}
    assert _pg_counts(url)["corrections"] == 2
    restored = Store(restored_url)
    assert restored.load(ids=[iid]).iloc[0]["notes"] == "before the backup"
    assert restored.audit()["new"].tolist() == ["before the backup"]
