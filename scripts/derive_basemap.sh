#!/usr/bin/env bash
# Re-derives the offline basemap and the vendored TopoJSON client from the npm registry.
# The files are committed; this script documents where they came from and checks they are unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent world-atlas@2.0.2 topojson-client@3.1.0 >/dev/null \
  && tar xzf world-atlas-2.0.2.tgz && mkdir tc && tar xzf topojson-client-3.1.0.tgz -C tc)
cp "$tmp/package/countries-10m.json" data/basemap/countries-10m.json
cp "$tmp/package/LICENSE" data/basemap/LICENSE.world-atlas
cp "$tmp/tc/package/dist/topojson-client.min.js" dashboard/vendor/topojson-client.min.js
cp "$tmp/tc/package/LICENSE" dashboard/vendor/LICENSE.topojson-client
sha256sum data/basemap/countries-10m.json dashboard/vendor/topojson-client.min.js
