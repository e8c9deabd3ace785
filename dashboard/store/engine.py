"""A store's location in, a connection out: a SQLite file or a PostgreSQL database behind one shape.

``DASHBOARD_DB`` (or ``--db``) is a file path (SQLite, embedded, the default) or a ``postgresql://`` URL. The
store's SQL is written once, in the spelling both engines accept (``ON CONFLICT`` upserts, ``IS DISTINCT
FROM``, explicit ``seq`` columns instead of SQLite's rowid) with ``?`` placeholders; ``Conn`` gives sqlite3
and psycopg the same ``execute / executemany / frame / copy`` and turns ``?`` into psycopg's ``%s``.
Writes are one transaction and writers take turns: ``BEGIN IMMEDIATE`` on SQLite, a transaction-level advisory
lock on PostgreSQL, so a read-then-write (is this article stored? which version is this incident at?) is never
raced by another process. Reads never wait for a writer.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from dashboard.errors import StoreError
from dashboard.settings import STORE_URL_SCHEMES
from dashboard.settings import store_location as location  # noqa: F401 (a store's location: path or URL)

WRITE_LOCK = 1_520_260_015  # any constant: the advisory lock every writer of a store takes (issue 15)


def is_url(value) -> bool:
    return isinstance(value, str) and value.startswith(STORE_URL_SCHEMES)


def describe(where: Path | str) -> str:
    """A location fit for messages: a URL's password is never printed."""
    if not is_url(where):
        return str(where)
    parts = urlsplit(where)
    if parts.password:
        host = parts.netloc.rsplit("@", 1)[1]
        parts = parts._replace(netloc=f"{parts.username}:***@{host}")
    return urlunsplit(parts)


@lru_cache(maxsize=512)
def to_psycopg(sql: str) -> str:
    """``?`` → ``%s`` and ``%`` → ``%%`` outside quoted literals (the store's SQL is written for both)."""
    return re.sub(r"'[^']*'|\?|%", lambda m: {"?": "%s", "%": "%%"}.get(m.group(0), m.group(0)), sql)


class Conn:
    """One connection, either engine's, with the calls the store makes."""

    def __init__(self, raw, dialect: str):
        self.raw, self.dialect = raw, dialect

    def execute(self, sql: str, args: Sequence = ()):
        if self.dialect == "sqlite":
            return self.raw.execute(sql, args)
        return self.raw.execute(to_psycopg(sql), args or None) if args else self.raw.execute(sql)

    def executemany(self, sql: str, rows: Iterable[Sequence]):
        if self.dialect == "sqlite":
            return self.raw.executemany(sql, rows)
        cur = self.raw.cursor()
        cur.executemany(to_psycopg(sql), list(rows))
        return cur

    def script(self, sql: str) -> None:
        """Several statements, no parameters (schema changes)."""
        if self.dialect == "sqlite":
            for statement in (s for s in sql.split(";") if s.strip()):
                self.raw.execute(statement)  # not executescript: it would commit the caller's transaction
        else:
            self.raw.execute(sql)

    def frame(self, sql: str, args: Sequence = ()) -> pd.DataFrame:
        """A query's rows as a DataFrame (what ``pd.read_sql_query`` gives for sqlite3, for both engines)."""
        cur = self.execute(sql, args)
        return pd.DataFrame.from_records(cur.fetchall(), columns=[d[0] for d in cur.description], coerce_float=True)

    def copy(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
        """Append rows: PostgreSQL's COPY (its fast path), executemany on SQLite (its own). Returns the count."""
        names = ", ".join(f'"{c}"' for c in columns)
        if self.dialect == "sqlite":
            cur = self.raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", rows)
            return cur.rowcount
        n = 0
        with self.raw.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        return n

    def columns(self, table: str) -> list[str]:
        if self.dialect == "sqlite":
            return [r[1] for r in self.raw.execute(f"PRAGMA table_info({table})")]
        return [
            r[0]
            for r in self.raw.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = %s ORDER BY ordinal_position",
                (table,),
            )
        ]

    def has_table(self, table: str) -> bool:
        if self.dialect == "sqlite":
            sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        else:
            sql = "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"
        return self.execute(sql, (table,)).fetchone() is not None


class SqliteEngine:
    """A SQLite file; each call opens its own connection (Streamlit runs sessions in threads)."""

    dialect = "sqlite"

    def __init__(self, path: Path):
        self.where = path
        self.name = str(path)
        if path.exists() and path.is_dir():
            raise StoreError(f"store {path}: is a folder, expected a SQLite file such as data/incidents.db")
        path.parent.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def connect(self) -> Iterator[Conn]:
        try:
            db = sqlite3.connect(self.where, isolation_level=None, timeout=60)  # timeout: the busy wait for a writer
        except sqlite3.Error as err:
            raise StoreError(f"store {self.name}: cannot be opened ({err})") from err
        try:
            db.execute("PRAGMA foreign_keys = ON")
            yield Conn(db, self.dialect)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"store {self.name}: {err} (is it an incidents database?)") from err
        finally:
            db.close()

    @contextmanager
    def write(self) -> Iterator[Conn]:
        """One transaction: committed when the block ends, rolled back on any error."""
        with self.connect() as db:
            db.raw.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.raw.execute("ROLLBACK")
                raise
            db.raw.execute("COMMIT")


class PostgresEngine:
    """A PostgreSQL database (psycopg 3); each call opens its own connection, as for SQLite."""

    dialect = "postgresql"

    def __init__(self, url: str):
        self.where = url
        self.name = describe(url)

    @contextmanager
    def connect(self) -> Iterator[Conn]:
        import psycopg

        try:
            db = psycopg.connect(self.where, autocommit=True, connect_timeout=30)
        except psycopg.Error as err:
            raise StoreError(f"store {self.name}: cannot be opened ({str(err).strip()})") from err
        try:
            yield Conn(db, self.dialect)
        except psycopg.Error as err:
            raise StoreError(f"store {self.name}: {str(err).strip()}") from err
        finally:
            db.close()

    @contextmanager
    def write(self) -> Iterator[Conn]:
        """One transaction, after every other writer's (the advisory lock is released at commit or rollback)."""
        with self.connect() as db, db.raw.transaction():
            db.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield db


def open_engine(where: str | Path) -> SqliteEngine | PostgresEngine:
    """The engine for a location (see ``location``)."""
    return PostgresEngine(where) if is_url(where) else SqliteEngine(Path(where))
