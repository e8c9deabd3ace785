"""Automatic links and analysts' merges/splits in, links with the analysts' decisions applied out.

Overrides are stored as *report ids*, not event ids (which a recomputation may change): a merge keeps the
reports of the merged events together, a split keeps one report apart from the reports it was with. They
are replayed in the order they were made after every automatic grouping, so a later ingest never undoes
them; a later override wins over an earlier one about the same reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.events.grouping import event_id_of


@dataclass(frozen=True)
class Override:
    override_id: int
    action: str  # "merge" or "split"
    incident_ids: tuple[str, ...]  # merge: every report of the merged events; split: the report split off
    who: str
    at_utc: str


def split_event_id(incident_id: str) -> str:
    """The event a report split off by an analyst stands in: stable, and never the id of the one it left."""
    return event_id_of(f"split:{incident_id}")


def apply(links: pd.DataFrame, overrides: list[Override]) -> pd.DataFrame:
    """``links`` (grouping.LINK_COLUMNS, store order) with each override replayed; adds an ``override`` column."""
    out = links.copy()
    if "override" not in out.columns:
        out["override"] = ""
    if out.empty or not overrides:
        return out
    position = {iid: n for n, iid in enumerate(out["incident_id"])}
    event = out["event_id"].tolist()
    anchor = out["anchor_id"].tolist()
    note = out["override"].tolist()
    for o in overrides:
        rows = [position[i] for i in o.incident_ids if i in position]
        said = f"{o.action} #{o.override_id} by {o.who} at {o.at_utc}"
        if o.action == "merge":
            events = {event[r] for r in rows}
            if len(events) < 2:
                continue
            members = [n for n, e in enumerate(event) if e in events]
            target = event[members[0]]  # the event of the first stored report keeps its id
            lead = anchor[members[0]]
            for n in members:
                if event[n] != target:
                    event[n], anchor[n], note[n] = target, lead, said
        elif o.action == "split" and rows:
            r = rows[0]
            others = [n for n, e in enumerate(event) if e == event[r] and n != r]
            if not others:
                continue
            if any(anchor[n] == out.at[r, "incident_id"] for n in others):
                new_anchor = out.at[others[0], "incident_id"]
                for n in others:
                    if anchor[n] == out.at[r, "incident_id"]:
                        anchor[n] = new_anchor
            own = split_event_id(out.at[r, "incident_id"])
            if event[r] == own:
                # r stands in the event named after its own earlier split (merged back since): the ones it leaves
                # take the id of the first of them, so the two events never share an id
                rest = event_id_of(out.at[others[0], "incident_id"])
                for n in others:
                    event[n] = rest
            event[r], anchor[r], note[r] = own, out.at[r, "incident_id"], said
    out["event_id"], out["anchor_id"], out["override"] = event, anchor, note
    return out
