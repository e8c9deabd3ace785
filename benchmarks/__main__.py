"""``python -m benchmarks [--json FILE]``: one run of every benchmark, printed as a table (and written as JSON).

Benchmarks, not tests: nothing here passes or fails. One run measures, on synthetic incidents (seed 1)
at each size, the apps side by side: ours (dashboard/ui/app.py, the whole page), ours_map (the same slider and
map block alone, benchmarks/apps/ours_map.py), the tutorial approach and Streamlit's floor; see
benchmarks/bench_app.py for what is timed and counted, then the geocoder
(benchmarks/bench_geocoder.py) and ingest (benchmarks/bench_ingest.py) when they are there. Figures are
compared as ratios within the run, never with another machine's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import bench_app

ROOT = Path(__file__).resolve().parent.parent

SIZES = (1_000, 10_000, 100_000, 1_000_000)
# The tutorial approach is already out of reach at 100,000 (minutes a move): not run beyond it.
BASELINE_MAX = 100_000
# From this size on, each app also opens a second, fresh page beside the first: its first map, and the
# server's memory with two sessions open (the 1,000,000 targets).
TWO_SESSIONS_FROM = 1_000_000
APPS = ("ours", "ours_map", "baseline", "floor")
MAP_APPS = ("ours", "ours_map", "baseline")
SERVER_APPS = ("ours", "baseline")
PEERS = {  # module → what to take from its run() (the first key found), and where it goes
    "bench_geocoder": {"cold_start_s": ("cold_start_s",), "lookups_per_s": ("lookups_per_s",)},
    "bench_ingest": {"articles_per_s": ("articles_per_s", "pipeline_per_s")},
}


def peer(module: str, timeout_s: float = 300) -> dict:
    """Another engineer's ``benchmarks/<module>.py`` ``run()``, in a fresh interpreter; ``{"error": ...}`` if absent."""
    if not (ROOT / "benchmarks" / f"{module}.py").exists():
        return {"error": f"benchmarks/{module}.py is not there yet"}
    return bench_app.run_json(f"from benchmarks.{module} import run; print(json.dumps(run()))", timeout_s)


