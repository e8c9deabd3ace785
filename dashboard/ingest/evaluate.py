"""Hand-coded gold rows and the articles they code in, extraction scores out (pure: resolver and clock passed in).

    gold = load_gold(Path("tests/fixtures/corpus"))          # one CSV, or a folder of *.gold.csv
    report = evaluate(gold, Path("tests/fixtures/corpus"), resolver=get_resolver(), today=date.today())
    report.overall.place_recall, report.articles[0].claim_accuracy

The gold format is documented in docs/evaluate.md. A place counts within ``RADIUS_KM`` of the gold place; a
claim is right when an incident has the gold place, the gold claimant side and an interval on the gold local day.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from dashboard.errors import InputError
from dashboard.ingest.lexicon import COUNTRY_NAMES, DEMONYMS

_KINDS = r"(?:MoD|government|officials|media|military|police|defence ministry|foreign ministry)"
RADIUS_KM = 10.0
MAX_DAY_SPAN = timedelta(hours=36)  # an interval longer than this does not pin a day (a month, a year)
GOLD_FIELDS = ("article", "location", "latitude", "longitude", "claimant_side", "local_day")


@dataclass
class Scores:
    """Counts for one article or the whole corpus; the rates are computed from them."""

    gold_places: int = 0
    gold_places_found: int = 0
    places: int = 0
    places_right: int = 0
    claims: int = 0
    claims_right: int = 0
    labels_right: int = 0
    timed: int = 0  # gold rows whose place was found
    days_right: int = 0
    incidents: int = 0
    no_time: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        for name, value in asdict(other).items():
            if name != "misses":
                setattr(self, name, getattr(self, name) + value)

    @staticmethod
    def _rate(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def place_recall(self) -> float:
        return self._rate(self.gold_places_found, self.gold_places)

    @property
    def place_precision(self) -> float:
        return self._rate(self.places_right, self.places)

    @property
    def claim_accuracy(self) -> float:
        return self._rate(self.claims_right, self.claims)

    @property
    def label_accuracy(self) -> float:
        return self._rate(self.labels_right, self.claims)

    @property
    def day_accuracy(self) -> float:
        return self._rate(self.days_right, self.timed)

    @property
    def no_time_share(self) -> float:
        return self.no_time / self.incidents if self.incidents else 0.0

    def as_dict(self) -> dict:
        out = {k: v for k, v in asdict(self).items() if k != "misses"}
        for name in ("place_recall", "place_precision", "claim_accuracy", "label_accuracy", "day_accuracy"):
            out[name] = round(getattr(self, name), 4)
        out["no_time_share"] = round(self.no_time_share, 4)
        out["misses"] = list(self.misses)
        return out


@dataclass
class Report:
    articles: list[tuple[str, Scores]]
    overall: Scores

    def as_dict(self) -> dict:
        return {"overall": self.overall.as_dict(), "articles": {n: s.as_dict() for n, s in self.articles}}


def load_gold(path: Path) -> dict[str, list[dict]]:
    """Gold rows by article file name, from one CSV or every ``*.gold.csv`` in a folder."""
    path = Path(path)
    files = sorted(path.glob("*.gold.csv")) if path.is_dir() else [path]
    if not files or not files[0].exists():
        raise InputError(f"{path}: no gold file (expected a CSV, or a folder of *.gold.csv files)")
    gold: dict[str, list[dict]] = {}
    for file in files:
        with file.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in GOLD_FIELDS if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{file.name}: missing column(s) {', '.join(missing)} (see docs/evaluate.md)")
            for n, row in enumerate(reader, start=2):
                _check_row(file.name, n, row)
                gold.setdefault(row["article"], []).append(row)
    return gold


def _check_row(name: str, n: int, row: dict) -> None:
    try:
        date.fromisoformat(row["local_day"])
    except ValueError as err:
        raise InputError(
            f"{name}, row {n}, column local_day: {row['local_day']!r} is not a day (expected e.g. 2024-04-17)"
        ) from err
    for column in ("latitude", "longitude"):
        if row[column]:
            try:
                float(row[column])
            except ValueError as err:
                raise InputError(f"{name}, row {n}, column {column}: {row[column]!r} is not a number") from err
    if bool(row["latitude"]) != bool(row["longitude"]):
        raise InputError(f"{name}, row {n}: give both latitude and longitude, or neither (an unmapped incident)")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def side_of(label: str, outlet: str) -> str:
    """A claimant label's side: an ISO country code, ``outlet`` (its own reporting), ``anonymous``, or the label."""
    label = (label or "").strip()
    if label == "anonymous source":
        return "anonymous"
    if outlet and (label.lower() == outlet.lower() or outlet.lower().startswith(label.lower() + " via ")):
        return "outlet"
    for code in sorted(COUNTRY_NAMES, key=lambda c: -len(COUNTRY_NAMES[c])):
        for word in (COUNTRY_NAMES[code], DEMONYMS.get(code, "")):
            # only the vocabulary's forms name a side: "Syrian Observatory" is a monitor, not Syria
            if word and (label == word or re.fullmatch(re.escape(word) + r" " + _KINDS, label)):
                return code
    words = label.lower().split()
    return " ".join(words[1:] if words and words[0] in ("a", "an", "the") else words)


