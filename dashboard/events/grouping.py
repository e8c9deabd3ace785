"""Reports (incident rows) in, events out: which reports describe the same event, and why each was linked.

Two reports are compatible when they are about

* **the same place**: the same GeoNames id, or within ``RADIUS_KM`` of each other for the coarser of the
  two geo precisions (2 km at 1: one place under two gazetteer entries; 15 km at 2: near / toward a town or
  its district, which we have no polygons for; 50 km at 3: a region); reports with no specific place only
  when they name the same place text ("along the border");
* **overlapping times**: each interval widened by the tolerance of its own ``time_precision``
  (``TOLERANCE_MIN``: "05:30" and "early on Wednesday" meet, two nights apart do not). A report that only
  says "this week" or "this month" cannot tell which night it was: it links only with other such reports,
  rather than being glued to an arbitrary night. A report with no time stays an event of its own;
* **compatible event types** (``vocab.type_class``: shelling, clashes and the civilians they hit are one
  class; who claims it never splits: opposing claims are the point).

Transitive drift. Linking every compatible pair and taking connected components would chain a shelling
at A on Monday to one 14 km away on Tuesday to one 28 km away on Wednesday. Instead each event is a *star*
around an anchor, its most precise report (finest geo precision, then finest time precision, then the
first stored): a report joins an event only when it is compatible with the anchor, so every member is
within the radius of one place and overlaps one time window, and each link names the report it was
matched against. This costs O(1) per candidate (complete link would check every member) and keeps the
grouping deterministic: reports are visited in a fixed order and ties go to the same candidate.

Event ids are stable across recomputation: ``ev_`` + a hash of the first stored report of the event
(input order = store order), which a later article cannot change.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pandas as pd

from dashboard.events.vocab import type_class
from dashboard.models import TIME_PRECISIONS

RADIUS_KM = {1: 2.0, 2: 15.0, 3: 50.0}
# Widening of each side of a report's interval, by how precisely it was stated.
TOLERANCE_MIN = {"minute": 120, "hour": 180, "part_of_day": 180, "day": 360, "week": 1440, "month": 1440}
COARSE = ("week", "month")
# Grids for the distance candidates, one per radius: cells about as large as the radius, so a search
# looks at the 3×3 (or so) cells around a report and few anchors out of reach.
GRID_DEG = {2.0: 0.02, 15.0: 0.1, 50.0: 0.5}
_KM_PER_DEG = 111.195
_DAY = 1440
LINK_COLUMNS = ("incident_id", "event_id", "anchor_id", "place_reason", "time_reason", "type_reason")


def event_id_of(first_report_id: str) -> str:
    return "ev_" + hashlib.sha1(str(first_report_id).encode("utf-8")).hexdigest()[:12]


def _minutes(df: pd.DataFrame, typed: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    ts = df[typed] if typed in df.columns else None
    if ts is None or not pd.api.types.is_datetime64_any_dtype(ts):
        ts = pd.to_datetime(df[text].where(df[text].astype(str) != ""), utc=True, format="ISO8601", errors="coerce")
    known = ts.notna().to_numpy()
    values = np.zeros(len(df), dtype=np.int64)
    # minutes since 1970 whatever the column's resolution (ns from the CSV, us or s elsewhere)
    values[known] = (
        ts[known].dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[m]").astype(np.int64)
    )
    return values, known


def _column(df: pd.DataFrame, name: str, default="") -> list:
    return df[name].tolist() if name in df.columns else [default] * len(df)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within 0.1 % of the great circle at the ≤ 50 km that matter here, and cheap."""
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return _KM_PER_DEG * math.hypot(lat2 - lat1, dx)


