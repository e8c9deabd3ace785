"""Streamlit dashboard: incidents CSV in, an offline map, timeline, excerpts and downloads out.

Thin by design: it wires widgets to functions in the package; the logic lives in view.py (window and
filters, URL), mapview.py (the map), charts.py, excerpts.py and export.py.
"""

from __future__ import annotations

import dataclasses
import html
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from dashboard.errors import DashboardError, InputError
from dashboard.export import briefing
from dashboard.export import tables as export
from dashboard.export.png import render_png
from dashboard.store import csvfile as incidents
from dashboard.store import source as datasource
from dashboard.ui import ingest_pages as ui_ingest
from dashboard.view import basemap as mapview
from dashboard.view import excerpts
from dashboard.view import layer as maplayer
from dashboard.view import timeline as charts
from dashboard.view import window as view
from dashboard.view.assets import prepare_static
from dashboard.view.timefmt import local_label, precision_label, utc_label, window_local_labels

md = excerpts.md_escape
MAX_TABLE_ROWS = 500
MAX_LISTED = 25  # incidents with no place, listed under the map
MAX_EXCERPTS = 20  # excerpts shown for a clicked place
plural = excerpts.plural
FILTER_LABELS = {"claimant": "Claimed by", "event_type": "Event type", "country": "Country"}


@st.cache_resource
def _static_ready() -> bool:
    prepare_static()  # once per server process; a no-op when `make run` already did it
    return True


# cache_resource, not cache_data: one shared frame, not an unpickled copy per rerun (0.24 s at 100,000).
# Nothing below modifies it in place; filtering and assign() make new frames.
@st.cache_resource(show_spinner="Loading incidents…", max_entries=2)
def load(kind: str, path: str, version: str):
    return datasource.Source(kind, Path(path)).load()  # version: a new one means new data


@st.cache_resource(max_entries=2)
def summary(kind: str, path: str, version: str) -> view.Summary:
    """What the whole data says, whatever the window: made once per data version."""
    return view.summarize(load(kind, path, version), mapview.claimant_colours)


@st.cache_resource(max_entries=2)
def layer_index(kind: str, path: str, version: str) -> maplayer.LayerIndex:
    """The map layer's codes for every incident, made once per data version (a slider move then costs ~ms)."""
    return maplayer.LayerIndex.build(load(kind, path, version))


@st.cache_resource(max_entries=2)
def timeline_base(kind: str, path: str, version: str) -> dict:
    """The timeline's spec and incidents, made once per data; each window only adds its own row."""
    df = load(kind, path, version)
    facts = summary(kind, path, version)
    return charts.timeline(df, facts.bounds, facts.colours, span=facts.bounds)


@st.cache_data
def csv_version(path: str, mtime: float) -> str:
    return incidents.data_version(path)


def version_of(src: datasource.Source) -> str:
    if src.kind == "csv":
        return csv_version(str(src.path), src.path.stat().st_mtime)
    return src.version()


def seed_state(df, options, version: str) -> None:
    """On a session's first run, put the URL's view into the widgets' state; keep what the link asked for."""
    if "window" in st.session_state:
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    v, warnings = view.from_query(params, df)
    st.session_state["window"] = (v.start, v.end)
    for name, selected in v.filters.items():
        unknown = [s for s in selected or () if s not in options[name]]
        if unknown:
            warnings.append(f"{FILTER_LABELS[name].lower()} {', '.join(map(repr, unknown))} not in this data; ignored")
        st.session_state[f"f_{name}"] = [s for s in selected or () if s in options[name]]
    linked_version = (params.get("v") or [""])[-1]
    if linked_version and linked_version != version:
        warnings.append(
            f"this link was made on data version {linked_version!r}; the data is now version {version!r}, "
            "so the incidents shown may differ from what its author saw"
        )
    st.session_state["linked_view"] = v
    st.session_state["link_warnings"] = warnings


