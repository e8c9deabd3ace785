"""A CSV's reports and data version in, its events out, kept on disk: grouped once per data version, not per start.

A store keeps its events in its own tables (``store/events.py``). A CSV is read-only, so the events of its
reports (``events.summary.build``: one row per report in ``links``, one per event in ``events``) are written
under ``cache_dir()/events/<key>/`` as Parquet, next to the gazetteer index: grouping 1,000,000 reports takes
about two minutes, reading them back a few seconds. The key holds the CSV's data version (a hash of its
bytes), its row count and the grouping's ``ALGORITHM``, so new content or a new grouping is grouped afresh and
a stale entry is never read. Lists (and the claimants by side) are stored as JSON text, as the store's tables
keep them. A damaged entry is grouped again and replaced; a cache that cannot be written costs only time.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from dashboard.events.summary import EventSet, build
from dashboard.store.events import _LISTS, ALGORITHM

FORMAT = 1  # bump when the files' layout changes
KEEP = 20  # entries kept (the most recently used): each CSV version read adds one (~45 MB at 1,000,000 reports)
log = logging.getLogger(__name__)


def key(version: str, n_reports: int) -> str:
    """The entry's folder name: data version, rows, grouping algorithm and file layout."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", f"{version}-n{n_reports}-{ALGORITHM}-f{FORMAT}")


def load_or_build(cache_root: Path, version: str, reports: pd.DataFrame) -> EventSet:
    """The events of ``reports`` (a CSV's typed frame of data version ``version``): read from the cache, or grouped
    (without article texts, so no near-copy check) and written there for the next start."""
    directory = Path(cache_root) / "events" / key(version, len(reports))
    if (directory / "events.parquet").exists():
        try:
            result = _read(directory)
            os.utime(directory)  # most recently used: the last to be pruned
            return result
        except (OSError, ValueError, KeyError):  # damaged or foreign: grouped again and replaced below
            shutil.rmtree(directory, ignore_errors=True)
    result = build(reports)
    try:
        _write(directory, result)
        _prune(directory.parent, KEEP)
    except OSError as err:  # a read-only or full cache: the events are grouped all the same, the next start pays again
        log.warning("could not keep the events of %s reports in %s: %s", len(reports), directory, err)
    return result


def _prune(root: Path, keep: int) -> None:
    """Remove all but the ``keep`` most recently used entries (half-written ones too, once they are old)."""
    entries = sorted(root.iterdir(), key=lambda d: d.stat().st_mtime, reverse=True)
    for stale in entries[keep:]:
        shutil.rmtree(stale, ignore_errors=True)


def _write(directory: Path, result: EventSet) -> None:
    """Both files into a temporary folder beside the entry, then renamed into place: never half-written."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        events = result.events.copy()
        for c in _LISTS:
            events[c] = [json.dumps(v, ensure_ascii=False) for v in events[c]]
        result.links.to_parquet(tmp / "links.parquet", index=False)
        events.to_parquet(tmp / "events.parquet", index=False)
        try:
            os.rename(tmp, directory)
        except OSError:
            if not (directory / "events.parquet").exists():
                raise
            shutil.rmtree(tmp, ignore_errors=True)  # another server wrote the same entry first
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _read(directory: Path) -> EventSet:
    links = pd.read_parquet(directory / "links.parquet")
    events = pd.read_parquet(directory / "events.parquet")
    for c in _LISTS:
        events[c] = [json.loads(v) if v else ([] if c != "claimants" else {}) for v in events[c]]
    return EventSet(links, events)
