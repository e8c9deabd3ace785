"""Incidents (a typed DataFrame) in, a folium map out: the offline base map and one incident layer.

Pure: never imports streamlit. The base map is identical on every call with the same arguments, so
st_folium keeps its iframe (and the user's pan and zoom); everything that depends on the data goes
into one FeatureGroup that st_folium swaps in place (``feature_group_to_add``).
"""

from __future__ import annotations

import html
import json

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard import assets
from dashboard.timefmt import local_label, utc_label

DEFAULT_CENTER = (40.0, 45.5)  # Armenia–Azerbaijan; the incident layer fits the view to the data
DEFAULT_ZOOM = 7
MAX_ZOOM = 13  # the 1:10m borders carry no detail beyond this
ATTRIBUTION = (
    'Borders: <a href="https://www.naturalearthdata.com/">Natural Earth</a> · '
    'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
)

# Okabe & Ito's colour-blind-safe palette. Known claimants keep their colour whatever is filtered;
# others take the remaining colours in order of first appearance.
OKABE_ITO = ("#0072B2", "#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
KNOWN_CLAIMANTS = {
    "Armenia MoD": "#0072B2",
    "Azerbaijan MoD": "#D55E00",
    "Azerbaijani media": "#E69F00",
    "Berita Baru": "#009E73",
    "anonymous source": "#CC79A7",
}
# Radius of the ring drawn for an approximate location, by ACLED geo_precision, in metres.
RING_METRES = {2: 15_000, 3: 50_000}
PRECISION_TEXT = {1: "the place itself", 2: "near / toward it, or its district", 3: "somewhere in the region"}

TILE_LAYERS = {
    "offline": None,
    "OpenStreetMap (online)": ("OpenStreetMap", None),
    "CARTO light (online)": ("CartoDB positron", None),
    "Esri imagery (online)": (
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Tiles © Esri, Maxar, Earthstar Geographics",
    ),
}

BASE_CSS = """<style>
.leaflet-container { background: #dbe6ee; font: 13px/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; }
.country-label { color: #5b6470; font-size: 12px; letter-spacing: .04em; text-transform: uppercase;
  white-space: nowrap; text-align: center; pointer-events: none; text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
.incident-legend { background: rgba(255,255,255,.93); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); line-height: 1.35; color: #222; font-size: 12px; max-width: 240px; }
.incident-legend b { display: block; margin-top: 2px; }
.incident-legend .sw { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin-right: 6px; vertical-align: -1px; border: 1px solid #fff; box-shadow: 0 0 0 1px #555; }
.incident-legend svg { vertical-align: middle; margin-right: 4px; }
.place-label { color: #1b1f24; font-size: 12px; font-weight: 600; white-space: nowrap; pointer-events: none;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }
.incident-tip { line-height: 1.4; }
.incident-tip .muted { color: #555; }
</style>"""


class OfflineFixes(MacroElement):
    """With no tile layer, Leaflet has no maxZoom (MarkerCluster throws) and may guess a wrong icon path."""

    _template = Template(
        """{% macro script(this, kwargs) %}
L.Icon.Default.imagePath = {{ this.image_path|tojson }};
{{ this._parent.get_name() }}.setMaxZoom({{ this.max_zoom }});
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution|tojson }});
{% endmacro %}"""
    )

    def __init__(self, image_path: str, max_zoom: int = MAX_ZOOM, attribution: str = ATTRIBUTION):
        super().__init__()
        self._name = "OfflineFixes"
        self.image_path, self.max_zoom, self.attribution = image_path, max_zoom, attribution


class CountryBasemap(MacroElement):
    """Natural Earth country borders (TopoJSON) drawn as a light vector layer, with country labels.

    Labels sit at the area-weighted centroid of each country's largest polygon and are shown only
    when the country is wide enough on screen to hold them, so the world view is not a word cloud.
    The data is fetched from a URL (the app) or inlined (standalone HTML and snapshots).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  map.createPane('basemap'); map.getPane('basemap').style.zIndex = 200;
  map.createPane('countryLabels'); map.getPane('countryLabels').style.zIndex = 350;
  map.getPane('countryLabels').style.pointerEvents = 'none';
  function ringArea(r) { var a = 0; for (var i = 0, j = r.length - 1; i < r.length; j = i++) {
    a += (r[j][0] + r[i][0]) * (r[j][1] - r[i][1]); } return a / 2; }
  function labelPoint(geom) {
    var polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates, best = null, bestA = 0;
    polys.forEach(function (p) { var a = Math.abs(ringArea(p[0])); if (a > bestA) { bestA = a; best = p[0]; } });
    if (!best) return null;
    var cx = 0, cy = 0, A = 0;
    for (var i = 0, j = best.length - 1; i < best.length; j = i++) {
      var f = best[j][0] * best[i][1] - best[i][0] * best[j][1];
      cx += (best[j][0] + best[i][0]) * f; cy += (best[j][1] + best[i][1]) * f; A += f; }
    return A ? L.latLng(cy / (3 * A), cx / (3 * A)) : null;
  }
  function draw(topo) {
    var countries = topojson.feature(topo, topo.objects.countries);
    var layer = L.geoJSON(countries, {pane: 'basemap', interactive: false,
      style: {color: '#7d8793', weight: 0.9, fillColor: '#f6f4ef', fillOpacity: {{ this.fill_opacity }}}}).addTo(map);
    var labels = [];
    countries.features.forEach(function (f) {
      if (!f.geometry) return;
      var at = labelPoint(f.geometry); if (!at) return;
      var el = document.createElement('span'); el.textContent = f.properties.name;
      var m = L.marker(at, {pane: 'countryLabels', interactive: false, keyboard: false,
        icon: L.divIcon({className: 'country-label', html: el.outerHTML, iconSize: null})});
      labels.push({marker: m, bounds: L.geoJSON(f).getBounds(), chars: f.properties.name.length});
    });
    function update() {
      labels.forEach(function (l) {
        var sw = map.latLngToContainerPoint(l.bounds.getSouthWest()), ne = map.latLngToContainerPoint(l.bounds.getNorthEast());
        var fits = Math.abs(ne.x - sw.x) > l.chars * 8 + 10 && Math.abs(sw.y - ne.y) > 18;
        if (fits && !map.hasLayer(l.marker)) l.marker.addTo(map);
        if (!fits && map.hasLayer(l.marker)) map.removeLayer(l.marker);
      });
    }
    map.on('zoomend', update); update();
    window.basemapReady = true;
  }
  {% if this.inline %}draw({{ this.inline }});{% else %}
  fetch({{ this.url|tojson }}).then(function (r) {
    if (!r.ok) throw new Error('basemap ' + r.status + ' ' + r.url); return r.json(); })
    .then(draw).catch(function (e) { console.error('Basemap not loaded: ' + e.message); });{% endif %}
})();
{% endmacro %}"""
    )

    def __init__(self, url: str | None = None, inline: str | None = None, fill_opacity: float = 1.0):
        super().__init__()
        self._name = "CountryBasemap"
        self.url, self.inline, self.fill_opacity = url, inline, fill_opacity


