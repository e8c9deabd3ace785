"""Browser sessions moving the slider on synthetic incidents in; errors and the server's memory per round out.

``make loadtest`` (or ``python -m benchmarks.loadtest [--incidents N --sessions S --moves M --rounds R]``): the
real app (dashboard/ui/app.py) under ``streamlit run`` on a free loopback port, on ``python -m dashboard
synthetic`` incidents; headless Chromium. A warm-up round (as the others) loads the data (the shared caches
are made once per server, as in production) and takes the allocator to its working size; the server's
resident memory (VmRSS) after it is the baseline. Each round opens S sessions at once, moves each one's slider M times (PageDown on the window's end thumb, waiting
for each rerun to finish), closes them, waits for the server to let the sessions go
(``server.disconnectedSessionTTL`` in .streamlit/config.toml, plus a few seconds) and reads VmRSS again.
The server runs with ``MALLOC_ARENA_MAX=2`` as ``make run`` starts it: Streamlit runs each session's script in
its own thread and glibc gives threads their own malloc arenas, which kept freed memory resident (with glibc's
default the resident size after a round wandered +6 % to +20 % above the baseline; with two arenas it came back
below it). Passes when no page error, no st.exception and no server traceback was seen and memory after the last round
is within 10 % of the baseline. Prints the figures as JSON; exits 1 when it does not pass.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from benchmarks.bench_app import NOT_RUNNING, launch
from dashboard.testing.devserver import StreamlitServer

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard" / "ui" / "app.py"
TOLERANCE = 0.10


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for process {pid}")


def session_ttl_s() -> float:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return float(config.get("server", {}).get("disconnectedSessionTTL", 120))


def _open(browser, url: str, errors: list[str], timeout_s: float):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.goto(url, timeout=timeout_s * 1000)
    page.get_by_role("slider").nth(1).wait_for(timeout=timeout_s * 1000)
    page.locator(NOT_RUNNING).wait_for(timeout=timeout_s * 1000)
    return context, page


def _move(page, timeout_s: float) -> None:
    thumb = page.get_by_role("slider").nth(1)
    thumb.focus()
    thumb.press("PageDown")
    page.locator(NOT_RUNNING).wait_for(timeout=timeout_s * 1000)


def _settle(pid: int, wait_s: float) -> float:
    """VmRSS once the disconnected sessions have been let go and memory stopped falling."""
    time.sleep(wait_s)  # the server frees a session only after its TTL: nothing on the page to wait on
    last = rss_mb(pid)
    for _ in range(10):
        time.sleep(1)
        now = rss_mb(pid)
        if now >= last - 0.5:
            return now
        last = now
    return last


def run(
    incidents: int = 100_000,
    sessions: int = 5,
    moves: int = 6,
    rounds: int = 3,
    timeout_s: float = 240,
    arenas: str = "2",
) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict = {"incidents": incidents, "sessions": sessions, "moves": moves, "arenas": arenas, "rounds": []}
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "synthetic.csv"
        subprocess.run(
            [sys.executable, "-m", "dashboard", "synthetic", "--n", str(incidents), "--out", str(csv)],
            check=True,
            capture_output=True,
        )
        log = Path(tmp) / "server.log"
        env = {"DASHBOARD_INCIDENTS": str(csv), **({"MALLOC_ARENA_MAX": arenas} if arenas else {})}
        server = StreamlitServer(APP, env, log, timeout=120)
        pid = server.proc.pid
        wait_s = session_ttl_s() + 3
        try:
            with sync_playwright() as p:
                browser = launch(p)
                out["rss_start_mb"] = rss_mb(pid)
                for r in range(rounds + 1):  # round 0 warms up: the shared caches, the allocator's arenas
                    started = time.perf_counter()
                    opened = [_open(browser, server.url, errors, timeout_s) for _ in range(sessions)]
                    peak = rss_mb(pid)
                    for _ in range(moves):
                        for _, pg in opened:
                            _move(pg, timeout_s)
                        peak = max(peak, rss_mb(pid))
                    shown_errors = sum(pg.locator("[data-testid=stException]").count() for _, pg in opened)
                    if shown_errors:
                        errors.append(f"round {r + 1}: {shown_errors} st.exception element(s) on the pages")
                    for ctx, _ in opened:
                        ctx.close()
                    figures = {
                        "seconds": round(time.perf_counter() - started, 1),
                        "rss_peak_mb": peak,
                        "rss_after_mb": _settle(pid, wait_s),
                    }
                    if r == 0:
                        out["warm_up"] = figures
                        out["rss_before_mb"] = before = figures["rss_after_mb"]
                    else:
                        out["rounds"].append(figures)
                browser.close()
        finally:
            server.stop()
            tracebacks = server.log.read_text(errors="replace").count("Traceback")
            if tracebacks:
                errors.append(f"{tracebacks} traceback(s) in the server's output:\n{server.output()}")
    after = out["rounds"][-1]["rss_after_mb"] if out["rounds"] else None
    out["errors"] = errors
    out["rss_growth"] = round(after / before - 1, 4) if after else None
    out["passed"] = not errors and after is not None and after <= before * (1 + TOLERANCE)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loadtest", description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--moves", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--arenas", default="2", help="MALLOC_ARENA_MAX for the server, as `make run` sets it ('' for glibc's default)"
    )
    args = parser.parse_args(argv)
    figures = run(args.incidents, args.sessions, args.moves, args.rounds, arenas=args.arenas)
    print(json.dumps(figures, indent=2))
    return 0 if figures["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
