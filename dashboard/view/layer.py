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
* **Small and fast.** The places travel as compact columns (``incident_data``) and are drawn on one
  canvas by ``dashboard/view/js/incident_layer.js``, which loads once with Leaflet. At 10,000 incidents that
  is ~700 places: ~100 kB per slider move (~30 kB on the wire), where one marker per incident sent 270 kB
  and took ~200 ms more to draw.

Pure: never imports streamlit.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from dashboard.view.basemap import OTHER_COLOUR, PRECISION_TEXT, RING_METRES

# What incident_layer (given a LayerIndex) and at_marker read of a window's frame: it needs no other column.
LAYER_COLUMNS = ["mapped"]
MARKER_COLUMNS = ["incident_id", "mapped", "latitude", "longitude", "start"]
MIXED_COLOUR = "#555555"  # a ring shared by several claimants
RING_OPACITY = 0.08


def _js_literal(obj) -> str:
    """JSON that is also safe inside an HTML <script> (the standalone page inlines it): no <, >, & or line separators."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _minutes(ts: pd.Series) -> pd.Series:
    return (ts - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(minutes=1)


def _counts(codes: np.ndarray, values: np.ndarray, n_places: int, n_values: int) -> np.ndarray:
    """A places × values matrix of counts."""
    return np.bincount(codes * n_values + values, minlength=n_places * n_values).reshape(n_places, n_values)


def _pairs(matrix: np.ndarray) -> list[list[int]]:
    """Each row's non-zero counts as a flat [code, count, code, count, …] list, most first."""
    rows, cols = np.nonzero(matrix)
    counts = matrix[rows, cols]
    order = np.lexsort((cols, -counts, rows))  # by row, then most first, then code
    flat = np.column_stack([cols[order], counts[order]]).ravel()
    ends = np.cumsum(np.bincount(rows, minlength=len(matrix))) * 2
    return [part.tolist() for part in np.split(flat, ends[:-1])]


def _where(spellings: list[str], place: str, most: int = 3) -> str:
    """``Sok → Sotk``; several spellings: ``Sok / Sotk → Sotk`` (at most ``most``, then "+k"); one name: ``Goris``."""
    written = [s for s in spellings if s] or [place]
    shown = " / ".join(written[:most]) + (f" +{len(written) - most}" if len(written) > most else "")
    if not place or written == [place]:
        return shown
    return f"{shown} → {place}"