def base_map(tiles: str = "offline", inline: bool = False, center: tuple[float, float] = DEFAULT_CENTER,
             zoom: float = DEFAULT_ZOOM, zoom_control: bool = True) -> folium.Map:
    """The static part of the map: assets, basemap, scale bar, attribution. Same output for the same arguments.

    ``inline`` puts Leaflet and the basemap into the page as data (standalone HTML, snapshots);
    otherwise they are URLs under Streamlit's static serving.
    """
    if tiles not in TILE_LAYERS:
        raise ValueError(f"tiles must be one of {sorted(TILE_LAYERS)}, not {tiles!r} ({type(tiles).__name__})")
    # zoom_snap 0.25: fitBounds can fill the frame instead of jumping a whole zoom level out
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True,
                   prefer_canvas=False, max_zoom=MAX_ZOOM, zoom_snap=0.25, zoom_delta=0.5,
                   zoom_control=zoom_control)
    link = assets.data_url if inline else assets.url
    # Instance attributes, not add_js_link: that edits the class-level list shared by every map.
    m.default_js = [(a.path, link(a)) for a in assets.MAP_JS]
    m.default_css = [(a.path, link(a)) for a in assets.MAP_CSS]
    m.get_root().header.add_child(Element(BASE_CSS), name="incident_css")
    m.add_child(OfflineFixes(link(assets.LEAFLET_JS).rsplit("/", 1)[0] + "/images/" if not inline else ""))
    layer = TILE_LAYERS[tiles]
    if layer is None:
        basemap = (CountryBasemap(inline=assets.BASEMAP.source.read_text()) if inline
                   else CountryBasemap(url=assets.url(assets.BASEMAP)))
        m.add_child(basemap)
    else:
        folium.TileLayer(layer[0], attr=layer[1], max_zoom=MAX_ZOOM).add_to(m)
    return m


def claimant_colours(claimants) -> dict[str, str]:
    """A stable colour for each claimant: the known ones keep theirs, the rest take free colours in order."""
    free = [c for c in OKABE_ITO if c not in KNOWN_CLAIMANTS.values()]
    colours = {}
    for i, name in enumerate(sorted(n for n in set(claimants) if n not in KNOWN_CLAIMANTS)):
        colours[name] = free[i % len(free)]
    return {**colours, **{k: v for k, v in KNOWN_CLAIMANTS.items()}}


def _tip(row) -> str:
    """Tooltip HTML; every value from the data is escaped (tooltips are set with innerHTML)."""
    e = html.escape
    written, resolved = row["location"], row["place"]
    where = e(written) if written == resolved or not resolved else f"{e(written)} → {e(resolved)}"
    cc = f" ({e(row['country_code'])})" if row["country_code"] else ""
    local = local_label(row["start"], row["end"], row["time_precision"], row["local_tz"])
    precision = PRECISION_TEXT.get(int(row["geo_precision"]), "")
    return (
        f'<div class="incident-tip"><b>{where}</b>{cc}<br>'
        f"{e(row['sub_event_type'])}<br>"
        f"{e(utc_label(row['start'], row['end'], row['time_precision']))}<br>"
        + (f'<span class="muted">local: {e(local)}</span><br>' if local else "")
        + f"claimed by <b>{e(row['claimed_by'])}</b><br>"
        f'<span class="muted">location: {e(precision)}</span></div>'
    )


