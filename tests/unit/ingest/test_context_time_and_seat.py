"""Time and speaker told by context: "the same day" / "pada hari yang sama" take the previous dated sentence's day,
"The attack began at 00:40." times the placed incident before it, and a capital names its government as claimant
("the ministry in Baku said") without becoming the incident's place. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.ingest.articles import parse_article
from dashboard.ingest.extract import extract
from tests.conftest import TODAY

SAME_DAY = {
    "en": "Shelling across Kharkiv region\n\nKharkiv, March 14 (Eastline News) - Russian artillery shelled Kupiansk "
    "on Monday, March 11, regional officials said. On Wednesday, March 13, a missile hit Izium. Later that day a "
    "drone struck Vovchansk. That evening shelling hit Balakliia.",
    "id": "Serangan di Kharkiv\n\nKYIV, KOMPAS.com - Artileri Rusia menembaki Kupiansk pada Senin (11/3/2024), kata "
    "pejabat setempat. Pada Rabu (13/3/2024), rudal menghantam Izium. Pada hari yang sama, drone Rusia menyerang "
    "Vovchansk. Malam itu, artileri Rusia menembaki Balakliia.",
}


def _rows(text: str, resolver, published=date(2024, 3, 14)) -> dict[str, dict]:
    result = extract(parse_article(text, source_path="t.txt", published=published), resolver=resolver, today=TODAY)
    return {i.row["location"]: i.row for i in result.incidents}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_same_day_is_the_previous_dated_sentence_s_day(lang, resolver):
    rows = _rows(SAME_DAY[lang], resolver)
    # Kyiv is UTC+2 in March: Wednesday 13 March local is 12 March 22:00Z to 13 March 22:00Z
    assert rows["Kupiansk"]["start_utc"] == "2024-03-10T22:00Z"
    assert (rows["Vovchansk"]["start_utc"], rows["Vovchansk"]["end_utc"]) == ("2024-03-12T22:00Z", "2024-03-13T22:00Z")
    assert "same day" in rows["Vovchansk"]["notes"]
    evening = rows["Balakliia"]
    assert evening["time_precision"] == "part_of_day"
    assert evening["start_utc"].startswith("2024-03-13T1")  # that evening / malam itu: Wednesday's, not Monday's


@pytest.mark.parametrize(
    "text",
    [
        "Drone attack\n\nKyiv, March 14 (Eastline News) - A Russian drone attack hit Kharkiv, the regional governor "
        "said. The attack began at 00:40 on March 13.",
        "Serangan drone\n\nJakarta - Drone Rusia menyerang Kharkiv, kata gubernur setempat. Serangan dimulai pukul "
        "00.40 pada Rabu (13/3/2024).",
    ],
    ids=["en", "id"],
)
def test_a_time_only_sentence_times_the_placed_incident_before_it(text, resolver):
    result = extract(
        parse_article(text, source_path="t.txt", published=date(2024, 3, 14)), resolver=resolver, today=TODAY
    )
    rows = [i.row for i in result.incidents]
    assert [r["location"] for r in rows] == ["Kharkiv"]  # no separate row without a place
    assert (rows[0]["start_utc"], rows[0]["time_precision"]) == ("2024-03-12T22:40Z", "minute")


def test_a_clock_time_alone_after_an_undated_place_falls_on_the_article_date(resolver):
    rows = _rows(
        "Serangan drone\n\nJakarta - Drone Rusia menyerang Kharkiv, kata gubernur setempat. Serangan dimulai pukul "
        "00.40.",
        resolver,
    )
    assert list(rows) == ["Kharkiv"]
    assert rows["Kharkiv"]["start_utc"] == "2024-03-13T22:40Z"  # 00:40 Kyiv time on 14 March, the article's date


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("Armenian forces shelled positions near Tovuz on Monday, the ministry in Baku said.", "Azerbaijan MoD"),
        ("Ukrainian drones struck Belgorod on Monday, officials in Moscow claimed.", "Russia officials"),
        ("Pasukan Rusia menembaki Kupiansk pada Senin, pejabat di Kyiv menyatakan.", "Ukraine officials"),
        ("Pasukan Armenia menembaki Tovuz pada Senin, kementerian di Baku menyatakan.", "Azerbaijan MoD"),
    ],
)
def test_a_capital_speaks_for_its_country_and_is_no_incident_place(sentence, claimant, resolver):
    rows = _rows("Border report\n\nTbilisi (Caucasus Wire) - " + sentence, resolver, published=date(2024, 6, 4))
    capital = sentence.split(" in ")[-1].split(" di ")[-1].split()[0]
    assert capital not in rows
    assert [r["claimed_by"] for r in rows.values()] == [claimant]


@pytest.mark.parametrize(
    "sentence, capital, place, claimant",
    [
        (
            "In Baku, the ministry said Armenian forces shelled positions near Tovuz on Monday.",
            "Baku",
            "Tovuz",
            "Azerbaijan MoD",
        ),
        (
            "In Yerevan, the defence ministry said Azerbaijani troops shelled Goris on Monday.",
            "Yerevan",
            "Goris",
            "Armenia MoD",
        ),
        (
            "Di Baku, kementerian menyatakan pasukan Armenia menembaki Tovuz pada Senin.",
            "Baku",
            "Tovuz",
            "Azerbaijan MoD",
        ),
    ],
)
def test_a_capital_opening_the_sentence_before_its_speaker_is_the_speaker_s_seat(
    sentence, capital, place, claimant, resolver
):
    rows = _rows("Border report\n\nTbilisi (Caucasus Wire) - " + sentence, resolver, published=date(2024, 6, 4))
    assert capital not in rows and place in rows
    assert rows[place]["claimed_by"] == claimant


def test_a_capital_opening_a_sentence_of_its_own_incident_stays_its_place(resolver):
    """The speaker comes after the event: the capital is where it happened, not who says so."""
    rows = _rows(
        "Night attack\n\nLviv (Eastline News) - In Kyiv, air defences shot down twelve drones overnight on Monday, "
        "Ukrainian officials said.",
        resolver,
        published=date(2024, 6, 4),
    )
    assert list(rows) == ["Kyiv"] and rows["Kyiv"]["claimed_by"] == "Ukraine officials"


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("Di Yerusalem, militer menyatakan roket menghantam Sderot pada Senin malam.", "Israel MoD"),
        ("Roket menghantam Sderot pada Senin malam, kata pejabat di Yerusalem.", "Israel officials"),
    ],
)
def test_a_capital_named_as_indonesian_outlets_write_it_is_still_its_government(sentence, claimant, resolver):
    """ "Yerusalem", "Moskow", "Kiev": GeoNames' other names of a capital name its seat too."""
    article = "Serangan roket di perbatasan\n\nJAKARTA, KOMPAS.com - " + sentence
    result = extract(
        parse_article(article, source_path="t.txt", published=date(2024, 6, 4)), resolver=resolver, today=TODAY
    )
    assert [i.row["claimed_by"] for i in result.incidents] == [claimant]
    assert "Yerusalem" not in {i.row["location"] for i in result.incidents}


