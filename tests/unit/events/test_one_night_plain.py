"""Six more reports of the night of 12-13 September 2022 (tests/fixtures/one_night_plain/: written for this test in
the styles of an American wire, Azerbaijan's and Armenia's state agencies, an Indonesian portal, Indonesia's agency
and a Gulf broadcaster; the facts of that night, the text our own), as an analyst gets them: plain text, no front
matter, the outlet only in the dateline if at all, the year nowhere. They name more towns than the first five
(Vardenis, Kapan, Artanish), spell the districts two ways, tell the night as "the night of September 12 to 13" or
"malam 12 hingga 13 September", and one opens with both sides accusing each other.

Ingested with the CLI and ``--published``, ``events --json`` must give one event per town with every outlet that
names it and each side's claim under its own side; ingested without a date, a report that gives only weekdays
must stay undated rather than be put in a year the text never names."""

from __future__ import annotations

import contextlib
import io
import json
import re
from datetime import UTC, datetime

import pytest

from dashboard.cli import main
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "one_night_plain"
NIGHT = (datetime(2022, 9, 12, 14, tzinfo=UTC), datetime(2022, 9, 13, 2, tzinfo=UTC))  # 18:00-06:00 UTC+4
# GeoNames' name of each town or district → the spellings the reports use
SPELLINGS = {
    "Goris": ("Goris",),
    "Sotk": ("Sotk",),
    "Jermuk": ("Jermuk",),
    "Kapan": ("Kapan",),
    "Vardenis": ("Vardenis",),
    "Artanish": ("Artanish",),
    "Dashkasan": ("Dashkasan", "Dashkesan"),
    "Kalbajar": ("Kalbajar", "Kelbajar"),
    "Laçın": ("Lachin",),
}
SIDE = {"AM": "Armenia", "AZ": "Azerbaijan"}


def _run(*argv: str) -> list[dict]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(argv)) == 0
    return [json.loads(line) for line in buf.getvalue().splitlines() if line.startswith("{")]


@pytest.fixture(scope="module")
def night(tmp_path_factory) -> tuple[list[dict], dict[str, str]]:
    db = str(tmp_path_factory.mktemp("plain") / "incidents.db")
    files = sorted(map(str, FIXTURES.glob("*.txt")))
    reports = _run("ingest", *files, "--published", "2022-09-13", "--db", db, "--json")
    outlet_of = {r["source_path"].rsplit("/", 1)[-1]: r["source"] for r in reports}
    return _run("events", "--db", db, "--json"), outlet_of


def _time(iso: str) -> datetime:
    return datetime.strptime(iso, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)


@pytest.mark.parametrize("place", sorted(SPELLINGS))
def test_one_event_per_town_with_every_outlet_that_names_it(night, place):
    events, outlet_of = night
    naming = {
        outlet_of[path.name]
        for path in FIXTURES.glob("*.txt")
        if any(re.search(rf"\b{name}\b", path.read_text(encoding="utf-8")) for name in SPELLINGS[place])
    }
    assert naming, place
    mine = [e for e in events if e["place"] == place]
    assert len(mine) == 1, (place, mine)  # not split by outlet or spelling, not swallowed by a town 15 km away
    event = mine[0]
    assert set(event["outlets"]) == naming, (place, event)
    assert NIGHT[0] <= _time(event["start_utc"]) and _time(event["end_utc"]) <= NIGHT[1], (place, event)
    # the side that reports it, never the outlet that carried it nor the other side
    assert set(event["claimants"]) == {SIDE[event["country_code"]]}, (place, event)


def test_a_general_statement_stays_apart_from_the_towns(night):
    events, _ = night
    for event in events:
        if event["place"] in SPELLINGS:
            # "Armenia and Azerbaijan have accused each other …", "Pashinyan told parliament that 49 soldiers had
            # been killed": said before any town is named, so not any one town's
            assert len(event["claimants"]) == 1, event


def test_without_a_date_weekdays_stay_undated(tmp_path, capsys):
    db = str(tmp_path / "incidents.db")
    reports = _run("ingest", *sorted(map(str, FIXTURES.glob("*.txt"))), "--db", db, "--json")
    month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Sept?)"
    undatable = {  # no day and month anywhere: "Tuesday", "late Monday", "since 2020", "their 2020 war"
        path.name
        for path in FIXTURES.glob("*.txt")
        if not re.search(rf"\d{{1,2}}/\d{{1,2}}|\b\d{{1,2}}\s+{month}|{month}\.?\s+\d{{1,2}}\b", path.read_text(), re.I)
    }
    assert len(undatable) == 2, undatable  # the American wire and the broadcaster
    for report in reports:
        if report["source_path"].rsplit("/", 1)[-1] in undatable:
            assert report["start_utc"] == "" and report["time_precision"] == "unknown", report
    assert "give --published" in capsys.readouterr().err


NEXT = ROOT / "tests" / "fixtures" / "next_night"  # a denial from Yerevan, an Indonesian portal, the next night's wire


def test_the_next_night_is_another_event_and_a_denial_stands_beside_the_claim(tmp_path):
    db = str(tmp_path / "incidents.db")
    _run("ingest", *sorted(map(str, FIXTURES.glob("*.txt"))), "--published", "2022-09-13", "--db", db)
    _run("ingest", *sorted(map(str, NEXT.glob("*.txt"))), "--db", db)  # each with its own published date
    events = _run("events", "--db", db, "--json")
    night_after = (NIGHT[0] + (NIGHT[1] - NIGHT[0]) * 2, NIGHT[1] + (NIGHT[1] - NIGHT[0]) * 2)  # 13 Sept 18:00-06:00
    for place in ("Jermuk", "Goris", "Kalbajar"):
        here = sorted((e for e in events if e["place"] == place), key=lambda e: e["start_utc"])
        assert len(here) == 2, (place, here)  # the night of 12-13 and the night of 13-14, not one, not more
        first, second = here
        assert NIGHT[0] <= _time(first["start_utc"]) and _time(first["end_utc"]) <= NIGHT[1], first
        assert night_after[0] <= _time(second["start_utc"]) and _time(second["end_utc"]) <= night_after[1], second
        assert second["outlets"] == ["Reuters"], second  # only the follow-up tells of the second night
    kalbajar = next(e for e in events if e["place"] == "Kalbajar" and e["start_utc"] < "2022-09-13")
    # Baku's claim and Yerevan's denial of it, side by side; "claims by Baku" put nothing at Baku
    assert set(kalbajar["claimants"]) == {"Azerbaijan", "Armenia"}, kalbajar
    assert not [e for e in events if e["place"] == "Baku"]
