"""The analyst's view (time window and filters) in and out of URL query parameters, and applied to incidents.

``?start=2022-09-12T18:00Z&end=2022-09-13T06:00Z&claimant=Armenia+MoD&claimant=...`` reopens the same
view. A filter that is absent from the URL, or selects nothing, means "all" (as in the sidebar).
``min_outlets=2`` keeps events told by at least two independent outlets; ``show=reports`` the raw reports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd

from dashboard.errors import InputError

FILTERS = {"claimant": "claimed_by", "event_type": "event_type", "country": "country_code", "origin": "origin"}
# A frame without an ``origin`` column (an incidents CSV read on its own) is all hand-coded reports.
DEFAULT_ORIGIN = "csv"
NO_COUNTRY = "none"  # the country filter's value for incidents with no specific place
STEP = timedelta(hours=1)
MAX_OUTLETS = 99  # the corroboration filter's largest value


@dataclass(frozen=True)
class View:
    start: datetime
    end: datetime
    filters: Mapping[str, tuple[str, ...] | None] = field(default_factory=dict)  # None = all
    center: tuple[float, float] | None = None  # the map's centre and zoom, when the link names them
    zoom: float | None = None
    min_outlets: int = 1  # events told by at least this many independent outlets
    raw: bool = False  # the raw reports instead of events

    def same_selection(self, other: View | None) -> bool:
        """Same window and filters (the map's position aside)."""
        return (
            other is not None
            and (self.start, self.end, self.min_outlets, self.raw)
            == (other.start, other.end, other.min_outlets, other.raw)
            and {k: tuple(v or ()) for k, v in self.filters.items()}
            == {k: tuple(v or ()) for k, v in other.filters.items()}
        )


def format_utc(ts: datetime) -> str:
    """``2022-09-12T18:00Z``: the form the URL carries."""
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?")


def parse_utc(value: str, name: str) -> datetime:
    """An ISO 8601 time; without a zone it is UTC (the URL's times are UTC by definition)."""
    bad = f"{name}: {value!r} is not an ISO 8601 time (expected e.g. 2022-09-12T18:00Z)"
    # Only ISO 8601: a lenient parser would read "12/09/2022" as 9 December.
    if not _ISO.fullmatch(value.strip()):
        raise InputError(bad)
    try:
        ts = datetime.fromisoformat(value.strip())
    except ValueError as err:
        raise InputError(bad) from err
    if ts.tzinfo is None:
        ts = ts.replace(tzinfo=UTC)
    return ts.astimezone(UTC)


def bounds(df: pd.DataFrame) -> tuple[datetime, datetime]:
    """The slider's range: whole hours around every timed incident (at least one step wide), background aside."""
    # Two columns and a mask, not ``df.dropna()``: copying every column cost seconds at 1,000,000 rows, on
    # each new session's first run (``from_query``).
    timed = (df["start"].notna() & df["end"].notna()).to_numpy()
    if "background" in df.columns:
        background = df["background"].to_numpy(dtype=bool)
        if not background[timed].all():
            timed = timed & ~background  # the article's past, one click away, not the window
    if not timed.any():
        now = pd.Timestamp.now(tz="UTC").floor("h")
        return now.to_pydatetime(), (now + STEP).to_pydatetime()
    lo = df["start"][timed].min().floor("h")
    hi = df["end"][timed].max().ceil("h")
    if hi <= lo:
        hi = lo + STEP
    return lo.to_pydatetime(), hi.to_pydatetime()


def from_query(params: Mapping[str, Sequence[str]], df: pd.DataFrame) -> tuple[View, list[str]]:
    """The view a URL asks for, clamped to the data; with a message for each parameter that could not be used."""
    lo, hi = bounds(df)
    warnings: list[str] = []
    start, end = lo, hi
    for name in ("start", "end"):
        values = params.get(name) or []
        if not values:
            continue
        try:
            ts = parse_utc(values[-1], name)
        except InputError as err:
            warnings.append(f"{err}; showing the whole period instead")
            continue
        if not lo <= ts <= hi:
            warnings.append(
                f"{name} {format_utc(ts)} is outside the data ({format_utc(lo)} to {format_utc(hi)}); "
                f"using {format_utc(lo if ts < lo else hi)}"
            )
            ts = min(max(ts, lo), hi)
        # The slider moves in whole hours: widen, never narrow, so the instant asked for stays in view.
        rounded = pd.Timestamp(ts).floor("h") if name == "start" else pd.Timestamp(ts).ceil("h")
        ts = min(max(rounded.to_pydatetime(), lo), hi)
        start, end = (ts, end) if name == "start" else (start, ts)
    if start > end:
        warnings.append(f"start {format_utc(start)} is after end {format_utc(end)}; showing the whole period instead")
        start, end = lo, hi
    filters = {name: tuple(v for v in params.get(name) or () if v) or None for name in FILTERS}
    center, zoom = None, None
    if any(params.get(k) for k in ("lat", "lon", "z")):
        try:
            lat, lon, z = (float((params.get(k) or [""])[-1]) for k in ("lat", "lon", "z"))
            if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= z <= 20):
                raise ValueError
            center, zoom = (lat, lon), z
        except ValueError:
            raw = ", ".join(f"{k}={(params.get(k) or [''])[-1]!r}" for k in ("lat", "lon", "z"))
            warnings.append(
                f"map position {raw} is not a latitude, longitude and zoom; fitting the map to the incidents"
            )
    min_outlets = 1
    if params.get("min_outlets"):
        value = (params.get("min_outlets") or [""])[-1]
        if value.isdigit() and 1 <= int(value) <= MAX_OUTLETS:
            min_outlets = int(value)
        else:
            warnings.append(f"min_outlets {value!r} is not a whole number from 1 to {MAX_OUTLETS}; showing every event")
    show = (params.get("show") or ["events"])[-1]
    if show not in ("events", "reports"):
        warnings.append(f"show {show!r} is not 'events' or 'reports'; showing events")
    return View(start, end, filters, center, zoom, min_outlets, show == "reports"), warnings