# Yerevan is UTC+4 in September 2022: Monday 12 Sept 18:00 local is 14:00Z, Tuesday 13 Sept 06:00 is 02:00Z.
MONDAY_NIGHT_UTC = ("2022-09-12T14:00Z", "2022-09-13T02:00Z")


@pytest.mark.parametrize(
    "day",
    ["late on Monday", "on Tuesday"],
    ids=["carried-monday", "carried-publication-day"],
)
def test_overnight_after_a_dated_sentence_is_the_night_before_publication(day, resolver):
    # Published Tuesday 13 Sept. "Overnight" with Monday carried from the sentence before is Monday night, as
    # it is with Tuesday, the publication day, carried (the night that ended that morning): one night both ways.
    text = (
        "Border fighting\n\nYEREVAN, Sept 13 (Eastline News) - Azerbaijan's defence ministry said Armenian units "
        f"fired on its positions near Kalbajar {day}. Armenia's defence ministry said drones struck Goris overnight."
    )
    rows = _rows(text, resolver, published=date(2022, 9, 13))
    assert (rows["Goris"]["start_utc"], rows["Goris"]["end_utc"]) == MONDAY_NIGHT_UTC
    assert rows["Goris"]["time_precision"] == "part_of_day"


def test_a_day_written_after_the_gmt_figure_is_that_figure_s_day(resolver):
    # "00:05 (2005 GMT on Monday)": 20:05 GMT on Monday 12 Sept is 00:05 on Tuesday in Yerevan, one instant;
    # the old reading put Monday on the local clock (00:05 Monday = 20:05 GMT on Sunday).
    def instant(sentence: str) -> str:
        text = (
            "Border fighting\n\nYEREVAN, Sept 13 (Eastline News) - Azerbaijani artillery shelled Jermuk, Armenia's "
            f"defence ministry said. {sentence}"
        )
        return _rows(text, resolver, published=date(2022, 9, 13))["Jermuk"]["start_utc"]

    day_with_gmt = instant("The attack began at 00:05 (2005 GMT on Monday), the ministry said.")
    assert day_with_gmt == "2022-09-12T20:05Z"
    assert day_with_gmt == instant("The attack began at 00:05 on Tuesday (2005 GMT), the ministry said.")
    assert day_with_gmt == instant("Serangan dimulai pukul 00.05 waktu setempat (20.05 GMT Senin).")


@pytest.mark.parametrize(
    "text",
    [
        "Armenia tuding Azerbaijan\n\nYEREVAN, KOMPAS.com - Kementerian Pertahanan Armenia mengatakan pasukan "
        "Azerbaijan menembaki Goris dan Jermuk pada Selasa (13/9/2022) dini hari. Pasukan Azerbaijan juga memakai "
        "drone dalam serangan itu, kata kementerian itu.",
        "Border fighting\n\nYEREVAN, Sept 13 (Eastline News) - Armenia's defence ministry said Azerbaijani forces "
        "shelled Goris and Jermuk early on Tuesday. Azerbaijani troops also used drones in the attack, said the "
        "ministry.",
    ],
    ids=["id", "en"],
)
def test_the_ministry_named_before_is_the_speaker_not_the_outlet(text, resolver):
    result = extract(
        parse_article(text, source_path="t.txt", published=date(2022, 9, 13), publisher="Outlet"),
        resolver=resolver,
        today=TODAY,
    )
    claims = {(i.row["location"], i.row["claimed_by"]) for i in result.incidents}
    assert {claimant for _, claimant in claims} == {"Armenia MoD"}, claims
    assert {"Goris", "Jermuk"} <= {location for location, _ in claims}
