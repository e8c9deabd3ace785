"""Indonesian and English date/time phrases in a sentence in, UTC intervals with a precision (and how) out.

    clock = Clock.for_article(sentence_texts, published=None, today=today)   # infers the year; today passed in
    said = scan("... pada pukul 00:05 (20:05 GMT) pada hari Selasa.")             # what the text says
    interval = clock.resolve(said, "Asia/Yerevan")                                  # → 20:05Z, minute

Local times become UTC with ``zoneinfo`` (tzdata) in the place's zone. A clock time given in GMT/UTC as
well as in local time ("pukul 00:05 (20:05 GMT)") is one instant, and the GMT figure wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dashboard.errors import InputError
from dashboard.ingest.timepatterns import (
    CLOCK,
    DATE_PATTERNS,
    MONTH_ONLY,
    PART,
    REL_DAYS,
    RELATIVE,
    WD,
    YEAR,
    ZONED,
)
from dashboard.ingest.timewords import DAY_NAMES, MONTHS, PARTS, WEEKDAYS, ZONE_ABBREVIATIONS
from dashboard.models import iana_zone


@dataclass(frozen=True)
class Said:
    """What one sentence says about time, before the year, the article's dates and a zone are applied."""

    dates: tuple[tuple[int | None, int | None, int | None, int | None], ...] = ()  # (weekday, day, month, year)
    relative: int | None = None  # days from the published date ("kemarin" = -1)
    clock: tuple[int, int, str] | None = None  # local (hour, minute, "minute"|"hour")
    zoned: tuple[int, int, int] | None = None  # (hour, minute, offset hours) given in GMT/UTC/WIB…
    zoned_dated: bool = False  # the first date is the zoned figure's own: "00:05 (2005 GMT on Monday)"
    part: str | None = None
    span_days: int = 0  # the first date opens a range of this many more days ("the night of 12-13 September")
    year_only: int | None = None
    month_only: tuple[int, int | None] | None = None

    @property
    def has_date(self) -> bool:
        return bool(self.dates) or self.relative is not None

    @property
    def has_day_and_month(self) -> bool:
        return any(d[1] and d[2] for d in self.dates)

    @property
    def has_time(self) -> bool:
        return self.has_date or bool(self.clock or self.zoned or self.part or self.year_only or self.month_only)


@dataclass(frozen=True)
class Interval:
    """A UTC interval (start == end for an instant) with its precision and how it was read."""

    start: datetime
    end: datetime
    precision: str
    how: str
    day: date | None = None  # the local day, so later sentences can carry it

    @property
    def start_iso(self) -> str:
        return iso(self.start)

    @property
    def end_iso(self) -> str:
        return iso(self.end)


def iso(ts: datetime) -> str:
    """``2022-09-12T20:05Z``, the incidents CSV's form."""
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def zone(name: str) -> ZoneInfo:
    found = iana_zone(name or "UTC")
    if found is None:
        raise InputError(f"time zone {name!r} is not an IANA zone (expected e.g. Asia/Yerevan)")
    return found


