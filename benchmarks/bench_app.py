"""An app script and an incidents CSV in, figures out: server time per rerun, bytes and time per slider move.

A benchmark, not a test. Each app runs as a real ``streamlit run`` on a free loopback port, driven by
Debian's headless Chromium (no network but loopback). A slider move is one key press on the window's end
thumb (PageDown: 10 % of the period less each time, so every window is new to the page). Its time runs from the key press
until the map holds exactly the incidents the new window selects (counted in the st_folium iframe's
``window.map``) and a frame has been painted; for the floor app, until its echo of the window changed.
Nothing waits on a clock: every wait is on the page's state. Bytes are the websocket messages the page
received (Chrome DevTools Protocol, ``Network.webSocketFrameReceived``; decompressed payloads, decoded
as Streamlit ForwardMsgs to split them by element) plus HTTP responses, and, separately, the bytes the
server sent on its TCP connections (``ss``: on the wire, so compressed when websocket compression is on).

Server time is measured apart, in a fresh interpreter per app and size with a timeout: what the app does
for one rerun's map (filter, then build what st_folium sends), on the same windows.
"""

from __future__ import annotations

import base64
import json
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from dashboard.testing.devserver import StreamlitServer

ROOT = Path(__file__).resolve().parent.parent
APPS = {
    "ours": ROOT / "dashboard" / "ui" / "app.py",
    "ours_map": ROOT / "benchmarks" / "apps" / "ours_map.py",
    "baseline": ROOT / "benchmarks" / "apps" / "tutorial.py",
    "floor": ROOT / "benchmarks" / "apps" / "floor.py",
}
# The tutorial approach and the floor run as a tutorial deploys them: with Streamlit's defaults (no websocket
# compression, a full garbage collection after each rerun), whatever the project's .streamlit/config.toml says.
DEFAULTS_ONLY = {
    "baseline": ["--server.enableWebsocketCompression", "false", "--runner.postScriptGC", "true"],
    "floor": ["--server.enableWebsocketCompression", "false", "--runner.postScriptGC", "true"],
}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
NOT_RUNNING = "[data-testid=stApp][data-test-script-state=notRunning]"
QUIET_S = 0.6  # after a move: no websocket message for this long (st_folium debounces its reply by 0.25 s)

# In the page: the incidents the map holds now. Ours draws circle markers with a GeoJSON feature (its
# ``n`` says how many incidents the marker stands for); the tutorial draws one pin (L.Marker) each.
MAP_COUNT_JS = """([kind]) => {
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const w = f && f.contentWindow;
  if (!w || !w.map || !w.L) return -1;
  let n = 0;
  for (const id in w.map._layers) {
    const l = w.map._layers[id];
    if (kind === 'ours') {
      if (l instanceof w.L.CircleMarker && !(l instanceof w.L.Circle) && l.feature)
        n += (l.feature.properties && l.feature.properties.n) || 1;
    } else if (l instanceof w.L.Marker && !(l.options.icon instanceof w.L.DivIcon)) n += 1;
  }
  return n;
}"""
MAP_READY_JS = "([kind, expected]) => (" + MAP_COUNT_JS + ")([kind]) === expected"
PAINTED_JS = """() => new Promise(resolve => {
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const w = (f && f.contentWindow) || window;
  w.requestAnimationFrame(() => w.setTimeout(resolve, 0));
})"""


