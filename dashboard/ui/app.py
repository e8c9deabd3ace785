"""The Streamlit app: the incidents (the SQLite store, or a CSV) in; the map page, Add article and Review & audit out.

Thin by design: it wires widgets to functions in the package. The logic lives in dashboard/view/ (window,
filters and URL in ``window``, the base map in ``basemap``, the incident layer in ``layer``, the timeline in
``timeline``, the incident panels in ``detail``), dashboard/export/ (CSV, GeoJSON, briefing page, PNG) and
dashboard/store/ (where the data comes from). The pages and their sign-in gates are in ``navigation``.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import numpy as np
import streamlit as st
from streamlit_folium import st_folium

from dashboard.errors import DashboardError, InputError
from dashboard.settings import Settings
from dashboard.store import csvfile, source
from dashboard.ui import downloads, events_map, navigation
from dashboard.view import basemap, excerpts, layer, origins, timeline, window
from dashboard.view.assets import prepare_static
from dashboard.view.detail import no_place_html, selected_html, where_label
from dashboard.view.layer_index import LayerIndex
from dashboard.view.timefmt import utc_label, window_local_labels

md = excerpts.md_escape
MAX_TABLE_ROWS = 500
MAX_LISTED = 25  # incidents with no place, listed under the map
MAX_EXCERPTS = 20  # excerpts shown for a clicked place
plural, source_label = excerpts.plural, excerpts.source_label
FILTER_LABELS = {"claimant": "Claimed by", "event_type": "Event type", "country": "Country", "origin": "Origin"}


@st.cache_resource
def _static_ready() -> bool:
    prepare_static()  # once per server process; a no-op when `make run` already did it
    return True


# cache_resource, not cache_data: one shared frame, not an unpickled copy per rerun (0.24 s at 100,000).
# Nothing below modifies it in place; filtering and assign() make new frames.
@st.cache_resource(show_spinner="Loading incidents…", max_entries=2)
def load(kind: str, path: str, version: str):
    return source.of(kind, path).load()  # version: a new one means new data


@st.cache_resource(max_entries=2)
def summary(kind: str, path: str, version: str) -> window.Summary:
    """What the whole data says, whatever the window: made once per data version."""
    return window.summarize(load(kind, path, version), basemap.claimant_colours)


@st.cache_resource(max_entries=2)
def layer_index(kind: str, path: str, version: str) -> LayerIndex:
    """The map layer's codes for every incident, made once per data version (a slider move then costs ~ms)."""
    return LayerIndex.build(load(kind, path, version)).warm()


@st.cache_resource(max_entries=2)
def timeline_base(kind: str, path: str, version: str) -> dict:
    """The timeline's spec and incidents, made once per data; each window only adds its own row."""
    df = load(kind, path, version)
    facts = summary(kind, path, version)
    return timeline.timeline(df, facts.bounds, facts.colours, span=facts.bounds)


@st.cache_data
def csv_version(path: str, mtime: float) -> str:
    return csvfile.data_version(path)


def version_of(src: source.Source) -> str:
    if src.kind == "csv":
        return csv_version(str(src.path), src.path.stat().st_mtime)
    return src.version()


def seed_state(df, options, version: str) -> None:
    """On a session's first run, put the URL's view into the widgets' state; keep what the link asked for."""
    if "window" in st.session_state:
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    v, warnings = window.from_query(params, df)
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
    st.session_state["min_outlets"], st.session_state["raw"] = v.min_outlets, v.raw
    st.session_state["linked_view"] = v
    st.session_state["link_warnings"] = warnings


