"""The incidents (a typed DataFrame) in, the map layer's data out: one entry per place, as compact columns.

``LayerIndex`` turns every incident into codes and numbers once per data version; ``layer_data`` then
counts the rows in a window by place, claimant, event and precision with numpy, and only the few strings
that go to the browser are touched. At 10,000 incidents that is ~700 places: ~100 kB per slider move
(~30 kB on the wire), where one marker per incident sent 270 kB. Pure: never imports streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from dashboard.models import GEO_PRECISIONS
from dashboard.view import origins


def _minutes(ts: pd.Series) -> pd.Series:
    return (ts - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(minutes=1)


def _pairs(matrix: np.ndarray) -> list[list[int]]:
    """Each row's non-zero counts as a flat [code, count, code, count, …] list, most first.

    One ``tolist`` and list slices: ``np.split`` into ~700 arrays, each turned into a list, cost ~15 ms a
    slider move at 10,000 incidents (three calls)."""
    rows, cols = np.nonzero(matrix)
    counts = matrix[rows, cols]
    order = np.lexsort((cols, -counts, rows))  # by row, then most first, then code
    flat = np.column_stack([cols[order], counts[order]]).ravel().tolist()
    ends = (np.cumsum(np.bincount(rows, minlength=len(matrix))) * 2).tolist()
    return [flat[a:b] for a, b in zip([0, *ends[:-1]], ends)]


def _present(codes: np.ndarray, size: int) -> np.ndarray:
    """``np.unique(codes)`` for codes below ``size``, by counting: O(n), where sorting 1,000,000 rows costs ~0.1 s."""
    return np.flatnonzero(np.bincount(codes, minlength=size))


def _dense(codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_inverse=True)`` by counting (see ``_present``): at 1,000,000 rows in view its sort
    was 0.3 s of every slider move."""
    present = _present(codes, size)
    remap = np.zeros(size, dtype=np.int64)
    remap[present] = np.arange(len(present))
    return present, remap[codes]


def first_positions(codes: np.ndarray, size: int | None = None) -> np.ndarray:
    """Each code's first position in ``codes`` (-1 for a code below ``size`` that never occurs); ``size``
    defaults to the largest code + 1. Writing the positions last to first leaves each code's first."""
    if size is None:
        size = int(codes.max()) + 1 if len(codes) else 0
    first = np.full(size, -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes))[::-1]
    return first


def _by_place(ufunc, values: np.ndarray, code: np.ndarray, n_places: int) -> np.ndarray:
    """Each place's ``np.fmin`` or ``np.fmax`` of ``values`` (NaN where it has none): ``ufunc.at`` on dense codes,
    3 ms at 880,000 rows where a pandas groupby took 80 ms."""
    out = np.full(n_places, np.nan)
    ufunc.at(out, code, values)
    return out


@dataclass(frozen=True)
class Cells:
    """The rows grouped by everything ``layer_data`` counts them by: spelling (and so place), claimant, event,
    precision, whether timed, origin group. Made once per ``LayerIndex``; a slider move then counts the cells of
    the rows in view (one gather, one bincount) and does the rest on the cells: at 1,000,000 reports there are
    far fewer cells than rows, where each count by rows gathered and binned every row again."""

    cell: np.ndarray  # per row: its cell
    spelling: np.ndarray  # per cell
    claimant: np.ndarray
    event: np.ndarray
    precision: np.ndarray
    timed: np.ndarray
    origin: np.ndarray

    @classmethod
    def build(cls, index: LayerIndex) -> Cells:
        origin = index.origin if index.origin is not None else np.zeros(len(index.place), dtype=np.int8)
        cell = np.zeros(len(index.place), dtype=np.int64)
        # one column at a time, factorized each step: the key never grows beyond rows × the column's codes
        for column, size in (
            (index.spelling, len(index.spellings)),
            (index.claimant, len(index.claimants)),
            (index.event, len(index.events)),
            (index.precision, 3),
            (index.timed.astype(np.int64), 2),
            (origin.astype(np.int64), 3),
        ):
            cell = pd.factorize(cell * max(size, 1) + column)[0].astype(np.int64)
        first = first_positions(cell)
        return cls(
            cell=cell,
            spelling=index.spelling[first],
            claimant=index.claimant[first],
            event=index.event[first],
            precision=index.precision[first],
            timed=index.timed[first],
            origin=origin[first],
        )


