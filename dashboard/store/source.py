"""Settings in, where the app's incidents come from out: a read-only CSV file, or the store (SQLite or PostgreSQL).

``DASHBOARD_INCIDENTS=file.csv`` shows that file as it is. Otherwise the app reads the store
(``DASHBOARD_DB`` or ``data/incidents.db``). Reading never writes: an empty store stays empty until
``python -m dashboard seed`` (which ``make run`` performs) fills it from ``data/incidents.csv``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from dashboard.settings import SEED_CSV, Settings, store_location
from dashboard.store import csvfile, imported

SEED_HINT = "run `python -m dashboard seed` (or `make run`) to load the seed article's hand-coded incidents"


@dataclass(frozen=True)
class Source:
    kind: str  # "csv" or "store"
    path: Path | str  # a file, or (a store) a postgresql:// URL

    @property
    def where(self) -> str:
        """The file, or the store's URL without its password: fit for a page."""
        from dashboard.store.engine import describe

        return describe(self.path)

    @property
    def name(self) -> str:
        """A short name for captions: the file's name, or the PostgreSQL database's (never its password)."""
        if isinstance(self.path, Path):
            return self.path.name
        from dashboard.store.engine import describe

        return "PostgreSQL " + describe(self.path).rsplit("/", 1)[-1].split("?")[0]

    @property
    def writable(self) -> bool:
        return self.kind == "store"

    @cached_property
    def _store(self):
        from dashboard.store.sqlite import Store

        return Store(self.path)

    def store(self):
        """The store, opened (and its schema set up) once per Source, however often it is asked for."""
        return self._store

    def version(self) -> str:
        """A short id of the data's content: a link made on other data can say so."""
        if self.kind == "csv":
            return csvfile.data_version(self.path)
        # From the database itself (not a file's mtime): another app server's writes change it too.
        return hashlib.sha256(repr(self.store().change_key()).encode()).hexdigest()[:8]

    def load(self) -> pd.DataFrame:
        """Incidents shaped like ``csvfile.typed()`` with an ``origin`` column (``csv``, ``ingest``, ``acled``,
        ``ucdp``) and ``accessed`` (the access date given at import, empty for our reports); the store's view
        leaves out background mentions and puts the imported ACLED/UCDP events after our reports."""
        if self.kind == "csv":
            df = csvfile.load(self.path).assign(origin="csv", accessed="")
        else:
            ours, aside = self.store().loadable_cells(background=False)
            ours = ours.assign(accessed="")
            coded = imported.as_incidents(self.store())
            df = csvfile.typed(pd.concat([ours, coded[ours.columns]], ignore_index=True) if len(coded) else ours)
            df.attrs["set_aside"] = aside  # rows the validator refuses: listed on the page, never drawn
        # categories: a few distinct values, so the origin filter and the map's attribution cost ~ms at 1,000,000 rows
        return contiguous(df.astype({"origin": "category", "accessed": "category"}))

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


def contiguous(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with each Arrow-backed text column in one piece. pandas reads a big CSV into many chunks (58 at
    1,000,000 rows), and taking rows from a chunked column costs per chunk: the 25 rows the page lists under the
    map took 0.76 s a slider move, 0.002 s once the columns are whole (made once per data version, ~0.1 s a column)."""
    for column in df.columns:
        if not isinstance(df[column].dtype, pd.StringDtype) or not hasattr(df[column].array, "__arrow_array__"):
            continue
        chunks = df[column].array.__arrow_array__()
        if chunks.num_chunks > 1:
            df[column] = pd.array(chunks.combine_chunks(), dtype=df[column].dtype)
    return df


def of(kind: str, path: str) -> Source:
    """The Source a (kind, str(path)) pair names, as the app's caches key it (a URL stays a URL)."""
    return Source(kind, store_location(path))


def from_settings(settings: Settings) -> Source:
    """The CSV ``settings.incidents`` names, else the store at ``settings.db``. Nothing is read or written yet."""
    if settings.incidents:
        return Source("csv", settings.incidents.resolve())
    return Source("store", settings.db.resolve() if isinstance(settings.db, Path) else settings.db)


def from_env(environ: Mapping[str, str] | None = None) -> Source:
    """``from_settings`` of the environment (callers that have no Settings of their own)."""
    return from_settings(Settings.from_env(environ))


def ensure_seeded(source: Source, seed_csv: Path = SEED_CSV, *, who: str = "seed") -> bool:
    """Fill an empty store from the hand-coded CSV (one transaction); True if it did, False if it had articles."""
    store = source.store()
    if len(store.articles()):
        return False
    store.import_csv(seed_csv, who=who)
    return True