def map_page(settings: Settings) -> None:
    try:
        src = source.from_settings(settings)
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
        if src.writable:
            st.info(
                f"No incidents yet: the store {md(src.where)} is empty. To fill it with the seed article's "
                "hand-coded incidents, run `python -m dashboard seed` (`make run` does it), then reload this page; "
                "or add an article on the Add article page."
            )
        else:
            st.info(f"No incidents yet in {md(src.where)}.")
        st.stop()

    facts = summary(src.kind, str(src.path), version)
    seed_state(df, facts.options, version)

    st.title("Incident map")
    st.caption(
        " · ".join(md(source_label(*facts_of)) for facts_of in facts.sources)
        + f" · {plural(len(df), 'incident')} in {md(src.name)} · data version {version}"
    )
    for w in st.session_state["link_warnings"]:
        st.warning(f"Link: {md(w)}")

    with st.sidebar:
        st.header("Filters")
        for name in window.FILTERS:
            st.multiselect(
                FILTER_LABELS[name],
                facts.options[name],
                key=f"f_{name}",
                placeholder="All",
                format_func=origins.label if name == "origin" else str,
            )
        ev_version = events_map.events_version(src, version)  # a merge or split changes it, not the data version
        index = layer_index(src.kind, str(src.path), version)
        ev, events, links = events_map.event_data(
            src.kind, str(src.path), version, ev_version, str(settings.cache_dir), df, index
        )
        events_map.sidebar_controls(int(ev.n_outlets.max(initial=1)))
        st.selectbox(
            "Basemap",
            list(basemap.TILE_LAYERS),
            key="tiles",
            help="Online tile layers need internet; the offline borders always work.",
        )
        st.divider()
        st.caption(f"Data: {md(src.where)}" + ("" if src.writable else " (read-only CSV)"))
        st.caption("Borders: Natural Earth (public domain). Places: GeoNames (CC BY 4.0).")

    window_view(settings, src, version, ev_version, df, facts, index, ev, events, links)