@dataclass(frozen=True)
class RowsView:
    """The rows in view (positions in a ``LayerIndex``) by cell and by place: what ``layer_data`` and
    ``events_layer.marks`` both start from, made once per slider move."""

    cells: np.ndarray  # the cells in view
    weight: np.ndarray  # per cell in view: its rows in view
    places: np.ndarray  # the places in view (codes into lat/lon), sorted
    cell_place: np.ndarray  # per cell in view: its dense place code (into ``places``)
    code: np.ndarray  # per row: its dense place code
    n: np.ndarray  # per place in view: its rows

    @classmethod
    def of(cls, index: LayerIndex, rows: np.ndarray) -> RowsView:
        c = index.cells
        cell_rows = c.cell[rows]
        count = np.bincount(cell_rows, minlength=len(c.spelling))
        cells = np.flatnonzero(count)
        weight = count[cells]
        places, cell_place = _dense(index.spelling_place[c.spelling[cells]], len(index.lat))
        dense = np.zeros(len(c.spelling), dtype=np.int64)
        dense[cells] = cell_place
        n = np.bincount(cell_place, weights=weight, minlength=len(places)).astype(np.int64)
        return cls(cells, weight, places, cell_place, dense[cell_rows], n)

    def counts(self, values: np.ndarray, n_values: int, by: np.ndarray | None = None, n_by: int = 0) -> np.ndarray:
        """A places × values matrix of rows, ``values`` given per cell in view; ``by`` (per cell in view, below
        ``n_by``) splits each place further: places × by × values, flattened to (places × by) × values."""
        code = self.cell_place if by is None else self.cell_place * n_by + by
        size = len(self.places) * (n_by if by is not None else 1)
        out = np.bincount(code * n_values + values, weights=self.weight, minlength=size * n_values)
        return out.astype(np.int64).reshape(size, n_values)


def _where(spellings: list[str], place: str, most: int = 3) -> str:
    """``Sok → Sotk``; several spellings: ``Sok / Sotk → Sotk`` (at most ``most``, then "+k"); one name: ``Goris``."""
    written = [s for s in spellings if s] or [place]
    shown = " / ".join(written[:most]) + (f" +{len(written) - most}" if len(written) > most else "")
    if not place or written == [place]:
        return shown
    return f"{shown} → {place}"


