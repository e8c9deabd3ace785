"""The incidents in view (a typed DataFrame) in, the map's incident layer out: one marker per place.

What the layer shows, and why it is built this way:

* **One marker per place.** Markers at one place are drawn on top of each other, so only the last one
  could be seen, hovered or clicked. All incidents at a place are one dot: split into wedges by claimant
  (the two sides' claims stay apart, side by side), sized by how many incidents it stands for, with a
  tooltip that counts them by claimant, event and location precision. A click lists every one of them.
  A place with one incident looks as it always did: a dot in its claimant's colour.
* **Honest precision.** Incidents coded "near / toward" a place or to its district (geo_precision 2) or
  to a region (3) get a dashed ring of that size around the place, in the claimant's colour, grey when
  several claimants share it.
* **Small and fast.** The places travel as compact columns (``incident_data``) and are drawn on one
  canvas by ``dashboard/js/incident_layer.js``, which loads once with Leaflet. At 10,000 incidents that
  is ~700 places: a few tens of kB per slider move and a few milliseconds to draw, where one marker per
  incident sent 270 kB and took ~200 ms to draw.

Pure: never imports streamlit.
"""

from __future__ import annotations

import html
import json
import math

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from dashboard.mapview import OTHER_COLOUR, PRECISION_TEXT, RING_METRES

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


_LAYER_COLUMNS = ["incident_id", "latitude", "longitude", "claimed_by", "geo_precision", "location", "place",
                  "country_code", "sub_event_type", "time_precision", "local_tz", "start", "end"]


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


