"""Article files or pasted text in, incidents in the store (or JSON lines) out: ``ingest`` and ``import-csv``.

``ingest_file`` and ``ingest_text`` are the pipeline the app's "Add article" form calls too (with a
``progress(step, fraction)`` callback); the CLI verbs are thin wrappers over them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.errors import DashboardError, InputError
from dashboard.settings import ROOT, store_location

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Ingested:
    """One article through the pipeline: its extraction, and what the store did (None on a dry run)."""

    extraction: object | None  # dashboard.ingest.extract.Extraction; None when the text was already stored
    stored: object | None  # dashboard.store.sqlite.IngestResult

    @property
    def rows(self) -> list[dict]:
        """Each incident's fields plus ``background``; empty when the article was already stored (not re-read)."""
        if self.extraction is None:
            return []
        return [dict(i.row, background=i.background) for i in self.extraction.incidents]


def _noop(step: str, fraction: float) -> None:
    pass


def _resolver():
    """The process's offline resolver: extract() is pure and takes it as an argument."""
    from dashboard.geocoding import get_resolver

    return get_resolver()


def prepare_file(
    path: str | Path,
    *,
    db_dir: Path,
    published=None,
    language=None,
    title=None,
    publisher=None,
    source_url=None,
    progress: Progress = _noop,
):
    """Read and extract one file (nothing stored). ``source_path`` is written relative to ``db_dir``."""
    from dashboard.ingest.articles import load_article
    from dashboard.ingest.extract import extract

    progress(f"reading {path}", 0.1)
    article = load_article(
        path,
        published=published,
        language=None if language in (None, "auto") else language,
        title=title,
        publisher=publisher,
        source_url=source_url,
    )
    progress("finding places, times and claims", 0.4)
    rel = os.path.relpath(Path(path).resolve(), db_dir.resolve()).replace(os.sep, "/")
    return extract(article, resolver=_resolver(), today=date.today(), root=ROOT, source_path=rel)


def prepare_text(
    text: str,
    *,
    name: str = "pasted article",
    published=None,
    language=None,
    title=None,
    publisher=None,
    source_url=None,
    progress: Progress = _noop,
):
    """Extract pasted text (the app's "Add article" form). Raises InputError on bad text; nothing stored."""
    from dashboard.ingest.articles import MAX_BYTES, parse_article
    from dashboard.ingest.extract import extract

    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError(f"{name}: over the 5 MB limit; paste one article at a time")
    if "\x00" in text:
        raise InputError(f"{name}: looks like binary data (NUL characters); paste the article's text")
    progress("reading the text", 0.1)
    article = parse_article(
        text.replace("\r\n", "\n").replace("\r", "\n"),
        source_path="",
        title=title,
        publisher=publisher,
        source_url=source_url,
        published=published,
        language=None if language in (None, "auto") else language,
    )
    progress("finding places, times and claims", 0.4)
    return extract(article, resolver=_resolver(), today=date.today(), source_path="")


def ingest_file(
    path: str | Path, *, store=None, dry_run: bool = False, who: str = "cli", progress: Progress = _noop, **metadata
) -> Ingested:
    """File → incidents → store (one transaction). ``metadata``: published, language, title, publisher, source_url."""
    from dashboard.ingest.articles import MAX_BYTES
    from dashboard.store.sqlite import Store, default_path

    store = store if store is not None or dry_run else Store()
    db_dir = store.folder if store else Store.folder_of(default_path())
    if store is not None and not dry_run and Path(path).is_file() and Path(path).stat().st_size <= MAX_BYTES:
        try:
            already = store.has_article(
                Path(path).read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            )
        except UnicodeDecodeError:
            already = False  # load_article below says what is wrong with the file
        if already:
            return _already(store, Path(path).read_text(encoding="utf-8"), progress)
    extraction = prepare_file(path, db_dir=db_dir, progress=progress, **metadata)
    return _store(extraction, store, dry_run, who, progress)


def ingest_text(
    text: str, *, store=None, dry_run: bool = False, who: str = "app", progress: Progress = _noop, **metadata
) -> Ingested:
    """Pasted text → incidents → store (one transaction); the article text is kept in the store."""
    if not dry_run:
        from dashboard.store.sqlite import Store

        store = store if store is not None else Store()
        if store.has_article(text.replace("\r\n", "\n").replace("\r", "\n")):
            return _already(store, text.replace("\r\n", "\n").replace("\r", "\n"), progress)
    extraction = prepare_text(text, progress=progress, **metadata)
    return _store(extraction, store, dry_run, who, progress)


def _already(store, text: str, progress: Progress) -> Ingested:
    from dashboard.store.sqlite import IngestResult, article_id

    progress("already in the store: nothing added", 1.0)
    return Ingested(None, IngestResult(article_id(text), 0, True, ()))


def _store(extraction, store, dry_run: bool, who: str, progress: Progress) -> Ingested:
    if dry_run:
        progress("done (dry run: nothing stored)", 1.0)
        return Ingested(extraction, None)
    from dashboard.store.sqlite import Store

    progress("storing", 0.8)
    result = (store or Store()).ingest(extraction, who=who)
    progress("done", 1.0)
    return Ingested(extraction, result)