@dataclass(frozen=True)
class LayerIndex:
    """What ``incident_data`` needs of every incident, as codes and numbers: made once per data version.

    A slider move then costs numpy work on the rows in the window, and no string is touched but the few
    that go to the browser. Rows are found by the frame's index labels, so ``incident_data`` takes any
    subset of the frame the index was built from.
    """

    labels: pd.Index
    mapped: np.ndarray  # bool
    place: np.ndarray  # code into lat/lon (same rounded coordinates, same place)
    lat: np.ndarray
    lon: np.ndarray
    spelling: np.ndarray  # code into spellings: (place code, as written, resolved, country)
    spellings: list[tuple[int, str, str, str]]
    claimant: np.ndarray
    claimants: list[str]
    event: np.ndarray
    events: list[str]
    precision: np.ndarray  # 0, 1, 2 for geo_precision 1, 2, 3
    timed: np.ndarray
    start: np.ndarray  # minutes since the epoch (float, NaN if unknown)
    end: np.ndarray
    kind: np.ndarray  # code into kinds: [time precision, zone, UTC offset at start, at end (minutes)]
    kinds: list[list]
    ids: np.ndarray  # incident_id (object)
    origin: np.ndarray | None = None  # 0 our reports, 1 ACLED, 2 UCDP (dashboard/view/origins.py)

    @classmethod
    def build(cls, df: pd.DataFrame) -> LayerIndex:
        lat, lon = df["latitude"].astype("float64").round(5), df["longitude"].astype("float64").round(5)
        place = (
            pd.DataFrame({"lat": lat, "lon": lon}).groupby(["lat", "lon"], sort=False, dropna=False).ngroup().to_numpy()
        )
        first = first_positions(place)
        text = pd.DataFrame(
            {
                "p": place,
                "w": df["location"].fillna("").array,
                "r": df["place"].fillna("").array,
                "cc": df["country_code"].fillna("").array,
            }
        )
        spelling, spellings = pd.factorize(pd.MultiIndex.from_frame(text))
        claimant, claimants = pd.factorize(df["claimed_by"].fillna(""))
        event, events = pd.factorize(df["sub_event_type"].fillna(""))
        timed = (df["start"].notna() & df["end"].notna() & (df["time_precision"] != "unknown")).to_numpy()
        zones = df["local_tz"].fillna("")
        offsets = {}
        for edge in ("start", "end"):
            out = pd.Series(0, index=df.index, dtype="int64")
            for zone in zones[timed].unique():
                if zone:
                    m = (zones == zone).to_numpy() & timed
                    ts = df.loc[m, edge]
                    out[m] = (ts.dt.tz_convert(zone).dt.tz_localize(None) - ts.dt.tz_localize(None)) // pd.Timedelta(
                        minutes=1
                    )
            offsets[edge] = out
        kind, kinds = pd.factorize(
            pd.MultiIndex.from_arrays(
                [df["time_precision"].fillna("").array, zones.array, offsets["start"], offsets["end"]]
            )
        )
        return cls(
            labels=df.index,
            mapped=df["mapped"].to_numpy(dtype=bool),
            place=place,
            lat=lat.to_numpy()[first],
            lon=lon.to_numpy()[first],
            spelling=spelling,
            spellings=[(int(p), w, r, cc) for p, w, r, cc in spellings],
            claimant=claimant,
            claimants=list(claimants),
            event=event,
            events=list(events),
            precision=df["geo_precision"].astype("Int64").fillna(1).clip(1, 3).to_numpy(dtype=np.int64) - 1,
            timed=timed,
            start=_minutes(df["start"]).to_numpy(dtype="float64", na_value=np.nan),
            end=_minutes(df["end"]).to_numpy(dtype="float64", na_value=np.nan),
            kind=kind,
            kinds=[[k[0], k[1], int(k[2]), int(k[3])] for k in kinds],
            ids=df["incident_id"].to_numpy(dtype=object),
            origin=origins.groups(df),
        )

    @cached_property
    def spelling_place(self) -> np.ndarray:
        """Each spelling's place code (the first field of ``spellings``), as an array."""
        return np.array([s[0] for s in self.spellings], dtype=np.int64)

    def warm(self) -> LayerIndex:
        """Make now what a slider move would otherwise make on first use (~0.3 s at 1,000,000 reports)."""
        _ = self.cells, self.timed_start, self.timed_end
        return self

    @cached_property
    def cells(self) -> Cells:
        """The rows by what the layer counts (``Cells``), made on first use."""
        return Cells.build(self)

    @cached_property
    def timed_start(self) -> np.ndarray:
        """``start`` where the time is known, else NaN (a timed place's first start)."""
        return np.where(self.timed, self.start, np.nan)

    @cached_property
    def timed_end(self) -> np.ndarray:
        return np.where(self.timed, self.end, np.nan)

    def rows(self, df: pd.DataFrame) -> np.ndarray | None:
        """Positions of ``df``'s mapped rows in the index; None if its labels are not the frame's.

        ``df`` must be rows of the frame the index was built from, found by their labels (as ``df.loc[mask]``
        gives them): a frame whose labels merely fall inside the index (another frame with a RangeIndex) is
        not detected.
        """
        if df.index.equals(self.labels):
            return np.flatnonzero(self.mapped)
        if not self.labels.is_unique:
            return None
        pos = self.labels.get_indexer(df.index)
        if (pos < 0).any():
            return None
        return pos[self.mapped[pos]]


