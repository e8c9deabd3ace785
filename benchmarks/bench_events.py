"""Synthetic reports in, seconds to group them into events out, against a baseline measured in the same run.

Figures, on ``dashboard.testing.synthetic`` reports (seed 1, 8 weeks; generating them is not timed):

* ``baseline_s`` — the simplest grouping there is: parse the start times and number the groups of a pandas
  ``groupby`` on geonameid + UTC day (no precision, no radius, no type, no reasons);
* ``group_s`` — ``dashboard.events.grouping.group``: the events with a reason for every link (the figure
  the issue bounds: ≤ 10 s at 100,000 reports);
* ``build_s`` — ``dashboard.events.summary.build``: grouping, independence (outlets, near-copies,
  translations) and one summary row per event, what ``Store`` recomputes on ingest (minus SQLite).

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
    print(json.dumps(run(tuple(int(a) for a in sys.argv[1:]) or (10_000, 100_000)), indent=1))
