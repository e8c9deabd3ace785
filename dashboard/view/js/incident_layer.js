/* Draws the incident layer that dashboard/view/layer_index.py's incident_data() describes: one marker per place.
 *
 * Loaded once with Leaflet (a static asset, like Leaflet itself); each rerun's feature group only calls
 * IncidentLayer.draw(map, data, options) with the window's data. Everything is drawn on one shared
 * canvas: rings (light discs) for approximate locations, then a dot per place, split into wedges by claimant
 * when more than one claims incidents there, and sized by how many incidents it stands for.
 * Text from the data is untrusted: tooltips are built from text nodes only, never from HTML strings.
 *
 * Written here, not taken from a plugin: no Leaflet plugin in a well-kept package draws proportional
 * pie markers on a shared canvas (Leaflet.minichart needs d3 and draws SVG, one element per marker).
 */
(function () {
  'use strict';
  var MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  function p2(x) { return (x < 10 ? '0' : '') + x; }
  function day(min) { var d = new Date(min * 60000); return p2(d.getUTCDate()) + ' ' + MON[d.getUTCMonth()] + ' ' + d.getUTCFullYear(); }
  function fmt(min) { var d = new Date(min * 60000); return day(min) + ' ' + p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes()); }
  function offset(m) { var a = Math.abs(m); return 'UTC' + (m < 0 ? '-' : '+') + p2(Math.floor(a / 60)) + (a % 60 ? ':' + p2(a % 60) : ''); }

  // One incident's time, as dashboard/timefmt.py's utc_label and local_label say it.
  function times(D, i) {
    var t = D.t[i];
    if (t === null) return ['time unknown', ''];
    t += D.t0;
    var e = t + D.d[i], utc = D.d[i] ? fmt(t) + ' – ' + fmt(e) + ' UTC' : fmt(t) + ' UTC';
    var k = D.kinds[D.k[i]];
    if (!k || !k[1]) return [utc, ''];
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
  function line(d, text) { d.appendChild(document.createTextNode(text)); add(d, 'br'); }
  function pairs(list, names) {  // [code, count, code, count, ...] -> "name 3 · name 1"
    var out = [];
    for (var j = 0; j < list.length; j += 2) out.push(names(list[j]) + ' ' + list[j + 1]);
    return out.join(' · ');
  }

  function plural(k, word) { return k + ' ' + word + (k === 1 ? '' : 's'); }
  // "2 events · 5 reports from 3 outlets", as dashboard/events/summary.py's place_summaries says it
  function eventsLabel(ne, n, no) {
    return plural(ne, 'event') + ' · ' + plural(n, 'report') + ' from ' + plural(no, 'outlet');
  }

  // Origin (dashboard/view/origins.py): D.o[i] = [our reports, ACLED, UCDP] at a place, sent only when some
  // coded event is in view. A place with coded events has a dark outline; ours keep the white one.
  function coded(D, i) { return !!(D.o && (D.o[i][1] || D.o[i][2])); }
  function outline(D, i) { return coded(D, i) ? {color: '#111111', weight: 2.5} : {color: '#ffffff', weight: 2}; }
  function originLine(D, i) {  // "ACLED: 2 events · reports: 5", as origins.count_line says it
    var o = D.o[i], out = [], names = ['ACLED', 'UCDP'];
    for (var j = 1; j <= 2; j++) if (o[j]) out.push(names[j - 1] + ': ' + o[j] + (o[j] === 1 ? ' event' : ' events'));
    if (o[0]) out.push('reports: ' + o[0]);
    return out.join(' · ');
  }

  function tip(D, i) {
    var pl = D.places[i], n = D.n[i], g = D.g[i];
    var outer = document.createElement('div');
    var d = add(add(add(add(add(outer, 'table'), 'tbody'), 'tr'), 'td'), 'div', undefined, 'incident-tip');
    add(d, 'b', pl[2]); if (pl[3]) d.appendChild(document.createTextNode(' (' + pl[3] + ')')); add(d, 'br');
    if (D.ne) {  // the events view (dashboard/view/events_layer.py): events first, then what they rest on
      add(d, 'b', eventsLabel(D.ne[i], n, D.no[i])); add(d, 'br');
    }
    if (D.fc && D.fc[i].length) line(d, 'type: ' + pairs(D.fc[i], function (f) { return D.families[f]; }));
    if (coded(D, i)) { add(d, 'span', originLine(D, i), 'origin-line'); add(d, 'br'); }
    if (n === 1) {
      var when = times(D, i), precision = g[0] ? 1 : g[1] ? 2 : 3;
      line(d, D.events[D.e[i][0]]);
      line(d, when[0]);
      if (when[1]) { add(d, 'span', 'local: ' + when[1], 'muted'); add(d, 'br'); }
      d.appendChild(document.createTextNode('claimed by ')); add(d, 'b', D.claimants[D.c[i][0]][0]); add(d, 'br');
      add(d, 'span', 'location: ' + D.precision[precision], 'muted');
      return outer;
    }
    if (!D.ne) { add(d, 'b', n + ' incidents here in this window'); add(d, 'br'); }  // the events view says it above
    line(d, 'claimed by ' + pairs(D.c[i], function (c) { return D.claimants[c][0]; }));
    line(d, pairs(D.e[i], function (e) { return D.events[e]; }));
    if (D.t[i] !== null) {
      var a = D.t0 + D.t[i], b = a + D.d[i];
      var timed = D.u[i] ? ' of the ' + (n - D.u[i]) + ' with a known time' : '';
      line(d, D.d[i] ? fmt(a) + ' – ' + fmt(b) + ' UTC (earliest start to latest end' + timed + ')'
                     : fmt(a) + ' UTC (' + (timed ? 'all' + timed : 'all of them') + ')');
    }
    if (D.u[i]) { add(d, 'span', D.u[i] + ' with no known time', 'muted'); add(d, 'br'); }
    var loc = [];
    for (var p = 1; p <= 3; p++) if (g[p - 1]) loc.push(g[p - 1] + ' ' + D.precision[p]);
    add(d, 'span', 'location: ' + loc.join(' · '), 'muted'); add(d, 'br');
    add(d, 'span', D.ne ? 'click to read each event\'s claims' : 'click to read their excerpts', 'muted');
    return outer;
  }

  // The outline of a mark of type family ``shape`` (dashboard/view/events_layer.py SHAPES; its _polygon uses
  // the same factors for the legend): circle, star, triangle, square or diamond around (x, y).
  function shapePath(ctx, shape, x, y, r) {
    var k, q;
    ctx.beginPath();
    if (shape === 'square') { q = r * 0.89; ctx.rect(x - q, y - q, 2 * q, 2 * q); return; }
    if (shape === 'diamond') { q = r * 1.25; ctx.moveTo(x, y - q); ctx.lineTo(x + q, y); ctx.lineTo(x, y + q); ctx.lineTo(x - q, y); }
    else if (shape === 'triangle') { q = r * 1.3; ctx.moveTo(x, y - q); ctx.lineTo(x + q * 0.866, y + q * 0.5); ctx.lineTo(x - q * 0.866, y + q * 0.5); }
    else if (shape === 'star') {
      for (k = 0; k < 10; k++) {
        q = k % 2 ? r * 0.75 : r * 1.5;
        ctx[k ? 'lineTo' : 'moveTo'](x + q * Math.sin(k * Math.PI / 5), y - q * Math.cos(k * Math.PI / 5));
      }
    } else { ctx.arc(x, y, r, 0, Math.PI * 2, false); return; }
    ctx.closePath();
  }

  // A mark in the shape of its type family, filled as wedges (one per claimant, sized as its share of the
  // incidents), or hollow (a quiet, region-wide place). A round, filled mark of one claimant is Leaflet's own
  // circle marker, pixel for pixel.
  var PieMarker = L.CircleMarker.extend({
    _updatePath: function () {
      var R = this._renderer, parts = this.options.parts, shape = this.options.shape || 'circle';
      if (R._ctx && this.options.hollow && R._drawing && !this._empty()) return this._hollow(shape);
      if (R._ctx && shape !== 'circle' && R._drawing && !this._empty()) return this._shaped(shape, parts || []);
      if (!R._ctx || !parts || parts.length < 2) return L.CircleMarker.prototype._updatePath.call(this);
      if (!R._drawing || this._empty()) return;
      var p = this._point, ctx = R._ctx, r = Math.max(Math.round(this._radius), 1), total = 0, a = -Math.PI / 2, j;
      var o = this.options;
      for (j = 0; j < parts.length; j++) total += parts[j][1];
      ctx.globalAlpha = o.fillOpacity;
      for (j = 0; j < parts.length; j++) {
        var b = a + 2 * Math.PI * parts[j][1] / total;
        ctx.beginPath(); ctx.moveTo(p.x, p.y); ctx.arc(p.x, p.y, r, a, b, false); ctx.closePath();
        ctx.fillStyle = parts[j][0]; ctx.fill();
        a = b;
      }
      ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, Math.PI * 2, false);  // the outline, as Leaflet's _fillStroke draws it
      if (ctx.setLineDash) ctx.setLineDash([]);
      ctx.globalAlpha = o.opacity; ctx.lineWidth = o.weight; ctx.strokeStyle = o.color;
      ctx.lineCap = o.lineCap; ctx.lineJoin = o.lineJoin; ctx.stroke();
    },
    _shaped: function (shape, parts) {
      var p = this._point, ctx = this._renderer._ctx, r = Math.max(Math.round(this._radius), 1), o = this.options;
      var total = 0, a = -Math.PI / 2, j;
      for (j = 0; j < parts.length; j++) total += parts[j][1];
      ctx.save();
      shapePath(ctx, shape, p.x, p.y, r); ctx.clip();
      ctx.globalAlpha = o.fillOpacity;
      for (j = 0; j < parts.length; j++) {  // wedges reaching past the shape's corners, clipped to it
        var b = a + 2 * Math.PI * parts[j][1] / total;
        ctx.beginPath(); ctx.moveTo(p.x, p.y); ctx.arc(p.x, p.y, r * 1.5, a, b, false); ctx.closePath();
        ctx.fillStyle = parts[j][0]; ctx.fill();
        a = b;
      }
      ctx.restore();
      this._outline(shape, o.color, o.weight);
    },
    _hollow: function (shape) {
      var o = this.options, ctx = this._renderer._ctx, p = this._point, r = Math.max(Math.round(this._radius), 1);
      shapePath(ctx, shape, p.x, p.y, r);
      ctx.globalAlpha = 0.85; ctx.fillStyle = '#ffffff'; ctx.fill();
      this._outline(shape, o.fillColor, o.weight + 0.5);
      if (o.color !== '#ffffff') this._outline(shape, o.color, 1);  // hovered
    },
    _outline: function (shape, colour, weight) {
      var p = this._point, ctx = this._renderer._ctx, r = Math.max(Math.round(this._radius), 1), o = this.options;
      shapePath(ctx, shape, p.x, p.y, r);
      if (ctx.setLineDash) ctx.setLineDash([]);
      ctx.globalAlpha = o.opacity; ctx.lineWidth = weight; ctx.strokeStyle = colour;
      ctx.lineCap = o.lineCap; ctx.lineJoin = o.lineJoin; ctx.stroke();
    }
  });

  function radius(base, n) { return base + 4 * Math.log10(n); }  // 1 -> base, 10 -> +4 px, 100 -> +8 px

  // The layer lives in two groups kept on the map from one rerun to the next, keyed by place: a slider move
  // updates the markers that stay, adds the new places and removes the gone ones, instead of removing and
  // recreating ~1,400 Leaflet objects (~25 ms a move at 10,000 incidents).
  function state(map) {
    if (map._incidentState) return map._incidentState;
    var S = map._incidentState = {rings: L.layerGroup().addTo(map), dots: L.featureGroup().addTo(map),
                                   dot: {}, ring: {}, D: null};
    // direction auto: left of the marker in the map's right half, so a tooltip is not cut at the edge
    S.dots.bindTooltip(function (layer) { return tip(S.D, layer.feature.properties.i); },
      {sticky: false, direction: 'auto', className: 'foliumtooltip'});
    S.dots.on('mouseover', function (e) { if (e.layer.feature) e.layer.setStyle({weight: 3, color: '#222222'}); });
    S.dots.on('mouseout', function (e) { if (e.layer.feature) e.layer.setStyle(outline(S.D, e.layer.feature.properties.i)); });
    return S;
  }

  function draw(map, D, o) {
    // One canvas for every rerun's layer: a new renderer each time would leave old canvases in the map.
    var renderer = window.incidentRenderer || (window.incidentRenderer = L.canvas({padding: 0.1}));
    var S = state(map), seen = {}, i, j, pl, key;
    S.D = D;
    for (i = 0; i < D.n.length; i++) {  // rings first, under every dot
      pl = D.places[i];
      for (j = 2; j <= 3; j++) {
        var count = D.g[i][j - 1], metres = o.rings[j];
        if (!count || !metres) continue;
        var code = D.r[i][j - 2], colour = code === null || code < 0 ? o.mixed : D.claimants[code][1];
        // solid, not dashed: dashing ~1,000 rings cost ~35 ms a move at 10,000 incidents (measured); a light
        // disc with a thin edge is how maps show a location's uncertainty (as a GPS fix's accuracy circle)
        var style = {color: colour, weight: 1, opacity: 0.7, fill: true, fillColor: colour,
                     fillOpacity: 1 - Math.pow(1 - o.ringOpacity, Math.min(count, 3))};
        if (D.soft && D.soft[i]) { style.fillOpacity = 0; style.opacity = 0.35; }  // a quiet region: its edge only
        key = 'r' + j + ':' + pl[0] + ',' + pl[1];
        seen[key] = true;
        var ring = S.ring[key];
        if (!ring) {
          ring = S.ring[key] = L.circle([pl[0], pl[1]], L.extend({renderer: renderer, radius: metres, interactive: false}, style));
          ring.addTo(S.rings);
          ring.bringToBack();  // one canvas for rings and dots: a new ring goes under every dot (those that stay are
          // brought to the front below, in order)
        } else if (ring.options.fillColor !== style.fillColor || ring.options.fillOpacity !== style.fillOpacity) {
          ring.setStyle(style);
        }
      }
    }
    for (i = 0; i < D.n.length; i++) {  // biggest first, so a small place beside a hotspot stays on top
      pl = D.places[i];
      var parts = [];
      for (j = 0; j < D.c[i].length; j += 2) parts.push([D.claimants[D.c[i][j]][1], D.c[i][j + 1]]);
      key = pl[0] + ',' + pl[1];
      seen[key] = true;
      var soft = !!(D.soft && D.soft[i]), shape = D.f ? D.shapes[D.f[i]] : 'circle', edge = outline(D, i);
      // a quiet region-wide place: small and hollow, whatever its count (it is not a hotspot)
      var dot = S.dot[key], r = soft ? o.radius * 0.8 : radius(o.radius, D.n[i]);
      if (!dot) {
        dot = S.dot[key] = new PieMarker([pl[0], pl[1]], {renderer: renderer, radius: r, color: edge.color,
          weight: edge.weight, fill: true, fillColor: parts[0][0], fillOpacity: 1.0, parts: parts, shape: shape,
          hollow: soft});
        dot.addTo(S.dots);
      } else {
        dot.options.parts = parts; dot.options.fillColor = parts[0][0]; dot.options.shape = shape; dot.options.hollow = soft;
        dot.options.color = edge.color; dot.options.weight = edge.weight;
        dot.setRadius(r);  // redraws it
        dot.bringToFront();  // keep the order: most incidents underneath
      }
      dot.feature = {type: 'Feature', id: D.ids[i] || ('place-' + i),
        properties: {incident_id: D.ids[i], n: D.n[i], place: [pl[0], pl[1]], i: i,
                     events: D.ne ? D.ne[i] : null, shape: shape}, geometry: null};
    }
    for (key in S.dot) if (!seen[key]) { S.dots.removeLayer(S.dot[key]); delete S.dot[key]; }
    for (key in S.ring) if (!seen[key]) { S.rings.removeLayer(S.ring[key]); delete S.ring[key]; }
  }

  // Fit the view to ``bounds`` the first time; after that only when some of them would be out of sight (or
  // under the padding, where the legend is), or when they would fill less than a quarter of the view
  // both ways. A slider move that keeps the incidents in view leaves the map where the analyst has it.
  function fit(map, bounds, options) {
    var b = L.latLngBounds(bounds), size = map.getSize();
    var nw = map.latLngToContainerPoint(b.getNorthWest()), se = map.latLngToContainerPoint(b.getSouthEast());
    var tl = options.paddingTopLeft, br = options.paddingBottomRight;
    var inside = nw.x >= tl[0] / 2 && nw.y >= tl[1] / 2 && se.x <= size.x - br[0] / 2 && se.y <= size.y - br[1] / 2;
    var small = se.x - nw.x < size.x / 4 && se.y - nw.y < size.y / 4 && map.getZoom() < options.maxZoom;
    if (!window.incidentFitted || !inside || small) map.fitBounds(b, options);
    window.incidentFitted = true;
  }

  window.IncidentLayer = {draw: draw, fit: fit, radius: radius, PieMarker: PieMarker, originLine: originLine};
})();
