"""Reports added, removed or changed in, the links of the reports whose event may change out: the same result
as grouping every report again (``grouping.group``), at the cost of the few reports a change can reach.

Why it is exact. ``grouping.Rules.decide`` makes a report's choice depend only on the *anchors* before it
(in ``Features.order_key`` order) that are compatible with it, and, for a report with no place, on the
anchors its article's earlier mapped reports joined. So an old decision can change only when

* the report itself is new or changed;
* an anchor compatible with it appears before it or stops being one (an added report that becomes an
  anchor, a removed anchor, an old anchor that now joins a new one);
* for a report with no place, a mapped report of its article changed its anchor, or that anchor changed.

``regroup`` re-decides those reports in visiting order, and each re-decision that changes an anchor's
status marks the compatible reports after it (found with ``Neighbours``, a vectorised superset of
``Rules.fits``; ``Rules.best`` then decides exactly). Every member of an event touched by a change gets
its link row again (an event is named after its first stored member). tests/unit/events/test_incremental.py
checks, with Hypothesis, that the outcome equals a full regrouping on random report sets.
"""

from __future__ import annotations

import heapq

import numpy as np
import pandas as pd

from dashboard.events.grouping import _KM_PER_DEG, RADIUS_KM, Features, Rules, in_article, link_rows
from dashboard.events.independence import normalised
from dashboard.events.vocab import outlet_key

_SLACK_KM = 0.01  # the vectorised distance is compared with a little room: it must never miss a pair


class Neighbours:
    """Reports of ``f`` that may be compatible with a given report: same kind, overlapping times, within reach."""

    def __init__(self, f: Features):
        self.f = f
        self.lo = np.asarray(f.lo, dtype=np.int64)
        self.hi = np.asarray(f.hi, dtype=np.int64)
        self.lat = np.asarray(f.lat, dtype=float)
        self.lon = np.asarray(f.lon, dtype=float)
        self.mapped = np.asarray(f.mapped, dtype=bool)
        self.gprec = np.asarray(f.gprec, dtype=np.int64)
        self.gid = np.asarray(f.gid, dtype=object)
        self.loc = np.asarray(f.loc, dtype=object)
        self.radius = np.array([RADIUS_KM.get(p, RADIUS_KM[3]) for p in range(10)])
        self.by_kind: dict[str, tuple[np.ndarray, np.ndarray, int]] = {}
        kinds = np.asarray(f.kind, dtype=object)
        for kind in dict.fromkeys(f.kind):
            idx = np.flatnonzero(kinds == kind)
            idx = idx[np.argsort(self.lo[idx], kind="stable")]
            longest = int((self.hi[idx] - self.lo[idx]).max()) if len(idx) else 0
            self.by_kind[kind] = (idx, self.lo[idx], longest)

    def of(self, q: Features, i: int) -> np.ndarray:
        """Indices into ``self.f`` of the reports that may fit report ``i`` of ``q`` (itself included)."""
        found = self.by_kind.get(q.kind[i])
        if found is None or not q.has_time[i]:
            return np.zeros(0, dtype=np.int64)
        idx, los, longest = found
        lo, hi = q.lo[i], q.hi[i]
        cand = idx[np.searchsorted(los, lo - longest, "left") : np.searchsorted(los, hi, "right")]
        cand = cand[self.hi[cand] >= lo]
        if not len(cand):
            return cand
        fits = np.zeros(len(cand), dtype=bool)
        if q.gid[i]:
            fits |= self.gid[cand] == q.gid[i]
        if q.mapped[i]:
            lat, lon = self.lat[cand], self.lon[cand]
            dx = (lon - q.lon[i]) * np.cos(np.radians((lat + q.lat[i]) / 2))
            km = _KM_PER_DEG * np.hypot(lat - q.lat[i], dx)
            reach = self.radius[np.maximum(self.gprec[cand], q.gprec[i]).clip(0, 9)] + _SLACK_KM
            fits |= self.mapped[cand] & (km <= reach)
        elif q.loc[i]:
            fits |= ~self.mapped[cand] & (self.loc[cand] == q.loc[i])
        return cand[fits]


