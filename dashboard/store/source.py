"""Where the app's incidents come from: a read-only CSV file, or the SQLite store (articles, corrections).

``DASHBOARD_INCIDENTS=file.csv`` shows that file as it is (nothing is written). Otherwise the app reads
the store (``DASHBOARD_DB`` or ``data/incidents.db``); an empty store is first filled from
``data/incidents.csv``, so the seed's hand-coded incidents are there on a fresh machine.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.settings import DATA_DIR
from dashboard.store import csvfile as incidents


@dataclass(frozen=True)
class Source:
    kind: str  # "csv" or "store"
    path: Path

    @property
    def writable(self) -> bool:
        return self.kind == "store"

    def store(self):
        from dashboard.store.sqlite import Store

        return Store(self.path)

    def version(self) -> str:
        """A short id of the data's content: a link made on other data can say so."""
        if self.kind == "csv":
            return incidents.data_version(self.path)
        store = self.store()
        ids = store.articles()["article_id"].tolist()
        fixes = store.audit()["correction_id"].tolist()
        return hashlib.sha256(repr((ids, fixes)).encode()).hexdigest()[:8]

    def load(self) -> pd.DataFrame:
        """Incidents shaped like ``incidents.typed()``; background mentions are left out of the store's view."""
        if self.kind == "csv":
            return incidents.load(self.path)
        return self.store().load(background=False)

    def article_text(self, row: Mapping) -> str | None:
        """The article an incident comes from, for its surrounding paragraph."""
        if self.kind == "store":
            return self.store().article_text(row["article_id"])
        if not row["source_path"]:
            return None
        try:
            return (self.path.parent / row["source_path"]).resolve().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None


def from_env(environ: Mapping[str, str] = os.environ) -> Source:
    csv = environ.get("DASHBOARD_INCIDENTS")
    if csv:
        return Source("csv", Path(csv).expanduser().resolve())
    from dashboard.store.sqlite import default_path

    source = Source("store", Path(environ.get("DASHBOARD_DB") or default_path()).expanduser().resolve())
    ensure_seeded(source)
    return source


def ensure_seeded(source: Source, seed_csv: Path = DATA_DIR / "incidents.csv") -> bool:
    """Fill an empty store from the hand-coded CSV (one transaction); True if it did."""
    store = source.store()
    if len(store.articles()):
        return False
    store.import_csv(seed_csv, who="first start")
    return True