# A fragment: a slider move, a click on the map or a change of a widget below reruns this part alone, so the
# sidebar, the navigation and the title above are neither rebuilt nor re-rendered by the browser on every move
# (a filter in the sidebar still reruns the whole page). Measured: see README "Performance".
@st.fragment
def window_view(
    settings: Settings, src, version: str, ev_version: str, df, facts: window.Summary, index, ev, events, links
) -> None:
    """The time window and everything that depends on it: counts, map, timeline, claims, table, downloads."""
    if version_of(src) != version:  # new data since the page was built (e.g. another analyst's article): all again
        st.rerun()
    options, colours = facts.options, facts.colours
    lo, hi = facts.bounds
    selected = st.slider(
        "Time window (UTC)",
        min_value=lo,
        max_value=hi,
        step=timedelta(hours=1),
        key="window",
        format="DD MMM YYYY, HH:mm",
    )
    current = window.View(
        selected[0],
        selected[1],
        {n: tuple(st.session_state[f"f_{n}"]) for n in window.FILTERS},
        min_outlets=int(st.session_state["min_outlets"]),
        raw=bool(st.session_state["raw"]),
    )
    # Rows are picked by a mask and only the columns each part needs are copied: taking all 33 columns of
    # the window's rows costs 13 ms at 10,000 incidents and 230 ms at 100,000, on every slider move.
    keep = window.mask(df, current).to_numpy()
    if current.min_outlets > 1:  # numpy on the index made once per data version: no regrouping per rerun
        keep = keep & ev.corroborated(current.min_outlets)  # a new array: the mask may be read-only
    # in the events view a report with no place of its own is drawn at its event's place
    mapped = df["mapped"].to_numpy() if current.raw else ev.layer.mapped
    n_shown, n_mapped = int(keep.sum()), int((keep & mapped).sum())
    local = "; ".join(window_local_labels(selected, facts.zones))
    n_untimed = int((keep & df["start"].isna().to_numpy()).sum())
    # One Markdown element for the counts and the local time: each element is re-rendered by the browser on
    # every slider move, so the page says what it must in as few as it can (see README "Performance").
    lines = [
        events_map.header(ev, keep, current),
        (
            f"Of these **{plural(n_shown, 'report')}**: "
            if not current.raw
            else f"**{plural(n_shown, 'incident')}** in this window · "
        )
        + f"{n_mapped} on the map · {n_shown - n_mapped} with no specific place"
        + (f" · {n_untimed} with no known time (shown in every window, not on the timeline)" if n_untimed else ""),
    ]
    if local:
        lines.append(f":gray[Local time: {md(local)}]")
    st.markdown("  \n".join(lines))

    # The timeline stands here on the page but is made after the map: a slider move reaches the map first.
    timeline_slot = st.container()

    # A link that names the map's position keeps it while its window and filters are unchanged;
    # any other view fits the map to the incidents shown.
    linked = st.session_state["linked_view"]
    keep_linked = linked.center is not None and current.same_selection(linked)
    # the events view's map takes the page's width (its claims go under it, side by side); the raw reports
    # view keeps its excerpt panel beside the map
    left, right = st.columns([5, 3], gap="medium") if current.raw else (st.container(), None)
    with left:
        out = (
            st_folium(
                basemap.base_map(tiles=st.session_state["tiles"]),
                key="incident_map",
                feature_group_to_add=layer.incident_layer(
                    df,
                    colours,
                    fit=not keep_linked,
                    index=index,
                    families=events_map.report_families(src.kind, str(src.path), version, df),
                    events=None if current.raw else ev,
                    attribution=origins.attribution(df, keep),
                    keep=keep,
                    fold_legend_below=layer.LEGEND_FOLD_BELOW,
                ),
                center=linked.center,
                zoom=linked.zoom,
                height=560,
                use_container_width=True,
                returned_objects=["last_active_drawing", "center", "zoom"],
            )
            or {}
        )
    below = st.container()  # a clicked place's events, their claims side by side: they need the page's width
    pos = out.get("center") or {}
    if pos.get("lat") is not None and out.get("zoom") is not None:
        current = dataclasses.replace(current, center=(pos["lat"], pos["lng"]), zoom=out["zoom"])
    elif keep_linked:
        current = dataclasses.replace(current, center=linked.center, zoom=linked.zoom)
    params = {**window.to_query(current, options), "v": [version]}
    if {k: st.query_params.get_all(k) for k in st.query_params} != params:
        st.query_params.from_dict(params)

    with timeline_slot:
        st.vega_lite_chart(
            spec=timeline.with_window(
                timeline_base(src.kind, str(src.path), version)
                if current.raw
                else events_map.events_timeline(src.kind, str(src.path), version, ev_version, events, facts.bounds),
                selected,
            ),
            width="stretch",
            key="timeline",
        )

    clicked = ((out or {}).get("last_active_drawing") or {}).get("properties") or {}
    if not current.raw:
        with below:
            at = ev.rows_at(keep, clicked.get("place")) if clicked else np.zeros(0, dtype=int)
            if len(at):
                st.subheader("Events and their claims")
                events_map.claims_panel(df, ev, events, links, at, colours)
            else:
                st.info(
                    "**Events and their claims**: click a marker on the map to read each event's claims, side by side."
                )
    if current.raw:
        with right:
            st.subheader("Source excerpt")
            match = (
                df.loc[layer.at_marker(df.loc[keep, layer.MARKER_COLUMNS], clicked).index] if clicked else df.iloc[:0]
            )
            if match.empty:
                st.info("Click a marker on the map to read the sentence it comes from.")
            else:
                if both := origins.rows_count_line(match):
                    st.caption(md(both))
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
                        texts[key] = None if origins.is_coded(row) else src.article_text(row)
                    body = selected_html(row, texts[key])
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
        # One HTML block (heading, <details> each, the rest counted), not an expander each: a slider move then
        # re-renders one element, not 50.
        st.html(no_place_html(unmapped, len(unmapped_at)))

    # The browser gets at most MAX_TABLE_ROWS rows, earliest first: the table is for reading, the CSV for all.
    earliest = window.earliest(df["start"], keep, MAX_TABLE_ROWS)  # unknown times last
    first = df.loc[
        earliest, ["start", "end", "time_precision", "location", "place", "claimed_by", "sub_event_type", "excerpt"]
    ]
    table = first.assign(
        when_utc=[utc_label(a, b, p) for a, b, p in zip(first["start"], first["end"], first["time_precision"])],
        where=[where_label(w, p) for w, p in zip(first["location"].tolist(), first["place"].tolist())],
    )[["when_utc", "where", "claimed_by", "sub_event_type", "excerpt"]]
    st.markdown(
        "### Incidents in view"
        + (
            f"\n:gray[The first {MAX_TABLE_ROWS:,} of {n_shown:,} incidents in this window, earliest first; "
            "Download CSV has them all.]"
            if n_shown > MAX_TABLE_ROWS
            else ""
        )
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
    # One button opening the downloads: a closed popover's buttons are not rendered on a slider move.
    menu = st.popover("Download: CSV, GeoJSON, map (HTML), PNG for briefing", icon=":material/download:")
    downloads.report_downloads((menu,) * 4, df, keep, current, version, settings)
    events_map.downloads(menu, menu, events, ev, keep)


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
    settings = Settings.from_env()  # once per run: the environment is not read below this
    navigation.run(settings, map_page)


main()