def incident_data(df: pd.DataFrame, colours: dict[str, str]) -> dict:
    """The mapped incidents as compact columns, one entry per place (same coordinates), most incidents first.

    Per place: ``places`` [lat, lon, as written → resolved, country], ``n`` incidents, ``c`` claimants and
    ``e`` events as flat [code, count, …] lists (most first), ``g`` counts by geo_precision [1, 2, 3], ``r``
    the claimant code of its precision-2 and -3 ring (-1 when several claimants share it), ``t`` earliest
    start and ``d`` to the latest end in minutes (``t0`` + ``t``; ``null`` when no time is known) and ``u``
    how many have no known time. A place with one incident also has its ``ids`` entry and ``k``, a code
    into ``kinds`` [time precision, zone, UTC offset at start and at end in minutes], for its local time.
    """
    mapped = df.loc[df["mapped"], _LAYER_COLUMNS]  # the columns first: filtering all of them costs more than the rest
    if mapped.empty:
        return {"ids": [], "n": [], "places": [], "c": [], "e": [], "g": [], "r": [], "t": [], "d": [], "u": [],
                "k": [], "t0": 0, "claimants": [], "events": [], "kinds": [],
                "precision": {str(k): v for k, v in PRECISION_TEXT.items()}}
    lat, lon = mapped["latitude"].round(5).to_numpy(), mapped["longitude"].round(5).to_numpy()
    code = pd.DataFrame({"lat": lat, "lon": lon}).groupby(["lat", "lon"], sort=False).ngroup().to_numpy()
    n_places = int(code.max()) + 1
    n = np.bincount(code, minlength=n_places)
    claimant, claimants = pd.factorize(mapped["claimed_by"])
    event, events = pd.factorize(mapped["sub_event_type"])
    precision = mapped["geo_precision"].astype("Int64").fillna(1).clip(1, 3).to_numpy(dtype=np.int64) - 1
    by_claimant = _counts(code, claimant, n_places, len(claimants))
    by_event = _counts(code, event, n_places, len(events))
    by_precision = _counts(code, precision, n_places, 3)
    # a ring's colour: its claimant's, or -1 when several claimants have incidents of that precision there
    ring = _counts(code * 3 + precision, claimant, n_places * 3, len(claimants)).reshape(n_places, 3, -1)
    ring_code = np.where((ring > 0).sum(axis=2) == 1, ring.argmax(axis=2), -1)[:, 1:]

    timed = (mapped["start"].notna() & (mapped["time_precision"] != "unknown")).to_numpy()
    start, end = _minutes(mapped["start"]).to_numpy(dtype="float64"), _minutes(mapped["end"]).to_numpy(dtype="float64")
    first = pd.Series(np.where(timed, start, np.nan)).groupby(code).min().reindex(range(n_places)).to_numpy()
    last = pd.Series(np.where(timed, end, np.nan)).groupby(code).max().reindex(range(n_places)).to_numpy()
    untimed = np.bincount(code[~timed], minlength=n_places)
    t0 = int(np.nanmin(first)) if timed.any() else 0

    # text per place from the few distinct (place, spelling) rows, not per incident (strings are slow to iterate)
    rows = pd.DataFrame({"code": code, "location": mapped["location"].array, "place": mapped["place"].array,
                         "cc": mapped["country_code"].array}).drop_duplicates(["code", "location"])
    spellings: dict[int, list[str]] = {}
    resolved, country = [""] * n_places, [""] * n_places
    for c, loc, pl, cc in zip(rows["code"].tolist(), rows["location"].fillna("").tolist(),
                              rows["place"].fillna("").tolist(), rows["cc"].fillna("").tolist()):
        if c not in spellings:
            spellings[c], resolved[c], country[c] = [], pl, cc
        spellings[c].append(loc)
    where = [_where(spellings[c], resolved[c]) for c in range(n_places)]
    first_row = np.full(n_places, -1)
    first_row[code[::-1]] = np.arange(len(code))[::-1]  # each place's first incident, for its coordinates

    # a place with one incident: its id and the kind of its time, for a tooltip that says what timefmt says
    single = n[code] == 1
    ids: list = [None] * n_places
    kind_of = np.full(n_places, -1)
    kinds: list = []
    if single.any():
        one = mapped[single]
        for c, i in zip(code[single], one["incident_id"]):
            ids[c] = i
        zones = one["local_tz"].fillna("")
        off = {}
        for edge in ("start", "end"):
            ts = one[edge]
            out = pd.Series(0, index=one.index, dtype="int64")
            for zone in zones[timed[single]].unique():
                if zone:
                    m = (zones == zone) & one[edge].notna() & timed[single]
                    out[m] = (ts[m].dt.tz_convert(zone).dt.tz_localize(None) - ts[m].dt.tz_localize(None)) // pd.Timedelta(minutes=1)
            off[edge] = out
        kind_codes, uniques = pd.factorize(pd.Series(list(zip(one["time_precision"], zones, off["start"], off["end"])),
                                                     index=one.index, dtype=object))
        kind_of[code[single]] = kind_codes
        kinds = [[k[0], k[1], int(k[2]), int(k[3])] for k in uniques]

    order = np.argsort(-n, kind="stable")  # most incidents first: drawn underneath
    c_pairs, e_pairs = _pairs(by_claimant[order]), _pairs(by_event[order])
    return {
        "ids": [ids[i] for i in order], "n": n[order].tolist(),
        "places": [[float(lat[first_row[i]]), float(lon[first_row[i]]), where[i], country[i]] for i in order],
        "c": c_pairs, "e": e_pairs, "g": by_precision[order].tolist(), "r": ring_code[order].tolist(),
        "t": [None if np.isnan(first[i]) else int(first[i]) - t0 for i in order],
        "d": [0 if np.isnan(first[i]) else int(last[i] - first[i]) for i in order],
        "u": untimed[order].tolist(), "k": kind_of[order].tolist(), "t0": t0,
        "claimants": [[c, colours.get(c, "#000000")] for c in claimants], "events": list(events), "kinds": kinds,
        "precision": {str(k): v for k, v in PRECISION_TEXT.items()},
    }


def at_marker(df: pd.DataFrame, properties: dict) -> pd.DataFrame:
    """The incidents a clicked marker stands for (its GeoJSON ``properties``), earliest first; none if unknown."""
    incident_id, place = properties.get("incident_id"), properties.get("place")
    if incident_id:
        return df[df["incident_id"] == incident_id]
    if not (isinstance(place, list) and len(place) == 2 and all(isinstance(x, (int, float)) for x in place)):
        return df.iloc[:0]
    mapped = df[df["mapped"]]
    here = (mapped["latitude"].round(5) == round(place[0], 5)) & (mapped["longitude"].round(5) == round(place[1], 5))
    return mapped[here].sort_values("start", kind="stable", na_position="last")


