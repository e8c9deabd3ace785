"""Extractions, CSV rows and analysts' corrections in, one SQLite file out; ``load()`` gives the app's DataFrame back.

The only module that talks to the database (``data/incidents.db`` by default, ``DASHBOARD_DB`` or ``path``
overrides it). Four tables: ``articles`` (the text itself, so every excerpt stays checkable, with its
metadata and provenance), ``incidents`` (machine- or hand-coded rows, exactly ``models.COLUMNS`` plus
``background``), ``corrections`` (who changed which field of which incident, when, old → new) and ``versions``
(which article a changed text at the same path superseded; see store/versions.py).
Corrections are an overlay: ingest never overwrites an incident row, so a correction survives any later
ingest (a new version of an article gets copies of its predecessor's corrections, audited as carried over). Every write is one transaction: nothing is stored half-way.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard.errors import InputError, StoreError
from dashboard.settings import Settings
from dashboard.store import corrections, imported, rowcheck, tables, versions
from dashboard.store.corrections import CORRECTABLE  # noqa: F401 (the Review page's editable columns)
from dashboard.store.csvfile import read_csv, typed, validate


def default_path() -> Path:
    return Settings.from_env().db


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class IngestResult:
    """What one ingest did: ``added`` incidents (0 when the article was already stored)."""

    article_id: str
    added: int
    already_stored: bool
    incident_ids: tuple[str, ...]
    rows: tuple[int, ...] = ()  # import-csv: the CSV rows (header = row 1) of the incidents added
    supersedes: tuple[str, ...] = ()  # ingest: the older versions (same path, other text) this one replaces
    positions: tuple[int, ...] = ()  # where each of ``incident_ids`` was in the rows given (the others were not new)


class Store:
    """A SQLite incidents store. Cheap to make: each call opens its own connection (Streamlit runs threads)."""

    def __init__(self, path: str | Path | None = None, *, clock: Callable[[], str] = _now):
        self.path = Path(path) if path is not None else default_path()
        self.clock = clock
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"store {self.path}: is a folder, expected a SQLite file such as data/incidents.db")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.executescript(
                f"BEGIN; {tables.SCHEMA} {imported.SCHEMA} INSERT OR IGNORE INTO meta VALUES ('schema_version', '{tables.SCHEMA_VERSION}'); COMMIT;"
            )
            # A store made before an optional column (models.OPTIONAL_COLUMNS) was added gets it, empty.
            have = {r[1] for r in db.execute("PRAGMA table_info(incidents)")}
            for c in (c for c in tables.FIELDS if c not in have):
                db.execute(f"ALTER TABLE incidents ADD COLUMN \"{c}\" TEXT NOT NULL DEFAULT ''")
            if "version" not in have:  # schema 1 → 2: incident versions (every stored incident starts at 1)
                db.executescript(
                    "BEGIN; ALTER TABLE incidents ADD COLUMN version INTEGER NOT NULL DEFAULT 1; "
                    "ALTER TABLE corrections ADD COLUMN version INTEGER NOT NULL DEFAULT 0; "
                    "UPDATE meta SET value = '2' WHERE key = 'schema_version'; COMMIT;"
                )

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except sqlite3.Error as err:
            raise StoreError(f"store {self.path}: cannot be opened ({err})") from err
        try:
            db.execute("PRAGMA foreign_keys = ON")
            yield db
        except sqlite3.DatabaseError as err:
            raise StoreError(f"store {self.path}: {err} (is it an incidents database?)") from err
        finally:
            db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back on any error."""
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # -- writing ----------------------------------------------------------------------------------

    def ingest(self, extraction, *, who: str = "ingest") -> IngestResult:
        """Store an ``extract.Extraction``: its article and incidents, or nothing if the article is already in."""
        article = extraction.article
        aid = article_id(article.text)
        rows = [(i.row, i.background) for i in extraction.incidents]
        key = rows[0][0]["source_path"] if rows else article.source_path
        meta = dict(
            source_key=extraction.key,
            source_path=key,
            title=article.title,
            publisher=rows[0][0]["source"] if rows else article.publisher,
            source_url=article.source_url,
            published=article.published.isoformat() if article.published else "",
            language=article.language,
            year_how=extraction.year_how,
        )
        result = self._add(aid, article.text, meta, rows, origin="ingest", who=who, versioned=bool(key))
        if result.added:
            from dashboard.store.events import recompute  # events above reports: regrouped with the new ones

            recompute(self)
        return result

    def _add(
        self,
        aid: str,
        text: str,
        meta: dict,
        rows: list[tuple[dict, bool]],
        *,
        origin: str,
        who: str,
        numbers: list[int] | None = None,
        versioned: bool = False,
    ) -> IngestResult:
        """Store an article and its rows. An article already stored gets nothing more from ingest (the same text
        gives the same rows); from a CSV (``numbers``: its row numbers) the rows it does not hold yet are added."""
        rowcheck.check_rows(rows, text, meta.get("source_path") or "article")
        now = self.clock()
        with self._write() as db:
            stored = db.execute("SELECT 1 FROM articles WHERE article_id = ?", (aid,)).fetchone() is not None
            if stored and numbers is None:
                return IngestResult(aid, 0, True, ())
            if numbers is not None:
                rowcheck.refuse_ids_of_other_articles(db, aid, rows, numbers, meta.get("source_path") or "article")
            older = versions.current_versions(db, meta["source_path"], aid) if versioned and not stored else []
            if older:
                rows = versions.version_ids(db, rows, aid)
            if not stored:
                tables.insert_article(db, aid, text, meta, origin=origin, who=who, now=now)
            added, at = tables.insert_incidents(db, aid, text, rows, now=now)
            if older:
                versions.supersede(db, older, aid, rows, who=who, now=now)
            return IngestResult(
                aid,
                len(added),
                stored,
                tuple(added),
                tuple(numbers[i] for i in at) if numbers else (),
                tuple(older),
                tuple(at),
            )

    def import_csv(
        self, path: str | Path, *, who: str = "import-csv", article_dirs: list[Path] | None = None
    ) -> list[IngestResult]:
        """Import a validated incidents CSV (e.g. data/incidents.csv) with the text of each article it cites;
        articles are read only from ``article_dirs`` (default: settings.article_dirs())."""
        path = Path(path)
        df = read_csv(path)
        problems = validate(df, path.resolve().parent, article_dirs=article_dirs)
        if problems:
            shown = "\n".join(f"{path}, {p}" for p in problems[:20])
            raise InputError(f"{len(problems)} problem(s) in {path}; nothing imported:\n{shown}")
        results = []
        for rel, group in df.groupby("source_path", sort=False):
            if not rel:
                raise InputError(
                    f"{path}: rows without source_path cannot be imported (their excerpts cannot be checked)"
                )
            text = (path.resolve().parent / rel).read_text(encoding="utf-8")
            first = group.iloc[0]
            meta = dict(
                source_key="",
                source_path=rel,
                title="",
                publisher=first["source"],
                source_url=first["source_url"],
                published=first["published"],
                language=first["language"],
                year_how="hand-coded",
            )
            rows = [(dict(r), r["notes"].startswith("Background:")) for _, r in group.iterrows()]
            numbers = [int(i) + 2 for i in group.index]
            results.append(self._add(article_id(text), text, meta, rows, origin="csv", who=who, numbers=numbers))
        return results

    def import_events(self, path: str | Path, *, skip_bad: bool = False, accessed: str = "", who: str = ""):
        """Import an ACLED or UCDP GED file (see dashboard/store/imported.py); all or nothing unless ``skip_bad``."""
        from dashboard.store.imports import open_events

        events = open_events(path)
        problems: list = []

        def rows():
            for chunk, found in events.chunks():
                problems.extend(found)
                yield chunk

        with self._write() as db:
            db.execute("PRAGMA cache_size = -262144")  # 256 MB: the primary-key index of a big import stays in memory
            counts = imported.write_chunks(db, rows(), file=str(path), accessed=accessed, now=self.clock())
            if problems and not skip_bad:
                raise imported.ImportRefused(events, problems)
        return events, imported.count_problems(counts, problems)

    def imported_events(self, origin: str | None = None) -> pd.DataFrame:
        """The coded events imported from ACLED or UCDP files, as stored."""
        with self._connect() as db:
            return imported.read(db, "WHERE origin = ?" if origin else "", (origin,) if origin else ())

    def correct(
        self, incident_id: str, changes: dict, *, who: str, reason: str = "", expected: int | None = None
    ) -> list[dict]:
        """Record an analyst's corrections (field → new value); returns them as audit rows. Validated first;
        ``expected``: the incident's version the analyst saw (a newer one refuses the edit, see ``correct_many``)."""
        return self.correct_many(
            {incident_id: changes},
            who=who,
            reason=reason,
            expected=None if expected is None else {incident_id: expected},
        )

    def correct_many(
        self, changes: dict[str, dict], *, who: str, reason: str = "", expected: dict[str, int] | None = None
    ) -> list[dict]:
        """Corrections to several incidents, all validated, then stored in one transaction. With ``expected``
        (incident → the version the analyst saw, see ``versions``), an incident changed since refuses the lot:
        ``StaleEditError`` (nothing applied) lists who changed what since. Returns the audit rows stored."""
        corrections.check_request(changes, who)
        with self._write() as db:
            current = self._cells(list(changes), db=db).set_index("incident_id", drop=False)
            missing = [iid for iid in changes if iid not in current.index]
            if missing:
                raise InputError(f"no incident {', '.join(map(repr, missing))} in {self.path}")
            corrections.refuse_stale(db, changes, expected, corrections.versions(db, list(changes)))
            return corrections.record(
                db, corrections.pending(current, changes), who=who, reason=reason, now=self.clock()
            )

    def versions(self, ids: list[str] | None = None) -> dict[str, int]:
        """Incident id → its version (1 when stored, +1 per edit applied); all incidents, or those of ``ids``
        that are stored. Pass what the analyst saw as ``expected`` to ``correct_many``."""
        with self._connect() as db:
            return corrections.versions(db, ids)

    # -- reading ----------------------------------------------------------------------------------

    def load(
        self,
        *,
        background: bool = True,
        ids: list[str] | None = None,
        typed_columns: bool = True,
        superseded: bool = False,
    ) -> pd.DataFrame:
        """Incidents with corrections applied, shaped like ``incidents.typed()`` plus ``background``, ``corrected``,
        ``article_id`` and ``origin``. ``background=False`` leaves out background mentions (the timeline's default);
        the incidents of a superseded version are left out unless ``superseded`` (or asked for by ``ids``).

        Typed, a row the validator refuses (written by an older version, or by hand) is set aside rather than
        crash the map: ``df.attrs["set_aside"]`` lists each as ``incident <id>: column <c>: <problem>``. As text
        (``typed_columns=False``, the Review table) every row is there, so such a row can be corrected."""
        if not typed_columns:
            df = self._cells(ids, superseded=superseded)
            return df if background else df[~df["background"]].reset_index(drop=True)
        df, aside = self.loadable_cells(background=background, ids=ids, superseded=superseded)
        out = typed(df)
        out.attrs["set_aside"] = aside
        return out

    def loadable_cells(
        self, *, background: bool = True, ids: list[str] | None = None, superseded: bool = False
    ) -> tuple[pd.DataFrame, list[str]]:
        """The incidents as text that ``typed()`` can load, and the rows set aside (``incident <id>: column <c>:
        <problem>``): a row the validator refuses never reaches the map (see ``load``)."""
        df = self._cells(ids, superseded=superseded)
        found = rowcheck.row_problems(df)
        aside = [f"incident {df.at[i, 'incident_id']}: {'; '.join(found[i])}" for i in sorted(found)]
        df = df.drop(index=list(found)).reset_index(drop=True)
        if not background:
            df = df[~df["background"]].reset_index(drop=True)
        return df, aside

    def _cells(self, ids: list[str] | None = None, *, superseded: bool = False, db=None) -> pd.DataFrame:
        """Every stored incident as text, corrections applied (read through ``db`` when given: in its transaction)."""
        if db is None:
            with self._connect() as db:
                return self._cells(ids, superseded=superseded, db=db)
        where, args = "", []
        if ids is not None:
            where = f"WHERE i.incident_id IN ({', '.join('?' * len(ids))})"
            args = list(ids)
        elif not superseded:
            where = "WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.article_id = i.article_id)"
        df = pd.read_sql_query(
            f"SELECT i.*, a.origin FROM incidents i JOIN articles a USING (article_id) {where} "
            "ORDER BY a.added_utc, a.rowid, CAST(i.excerpt_start AS INTEGER), i.rowid",
            db,
            params=args,
        ).drop(columns=["version"])
        fixes = pd.read_sql_query("SELECT incident_id, field, new FROM corrections ORDER BY correction_id", db)
        df["background"] = df["background"].astype(bool)
        df["corrected"] = False
        index = {iid: n for n, iid in enumerate(df["incident_id"])}
        for iid, field_name, value in fixes.itertuples(index=False):
            if iid in index:
                df.at[index[iid], field_name] = (value == "True") if field_name == "background" else value
                df.at[index[iid], "corrected"] = True
        return df.drop(columns=["added_utc"])

    def audit(self, incident_id: str | None = None) -> pd.DataFrame:
        """Every correction, newest first: incident_id, field, old, new, who, at_utc, reason."""
        with self._connect() as db:
            return pd.read_sql_query(
                "SELECT correction_id, incident_id, field, old, new, who, at_utc, reason FROM corrections "
                + ("WHERE incident_id = ? " if incident_id else "")
                + "ORDER BY correction_id DESC",
                db,
                params=[incident_id] if incident_id else [],
            )

    def articles(self) -> pd.DataFrame:
        """The stored articles' metadata and provenance (no text), with their incident counts."""
        with self._connect() as db:
            return pd.read_sql_query(
                "SELECT a.article_id, a.title, a.publisher, a.published, a.language, a.source_path, a.source_url, "
                "a.origin, a.extractor, a.added_utc, a.added_by, a.year_how, COUNT(i.incident_id) AS incidents, "
                "COALESCE(v.superseded_by, '') AS superseded_by FROM articles a "
                "LEFT JOIN incidents i USING (article_id) LEFT JOIN versions v USING (article_id) "
                "GROUP BY a.article_id ORDER BY a.added_utc",
                db,
            )

    def has_article(self, text: str) -> bool:
        """True when this exact text is already stored (ingest then adds nothing, so callers may skip extracting)."""
        with self._connect() as db:
            return db.execute("SELECT 1 FROM articles WHERE article_id = ?", (article_id(text),)).fetchone() is not None

    def article_text(self, article_id_: str) -> str:
        with self._connect() as db:
            row = db.execute("SELECT text FROM articles WHERE article_id = ?", (article_id_,)).fetchone()
        if row is None:
            raise InputError(f"no article {article_id_!r} in {self.path}")
        return row[0]

    def problems(self) -> list[str]:
        """Validation of the stored view: fields as ``csvfile.validate`` checks them (the rows ``load`` sets
        aside), excerpts against the stored text."""
        df = self.load(typed_columns=False)
        found = rowcheck.row_problems(df)
        out = [f"incident {df.at[i, 'incident_id']}: {p}" for i in sorted(found) for p in found[i]]
        texts: dict[str, str] = {}
        for i, row in df.iterrows():
            if i in found:
                continue
            text = texts.setdefault(row["article_id"], self.article_text(row["article_id"]))
            if text[int(row["excerpt_start"]) : int(row["excerpt_end"])] != row["excerpt"]:
                out.append(f"incident {row['incident_id']}: excerpt is not the stored article's text at its offsets")
        return out
