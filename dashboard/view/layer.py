"""The incidents in view (a typed DataFrame) in, the map's incident layer out: one marker per place.

What the layer shows, and why it is built this way:

* **One marker per place.** Markers at one place are drawn on top of each other, so only the last one
  could be seen, hovered or clicked. All incidents at a place are one dot: split into wedges by claimant
  (the two sides' claims stay apart, side by side), sized by how many incidents it stands for, with a
  tooltip that counts them by claimant, event and location precision. A click lists every one of them.
  A place with one incident looks as it always did: a dot in its claimant's colour.
* **Honest precision.** Incidents coded "near / toward" a place or to its district (geo_precision 2) or
  to a region (3) get a ring (a light disc) of that size around the place, in the claimant's colour, grey when
  several claimants share it.
* **Small and fast.** The places travel as compact columns (``layer_index.layer_data``) and are drawn on one
  canvas by ``dashboard/view/js/incident_layer.js``, which loads once with Leaflet.

The parts: ``layer_index`` (the numbers), ``map_elements`` (the folium elements), ``legend`` (its HTML);
this module puts them together and finds the incidents at a clicked marker. Pure: never imports streamlit.
"""

from __future__ import annotations

import folium
import numpy as np
import pandas as pd

from dashboard.view import events_layer, origins
from dashboard.view.basemap import RING_METRES
from dashboard.view.layer_index import LayerIndex, RowsView, index_and_rows, layer_data
from dashboard.view.legend import legend_html
from dashboard.view.map_elements import FitAndLegend, IncidentMarkers, PlaceLabels

# What incident_layer (given a LayerIndex) and at_marker read of a window's frame: it needs no other column.
LAYER_COLUMNS = ["mapped"]
MARKER_COLUMNS = ["incident_id", "mapped", "latitude", "longitude", "start"]
# px: on a narrower map (the raw view's, beside its excerpts) the legend, up to 240 px wide, starts folded
LEGEND_FOLD_BELOW = 720


def at_marker(df: pd.DataFrame, properties: dict) -> pd.DataFrame:
    """The incidents in ``df`` at a clicked marker's place (its GeoJSON ``properties``), earliest first; none if unknown."""
    incident_id, place = properties.get("incident_id"), properties.get("place")
    if not (isinstance(place, list) and len(place) == 2 and all(isinstance(x, (int, float)) for x in place)):
        # no place: the incident itself, if the marker named one
        return df[df["incident_id"] == incident_id] if incident_id else df.iloc[:0]
    # by place, not by id: after a slider move the same marker may stand for more incidents than when clicked
    mapped = df[df["mapped"]]
    here = (mapped["latitude"].round(5) == round(place[0], 5)) & (mapped["longitude"].round(5) == round(place[1], 5))
    return mapped[here].sort_values("start", kind="stable", na_position="last")


MAX_LABELLED_PLACES = 40  # beyond this, names on the map hide the map: tooltips only


def place_labels(index: LayerIndex, rows: np.ndarray) -> list[tuple[float, float, str]]:
    """One label per mapped place among ``rows``: ``Sotk ("Sok")`` when the source spells it differently.

    The first spelling in the data names the place; none if there are more than MAX_LABELLED_PLACES.
    """
    out: dict[int, tuple[float, float, str]] = {}
    for s in np.unique(index.spelling[rows]).tolist():
        p, written, resolved, _ = index.spellings[s]
        if p in out:
            continue
        if len(out) == MAX_LABELLED_PLACES:
            return []
        text = resolved or written
        if written and resolved and written.casefold() != resolved.casefold():
            text = f'{resolved} ("{written}")'
        out[p] = (float(index.lat[p]), float(index.lon[p]), text)
    return list(out.values())


