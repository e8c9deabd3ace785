"""Reports (incident rows) in, events out: which reports describe the same event, and why each was linked.

Two reports are compatible when they are about

* **the same place**: the same GeoNames id, or within ``RADIUS_KM`` of each other for the coarser of the
  two geo precisions (2 km at 1: one place under two gazetteer entries; 15 km at 2: near / toward a town or
  its district, which we have no polygons for; 50 km at 3: a region), unless either report's article names
  the other's place apart from its own ("near Vardenis, Goris, Sotk"); reports with no specific place only
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

The rule, stated once (``Rules.decide``): visited in ``order_key`` order, a report with a time joins the
compatible *anchor before it* ranked first by ``Rules.best`` (same GeoNames id, nearest in time, nearest,
first stored); with none, a report with no place may join an anchor of a place its own article named (the
one named nearest before it in the text first, ``in_article``);
otherwise it is an anchor. ``group`` finds the candidates with hash buckets (day × place or grid cell);
``events.incremental`` re-decides only the reports a change can reach, with the same rule.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

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


# What the rule reads of a report; the store keeps these beside each link (events.incremental).
FEATURES = (
    "incident_id",
    "lo",
    "hi",
    "has_time",
    "precision",
    "lat",
    "lon",
    "gprec",
    "gid",
    "loc",
    "place",
    "cls",
    "coarse",
    "background",
    "article",
)


@dataclass
class Features:
    """The grouping's view of reports, one list per field, in store order (``FEATURES``)."""

    incident_id: list[str]
    lo: list[int]  # start minus its precision's tolerance, minutes since 1970
    hi: list[int]
    has_time: list[bool]
    precision: list[str]
    lat: list[float]  # nan: no coordinates
    lon: list[float]
    gprec: list[int]  # 1..3, 9 unknown
    gid: list[str]
    loc: list[str]  # the place as written, lower case
    place: list[str]
    cls: list[str]  # vocab.type_class
    coarse: list[bool]  # "week" / "month": links only with its own kind
    background: list[bool]
    article: list[str]

    def __post_init__(self):
        self.mapped = [not (math.isnan(a) or math.isnan(b)) for a, b in zip(self.lat, self.lon)]
        self.kind = [f"{c}|{int(k)}" for c, k in zip(self.cls, self.coarse)]
        self.t_rank = [_T_RANK.get(p, len(TIME_PRECISIONS)) for p in self.precision]

    def __len__(self) -> int:
        return len(self.incident_id)

    def order_key(self, i: int) -> tuple:
        """The visiting order: finest geo precision, then finest time precision, then store order."""
        return (self.gprec[i] if self.mapped[i] else 9, self.t_rank[i], i)

    def rows(self) -> list[tuple]:
        return list(zip(*(getattr(self, c) for c in FEATURES)))

    @classmethod
    def from_rows(cls, rows) -> Features:
        cols = list(zip(*rows)) if rows else [()] * len(FEATURES)
        out = {c: list(v) for c, v in zip(FEATURES, cols)}
        out["incident_id"] = [str(v) for v in out["incident_id"]]
        for c in ("lo", "hi", "gprec"):
            out[c] = [int(v) for v in out[c]]
        for c in ("has_time", "background", "coarse"):
            out[c] = [bool(int(v)) for v in out[c]]
        for c in ("lat", "lon"):
            out[c] = [math.nan if v is None else float(v) for v in out[c]]
        return cls(**out)


_T_RANK = {p: i for i, p in enumerate(TIME_PRECISIONS)}