def _gold_side(side: str) -> str:
    side = side.strip()
    return side if len(side) == 2 and side.isupper() else side.lower()


def day_right(row: dict, local_day: date) -> bool:
    """The incident's UTC interval falls on ``local_day`` in its zone and is short enough to name a day."""
    if not row.get("start_utc"):
        return False
    from dashboard.ingest.timeparse import zone

    start = datetime.fromisoformat(row["start_utc"].replace("Z", "+00:00"))
    end = datetime.fromisoformat((row.get("end_utc") or row["start_utc"]).replace("Z", "+00:00"))
    if end - start > MAX_DAY_SPAN:
        return False
    tz = zone(row.get("local_tz") or "UTC")
    lo = datetime.combine(local_day, datetime.min.time(), tz)
    hi = lo + timedelta(days=1)
    return start < hi and (end > lo or start >= lo)


def _point(row: dict) -> tuple[float, float] | None:
    return (float(row["latitude"]), float(row["longitude"])) if row.get("latitude") else None


def score_article(gold_rows: list[dict], rows: list[dict]) -> Scores:
    """Compare one article's gold rows with its extracted rows (dicts with models.COLUMNS)."""
    s = Scores()
    gold_points = list(dict.fromkeys(p for p in map(_point, gold_rows) if p))
    found_points = list(dict.fromkeys(p for p in map(_point, rows) if p))
    s.gold_places, s.places = len(gold_points), len(found_points)
    s.gold_places_found = sum(any(km(g, f) <= RADIUS_KM for f in found_points) for g in gold_points)
    s.places_right = sum(any(km(g, f) <= RADIUS_KM for g in gold_points) for f in found_points)
    s.incidents = len(rows)
    s.no_time = sum(not r.get("start_utc") for r in rows)
    for g in gold_rows:
        s.claims += 1
        here = _point(g)
        at = [
            r
            for r in rows
            if (here is None and _point(r) is None) or (here and _point(r) and km(here, _point(r)) <= RADIUS_KM)
        ]
        day = date.fromisoformat(g["local_day"])
        if here and at:
            s.timed += 1
            s.days_right += any(day_right(r, day) for r in at)
        side = _gold_side(g["claimant_side"])
        right = [r for r in at if side_of(r["claimed_by"], r.get("source", "")) == side and day_right(r, day)]
        s.claims_right += bool(right)
        s.labels_right += any(r["claimed_by"] == g.get("claimant", "") for r in right)
        if not right:
            got = "; ".join(f"{r['claimed_by']} {r['start_utc'] or 'no time'}" for r in at) or "place not found"
            s.misses.append(f"{g['location']} ({g['claimant_side']}, {g['local_day']}): {got}")
    return s


def evaluate(gold: dict[str, list[dict]], articles_dir: Path, *, resolver, today: date) -> Report:
    """Extract every article the gold names (from ``articles_dir``) and score it."""
    from dashboard.ingest.articles import load_article
    from dashboard.ingest.extract import extract

    overall = Scores()
    per: list[tuple[str, Scores]] = []
    for name in sorted(gold):
        path = Path(articles_dir) / name
        if not path.exists():
            raise InputError(f"{name}: named in the gold file but not found in {articles_dir}")
        result = extract(load_article(path), resolver=resolver, today=today, require_places=False)
        s = score_article(gold[name], result.rows())
        per.append((name, s))
        overall.add(s)
    return Report(per, overall)
