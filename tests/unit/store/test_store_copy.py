"""``store migrate`` and ``store copy``: a SQLite store moved into a real PostgreSQL and back, every table counted
and checksummed on both sides; a store newer than the code refused."""

from __future__ import annotations

import sqlite3

import pytest

from dashboard.cli import main
from dashboard.cli.ingest import ingest_file
from dashboard.errors import StoreError
from dashboard.store import copy as store_copy
from dashboard.store import events as store_events
from dashboard.store.sqlite import Store
from tests.conftest import ARTICLES, INCIDENTS, TODAY

FIXTURES = ARTICLES.parent / "acled"


def _filled(path) -> Store:
    store = Store(path)
    store.import_csv(INCIDENTS)
    ingest_file(ARTICLES / "en_wire_border_clashes.txt", store=store, published=TODAY.isoformat())
    store.import_events(FIXTURES / "ucdp_hdx.csv")
    iid = sorted(store.versions())[0]
    store.correct(iid, {"notes": "checked"}, who="ra", reason="copy test", expected=1)
    store_events.load_events(store)  # events and links stored too
    return store


def _same(a: Store, b: Store) -> None:
    assert a.load(typed_columns=False).equals(b.load(typed_columns=False))
    assert a.audit().equals(b.audit()) and a.versions() == b.versions()
    assert a.articles().equals(b.articles()) and a.imported_events().equals(b.imported_events())
    assert a.change_key() == b.change_key()


def test_a_sqlite_store_copied_into_postgresql_and_back(tmp_path, pg_url, capsys):
    lite = _filled(tmp_path / "team.db")
    assert main(["store", "copy", str(lite.path), pg_url]) == 0
    out = capsys.readouterr().out
    for table in store_copy.TABLES:
        line = next(x for x in out.splitlines() if x.startswith(table + " "))
        n_from, n_to, sum_from, sum_to = line.split()[1:5]
        assert n_from == n_to and sum_from == sum_to and "DIFFERS" not in line, line
    assert int(next(x for x in out.splitlines() if x.startswith("incidents ")).split()[1]) == len(lite.load()) > 10
    pg = Store(pg_url)
    _same(lite, pg)
    # the ids PostgreSQL makes go on after the copied ones
    iid = sorted(pg.versions())[1]
    pg.correct(iid, {"notes": "after the copy"}, who="rb", expected=1)
    assert pg.audit()["correction_id"].iloc[0] == lite.audit()["correction_id"].max() + 1
    back = tmp_path / "back.db"
    assert main(["store", "copy", pg_url, str(back)]) == 0
    _same(pg, Store(back))


def test_a_target_holding_rows_is_refused_unless_replace(tmp_path, pg_url, capsys):
    lite = _filled(tmp_path / "team.db")
    other = Store(pg_url)
    other.import_csv(INCIDENTS)
    assert main(["store", "copy", str(lite.path), pg_url]) == 1
    assert "is not empty (articles 1, incidents 10" in capsys.readouterr().err and len(other.articles()) == 1
    assert main(["store", "copy", str(lite.path), pg_url, "--replace"]) == 0
    _same(lite, Store(pg_url))


def test_checksums_tell_one_changed_cell(tmp_path):
    a, b = _filled(tmp_path / "a.db"), Store(tmp_path / "b.db")
    store_copy.copy_store(a, b)
    with a._write() as db:
        db.execute("UPDATE articles SET title = 'changed' WHERE seq = 1")
    with a._connect() as x, b._connect() as y:
        columns = x.columns("articles")
        assert store_copy.checksum(x, "articles", columns) != store_copy.checksum(y, "articles", columns)
        assert store_copy.checksum(x, "incidents", x.columns("incidents")) == store_copy.checksum(
            y, "incidents", columns=x.columns("incidents")
        )


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migrate_says_from_and_to_and_a_newer_store_is_refused(backend, tmp_path, request, capsys):
    from dashboard.store import migrations

    where = str(tmp_path / "new.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    latest = migrations.LATEST
    assert main(["store", "migrate", "--db", where]) == 0
    expected = f"schema {0 if backend == 'sqlite' else latest} → {latest}"  # the PG template is migrated already
    assert expected in capsys.readouterr().out
    assert main(["store", "migrate", "--db", where]) == 0
    assert "(already current)" in capsys.readouterr().out
    with Store(where)._write() as db:
        db.execute("INSERT INTO schema_version VALUES (?, ?)", (latest + 1, "2030-01-01T00:00:00Z"))
    with pytest.raises(StoreError, match=f"schema is version {latest + 1}, newer than this code's {latest}"):
        Store(where)
    assert main(["store", "migrate", "--db", where]) == 1


def test_a_store_from_before_migrations_is_brought_up_to_date(tmp_path, capsys):
    from dashboard.store import migrations

    path = tmp_path / "old.db"
    _filled(path)
    with sqlite3.connect(path) as db:  # as the code before issue 15 left a store: no versions, seq or schema_version
        db.executescript(
            "ALTER TABLE incidents DROP COLUMN version; ALTER TABLE corrections DROP COLUMN version; "
            "DROP INDEX incidents_seq; ALTER TABLE incidents DROP COLUMN seq; DROP INDEX articles_seq; "
            "ALTER TABLE articles DROP COLUMN seq; DROP TABLE schema_version;"
        )
    assert main(["store", "migrate", "--db", str(path)]) == 0
    assert f"schema 0 → {migrations.LATEST}" in capsys.readouterr().out
    store = Store(path)
    assert set(store.versions().values()) == {1} and store.problems() == []
    assert list(store.articles()["origin"]) == ["csv", "ingest"]  # the order they were added in, kept


def test_seed_and_ingest_take_a_postgresql_url(pg_url, capsys):
    assert main(["seed", "--db", pg_url]) == 0
    assert capsys.readouterr().out.startswith(f"{pg_url}: filled from ")
    assert main(["ingest", str(ARTICLES / "en_wire_border_clashes.txt"), "--db", pg_url]) == 0
    assert f"added to {pg_url}" in capsys.readouterr().out
    assert list(Store(pg_url).articles()["origin"]) == ["csv", "ingest"]
