"""Where each row comes from (our reports, or events coded by ACLED / UCDP) in; the map's origin marks, counts,
legend lines, attribution and the panel of a coded event out.

Our reports are ``ingest`` (machine-coded from an article) or ``csv`` (hand-coded); ``acled`` and ``ucdp`` rows
were imported with ``import-events`` (dashboard/store/imported.py). On the map a place with coded events gets a
dark outline around its dot (ours keep the white one), so the claimant colours and any marker shape stay free
for other meanings. ACLED's attribution policy asks that a map using its data say so, with the date the data
was accessed: the user gives it at import (``--accessed``), and the map and the PNG repeat it whenever a
coded row is in view. Pure: never imports streamlit.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
from jinja2 import Template

from dashboard.view.map_elements import ScriptElement
from dashboard.view.timefmt import precision_label, utc_label

CODED = ("acled", "ucdp")
# The origin filter's choices, as the sidebar names them (the URL carries the keys).
LABELS = {
    "acled": "ACLED (coded events)",
    "ucdp": "UCDP GED (coded events)",
    "ingest": "Our reports (from articles)",
    "csv": "Our reports (hand-coded CSV)",
}
# The groups a place's tooltip counts: 0 our reports, 1 ACLED, 2 UCDP.
GROUPS = ("reports", "ACLED", "UCDP")
_GROUP = {"acled": 1, "ucdp": 2}
CODED_OUTLINE = "#111111"  # a coded event's dot: dark outline; ours: white
CREDIT = {
    "acled": "ACLED: Armed Conflict Location & Event Data (acleddata.com)",
    "ucdp": "UCDP GED: Uppsala Conflict Data Program (ucdp.uu.se)",
}


def label(origin: str) -> str:
    return LABELS.get(origin, origin)


def groups(df: pd.DataFrame) -> np.ndarray:
    """Each row's group code (0 our reports, 1 ACLED, 2 UCDP); a frame with no ``origin`` column is all ours."""
    if "origin" not in df.columns:
        return np.zeros(len(df), dtype=np.int8)
    origin = df["origin"].astype("category")
    by_category = np.array([_GROUP.get(c, 0) for c in origin.cat.categories] + [0], dtype=np.int8)
    return by_category[origin.cat.codes.to_numpy()]  # code -1 (missing) takes the last entry: ours


def count_line(counts) -> str:
    """``ACLED: 2 events · reports: 5``: the coded sources first, then ours; empty groups left out."""
    reports, acled, ucdp = (int(c) for c in counts)
    parts = [f"{name}: {n} event{'s' if n != 1 else ''}" for name, n in (("ACLED", acled), ("UCDP", ucdp)) if n]
    if reports:
        parts.append(f"reports: {reports}")
    return " · ".join(parts)


def rows_count_line(df: pd.DataFrame) -> str:
    """``count_line`` of the rows of ``df``; empty when every row is ours (nothing to tell apart)."""
    counts = np.bincount(groups(df), minlength=3)
    return count_line(counts) if counts[1:].any() else ""


def attribution(df: pd.DataFrame, keep: np.ndarray | None = None) -> str:
    """The credit line for the ACLED / UCDP rows among ``df[keep]`` (every mapped row when ``keep`` is None),
    with the access dates given at import; empty when none is on the map."""
    if "origin" not in df.columns or not len(df):
        return ""
    on_map = df["mapped"].to_numpy(dtype=bool)
    if keep is not None:
        on_map = on_map & keep
    origin = df["origin"].astype("category")
    accessed = df["accessed"].astype("category") if "accessed" in df.columns else None
    lines = []
    for name in CODED:
        if name not in origin.cat.categories:
            continue
        rows = on_map & (origin.cat.codes.to_numpy() == origin.cat.categories.get_loc(name))
        if not rows.any():
            continue
        dates: list[str] = []
        if accessed is not None:
            codes = np.unique(accessed.cat.codes.to_numpy()[rows])
            dates = sorted(accessed.cat.categories[c] for c in codes if c >= 0 and accessed.cat.categories[c])
        when = f"accessed {', '.join(dates)}" if dates else "access date not given at import"
        lines.append(f"{CREDIT[name]}, {when}")
    return " · ".join(lines)


def legend_part(counts_by_place) -> str:
    """The legend's lines for the two outlines, when some coded event is on the map (else nothing)."""
    if not any(c[1] or c[2] for c in counts_by_place):
        return ""
    ours = (
        '<svg width="18" height="18"><circle cx="9" cy="9" r="5.5" fill="#888" stroke="#fff" stroke-width="2"/></svg>'
    )
    coded = (
        f'<svg width="18" height="18"><circle cx="9" cy="9" r="5.5" fill="#888" stroke="{CODED_OUTLINE}" '
        'stroke-width="2.5"/></svg>'
    )
    return (
        "<b>Origin</b>"
        f'<div class="origin-ours">{ours}our reports (white outline)</div>'
        f'<div class="origin-coded">{coded}with ACLED / UCDP coded events (dark outline)</div>'
    )


def is_coded(row) -> bool:
    return row.get("origin") in CODED


def coded_html(row) -> str:
    """The panel of one coded event: what the coder recorded (no article behind it, so no excerpt)."""
    e = html.escape
    name = GROUPS[_GROUP[row["origin"]]]
    where = e(row["location"] or "(no specific place)") + (
        f" ({e(row['country_code'])})" if row["country_code"] else ""
    )
    fatalities = row["fatalities"]
    told = fatalities is not None and str(fatalities) != "<NA>"
    return (
        f"<div class='detail coded-event'><p><b>{where}</b> · {e(name)} event {e(row['incident_id'].split(':', 1)[-1])}"
        f"<br>{e(row['event_type'])} · {e(row['sub_event_type'])}"
        f"<br>{e(utc_label(row['start'], row['end'], row['time_precision']))}"
        f"<br>time precision: {e(precision_label(row['time_precision']))}"
        f"<br>actors: {e(row['actor1'])}"
        + (f" vs {e(row['actor2'])}" if row["actor2"] else "")
        + (f"<br>fatalities: {int(fatalities)}" if told else "<br>fatalities: not stated")
        + "</p>"
        + (f"<p><small>Notes: {e(row['notes'])}</small></p>" if row["notes"] else "")
        + f"<p><small>Source (as {e(name)} codes it): {e(row['source'] or 'not given')}"
        + (f" · accessed {e(row['accessed'])}" if row.get("accessed") else "")
        + "</small></p></div>"
    )


class CodedAttribution(ScriptElement):
    """Puts ``text`` (``attribution()``) into the map's attribution control, replacing the previous window's line,
    and takes it away when no coded event is in view. Leaflet treats attributions as HTML: the text is escaped."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var c = {{ this._parent._parent.get_name() }}.attributionControl;
  if (!c) return;
  if (window.codedAttribution) c.removeAttribution(window.codedAttribution);
  window.codedAttribution = {{ this.text|tojson }};
  if (window.codedAttribution) c.addAttribution(window.codedAttribution);
})();
{% endmacro %}"""
    )

    def __init__(self, text: str):
        super().__init__()
        self._name = "CodedAttribution"
        self.text = f'<span class="coded-attribution">{html.escape(text)}</span>' if text else ""