def features(reports: pd.DataFrame) -> Features:
    """``reports`` (the store's DataFrame or the CSV's string cells) as the grouping reads them."""
    n = len(reports)
    if n == 0:
        return Features.from_rows([])
    start, has_start = _minutes(reports, "start", "start_utc")
    end, has_end = _minutes(reports, "end", "end_utc")
    end = np.where(has_end & (end >= start), end, start)
    precision = [str(p or "unknown") for p in _column(reports, "time_precision", "unknown")]
    tol = np.array([TOLERANCE_MIN.get(p, 0) for p in precision], dtype=np.int64)
    lat = pd.to_numeric(reports["latitude"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(reports["longitude"], errors="coerce").to_numpy(dtype=float)
    gprec = pd.to_numeric(reports["geo_precision"], errors="coerce").fillna(9).astype(int).clip(1, 9).tolist()
    gid = [str(g or "") for g in _column(reports, "geonameid")]
    return Features(
        incident_id=[str(v) for v in _column(reports, "incident_id")],
        lo=(start - tol).tolist(),
        hi=(end + tol).tolist(),
        has_time=has_start.tolist(),
        precision=precision,
        lat=lat.tolist(),
        lon=lon.tolist(),
        gprec=gprec,
        gid=["" if g in ("nan", "<NA>") else g for g in gid],
        loc=[str(v or "").strip().lower() for v in _column(reports, "location")],
        place=[str(v or "") for v in _column(reports, "place")],
        cls=[type_class(t, s) for t, s in zip(_column(reports, "event_type"), _column(reports, "sub_event_type"))],
        coarse=[p in COARSE for p in precision],
        background=[bool(b) for b in _column(reports, "background", False)],
        article=[str(a) for a in _column(reports, "article_id", "")],
    )


class Rules:
    """Which anchor a report joins: the compatibility test and the ranking, shared by every way of grouping."""

    def __init__(self, f: Features):
        self.f = f
        # the GeoNames places each article names: a place its article names apart from another is not that other
        self.named: dict[str, set[str]] = {}
        for article, gid in zip(f.article, f.gid):
            if article and gid:
                self.named.setdefault(article, set()).add(gid)

    def fits(self, r: int, a: int, inherit: bool = False) -> float | None:
        """The distance (km) when ``a`` and ``r`` may be one event (symmetric), None when they may not."""
        f = self.f
        if f.lo[a] > f.hi[r] or f.lo[r] > f.hi[a] or f.kind[a] != f.kind[r]:
            return None
        if f.article[a] and f.article[a] == f.article[r] and f.background[a] != f.background[r]:
            return None  # the article itself tells its earlier events apart from the news
        if inherit or (f.gid[r] and f.gid[a] == f.gid[r]):
            return 0.0
        if f.gid[a] in self.named.get(f.article[r], ()) or f.gid[r] in self.named.get(f.article[a], ()):
            # "near the towns of Vardenis, Goris, Sotk": a report's article names the other's place apart from its
            # own, so "near Vardenis" is not the fighting near Sotk 15 km away that another outlet reports
            return None
        if f.mapped[r] and f.mapped[a]:
            km = _km(f.lat[a], f.lon[a], f.lat[r], f.lon[r])
            return km if km <= RADIUS_KM.get(max(f.gprec[a], f.gprec[r]), RADIUS_KM[3]) else None
        if not f.mapped[r] and not f.mapped[a] and f.loc[r] and f.loc[r] == f.loc[a]:
            return 0.0
        return None

    def best(self, r: int, candidates, inherit: bool = False) -> int:
        """The compatible candidate anchor ranked first: same GeoNames id, nearest in time, nearest, first; or -1.
        ``candidates`` may map each anchor to a rank that comes before time (``in_article``'s text distance)."""
        f, best, best_key = self.f, -1, None
        ranks = candidates if isinstance(candidates, dict) else {}
        for a in candidates:
            km = self.fits(r, a, inherit)
            if km is None:
                continue
            same = 0 if f.gid[r] and f.gid[a] == f.gid[r] else 1
            key = (same, ranks.get(a, ()), abs((f.lo[a] + f.hi[a]) - (f.lo[r] + f.hi[r])), km, a)
            if best_key is None or key < best_key:
                best, best_key = a, key
        return best

    def decide(self, r: int, tiers, inherit_from) -> tuple[int, bool]:
        """(r's anchor, whether only its article's place made it fit). ``tiers``: candidate sets (or functions
        giving one), which together hold at least every anchor before r compatible with it; the first tier
        with a fit decides, so a tier must hold every anchor that would rank above the later tiers' (same
        GeoNames id first). ``inherit_from``: the anchors of the earlier mapped reports of r's article."""
        f = self.f
        if not f.has_time[r]:
            return r, False
        for tier in tiers:
            best = self.best(r, tier() if callable(tier) else tier)
            if best >= 0:
                return best, False
        if not f.mapped[r] and not f.loc[r] and f.article[r]:
            # "The shelling began at 23:40": a sentence with no place of its own continues its article's
            # story; it may join an event of a place the same article named (mapped reports come first). A
            # place written but not resolved ("along the border") is a place of its own: not another town's.
            best = self.best(r, inherit_from() if callable(inherit_from) else inherit_from, True)
            if best >= 0:
                return best, True
        return r, False


def in_article(anchor_of, r: int, members) -> dict[int, tuple[int, int]]:
    """The anchors of ``members`` (mapped reports of r's article) named before r, each ranked by its member
    nearest r in the text (store order keeps an article's sentences in order). "Shelling hit Goris … The
    attack began at 00:05": the sentence with no place continues the one before it, not the article's first
    place; without this rank two places' events over the same night tied, and the first stored won."""
    ranks: dict[int, tuple[int, int]] = {}
    for m in members:
        a = anchor_of[m]
        if a >= 0 and m < r:  # a statement before any place ("Pashinyan said 49 soldiers were killed") is no town's
            rank = (0, r - m)
            if rank < ranks.get(a, (1, 0)):
                ranks[a] = rank
    return ranks


def group(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per report: ``LINK_COLUMNS`` (the event, the anchor it was matched against, and why).

    ``reports`` is the store's DataFrame (``Store.load()``) or the CSV's string cells; row order is store
    order (the first stored report names the event).
    """
    if len(reports) == 0:
        return pd.DataFrame(columns=list(LINK_COLUMNS))
    f = features(reports)
    anchor_of, inherited = assign(f)
    return link_rows(f, anchor_of, inherited, range(len(f)))


def assign(f: Features) -> tuple[list[int], list[bool]]:
    """Every report's anchor (an index into ``f``) and whether it joined through its article only."""
    n = len(f)
    rules = Rules(f)
    lo, hi, gid, loc, kind, mapped = f.lo, f.hi, f.gid, f.loc, f.kind, f.mapped
    lat_l, lon_l, gprec = f.lat, f.lon, f.gprec
    anchor_of = [-1] * n  # report → the anchor report of its event
    inherited = [False] * n
    by_gid: dict[tuple, list[int]] = {}
    by_loc: dict[tuple, list[int]] = {}
    grids: dict[float, dict[tuple, list[int]]] = {size: {} for size in GRID_DEG.values()}
    mapped_in: dict[str, list[int]] = {}
    for i in range(n):
        if mapped[i] and f.article[i]:
            mapped_in.setdefault(f.article[i], []).append(i)

    for r in sorted(range(n), key=f.order_key):
        if not f.has_time[r]:
            anchor_of[r] = r
            continue
        days = range(lo[r] // _DAY, hi[r] // _DAY + 1)
        # Candidates: anchors so far sharing a day with r, by GeoNames id (ranked first: the grid is searched
        # only when none fits), then by grid cell or place text. Anchors are visited finest geo precision
        # first, so every anchor so far is at least as precise as r: the pair's radius is r's own, and the
        # grid of that radius holds every anchor within reach.
        same: set[int] = set()
        if gid[r]:
            for d in days:
                same.update(by_gid.get((gid[r], kind[r], d), ()))

        def nearby(r=r, days=days) -> set[int]:
            near: set[int] = set()
            if mapped[r]:
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
            elif loc[r]:
                for d in days:
                    near.update(by_loc.get((loc[r], kind[r], d), ()))
            return near

        def earlier_in_article(r=r) -> dict[int, tuple[int, int]]:
            return in_article(anchor_of, r, mapped_in.get(f.article[r], ()))

        anchor_of[r], inherited[r] = rules.decide(r, (same, nearby), earlier_in_article)
        if anchor_of[r] != r:
            continue
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
    return anchor_of, inherited


def link_rows(f: Features, anchor_of: list[int], inherited: list[bool], which) -> pd.DataFrame:
    """``LINK_COLUMNS`` for the reports ``which`` (indices into ``f``), every member of their events included
    in ``anchor_of`` (the first stored member names an event)."""
    ids = f.incident_id
    first: dict[int, int] = {}
    for r, a in enumerate(anchor_of):  # store order: the first stored member names the event
        first.setdefault(a, r)
    rows = []
    for r in which:
        a = anchor_of[r]
        name = event_id_of(ids[first[a]])
        if a == r:
            why = "anchor" if f.has_time[r] else "no time stated: an event of its own"
            rows.append((ids[r], name, ids[a], why, why, why))
            continue
        rows.append((ids[r], name, ids[a], *reasons(f, r, a, inherited[r])))
    return pd.DataFrame(rows, columns=list(LINK_COLUMNS))


def reasons(f: Features, r: int, a: int, inherited: bool) -> tuple[str, str, str]:
    """Why report r was linked to anchor a: place, time, type."""
    if inherited:
        where = f"no place of its own: its article's report of {f.place[a] or f.loc[a]}"
    elif f.gid[r] and f.gid[a] == f.gid[r]:
        where = f"same place ({f.place[r] or f.gid[r]}, geonameid {f.gid[r]})"
    elif f.mapped[r]:
        km = _km(f.lat[a], f.lon[a], f.lat[r], f.lon[r])
        p = max(f.gprec[a], f.gprec[r])
        where = f"{km:.1f} km from {f.place[a] or f.loc[a]} (geo precision {p}: within {RADIUS_KM.get(p, 50):g} km)"
    else:
        where = f"same place as written ({f.loc[r]!r}, no coordinates)"
    pr, pa = f.precision[r], f.precision[a]
    when = f"times overlap ({pr} ±{TOLERANCE_MIN.get(pr, 0) // 60} h with {pa} ±{TOLERANCE_MIN.get(pa, 0) // 60} h)"
    what = "same type" if f.cls[r] == f.cls[a] and f.cls[r] != "violence" else f"compatible types ({f.cls[r]})"
    return where, when, what
