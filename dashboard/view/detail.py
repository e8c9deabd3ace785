"""An incident row (and the article it comes from) in, the escaped HTML panel the map page shows for it out.

Where (as written → resolved), what, when in UTC and local time, who claims it, the excerpt with the
place name marked, the paragraph around it, the source and the coder's notes. Every value from the data
is escaped: articles and CSV cells are untrusted. Pure: never imports streamlit.
"""

from __future__ import annotations

import html

from dashboard.view import origins
from dashboard.view.excerpts import highlight, paragraph_html
from dashboard.view.timefmt import local_label, precision_label, utc_label

STYLE = """<style>
.detail blockquote.excerpt { border-left: 4px solid #0072B2; margin: .4em 0; padding: .2em .8em; background: #f5f7fa; }
.detail mark { background: #ffe08a; padding: 0 .1em; }
.detail p.context { color: #333; }
details.no-place { border: 1px solid rgba(49, 51, 63, .2); border-radius: .5rem; padding: .45rem .9rem; margin-bottom: .5rem; }
details.no-place summary { cursor: pointer; }
h3.no-place-heading { font-size: 1.5rem; font-weight: 600; line-height: 1.2; margin: 0 0 1rem; padding: .75rem 0 0; }
p.no-place-more { color: rgba(49, 51, 63, .6); font-size: .875rem; }
details.no-place[open] summary { margin-bottom: .4rem; }
</style>"""


def where_label(location: str, place: str) -> str:
    """``Sok → Sotk`` (as written → resolved), ``Goris`` when they agree, "(no specific place)" when there is none."""
    return (location or "(no specific place)") + (f" → {place}" if place and place != location else "")


def detail_html(row, text: str | None) -> str:
    """One incident's panel; ``text`` (its article, or None) adds the paragraph around the excerpt."""
    if origins.is_coded(row):  # an imported ACLED / UCDP event: no article, no excerpt
        return origins.coded_html(row)
    e = html.escape
    where = e(where_label(row["location"], row["place"]))
    local = local_label(row["start"], row["end"], row["time_precision"], row["local_tz"])
    parts = [
        f"<div class='detail'><p><b>{where}</b>{' (' + e(row['country_code']) + ')' if row['country_code'] else ''}"
        f"<br>{e(row['event_type'])} · {e(row['sub_event_type'])}"
        f"<br>{e(utc_label(row['start'], row['end'], row['time_precision']))}"
        + (f"<br>local: {e(local)}" if local else "")
        + f"<br>time precision: {e(precision_label(row['time_precision']))}"
        f"<br>claimed by <b>{e(row['claimed_by'])}</b>"
        + (
            f" (as written: {e(w)})"
            if isinstance(w := row.get("claimant_as_written"), str) and w and w != row["claimed_by"]
            else ""
        )
        + f"; actors: {e(row['actor1'])}"
        + (f" vs {e(row['actor2'])}" if row["actor2"] else "")
        + (
            f"<br>fatalities: {int(row['fatalities'])}"
            if row["fatalities"] is not None and str(row["fatalities"]) != "<NA>"
            else "<br>fatalities: not stated"
        )
        + "</p>",
        f"<blockquote class='excerpt'>{highlight(row['excerpt'], row['location'])}</blockquote>",
    ]
    if text is not None:
        a, b = int(row["excerpt_start"]), int(row["excerpt_end"])
        parts.append(
            f"<p class='context'><small>In context:</small><br>{paragraph_html(text, a, b, row['location'])}</p>"
        )
    source = f"{e(row['source'])}, published {e(row['published'] or 'unknown')} ({e(row['language'])})"
    if row["source_url"]:
        source += (
            f" · <a href='{e(row['source_url'])}' rel='noopener noreferrer' target='_blank'>{e(row['source_url'])}</a>"
        )
    parts.append(
        f"<p><small>Source: {source}<br>characters {int(row['excerpt_start'])}–{int(row['excerpt_end'])} of "
        f"{e(row['source_path'])}</small></p>"
    )
    if row["notes"]:
        parts.append(f"<p><small>Notes: {e(row['notes'])}</small></p>")
    return "".join(parts) + "</div>"


def selected_html(row, text: str | None) -> str:
    """The panel of a clicked incident, marked with its id (the browser tests find it by that)."""
    return (
        STYLE
        + f"<div class='selected-incident' data-incident-id='{html.escape(row['incident_id'])}'>"
        + detail_html(row, text)
        + "</div>"
    )


def no_place_html(rows, total: int | None = None) -> str:
    """Incidents with no specific place as one block: a heading, a ``<details>`` each and how many more there are
    (``total``: how many the window holds; ``rows`` may be the first of them). One element to re-render, not one each.
    """
    e = html.escape
    total = len(rows) if total is None else total
    items = "".join(
        f"<details class='no-place'><summary>{e(r['location'] or '(no specific place)')} · "
        f"{e(r['sub_event_type'])} · {e(utc_label(r['start'], r['end'], r['time_precision']))} · "
        f"claimed by {e(r['claimed_by'])}</summary>{detail_html(r, None)}</details>"
        for _, r in rows.iterrows()
    )
    more = (
        f"<p class='no-place-more'>… and {total - len(rows)} more, in the table below and the downloads.</p>"
        if total > len(rows)
        else ""
    )
    return (
        STYLE
        + f"<h3 class='no-place-heading'>Not on the map: {total} with no specific place</h3>"
        + f"<div class='no-place-list'>{items}</div>{more}"
    )