def to_query(view: View, options: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Query parameters for ``view``; a filter that selects nothing or everything is left out (it means all)."""
    params: dict[str, list[str]] = {"start": [format_utc(view.start)], "end": [format_utc(view.end)]}
    for name, selected in view.filters.items():
        if selected and not set(selected) >= set(options.get(name, ())):
            params[name] = list(selected)
    if view.min_outlets > 1:
        params["min_outlets"] = [str(view.min_outlets)]
    if view.raw:
        params["show"] = ["reports"]
    if view.center is not None and view.zoom is not None:
        params.update(lat=[f"{view.center[0]:.4f}"], lon=[f"{view.center[1]:.4f}"], z=[f"{view.zoom:g}"])
    return params


def filter_options(df: pd.DataFrame) -> dict[str, list[str]]:
    opts = {name: sorted(v for v in _column(df, col).unique() if v) for name, col in FILTERS.items()}
    if (df["country_code"] == "").any():
        opts["country"].append(NO_COUNTRY)
    return opts


@dataclass(frozen=True)
class Summary:
    """What the whole data says, whatever the window: the slider's range, filter choices, colours, zones, sources."""

    bounds: tuple[datetime, datetime]
    options: dict[str, list[str]]
    colours: dict[str, str]
    zones: tuple[str, ...]
    sources: tuple[tuple[str, str, str], ...]  # source, published, language


def summarize(df: pd.DataFrame, colours_for) -> Summary:
    # our articles; imported ACLED/UCDP events have none (their credit is the map's attribution)
    ours = _column(df, "origin").isin(("csv", "ingest")).to_numpy()
    narrow = df.loc[ours, ["source_path", "source", "published", "language"]]  # four columns, not all
    sources = narrow.drop_duplicates("source_path")[["source", "published", "language"]]
    return Summary(
        bounds(df),
        filter_options(df),
        colours_for(df["claimed_by"].unique()),
        tuple(sorted(z for z in df["local_tz"].unique() if z)),
        tuple(tuple(r) for r in sources.itertuples(index=False)),
    )


def mask(df: pd.DataFrame, view: View) -> pd.Series:
    """Which incidents ``apply`` keeps, as a boolean Series (cheap: no column is copied)."""
    overlaps = (df["start"] <= pd.Timestamp(view.end)) & (df["end"] >= pd.Timestamp(view.start))
    keep = overlaps | df["start"].isna()
    for name, column in FILTERS.items():
        selected = view.filters.get(name)
        if not selected:
            continue
        values = {"" if (name == "country" and v == NO_COUNTRY) else v for v in selected}
        keep &= _column(df, column).isin(values)
    return keep


def _column(df: pd.DataFrame, column: str) -> pd.Series:
    if column == "origin" and column not in df.columns:
        return pd.Series(DEFAULT_ORIGIN, index=df.index)
    return df[column]


def apply(df: pd.DataFrame, view: View) -> pd.DataFrame:
    """Incidents whose interval overlaps the window and that pass every filter; untimed incidents always pass."""
    return df[mask(df, view)]


def from_query_strict(params: Mapping[str, Sequence[str]], df: pd.DataFrame) -> View:
    """As ``from_query``, but a value that cannot be used is an error (for the command line). A window wider than
    the data is valid and kept as asked (a briefing for 12-13 September when the data starts at 01:00 on the 12th);
    one that holds no incident at all is an error."""
    asked = {name: parse_utc(params[name][-1], name) for name in ("start", "end") if params.get(name)}
    v, warnings = from_query({k: val for k, val in params.items() if k not in asked}, df)
    if warnings:
        raise InputError("; ".join(warnings))
    start, end = asked.get("start", v.start), asked.get("end", v.end)
    lo, hi = bounds(df)
    if end < lo or start > hi:
        raise InputError(
            f"the window {format_utc(start)} to {format_utc(end)} is outside the data "
            f"({format_utc(lo)} to {format_utc(hi)}): it holds no incidents"
        )
    if start > end:
        raise InputError(f"start {format_utc(start)} is after end {format_utc(end)}")
    v = replace(v, start=start, end=end)
    options = filter_options(df)
    for name, selected in v.filters.items():
        unknown = [s for s in selected or () if s not in options[name]]
        if unknown:
            raise InputError(
                f"--{name.replace('_', '-')} {', '.join(map(repr, unknown))}: not in the data "
                f"(choose from {', '.join(options[name])})"
            )
    return v


def earliest(start: pd.Series, keep, k: int) -> pd.Index:
    """The labels of the first ``k`` kept rows by ``start`` (unknown times last, ties in frame order): what
    ``start[keep].sort_values(kind="stable").index[:k]`` gives, without sorting every kept row (a slider move at
    1,000,000 incidents sorted ~900,000 times for a table of 500 rows)."""
    rows = np.flatnonzero(np.asarray(keep, dtype=bool))
    minutes = start.to_numpy(dtype="datetime64[ns]")[rows].view("int64")
    key = np.where(start.isna().to_numpy()[rows], np.iinfo(np.int64).max, minutes)  # NaT last
    if len(rows) > k > 0:
        cut = np.partition(key, k - 1)[k - 1]  # the k-th smallest key: every row below it is in
        below = np.flatnonzero(key < cut)
        at_cut = np.flatnonzero(key == cut)[: k - len(below)]  # ties at the edge: the first ones in frame order
        chosen = np.concatenate([below, at_cut])
        rows, key = rows[chosen], key[chosen]
    order = np.lexsort((rows, key))[: max(k, 0)]
    return start.index[rows[order]]
