"""The ``geocode`` verb through the real command line (a subprocess, as an analyst runs it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dashboard.settings import cache_dir
from tests.unit.geocoding.geocoding_helpers import km

ROOT = Path(__file__).resolve().parents[3]
# The seed article's places; the three districts are coded to their main towns.
SEED = {
    "Goris": 174895,
    "Sok": 616041,
    "Jermuk": 174884,
    "Dashkesan": 586765,
    "Kelbajar": 586268,
    "Lachin": 147625,
    "Yerevan": 616052,
}
FIELDS = {
    "query",
    "name",
    "latitude",
    "longitude",
    "country_code",
    "admin1",
    "geonameid",
    "method",
    "confidence",
    "reason",
}


def geocode(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DASHBOARD_CACHE_DIR": str(cache_dir()), **(env or {})}
    environment.pop("DASHBOARD_NOMINATIM_USER_AGENT", None) if env is None else None
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "geocode", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )


def test_seed_places_within_5_km_offline(geonames):
    result = geocode("--context", "AM,AZ", *SEED)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == list(SEED)
    for line, geonameid in zip(lines, SEED.values()):
        assert set(line) >= FIELDS
        record = geonames[geonameid]
        distance = km(line["latitude"], line["longitude"], record["latitude"], record["longitude"])
        assert distance <= 5, f"{line['query']} → {line['name']} is {distance:.0f} km from {record['name']}"
        assert line["country_code"] == record["countrycode"] and line["admin1"] == record["admin1code"]


def test_unresolved_names_print_null_coordinates_and_a_reason():
    result = geocode("--context", "AM", "Xqzwv", "Goris")
    assert result.returncode == 0, result.stderr
    missing, found = (json.loads(line) for line in result.stdout.splitlines())
    assert missing["latitude"] is None and missing["longitude"] is None and missing["geonameid"] is None
    assert missing["method"] is None and "no place in GeoNames" in missing["reason"]
    assert found["geonameid"] == 174895


def test_errors_print_error_and_exit_1():
    bad_context = geocode("--context", "AM,XX", "Goris")
    assert bad_context.returncode == 1 and bad_context.stdout == ""
    assert bad_context.stderr.startswith("Error: unknown country code 'XX'")
    empty = geocode("")
    assert empty.returncode == 1 and empty.stderr.startswith("Error: names[0] '' is empty")
    control = geocode("Go\x1bris")
    assert (
        control.returncode == 1 and "control character U+001B" in control.stderr and "Traceback" not in control.stderr
    )


def test_online_needs_a_user_agent():
    result = geocode("--online", "Goris", env={"DASHBOARD_NOMINATIM_USER_AGENT": ""})
    assert result.returncode == 1 and "Error: Nominatim needs a User-Agent" in result.stderr


def test_help_describes_the_verb():
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "geocode", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    for word in ("--context", "--online", "NAME", "CC BY 4.0"):
        assert word in result.stdout