def scan(text: str) -> Said:
    """The date, clock, zone and part-of-day phrases of one sentence (first of each kind)."""
    dates, taken, spans_days = [], [], {}
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if m.groupdict().get("d2") and not 0 < int(m["d2"]) - int(m["d"]) <= 6:
                continue  # not a range of days ("September 12 and 13 soldiers"): read by the patterns after
            if m.groupdict().get("d2"):
                spans_days[m.start()] = int(m["d2"]) - int(m["d"])
            taken.append(m.span())
            g = m.groupdict()
            wd = WEEKDAYS.get(g["wd"].lower().replace("'", "")) if g.get("wd") else None
            mon = g.get("m") and int(g["m"]) or (MONTHS[g["mon"].lower()] if g.get("mon") else None)
            day = int(g["d"]) if g.get("d") else None
            year = int(g["y"]) if g.get("y") else None
            if year is not None and year < 100:
                year += 2000
            if (day is not None and not 1 <= day <= 31) or (mon is not None and not 1 <= mon <= 12):
                continue
            dates.append((m.start(), (wd, day, mon, year)))
    dates.sort()
    rel = RELATIVE.search(text)
    zoned = ZONED.search(text)
    clock_m = next((m for m in CLOCK.finditer(text) if not (zoned and zoned.start() <= m.start() < zoned.end())), None)
    clock = None
    if clock_m:
        h = int(clock_m["h"] or clock_m["h2"])
        mi = clock_m["mi"] or clock_m["mi2"]
        ap = (clock_m["ap"] or clock_m["ap2"] or "").lower().replace(".", "")
        if ap in ("pm", "sore", "petang", "malam") and h < 12:
            h += 12
        elif ap in ("am", "pagi", "dini hari") and h == 12:
            h = 0
        elif ap == "siang" and h < 11:
            h += 12
        if h <= 24:
            clock = (h % 24, int(mi or 0), "minute" if mi else "hour")
    spans = [m.span() for m in (clock_m, zoned) if m]
    part = next(
        (
            # only "after/since midnight" is a night's first hours: "afternoon" starts with "after" too
            (
                "after midnight"
                if re.search(r"midnight|tengah malam", m[1], re.I) and " " in m[1]
                else "after dawn"
                if re.search(r"after dawn", m[1], re.I)
                else m[1].lower()
            )
            for m in PART.finditer(text)
            if not any(a <= m.start() < b for a, b in spans) and not _is_relative_night(text, m)
        ),
        None,
    )
    if rel and rel["rel"].lower() in ("tadi malam", "semalam", "last night", "tonight", "malam ini"):
        part = part or "night"
    year_m = YEAR.search(text)
    war = year_m and (
        re.search(r"war|perang|conflict", year_m[0], re.I)
        or re.match(r"\s+(?:war|conflict|perang)\b", text[year_m.end() :], re.I)
    )
    since = year_m and re.search(
        r"\b(?:since|sejak)\s+(?:the\s+)?(?:(?:perang|war)\s+)?$",
        text[: year_m.start("y") if year_m["y"] else year_m.start()],
        re.I,
    )
    if since or (war and (rel or part or dates or clock)):  # "terburuk sejak perang 2020": after it, not in it
        # "Fighting erupted overnight ..., the worst since their 2020 war": the war's year, not the fighting's
        year_m = None
    month_m = None if dates else MONTH_ONLY.search(text)
    # "00:05 (2005 GMT on Monday)": the day written right after the GMT figure is that figure's day, not the
    # local clock's (20:05 GMT Monday is 00:05 Tuesday in Yerevan).
    zoned_dated = bool(
        zoned
        and dates
        and dates[0][0] >= zoned.end()
        and re.fullmatch(r"\s*(?:on\s+|pada\s+(?:hari\s+)?)?", text[zoned.end() : dates[0][0]], re.I)
    )
    return Said(
        dates=tuple(d for _, d in dates),
        # the range, when the first day and month opens one (day_of reads that date before a bare weekday)
        span_days=next((spans_days.get(pos, 0) for pos, d in dates if d[1] and d[2]), 0),
        relative=REL_DAYS[rel["rel"].lower()] if rel else None,
        clock=clock,
        zoned=(int(zoned["h"]), int(zoned["mi"]), ZONE_ABBREVIATIONS[zoned["z"].upper()]) if zoned else None,
        zoned_dated=zoned_dated,
        part=part,
        year_only=int(year_m["y"] or year_m["y2"]) if year_m and not any(d[3] for d in (x for _, x in dates)) else None,
        month_only=(MONTHS[month_m["mon"].lower()], int(month_m["y"]) if month_m["y"] else None) if month_m else None,
    )


def _is_relative_night(text: str, m: re.Match) -> bool:
    """ "tadi malam" / "last night" are handled as relative days; "late"/"early" only count before a day name."""
    word = m[1].lower()
    if word in ("late", "early"):
        return not re.match(r"\s+(?:on\s+)?" + WD, text[m.end() :], re.I)
    return False