def incident_layer(
    df: pd.DataFrame,
    colours: dict[str, str],
    fit: bool = True,
    dot_radius: int = 7,
    index: LayerIndex | None = None,
    families: np.ndarray | None = None,
    events: events_layer.EventIndex | None = None,
    attribution: str = "",
    keep: np.ndarray | None = None,
    fold_legend_below: int = 0,
) -> folium.FeatureGroup:
    """Everything that depends on the filtered data, as one FeatureGroup: rings, dots, legend, fitted view.

    The places travel as compact columns (``incident_data``), drawn by dashboard/view/js/incident_layer.js.

    ``fit=False`` keeps the map's own centre and zoom (a link or snapshot that names its view). ``index``:
    see ``incident_data``. The mark's shape is its type family (``families``: a code per row of ``index``,
    ``events_layer.family_codes``; taken from ``df["event_type"]`` when ``df`` is the whole frame).
    ``events`` (``events_layer.EventIndex`` of the same frame) draws events instead of reports.
    ``attribution``: the ACLED / UCDP credit line (``origins.attribution``), if any.
    ``keep``: with ``index``, a boolean mask over the whole frame ``df`` (the rows to draw): the layer then takes
    the rows' positions from it instead of finding ``df``'s labels in the index (at 1,000,000 incidents, copying
    the kept rows and looking their labels up cost ~60 ms a slider move).
    ``fold_legend_below``: the map width (px) under which the legend starts folded; 0 (pictures) never folds it.
    """
    fg = folium.FeatureGroup(name="Incidents")
    if events is not None:
        index, families = events.layer, events.family_report
    if keep is not None and index is not None and df.index.equals(index.labels):
        built, rows = False, np.flatnonzero(np.asarray(keep, dtype=bool) & index.mapped)
    else:
        df = df if keep is None else df.loc[keep]
        built = index is None or index.rows(df) is None
        index, rows = index_and_rows(df, index)
    view = RowsView.of(index, rows) if len(rows) else None  # the rows by cell and place, for both calls
    data = layer_data(index, rows, colours, view)
    if built or families is None:
        families = events_layer.family_codes(df["event_type"]) if "event_type" in df and built else None
    if families is not None:
        data.update(events_layer.marks(index, rows, families, events, view))
    soft = np.array(data.get("soft") or [False] * len(data["n"]), dtype=bool)
    # the frame's, not the browser's: kept out of what every slider move sends
    calm = np.array(data.pop("calm", None) or [False] * len(data["n"]), dtype=bool)
    if data["n"]:
        fg.add_child(IncidentMarkers(data, radius=dot_radius))
    bounds, far = frame(data, soft, calm) if fit and data["n"] else (None, [])
    if len(data["n"]) <= MAX_LABELLED_PLACES:
        labels = place_labels(index, rows)
        if labels:
            fg.add_child(PlaceLabels(labels))
    # the legend explains what is on the map
    claimants = sorted({data["claimants"][c][0] for flat in data["c"] for c in flat[::2]})
    sized = max((n for n, q in zip(data["n"], soft) if not q), default=1)  # soft marks are not sized by count
    counted = "Reports" if events is not None else "Incidents"
    key = (
        legend_html(claimants, colours, sized, dot_radius, counted)
        + events_layer.legend_html(data)
        + events_layer.off_frame_html([p[2] for p, out in zip(data["places"], far) if out])
        + origins.legend_part(data.get("o", ()))
    )
    fg.add_child(FitAndLegend(bounds, key, fold_legend_below))
    fg.add_child(origins.CodedAttribution(attribution))  # always: an empty one removes the last window's
    return fg


def frame(data: dict, soft: np.ndarray, calm: np.ndarray) -> tuple[list[list[float]], np.ndarray]:
    """The map's frame, [[south, west], [north, east]], and which places lie far outside it: the places' rings,
    not just their centres (an approximate location shows its whole uncertainty). A quiet region-wide mark
    (``soft``) does not pull the frame out to its 50 km ring unless nothing else is shown. Nor does a place of
    strategic developments only (``calm``: a ministers' call in Moscow) far from the violence shown: the frame is
    the fighting's, a calm place (not region-wide) within a frame's width of it joins by its centre, and the legend
    names the places left out (``off_frame_html``)."""
    places = np.array([[p[0], p[1]] for p in data["places"]], dtype=float)
    fitted = ~calm if (~calm).any() else ~soft if (~soft).any() else np.ones(len(soft), dtype=bool)
    lat, lon = places[fitted, 0], places[fitted, 1]
    g = np.array(data["g"])[fitted]
    metres = np.select([g[:, 2] > 0, g[:, 1] > 0], [RING_METRES[3], RING_METRES[2]], 0)
    dlat = metres / 111_320
    dlon = dlat / np.cos(np.radians(lat))
    south, west, north, east = (lat - dlat).min(), (lon - dlon).min(), (lat + dlat).max(), (lon + dlon).max()
    height, width = max(north - south, 1.0), max(east - west, 1.0)
    within = (places[:, 0] >= south - height) & (places[:, 0] <= north + height)
    within &= (places[:, 1] >= west - width) & (places[:, 1] <= east + width)
    near = calm & ~soft & ~fitted & within
    if near.any():
        south, north = min(south, places[near, 0].min()), max(north, places[near, 0].max())
        west, east = min(west, places[near, 1].min()), max(east, places[near, 1].max())
    return [[float(south), float(west)], [float(north), float(east)]], ~fitted & ~within