def incidents_geojson(df: pd.DataFrame, colours: dict[str, str]) -> dict:
    """The mapped incidents as a GeoJSON FeatureCollection for the map (id, style inputs, tooltip)."""
    mapped = df[df["mapped"]]
    features = [
        {
            "type": "Feature",
            "id": row["incident_id"],
            "geometry": {"type": "Point", "coordinates": [round(row["longitude"], 5), round(row["latitude"], 5)]},
            "properties": {
                "incident_id": row["incident_id"],
                "colour": colours.get(row["claimed_by"], "#000000"),
                "precision": int(row["geo_precision"]),
                "tip": _tip(row),
            },
        }
        for _, row in mapped.iterrows()
    ]
    return {"type": "FeatureCollection", "features": features}


class FitAndLegend(MacroElement):
    """Runs when the incident layer is (re)added: fits the view to it and replaces the legend control."""

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
  map.fitBounds({{ this.bounds|tojson }}, {paddingTopLeft: [40, 40], paddingBottomRight: [w + 30, 40], maxZoom: 9});{% endif %}
})();
{% endmacro %}"""
    )

    def __init__(self, bounds, legend_html: str):
        super().__init__()
        self._name = "FitAndLegend"
        self.bounds, self.legend_html = bounds, legend_html


def legend_html(claimants, colours: dict[str, str]) -> str:
    e = html.escape
    rows = "".join(f'<div><span class="sw" style="background:{colours[c]}"></span>{e(c)}</div>' for c in claimants)
    ring = ('<svg width="18" height="18"><circle cx="9" cy="9" r="7.5" fill="#555" fill-opacity=".08" stroke="#555" '
            'stroke-dasharray="3 3"/><circle cx="9" cy="9" r="3.5" fill="#555" stroke="#fff"/></svg>')
    dot = '<svg width="18" height="18"><circle cx="9" cy="9" r="3.5" fill="#555" stroke="#fff"/></svg>'
    return (
        ("<b>Claimed by</b>" + rows if claimants else "<b>No incident on the map</b>")
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
    mapped = df[df["mapped"]].drop_duplicates(["latitude", "longitude"])
    out = []
    for row in mapped.itertuples():
        text = row.place or row.location
        if row.location and row.place and row.location.casefold() != row.place.casefold():
            text = f'{row.place} ("{row.location}")'
        out.append((round(row.latitude, 5), round(row.longitude, 5), text))
    return out if len(out) <= MAX_LABELLED_PLACES else []


def incident_layer(df: pd.DataFrame, colours: dict[str, str], fit: bool = True, dot_radius: int = 7) -> folium.FeatureGroup:
    """Everything that depends on the filtered data, as one FeatureGroup: rings, dots, legend, fitted view.

    ``fit=False`` keeps the map's own centre and zoom (a link or snapshot that names its view).
    """
    fg = folium.FeatureGroup(name="Incidents")
    data = incidents_geojson(df, colours)
    ringed = {"type": "FeatureCollection", "features": [f for f in data["features"] if f["properties"]["precision"] > 1]}
    if ringed["features"]:
        folium.GeoJson(
            ringed, name="Location uncertainty", marker=folium.Circle(radius=RING_METRES[2]), interactive=False,
            style_function=lambda f: {
                "radius": RING_METRES[f["properties"]["precision"]], "color": f["properties"]["colour"],
                "weight": 1.5, "dashArray": "5 4", "fill": True, "interactive": False, "fillColor": f["properties"]["colour"], "fillOpacity": 0.08,
            },
        ).add_to(fg)
    if data["features"]:
        folium.GeoJson(
            data, name="Incidents", marker=folium.CircleMarker(radius=dot_radius),
            style_function=lambda f: {
                "color": "#ffffff", "weight": 2, "fill": True, "fillColor": f["properties"]["colour"], "fillOpacity": 1.0,
            },
            highlight_function=lambda f: {"weight": 3, "color": "#222222"},
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=False),
        ).add_to(fg)
    mapped = df[df["mapped"]]
    bounds = None
    if fit and len(mapped):
        # Fit the rings, not just their centres: an approximate location shows its whole uncertainty.
        metres = mapped["geo_precision"].map(lambda p: RING_METRES.get(int(p), 0)).astype(float)
        dlat = metres / 111_320
        dlon = dlat / np.cos(np.radians(mapped["latitude"].astype(float)))
        bounds = [[float((mapped["latitude"] - dlat).min()), float((mapped["longitude"] - dlon).min())],
                  [float((mapped["latitude"] + dlat).max()), float((mapped["longitude"] + dlon).max())]]
    labels = place_labels(df)
    if labels:
        fg.add_child(PlaceLabels(labels))
    claimants = sorted(mapped["claimed_by"].unique())  # the legend explains what is on the map
    fg.add_child(FitAndLegend(bounds, legend_html(claimants, colours)))
    return fg


def to_json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