@dataclass(frozen=True)
class LayerIndex:
    """What ``incident_data`` needs of every incident, as codes and numbers: made once per data version.

    A slider move then costs numpy work on the rows in the window, and no string is touched but the few
    that go to the browser. Rows are found by the frame's index labels, so ``incident_data`` takes any
    subset of the frame the index was built from.
    """

    labels: pd.Index
    mapped: np.ndarray  # bool
    place: np.ndarray  # code into lat/lon (same rounded coordinates, same place)
    lat: np.ndarray
    lon: np.ndarray
    spelling: np.ndarray  # code into spellings: (place code, as written, resolved, country)
    spellings: list[tuple[int, str, str, str]]
    claimant: np.ndarray
    claimants: list[str]
    event: np.ndarray
    events: list[str]
    precision: np.ndarray  # 0, 1, 2 for geo_precision 1, 2, 3
    timed: np.ndarray
    start: np.ndarray  # minutes since the epoch (float, NaN if unknown)
    end: np.ndarray
    kind: np.ndarray  # code into kinds: [time precision, zone, UTC offset at start, at end (minutes)]
    kinds: list[list]
    ids: np.ndarray  # incident_id (object)

    @classmethod
    def build(cls, df: pd.DataFrame) -> LayerIndex:
        lat, lon = df["latitude"].astype("float64").round(5), df["longitude"].astype("float64").round(5)
        place = (
            pd.DataFrame({"lat": lat, "lon": lon}).groupby(["lat", "lon"], sort=False, dropna=False).ngroup().to_numpy()
        )
        first = np.full(int(place.max()) + 1 if len(place) else 0, -1)
        first[place[::-1]] = np.arange(len(place))[::-1]
        text = pd.DataFrame(
            {
                "p": place,
                "w": df["location"].fillna("").array,
                "r": df["place"].fillna("").array,
                "cc": df["country_code"].fillna("").array,
            }
        )
        spelling, spellings = pd.factorize(pd.MultiIndex.from_frame(text))
        claimant, claimants = pd.factorize(df["claimed_by"].fillna(""))
        event, events = pd.factorize(df["sub_event_type"].fillna(""))
        timed = (df["start"].notna() & df["end"].notna() & (df["time_precision"] != "unknown")).to_numpy()
        zones = df["local_tz"].fillna("")
        offsets = {}
        for edge in ("start", "end"):
            out = pd.Series(0, index=df.index, dtype="int64")
            for zone in zones[timed].unique():
                if zone:
                    m = (zones == zone).to_numpy() & timed
                    ts = df.loc[m, edge]
                    out[m] = (ts.dt.tz_convert(zone).dt.tz_localize(None) - ts.dt.tz_localize(None)) // pd.Timedelta(
                        minutes=1
                    )
            offsets[edge] = out
        kind, kinds = pd.factorize(
            pd.MultiIndex.from_arrays(
                [df["time_precision"].fillna("").array, zones.array, offsets["start"], offsets["end"]]
            )
        )
        return cls(
            labels=df.index,
            mapped=df["mapped"].to_numpy(dtype=bool),
            place=place,
            lat=lat.to_numpy()[first],
            lon=lon.to_numpy()[first],
            spelling=spelling,
            spellings=[(int(p), w, r, cc) for p, w, r, cc in spellings],
            claimant=claimant,
            claimants=list(claimants),
            event=event,
            events=list(events),
            precision=df["geo_precision"].astype("Int64").fillna(1).clip(1, 3).to_numpy(dtype=np.int64) - 1,
            timed=timed,
            start=_minutes(df["start"]).to_numpy(dtype="float64", na_value=np.nan),
            end=_minutes(df["end"]).to_numpy(dtype="float64", na_value=np.nan),
            kind=kind,
            kinds=[[k[0], k[1], int(k[2]), int(k[3])] for k in kinds],
            ids=df["incident_id"].to_numpy(dtype=object),
        )

    def rows(self, df: pd.DataFrame) -> np.ndarray | None:
        """Positions of ``df``'s mapped rows in the index; None if its labels are not the frame's.

        ``df`` must be rows of the frame the index was built from, found by their labels (as ``df.loc[mask]``
        gives them): a frame whose labels merely fall inside the index (another frame with a RangeIndex) is
        not detected.
        """
        if df.index.equals(self.labels):
            return np.flatnonzero(self.mapped)
        if not self.labels.is_unique:
            return None
        pos = self.labels.get_indexer(df.index)
        if (pos < 0).any():
            return None
        return pos[self.mapped[pos]]


