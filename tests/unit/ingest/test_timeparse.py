"""timeparse.py: Indonesian and English phrases → UTC intervals, the year inferred and explained."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.ingest.timeparse import Clock, infer_year, scan

TODAY = date(2026, 1, 15)


@pytest.fixture()
def clock() -> Clock:
    return Clock.for_article(["bentrokan pada Senin (12/9) malam.", "pada hari Selasa (13/9)"], None, TODAY)


def test_year_inferred_from_weekday_day_month(clock):
    assert clock.year == 2022
    assert "inferred: Monday 12/9 falls on a Monday in 2022" in clock.year_how


def test_year_from_published_beats_inference():
    assert infer_year([(0, 12, 9, None)], date(2023, 1, 2), TODAY)[0] == 2023
    assert infer_year([], None, TODAY)[0] is None


@pytest.mark.parametrize(
    "text, tz, start, end, precision",
    [
        (
            "setelah bentrokan mematikan pada Senin (12/9) malam.",
            "Asia/Yerevan",
            "2022-09-12T14:00Z",
            "2022-09-13T02:00Z",
            "part_of_day",
        ),
        ("pada hari Selasa (13/9) dan mereka", "Asia/Yerevan", "2022-09-12T20:00Z", "2022-09-13T20:00Z", "day"),
        (
            "ke arah kota Goris pada pukul 00:05 (20:05 GMT) pada hari Selasa.",
            "Asia/Yerevan",
            "2022-09-12T20:05Z",
            "2022-09-12T20:05Z",
            "minute",
        ),
        (
            "gencatan senjata pada Senin (12/9) pagi",
            "Asia/Yerevan",
            "2022-09-12T01:00Z",
            "2022-09-12T08:00Z",
            "part_of_day",
        ),
        ("Pada 13 September, menteri", "Asia/Baku", "2022-09-12T20:00Z", "2022-09-13T20:00Z", "day"),
        (
            "shelling began at 00:05 local time (2005 GMT) on Tuesday",
            "Asia/Yerevan",
            "2022-09-12T20:05Z",
            "2022-09-12T20:05Z",
            "minute",
        ),
        (
            "The truce took effect at 9 a.m. local time (0500 GMT) on Monday, Sept. 12.",
            "Asia/Baku",
            "2022-09-12T05:00Z",
            "2022-09-12T05:00Z",
            "minute",
        ),
        (
            "Clashes erupted overnight on Tuesday",
            "Asia/Yerevan",
            "2022-09-12T14:00Z",
            "2022-09-13T02:00Z",
            "part_of_day",
        ),
        ("on Monday morning", "Asia/Baku", "2022-09-12T01:00Z", "2022-09-12T08:00Z", "part_of_day"),
        ("on Tuesday at 14:30", "Asia/Yerevan", "2022-09-13T10:30Z", "2022-09-13T10:30Z", "minute"),
        (
            "Serangan terjadi Rabu (14/9) dini hari",
            "Asia/Jayapura",
            "2022-09-13T15:00Z",
            "2022-09-13T20:00Z",
            "part_of_day",
        ),
        ("sekitar pukul 10.15 WIT, Rabu (14/9)", "Asia/Jayapura", "2022-09-14T01:15Z", "2022-09-14T01:15Z", "minute"),
        ("pada September 2022", "Asia/Yerevan", "2022-08-31T20:00Z", "2022-09-30T20:00Z", "month"),
    ],
)
def test_phrases_to_utc(clock, text, tz, start, end, precision):
    interval = clock.resolve(scan(text), tz)
    assert (interval.start_iso, interval.end_iso, interval.precision) == (start, end, precision), interval.how


def test_gmt_figure_wins_and_is_explained(clock):
    interval = clock.resolve(scan("pukul 00:05 (20:05 GMT) pada hari Selasa"), "Asia/Yerevan")
    assert "the GMT figure is used" in interval.how and "Tuesday" in interval.how


def test_clock_only_takes_the_carried_day(clock):
    interval = clock.resolve(scan("pada pukul 9 pagi waktu setempat (0500 GMT)"), "Asia/Yerevan", date(2022, 9, 12))
    assert (interval.start_iso, interval.precision) == ("2022-09-12T05:00Z", "minute")
    assert clock.resolve(scan("pada pukul 9 pagi waktu setempat"), "Asia/Yerevan") is None  # no day at all


def test_weekday_relative_to_publication():
    clock = Clock.for_article(["Clashes broke out on Tuesday."], date(2022, 9, 14), TODAY)
    interval = clock.resolve(scan("on Tuesday"), "Asia/Yerevan")
    assert interval.day == date(2022, 9, 13) and "up to publication" in interval.how
    assert clock.resolve(scan("kemarin"), "Asia/Baku").day == date(2022, 9, 13)


def test_year_only_and_common_words(clock):
    background = clock.resolve(scan("pernah berperang pada tahun 2020 merebutkan wilayah"), "Asia/Baku")
    assert background.precision == "unknown" and "2020" in background.how
    assert not scan("Menteri mengatakan kapan pasukan mundur.").has_time
    assert not scan("dalam seminggu terakhir").dates and not scan("dua minggu lalu").dates  # "minggu" = week


@pytest.mark.parametrize(
    "text", ["The attack began at 00:40.", "Serangan dimulai pukul 00.40.", "It ended at 00:40, he said"]
)
def test_a_clock_time_at_the_end_of_a_sentence_keeps_its_minutes(text):
    # the guard against "about 60 km" / "1.5 km" must not eat the full stop after a time
    assert scan(text).clock == (0, 40, "minute")


@pytest.mark.parametrize("text", ["about 60 km north of the town", "sekitar 2,5 km dari desa", "at 1.5 miles"])
def test_a_distance_is_not_a_clock_time(text):
    assert scan(text).clock is None
