"""Claimants, their colours and the largest place's count in, the map legend's HTML out (escaped); and the dot sizes.

Pure: never imports streamlit.
"""

from __future__ import annotations

import html
import math

from dashboard.view.basemap import OTHER_COLOUR, RING_METRES


def dot_radius(base: float, n: int) -> float:
    """The radius in pixels of a place's dot for ``n`` incidents; incident_layer.js's ``radius`` does the same."""
    return base + 4 * math.log10(max(n, 1))


def legend_html(
    claimants, colours: dict[str, str], max_n: int = 1, base_radius: int = 7, counted: str = "Incidents"
) -> str:
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
        sizes = (
            f"<b>{e(counted)} per place</b><div>" + "".join(cells) + "</div><div>wedges: each claimant's share</div>"
        )
    return (
        ("<b>Claimed by</b>" + rows if claimants else "<b>No incident on the map</b>")
        + sizes
        + f"<b>Location</b><div>{dot}the place itself</div>"
        f"<div>{ring}near it / its district (ring ≈ {RING_METRES[2] // 1000} km)</div>"
        f"<div>{ring}a region (ring ≈ {RING_METRES[3] // 1000} km)</div>"
        "<div>a ring is grey when several claimants share it</div>"
    )