@dataclass
class Clock:
    """An article's calendar: its year (given or inferred), its dated weekdays and its published day."""

    year: int | None
    year_how: str
    published: date | None = None
    weekday_dates: dict[int, date] = field(default_factory=dict)
    today: date | None = None  # passed in: a month with no year and no published date falls in today's year

    @classmethod
    def for_article(
        cls, sentences: list[str], published: date | None, today: date, assumed: tuple[int, str] | None = None
    ) -> Clock:
        """Read every sentence's dates; take the year from ``published`` or infer it (a weekday with day and month);
        ``assumed``: (year, how) to use when neither gives one."""
        saids = [scan(s) for s in sentences]
        dated = [d for said in saids for d in said.dates]
        year, how = infer_year(dated, published, today)
        if year is None and assumed:
            year, how = assumed
        clock = cls(year, how, published, today=today)
        for _weekday, day, mon, yr in dated:
            if day and mon and (yr or year):
                try:
                    clock.weekday_dates.setdefault(
                        date(yr or clock.year_for(mon), mon, day).weekday(), date(yr or clock.year_for(mon), mon, day)
                    )
                except ValueError:
                    continue
        return clock

    def year_for(self, month: int) -> int:
        """The year of a month named without one: a month well after publication belongs to the year before."""
        if self.published and month > self.published.month + 1:
            return self.published.year - 1
        if self.year or not self.today:
            return self.year or 1970
        return self.today.year - (month > self.today.month)  # the latest such month up to today, never ahead

    def day_of(self, said: Said) -> tuple[date | None, str]:
        """The local day a sentence names, and how it was read."""
        # a day and month before a bare weekday: "pada Selasa mengatakan ... malam 12 hingga 13 September"
        for wd, day, mon, yr in sorted(said.dates, key=lambda d: not (d[1] and d[2])):
            if day and mon:
                try:
                    found = date(yr or self.year_for(mon), mon, day)
                except ValueError:
                    continue
                name = f"{DAY_NAMES[found.weekday()]} {found.isoformat()}"
                clash = (
                    f" (the text says {DAY_NAMES[wd]}; kept the date)"
                    if wd is not None and wd != found.weekday()
                    else ""
                )
                return found, f"{name}{clash}"
            if wd is not None:
                dated = self.weekday_dates.get(wd)
                if dated and self.published and not 0 <= (self.published - dated).days < 7:
                    dated = None  # "late on Sunday" in a report: the last Sunday, not one the background dates
                if dated:
                    found = self.weekday_dates[wd]
                    return (
                        found,
                        f"{DAY_NAMES[wd]} = {found.isoformat()}, the {DAY_NAMES[wd]} the article dates elsewhere",
                    )
                if self.published:
                    found = self.published - timedelta(days=(self.published.weekday() - wd) % 7)
                    return found, f"{DAY_NAMES[wd]} = {found.isoformat()}, the last {DAY_NAMES[wd]} up to publication"
                if self.weekday_dates:  # news looks back: the last such day up to the latest date the article gives
                    latest = max(self.weekday_dates.values())
                    found = latest - timedelta(days=(latest.weekday() - wd) % 7)
                    return found, (
                        f"{DAY_NAMES[wd]} = {found.isoformat()}, the last {DAY_NAMES[wd]} up to "
                        f"{latest.isoformat()}, the latest date the article gives"
                    )
        if said.relative is not None and self.published:
            found = self.published + timedelta(days=said.relative)
            return found, f"{found.isoformat()} ({said.relative:+d} day(s) from publication)"
        return None, ""

    def resolve(self, said: Said, tz: str, carried: date | None = None) -> Interval | None:
        """A sentence's time as a UTC interval in zone ``tz``; ``carried`` is the day of an earlier sentence."""
        zi = zone(tz)
        day, how = self.day_of(said)
        night_after = False  # "overnight" names the night that starts on ``day``, not the one that ends on it
        if day is None and carried is not None and (said.clock or said.zoned or said.part):
            day, how = carried, f"{carried.isoformat()}, the day of the sentence before"
            # "… late Monday night. Drones struck Goris overnight.": the night after the day carried, unless
            # that day is the publication day (a night after it had not happened yet).
            night_after = self.published is not None and day < self.published
        if said.span_days and day is not None and not (said.clock or said.zoned) and said.has_day_and_month:
            return _day_range(said, day, how, zi, tz)
        if said.zoned and day is not None:
            h, mi, offset = said.zoned
            local = said.clock
            if said.zoned_dated:  # the day is the zoned figure's own
                guess = datetime.combine(day, time(h, mi), timezone(timedelta(hours=offset))).astimezone(UTC)
            elif local:
                guess = datetime.combine(day, time(local[0], local[1]), zi).astimezone(UTC)
            else:
                guess = datetime.combine(day, time(12), zi).astimezone(UTC)
            base = datetime.combine(guess.date(), time(h, mi), timezone(timedelta(hours=offset))).astimezone(UTC)
            instant = min((base + timedelta(days=k) for k in (-1, 0, 1)), key=lambda t: abs(t - guess))
            label = {0: "GMT"}.get(offset, f"UTC{offset:+d}")
            note = f"{h:02d}:{mi:02d} {label} (the {label} figure is used)"
            if local:
                note = f"{local[0]:02d}:{local[1]:02d} local given as {note}"
            if said.zoned_dated:  # later sentences carry the local day of that instant
                note, day = f"{note}, on the {label} figure's day", instant.astimezone(zi).date()
            return Interval(instant, instant, "minute", f"{how}; {note}", day)
        if said.clock and day is not None:
            h, mi, precision = said.clock
            instant = datetime.combine(day, time(h, mi), zi).astimezone(UTC)
            return Interval(instant, instant, precision, f"{how}; {h:02d}:{mi:02d} local ({tz})", day)
        if said.part and day is not None:
            lo, hi = PARTS[said.part]
            start = datetime.combine(day, time(0), zi) + timedelta(hours=lo)
            if said.part == "overnight" and not night_after:
                start -= timedelta(days=1)  # "overnight (on) Tuesday": the night that ends on Tuesday morning
            end = start + timedelta(hours=hi - lo)
            return Interval(
                _utc(start, zi),
                _utc(end, zi),
                "part_of_day",
                f"{how}; '{said.part}' read as {'the night after it, ' if said.part == 'overnight' and night_after else ''}"
                f"{lo:02d}:00-{hi % 24:02d}:00 local ({tz})",
                day,
            )
        if day is not None:
            start = datetime.combine(day, time(0), zi)
            end = datetime.combine(day + timedelta(days=1), time(0), zi)
            return Interval(_utc(start, zi), _utc(end, zi), "day", f"{how}; the whole local day ({tz})", day)
        if said.month_only:
            mon, yr = said.month_only
            yr = yr or self.year_for(mon)
            start = datetime(yr, mon, 1, tzinfo=zi)
            end = datetime(yr + (mon == 12), mon % 12 + 1, 1, tzinfo=zi)
            return Interval(_utc(start, zi), _utc(end, zi), "month", f"the month {yr}-{mon:02d} ({tz})")
        if said.year_only:
            yr = said.year_only
            start, end = datetime(yr, 1, 1, tzinfo=zi), datetime(yr + 1, 1, 1, tzinfo=zi)
            return Interval(_utc(start, zi), _utc(end, zi), "unknown", f"only the year {yr} is given")
        return None


