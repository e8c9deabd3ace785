"""Articles written for these tests, hand-coded in fixtures/*.expected.csv: English ones about the seed's events
(not translations of it), and, for generality, an English report from Ukraine and an Indonesian one from Papua
(other countries, time zones, datelines and wording). The pipeline must find the same places, claimants, types
and times."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from dashboard.ingest.articles import load_article
from dashboard.ingest.extract import extract
from dashboard.store.csvfile import validate
from tests.conftest import ARTICLES as FIXTURES
from tests.conftest import TODAY

ARTICLES = sorted(FIXTURES.glob("*.txt"))
FIELDS = (
    "location",
    "place",
    "country_code",
    "claimed_by",
    "event_type",
    "sub_event_type",
    "geo_precision",
    "start_utc",
    "end_utc",
    "time_precision",
    "background",
)


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_matches_its_hand_coding(path, resolver):
    result = extract(load_article(path), resolver=resolver, source_path=path.name, today=TODAY)
    assert result.article.language == path.name[:2]
    with open(path.with_suffix(".expected.csv"), encoding="utf-8", newline="") as f:
        expected = [tuple(r[c] for c in FIELDS) for r in csv.DictReader(f)]
    got = [tuple(str(i.background) if c == "background" else i.row[c] for c in FIELDS) for i in result.incidents]
    assert got == expected
    assert validate(pd.DataFrame(result.rows(), dtype=str), path.parent, article_dirs=[path.parent]) == []


def test_wire_dateline_and_statement_place_are_not_incident_places(resolver):
    result = extract(load_article(FIXTURES / "en_wire_border_clashes.txt"), resolver=resolver, today=TODAY)
    places = {i.row["location"] for i in result.incidents}
    assert "YEREVAN" not in places and "Baku" not in places  # the dateline; "In Baku, the ministry said"
    assert result.article.dateline.agency == "Caucasus Monitor"


def test_place_recall_and_precision_on_the_fixtures(resolver):
    """Every incident place the hand-coding names is found, and nothing else is mapped."""
    for path in ARTICLES:
        result = extract(load_article(path), resolver=resolver, today=TODAY)
        with open(path.with_suffix(".expected.csv"), encoding="utf-8", newline="") as f:
            gold = {r["location"] for r in csv.DictReader(f) if r["place"]}
        found = {i.row["location"] for i in result.incidents if i.row["place"]}
        assert found == gold, path.name


def test_a_death_toll_in_a_follow_up_sentence_goes_to_its_incident(resolver):
    result = extract(load_article(FIXTURES / "id_papua_attack.txt"), resolver=resolver, today=TODAY)
    assert [i.row["fatalities"] for i in result.incidents] == ["2", "", ""]  # "dua prajurit gugur", said after
    kherson = extract(load_article(FIXTURES / "en_ukraine_shelling.txt"), resolver=resolver, today=TODAY).incidents[0]
    assert (kherson.row["location"], kherson.row["fatalities"]) == ("Kherson", "3")
