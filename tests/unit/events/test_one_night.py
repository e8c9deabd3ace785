"""Five reports of one night from five outlets, two languages, both sides (tests/fixtures/one_night/: written for
this test in the styles of a wire from Yerevan, a wire from Baku, an Armenian agency, an Indonesian portal
relaying the first wire and an Indonesian agency; the facts of 12-13 September 2022, the text our own),
ingested with the CLI into a fresh store: ``events --json`` must give one event per place and night with every
outlet's report of that place in it, the relay not counted as a source of its own, and each side's claim
under its own name."""

from __future__ import annotations

import contextlib
import io
import json
import re
from datetime import UTC, datetime

import pytest

from dashboard.cli import main
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "one_night"
# The night as the reports tell it: Monday 12 Sept 18:00 to Tuesday 13 Sept 06:00 in Yerevan and Baku (UTC+4).
NIGHT = (datetime(2022, 9, 12, 14, tzinfo=UTC), datetime(2022, 9, 13, 2, tzinfo=UTC))
ARMENIAN_TOWNS = ("Goris", "Sotk", "Jermuk")
AZERBAIJANI_DISTRICTS = ("Dashkesan", "Kalbajar", "Lachin")


def _articles() -> dict[str, tuple[str, str]]:
    """file name → (publisher, body) from each fixture's front matter."""
    out = {}
    for path in sorted(FIXTURES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out[path.name] = (re.search(r"^publisher: (.+)$", text, re.M)[1], text.split("\n---\n", 1)[1])
    return out


@pytest.fixture(scope="module")
def events(tmp_path_factory) -> list[dict]:
    db = str(tmp_path_factory.mktemp("night") / "incidents.db")
    assert main(["ingest", *map(str, sorted(FIXTURES.glob("*.txt"))), "--db", db]) == 0
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["events", "--db", db, "--json"]) == 0
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def _time(iso: str) -> datetime:
    return datetime.strptime(iso, "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)


def test_one_event_per_place_with_every_outlet_that_names_it(events):
    articles = _articles()
    assert len(events) == len(ARMENIAN_TOWNS) + len(AZERBAIJANI_DISTRICTS), [e["place"] for e in events]
    for name in ARMENIAN_TOWNS + AZERBAIJANI_DISTRICTS:
        naming = {publisher for publisher, body in articles.values() if name in body}
        event = next(e for e in events if _alias(e["place"]) == name)
        assert set(event["outlets"]) == naming, (name, event)
        # the portal relaying the wire ("disadur dari Reuters") is not a source of its own
        relays = {p for p, body in articles.values() if "disadur dari Reuters" in body}
        assert event["n_outlets"] == len(naming - relays if "Reuters" in naming else naming), (name, event)
        assert NIGHT[0] <= _time(event["start_utc"]) and _time(event["end_utc"]) <= NIGHT[1], (name, event)


def test_each_side_s_claim_under_its_own_name(events):
    for event in events:
        side = "Armenia" if event["country_code"] == "AM" else "Azerbaijan"
        assert event["claimants"] == {side: [f"{side} MoD"]}, event  # never the outlet that carried it


def test_every_report_is_in_one_of_the_night_s_events(events):
    ids = [i for e in events for i in e["report_ids"]]
    assert len(ids) == len(set(ids)) == sum(e["n_reports"] for e in events)
    # the sentences with no place ("The attack began at 00:05 ...") joined their article's places
    assert all(e["place"] for e in events)


def _alias(place: str) -> str:
    """GeoNames' names of two districts as the articles spell them."""
    return {"Dashkasan": "Dashkesan", "Laçın": "Lachin"}.get(place, place)
