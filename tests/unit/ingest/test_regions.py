"""A region named after a list of towns is their context, not another point on the map."""

from __future__ import annotations

from dashboard.ingest.articles import parse_article
from dashboard.ingest.extract import extract
from tests.conftest import TODAY


def _places(resolver, body: str) -> list[tuple[str, str, str]]:
    text = "---\npublished: 2024-03-14\npublisher: Test Wire\n---\nArtillery fire overnight\n" + body
    result = extract(parse_article(text), resolver=resolver, today=TODAY)
    return [
        (i.row["location"], i.row["country_code"], i.row["geo_precision"]) for i in result.incidents if i.row["place"]
    ]


def test_a_region_after_a_list_is_context_and_finds_the_towns_country(resolver):
    # Only "Russian" names a country: the Donetsk region says the towns are in Ukraine.
    got = _places(
        resolver,
        "Russian artillery shelled Chasiv Yar, Kostiantynivka and Toretsk in the Donetsk region on Tuesday, "
        "officials said.",
    )
    assert got == [("Chasiv Yar", "UA", "1"), ("Kostiantynivka", "UA", "1"), ("Toretsk", "UA", "1")]


def test_a_singular_province_after_a_list_belongs_to_the_last_town_only(resolver):
    got = _places(
        resolver,
        "Russian artillery shelled the towns of Nikopol and Marhanets, Dnipropetrovsk province, on Tuesday, "
        "Ukrainian officials said.",
    )
    assert got == [("Nikopol", "UA", "1"), ("Marhanets", "UA", "1")]