class Server(StreamlitServer):
    """``streamlit run APP`` on a free port with ``DASHBOARD_INCIDENTS=csv``; its output kept for errors."""

    def __init__(self, app: str, incidents: Path, log: Path, timeout: float = 90):
        super().__init__(
            APPS[app], {"DASHBOARD_INCIDENTS": str(incidents)}, log, tuple(DEFAULTS_ONLY.get(app, [])), timeout
        )

    def written(self) -> dict[str, int]:
        """Bytes sent so far on each open TCP connection (``ss``'s tcp_info ``bytes_sent``), by the peer's address."""
        out = subprocess.run(
            ["ss", "-tinH", "state", "established", f"( sport = :{self.port} )"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        sent, peer = {}, None
        for tok in out.split():
            if re.fullmatch(r"(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):\d+", tok):
                peer = tok  # ss prints local then peer address; the last one seen before tcp_info is the peer
            elif tok.startswith("bytes_sent:") and peer:
                sent[peer] = int(tok.split(":", 1)[1])
        return sent

    @staticmethod
    def sent_since(before: dict[str, int], after: dict[str, int]) -> int:
        """Wire bytes between two ``written()``; a connection that closed in between is not counted."""
        return sum(n - before.get(peer, 0) for peer, n in after.items())


@dataclass
class Traffic:
    """What the page received, from DevTools events; ``mark()`` starts a new tally."""

    ws_bytes: int = 0
    http_bytes: int = 0
    by_kind: dict = field(default_factory=dict)
    scripts_finished: int = 0
    last_message: float = 0.0

    def mark(self) -> None:
        self.ws_bytes = self.http_bytes = self.scripts_finished = 0
        self.by_kind = {}

    def on_frame(self, event: dict) -> None:
        response = event["response"]
        data = (
            base64.b64decode(response["payloadData"]) if response["opcode"] == 2 else response["payloadData"].encode()
        )
        self.ws_bytes += len(data)
        self.last_message = time.perf_counter()
        kind = _forward_msg_kind(data)
        if kind == "script_finished":
            self.scripts_finished += 1
        self.by_kind[kind] = self.by_kind.get(kind, 0) + len(data)

    def on_loaded(self, event: dict) -> None:
        self.http_bytes += int(event.get("encodedDataLength") or 0)


def _forward_msg_kind(data: bytes) -> str:
    """``map``, ``table``, ``chart``, ``script_finished``, … for one websocket message (a ForwardMsg)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    try:
        msg.ParseFromString(data)
    except Exception:
        return "other"
    kind = msg.WhichOneof("type") or "other"
    if kind != "delta":
        return kind
    delta = msg.delta
    if delta.WhichOneof("type") != "new_element":
        return "other"
    element = delta.new_element.WhichOneof("type")
    if element == "component_instance":
        return "map" if "st_folium" in delta.new_element.component_instance.component_name else "component"
    return {
        "dataframe": "table",
        "vega_lite_chart": "chart",
        "html": "text",
        "markdown": "text",
        "heading": "text",
        "download_button": "downloads",
    }.get(element, "other")


def expected_mapped(df, window: tuple[datetime, datetime]) -> int:
    from dashboard.view import window as view

    # a mask, not the window's rows: copying them cost the harness ~1.5 s inside each timed move at 1,000,000
    return int((view.mask(df, view.View(window[0], window[1])) & df["mapped"]).sum())


def _window(page) -> tuple[datetime, datetime]:
    """The slider's window now (its inputs' values are microseconds since the epoch, UTC)."""
    values = page.get_by_role("slider").evaluate_all("els => els.map(e => Number(e.value))")
    a, b = (datetime.fromtimestamp(v / 1e6, tz=UTC) for v in values)
    return a, b


def _wait_quiet(page, traffic: Traffic, timeout_s: float) -> None:
    """Until no websocket message arrived for QUIET_S and the script is not running (follow-up reruns done)."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        page.wait_for_selector(NOT_RUNNING, timeout=max(1, (deadline - time.perf_counter())) * 1000)
        if time.perf_counter() - traffic.last_message >= QUIET_S:
            return
        page.wait_for_timeout(100)  # polling the message clock, not waiting for an effect
    raise TimeoutError(f"the app did not settle within {timeout_s:.0f} s")


def measure_browser(
    browser,
    app: str,
    csv: Path,
    df,
    log_dir: Path,
    moves: int = 5,
    load_timeout_s: float = 120,
    move_timeout_s: float = 120,
    second_session: bool = False,
) -> dict:
    """Open ``app`` on ``csv``, then move the slider ``moves`` times; figures per move and their medians.

    ``second_session``: then open a fresh page beside the first (``fresh_load_ms``: its first map, the data
    already loaded by the server) and read the server's RSS with both open (``server_rss_mb``)."""
    out: dict = {"app": app, "incidents": len(df), "load_ms": None, "moves": [], "error": None}
    try:
        server = Server(app, csv, log_dir / f"{app}-{len(df)}.log")
    except RuntimeError as err:
        out["error"] = str(err)
        return out
    # No request interception (it would slow every request of the apps that remount): the browser's host
    # resolver already refuses every host but loopback.
    context = browser.new_context(viewport={"width": 1500, "height": 1400})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    traffic = Traffic()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable", {"maxTotalBufferSize": 0, "maxResourceBufferSize": 0})
    cdp.on("Network.webSocketFrameReceived", traffic.on_frame)
    cdp.on("Network.loadingFinished", traffic.on_loaded)
    kind = "floor" if app == "floor" else ("ours" if app.startswith("ours") else "baseline")
    try:
        started = time.perf_counter()
        page.goto(server.url, timeout=load_timeout_s * 1000)
        window = _window(page) if page.get_by_role("slider").count() == 2 else None
        if window is None:
            page.get_by_role("slider").nth(1).wait_for(timeout=load_timeout_s * 1000)
            window = _window(page)
        _wait_shown(page, kind, df, window, load_timeout_s)
        out["load_ms"] = round((time.perf_counter() - started) * 1000)
        _wait_quiet(page, traffic, load_timeout_s)
        out["load_bytes"] = traffic.ws_bytes + traffic.http_bytes
        thumb = page.get_by_role("slider").nth(1)
        for i in range(moves):
            thumb.focus()
            _wait_quiet(page, traffic, move_timeout_s)
            traffic.mark()
            wrote = server.written()
            t0 = time.perf_counter()
            # Always a window not seen before: Streamlit's message cache would make a repeated one nearly free.
            thumb.press("PageDown")
            window = _window(page)
            shown = _wait_shown(page, kind, df, window, move_timeout_s)
            t_map = time.perf_counter()
            _wait_quiet(page, traffic, move_timeout_s)
            out["moves"].append(
                {
                    "map_ms": round((t_map - t0) * 1000, 1),
                    "settled_ms": round((traffic.last_message - t0) * 1000, 1),
                    "shown": shown,
                    "reruns": traffic.scripts_finished,
                    "bytes": traffic.ws_bytes + traffic.http_bytes,
                    "wire_bytes": server.sent_since(wrote, server.written()),
                    "by_kind": dict(traffic.by_kind),
                }
            )
            if t_map - t0 > 10 and i >= 1:
                break  # a slow app: two moves are enough, and keep the run short
        if second_session:
            _second_session(browser, server, kind, df, out, load_timeout_s)
    except Exception as err:
        out["error"] = f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"
    finally:
        out["page_errors"] = errors[:5]
        context.close()
        server.stop()
    moves_ = out["moves"]
    if moves_:
        out["map_ms"] = statistics.median(m["map_ms"] for m in moves_)
        out["settled_ms"] = statistics.median(m["settled_ms"] for m in moves_)
        out["bytes_per_move"] = round(statistics.median(m["bytes"] for m in moves_))
        out["bytes_per_incident"] = round(statistics.median(m["bytes"] / max(m["shown"], 1) for m in moves_), 1)
        out["map_bytes_per_incident"] = round(
            statistics.median(m["by_kind"].get("map", 0) / max(m["shown"], 1) for m in moves_), 1
        )
        out["wire_bytes_per_move"] = round(statistics.median(m["wire_bytes"] for m in moves_))
        out["map_bytes_per_move"] = round(statistics.median(m["by_kind"].get("map", 0) for m in moves_))
        out["shown_per_move"] = round(statistics.median(m["shown"] for m in moves_))
    return out


def _second_session(browser, server, kind: str, df, out: dict, timeout_s: float) -> None:
    context = browser.new_context(viewport={"width": 1500, "height": 1400})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(server.url, timeout=timeout_s * 1000)
        page.get_by_role("slider").nth(1).wait_for(timeout=timeout_s * 1000)
        _wait_shown(page, kind, df, _window(page), timeout_s)
        out["fresh_load_ms"] = round((time.perf_counter() - started) * 1000)
        page.wait_for_selector(NOT_RUNNING, timeout=timeout_s * 1000)
        out["server_rss_mb"] = rss_mb(server.proc.pid)
    finally:
        context.close()


def rss_mb(pid: int) -> int:
    """A process's resident memory now, in MB (Linux: /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024)
    raise RuntimeError(f"no VmRSS for process {pid}")


def _wait_shown(page, kind: str, df, window, timeout_s: float) -> int:
    """Until the page shows ``window``'s incidents (the floor: its echo); returns how many incidents."""
    if kind == "floor":
        from dashboard.view.window import format_utc

        text = f"window {format_utc(window[0])} {format_utc(window[1])}"
        page.get_by_text(text, exact=True).wait_for(timeout=timeout_s * 1000)
        page.evaluate(PAINTED_JS)
        return 0
    expected = expected_mapped(df, window)
    page.wait_for_function(MAP_READY_JS, arg=[kind, expected], polling="raf", timeout=timeout_s * 1000)
    page.evaluate(PAINTED_JS)
    return expected


# --- server time, in a fresh interpreter per app and size ---------------------------------------------


def _ours_prepare(df):
    """What dashboard/ui/app.py makes once per data version (cached), not on every rerun."""
    from dashboard.view import basemap as mapview
    from dashboard.view import layer as maplayer

    return mapview.claimant_colours(df["claimed_by"]), maplayer.LayerIndex.build(df)


def _ours_rerun(df, window, prepared) -> int:
    """What dashboard/ui/app.py does for the map on one rerun; returns the bytes st_folium would send."""
    from streamlit_folium import _get_feature_group_string, _get_map_string

    from dashboard.view import basemap as mapview
    from dashboard.view import layer as maplayer
    from dashboard.view import window as view

    colours, index = prepared
    keep = view.mask(df, view.View(window[0], window[1]))
    m = mapview.base_map(tiles="offline")
    fg = maplayer.incident_layer(df.loc[keep, maplayer.LAYER_COLUMNS], colours, fit=True, index=index)
    m.get_root().render()
    script = _get_map_string(m)
    group = _get_feature_group_string(fg, m)
    return len(script) + len(group)


def _baseline_rerun(df, window, prepared=None) -> int:
    import importlib.util

    from streamlit_folium import _get_map_string

    from dashboard.view import window as view

    spec = importlib.util.spec_from_file_location("tutorial", APPS["baseline"])
    tutorial = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tutorial)
    shown = view.apply(df, view.View(window[0], window[1]))
    m = tutorial.build(shown)
    m.get_root().render()
    return len(_get_map_string(m))


