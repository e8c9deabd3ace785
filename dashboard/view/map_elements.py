"""The map layer's data in, folium elements out: the incident dots and rings, the legend and fitted view, place names.

Each element is a small script that calls ``IncidentLayer`` (dashboard/view/js/incident_layer.js, loaded
once with Leaflet) or Leaflet itself; rendering happens once, when folium renders the map. Pure: never
imports streamlit.
"""

from __future__ import annotations

import json

from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard.view.basemap import RING_METRES

MIXED_COLOUR = "#555555"  # a ring shared by several claimants
RING_OPACITY = 0.08


def js_literal(obj) -> str:
    """JSON that is also safe inside an HTML <script> (the standalone page inlines it): no <, >, & or line separators."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


class _Script(Element):
    """A rendered script kept as text. branca's ``MacroElement.render`` wraps each rendered script in
    ``Element(text)``, which compiles the text as a Jinja template: for the layer's ~100 kB of data that was
    ~15 ms of every slider move, and a ``{{ … }}`` in a place name would be evaluated when a whole page is
    rendered (the briefing page)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class ScriptElement(MacroElement):
    """A MacroElement with only a ``script`` macro, rendered as text (``_Script``) into the page's scripts."""

    def render(self, **kwargs):
        self.get_root().script.add_child(_Script(self._template.module.script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class IncidentMarkers(ScriptElement):
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
        self.data = js_literal(data)
        self.options = {
            "radius": radius,
            "ringOpacity": ring_opacity,
            "mixed": MIXED_COLOUR,
            "rings": {str(k): v for k, v in RING_METRES.items()},
        }


class FitAndLegend(ScriptElement):
    """Runs when the incident layer is (re)added: replaces the legend control and fits the view to the incidents.

    The legend is a ``<details>``: on a map narrower than ``fold_below`` pixels it starts folded (a click on
    "Legend" opens it, and that choice is kept while the page is open); 0, for pictures, never folds it.
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
  legend.onAdd = function () {
    {% if this.fold_below %}var d = L.DomUtil.create('details', 'incident-legend'), open = window.incidentLegendOpen;
    d.appendChild(L.DomUtil.create('summary')).textContent = 'Legend';
    d.insertAdjacentHTML('beforeend', {{ this.legend_html|tojson }});
    // folded at first on a narrow map, where it would cover a third of it; then as the analyst leaves it
    d.open = open === undefined ? map.getSize().x >= {{ this.fold_below }} : open;
    d.firstChild.addEventListener('click', function () { window.incidentLegendOpen = !d.open; });
    {% else %}var d = L.DomUtil.create('div', 'incident-legend');
    d.innerHTML = {{ this.legend_html|tojson }};{% endif %}
    L.DomEvent.disableClickPropagation(d); return d; };
  legend.addTo(map); window.incidentLegend = legend;
  {% if this.bounds %}// keep every incident clear of the legend in the top-right corner
  var w = legend.getContainer().offsetWidth || 0;
  IncidentLayer.fit(map, {{ this.bounds|tojson }}, {paddingTopLeft: [40, 40], paddingBottomRight: [w + 30, 40], maxZoom: 9});{% endif %}
})();
{% endmacro %}"""
    )

    def __init__(self, bounds, legend_html: str, fold_below: int = 0):
        super().__init__()
        self._name = "FitAndLegend"
        self.bounds, self.legend_html, self.fold_below = bounds, legend_html, int(fold_below)


class PlaceLabels(ScriptElement):
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
