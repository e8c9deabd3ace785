"""Is the slider as fast as it was at an earlier commit? The page at REF and the page here, in the same run.

``python -m benchmarks.against REF [--sizes 10000,100000] [--rounds 6] [--moves 9] [--drop 2] [--json FILE]``
(``make bench-against REF=...``): REF's code is checked out into a git worktree with a virtual environment of
its own, made from its own ``requirements.txt`` (pip, from the package registry; kept under
``~/.cache/incident-dashboard/bench-trees/`` and reused). Then, per size, rounds of: REF's page (its ``dashboard`` app with its own synthetic incidents, seed 1,
timed by its own ``benchmarks/bench_app.py``), this tree's page and Streamlit's floor, each ``--moves`` slider
moves in a fresh server and browser, in an order that rotates each round (so none is always first on a warm
or cold machine). The first ``--drop`` moves of each run are the browser's warm-up and are left out; the
rest are pooled per app. Printed: each app's pooled median, its ratio to the floor, its per-round medians,
and REF's median over ours with the rounds ours was faster in.

Why this and not a figure from an old run: one ``make bench`` run moves by ±15 % between runs on these shared
machines (the floor as much as ours), so "as fast as on 28 Nov" is only measurable against 28 Nov's code run
beside today's, interleaved.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# outside the checkout: ruff and pytest must not read an old tree as ours
TREES = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "incident-dashboard" / "bench-trees"

# Run by each tree's own interpreter, with that tree first on sys.path: its synthetic data, its loader and its
# harness (older trees had dashboard.synthetic and dashboard.incidents before the package was split by stage).
MEASURE = """
import json, sys
from pathlib import Path
tree, app, n, moves, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5])
sys.path.insert(0, tree)
from playwright.sync_api import sync_playwright
from benchmarks import bench_app
try:
    from dashboard.testing import synthetic
    from dashboard.store import csvfile as incidents
except ImportError:
    from dashboard import incidents, synthetic
work.mkdir(parents=True, exist_ok=True)
csv = work / f"synthetic-{n}.csv"
if not csv.exists():
    synthetic.write(csv, n, seed=1)
df = incidents.load(csv)
with sync_playwright() as p:
    browser = bench_app.launch(p)
    r = bench_app.measure_browser(browser, app, csv, df, work, moves=moves)
    browser.close()
print(json.dumps({"error": r.get("error"), "map_ms": [m["map_ms"] for m in r["moves"]]}))
"""


def tree_at(ref: str, log=print) -> Path:
    """A worktree of ``ref`` with its own virtual environment and prepared data, made once and reused."""
    sha = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", f"{ref}^{{commit}}"], capture_output=True, text=True
    )
    if sha.returncode:
        raise SystemExit(f"Error: {ref!r} is not a commit in {ROOT}")
    tree = TREES / sha.stdout.strip()[:12]
    python = tree / ".venv" / "bin" / "python"
    if not (tree / ".prepared").exists():
        if not tree.exists():
            log(f"checking out {ref} into {tree}")
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), ref], check=True)
        log(f"{tree.name}: a virtual environment from its requirements.txt (pip), then its data")
        venv.create(tree / ".venv", with_pip=True)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(tree / "requirements.txt")], check=True)
        subprocess.run([str(python), "-m", "dashboard", "prepare"], cwd=tree, check=True)
        (tree / ".prepared").touch()
    return tree


def measure(tree: Path, python: Path, app: str, n: int, moves: int, work: Path) -> list[float]:
    out = subprocess.run(
        [str(python), "-c", MEASURE, str(tree), app, str(n), str(moves), str(work)],
        capture_output=True,
        text=True,
        cwd=tree,
        timeout=900,
    )
    lines = out.stdout.strip().splitlines()
    if out.returncode or not lines:
        raise RuntimeError(f"{app} in {tree}: {out.stderr.strip()[-500:]}")
    r = json.loads(lines[-1])
    if r["error"]:
        raise RuntimeError(f"{app} in {tree}: {r['error']}")
    return r["map_ms"]


def compare(ref: str, sizes, rounds: int, moves: int, drop: int, work: Path, log=print) -> dict:
    old = tree_at(ref, log)
    runs = {  # name → (tree, its interpreter, app)
        "ref": (old, old / ".venv" / "bin" / "python", "ours"),
        "ours": (ROOT, Path(sys.executable), "ours"),
        "floor": (ROOT, Path(sys.executable), "floor"),
    }
    result: dict = {"ref": ref, "moves": moves, "dropped": drop, "sizes": {}}
    for n in sizes:
        pooled: dict = {name: [] for name in runs}
        per_round: dict = {name: [] for name in runs}
        for r in range(rounds):
            names = list(runs)
            for name in names[r % 3 :] + names[: r % 3]:
                tree, python, app = runs[name]
                ms = measure(tree, python, app, n, moves, work / name)[drop:]
                pooled[name] += ms
                per_round[name].append(round(statistics.median(ms), 1))
                log(f"{n:,} round {r + 1}: {name} {per_round[name][-1]} ms")
        median = {name: round(statistics.median(v), 1) for name, v in pooled.items()}
        result["sizes"][str(n)] = {
            "median_ms": median,
            "over_floor": {name: round(median[name] / median["floor"], 2) for name in ("ref", "ours")},
            "ours_over_ref": round(median["ours"] / median["ref"], 2),
            "rounds_ours_faster": sum(a < b for a, b in zip(per_round["ours"], per_round["ref"])),
            "per_round_ms": per_round,
            "moves_pooled": {name: len(v) for name, v in pooled.items()},
        }
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.against", description=__doc__.splitlines()[0])
    ap.add_argument("ref", help="the earlier commit (a hash, tag or branch)")
    ap.add_argument("--sizes", default="10000,100000", help="incidents, comma-separated (default: 10000,100000)")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--moves", type=int, default=9)
    ap.add_argument("--drop", type=int, default=2, help="first moves of each run left out (browser warm-up)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    if args.moves <= args.drop:
        ap.error("--moves must be more than --drop")
    sizes = [int(s) for s in args.sizes.split(",")]
    result = compare(args.ref, sizes, args.rounds, args.moves, args.drop, TREES / "work")
    for n, s in result["sizes"].items():
        m = s["median_ms"]
        print(
            f"{int(n):,} incidents: {args.ref} {m['ref']} ms ({s['over_floor']['ref']}x the floor), "
            f"here {m['ours']} ms ({s['over_floor']['ours']}x), floor {m['floor']} ms; here/{args.ref} "
            f"{s['ours_over_ref']}, faster in {s['rounds_ours_faster']} of {args.rounds} rounds"
        )
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
