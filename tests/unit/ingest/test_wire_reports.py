"""Wire reports about any conflict (issue 11, the lead's trial): the dateline after a byline, the army that speaks,
a statement's time, distance phrases, towns described by their region, and camps the gazetteer lacks."""

from __future__ import annotations

import pytest

from dashboard.ingest.anchors import distance_before, offset
from dashboard.ingest.articles import parse_article
from dashboard.ingest.evaluate import day_right, km
from dashboard.ingest.event_types import event_of
from dashboard.ingest.extract import extract
from dashboard.ingest.saying import said_when
from dashboard.ingest.timeparse import scan
from tests.conftest import TODAY


def _extract(resolver, text: str, published: str = "2024-05-14", language: str = "en", publisher: str = "Newswire"):
    article = parse_article(text, published=published, language=language, publisher=publisher)
    return extract(article, resolver=resolver, today=TODAY)


def _rows(resolver, *args, **kwargs) -> list[dict]:
    return _extract(resolver, *args, **kwargs).rows()


# -- 1. the dateline, also after a byline; the army that speaks ------------------------------------


@pytest.mark.parametrize("agency", ["Newswire", "Reuters"])
def test_a_dateline_after_a_byline_is_not_the_speaker(resolver, agency):
    rows = _rows(
        resolver,
        "Army says it repelled attack on El Fasher\n\nBy Staff Reporter\n\n"
        f"PORT SUDAN, May 14 ({agency}) - Sudan's army said on Tuesday it had repelled an attack on El Fasher.\n",
        publisher=agency,
    )
    assert [(r["location"], r["claimed_by"], r["claimant_as_written"]) for r in rows] == [
        ("El Fasher", "Sudan MoD", "Sudan's army")
    ]


def test_an_indonesian_portal_byline_is_skipped_and_tni_is_indonesias_army(resolver):
    result = _extract(
        resolver,
        "Kontak Tembak di Intan Jaya\n\nLaporan Wartawan Tribun-Papua.com, Yulianus Magai\n\n"
        "TRIBUN-PAPUA.COM, TIMIKA - TNI menyatakan seorang prajurit gugur dalam kontak tembak di Distrik Sugapa "
        "pada Selasa (14/5/2024).\n",
        published="2024-05-15",
        language="id",
        publisher="Tribun-Papua.com",
    )
    assert result.article.dateline.names == ("TIMIKA",)
    assert [(r["place"], r["claimed_by"]) for r in result.rows()] == [("Sugapa", "Indonesia MoD")]


def test_a_named_army_without_a_country_is_a_group(resolver):
    rows = _rows(
        resolver,
        "Rakhine report\nThe Arakan Army said on Telegram that it had captured a police outpost in Kyauktaw, in western "
        "Myanmar, on Monday.\n",
        published="2024-03-05",
    )
    assert [r["claimed_by"] for r in rows] == ["Arakan Army"]


# -- 5. a statement's time bounds the event ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        ("Sudan's army said on Tuesday it had repelled an attack", "on Tuesday"),
        ('"We hit them," army spokesman Nabil Abdallah said in a statement late on Monday.', "late on Monday"),
        ("Niger's military said Wednesday that 23 soldiers were killed", "Wednesday"),
        ("Militer Filipina mengatakan pada Selasa bahwa pasukannya menewaskan 4 anggota", "pada Selasa"),
        ("kata Kapendam dalam keterangan tertulis, Rabu (15/5/2024).", "Rabu (15/5/2024)"),
        # the event's own time, not the statement's:
        ("Residents told Newswire that shells hit the camp on Monday afternoon", ""),
        ("The ministry said troops attacked the village on Monday", ""),
    ],
)
def test_the_time_a_statement_was_made(sentence, when):
    blanked, found = said_when(sentence)
    assert found == when
    assert len(blanked) == len(sentence) and (when == "" or when not in blanked)


def test_a_statement_time_is_not_the_event_time_and_the_quote_is_no_row_of_its_own(resolver):
    rows = _rows(
        resolver,
        "El Fasher report\nPORT SUDAN, May 14 (Newswire) - Sudan's army said on Tuesday it had repelled an attack on "
        'El Fasher.\n"Our forces inflicted heavy losses on the rebel militia," army spokesman Nabil Abdallah said in '
        "a statement late on Monday, adding that the fighting began shortly after dawn.\n",
    )
    assert [r["location"] for r in rows] == ["El Fasher"]  # the quote continues the El Fasher story
    from datetime import date

    assert day_right(rows[0], date(2024, 5, 13)) and rows[0]["time_precision"] == "part_of_day"


def test_only_a_statement_time_codes_its_day_as_the_latest(resolver):
    rows = _rows(resolver, "Report\nThe army said on Monday it had repelled an attack on El Fasher.\n")
    assert rows[0]["time_precision"] == "day" and "the day it was said" in rows[0]["notes"]


def test_afternoon_and_distances_are_not_night_or_clock_times():
    assert scan("shells hit the camp on Monday afternoon").part == "afternoon"
    assert scan("about 60 km north of El Fasher").clock is None
    assert scan("sekitar 12 km dari Sugapa").clock is None
    assert scan("the fighting began shortly after dawn").part == "after dawn"


# -- 3. distance phrases ---------------------------------------------------------------------------------


