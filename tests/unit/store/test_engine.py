"""The store's location and connection layer: a URL stays a URL, its password is never shown, the SQL written
once runs on psycopg, and a PostgreSQL that cannot be reached is a clear StoreError."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.errors import StoreError
from dashboard.settings import Settings
from dashboard.store.engine import describe, to_psycopg
from dashboard.store.source import from_settings
from dashboard.store.sqlite import Store


def test_a_postgresql_url_in_dashboard_db_stays_a_url():
    url = "postgresql://team:s3cret@db.example.org:5432/incidents"
    settings = Settings.from_env({"DASHBOARD_DB": url})
    assert settings.db == url
    src = from_settings(settings)
    assert src.path == url and src.where == "postgresql://team:***@db.example.org:5432/incidents"
    assert src.name == "PostgreSQL incidents" and "s3cret" not in src.where + src.name
    assert Settings.from_env({"DASHBOARD_DB": "~/x.db"}).db == Path("~/x.db").expanduser()


def test_describe_leaves_paths_and_password_free_urls_alone():
    assert describe(Path("/tmp/x.db")) == "/tmp/x.db"
    assert describe("postgresql://postgres@127.0.0.1:5/db") == "postgresql://postgres@127.0.0.1:5/db"


def test_placeholders_become_psycopg_ones_outside_literals():
    assert to_psycopg("SELECT 1 FROM t WHERE a = ? AND b LIKE '50%?' AND c = ?") == (
        "SELECT 1 FROM t WHERE a = %s AND b LIKE '50%?' AND c = %s"
    )
    assert to_psycopg("SELECT a % 2 FROM t WHERE b = ?") == "SELECT a %% 2 FROM t WHERE b = %s"


def test_an_unreachable_postgresql_is_a_store_error_without_the_password():
    with pytest.raises(
        StoreError,
        match=r"store postgresql://x:\*\*\*@127\.0\.0\.1:1/nothing\?connect_timeout=5: cannot be opened \(connection",
    ) as err:
        Store("postgresql://x:pw@127.0.0.1:1/nothing?connect_timeout=5")
    assert "pw" not in str(err.value).replace("postgresql", "")
