"""Resolved pieces of one sentence in, incident rows out: ids, the row dict with models.COLUMNS, place fields."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard.ingest.articles import Article
from dashboard.models import COLUMNS, place_columns

if TYPE_CHECKING:
    from dashboard.ingest.mentions import Mention


@dataclass(frozen=True)
class Incident:
    row: dict
    background: bool = False
    confidence: float = 0.0


@dataclass(frozen=True)
class Extraction:
    article: Article
    incidents: tuple[Incident, ...]
    mentions: tuple[Mention, ...]
    context: tuple[str, ...]
    year_how: str
    key: str = ""

    def rows(self, include_background: bool = True) -> list[dict]:
        return [i.row for i in self.incidents if include_background or not i.background]

    def frame(self):
        """The rows as a DataFrame of strings (COLUMNS), plus a boolean ``background`` column."""
        import pandas as pd

        df = pd.DataFrame([i.row for i in self.incidents], columns=list(COLUMNS), dtype=str).fillna("")
        df["background"] = [i.background for i in self.incidents]
        return df


def source_key(article: Article, root: Path | None = None) -> str:
    """What ids hash: the file's path relative to ``root`` (the repository, as the seed was coded), else the text's
    hash; so an id never depends on where the checkout sits."""
    if article.source_path and root is not None:
        try:
            return Path(article.source_path).resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return "sha256:" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:16]


def _hash(*parts) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


def _row(
    *,
    key,
    sentence,
    group,
    interval,
    tz,
    event,
    actors,
    claimant,
    as_written="",
    relays=(),
    location,
    place,
    method,
    precision,
    fatalities,
    article,
    publisher,
    source_path,
    notes,
) -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        incident_id=_hash(key, sentence.start, sentence.end, location),
        event_group=group,
        start_utc=interval.start_iso if interval else "",
        end_utc=interval.end_iso if interval else "",
        time_precision=interval.precision if interval else "unknown",
        local_tz=tz,
        event_type=event[0],
        sub_event_type=event[1],
        actor1=actors[0],
        actor2=actors[1],
        claimed_by=claimant,
        claimant_as_written=as_written,
        location=location,
        geo_precision=str(precision),
        geo_method=method if place else "",
        fatalities="" if fatalities is None else str(fatalities),
        source=publisher + (" via " + ", ".join(relays) if relays else ""),
        source_url=article.source_url,
        published=article.published.isoformat() if article.published else "",
        language=article.language,
        source_path=source_path,
        excerpt=sentence.text,
        excerpt_start=str(sentence.start),
        excerpt_end=str(sentence.end),
        notes=notes,
    )
    if place is not None:
        row.update(place_columns(place))
    else:
        row["geo_precision"] = ""
    return row