def test_a_town_in_a_distance_phrase_is_a_reference_not_the_place(resolver):
    rows = _rows(
        resolver,
        "Report\nThe RSF said its fighters had taken control of a military base near Mellit, about 60 km north of "
        "El Fasher, on Monday.\n",
    )
    assert [(r["place"], r["geo_precision"]) for r in rows] == [("Mellit", "2")]


def test_a_distance_phrase_alone_puts_the_event_at_the_offset_point(resolver):
    rows = _rows(
        resolver,
        "Report\nA guided bomb struck a village about 15 km northeast of Kharkiv on Saturday morning, the regional "
        "governor said.\n",
        published="2024-05-11",
    )
    assert len(rows) == 1
    row = rows[0]
    kharkiv = resolver.resolve("Kharkiv", context=("UA",)).place
    point = (float(row["latitude"]), float(row["longitude"]))
    assert km((kharkiv.latitude, kharkiv.longitude), point) == pytest.approx(15, abs=0.3)
    assert point[0] > kharkiv.latitude and point[1] > kharkiv.longitude  # northeast
    assert (row["geonameid"], row["geo_precision"], row["geo_method"]) == ("", "2", "offset")
    assert row["location"] == "15 km northeast of Kharkiv"


def test_distance_phrases_in_both_languages():
    assert distance_before("a base about 60 km north of ", 28) == (60.0, 0)
    assert distance_before("sekitar 20 km selatan ", 22) == (20.0, 180)
    assert distance_before("some 40 kilometers from ", 24) == (40.0, None)
    assert distance_before("in the north of ", 16) is None


def test_an_offset_point_is_the_distance_away():
    from dashboard.geocoding.base import Place

    town = Place(1, "Town", 50.0, 36.0, "UA", "07", 1000, "Europe/Kyiv", "geonames")
    moved = offset(town, 30, 270, "30 km west of Town")
    assert km((50.0, 36.0), (moved.latitude, moved.longitude)) == pytest.approx(30, abs=0.3)
    assert moved.geonameid is None and moved.longitude < 36.0


# -- 2. a region describing a town is context -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("The air force struck RSF positions in Nyala, the capital of South Darfur state, on Sunday night.", "Nyala"),
        (
            "The army repelled an attack on El Fasher, the last major city in Darfur still under its control.",
            "El Fasher",
        ),
        ("Fighting broke out in Sake, a town in North Kivu province, on Monday.", "Sake"),
        ("Jihadi fighters ambushed a patrol near Torodi, in the Tillaberi region, on Tuesday.", "Torodi"),
    ],
)
def test_a_region_describing_a_town_is_not_another_incident(resolver, sentence, place):
    rows = _rows(resolver, f"Report\n{sentence}\n")
    assert [r["place"] for r in rows] == [place]


# -- 4. a camp or village the gazetteer lacks ----------------------------------------------------------------


def test_an_unknown_camp_keeps_its_name_and_is_coded_to_the_articles_main_place(resolver):
    rows = _rows(
        resolver,
        "Report\nThe army said it had repelled an attack on El Fasher on Monday.\n"
        "Residents said fighting continued in El Fasher on Monday.\n"
        "Shells hit the Abu Shouk camp for displaced people on Monday afternoon, killing 7 civilians, residents said.\n",
    )
    camp = [r for r in rows if r["location"] == "Abu Shouk camp"]
    assert [(r["place"], r["geo_precision"]) for r in camp] == [("El Fasher", "2")]
    assert "main place" in camp[0]["notes"]


def test_an_unknown_camp_near_a_town_is_coded_to_that_town_once(resolver):
    rows = _rows(
        resolver,
        "Report\nTwo bombs fell on the Lushagala camp for displaced people near Goma on Tuesday evening, killing "
        "4 people, a camp official said.\n",
        published="2024-02-07",
    )
    assert [(r["location"], r["place"], r["geo_precision"]) for r in rows] == [("Lushagala camp", "Goma", "2")]


def test_an_unknown_village_goes_to_its_district_or_its_region(resolver):
    rows = _rows(
        resolver,
        "Kontak tembak\nTIMIKA, KOMPAS.com - Kontak tembak terjadi di Kampung Titigi, Distrik Sugapa, Kabupaten Intan Jaya, Papua Tengah, "
        "pada Selasa (14/5/2024).\n",
        language="id",
    )
    assert [(r["location"], r["place"], r["geo_precision"]) for r in rows] == [("Titigi", "Sugapa", "2")]
    rows = _rows(
        resolver,
        "Report\nThe armed forces of Russia said their units had taken Hatyshche, a village in the Kharkiv region, "
        "on Saturday.\n",
        published="2024-05-11",
    )
    assert [(r["location"], r["place"], r["geo_precision"], r["country_code"]) for r in rows] == [
        ("Hatyshche", "Kharkiv", "3", "UA")
    ]


@pytest.mark.parametrize(
    ("sentence", "violent"),
    [
        ("Congo's army pushed M23 rebels back from the hills.", True),
        ("Two bombs fell on the camp.", True),
        ("Gunmen raided the village.", True),
        ("Residents should heed air raid alerts.", False),
    ],
)
def test_wire_event_words(sentence, violent):
    assert (event_of(sentence) is not None) == violent