def _whole(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` itself, to build an index from; a narrow frame (the app's) cannot be, and says so."""
    missing = [c for c in _INDEX_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"the incident layer needs the LayerIndex of this frame's data, or the columns {missing}")
    return df


_INDEX_COLUMNS = [
    "incident_id",
    "mapped",
    "latitude",
    "longitude",
    "location",
    "place",
    "country_code",
    "claimed_by",
    "sub_event_type",
    "geo_precision",
    "start",
    "end",
    "time_precision",
    "local_tz",
]


def incident_data(df: pd.DataFrame, colours: dict[str, str], index: LayerIndex | None = None) -> dict:
    """The mapped incidents as compact columns, one entry per place (same coordinates), most incidents first.

    Per place: ``places`` [lat, lon, as written → resolved, country], ``n`` incidents, ``c`` claimants and
    ``e`` events as flat [code, count, …] lists (most first), ``g`` counts by geo_precision [1, 2, 3], ``r``
    the claimant code of its precision-2 and -3 ring (-1 when several claimants share it), ``t`` earliest
    start and ``d`` to the latest end in minutes (``t0`` + ``t``; ``null`` when no time is known) and ``u``
    how many have no known time. A place with one incident also has its ``ids`` entry and ``k``, a code
    into ``kinds`` [time precision, zone, UTC offset at start and at end in minutes], for its local time.

    ``index`` (``LayerIndex.build`` of the frame ``df`` was taken from) makes this cheap on every rerun.
    """
    return _layer_data(*_index_and_rows(df, index), colours)


def _index_and_rows(df: pd.DataFrame, index: LayerIndex | None) -> tuple[LayerIndex, np.ndarray]:
    """``index`` and the positions of ``df``'s mapped rows in it; an index of ``df`` itself if it is not ``df``'s."""
    rows = index.rows(df) if index is not None else None
    if rows is None:
        index = LayerIndex.build(_whole(df))
        rows = np.flatnonzero(index.mapped)
    return index, rows


def _layer_data(index: LayerIndex, rows: np.ndarray, colours: dict[str, str]) -> dict:
    """``incident_data`` for the rows at positions ``rows`` of ``index``."""
    precision_text = {str(k): v for k, v in PRECISION_TEXT.items()}
    claimants = [[c, colours.get(c, "#000000")] for c in index.claimants]
    if not len(rows):
        return {
            "ids": [],
            "n": [],
            "places": [],
            "c": [],
            "e": [],
            "g": [],
            "r": [],
            "t": [],
            "d": [],
            "u": [],
            "k": [],
            "t0": 0,
            "claimants": claimants,
            "events": index.events,
            "kinds": index.kinds,
            "precision": precision_text,
        }
    places, code = np.unique(index.place[rows], return_inverse=True)  # dense codes for the places in view
    n_places = len(places)
    n = np.bincount(code, minlength=n_places)
    claimant, event, precision = index.claimant[rows], index.event[rows], index.precision[rows]
    by_claimant = _counts(code, claimant, n_places, len(index.claimants))
    by_event = _counts(code, event, n_places, len(index.events))
    by_precision = _counts(code, precision, n_places, 3)
    # a ring's colour: its claimant's, or -1 when several claimants (or none) have incidents of that precision there
    ring = _counts(code * 3 + precision, claimant, n_places * 3, len(index.claimants)).reshape(n_places, 3, -1)
    ring_code = np.where((ring > 0).sum(axis=2) == 1, ring.argmax(axis=2), -1)[:, 1:]

    timed = index.timed[rows]
    first = pd.Series(np.where(timed, index.start[rows], np.nan)).groupby(code).min().to_numpy()
    last = pd.Series(np.where(timed, index.end[rows], np.nan)).groupby(code).max().to_numpy()
    untimed = np.bincount(code[~timed], minlength=n_places)
    t0 = int(np.nanmin(first)) if timed.any() else 0

    written: dict[int, list[str]] = {}
    resolved, country = [""] * n_places, [""] * n_places
    for s in np.unique(index.spelling[rows]).tolist():  # in order of first appearance in the data
        p, w, r, cc = index.spellings[s]
        c = int(np.searchsorted(places, p))
        if c not in written:
            written[c], resolved[c], country[c] = [], r, cc
        written[c].append(w)
    where = [_where(written[c], resolved[c]) for c in range(n_places)]

    # a place with one incident: its id and the kind of its time, for a tooltip that says what timefmt says
    single_row = np.full(n_places, -1)
    alone = n[code] == 1
    single_row[code[alone]] = rows[alone]

    order = np.argsort(-n, kind="stable")  # most incidents first: drawn underneath
    return {
        "ids": [index.ids[single_row[i]] if single_row[i] >= 0 else None for i in order],
        "n": n[order].tolist(),
        "places": [[float(index.lat[places[i]]), float(index.lon[places[i]]), where[i], country[i]] for i in order],
        "c": _pairs(by_claimant[order]),
        "e": _pairs(by_event[order]),
        "g": by_precision[order].tolist(),
        "r": ring_code[order].tolist(),
        "t": [None if np.isnan(first[i]) else int(first[i]) - t0 for i in order],
        "d": [0 if np.isnan(first[i]) else int(last[i] - first[i]) for i in order],
        "u": untimed[order].tolist(),
        "k": [int(index.kind[single_row[i]]) if single_row[i] >= 0 else -1 for i in order],
        "t0": t0,
        "claimants": claimants,
        "events": index.events,
        "kinds": index.kinds,
        "precision": precision_text,
    }


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


class IncidentMarkers(MacroElement):
    """Calls ``IncidentLayer.draw`` (dashboard/view/js/incident_layer.js, loaded with Leaflet) on ``incident_data``.

    Each dot is an ``L.CircleMarker`` with a GeoJSON ``feature`` (``properties``: ``incident_id`` for a place
    with one incident, ``n``, ``place`` [lat, lon]), so st_folium's click handler reports it through
    ``toGeoJSON()`` and snapshots find it.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
IncidentLayer.draw({{ this._parent._parent.get_name() }}, {{ this.data }}, {{ this.options|tojson }});
{% endmacro %}"""
    )

    def __init__(self, data: dict, radius: int = 7, ring_opacity: float = RING_OPACITY):
        super().__init__()
        self._name = "IncidentMarkers"
        self.data = _js_literal(data)
        self.options = {
            "radius": radius,
            "ringOpacity": ring_opacity,
            "mixed": MIXED_COLOUR,
            "rings": {str(k): v for k, v in RING_METRES.items()},
        }


class FitAndLegend(MacroElement):
    """Runs when the incident layer is (re)added: replaces the legend control and fits the view to the incidents.

    The first layer is always fitted; later ones only when an incident would be out of sight (or under the
    legend) or when they fill less than a quarter of the view (``IncidentLayer.fit``). So dragging the slider
    does not make the map jump at every step, and the view the analyst is looking at stays put.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent._parent.get_name() }};
  if (window.incidentLegend) { map.removeControl(window.incidentLegend); }
  var legend = L.control({position: 'topright'});
  legend.onAdd = function () { var d = L.DomUtil.create('div', 'incident-legend');
    d.innerHTML = {{ this.legend_html|tojson }}; L.DomEvent.disableClickPropagation(d); return d; };
  legend.addTo(map); window.incidentLegend = legend;
  {% if this.bounds %}// keep every incident clear of the legend in the top-right corner
  var w = legend.getContainer().offsetWidth || 0;
  IncidentLayer.fit(map, {{ this.bounds|tojson }}, {paddingTopLeft: [40, 40], paddingBottomRight: [w + 30, 40], maxZoom: 9});{% endif %}
})();
{% endmacro %}"""
    )

    def __init__(self, bounds, legend_html: str):
        super().__init__()
        self._name = "FitAndLegend"
        self.bounds, self.legend_html = bounds, legend_html


def dot_radius(base: float, n: int) -> float:
    """The radius in pixels of a place's dot for ``n`` incidents; incident_layer.js's ``radius`` does the same."""
    return base + 4 * math.log10(max(n, 1))


def legend_html(claimants, colours: dict[str, str], max_n: int = 1, base_radius: int = 7) -> str:
    e = html.escape
    named = [c for c in claimants if colours[c] != OTHER_COLOUR]
    grouped = [c for c in claimants if colours[c] == OTHER_COLOUR]
    rows = "".join(f'<div><span class="sw" style="background:{colours[c]}"></span>{e(c)}</div>' for c in named)
    if grouped:
        rows += (
            f'<div title="{e(", ".join(grouped))}"><span class="sw" style="background:{OTHER_COLOUR}"></span>'
            f"other claimants ({len(grouped)})</div>"
        )
    ring = (
        '<svg width="18" height="18"><circle cx="9" cy="9" r="7.5" fill="#555" fill-opacity=".08" stroke="#555" '
        'stroke-opacity=".7"/><circle cx="9" cy="9" r="3.5" fill="#555" stroke="#fff"/></svg>'
    )
    dot = '<svg width="18" height="18"><circle cx="9" cy="9" r="3.5" fill="#555" stroke="#fff"/></svg>'
    sizes = ""
    if max_n > 1:  # only when some dot stands for several incidents; drawn at the map's own size
        steps = [1] + [k for k in (10, 100, 1000, 10000) if k < max_n][-1:] + [max_n]
        cells = []
        for k in steps:
            r = dot_radius(base_radius, k)
            w = int(2 * r + 4)
            cells.append(
                f'<span class="size"><svg width="{w}" height="{w}"><circle cx="{w / 2}" cy="{w / 2}" r="{r:.1f}" '
                f'fill="#888" stroke="#fff" stroke-width="2"/></svg>{k:,}</span>'
            )
        sizes = "<b>Incidents per place</b><div>" + "".join(cells) + "</div><div>wedges: each claimant's share</div>"
    return (
        ("<b>Claimed by</b>" + rows if claimants else "<b>No incident on the map</b>")
        + sizes
        + f"<b>Location</b><div>{dot}the place itself</div>"
        f"<div>{ring}near it / its district (ring ≈ {RING_METRES[2] // 1000} km)</div>"
        f"<div>{ring}a region (ring ≈ {RING_METRES[3] // 1000} km)</div>"
        "<div>a ring is grey when several claimants share it</div>"
    )


class PlaceLabels(MacroElement):
    """Names beside the markers (resolved name, and the spelling in the source when it differs)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
{{ this.labels|tojson }}.forEach(function (p) {
  var el = document.createElement('span'); el.textContent = p[2];
  L.marker([p[0], p[1]], {interactive: false, keyboard: false,
    icon: L.divIcon({className: 'place-label', html: el.outerHTML, iconSize: null, iconAnchor: [-11, 9]})})
   .addTo({{ this._parent.get_name() }});
});
{% endmacro %}"""
    )

    def __init__(self, labels: list[tuple[float, float, str]]):
        super().__init__()
        self._name = "PlaceLabels"
        self.labels = labels


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
    df: pd.DataFrame, colours: dict[str, str], fit: bool = True, dot_radius: int = 7, index: LayerIndex | None = None
) -> folium.FeatureGroup:
    """Everything that depends on the filtered data, as one FeatureGroup: rings, dots, legend, fitted view.

    The places travel as compact columns (``incident_data``), drawn by dashboard/view/js/incident_layer.js.

    ``fit=False`` keeps the map's own centre and zoom (a link or snapshot that names its view). ``index``:
    see ``incident_data``.
    """
    fg = folium.FeatureGroup(name="Incidents")
    index, rows = _index_and_rows(df, index)
    data = _layer_data(index, rows, colours)
    if data["n"]:
        fg.add_child(IncidentMarkers(data, radius=dot_radius))
    bounds = None
    if fit and data["n"]:
        # Fit the rings, not just their centres: an approximate location shows its whole uncertainty.
        lat = np.array([p[0] for p in data["places"]])
        lon = np.array([p[1] for p in data["places"]])
        g = np.array(data["g"])
        metres = np.select([g[:, 2] > 0, g[:, 1] > 0], [RING_METRES[3], RING_METRES[2]], 0)
        dlat = metres / 111_320
        dlon = dlat / np.cos(np.radians(lat))
        bounds = [
            [float((lat - dlat).min()), float((lon - dlon).min())],
            [float((lat + dlat).max()), float((lon + dlon).max())],
        ]
    if len(data["n"]) <= MAX_LABELLED_PLACES:
        labels = place_labels(index, rows)
        if labels:
            fg.add_child(PlaceLabels(labels))
    # the legend explains what is on the map
    claimants = sorted({data["claimants"][c][0] for flat in data["c"] for c in flat[::2]})
    fg.add_child(FitAndLegend(bounds, legend_html(claimants, colours, max(data["n"], default=1), dot_radius)))
    return fg
