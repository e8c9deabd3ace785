"""The legend: sizes drawn as the map draws them, every claimant's colour, the overflow named, text escaped."""

from __future__ import annotations

import re

from dashboard.view import basemap, legend


def test_dot_size_is_explained_in_the_legend_only_when_a_dot_stands_for_several():
    colours = basemap.claimant_colours(["Armenia MoD"])
    assert "Incidents per place" not in legend.legend_html(["Armenia MoD"], colours, max_n=1)
    shown = legend.legend_html(["Armenia MoD"], colours, max_n=250)
    assert "Incidents per place" in shown and ">1<" in shown.replace("</svg>", ">") and "250" in shown
    assert legend.dot_radius(7, 1) == 7 < legend.dot_radius(7, 10) < legend.dot_radius(7, 100)


def test_every_claimant_has_its_own_colour_and_the_overflow_is_named():
    names = [f"claimant {i:02d}" for i in range(20)] + ["Armenia MoD", "Azerbaijan MoD"]
    colours = basemap.claimant_colours(names)
    distinct = [c for c in colours.values() if c != basemap.OTHER_COLOUR]
    assert len(distinct) == len(set(distinct)) >= 12  # never two claimants in one colour
    grey = [n for n in names if colours[n] == basemap.OTHER_COLOUR]
    shown = legend.legend_html(names, colours)
    assert grey and f"other claimants ({len(grey)})" in shown
    assert shown.count('class="sw"') == len(names) - len(grey) + 1  # one swatch each, one for the group


def test_legend_sizes_are_the_map_sizes():
    shown = legend.legend_html(["Armenia MoD"], basemap.claimant_colours(["Armenia MoD"]), max_n=250)
    radii = [float(r) for r in re.findall(r'<circle cx="[\d.]+" cy="[\d.]+" r="([\d.]+)" fill="#888"', shown)]
    assert radii == [round(legend.dot_radius(7, k), 1) for k in (1, 100, 250)]
