"""Synthetic reports in, seconds to group them into events out, against a baseline measured in the same run.

Figures, on ``dashboard.testing.synthetic`` reports (seed 1, 8 weeks; generating them is not timed):

* ``baseline_s`` — the simplest grouping there is: parse the start times and number the groups of a pandas
  ``groupby`` on geonameid + UTC day (no precision, no radius, no type, no reasons);
* ``group_s`` — ``dashboard.events.grouping.group``: the events with a reason for every link (the figure
  the issue bounds: ≤ 10 s at 100,000 reports);
* ``build_s`` — ``dashboard.events.summary.build``: grouping, independence (outlets, near-copies,
  translations) and one summary row per event (the whole regrouping, minus SQLite);
* ``one_article`` (``--store N``, default 100,000): a store of N synthetic reports (10 per article), then
  articles of 4 reports added one at a time, each followed by ``store.events.recompute``: incremental
  (what ``Store.ingest`` does now) and full (what every ingest did before), alternating A/B/A/B on the
  same store; medians and their ratio.

Run: ``.venv/bin/python benchmarks/bench_events.py [N ...]`` (prints JSON; default 10,000 and 100,000).
"""

from __future__ import annotations

import json
import sys
import time

LIMIT_S = 10.0


def _timed(func, *args):
    """(result, wall seconds, CPU seconds of this process): on a shared machine the CPU figure is the steadier."""
    start, cpu = time.perf_counter(), time.process_time()
    result = func(*args)
    return result, time.perf_counter() - start, time.process_time() - cpu


def baseline(df):
    import pandas as pd

    day = pd.to_datetime(df["start_utc"].where(df["start_utc"] != ""), utc=True, format="ISO8601").dt.floor("D")
    return df.groupby([df["geonameid"], day], dropna=False, sort=False).ngroup()


def _store_of(path, n: int, seed: int = 1):
    """A SQLite store of ``n`` synthetic reports, 10 per article (rows written directly: not timed)."""
    import hashlib

    from dashboard.store import tables
    from dashboard.store.sqlite import Store
    from dashboard.testing.synthetic import generate

    df = generate(n, seed=seed)
    store = Store(path)
    with store._write() as db:
        for k in range(0, n, 10):
            text, rows = "", []
            for r in df.iloc[k : k + 10].to_dict("records"):
                r["excerpt_start"], r["excerpt_end"] = str(len(text)), str(len(text) + len(r["excerpt"]))
                text += r["excerpt"] + "\n"
                rows.append((r, False))
            meta = dict(publisher=rows[0][0]["source"], published=rows[0][0]["published"], language="en")
            aid = hashlib.sha256(text.encode()).hexdigest()
            tables.insert_article(db, aid, text, meta, origin="csv", who="bench", now=f"2026-01-01T{k:012d}")
            tables.insert_incidents(db, aid, text, rows, now="2026-01-01")
    return store, df


def one_article(n: int = 100_000, rounds: int = 3) -> dict:
    """Seconds to bring a store of ``n`` reports up to date after one more article: incremental vs full."""
    import tempfile
    from pathlib import Path

    from dashboard.store import events
    from dashboard.store.sqlite import article_id

    with tempfile.TemporaryDirectory() as tmp:
        store, df = _store_of(Path(tmp) / "bench.db", n)
        events.recompute(store, full=True)
        times: dict[str, list[float]] = {"incremental": [], "full": []}
        for k in range(2 * rounds):
            rows, text = [], ""
            for j, r in enumerate(df.iloc[(k * 7919) % n :].head(4).to_dict("records")):  # a real place and night
                r = dict(r, incident_id=f"bench{k}_{j}", source="Bench Wire", excerpt_start=str(len(text)))
                r["excerpt_end"] = str(len(text) + len(r["excerpt"]))
                text += r["excerpt"] + "\n"
                rows.append((r, False))
            text += f"(bench article {k})"
            store._add(article_id(text), text, dict(publisher="Bench Wire"), rows, origin="ingest", who="bench")
            how = "incremental" if k % 2 == 0 else "full"
            _, wall, _ = _timed(lambda how=how: events.recompute(store, full=how == "full"))
            times[how].append(wall)
    med = {how: sorted(v)[len(v) // 2] for how, v in times.items()}
    return dict(
        store_reports=n,
        incremental_s=round(med["incremental"], 3),
        full_s=round(med["full"], 3),
        full_vs_incremental=round(med["full"] / med["incremental"], 1),
        runs=times,
    )


def run(sizes=(10_000, 100_000)) -> dict:
    from dashboard.events.grouping import group
    from dashboard.events.summary import build
    from dashboard.testing.synthetic import generate

    out = {"limit_s_at_100k": LIMIT_S, "sizes": {}}
    for n in sizes:
        df = generate(n, seed=1)
        groups, baseline_s, baseline_cpu = _timed(baseline, df)
        links, group_s, group_cpu = _timed(group, df)
        built, build_s, build_cpu = _timed(build, df)
        sizes_ = links.groupby("event_id").size()
        out["sizes"][str(n)] = dict(
            reports=n,
            baseline_s=round(baseline_s, 3),
            baseline_groups=int(groups.nunique()),
            group_s=round(group_s, 3),
            group_vs_baseline=round(group_s / baseline_s, 1),
            baseline_cpu_s=round(baseline_cpu, 3),
            group_cpu_s=round(group_cpu, 3),
            group_vs_baseline_cpu=round(group_cpu / baseline_cpu, 1),
            build_s=round(build_s, 3),
            build_cpu_s=round(build_cpu, 3),
            events=int(sizes_.size),
            largest_event=int(sizes_.max()),
            reports_in_multi_report_events=int(sizes_[sizes_ > 1].sum()),
            relays=int((built.links["relay_reason"] != "").sum()),
            within_limit=bool(group_s <= LIMIT_S) if n >= 100_000 else None,
        )
    out["group_s_at_100k"] = out["sizes"].get("100000", {}).get("group_s")
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    store_n = int(args[args.index("--store") + 1]) if "--store" in args else 100_000
    if "--store" in args:
        del args[args.index("--store") : args.index("--store") + 2]
    figures = run(tuple(int(a) for a in args) or (10_000, 100_000))
    figures["one_article"] = one_article(store_n)
    print(json.dumps(figures, indent=1))