# -- the verbs -------------------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "ingest",
        help="read news articles (Indonesian or English) and store their incidents (places, times, claims)",
        description=(
            "Turn each article (UTF-8 text, optional '---' front matter with title, publisher, source_url, published, "
            "language) into incidents: one per place, with time, ACLED event type, actors and claimant. Stored in the "
            "SQLite store; the same article twice adds nothing. Flags override the front matter. If any file is bad, "
            "nothing is stored."
        ),
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="article files (.txt)")
    p.add_argument("--published", help="publication date YYYY-MM-DD (sets the year when the text has none)")
    p.add_argument(
        "--lang", choices=("id", "en", "auto"), default=None, help="language (default: front matter, else auto)"
    )
    p.add_argument("--title", help="title (overrides the front matter)")
    p.add_argument("--publisher", help="publisher (overrides the front matter and the dateline)")
    p.add_argument("--source-url", help="the article's URL")
    p.add_argument("--dry-run", action="store_true", help="extract and print, store nothing")
    p.add_argument("--json", action="store_true", help="print one JSON object per incident")
    p.add_argument(
        "--db", type=store_location, default=None, help="the store (default data/incidents.db, or $DASHBOARD_DB)"
    )
    p.add_argument("--who", default=None, help="recorded as who added the article (default: $USER, else 'cli')")
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser(
        "import-csv",
        help="import an incidents CSV (default data/incidents.csv) and its articles into the store",
        description="Validate an incidents CSV and copy its rows and the articles they cite into the store. "
        "Idempotent: rows already there are left alone, corrections included.",
    )
    p.add_argument("file", nargs="?", type=Path, default=None, help="incidents CSV (default data/incidents.csv)")
    p.add_argument(
        "--db", type=store_location, default=None, help="the store (default data/incidents.db, or $DASHBOARD_DB)"
    )
    p.add_argument(
        "--articles",
        type=Path,
        action="append",
        metavar="DIR",
        help="a folder the CSV may cite articles from, besides data/, seeds/ and $DASHBOARD_ARTICLES (repeatable)",
    )
    p.set_defaults(func=cmd_import_csv)


def cmd_ingest(args: argparse.Namespace) -> int:
    from dashboard.store.sqlite import Store

    db = args.db or args.settings.db
    metadata = dict(
        published=args.published,
        language=args.lang,
        title=args.title,
        publisher=args.publisher,
        source_url=args.source_url,
    )
    extractions, errors = [], []
    for path in args.paths:
        try:
            extractions.append((path, prepare_file(path, db_dir=Store.folder_of(db), **metadata)))
        except DashboardError as err:
            errors.append(str(err))
    if errors:
        raise InputError(
            ("nothing stored; " if not args.dry_run else "") + f"{len(errors)} of {len(args.paths)} "
            "file(s) could not be read:\n" + "\n".join(errors)
        )
    store = None if args.dry_run else Store(db)
    for path, extraction in extractions:
        done = _store(extraction, store, args.dry_run, args.who or args.settings.user or "cli", _noop)
        if args.json:
            for row in done.rows:
                print(json.dumps(row, ensure_ascii=False))
            if extraction.year_how.startswith("unknown"):  # stdout stays JSON; the warning still reaches the user
                print(f"{path}: year {extraction.year_how}", file=sys.stderr)
            continue
        incidents = extraction.incidents
        mapped = sum(1 for i in incidents if i.row["latitude"])
        status = (
            "dry run, nothing stored"
            if done.stored is None
            else "already in the store, nothing added"
            if done.stored.already_stored
            else f"{done.stored.added} added to {store.name}"
            + (
                f"; supersedes the earlier version {', '.join(a[:12] for a in done.stored.supersedes)}"
                if done.stored.supersedes
                else ""
            )
        )
        print(
            f"{path}: {len(incidents)} incident(s), {mapped} mapped, "
            f"{sum(i.background for i in incidents)} background ({status}); year {extraction.year_how}"
        )
        # Only the ids the store now holds: an id printed for a row not stored (already there, dry run) misleads.
        stored = dict(zip(done.stored.positions, done.stored.incident_ids)) if done.stored else {}
        for n, i in enumerate(incidents):
            r = i.row
            where = (
                f"{r['location']} → {r['place']} ({r['country_code']})"
                if r["place"]
                else (r["location"] or "no specific place")
            )
            print(
                f"  {stored.get(n, '(not stored)'):<12}  {r['start_utc'] or '?':>17}  {r['event_type']}/{r['sub_event_type']}  "
                f"{r['claimed_by']}  {where}{'  [background]' if i.background else ''}"
            )
    return 0


def cmd_import_csv(args: argparse.Namespace) -> int:
    from dashboard.settings import SEED_CSV, article_dirs
    from dashboard.store.sqlite import Store

    file = args.file or SEED_CSV
    store = Store(args.db or args.settings.db)
    dirs = article_dirs(args.settings) + (args.articles or [])
    for result in store.import_csv(file, who=args.settings.user or "import-csv", article_dirs=dirs):
        if result.already_stored and not result.added:
            state = "already in the store, nothing new"
        elif result.already_stored:
            rows = ", ".join(map(str, result.rows))
            state = f"already in the store; {result.added} new incident(s) added (row {rows}): " + ", ".join(
                result.incident_ids
            )
        else:
            state = f"{result.added} incident(s) added"
        print(f"{file}: article {result.article_id[:12]}: {state}", file=sys.stdout)
    return 0
