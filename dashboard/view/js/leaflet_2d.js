// Loaded before leaflet.js: Leaflet then places its panes, markers and labels with left/top, not with
// translate3d. With 3D transforms every DOM label on the map (75 country names, the places' names) became a
// composited layer of its own in Chromium, so each slider move's frame committed ~100 layers instead of ~20
// (docs/status.md, "Fourth session of 4 Dec"). The cost: zoom snaps instead of animating.
window.L_DISABLE_3D = true;
