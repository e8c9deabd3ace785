"""The offline base map, the claimants' colours and the map's constants.

Pure: never imports streamlit. The base map is identical on every call with the same arguments, so
st_folium keeps its iframe (and the user's pan and zoom); everything that depends on the data goes
into one FeatureGroup that st_folium swaps in place (``feature_group_to_add``, dashboard/view/layer.py).
"""

from __future__ import annotations

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard.view import assets

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
    # Coded datasets imported beside our reports: neutral greys, never a side's hue (ACLED's free palette
    # colour was a sky blue that read as Armenia MoD's blue).
    "ACLED": "#595959",
    "UCDP": "#A6A6A6",
}
# Radius of the ring drawn for an approximate location, by ACLED geo_precision, in metres.
RING_METRES = {2: 15_000, 3: 50_000}

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
.incident-legend summary { cursor: pointer; font-weight: 600; color: #444; }
.incident-legend div { overflow-wrap: anywhere; }
.incident-legend .sw { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
  margin-right: 6px; vertical-align: -1px; border: 1px solid #fff; box-shadow: 0 0 0 1px #555; }
.incident-legend svg { vertical-align: middle; margin-right: 4px; }
.incident-legend .size { display: inline-block; margin-right: 6px; white-space: nowrap; }
.place-label { color: #1b1f24; font-size: 12px; font-weight: 600; white-space: nowrap; pointer-events: none;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }
.incident-tip { line-height: 1.4; }
.incident-tip .muted { color: #555; }
</style>"""


class OfflineFixes(MacroElement):
    """With no tile layer, Leaflet has no maxZoom (fitBounds and plugins need one) and may guess a wrong icon path."""

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


def base_map(
    tiles: str = "offline",
    inline: bool = False,
    center: tuple[float, float] = DEFAULT_CENTER,
    zoom: float = DEFAULT_ZOOM,
    zoom_control: bool = True,
) -> folium.Map:
    """The static part of the map: assets, basemap, scale bar, attribution. Same output for the same arguments.

    ``inline`` puts Leaflet and the basemap into the page as data (standalone HTML, snapshots);
    otherwise they are URLs under Streamlit's static serving.
    """
    if tiles not in TILE_LAYERS:
        raise ValueError(f"tiles must be one of {sorted(TILE_LAYERS)}, not {tiles!r} ({type(tiles).__name__})")
    # zoom_snap 0.25: fitBounds can fill the frame instead of jumping a whole zoom level out
    m = folium.Map(
        location=center,
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        max_zoom=MAX_ZOOM,
        zoom_snap=0.25,
        zoom_delta=0.5,
        zoom_control=zoom_control,
    )
    link = assets.data_url if inline else assets.url
    # Instance attributes, not add_js_link: that edits the class-level list shared by every map.
    m.default_js = [(a.path, link(a)) for a in assets.MAP_JS]
    m.default_css = [(a.path, link(a)) for a in assets.MAP_CSS]
    m.get_root().header.add_child(Element(BASE_CSS), name="incident_css")
    m.add_child(OfflineFixes(link(assets.LEAFLET_JS).rsplit("/", 1)[0] + "/images/" if not inline else ""))
    layer = TILE_LAYERS[tiles]
    if layer is None:
        basemap = (
            CountryBasemap(inline=assets.BASEMAP.source.read_text())
            if inline
            else CountryBasemap(url=assets.url(assets.BASEMAP))
        )
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