def detail_html(row, text: str | None) -> str:
    e = html.escape
    where = e(row["location"] or "(no specific place)")
    if row["place"] and row["place"] != row["location"]:
        where += f" → {e(row['place'])}"
    local = local_label(row["start"], row["end"], row["time_precision"], row["local_tz"])
    parts = [
        f"<div class='detail'><p><b>{where}</b>{' (' + e(row['country_code']) + ')' if row['country_code'] else ''}"
        f"<br>{e(row['event_type'])} · {e(row['sub_event_type'])}"
        f"<br>{e(utc_label(row['start'], row['end'], row['time_precision']))}"
        + (f"<br>local: {e(local)}" if local else "")
        + f"<br>time precision: {e(precision_label(row['time_precision']))}"
        f"<br>claimed by <b>{e(row['claimed_by'])}</b>; actors: {e(row['actor1'])}"
        + (f" vs {e(row['actor2'])}" if row["actor2"] else "")
        + (
            f"<br>fatalities: {int(row['fatalities'])}"
            if row["fatalities"] is not None and str(row["fatalities"]) != "<NA>"
            else "<br>fatalities: not stated"
        )
        + "</p>",
        f"<blockquote class='excerpt'>{excerpts.highlight(row['excerpt'], row['location'])}</blockquote>",
    ]
    if text is not None:
        a, b = int(row["excerpt_start"]), int(row["excerpt_end"])
        parts.append(
            f"<p class='context'><small>In context:</small><br>{excerpts.paragraph_html(text, a, b, row['location'])}</p>"
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


STYLE = """<style>
.detail blockquote.excerpt { border-left: 4px solid #0072B2; margin: .4em 0; padding: .2em .8em; background: #f5f7fa; }
.detail mark { background: #ffe08a; padding: 0 .1em; }
.detail p.context { color: #333; }
details.no-place { border: 1px solid rgba(49, 51, 63, .2); border-radius: .5rem; padding: .45rem .9rem; margin-bottom: .5rem; }
details.no-place summary { cursor: pointer; }
details.no-place[open] summary { margin-bottom: .4rem; }
</style>"""


def map_page() -> None:
    try:
        src = datasource.from_env()
        if src.kind == "csv" and not src.path.is_file():
            raise InputError(f"{src.path}: no such file (set DASHBOARD_INCIDENTS to an incidents CSV)")
        version = version_of(src)
        df = load(src.kind, str(src.path), version)
    except DashboardError as err:
        st.error("Cannot show incidents. " + excerpts.md_lines(err))
        st.stop()
    if df.attrs.get("set_aside"):  # rows the store holds but the validator refuses: listed, not shown
        st.warning(
            excerpts.md_lines(
                f"{len(df.attrs['set_aside'])} stored incident(s) set aside, not shown (fix them on Review & audit):\n"
                + "\n".join(df.attrs["set_aside"])
            )
        )
    if df.empty:
        st.title("Incident map")
        st.info(
            "No incidents yet"
            + (": add an article on the Add article page." if src.writable else f" in {md(src.path)}.")
        )
        st.stop()

    facts = summary(src.kind, str(src.path), version)
    options, colours = facts.options, facts.colours
    seed_state(df, options, version)
    lo, hi = facts.bounds

    st.title("Incident map")
    st.caption(
        " · ".join(md(f"{source} ({published}, {language})") for source, published, language in facts.sources)
        + f" · {plural(len(df), 'incident')} in {md(src.path.name)} · data version {version}"
    )
    for w in st.session_state["link_warnings"]:
        st.warning(f"Link: {md(w)}")

    with st.sidebar:
        st.header("Filters")
        for name in view.FILTERS:
            st.multiselect(FILTER_LABELS[name], options[name], key=f"f_{name}", placeholder="All")
        st.selectbox(
            "Basemap",
            list(mapview.TILE_LAYERS),
            key="tiles",
            help="Online tile layers need internet; the offline borders always work.",
        )
        st.divider()
        st.caption(f"Data: {md(src.path)}" + ("" if src.writable else " (read-only CSV)"))
        st.caption("Borders: Natural Earth (public domain). Places: GeoNames (CC BY 4.0).")

    window = st.slider(
        "Time window (UTC)",
        min_value=lo,
        max_value=hi,
        step=timedelta(hours=1),
        key="window",
        format="DD MMM YYYY, HH:mm",
    )
    current = view.View(window[0], window[1], {n: tuple(st.session_state[f"f_{n}"]) for n in view.FILTERS})
    # Rows are picked by a mask and only the columns each part needs are copied: taking all 33 columns of
    # the window's rows costs 13 ms at 10,000 incidents and 230 ms at 100,000, on every slider move.
    keep = view.mask(df, current).to_numpy()
    mapped = df["mapped"].to_numpy()
    n_shown, n_mapped = int(keep.sum()), int((keep & mapped).sum())
    local = "; ".join(window_local_labels(window, facts.zones))
    n_untimed = int((keep & df["start"].isna().to_numpy()).sum())
    st.markdown(
        f"**{plural(n_shown, 'incident')}** in this window · {n_mapped} on the map · "
        f"{n_shown - n_mapped} with no specific place"
        + (f" · {n_untimed} with no known time (shown in every window, not on the timeline)" if n_untimed else "")
    )
    if local:
        st.caption(f"Local time: {md(local)}")

    # The timeline stands here on the page but is made after the map: a slider move reaches the map first.
    timeline_slot = st.container()

    # A link that names the map's position keeps it while its window and filters are unchanged;
    # any other view fits the map to the incidents shown.
    linked = st.session_state["linked_view"]
    keep_linked = linked.center is not None and current.same_selection(linked)
    left, right = st.columns([5, 3], gap="medium")
    with left:
        out = (
            st_folium(
                mapview.base_map(tiles=st.session_state["tiles"]),
                key="incident_map",
                feature_group_to_add=maplayer.incident_layer(
                    df.loc[keep, maplayer.LAYER_COLUMNS],
                    colours,
                    fit=not keep_linked,
                    index=layer_index(src.kind, str(src.path), version),
                ),
                center=linked.center,
                zoom=linked.zoom,
                height=560,
                use_container_width=True,
                returned_objects=["last_active_drawing", "center", "zoom"],
            )
            or {}
        )
    pos = out.get("center") or {}
    if pos.get("lat") is not None and out.get("zoom") is not None:
        current = dataclasses.replace(current, center=(pos["lat"], pos["lng"]), zoom=out["zoom"])
    elif keep_linked:
        current = dataclasses.replace(current, center=linked.center, zoom=linked.zoom)
    params = {**view.to_query(current, options), "v": [version]}
    if {k: st.query_params.get_all(k) for k in st.query_params} != params:
        st.query_params.from_dict(params)

    with timeline_slot:
        st.vega_lite_chart(
            spec=charts.with_window(timeline_base(src.kind, str(src.path), version), window),
            width="stretch",
            key="timeline",
        )

    clicked = ((out or {}).get("last_active_drawing") or {}).get("properties") or {}
    with right:
        st.subheader("Source excerpt")
        match = (
            df.loc[maplayer.at_marker(df.loc[keep, maplayer.MARKER_COLUMNS], clicked).index] if clicked else df.iloc[:0]
        )
        if match.empty:
            st.info("Click a marker on the map to read the sentence it comes from.")
        else:
            if len(match) > 1:
                st.caption(
                    f"{plural(len(match), 'incident')} at this place in this window, earliest first"
                    + (
                        f"; the first {MAX_EXCERPTS} here, every one in Download CSV"
                        if len(match) > MAX_EXCERPTS
                        else ""
                    )
                )
            texts: dict = {}  # each article read once, however many of its incidents are listed
            for i, (_, row) in enumerate(match.head(MAX_EXCERPTS).iterrows()):
                key = (row.get("article_id"), row["source_path"])
                if key not in texts:
                    texts[key] = src.article_text(row)
                body = (
                    STYLE
                    + f"<div class='selected-incident' data-incident-id='{html.escape(row['incident_id'])}'>"
                    + detail_html(row, texts[key])
                    + "</div>"
                )
                if len(match) == 1:
                    st.html(body)
                else:
                    with st.expander(
                        md(
                            f"{utc_label(row['start'], row['end'], row['time_precision'])} · "
                            f"{row['sub_event_type']} · claimed by {row['claimed_by']}"
                        ),
                        expanded=i == 0,
                    ):
                        st.html(body)

    unmapped_at = np.flatnonzero(keep & ~mapped)
    if len(unmapped_at):
        unmapped = df.iloc[unmapped_at[:MAX_LISTED]]
        st.subheader(f"Not on the map: {len(unmapped_at)} with no specific place")
        # One HTML block of <details>, not an expander each: a slider move then re-renders one element, not 50.
        items = "".join(
            f"<details class='no-place'><summary>{html.escape(r['location'] or '(no specific place)')} · "
            f"{html.escape(r['sub_event_type'])} · {html.escape(utc_label(r['start'], r['end'], r['time_precision']))} · "
            f"claimed by {html.escape(r['claimed_by'])}</summary>{detail_html(r, None)}</details>"
            for _, r in unmapped.iterrows()
        )
        st.html(STYLE + f"<div class='no-place-list'>{items}</div>")
        if len(unmapped_at) > MAX_LISTED:
            st.caption(f"… and {len(unmapped_at) - MAX_LISTED} more, in the table below and the downloads.")

    st.subheader("Incidents in view")
    # The browser gets at most MAX_TABLE_ROWS rows, earliest first: the table is for reading, the CSV for all.
    earliest = df["start"][keep].sort_values(kind="stable").index[:MAX_TABLE_ROWS]  # unknown times last
    first = df.loc[
        earliest, ["start", "end", "time_precision", "location", "place", "claimed_by", "sub_event_type", "excerpt"]
    ]
    table = first.assign(
        when_utc=[utc_label(a, b, p) for a, b, p in zip(first["start"], first["end"], first["time_precision"])],
        where=[
            (w or "(no specific place)") + (f" → {p}" if p and p != w else "")
            for w, p in zip(first["location"].tolist(), first["place"].tolist())
        ],
    )[["when_utc", "where", "claimed_by", "sub_event_type", "excerpt"]]
    if n_shown > MAX_TABLE_ROWS:
        st.caption(
            f"The first {MAX_TABLE_ROWS:,} of {n_shown:,} incidents in this window, earliest first; "
            "Download CSV has them all."
        )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "when_utc": "When (UTC)",
            "where": "Where (as written → resolved)",
            "claimed_by": "Claimed by",
            "sub_event_type": "Event",
            "excerpt": st.column_config.TextColumn("Excerpt", width="large"),
        },
    )
    c1, c2, c3, c4 = st.columns(4)
    # Callables: built only when clicked (in another thread), so a slider move never pays for them.
    c1.download_button(
        "Download CSV", lambda: export.to_csv(df[keep]), file_name="incidents.csv", mime="text/csv", on_click="ignore"
    )
    c2.download_button(
        "Download GeoJSON",
        lambda: export.to_geojson(df[keep]),
        file_name="incidents.geojson",
        mime="application/geo+json",
        on_click="ignore",
    )

    def page() -> str:
        shown = df[keep]
        words = briefing.describe(shown, df, current, made_at=datetime.now(UTC), data_version=version)
        return briefing.page(shown, df, words)

    def png() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            return render_png(page(), Path(tmp) / "map.png").path.read_bytes()

    stamp = f"{current.start:%Y%m%dT%H%M}-{current.end:%Y%m%dT%H%M}"
    c3.download_button(
        "Download map (HTML)",
        lambda: page().encode("utf-8"),
        file_name=f"incident-map-{stamp}.html",
        mime="text/html",
        on_click="ignore",
        help="One self-contained file; opens offline in any browser.",
    )
    c4.download_button(
        "Download PNG for briefing",
        png,
        file_name=f"incident-map-{stamp}.png",
        mime="image/png",
        on_click="ignore",
        help="1920×1080: title, window in UTC and local time, filters, legend, sources.",
    )


def offline_guard() -> None:
    """Stop with a clear message when started without the project's settings (e.g. not from its folder)."""
    if not st.get_option("server.enableStaticServing"):
        st.error(
            "The map's files (Leaflet, the basemap) are served by Streamlit's static file serving, which is off. "
            "Start the dashboard with `make run` from the project folder (it reads .streamlit/config.toml), or add "
            "`--server.enableStaticServing true`."
        )
        st.stop()
    if st.get_option("browser.gatherUsageStats"):
        st.warning(
            "Usage statistics are on, so the browser sends them over the network. Start with `make run` from "
            "the project folder, or add `--browser.gatherUsageStats false`."
        )


def main() -> None:
    st.set_page_config(page_title="Incident map", page_icon="🗺️", layout="wide")
    offline_guard()
    _static_ready()
    st.navigation(
        [
            st.Page(map_page, title="Map", icon=":material/map:", default=True),
            st.Page(
                ui_ingest.add_article_page, title="Add article", icon=":material/post_add:", url_path="add-article"
            ),
            st.Page(ui_ingest.review_page, title="Review & audit", icon=":material/edit_note:", url_path="review"),
        ]
    ).run()


main()