def pick(figures: dict, keys: tuple[str, ...]):
    return next((figures[k] for k in keys if figures.get(k) is not None), None)


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def run(sizes=SIZES, moves: int = 5, work: Path | None = None, log=print, apps=APPS, peers: bool = True) -> dict:
    from playwright.sync_api import sync_playwright

    from dashboard.store import csvfile as incidents
    from dashboard.testing import synthetic

    work = Path(work or tempfile.mkdtemp(prefix="bench-"))
    result: dict = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "sizes": list(sizes),
        "moves_per_app": moves,
        "browser_update_ms": {a: {} for a in APPS},
        "settled_ms": {a: {} for a in APPS},
        "bytes_per_move": {a: {} for a in APPS},
        "wire_bytes_per_move": {a: {} for a in APPS},
        "map_bytes_per_move": {a: {} for a in MAP_APPS},
        "bytes_per_incident_shown": {a: {} for a in MAP_APPS},
        "map_bytes_per_incident_shown": {a: {} for a in MAP_APPS},
        "incidents_shown_per_move": {},
        "load_ms": {a: {} for a in APPS},
        "server_rerun_s": {a: {} for a in SERVER_APPS},
        "server_args_bytes": {a: {} for a in SERVER_APPS},
        "fresh_load_ms": {a: {} for a in APPS},
        "server_rss_two_sessions_mb": {a: {} for a in APPS},
        "errors": {},
        "runs": [],
    }

    def fail(app, n, reason):
        result["errors"].setdefault(app, {})[str(n)] = reason
        log(f"  {app} @ {n}: {reason}")

    from dashboard.view.assets import prepare_static

    prepare_static()  # Leaflet and the borders, served to all three apps (benchmarks/apps/static links to it)
    started = time.perf_counter()
    frames = {}
    for n in sizes:
        path = synthetic.write(work / f"synthetic-{n}.csv", n, seed=1)
        frames[n] = (path, incidents.load(path))
    log(f"synthetic incidents written to {work} ({time.perf_counter() - started:.0f} s)")

    for n in sizes:
        for app in [a for a in SERVER_APPS if a in apps and (a != "baseline" or n <= BASELINE_MAX)]:
            timeout = (100 if app == "baseline" else 60) * max(1, n // 200_000)  # loading 1,000,000 rows alone: ~30 s
            r = bench_app.server_time(app, frames[n][0], timeout, repeat=3 if n <= 10_000 or app == "ours" else 1)
            if "error" in r:
                result["server_rerun_s"][app][str(n)] = None
                fail(app, n, f"server: {r['error']}")
            else:
                result["server_rerun_s"][app][str(n)] = round(r["rerun_s"], 4)
                result["server_args_bytes"][app][str(n)] = r["args_bytes"]
            log(f"server {app} @ {n}: {r}")

    with sync_playwright() as p:
        browser = bench_app.launch(p)
        for n in sizes:
            path, df = frames[n]
            for app in [a for a in APPS if a in apps and (a != "baseline" or n <= BASELINE_MAX)]:
                r = bench_app.measure_browser(
                    browser,
                    app,
                    path,
                    df,
                    work,
                    moves=moves,
                    load_timeout_s=(120 if app == "baseline" else 90) * max(1, n // 100_000),
                    second_session=n >= TWO_SESSIONS_FROM,
                )
                result["runs"].append(r)
                k = str(n)
                done = bool(r["moves"])
                result["load_ms"][app][k] = r["load_ms"]
                if n >= TWO_SESSIONS_FROM:
                    result["fresh_load_ms"][app][k] = r.get("fresh_load_ms")
                    result["server_rss_two_sessions_mb"][app][k] = r.get("server_rss_mb")
                result["browser_update_ms"][app][k] = r.get("map_ms") if done else None
                result["settled_ms"][app][k] = r.get("settled_ms") if done else None
                result["bytes_per_move"][app][k] = r.get("bytes_per_move") if done else None
                result["wire_bytes_per_move"][app][k] = r.get("wire_bytes_per_move") if done else None
                if app != "floor":
                    result["map_bytes_per_move"][app][k] = r.get("map_bytes_per_move") if done else None
                    shown = r.get("shown_per_move")
                    result["incidents_shown_per_move"][k] = shown or result["incidents_shown_per_move"].get(k)
                    result["bytes_per_incident_shown"][app][k] = r.get("bytes_per_incident") if done else None
                    result["map_bytes_per_incident_shown"][app][k] = r.get("map_bytes_per_incident") if done else None
                if r["error"] or not done:
                    fail(app, n, r["error"] or "no slider move finished")
                log(
                    f"browser {app} @ {n}: map {r.get('map_ms')} ms, settled {r.get('settled_ms')} ms, "
                    f"{r.get('bytes_per_move')} B/move, load {r['load_ms']} ms"
                    + (
                        f", fresh page {r.get('fresh_load_ms')} ms, server RSS {r.get('server_rss_mb')} MB (two sessions)"
                        if n >= TWO_SESSIONS_FROM
                        else ""
                    )
                    + (f", page errors: {r['page_errors']}" if r.get("page_errors") else "")
                )
        browser.close()

    geocoder = peer("bench_geocoder") if peers else {"error": "not run (--no-peers)"}
    result["geocoder"] = {k: pick(geocoder, keys) for k, keys in PEERS["bench_geocoder"].items()}
    if "error" in geocoder:
        result["geocoder"]["error"] = geocoder["error"]
    ingest = peer("bench_ingest") if peers else {"error": "not run (--no-peers)"}
    result["ingest_articles_per_s"] = pick(ingest, PEERS["bench_ingest"]["articles_per_s"])
    if result["ingest_articles_per_s"] is None:
        result["ingest_error"] = ingest.get("error", "no articles_per_s in its figures")
    # import-events of 100,000 and 1,000,000 synthetic ACLED rows (benchmarks/bench_import.py), when it is there
    imports = peer("bench_import", timeout_s=1200) if peers else {"error": "not run (--no-peers)"}
    result["import_s"] = imports.get("import_s", {})
    result["import_peak_rss_mb"] = imports.get("import_peak_rss_mb", {})
    if "error" in imports:
        result["import_error"] = imports["error"]
    result["ingest_worst_case_s"] = ingest.get("worst_case_s")
    result["peers"] = {"geocoder": geocoder, "ingest": ingest, "import": imports}

    ms = result["browser_update_ms"]
    result["ratios"] = {
        str(n): {
            "baseline_over_ours": ratio(ms["baseline"].get(str(n)), ms["ours"].get(str(n))),
            "ours_over_floor": ratio(ms["ours"].get(str(n)), ms["floor"].get(str(n))),
            "baseline_over_ours_map": ratio(ms["baseline"].get(str(n)), ms["ours_map"].get(str(n))),
            "ours_map_over_floor": ratio(ms["ours_map"].get(str(n)), ms["floor"].get(str(n))),
        }
        for n in sizes
    }
    t = result["ratios"].get("10000", {})
    b10 = result["bytes_per_incident_shown"]["ours"].get("10000")
    m10 = result["map_bytes_per_incident_shown"]["ours"].get("10000")
    result["targets"] = {
        "10k_ours_10x_faster_than_baseline": (t.get("baseline_over_ours") or 0) >= 10
        if t.get("baseline_over_ours")
        else None,
        "10k_ours_within_2x_of_floor": t["ours_over_floor"] <= 2 if t.get("ours_over_floor") else None,
        "100k_ours_at_most_2s": ms["ours"]["100000"] <= 2000 if ms["ours"].get("100000") else None,
        "10k_at_most_150_bytes_per_incident": b10 <= 150 if b10 else None,
        "10k_map_at_most_150_bytes_per_incident": m10 <= 150 if m10 else None,
        "10k_map_only_10x_faster_than_baseline": (t["baseline_over_ours_map"] >= 10)
        if t.get("baseline_over_ours_map")
        else None,
        "10k_map_only_within_2x_of_floor": (t["ours_map_over_floor"] <= 2) if t.get("ours_map_over_floor") else None,
        "100k_map_only_at_most_2s": ms["ours_map"]["100000"] <= 2000 if ms["ours_map"].get("100000") else None,
    }
    m = "1000000"
    fresh, rss = result["fresh_load_ms"], result["server_rss_two_sessions_mb"]
    result["targets"].update(
        {
            "1m_ours_at_most_1s": ms["ours"][m] <= 1000 if ms["ours"].get(m) else None,
            "1m_ours_within_3x_of_floor": result["ratios"].get(m, {}).get("ours_over_floor") <= 3
            if result["ratios"].get(m, {}).get("ours_over_floor")
            else None,
            "1m_fresh_page_within_2x_of_floor_first_load": fresh["ours"][m] <= 2 * result["load_ms"]["floor"][m]
            if fresh["ours"].get(m) and result["load_ms"]["floor"].get(m)
            else None,
            "1m_server_rss_two_sessions_at_most_3gb": rss["ours"][m] <= 3072 if rss["ours"].get(m) else None,
        }
    )
    result["total_s"] = round(time.perf_counter() - started)
    return result


def _fmt(value, unit=""):
    if value is None:
        return "—"
    if isinstance(value, float) and value < 10:
        return f"{value:.2f}{unit}"
    return f"{value:,.0f}{unit}"


def table(r: dict) -> str:
    """The figures as a text table: each size, each app, and the ratios the issue's targets name."""
    lines = [
        f"{'size':>8} {'app':<9} {'slider→map':>11} {'vs ours':>8} {'settled':>9} {'server/rerun':>13} "
        f"{'B/move':>12} {'map B/move':>12} {'wire B/move':>12} {'B/incident':>11} {'map B/inc.':>10}"
    ]
    for n in r["sizes"]:
        k = str(n)
        ours = r["browser_update_ms"]["ours"].get(k)
        for app in APPS:
            ms = r["browser_update_ms"][app].get(k)
            vs = f"{ms / ours:.1f}×" if ms and ours else "—"
            lines.append(
                f"{n:>8,} {app:<9} {_fmt(ms, ' ms'):>11} {vs:>8} {_fmt(r['settled_ms'][app].get(k), ' ms'):>9} "
                f"{_fmt(r['server_rerun_s'].get(app, {}).get(k), ' s'):>13} {_fmt(r['bytes_per_move'][app].get(k)):>12} "
                f"{_fmt(r['map_bytes_per_move'].get(app, {}).get(k)):>12} {_fmt(r['wire_bytes_per_move'][app].get(k)):>12} "
                f"{_fmt(r['bytes_per_incident_shown'].get(app, {}).get(k)):>11} "
                f"{_fmt(r['map_bytes_per_incident_shown'].get(app, {}).get(k)):>10}"
            )
            reason = r["errors"].get(app, {}).get(k)
            if reason:
                lines.append(f"{'':>8} {'':<9} null: {reason}")
        lines.append(
            f"{'':>8} incidents on the map per move: {_fmt(r['incidents_shown_per_move'].get(k))}; "
            f"tutorial/ours {_fmt(r['ratios'][k]['baseline_over_ours'])}×, "
            f"ours/floor {_fmt(r['ratios'][k]['ours_over_floor'])}×, "
            f"tutorial/ours_map {_fmt(r['ratios'][k]['baseline_over_ours_map'])}×, "
            f"ours_map/floor {_fmt(r['ratios'][k]['ours_map_over_floor'])}×"
        )
    g = r["geocoder"]
    lines.append(
        f"geocoder: cold start {_fmt(g.get('cold_start_s'), ' s')}, {_fmt(g.get('lookups_per_s'))} look-ups/s"
        + (f" (null: {g['error']})" if g.get("error") else "")
    )
    lines.append(
        f"ingest: {_fmt(r['ingest_articles_per_s'])} articles/s, "
        f"worst-case shape at the size limit {_fmt(r.get('ingest_worst_case_s'), ' s')}"
        + (f" (null: {r['ingest_error']})" if r.get("ingest_error") else "")
    )
    lines.append(
        "import-events: "
        + ", ".join(
            f"{int(k):,} rows {_fmt(v, ' s')} ({_fmt(r.get('import_peak_rss_mb', {}).get(k), ' MB')} peak RSS)"
            for k, v in r.get("import_s", {}).items()
        )
        + (f" (null: {r['import_error']})" if r.get("import_error") else "")
    )
    lines.append(
        "targets: "
        + ", ".join(
            f"{k} {'met' if v else ('not met' if v is False else 'not measured')}" for k, v in r["targets"].items()
        )
    )
    for app in APPS:
        for k, v in r.get("fresh_load_ms", {}).get(app, {}).items():
            rss = r["server_rss_two_sessions_mb"][app].get(k)
            lines.append(
                f"{int(k):,} {app}: first load {_fmt(r['load_ms'][app].get(k), ' ms')}, a fresh page's first map "
                f"{_fmt(v, ' ms')}, server RSS with two sessions {_fmt(rss, ' MB')}"
            )
    lines.append(f"whole run: {r['total_s']} s on {r['machine']['cpus']} CPUs")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated incident counts")
    parser.add_argument("--moves", type=int, default=5, help="slider moves per app and size (default 5)")
    parser.add_argument("--apps", default=",".join(APPS), help="which apps to run (default all three)")
    parser.add_argument("--no-peers", action="store_true", help="skip the geocoder and ingest benchmarks")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        result = run(
            sizes,
            args.moves,
            Path(work),
            log=lambda m: print(m, file=sys.stderr, flush=True),
            apps=tuple(args.apps.split(",")),
            peers=not args.no_peers,
        )
    print(table(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1))
        print(f"figures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