def group(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per report: ``LINK_COLUMNS`` (the event, the anchor it was matched against, and why).

    ``reports`` is the store's DataFrame (``Store.load()``) or the CSV's string cells; row order is store
    order (the first stored report names the event).
    """
    n = len(reports)
    if n == 0:
        return pd.DataFrame(columns=list(LINK_COLUMNS))
    ids = [str(v) for v in reports["incident_id"].tolist()]
    start, has_start = _minutes(reports, "start", "start_utc")
    end, has_end = _minutes(reports, "end", "end_utc")
    end = np.where(has_end & (end >= start), end, start)
    precision = [str(p or "unknown") for p in _column(reports, "time_precision", "unknown")]
    tol = np.array([TOLERANCE_MIN.get(p, 0) for p in precision], dtype=np.int64)
    lo, hi = (start - tol).tolist(), (end + tol).tolist()
    has_time = has_start.tolist()
    coarse = [p in COARSE for p in precision]
    t_rank = [TIME_PRECISIONS.index(p) if p in TIME_PRECISIONS else len(TIME_PRECISIONS) for p in precision]
    lat = pd.to_numeric(reports["latitude"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(reports["longitude"], errors="coerce").to_numpy(dtype=float)
    mapped = (~np.isnan(lat) & ~np.isnan(lon)).tolist()
    gprec = pd.to_numeric(reports["geo_precision"], errors="coerce").fillna(9).astype(int).clip(1, 9).tolist()
    gid = [str(g or "") for g in _column(reports, "geonameid")]
    gid = ["" if g in ("nan", "<NA>") else g for g in gid]
    loc = [str(v or "").strip().lower() for v in _column(reports, "location")]
    place = [str(v or "") for v in _column(reports, "place")]
    cls = [type_class(t, s) for t, s in zip(_column(reports, "event_type"), _column(reports, "sub_event_type"))]
    # Candidates are bucketed by kind too (type class × coarse time): an anchor of another kind is never looked at.
    kinds: dict[tuple, int] = {}
    kind = [kinds.setdefault((c, k), len(kinds)) for c, k in zip(cls, coarse)]
    background = [bool(b) for b in _column(reports, "background", False)]
    article = [str(a) for a in _column(reports, "article_id", "")]
    lat_l, lon_l = lat.tolist(), lon.tolist()

    order = sorted(range(n), key=lambda i: (gprec[i] if mapped[i] else 9, t_rank[i], i))
    anchor_of = [-1] * n  # report → the anchor report of its event
    by_gid: dict[tuple, list[int]] = {}
    by_loc: dict[tuple, list[int]] = {}
    grids: dict[float, dict[tuple, list[int]]] = {size: {} for size in GRID_DEG.values()}
    mapped_in: dict[str, list[int]] = {}
    for i in range(n):
        if mapped[i] and article[i]:
            mapped_in.setdefault(article[i], []).append(i)
    inherited = [False] * n

    def _best(r: int, candidates, best: int, best_key, inherit: bool = False):
        """The compatible candidate anchor ranked first: same GeoNames id, nearest in time, nearest, first."""
        for a in candidates:
            if lo[a] > hi[r] or lo[r] > hi[a] or kind[a] != kind[r]:
                continue
            if article[a] and article[a] == article[r] and background[a] != background[r]:
                continue  # the article itself tells its earlier events apart from the news
            if inherit or (gid[r] and gid[a] == gid[r]):
                km = 0.0
            elif mapped[r] and mapped[a]:
                km = _km(lat_l[a], lon_l[a], lat_l[r], lon_l[r])
                if km > RADIUS_KM.get(max(gprec[a], gprec[r]), RADIUS_KM[3]):
                    continue
            elif not mapped[r] and not mapped[a] and loc[r] and loc[r] == loc[a]:
                km = 0.0
            else:
                continue
            key = (0 if gid[r] and gid[a] == gid[r] else 1, abs((lo[a] + hi[a]) - (lo[r] + hi[r])), km, a)
            if best_key is None or key < best_key:
                best, best_key = a, key
        return best, best_key

    for r in order:
        if not has_time[r]:
            anchor_of[r] = r
            continue
        days = range(lo[r] // _DAY, hi[r] // _DAY + 1)
        best, best_key = -1, None
        # Same-place candidates first: they rank above any nearby place, so the grid is searched only
        # when none of them fits.
        if gid[r]:
            same: set[int] = set()
            for d in days:
                same.update(by_gid.get((gid[r], kind[r], d), ()))
            best, best_key = _best(r, same, -1, None)
        if best < 0 and mapped[r]:
            near: set[int] = set()
            # Anchors are visited finest geo precision first, so every anchor so far is at least as precise
            # as r: the pair's radius is r's own.
            radius = RADIUS_KM.get(gprec[r], RADIUS_KM[3])
            cell = GRID_DEG.get(radius, max(GRID_DEG.values()))
            grid = grids[cell]
            ci, cj = math.floor(lat_l[r] / cell), math.floor(lon_l[r] / cell)
            di = math.ceil(radius / (_KM_PER_DEG * cell))
            dj = math.ceil(radius / (_KM_PER_DEG * cell * max(math.cos(math.radians(lat_l[r])), 0.01)))
            for d in days:
                for i in range(ci - di, ci + di + 1):
                    for j in range(cj - dj, cj + dj + 1):
                        found = grid.get((i, j, kind[r], d))
                        if found:
                            near.update(found)
            best, best_key = _best(r, near, best, best_key)
        elif best < 0 and loc[r]:
            same = set()
            for d in days:
                same.update(by_loc.get((loc[r], kind[r], d), ()))
            best, best_key = _best(r, same, best, best_key)
        if best < 0 and not mapped[r] and article[r]:
            # "The shelling began at 23:40": a sentence with no place of its own continues its article's
            # story; it may join an event of a place the same article named (mapped reports come first).
            best, best_key = _best(r, {anchor_of[m] for m in mapped_in.get(article[r], ())}, best, best_key, True)
            inherited[r] = best >= 0
        if best >= 0:
            anchor_of[r] = best
            continue
        anchor_of[r] = r
        k = kind[r]
        if mapped[r]:
            cells = [(grid, math.floor(lat_l[r] / size), math.floor(lon_l[r] / size)) for size, grid in grids.items()]
        for d in days:
            if gid[r]:
                by_gid.setdefault((gid[r], k, d), []).append(r)
            if mapped[r]:
                for grid, i, j in cells:
                    grid.setdefault((i, j, k, d), []).append(r)
            elif loc[r]:
                by_loc.setdefault((loc[r], k, d), []).append(r)

    first: dict[int, int] = {}
    for r in range(n):  # input order: the first stored member names the event
        first.setdefault(anchor_of[r], r)
    name = {a: event_id_of(ids[f]) for a, f in first.items()}
    rows = []
    for r in range(n):
        a = anchor_of[r]
        if a == r:
            why = "anchor" if has_time[r] else "no time stated: an event of its own"
            rows.append((ids[r], name[a], ids[a], why, why, why))
            continue
        if inherited[r]:
            where = f"no place of its own: its article's report of {place[a] or loc[a]}"
        elif gid[r] and gid[a] == gid[r]:
            where = f"same place ({place[r] or gid[r]}, geonameid {gid[r]})"
        elif mapped[r]:
            km = _km(lat_l[a], lon_l[a], lat_l[r], lon_l[r])
            p = max(gprec[a], gprec[r])
            where = f"{km:.1f} km from {place[a] or loc[a]} (geo precision {p}: within {RADIUS_KM.get(p, 50):g} km)"
        else:
            where = f"same place as written ({loc[r]!r}, no coordinates)"
        when = (
            f"times overlap ({precision[r]} ±{TOLERANCE_MIN.get(precision[r], 0) // 60} h with "
            f"{precision[a]} ±{TOLERANCE_MIN.get(precision[a], 0) // 60} h)"
        )
        what = "same type" if cls[r] == cls[a] and cls[r] != "violence" else f"compatible types ({cls[r]})"
        rows.append((ids[r], name[a], ids[a], where, when, what))
    return pd.DataFrame(rows, columns=list(LINK_COLUMNS))