def _whole(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` itself, to build an index from; a narrow frame (the app's) cannot be, and says so."""
    missing = [c for c in _INDEX_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"the incident layer needs the LayerIndex of this frame's data, or the columns {missing}")
    return df


_INDEX_COLUMNS = [
    "incident_id",
    "mapped",
    "latitude",
    "longitude",
    "location",
    "place",
    "country_code",
    "claimed_by",
    "sub_event_type",
    "geo_precision",
    "start",
    "end",
    "time_precision",
    "local_tz",
]


def incident_data(df: pd.DataFrame, colours: dict[str, str], index: LayerIndex | None = None) -> dict:
    """The mapped incidents as compact columns, one entry per place (same coordinates), most incidents first.

    Per place: ``places`` [lat, lon, as written → resolved, country], ``n`` incidents, ``c`` claimants and
    ``e`` events as flat [code, count, …] lists (most first), ``g`` counts by geo_precision [1, 2, 3], ``r``
    the claimant code of its precision-2 and -3 ring (-1 when several claimants share it), ``t`` earliest
    start and ``d`` to the latest end in minutes (``t0`` + ``t``; ``null`` when no time is known) and ``u``
    how many have no known time. A place with one incident also has its ``ids`` entry and ``k``, a code
    into ``kinds`` [time precision, zone, UTC offset at start and at end in minutes], for its local time.

    ``index`` (``LayerIndex.build`` of the frame ``df`` was taken from) makes this cheap on every rerun.
    """
    return layer_data(*index_and_rows(df, index), colours)


def index_and_rows(df: pd.DataFrame, index: LayerIndex | None) -> tuple[LayerIndex, np.ndarray]:
    """``index`` and the positions of ``df``'s mapped rows in it; an index of ``df`` itself if it is not ``df``'s."""
    rows = index.rows(df) if index is not None else None
    if rows is None:
        index = LayerIndex.build(_whole(df))
        rows = np.flatnonzero(index.mapped)
    return index, rows


def layer_data(index: LayerIndex, rows: np.ndarray, colours: dict[str, str], view: RowsView | None = None) -> dict:
    """``incident_data`` for the rows at positions ``rows`` of ``index`` (``view``: ``RowsView.of(index, rows)``,
    if the caller has it)."""
    precision_text = {str(k): v for k, v in GEO_PRECISIONS.items()}
    claimants = [[c, colours.get(c, "#000000")] for c in index.claimants]
    if not len(rows):
        return {k: [] for k in ("ids", "n", "places", "c", "e", "g", "r", "t", "d", "u", "k")} | {
            "t0": 0,
            "claimants": claimants,
            "events": index.events,
            "kinds": index.kinds,
            "precision": precision_text,
        }
    v = view if view is not None else RowsView.of(index, rows)
    c, at = index.cells, v.cells  # counts by cell, then by place: the rows are only touched for times
    places, code, n, n_places = v.places, v.code, v.n, len(v.places)
    claimant, precision = c.claimant[at], c.precision[at]
    by_claimant = v.counts(claimant, len(index.claimants))
    by_event = v.counts(c.event[at], len(index.events))
    by_precision = v.counts(precision, 3)
    # a ring's colour: its claimant's, or -1 when several claimants (or none) have incidents of that precision there
    ring = v.counts(claimant, len(index.claimants), by=precision, n_by=3).reshape(n_places, 3, -1)
    ring_code = np.where((ring > 0).sum(axis=2) == 1, ring.argmax(axis=2), -1)[:, 1:]

    first = _by_place(np.fmin, index.timed_start[rows], code, n_places)
    last = _by_place(np.fmax, index.timed_end[rows], code, n_places)
    untimed = v.counts(c.timed[at].astype(np.int64), 2)[:, 0]  # per place: rows with no known time
    t0 = int(np.nanmin(first)) if c.timed[at].any() else 0

    written: dict[int, list[str]] = {}
    resolved, country = [""] * n_places, [""] * n_places
    present = _present(c.spelling[at], len(index.spellings))  # in order of first appearance in the data
    for s, p in zip(present.tolist(), np.searchsorted(places, index.spelling_place[present]).tolist()):
        _, w, r, cc = index.spellings[s]
        if p not in written:
            written[p], resolved[p], country[p] = [], r, cc
        written[p].append(w)
    where = [_where(written[p], resolved[p]) for p in range(n_places)]

    # a place with one incident: its id and the kind of its time, for a tooltip that says what timefmt says
    single_row = np.full(n_places, -1)
    alone = n[code] == 1
    single_row[code[alone]] = rows[alone]

    order = np.argsort(-n, kind="stable")  # most incidents first: drawn underneath
    out = {
        "ids": [index.ids[single_row[i]] if single_row[i] >= 0 else None for i in order],
        "n": n[order].tolist(),
        "places": [[float(index.lat[places[i]]), float(index.lon[places[i]]), where[i], country[i]] for i in order],
        "c": _pairs(by_claimant[order]),
        "e": _pairs(by_event[order]),
        "g": by_precision[order].tolist(),
        "r": ring_code[order].tolist(),
        "t": [None if np.isnan(first[i]) else int(first[i]) - t0 for i in order],
        "d": [0 if np.isnan(first[i]) else int(last[i] - first[i]) for i in order],
        "u": untimed[order].tolist(),
        "k": [int(index.kind[single_row[i]]) if single_row[i] >= 0 else -1 for i in order],
        "t0": t0,
        "claimants": claimants,
        "events": index.events,
        "kinds": index.kinds,
        "precision": precision_text,
    }
    if c.origin[at].any():  # ``o``: [reports, ACLED, UCDP] per place
        out["o"] = v.counts(c.origin[at].astype(np.int64), 3)[order].tolist()
    return out