def regroup(
    f: Features,
    previous: dict[str, str],
    previously_inherited: set[str],
    gone: Features,
    fresh: set[str],
) -> pd.DataFrame:
    """``grouping.LINK_COLUMNS`` for every report of ``f`` whose link may differ from before the change.

    ``f``: every current report, in store order. ``previous``: report id → its anchor's id, as grouped
    before (reports not in it, and ``fresh`` ones, are decided anew). ``previously_inherited``: the reports
    that had joined through their article only. ``gone``: the removed reports and the changed ones as they
    were (their features before the change). ``fresh``: ids of the added and changed reports.
    """
    n = len(f)
    if n == 0:
        return link_rows(f, [], [], [])
    index = {iid: i for i, iid in enumerate(f.incident_id)}
    anchor_of = [-1 if iid in fresh else index.get(previous.get(iid, ""), -1) for iid in f.incident_id]
    inherited = [iid in previously_inherited for iid in f.incident_id]
    mapped_arr = np.asarray(f.mapped, dtype=bool)
    gprec = np.where(mapped_arr, np.asarray(f.gprec), 9)
    order = np.lexsort((np.arange(n), np.asarray(f.t_rank), gprec))  # Features.order_key, vectorised
    pos = np.empty(n, dtype=np.int64)
    pos[order] = np.arange(n)
    near = Neighbours(f)
    rules = Rules(f)
    articles = np.asarray(f.article, dtype=object)
    by_article: dict[str, np.ndarray] = {}

    def article_reports(article: str) -> np.ndarray:
        if article not in by_article:
            by_article[article] = np.flatnonzero(articles == article) if article else np.zeros(0, dtype=np.int64)
        return by_article[article]

    heap: list[tuple[int, int]] = []

    def mark(rows, after: int = -1) -> None:
        for j in rows:
            if pos[j] > after:
                heapq.heappush(heap, (int(pos[j]), int(j)))

    mark(i for i in range(n) if anchor_of[i] < 0)  # new, changed, or its anchor is gone
    touched: set[int] = set()  # anchors whose events' members all get their link rows again
    for k in range(len(gone)):
        was = index.get(previous.get(gone.incident_id[k], ""))
        if was is not None:
            touched.add(was)  # its event lost a member (perhaps the one it was named after)
        if previous.get(gone.incident_id[k]) == gone.incident_id[k]:  # an anchor is gone: its neighbours may change
            mark(near.of(gone, k))
        if gone.mapped[k]:
            mark(j for j in article_reports(gone.article[k]) if not f.mapped[j])
    # The places an article names decide which of its reports may join which (``Rules.named``): when a report of
    # an article comes, goes or moves, every report of that article, and every report that may fit one of them,
    # is decided again.
    changed_articles = {a for a in gone.article if a} | {f.article[index[i]] for i in fresh if i in index}
    for article in changed_articles - {""}:
        for j in article_reports(article):
            mark([j])
            mark(near.of(f, int(j)))

    done: set[int] = set()
    while heap:
        _, r = heapq.heappop(heap)
        if r in done:
            continue
        done.add(r)
        old = anchor_of[r]

        def anchors_before(r=r) -> list[int]:
            return [int(a) for a in near.of(f, r) if pos[a] < pos[r] and anchor_of[a] == a]

        def inherit_from(r=r) -> dict[int, tuple[int, int]]:
            members = (int(m) for m in article_reports(f.article[r]) if f.mapped[m] and pos[m] < pos[r])
            return in_article(anchor_of, r, members)

        anchor_of[r], inherited[r] = rules.decide(r, (anchors_before,), inherit_from)
        if old >= 0:
            touched.add(old)
        touched.add(anchor_of[r])
        if (anchor_of[r] == r) != (old == r):  # an anchor appeared or went: the reports after it may change
            mark(near.of(f, r), after=pos[r])
        if f.mapped[r] and anchor_of[r] != old and f.article[r]:
            mark((j for j in article_reports(f.article[r]) if not f.mapped[j]), after=pos[r])
        if anchor_of[r] == r and f.incident_id[r] in fresh:
            # A changed anchor keeps its members, but a report with no place that may join it through a
            # member's article sees its new time: those reports are decided again.
            for m in np.flatnonzero(np.asarray(anchor_of) == r):
                if f.mapped[m] and f.article[m]:
                    mark((j for j in article_reports(f.article[m]) if not f.mapped[j]), after=pos[r])

    members = np.flatnonzero(np.isin(np.asarray(anchor_of), np.fromiter(touched, dtype=np.int64)))
    which = sorted(done | {int(i) for i in members})
    return link_rows(f, anchor_of, inherited, which)


def outlet_changes(
    state: dict, known: tuple[dict[str, str], set[str]], event_of: dict, origin_of: dict, f: Features, sources, texts_of
) -> set[str]:
    """Events whose independence may change because the store's outlets did (``independence.outlets``):
    an outlet's label (its most common spelling) changed, or an outlet became known or unknown, which
    changes what a citing text's "via X" or "X reported" names (only where the text has X's words)."""
    labels, keys_known = known
    labels_old, known_old = state.get("labels", {}), set(state.get("known", []))
    relabelled = {k for k in set(labels_old) | set(labels) if labels_old.get(k) != labels.get(k)}
    newly = known_old ^ keys_known
    if not relabelled and not newly:
        return set()
    keys = [outlet_key(s) for s in sources]
    rows_of: dict[str, list[int]] = {}
    for i, iid in enumerate(f.incident_id):
        rows_of.setdefault(event_of[iid], []).append(i)
    out, maybe = set(), {}
    for event, rows in rows_of.items():
        if any(keys[i] in relabelled or origin_of.get(f.incident_id[i], "") in relabelled for i in rows):
            out.add(event)
        elif newly and len({f.article[i] for i in rows}) > 1 and len({keys[i] for i in rows}) > 1:
            maybe[event] = {f.article[i] for i in rows}
    if maybe:
        texts = texts_of({a for articles in maybe.values() for a in articles})
        words = [k.split() for k in newly]
        for event, articles in maybe.items():
            for text in (texts.get(a, "") for a in articles):
                plain, low = normalised(text), text.lower()
                if any(all(w in plain or w in low for w in ws) for ws in words):
                    out.add(event)
                    break
    return out
