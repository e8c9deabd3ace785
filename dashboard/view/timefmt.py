"""UTC intervals with a precision in, human-readable UTC and local-time labels out."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pandas as pd

UTC_FMT = "%d %b %Y %H:%M"


def _fmt(ts: datetime, fmt: str = UTC_FMT) -> str:
    return ts.strftime(fmt)


def utc_label(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str:
    """``12 Sep 2022 20:05 UTC`` for an instant, ``12 Sep 2022 14:00 – 13 Sep 2022 02:00 UTC`` otherwise."""
    if pd.isna(start) or precision == "unknown":
        return "time unknown"
    if start == end:
        return f"{_fmt(start)} UTC"
    return f"{_fmt(start)} – {_fmt(end)} UTC"


def local_label(start: pd.Timestamp, end: pd.Timestamp, precision: str, tz: str) -> str:
    """The same interval in the place's zone, with its UTC offset: ``13 Sep 2022 00:05 (UTC+04, Asia/Yerevan)``."""
    if pd.isna(start) or precision == "unknown" or not tz:
        return ""
    zone = ZoneInfo(tz)
    a, b = start.astimezone(zone), end.astimezone(zone)
    offset = _offset(a)
    if a == b:
        return f"{_fmt(a)} ({offset}, {tz})"
    if precision == "day" and a.hour == 0 and b.hour == 0 and (b - a).days == 1:
        return f"{a.strftime('%a %d %b %Y')}, whole day ({offset}, {tz})"
    return f"{_fmt(a)} – {_fmt(b)} ({offset}, {tz})"


def precision_label(precision: str) -> str:
    return {
        "minute": "to the minute",
        "hour": "to the hour",
        "part_of_day": "part of a day (morning, night …)",
        "day": "a day",
        "week": "a week",
        "month": "a month",
        "unknown": "unknown",
    }.get(precision, precision)


def window_local_labels(window, zones) -> list[str]:
    """The window in each distinct local offset of ``zones``: zones that share an offset share a label."""
    start, end = pd.Timestamp(window[0]), pd.Timestamp(window[1])
    by_offset: dict[str, list[str]] = {}
    for tz in sorted({z for z in zones if z}):
        zone = ZoneInfo(tz)
        key = f"{start.astimezone(zone):%d %b %Y %H:%M} – {end.astimezone(zone):%d %b %Y %H:%M} ({_offset(start.astimezone(zone))}"
        by_offset.setdefault(key, []).append(tz)
    return [f"{key}: {', '.join(tzs)})" for key, tzs in by_offset.items()]


def _offset(ts: datetime) -> str:
    raw = ts.strftime("%z")
    return f"UTC{raw[:3]}" + (f":{raw[3:]}" if raw[3:] != "00" else "")
