"""A (query, countries) pair in, the stored Nominatim answer out: a SQLite cache so each name is asked once.

Answers with no result are stored too (as ``null``), because asking again would bring the same
nothing and cost another request under Nominatim's 1 request/s policy. Failures are not stored.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from dashboard.errors import GeocoderError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS nominatim (
    query TEXT NOT NULL,
    countries TEXT NOT NULL,
    answer TEXT,
    fetched_utc TEXT NOT NULL,
    PRIMARY KEY (query, countries)
)
"""
_MISSING = object()


class ResponseCache:
    """A small SQLite key-value store for online answers (thread-safe, one connection)."""

    def __init__(self, path: Path | str):
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute(_SCHEMA)
            self._db.commit()
        except sqlite3.Error as err:
            raise GeocoderError(f"cannot open the geocoder cache {self.path}: {err}") from err
        self._lock = threading.Lock()

    def get(self, query: str, countries: tuple[str, ...]):
        """The stored answer (a dict, or None for 'no result'); ``MISSING`` when never asked."""
        with self._lock:
            row = self._db.execute(
                "SELECT answer FROM nominatim WHERE query = ? AND countries = ?", (query, ",".join(countries))
            ).fetchone()
        if row is None:
            return _MISSING
        return json.loads(row[0]) if row[0] is not None else None

    def put(self, query: str, countries: tuple[str, ...], answer: dict | None) -> None:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO nominatim (query, countries, answer, fetched_utc) VALUES (?, ?, ?, ?)",
                (query, ",".join(countries), None if answer is None else json.dumps(answer, ensure_ascii=False), stamp),
            )
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM nominatim").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()


MISSING = _MISSING
