"""``python benchmarks/bench_import.py [--sizes 100000,1000000] [--postgres]``: import-events of synthetic ACLED
files, timed.

Each size: a synthetic file in ACLED's current layout (``dashboard.testing.synthetic_acled``, seed 1; made
before the clock starts) is imported into a fresh SQLite store by ``python -m dashboard import-events`` in
a child process. Wall time is from start to exit (the interpreter's start-up included); peak RSS is the
child's own ``ru_maxrss`` from ``os.wait4``. Targets (issue 13): 1,000,000 rows in ≤ 60 s and ≤ 3 GB.
``--postgres``: into a fresh database of a throwaway PostgreSQL cluster (dashboard/testing/pgcluster.py) instead;
the server's own CPU is not in the child's figures.
``run()`` returns the figures that ``python -m benchmarks`` puts in its JSON (``import_s``, ``import_peak_rss_mb``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dashboard.testing.synthetic_acled import write

SIZES = (100_000, 1_000_000)
TARGET_S, TARGET_MB = 60, 3072


def import_once(path: Path, db: Path | str) -> tuple[float, float, float, str]:
    """(seconds, peak RSS in MB, CPU seconds, what the verb printed) for one import in a child process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "import-events", str(path), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"import-events failed ({child.returncode}): {output[-2000:]}")
    # ru_maxrss is in KiB on Linux; CPU time says how much of the wall time was waiting for a shared core
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, output


def run(
    sizes=SIZES, work: Path | None = None, log=lambda m: print(m, file=sys.stderr, flush=True), postgres=None
) -> dict:
    """``postgres``: a ``pgcluster.Cluster`` to import into (a fresh database per size) instead of SQLite."""
    tmp = tempfile.TemporaryDirectory(prefix="bench-import-") if work is None else None
    work = Path(tmp.name if tmp else work)
    result: dict = {
        "import_s": {},
        "import_peak_rss_mb": {},
        "import_rows_per_s": {},
        "import_cpu_s": {},
        "import_file_mb": {},
    }
    try:
        for n in sizes:
            path = work / f"acled-synthetic-{n}.csv"
            if not path.exists():
                made = time.perf_counter()
                write(path, n, seed=1)
                log(f"import @ {n}: synthetic file written in {time.perf_counter() - made:.1f} s")
            db = postgres.database() if postgres else work / f"store-{n}.db"
            if not postgres:
                db.unlink(missing_ok=True)
            seconds, rss, cpu, output = import_once(path, db)
            k = str(n)
            result["import_s"][k] = round(seconds, 1)
            result["import_peak_rss_mb"][k] = round(rss)
            result["import_rows_per_s"][k] = round(n / seconds)
            result["import_cpu_s"][k] = round(cpu, 1)
            result["import_file_mb"][k] = round(path.stat().st_size / 2**20)
            log(
                f"import @ {n}: {seconds:.1f} s ({cpu:.1f} s CPU), peak RSS {rss:.0f} MB; {output.strip().splitlines()[-1].strip()}"
            )
            postgres.drop(db) if postgres else db.unlink(missing_ok=True)
    finally:
        if tmp:
            tmp.cleanup()
    s = result["import_s"]
    if "100000" in s and "1000000" in s:
        result["import_ratio_1m_over_100k"] = round(s["1000000"] / s["100000"], 2)
    if "1000000" in s:
        result["import_targets"] = {
            "1m_at_most_60_s": s["1000000"] <= TARGET_S,
            "1m_at_most_3_gb": result["import_peak_rss_mb"]["1000000"] <= TARGET_MB,
        }
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated row counts")
    parser.add_argument("--postgres", action="store_true", help="import into a throwaway PostgreSQL, not SQLite")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(","))
    if not args.postgres:
        print(json.dumps(run(sizes), indent=1))
        return 0
    from dashboard.testing.pgcluster import Cluster

    cluster = Cluster()
    try:
        print(json.dumps(run(sizes, postgres=cluster), indent=1))
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