def _day_range(said: Said, day: date, how: str, zi: ZoneInfo, tz: str) -> Interval:
    """ "the night of 12-13 September" is one night, from the first day's evening to the last day's morning;
    "12-13 September" without a part of the day is both whole days (ACLED codes a range of days as precision 2)."""
    last = day + timedelta(days=said.span_days)
    if said.part in ("night", "malam", "overnight"):
        lo, hi = PARTS[said.part]
        start = datetime.combine(day, time(0), zi) + timedelta(hours=lo)
        end = datetime.combine(last, time(0), zi) + timedelta(hours=hi - 24)
        precision = "part_of_day" if said.span_days == 1 else "week"
        note = f"the night(s) from {day.isoformat()} to {last.isoformat()}, {lo:02d}:00 to {hi - 24:02d}:00 local"
    else:
        start, end = datetime.combine(day, time(0), zi), datetime.combine(last + timedelta(days=1), time(0), zi)
        precision = "week"
        note = f"the days {day.isoformat()} to {last.isoformat()}, whole local days"
    return Interval(_utc(start, zi), _utc(end, zi), precision, f"{how}; {note} ({tz})", last)


def _utc(local: datetime, zi: ZoneInfo) -> datetime:
    # Adding hours to an aware datetime keeps the wall clock; re-attach the zone so DST is applied.
    return local.replace(tzinfo=zi).astimezone(UTC)


def infer_year(dated: list[tuple], published: date | None, today: date) -> tuple[int | None, str]:
    """The article's year: from ``published``, a year in the text, or weekday + day + month; and how."""
    if published:
        return published.year, f"{published.year}, from the published date {published.isoformat()}"
    years = [y for _, _, _, y in dated if y]
    if years:
        year = max(set(years), key=years.count)
        return year, f"{year}, written in the text"
    pinned = [(wd, d, m) for wd, d, m, _ in dated if wd is not None and d and m]
    if not pinned:
        return None, (
            "unknown: no published date, no year in the text, no weekday with a day and month; a day and month is "
            f"read as the latest such day up to {today.isoformat()} and a weekday alone is left undated: give "
            "--published YYYY-MM-DD"
        )
    for year in range(today.year, today.year - 60, -1):
        try:
            if all(date(year, m, d).weekday() == wd and date(year, m, d) <= today for wd, d, m in pinned):
                wd, d, m = pinned[0]
                return year, (
                    f"{year}, inferred: {DAY_NAMES[wd]} {d}/{m} falls on a {DAY_NAMES[wd]} in {year}, "
                    f"the latest such year up to {today.isoformat()}"
                )
        except ValueError:
            continue
    return None, "unknown: the weekdays and dates in the text fit no year of the last 60"


def with_day(said: Said, day: date) -> Said:
    """``said`` pinned to ``day`` (used to carry a date to a sentence that gives only a clock time)."""
    return replace(said, dates=((day.weekday(), day.day, day.month, day.year),) + said.dates)
