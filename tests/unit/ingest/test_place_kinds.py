"""What a resolved place stands for decides what ingest makes of it: a province or a river is a region
(geo_precision 3), a country is context (never a point), a name matched only in part is left unmapped."""

from __future__ import annotations

from dashboard.ingest.articles import parse_article
from dashboard.ingest.extract import extract
from tests.conftest import TODAY


def _rows(resolver, body: str) -> list[dict]:
    article = parse_article(f"Border report\n{body}\n", published="2024-05-06", language="en")
    return [i.row for i in extract(article, resolver=resolver, today=TODAY).incidents]


def test_a_province_is_a_region_not_a_pinpoint(resolver):
    rows = _rows(resolver, "Armenian forces shelled positions in Syunik Province on Monday, the ministry in Baku said.")
    syunik = [r for r in rows if r["location"].startswith("Syunik")]
    assert syunik and {r["geo_precision"] for r in syunik} == {"3"}
    assert {r["country_code"] for r in syunik} == {"AM"}


def test_a_country_named_alone_is_context_not_a_point(resolver):
    rows = _rows(resolver, "Artillery fire hit Goris on Monday night, Armenia's defence ministry said.")
    assert [r["place"] for r in rows if r["place"]] == ["Goris"]
    assert not any(r["location"] in ("Armenia", "Armenia's") for r in rows)


def test_a_name_matched_only_in_part_is_not_mapped(resolver):
    rows = _rows(
        resolver, "Sudanese army drones struck the airport in Nyala, Darfur Selatan, on Thursday, the army said."
    )
    mapped = {r["location"]: r["country_code"] for r in rows if r["place"]}
    assert mapped.get("Nyala") == "SD"
    assert all(code == "SD" for code in mapped.values()), mapped
