"""Reports, their event links and events in; the map's event marks out: per-place event counts, outlets, shapes.

``EventIndex.build`` runs once per data version: every report gets the code of its event, of its independent
outlet (origin), of its type family, and a second ``LayerIndex`` in which each report stands at its event's
anchor place (so an event is one mark, wherever its reports put it). ``marks`` then adds to
``layer_index.layer_data`` what the events view and the type shapes need, with numpy on the rows in view:
no grouping is recomputed on a slider move. Pure: never imports streamlit.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from dashboard.events.vocab import family
from dashboard.view.layer_index import LayerIndex, RowsView, _pairs, _present, first_positions

FAMILY_ORDER = (  # the shape drawn when a place has several: the first (most violent) of its most common
    "armed clash",
    "remote violence",
    "violence against civilians",
    "protest/riot",
    "strategic development",
    "unknown",
)
SHAPES = {
    "armed clash": "circle",
    "remote violence": "star",
    "violence against civilians": "triangle",
    "protest/riot": "square",
    "strategic development": "diamond",
    "unknown": "circle",
}
# The timeline's colour per family (Okabe–Ito, distinct for colour-blind readers; claimants keep the map's colours)
FAMILY_COLOURS = {
    "armed clash": "#d55e00",
    "remote violence": "#cc79a7",
    "violence against civilians": "#000000",
    "protest/riot": "#009e73",
    "strategic development": "#56b4e9",
    "unknown": "#999999",
}
# A place all of whose events are of these families and coded to a region (geo_precision 3) is drawn small
# and hollow, left out of the size scale and the fit: a phone call "in the capital" is not a battle.
QUIET = frozenset({"strategic development"})
_MOVED = ("latitude", "longitude", "location", "place", "country_code", "geo_precision", "mapped")


def family_codes(event_types: pd.Series) -> np.ndarray:
    """Each ACLED event type's code in FAMILY_ORDER (``vocab.family``; unknown types → "unknown").

    ``vocab.family`` is asked once per distinct type, not once per row (1,000,000 calls took ~1 s)."""
    codes = {f: i for i, f in enumerate(FAMILY_ORDER)}
    code, uniques = pd.factorize(event_types.fillna("").astype(str))
    by_type = np.array([codes[family(v)] for v in uniques] + [codes["unknown"]], dtype=np.int64)
    return by_type[code]  # a missing value's code -1 takes the last entry


def _codes(values) -> tuple[np.ndarray, list[str]]:
    code, uniques = pd.factorize(pd.Series(values, dtype=object))
    return code.astype(np.int64), list(uniques)


@dataclass(frozen=True)
class EventIndex:
    """Per report (row of the frame it was built from): its event, outlet of origin and family; per event: counts."""

    layer: LayerIndex  # reports at their event's anchor place
    event: np.ndarray  # code into event_ids
    event_ids: list[str]
    origin: np.ndarray  # code of the independent outlet the report counts for
    family_report: np.ndarray  # the report's own type family (the raw reports view)
    family_event: np.ndarray  # per event code: the event's family
    n_outlets: np.ndarray  # per event code: independent outlets
    start: np.ndarray  # per event code: earliest start (minutes since the epoch; NaN if unknown), for ordering
    uniform: bool = True  # every report of an event stands at one place of ``layer`` (its anchor's)

    @classmethod
    def build(
        cls, df: pd.DataFrame, links: pd.DataFrame, events: pd.DataFrame, layer: LayerIndex | None = None
    ) -> EventIndex:
        """``df`` the reports (typed frame), ``links`` one row per report, ``events`` one row per event.

        A report with no link (none should have one) is an event of its own. ``layer``: ``LayerIndex.build(df)``
        if the caller has it; the events' layer is then taken from it (numpy) instead of built again.
        """
        # arrays and index look-ups, not a dict per report: 1,000,000 reports took ~10 s that way
        ids = df["incident_id"].astype(str).to_numpy(dtype=object)
        link = links.assign(incident_id=links["incident_id"].astype(str)).drop_duplicates("incident_id")
        where = pd.Index(link["incident_id"]).get_indexer(ids)  # each report's link row, -1 if none
        has = where >= 0

        def linked(column: str) -> np.ndarray:  # per report: its link's value, "" if none
            out = np.full(len(ids), "", dtype=object)
            if column in link:
                out[has] = link[column].fillna("").astype(str).to_numpy(dtype=object)[where[has]]
            return out

        names = linked("event_id")
        alone = names == ""
        names[alone] = ["report:" + i for i in ids[alone]]
        event, event_ids = _codes(names)
        origins = linked("origin_key")
        unlinked = origins == ""
        if unlinked.any():
            sources = df["source"].fillna("").astype(str).to_numpy(dtype=object) if "source" in df else ids[:0]
            origins[unlinked] = sources[unlinked] if len(sources) else ""
        origin, _ = _codes(origins)

        # each report moved to its event's anchor (the anchor is a report of the same frame)
        anchors = linked("anchor_id")
        if pd.Index(ids).is_unique:
            at = pd.Index(ids).get_indexer(anchors)
        else:  # as a dict would: the last report of that id
            position = {i: n for n, i in enumerate(ids)}
            at = np.array([position.get(a, -1) for a in anchors], dtype=np.int64)
        at = np.where(at >= 0, at, np.arange(len(ids))).astype(np.int64)
        if layer is not None and len(layer.place) == len(df):
            layer = _moved_layer(layer, at)
        else:
            moved = df.copy(deep=False)
            for c in _MOVED:
                if c in df:
                    moved[c] = df[c].to_numpy()[at] if len(df) else df[c]
            layer = LayerIndex.build(moved)

        per_event = events.assign(event_id=events["event_id"].astype(str)).set_index("event_id")
        fam = {f: i for i, f in enumerate(FAMILY_ORDER)}
        family_report = family_codes(df["event_type"]) if "event_type" in df else np.zeros(len(df), np.int64)
        # vectorised: a .loc per event costs seconds at 30,000 events
        first = first_positions(event, len(event_ids))  # each event's first report
        known = per_event[~per_event.index.duplicated()].reindex(event_ids)
        named = known["family"].map(fam) if "family" in known else pd.Series(np.nan, index=known.index)
        family_event = np.where(
            known["n_reports"].notna().to_numpy() if "n_reports" in known else np.zeros(len(event_ids), bool),
            named.fillna(fam["unknown"]).to_numpy(dtype=np.int64),
            family_report[first] if len(first) else np.zeros(0, np.int64),
        )
        n_outlets = pd.to_numeric(known["n_outlets"], errors="coerce").fillna(1).to_numpy(dtype=np.int64)
        starts = np.full(len(event_ids), np.nan)
        np.fmin.at(starts, event, layer.start)  # each event's earliest start (NaN if none is known)
        place_of = np.zeros(len(event_ids), dtype=np.int64)
        place_of[event] = layer.place
        uniform = bool((place_of[event] == layer.place).all())
        return cls(layer, event, event_ids, origin, family_report, family_event, n_outlets, starts, uniform)

    def corroborated(self, min_outlets: int) -> np.ndarray:
        """Per report: is its event told by at least ``min_outlets`` independent outlets."""
        return self.n_outlets[self.event] >= max(int(min_outlets), 1)

    def rows_at(self, keep: np.ndarray, place) -> np.ndarray:
        """Positions of the kept mapped reports whose event stands at ``place`` [lat, lon] (a clicked mark)."""
        if not (isinstance(place, list) and len(place) == 2 and all(isinstance(x, (int, float)) for x in place)):
            return np.zeros(0, np.int64)
        lat, lon = self.layer.lat[self.layer.place], self.layer.lon[self.layer.place]
        here = keep & self.layer.mapped & (lat == round(place[0], 5)) & (lon == round(place[1], 5))
        return np.flatnonzero(here)

    def events_of(self, rows: np.ndarray) -> list[tuple[str, np.ndarray]]:
        """The events of ``rows`` (earliest first) with each one's rows among them."""
        codes = self.event[rows]
        out = [(int(c), rows[codes == c]) for c in np.unique(codes)]
        out.sort(key=lambda item: (np.isnan(self.start[item[0]]), self.start[item[0]], self.event_ids[item[0]]))
        return [(self.event_ids[c], r) for c, r in out]


