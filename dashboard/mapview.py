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
.incident-legend div { overflow-wrap: anywhere; }
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
{{ this._parent.get_name() }}.attributionControl.setPrefix({{ this.prefix|tojson }});  {# no flag on a briefing slide #}
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.attribution|tojson }});
{% endmacro %}"""
    )

    def __init__(self, image_path: str, max_zoom: int = MAX_ZOOM, attribution: str = ATTRIBUTION):
        super().__init__()
        self._name = "OfflineFixes"
        self.image_path, self.max_zoom, self.attribution = image_path, max_zoom, attribution
        self.prefix = '<a href="https://leafletjs.com">Leaflet</a>'


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


# After Okabe & Ito, Paul Tol's "muted" scheme (also colour-blind-safe). Past both, claimants share one
# grey and the legend groups them as "other claimants": a reused colour would say two claimants are one.
TOL_MUTED = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499")
OTHER_COLOUR = "#8C8C8C"


def claimant_colours(claimants) -> dict[str, str]:
    """A colour per claimant, never shared: the known ones keep theirs, the rest take free colours in order."""
    free = [c for c in OKABE_ITO + TOL_MUTED if c not in KNOWN_CLAIMANTS.values()]
    others = sorted(n for n in set(claimants) if n not in KNOWN_CLAIMANTS)
    colours = {name: free[i] if i < len(free) else OTHER_COLOUR for i, name in enumerate(others)}
    return {**colours, **KNOWN_CLAIMANTS}


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


def incident_data(df: pd.DataFrame, colours: dict[str, str]) -> dict:
    """The mapped incidents as compact columns, one entry per marker drawn; text as data, never as HTML.

    Incidents at the same place with the same claimant, geo_precision and event would be identical markers drawn
    on top of each other, of which only the last is visible and can be hovered or clicked. They are sent
    as that one marker, with ``n`` the number it stands for (its tooltip says so; its ring is as opaque as
    ``n`` stacked rings). Markers keep the order in which the last of each was drawn, so the picture is
    the same. Shared values go into small tables: ``places`` [lat, lon, as written → resolved, country],
    ``claimants`` [name, colour], ``events``, ``kinds`` [time precision, zone, UTC offset at start and end
    in minutes]; times are minutes since the epoch (``t0`` + ``t``) and a duration ``d``, ``null`` if unknown.
    """
    mapped = df.loc[df["mapped"], _LAYER_COLUMNS]  # the columns first: filtering all of them costs more than the rest
    key = [mapped["latitude"].round(5), mapped["longitude"].round(5), mapped["claimed_by"], mapped["geo_precision"],
           mapped["sub_event_type"]]  # a shelling and an agreement at one place stay two markers
    n = mapped.groupby(key, sort=False)["incident_id"].transform("size")
    top = ~pd.DataFrame({i: k for i, k in enumerate(key)}).duplicated(keep="last")
    reps, n = mapped[top.to_numpy()], n[top.to_numpy()]
    where = [w if (w == r or not r) else f"{w} → {r}" for w, r in zip(reps["location"], reps["place"])]
    place_key = pd.DataFrame({"lat": reps["latitude"].round(5), "lon": reps["longitude"].round(5), "where": where,
                              "cc": reps["country_code"]})
    place_codes = place_key.groupby(list(place_key.columns), sort=False).ngroup()
    places = place_key.drop_duplicates().to_numpy().tolist()
    claimant_codes, claimants = pd.factorize(reps["claimed_by"])
    event_codes, events = pd.factorize(reps["sub_event_type"])
    timed = reps["start"].notna() & (reps["time_precision"] != "unknown")
    start, end = reps["start"], reps["end"]
    off_a = pd.Series(0, index=reps.index, dtype="int64")
    off_b = off_a.copy()
    for zone in reps.loc[timed, "local_tz"].unique():
        m = timed & (reps["local_tz"] == zone)
        for out, ts in ((off_a, start[m]), (off_b, end[m])):
            out[m] = (ts.dt.tz_convert(zone).dt.tz_localize(None) - ts.dt.tz_localize(None)) // pd.Timedelta(minutes=1)
    kind_codes, kinds = pd.factorize(pd.Series(list(zip(reps["time_precision"], reps["local_tz"], off_a, off_b)),
                                               index=reps.index, dtype=object))
    t = _minutes(start.where(timed))
    t0 = int(t.min()) if timed.any() else 0
    return {
        "ids": reps["incident_id"].tolist(), "n": n.astype(int).tolist(), "p": place_codes.tolist(),
        "c": claimant_codes.tolist(), "g": reps["geo_precision"].astype(int).tolist(), "e": event_codes.tolist(),
        "k": kind_codes.tolist(), "t0": t0,
        "t": [None if pd.isna(x) else int(x) - t0 for x in t],
        "d": [0 if pd.isna(x) else int(x) for x in (_minutes(end.where(timed)) - t)],
        "places": places, "claimants": [[c, colours.get(c, "#000000")] for c in claimants],
        "events": list(events), "kinds": [[k[0], k[1], int(k[2]), int(k[3])] for k in kinds],
        "precision": {str(k): v for k, v in PRECISION_TEXT.items()},
    }


class IncidentMarkers(MacroElement):
    """Draws ``incident_data`` on one shared canvas: dashed rings, then dots; tooltips built as text nodes.

    Each dot is a real ``L.CircleMarker`` with a GeoJSON ``feature`` (``id``, ``properties.incident_id``
    and ``n``), so st_folium's click handler reports it through ``toGeoJSON()`` and snapshots find it.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var group = {{ this._parent.get_name() }}, D = {{ this.data }}, R = {{ this.rings|tojson }};
  // One canvas for every rerun's layer: a new renderer each time would leave old canvases in the map.
  var renderer = window.incidentRenderer || (window.incidentRenderer = L.canvas({padding: 0.5}));
  var MON = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];
  var DAY = ['Sun','Mon','Tue','Wed','Thu','Fri','Sat'];
  function p2(x) { return (x < 10 ? '0' : '') + x; }
  function day(min) { var d = new Date(min * 60000); return p2(d.getUTCDate()) + ' ' + MON[d.getUTCMonth()] + ' ' + d.getUTCFullYear(); }
  function fmt(min) { var d = new Date(min * 60000); return day(min) + ' ' + p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes()); }
  function offset(m) { var a = Math.abs(m); return 'UTC' + (m < 0 ? '-' : '+') + p2(Math.floor(a / 60)) + (a % 60 ? ':' + p2(a % 60) : ''); }
  function times(i) {  // as dashboard/timefmt.py's utc_label and local_label
    var k = D.kinds[D.k[i]], t = D.t[i];
    if (t === null) return ['time unknown', ''];
    t += D.t0;
    var e = t + D.d[i], utc = D.d[i] ? fmt(t) + ' – ' + fmt(e) + ' UTC' : fmt(t) + ' UTC';
    if (!k[1]) return [utc, ''];
    var a = t + k[2], b = e + k[3], zone = ' (' + offset(k[2]) + ', ' + k[1] + ')';
    if (!D.d[i]) return [utc, fmt(a) + zone];
    if (k[0] === 'day' && Math.floor(a / 60) % 24 === 0 && Math.floor(b / 60) % 24 === 0 && b - a >= 1440 && b - a < 2880)
      return [utc, DAY[new Date(a * 60000).getUTCDay()] + ' ' + day(a) + ', whole day' + zone];
    return [utc, fmt(a) + ' – ' + fmt(b) + zone];
  }
  function add(parent, tag, text, cls) {
    var el = parent.appendChild(document.createElement(tag));
    if (text !== undefined) el.textContent = text;
    if (cls) el.className = cls;
    return el;
  }
  function tip(layer) {  // untrusted text: only ever textContent
    var i = layer.feature.properties.i, pl = D.places[D.p[i]], when = times(i), n = D.n[i];
    var outer = document.createElement('div');
    var box = add(add(add(add(outer, 'table'), 'tbody'), 'tr'), 'td');
    var d = add(box, 'div', undefined, 'incident-tip');
    add(d, 'b', pl[2]); if (pl[3]) d.appendChild(document.createTextNode(' (' + pl[3] + ')')); add(d, 'br');
    d.appendChild(document.createTextNode(D.events[D.e[i]])); add(d, 'br');
    d.appendChild(document.createTextNode(when[0])); add(d, 'br');
    if (when[1]) { add(d, 'span', 'local: ' + when[1], 'muted'); add(d, 'br'); }
    d.appendChild(document.createTextNode('claimed by ')); add(d, 'b', D.claimants[D.c[i]][0]); add(d, 'br');
    add(d, 'span', 'location: ' + (D.precision[D.g[i]] || ''), 'muted');
    if (n > 1) { add(d, 'br'); add(d, 'span', 'and ' + (n - 1) + ' more here (same claimant and precision; see the table)', 'muted'); }
    return outer;
  }
  var i, pl, colour;
  for (i = 0; i < D.ids.length; i++) {
    if (D.g[i] < 2 || !R[D.g[i]]) continue;
    pl = D.places[D.p[i]]; colour = D.claimants[D.c[i]][1];
    L.circle([pl[0], pl[1]], {renderer: renderer, radius: R[D.g[i]], color: colour, weight: 1.5, dashArray: '5 4',
      fill: true, fillColor: colour, fillOpacity: 1 - Math.pow(1 - {{ this.ring_opacity }}, D.n[i]), interactive: false}).addTo(group);
  }
  for (i = 0; i < D.ids.length; i++) {
    pl = D.places[D.p[i]];
    var dot = L.circleMarker([pl[0], pl[1]], {renderer: renderer, radius: {{ this.radius }}, color: '#ffffff', weight: 2,
      fill: true, fillColor: D.claimants[D.c[i]][1], fillOpacity: 1.0});
    dot.feature = {type: 'Feature', id: D.ids[i], properties: {incident_id: D.ids[i], n: D.n[i], i: i}, geometry: null};
    dot.addTo(group);
  }
  group.bindTooltip(tip, {sticky: false, className: 'foliumtooltip'});
  group.on('mouseover', function (e) { if (e.layer.feature) e.layer.setStyle({weight: 3, color: '#222222'}); });
  group.on('mouseout', function (e) { if (e.layer.feature) e.layer.setStyle({weight: 2, color: '#ffffff'}); });
})();
{% endmacro %}"""
    )

    def __init__(self, data: dict, radius: int = 7, ring_opacity: float = 0.08):
        super().__init__()
        self._name = "IncidentMarkers"
        self.data, self.radius, self.ring_opacity = _js_literal(data), radius, ring_opacity
        self.rings = {str(k): v for k, v in RING_METRES.items()}


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
    named = [c for c in claimants if colours[c] != OTHER_COLOUR]
    grouped = [c for c in claimants if colours[c] == OTHER_COLOUR]
    rows = "".join(f'<div><span class="sw" style="background:{colours[c]}"></span>{e(c)}</div>' for c in named)
    if grouped:
        rows += (f'<div title="{e(", ".join(grouped))}"><span class="sw" style="background:{OTHER_COLOUR}"></span>'
                 f"other claimants ({len(grouped)})</div>")
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

    The incidents travel as compact columns (``incident_data``) and are drawn by a few lines of JS on a
    canvas: at 10,000 incidents that is ~40 times fewer bytes than a GeoJSON layer with HTML tooltips, and
    no SVG node per marker.

    ``fit=False`` keeps the map's own centre and zoom (a link or snapshot that names its view).
    """
    fg = folium.FeatureGroup(name="Incidents")
    data = incident_data(df, colours)
    if data["ids"]:
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
    fg.add_child(FitAndLegend(bounds, legend_html(claimants, colours)))
    return fg


def to_json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