class IncidentMarkers(MacroElement):
    """Calls ``IncidentLayer.draw`` (dashboard/js/incident_layer.js, loaded with Leaflet) on ``incident_data``.

    Each dot is an ``L.CircleMarker`` with a GeoJSON ``feature`` (``properties``: ``incident_id`` for a place
    with one incident, ``n``, ``place`` [lat, lon]), so st_folium's click handler reports it through
    ``toGeoJSON()`` and snapshots find it.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
IncidentLayer.draw({{ this._parent.get_name() }}, {{ this.data }}, {{ this.options|tojson }});
{% endmacro %}"""
    )

    def __init__(self, data: dict, radius: int = 7, ring_opacity: float = RING_OPACITY):
        super().__init__()
        self._name = "IncidentMarkers"
        self.data = _js_literal(data)
        self.options = {"radius": radius, "ringOpacity": ring_opacity, "mixed": MIXED_COLOUR,
                        "rings": {str(k): v for k, v in RING_METRES.items()}}


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
        rows += (f'<div title="{e(", ".join(grouped))}"><span class="sw" style="background:{OTHER_COLOUR}"></span>'
                 f"other claimants ({len(grouped)})</div>")
    ring = ('<svg width="18" height="18"><circle cx="9" cy="9" r="7.5" fill="#555" fill-opacity=".08" stroke="#555" '
            'stroke-dasharray="3 3"/><circle cx="9" cy="9" r="3.5" fill="#555" stroke="#fff"/></svg>')
    dot = '<svg width="18" height="18"><circle cx="9" cy="9" r="3.5" fill="#555" stroke="#fff"/></svg>'
    sizes = ""
    if max_n > 1:  # only when some dot stands for several incidents
        steps = [k for k in (1, 10, 100, 1000, 10000) if k <= max_n] + ([max_n] if max_n not in (1, 10, 100, 1000, 10000) else [])
        cells = []
        for k in steps[-4:] if len(steps) > 4 else steps:
            r = dot_radius(base_radius, k) * 0.6  # the legend at 60 %: it names sizes, it does not hide the map
            w = int(2 * r + 4)
            cells.append(f'<span class="size"><svg width="{w}" height="{w}"><circle cx="{w / 2}" cy="{w / 2}" r="{r:.1f}" '
                         f'fill="#888" stroke="#fff"/></svg>{k:,}</span>')
        sizes = ("<b>Incidents per place</b><div>" + "".join(cells) + "</div>"
                 "<div>wedges: each claimant's share</div>")
    return (
        ("<b>Claimed by</b>" + rows if claimants else "<b>No incident on the map</b>")
        + sizes
        + f"<b>Location</b><div>{dot}the place itself</div>"
        f"<div>{ring}near it / its district (ring ≈ {RING_METRES[2] // 1000} km)</div>"
        f"<div>{ring}a region (ring ≈ {RING_METRES[3] // 1000} km)</div>"
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


def place_labels(df: pd.DataFrame) -> list[tuple[float, float, str]]:
    """One label per mapped place: ``Sotk ("Sok")`` when the source spells it differently."""
    mapped = df.loc[df["mapped"], ["latitude", "longitude", "place", "location"]].drop_duplicates(["latitude", "longitude"])
    if len(mapped) > MAX_LABELLED_PLACES:
        return []
    out = []
    for row in mapped.itertuples():
        text = row.place or row.location
        if row.location and row.place and row.location.casefold() != row.place.casefold():
            text = f'{row.place} ("{row.location}")'
        out.append((round(row.latitude, 5), round(row.longitude, 5), text))
    return out if len(out) <= MAX_LABELLED_PLACES else []


def incident_layer(df: pd.DataFrame, colours: dict[str, str], fit: bool = True, dot_radius: int = 7) -> folium.FeatureGroup:
    """Everything that depends on the filtered data, as one FeatureGroup: rings, dots, legend, fitted view.

    The places travel as compact columns (``incident_data``), drawn by dashboard/js/incident_layer.js.

    ``fit=False`` keeps the map's own centre and zoom (a link or snapshot that names its view).
    """
    fg = folium.FeatureGroup(name="Incidents")
    data = incident_data(df, colours)
    if data["n"]:
        fg.add_child(IncidentMarkers(data, radius=dot_radius))
    mapped = df.loc[df["mapped"], ["latitude", "longitude", "geo_precision", "claimed_by"]]
    bounds = None
    if fit and len(mapped):
        # Fit the rings, not just their centres: an approximate location shows its whole uncertainty.
        metres = mapped["geo_precision"].map(RING_METRES).astype("Float64").fillna(0).astype(float)
        dlat = metres / 111_320
        dlon = dlat / np.cos(np.radians(mapped["latitude"].astype(float)))
        bounds = [[float((mapped["latitude"] - dlat).min()), float((mapped["longitude"] - dlon).min())],
                  [float((mapped["latitude"] + dlat).max()), float((mapped["longitude"] + dlon).max())]]
    labels = place_labels(df)
    if labels:
        fg.add_child(PlaceLabels(labels))
    claimants = sorted(mapped["claimed_by"].unique())  # the legend explains what is on the map
    fg.add_child(FitAndLegend(bounds, legend_html(claimants, colours, max(data["n"], default=1), dot_radius)))
    return fg

