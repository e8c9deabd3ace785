"""What six plain-text reports of one night taught the extractor (tests/unit/events/test_one_night_plain.py has the
articles): a range of days, a statement's weekday before its verb, an Indonesian word that is also a town, a war's
year, a negated keyword, "according to", a speaker with an auxiliary, a dateline far from the fighting. Sentences
written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dashboard.ingest.articles import parse_article
from dashboard.ingest.attribution import claim_of
from dashboard.ingest.event_types import event_of
from dashboard.ingest.extract import extract
from dashboard.ingest.timeparse import Clock, scan
from tests.conftest import TODAY

PUBLISHED = date(2022, 9, 13)


def _rows(text: str, resolver, published=PUBLISHED, language=None) -> dict[str, dict]:
    article = parse_article(text, source_path="t.txt", published=published, language=language)
    return {i.row["location"]: i.row for i in extract(article, resolver=resolver, today=TODAY).incidents}


def _night_of(day: date, tz_hours: int = 4) -> tuple[str, str]:
    """18:00 on ``day`` to 06:00 the next morning, local time UTC+``tz_hours``, as the CSV writes UTC."""
    start = datetime(day.year, day.month, day.day, 18 - tz_hours, tzinfo=UTC)
    end = datetime(day.year, day.month, day.day + 1, 6 - tz_hours, tzinfo=UTC)
    return start.strftime("%Y-%m-%dT%H:%MZ"), end.strftime("%Y-%m-%dT%H:%MZ")


@pytest.mark.parametrize(
    "phrase",
    [
        "on the night of September 12 to 13",
        "on the night of 12-13 September",
        "overnight on Sept. 12-13",
        "pada malam 12 hingga 13 September",
        "pada malam 12-13 September",
    ],
)
def test_a_night_between_two_days_is_the_first_day_s_night(phrase):
    said = scan(f"Units attacked positions {phrase}.")
    interval = Clock.for_article([phrase], PUBLISHED, TODAY).resolve(said, "Asia/Baku")
    assert (interval.start_iso, interval.end_iso) == _night_of(date(2022, 9, 12))
    assert interval.precision == "part_of_day"


def test_a_range_of_days_without_a_night_spans_them_all():
    said = scan("Fighting went on from 12 to 14 September.")
    interval = Clock.for_article(["x"], PUBLISHED, TODAY).resolve(said, "Asia/Baku")
    assert (interval.start_iso, interval.end_iso) == ("2022-09-11T20:00Z", "2022-09-14T20:00Z")
    assert interval.precision == "week"  # ACLED's precision for a range of days


def test_the_statement_s_weekday_before_its_verb_is_not_the_event_s_day(resolver):
    rows = _rows(
        "Azerbaijan tuduh Armenia\n\nBaku (ANTARA) - Kementerian Pertahanan Azerbaijan pada Selasa mengatakan "
        "pasukan Armenia menembaki posisi tentara di distrik Kalbajar pada malam 12 hingga 13 September.",
        resolver,
    )
    assert (rows["Kalbajar"]["start_utc"], rows["Kalbajar"]["end_utc"]) == _night_of(date(2022, 9, 12))


def test_kapan_is_a_town_in_an_english_list_and_a_question_word_in_indonesian(resolver):
    en = _rows(
        "Shelling in Syunik\n\nYEREVAN (AP) - Armenia's defence ministry said Azerbaijani forces shelled the "
        "towns of Goris, Kapan and Jermuk on Tuesday.",
        resolver,
    )
    assert en["Kapan"]["place"] == "Kapan" and en["Kapan"]["country_code"] == "AM"
    indonesian = _rows(
        "Bentrok di Armenia\n\nKementerian Pertahanan Armenia mengatakan pasukan Azerbaijan menembaki Goris pada "
        "Selasa (13/9). Kapan serangan itu berakhir belum diketahui.",
        resolver,
    )
    assert "Kapan" not in indonesian and "Goris" in indonesian


def test_a_war_s_year_does_not_date_the_fighting_and_weekdays_alone_stay_undated(resolver):
    rows = _rows(
        "Border fighting\n\nFighting erupted overnight along the border between Armenia and Azerbaijan near Jermuk, "
        "the worst since their 2020 war, officials said Tuesday.",
        resolver,
        published=None,
    )
    row = rows["Jermuk"]
    assert row["start_utc"] == "" and row["time_precision"] == "unknown", row
    assert "--published" in row["notes"]


def test_a_negated_keyword_reports_nothing_and_according_to_is_no_agreement():
    assert event_of("Residents of the capital had heard no fighting but the mood was tense.") is None
    assert event_of("Warga mengatakan tidak ada serangan di kota itu.") is None
    assert event_of("Troops are taking retaliatory measures, according to the statement.") is None
    assert event_of("The two sides signed an accord in Moscow.")[1] == "Agreement"


def test_the_speaker_is_the_state_not_its_auxiliary(resolver):
    rows = _rows(
        "Border fighting\n\nBAKU (Reuters) - Azerbaijan said on Tuesday that Armenian forces had shelled its "
        "positions in the Kalbajar district overnight. Kementerian Pertahanan Azerbaijan juga menuding Armenia "
        "menembaki distrik Lachin.",
        resolver,
    )
    assert rows["Kalbajar"]["claimed_by"] == "Azerbaijan government"
    assert rows["Lachin"]["claimed_by"] == "Azerbaijan MoD"  # 'menuding' (accuses) is a speech verb


def test_a_dateline_far_from_the_fighting_does_not_set_local_time(resolver):
    rows = _rows(
        "Bentrokan perbatasan\n\nJakarta, CNN Indonesia -- Bentrokan pecah di perbatasan Armenia dan Azerbaijan pada "
        "Selasa (13/9) dini hari waktu setempat. Kementerian Pertahanan Armenia menyatakan pasukan Azerbaijan "
        "menembaki kota Goris.",
        resolver,
    )
    border = next(row for loc, row in rows.items() if loc.startswith("perbatasan"))
    # dini hari (00:00-05:00) on Tuesday in Yerevan (UTC+4), not in Jakarta (UTC+7)
    assert (border["start_utc"], border["end_utc"]) == ("2022-09-12T20:00Z", "2022-09-13T01:00Z")


def test_a_capital_that_speaks_is_no_place(resolver):
    rows = _rows(
        "Yerevan rejects claims\n\nYEREVAN, September 13. /TASS/. The Armenian Defense Ministry denied claims by Baku "
        "that Armenian troops had shelled Azerbaijani positions near Kalbajar overnight. Baku's account was false, "
        "the ministry said, adding that Azerbaijani units shelled the town of Jermuk.",
        resolver,
    )
    assert "Baku" not in rows and {"Kalbajar", "Jermuk"} <= set(rows)
    assert rows["Kalbajar"]["claimed_by"] == "Armenia MoD"  # the denial stands under the side that makes it


def test_returning_fire_is_a_clash_and_a_truce_in_the_background_is_not_the_event():
    assert event_of("Pasukan Azerbaijan hanya membalas tembakan dari pihak Armenia di distrik Kalbajar.")[1] == (
        "Armed clash"
    )
    shelling = event_of("Azerbaijani forces resumed shelling of Jermuk, a day after a Russian-brokered truce began.")
    assert shelling[1] == "Shelling/artillery/missile attack"
    assert event_of("The truce agreed after the clashes took effect at 9 a.m.")[1] == "Agreement"


REGIONS = (
    "Armenia says 49 soldiers killed\n\nBy Staff Reporter\n\nYEREVAN, Sept 13 (Caucasus Wire) - Azerbaijani troops "
    "shelled settlements in Armenia's Syunik, Gegharkunik and Vayots Dzor provinces overnight, Armenia's defence "
    "ministry said on Tuesday, in the deadliest fighting since the 2020 war over Nagorno-Karabakh.\n\nIn Washington, "
    "U.S. Secretary of State Antony Blinken called for an immediate end to the hostilities.\n\nFILE PHOTO: Armenian "
    "soldiers at a position near Stepanakert during the 2020 war. REUTERS/File Photo\n\nBaca juga: Bentrok di "
    "perbatasan Kalbajar\n\nReporting by Staff in Yerevan; Editing by Desk Editor"
)


def test_three_provinces_tonight_not_the_war_of_2020_and_nothing_from_captions_calls_or_credits(resolver):
    article = parse_article(REGIONS, source_path="t.txt", published=PUBLISHED)
    incidents = extract(article, resolver=resolver, today=TODAY).incidents
    rows = {i.row["location"]: i.row for i in incidents}
    provinces = {row["place"] for row in rows.values() if row["geo_precision"] == "3"}
    # GeoNames' names of the three marzer ("-i Marz" is Armenian's genitive): all found, each at region precision
    assert {p.split("'")[0] for p in provinces} == {"Syunik", "Geghark", "Vayots"}, provinces
    assert not any(i.background for i in incidents)  # "since the 2020 war" dates nothing here
    assert all(row["start_utc"] == _night_of(date(2022, 9, 12))[0] for row in rows.values())
    # Washington's call to end the fighting, the caption's Stepanakert, the link to another story: no incidents
    assert not {"Washington", "Antony Blinken", "Stepanakert", "Kalbajar"} & set(rows), sorted(rows)


@pytest.mark.parametrize(
    "lead, agency",
    [
        ("YEREVAN, SEPTEMBER 13, ARMENPRESS.", "ARMENPRESS"),
        ("YEREVAN, September 13. /TASS/.", "TASS"),
        ("Baku, September 13 (AZERTAC).", "AZERTAC"),
    ],
)
def test_an_agency_s_dateline_without_a_dash_gives_the_outlet_and_the_day_filed(lead, agency, resolver):
    text = f"Shelling near Jermuk\n\n{lead} The Armenian Defense Ministry on Tuesday said Azerbaijani units shelled Jermuk overnight."
    article = parse_article(text, source_path="t.txt")
    assert article.dateline.agency == agency and article.dateline.date_text.lower() == "september 13"
    result = extract(article, resolver=resolver, today=date(2026, 12, 5))
    # no year anywhere: 13 September is a Tuesday, the statement's day, in 2022 (the latest such year)
    assert result.year_how.startswith("2022, assumed"), result.year_how
    row = result.incidents[0].row
    assert (row["source"], row["location"]) == (agency, "Jermuk")
    assert (row["start_utc"], row["end_utc"]) == _night_of(date(2022, 9, 12))  # the night before the statement


def test_with_no_statement_weekday_a_year_less_dateline_is_the_latest_such_day(resolver):
    text = "Shelling near Jermuk\n\nYEREVAN, Sept 13 (Reuters) - Azerbaijani forces shelled Jermuk on Tuesday, the ministry said."
    result = extract(parse_article(text, source_path="t.txt"), resolver=resolver, today=date(2026, 12, 5))
    # "on Tuesday" may be the day before filing: it decides nothing, and the notes say the year was assumed
    assert result.year_how.startswith("2026, assumed") and "latest such day" in result.year_how


def test_an_outlet_named_after_a_country_is_the_publisher(resolver):
    text = (
        "Bentrokan perbatasan\n\nJakarta, CNN Indonesia -- Kementerian Pertahanan Armenia menyatakan pasukan "
        "Azerbaijan menembaki kota Goris pada Selasa (13/9)."
    )
    rows = _rows(text, resolver)
    assert rows["Goris"]["source"] == "CNN Indonesia"  # not the file's name, not "CNN Indonesia -"


def test_with_no_publisher_nor_dateline_the_outlet_whose_correspondent_speaks_publishes(resolver):
    text = (
        "Border fighting flares\n\nArmenia's defence ministry said Azerbaijani troops attacked positions near Jermuk "
        "on Tuesday.\n\nAl Jazeera's correspondent in Baku said the mood in the capital was tense."
    )
    assert _rows(text, resolver)["Jermuk"]["source"] == "Al Jazeera"  # not "t", the file's name


def test_indonesian_artillery_drones_pounding_and_more_ways_to_say_so():
    # "artileri" has one l (the English rule alone never matched it); "pesawat nirawak" is a drone
    assert event_of("Azerbaijan melancarkan tembakan artileri intensif.")[1] == "Shelling/artillery/missile attack"
    assert event_of("Drone itu melancarkan serangan pesawat nirawak ke pos tentara.")[1] == "Air/drone strike"
    assert event_of("Pasukan Azerbaijan menggempur kota Jermuk.")[0] == "Battles"


def test_menuturkan_is_said_and_saling_is_not_part_of_the_speaker(resolver):
    rows = _rows(
        "Saling tuding\n\nREPUBLIKA.CO.ID, YEREVAN -- Kementerian Pertahanan Armenia menuturkan, serangan Azerbaijan "
        "menyasar wilayah Goris pada Selasa (13/9/2022).",
        resolver,
    )
    assert rows["Goris"]["claimed_by"] == "Armenia MoD"  # not the portal
    assert claim_of("Armenia dan Azerbaijan saling menuding soal bentrokan.", None).claimant == (
        "Armenia and Azerbaijan"
    )


def test_a_macro_region_a_number_word_and_a_background_paragraph_make_no_news(resolver):
    text = (
        "Scores killed on the border\n\nYEREVAN/BAKU, Sept 13 (Global Wire) - At least 99 soldiers were killed in "
        "the heaviest fighting between Armenia and Azerbaijan since 2020, officials said on Tuesday, raising fears "
        "of a wider war in the South Caucasus.\n\nArmenia said Azerbaijani forces shelled Goris shortly after "
        "midnight.\n\nThe two countries fought a six-week war in 2020 over Nagorno-Karabakh. More than 6,500 people "
        "were killed before Russia brokered a peace deal."
    )
    article = parse_article(text, source_path="t.txt", published=PUBLISHED)
    incidents = extract(article, resolver=resolver, today=TODAY).incidents
    places = {i.row["place"] for i in incidents if i.row["place"]}
    assert places == {"Goris"}, places  # not the Caucasus (a region of several countries), not Morez for "More"
    more = next(i for i in incidents if i.row["excerpt"].startswith("More than 6,500"))
    assert more.background and more.row["start_utc"].startswith("2019-12-31")  # the year 2020 in Yerevan's zone


def test_a_portal_s_chronology_takes_the_time_the_sentence_before_gives_and_its_speaker(resolver):
    text = (
        "Konflik memanas lagi\n\nKOMPAS.com - Ketegangan kembali meningkat setelah Armenia dan Azerbaijan terlibat "
        "bentrokan terburuk sejak perang 2020.\n\nMenurut Kementerian Pertahanan Armenia, serangan dimulai pada "
        "Selasa (13/9/2022) sekitar pukul 00.05 waktu setempat. Pasukan Azerbaijan disebut menembaki Goris, Sotk, "
        "Jermuk, dan Kapan.\n\nKementerian Pertahanan Azerbaijan menyatakan pasukannya hanya merespons provokasi di "
        "arah Kalbajar."
    )
    article = parse_article(text, source_path="t.txt", published=date(2022, 9, 14))
    incidents = extract(article, resolver=resolver, today=TODAY).incidents
    rows = {i.row["location"]: i.row for i in incidents}
    assert not any(i.background for i in incidents)  # "terburuk sejak perang 2020": after the war, not in it
    for town in ("Goris", "Sotk", "Jermuk", "Kapan"):  # Kapan in a list of towns is a town, even in Indonesian
        # "serangan dimulai … pukul 00.05" (the sentence before) times them; "disebut" carries its speaker
        assert (rows[town]["start_utc"], rows[town]["claimed_by"]) == ("2022-09-12T20:05Z", "Armenia MoD"), town
    # a claim with no time of its own takes the first clash's time, never the publication day's guess
    assert rows["Kalbajar"]["start_utc"] == "2022-09-12T20:05Z"
