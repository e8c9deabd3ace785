"""Time labels: an instant or an interval in UTC, the same in the place's zone with its offset, a window per offset."""

from __future__ import annotations

import pandas as pd

from dashboard.view.timefmt import local_label, precision_label, utc_label, window_local_labels

T = pd.Timestamp


def test_utc_label_of_an_instant_an_interval_and_no_time():
    at = T("2022-09-12T20:05Z")
    assert utc_label(at, at, "minute") == "12 Sep 2022 20:05 UTC"
    assert utc_label(T("2022-09-12T14:00Z"), T("2022-09-13T02:00Z"), "part_of_day") == (
        "12 Sep 2022 14:00 – 13 Sep 2022 02:00 UTC"
    )
    assert utc_label(pd.NaT, pd.NaT, "day") == "time unknown"
    assert utc_label(at, at, "unknown") == "time unknown"


def test_local_label_says_the_zone_and_its_offset():
    at = T("2022-09-12T20:05Z")  # 00:05 on Tuesday in Yerevan (UTC+4), as the seed's Armenia MoD says
    assert local_label(at, at, "minute", "Asia/Yerevan") == "13 Sep 2022 00:05 (UTC+04, Asia/Yerevan)"
    assert local_label(at, at, "minute", "Asia/Kolkata") == "13 Sep 2022 01:35 (UTC+05:30, Asia/Kolkata)"
    night = local_label(T("2022-09-12T16:00Z"), T("2022-09-13T01:00Z"), "part_of_day", "Asia/Baku")
    assert night == "12 Sep 2022 20:00 – 13 Sep 2022 05:00 (UTC+04, Asia/Baku)"
    # a day in local time is said as a day, not as midnight to midnight
    day = local_label(T("2022-09-12T20:00Z"), T("2022-09-13T20:00Z"), "day", "Asia/Yerevan")
    assert day == "Tue 13 Sep 2022, whole day (UTC+04, Asia/Yerevan)"
    # no zone, no time or an unknown precision: nothing to say
    assert local_label(at, at, "minute", "") == ""
    assert local_label(pd.NaT, pd.NaT, "minute", "Asia/Yerevan") == ""
    assert local_label(at, at, "unknown", "Asia/Yerevan") == ""


def test_precision_label_words_every_precision_and_passes_others_through():
    assert precision_label("part_of_day") == "part of a day (morning, night …)"
    assert precision_label("week") == "a week"
    assert precision_label("fortnight") == "fortnight"


def test_zones_that_share_an_offset_share_a_label():
    window = (T("2022-09-12T18:00Z"), T("2022-09-13T06:00Z"))
    labels = window_local_labels(window, ["Asia/Yerevan", "Asia/Baku", "", "Asia/Yerevan", "Europe/Moscow"])
    assert labels == [
        "12 Sep 2022 22:00 – 13 Sep 2022 10:00 (UTC+04: Asia/Baku, Asia/Yerevan)",
        "12 Sep 2022 21:00 – 13 Sep 2022 09:00 (UTC+03: Europe/Moscow)",
    ]
    assert window_local_labels(window, [""]) == []
