"""Reports (+ article texts) in, events out: one row per event, and the map's data per place and per event as dicts.

``build`` runs the grouping and the independence check and gives an ``EventSet``: ``links`` (one row per
report: its event, why it was linked, its outlet and origin) and ``events`` (one row per event, the CLI's
and the exports' columns). ``place_summaries`` and ``claims_by_side`` are what a marker, its tooltip and
its popup will draw: plain dicts, no HTML (the view escapes).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from dashboard.events.grouping import group
from dashboard.events.independence import independence
from dashboard.events.vocab import claimant_side, family
from dashboard.ingest.lexicon import DENIAL_VERBS
from dashboard.models import TIME_PRECISIONS

EVENT_COLUMNS = (
    "event_id",
    "place",
    "latitude",
    "longitude",
    "geo_precision",
    "country_code",
    "start_utc",
    "end_utc",
    "time_precision",
    "event_type",
    "sub_event_type",
    "family",
    "n_reports",
    "n_outlets",
    "n_sources",
    "outlets",
    "claimants",
    "report_ids",
    "source_urls",
)
_CARRIED = (
    "place",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "country_code",
    "start_utc",
    "end_utc",
    "time_precision",
    "event_type",
    "sub_event_type",
    "claimed_by",
    "source",
    "source_url",
    "published",
    "excerpt",
)


@dataclass(frozen=True)
class EventSet:
    links: pd.DataFrame  # per report: grouping.LINK_COLUMNS + independence.COLUMNS
    events: pd.DataFrame  # per event: EVENT_COLUMNS


def build(
    reports: pd.DataFrame, texts: dict[str, str] | None = None, links: pd.DataFrame | None = None, known=None
) -> EventSet:
    """Group ``reports`` (or take ``links`` as given, e.g. with analysts' overrides applied) and summarise;
    ``known``: ``independence.outlets`` of the whole store when ``reports`` are only some of its events."""
    links = group(reports) if links is None else links
    indep = independence(reports, links, texts, known)
    links = links.merge(indep, on="incident_id", how="left")
    return EventSet(links, summarise(reports, links))


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.notna(), "").astype(str).replace({"<NA>": "", "nan": ""})


def _float(value: str):
    try:
        return float(value) if value else None
    except ValueError:
        return None


def summarise(reports: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """One row per event (``EVENT_COLUMNS``), from the reports and their links (with independence columns).

    Place and coordinates are the anchor's (the most precise report); the time is the span of the members
    with the finest time precision; the type is the most common among members (ties: the anchor's).
    Plain Python over lists: a pandas operation per event would cost seconds at 100,000 reports.
    """
    if links.empty:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    cells = reports.reset_index(drop=True)
    col = {c: _text(cells[c]).tolist() if c in cells.columns else [""] * len(cells) for c in _CARRIED}
    row_of = {iid: n for n, iid in enumerate(cells["incident_id"].astype(str))}
    ranks = {p: i for i, p in enumerate(TIME_PRECISIONS)}
    lk = {c: links[c].fillna("").astype(str).tolist() if c in links.columns else [""] * len(links) for c in _LINKED}
    members: dict[str, list[tuple[int, int]]] = {}
    for k, (iid, event_id) in enumerate(zip(lk["incident_id"], lk["event_id"])):
        if iid in row_of:
            members.setdefault(event_id, []).append((row_of[iid], k))
    sides: dict[str, str] = {}
    rows = []
    for event_id, pairs in members.items():
        pairs.sort()
        anchor = next((r for r, k in pairs if lk["anchor_id"][k] == lk["incident_id"][k]), pairs[0][0])
        finest = min(ranks.get(col["time_precision"][r], len(ranks)) for r, _ in pairs)
        fine = [r for r, _ in pairs if ranks.get(col["time_precision"][r], len(ranks)) == finest]
        starts = [col["start_utc"][r] for r in fine if col["start_utc"][r]]
        ends = [col["end_utc"][r] or col["start_utc"][r] for r in fine if col["end_utc"][r] or col["start_utc"][r]]
        kinds = Counter((col["event_type"][r], col["sub_event_type"][r]) for r, _ in pairs)
        best = max(kinds.values())
        own = (col["event_type"][anchor], col["sub_event_type"][anchor])
        kind = own if kinds[own] == best else next(k for k, v in kinds.items() if v == best)
        claimants: dict[str, list[str]] = {}
        for r, _ in pairs:
            claimant = col["claimed_by"][r]
            side = sides.get(claimant) or sides.setdefault(claimant, claimant_side(claimant))
            names = claimants.setdefault(side, [])
            if claimant and claimant not in names:
                names.append(claimant)
        rows.append(
            (
                event_id,
                col["place"][anchor] or col["location"][anchor],
                _float(col["latitude"][anchor]),
                _float(col["longitude"][anchor]),
                int(float(col["geo_precision"][anchor])) if col["geo_precision"][anchor] else None,
                col["country_code"][anchor],
                min(starts) if starts else None,
                max(ends) if ends else None,
                col["time_precision"][fine[0]],
                kind[0],
                kind[1],
                family(kind[0]),
                len(pairs),
                len({lk["origin_key"][k] or col["source"][r] for r, k in pairs}),
                len({lk["outlet_key"][k] or col["source"][r] for r, k in pairs}),
                list(dict.fromkeys(lk["outlet"][k] or col["source"][r] for r, k in pairs)),
                claimants,
                [lk["incident_id"][k] for _, k in pairs],
                [u for u in dict.fromkeys(col["source_url"][r] for r, _ in pairs) if u],
            )
        )
    out = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    return out.sort_values(["start_utc", "event_id"], na_position="last", kind="stable").reset_index(drop=True)


_LINKED = ("incident_id", "event_id", "anchor_id", "outlet", "outlet_key", "origin_key")


# The claim's speech verb, as the extractor notes it ("Claim: Armenia MoD ('denied')."): a denial, not an assertion
_DENIAL = re.compile(r"^Claim: [^\n]*?\('(?:" + "|".join(DENIAL_VERBS) + r")'\)")


def claims_by_side(event_id: str, reports: pd.DataFrame, links: pd.DataFrame) -> list[dict]:
    """An event's claims side by side: [{side, claims: [{claimant, excerpt, outlet, published, source_url, …}]}]."""
    members = links[links["event_id"] == event_id]
    cells = reports.set_index(reports["incident_id"].astype(str), drop=False)
    sides: dict[str, list[dict]] = {}
    for link in members.itertuples(index=False):
        row = cells.loc[link.incident_id]
        claimant = str(row.get("claimed_by", "") or "")
        sides.setdefault(claimant_side(claimant), []).append(
            dict(
                incident_id=link.incident_id,
                claimant=claimant,
                excerpt=str(row.get("excerpt", "") or ""),
                denies=bool(_DENIAL.match(str(row.get("notes", "") or ""))),
                outlet=getattr(link, "outlet", "") or str(row.get("source", "")),
                published=str(row.get("published", "") or ""),
                source_url=str(row.get("source_url", "") or ""),
                independent=not getattr(link, "relay_of", "") and not getattr(link, "relay_reason", ""),
                relay_reason=getattr(link, "relay_reason", "") or "",
            )
        )
    return [
        {"side": side, "says": f"{side} says" if side != "unattributed" else "unattributed", "claims": claims}
        for side, claims in sorted(sides.items(), key=lambda item: (item[0] == "unattributed", item[0]))
    ]


def place_summaries(events: pd.DataFrame, links: pd.DataFrame) -> list[dict]:
    """Per place: "N events · M reports from K outlets", its family mix and its events (id, family, time, counts)."""
    out = []
    if events.empty:
        return out
    origin_of = links.set_index("incident_id")["origin_key"].fillna("").to_dict() if "origin_key" in links else {}
    for (place, lat, lon), group_ in events.groupby(["place", "latitude", "longitude"], dropna=False, sort=True):
        report_ids = [r for ids in group_["report_ids"] for r in ids]
        outlets = {origin_of.get(r, "") for r in report_ids} - {""}
        n_events, n_reports = len(group_), len(report_ids)
        out.append(
            dict(
                place=place,
                latitude=None if pd.isna(lat) else float(lat),
                longitude=None if pd.isna(lon) else float(lon),
                n_events=n_events,
                n_reports=n_reports,
                n_outlets=len(outlets),
                label=f"{n_events} event{'s' * (n_events != 1)} · {n_reports} report{'s' * (n_reports != 1)} "
                f"from {len(outlets)} outlet{'s' * (len(outlets) != 1)}",
                families=group_["family"].value_counts().to_dict(),
                events=group_[
                    [
                        "event_id",
                        "family",
                        "event_type",
                        "sub_event_type",
                        "start_utc",
                        "end_utc",
                        "n_reports",
                        "n_outlets",
                    ]
                ].to_dict("records"),
            )
        )
    return out