def server_main(app: str, csv: str, repeat: int = 3) -> dict:
    """Median seconds per rerun over the benchmark's two windows, and the bytes of what st_folium is given."""
    from dashboard.store import csvfile as incidents
    from dashboard.view import window as view

    df = incidents.load(csv)
    lo, hi = view.bounds(df)
    cut = lo + (hi - lo) * 0.9
    windows = [(lo, hi), (lo, cut)]
    run = {"ours": _ours_rerun, "baseline": _baseline_rerun}[app]
    prepared = _ours_prepare(df) if app == "ours" else None  # untimed: made once per data, as the app caches it
    times, sizes = [], []
    for i in range(repeat):
        w = windows[i % 2]
        t0 = time.perf_counter()
        sizes.append(run(df, w, prepared))
        times.append(time.perf_counter() - t0)
    return {"rerun_s": statistics.median(times), "args_bytes": statistics.median(sizes)}


def run_json(code: str, timeout_s: float) -> dict:
    """Python ``code`` in a fresh interpreter that prints one JSON line; ``{"error": ...}`` if it fails or times out."""
    try:
        r = subprocess.run(
            [sys.executable, "-c", f"import json, sys; {code}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {timeout_s:.0f} s"}
    if r.returncode != 0:
        return {"error": (r.stderr.strip().splitlines() or ["failed"])[-1][:200]}
    return json.loads(r.stdout.strip().splitlines()[-1])


def server_time(app: str, csv: Path, timeout_s: float, repeat: int = 3) -> dict:
    """``server_main`` in a fresh interpreter; ``{"error": ...}`` when it does not finish in ``timeout_s``."""
    return run_json(
        f"from benchmarks.bench_app import server_main; "
        f"print(json.dumps(server_main({app!r}, {str(csv)!r}, {repeat})))",
        timeout_s,
    )


def launch(playwright):
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"the benchmark needs Chromium at {CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