def _moved_layer(layer: LayerIndex, at: np.ndarray) -> LayerIndex:
    """``LayerIndex.build`` of the frame whose rows take the place columns (``_MOVED``) of the rows ``at``: the
    place, spelling, precision and mapped codes are per row, so they are taken, not recomputed (seconds at 1,000,000)."""
    return replace(
        layer,
        mapped=layer.mapped[at],
        place=layer.place[at],
        spelling=layer.spelling[at],
        precision=layer.precision[at],
    )


def counts(ev: EventIndex, keep: np.ndarray) -> tuple[int, int]:
    """(events, reports) among the kept reports; events counted, not sorted (``np.unique`` cost ~0.1 s at 1,000,000)."""
    return len(_present(ev.event[keep], len(ev.event_ids))), int(keep.sum())


# Beyond this many (place, value) cells the distinct pairs are found by sorting instead of counting.
_MAX_CELLS = 1 << 22


def _distinct_per_place(code: np.ndarray, values: np.ndarray, n_places: int, n_values: int) -> np.ndarray:
    """How many distinct ``values`` each place (dense ``code``) has: by counting when the places × values table
    is small (O(n)), else by sorting the pairs."""
    if n_places * n_values <= _MAX_CELLS:
        seen = np.bincount(code * n_values + values, minlength=n_places * n_values).reshape(n_places, n_values)
        return np.count_nonzero(seen, axis=1)
    pairs = np.unique(code * n_values + values)
    return np.bincount(pairs // n_values, minlength=n_places)


def _events_at(code: np.ndarray, event: np.ndarray, n_events: int, uniform: bool) -> tuple[np.ndarray, np.ndarray]:
    """The (place, event) pairs among the rows: each pair's dense place code and event code.

    When every report of an event stands at one place (``EventIndex.uniform``: at its anchor), the events in view
    are found by counting and each one's place is that of any of its rows: O(rows + events), no sort."""
    if uniform:
        events_here = _present(event, n_events)
        place_of = np.zeros(n_events, dtype=np.int64)
        place_of[event] = code  # every row of an event writes the same place
        return place_of[events_here], events_here
    pairs = np.unique(code * n_events + event)
    return pairs // n_events, pairs % n_events


def marks(
    index: LayerIndex,
    rows: np.ndarray,
    family_of_row: np.ndarray,
    ev: EventIndex | None = None,
    view: RowsView | None = None,
) -> dict[str, list]:
    """What ``layer_data(index, rows, …)`` lacks for type shapes (and, with ``ev``, for events), in its order.

    ``f`` each place's family code (the shape), ``fc`` [family, count, …] by events (reports without ``ev``),
    ``soft`` whether the place only has QUIET families at region precision, ``calm`` whether it only has QUIET
    families at any precision; with ``ev``: ``ne`` events,
    ``no`` independent outlets. Counting only (``bincount``), as ``layer_data`` does: this runs on every slider move.
    ``view``: ``RowsView.of(index, rows)``, if the caller has it (``layer.incident_layer`` makes it once for both).
    """
    out: dict[str, list] = {"families": list(FAMILY_ORDER), "shapes": [SHAPES[f] for f in FAMILY_ORDER]}
    if not len(rows):
        return {**out, "f": [], "fc": [], "soft": [], "calm": [], **({"ne": [], "no": []} if ev is not None else {})}
    v = view if view is not None else RowsView.of(index, rows)
    code, n, n_places = v.code, v.n, len(v.places)  # as layer_data numbers the places
    order = np.argsort(-n, kind="stable")
    n_families = len(FAMILY_ORDER)
    if ev is None:  # by reports: each row once
        by_family = np.bincount(code * n_families + family_of_row[rows], minlength=n_places * n_families)
    else:  # by events: each (place, event) pair once
        pc, events_here = _events_at(code, ev.event[rows], len(ev.event_ids), ev.uniform)
        by_family = np.bincount(pc * n_families + ev.family_event[events_here], minlength=n_places * n_families)
    by_family = by_family.reshape(n_places, n_families)
    quiet = [i for i, f in enumerate(FAMILY_ORDER) if f in QUIET]
    loud = [i for i in range(len(FAMILY_ORDER)) if i not in quiet]
    regional = v.counts(index.cells.precision[v.cells], 3)[:, 2] == n
    calm = by_family[:, loud].sum(axis=1) == 0
    soft = calm & regional
    out.update(
        f=by_family.argmax(axis=1)[order].tolist(),  # ties: the first in FAMILY_ORDER
        fc=_pairs(by_family[order]),  # most first, as layer_data's claimant and event lists
        soft=soft[order].tolist(),
        calm=calm[order].tolist(),  # only quiet families here: the frame need not reach it
    )
    if ev is not None:
        out["ne"] = np.bincount(pc, minlength=n_places)[order].tolist()
        n_origins = int(ev.origin.max()) + 1 if len(ev.origin) else 1
        out["no"] = _distinct_per_place(code, ev.origin[rows], n_places, n_origins)[order].tolist()
    return out


def timeline_rows(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event, shaped as ``timeline.timeline`` reads reports: a row per family, the place and counts
    as its label ("Uri · 10 reports from 4 outlets")."""
    start = pd.to_datetime(events["start_utc"], utc=True, format="ISO8601", errors="coerce")
    end = pd.to_datetime(events["end_utc"], utc=True, format="ISO8601", errors="coerce").fillna(start)
    n_reports = events["n_reports"].fillna(0).astype(int)
    n_outlets = events["n_outlets"].fillna(0).astype(int)
    label = [
        f"{place or '(no specific place)'} · {r} report{'s' * (r != 1)} from {k} outlet{'s' * (k != 1)}"
        for place, r, k in zip(events["place"].fillna(""), n_reports, n_outlets)
    ]
    return pd.DataFrame(
        {
            "start": start,
            "end": end,
            "claimed_by": events["family"].fillna("unknown").astype(str),
            "location": label,
            "sub_event_type": events["sub_event_type"].fillna("").astype(str),
            "time_precision": events["time_precision"].fillna("").astype(str),
        }
    )


def shape_svg(shape: str, size: int = 18, fill: str = "#555", hollow: bool = False) -> str:
    """A legend swatch drawn as incident_layer.js draws the mark."""
    c, r = size / 2, size / 2 - 4  # room for the star's and diamond's points
    paint = f'fill="{"none" if hollow else fill}" stroke="{fill if hollow else "#fff"}" stroke-width="1.5"'
    if shape == "square":
        s = r * 0.89
        body = f'<rect x="{c - s:.1f}" y="{c - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {paint}/>'
    elif shape in ("diamond", "triangle", "star"):
        pts = _polygon(shape, c, c, r)
        body = f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" {paint}/>'
    else:
        body = f'<circle cx="{c}" cy="{c}" r="{r:.1f}" {paint}/>'
    return f'<svg width="{size}" height="{size}">{body}</svg>'


def _polygon(shape: str, x: float, y: float, r: float) -> list[tuple[float, float]]:
    """The corners incident_layer.js's shapePath draws (same factors)."""
    if shape == "diamond":
        d = r * 1.25
        return [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
    if shape == "triangle":
        t = r * 1.3
        return [(x, y - t), (x + t * 0.866, y + t * 0.5), (x - t * 0.866, y + t * 0.5)]
    outer, inner = r * 1.5, r * 0.75  # a five-pointed star
    return [
        (
            x + (outer if k % 2 == 0 else inner) * np.sin(k * np.pi / 5),
            y - (outer if k % 2 == 0 else inner) * np.cos(k * np.pi / 5),
        )
        for k in range(10)
    ]


def off_frame_html(names: list[str]) -> str:
    """The places left far out of the frame ("Moscow": a call there, beside fighting on a border), so a picture
    says they exist; ``layer.frame`` finds them."""
    if not names:
        return ""
    shown = ", ".join(html.escape(str(n)) for n in names[:5]) + (
        f" and {len(names) - 5} more" if len(names) > 5 else ""
    )
    return f"<div><i>Off the frame (zoom out to see): {shown}</i></div>"


def legend_html(data: dict) -> str:
    """The legend's "Event type" part: a swatch per family on the map, and what a hollow mark means."""
    soft = data.get("soft") or [False] * len(data.get("fc", []))
    # a family only drawn hollow (the quiet region-wide marks) is explained by the hollow swatch alone
    present = sorted({code for fc, quiet in zip(data.get("fc", []), soft) if not quiet for code in fc[::2]})
    if not present and not any(soft):
        return ""
    rows = "".join(f"<div>{shape_svg(SHAPES[FAMILY_ORDER[k]])}{html.escape(FAMILY_ORDER[k])}</div>" for k in present)
    hollow = (
        f"<div>{shape_svg('diamond', hollow=True)}strategic development, region-wide (not sized by count)</div>"
        if any(soft)
        else ""
    )
    return "<b>Event type</b>" + rows + hollow
