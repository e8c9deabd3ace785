"""The map's assets: local files copied whole to the static folder, no CDN named anywhere."""

from __future__ import annotations

import re

from dashboard.view import assets, basemap


def test_assets_are_local_files_and_no_cdn_is_named(tmp_path):
    m = basemap.base_map()
    urls = [u for _, u in m.default_js + m.default_css]
    assert urls and all(u.startswith(assets.IFRAME_STATIC_BASE + "/") for u in urls)
    html = m.get_root().render()
    loaded = re.findall(r'(?:src|href)="(https?://[^"]+)"', html) + re.findall(r"url\((https?://[^)]+)\)", html)
    assert loaded == []
    served = assets.prepare_static(tmp_path / "static")
    for a in assets.all_assets():
        assert (served / a.path).read_bytes() == a.source.read_bytes()
    # the folder is swapped in whole; a second call with nothing changed leaves it alone
    stamp = (served / ".stamp").stat().st_mtime_ns
    assets.prepare_static(tmp_path / "static")
    assert (served / ".stamp").stat().st_mtime_ns == stamp
