"""An article in, its calendar and each sentence's time out: the year, the dateline date, times told elsewhere."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from dashboard.ingest.articles import Article
from dashboard.ingest.timeparse import Clock, Interval, Said, scan, with_day


def _clock(article: Article, today: date) -> Clock:
    """The article's calendar; a dateline date ("KYIV, June 5") stands in for a missing published date."""
    texts = [s.text for s in article.sentences]
    clock = Clock.for_article(texts, article.published, today)
    if article.published is None and article.dateline and article.dateline.date_text:
        said = scan(article.dateline.date_text)
        if said.dates and said.dates[0][1] and said.dates[0][2]:
            _, day, month, year = said.dates[0]
            if year is None and clock.year is None:
                year, how, _ = _year_of_day(
                    texts, day, month, today, f"the dateline gives {article.dateline.date_text!r}"
                )
            else:
                year, how = year or clock.year, clock.year_how
            try:
                filed = date(year, month, day)
            except ValueError:
                return clock
            clock = Clock.for_article(texts, filed, today)
            clock.year_how = how + f"; filed {filed.isoformat()} (dateline)"
    elif article.published is None and clock.year is None:
        # "pada Selasa mengatakan … malam 12 hingga 13 September": the latest day the text gives is, as a rule,
        # the day it was written; a weekday it names on that day gives the year
        days = []
        for said in map(scan, texts):
            span = said.span_days  # belongs to the first day and month: "12 hingga 13 September" ends on the 13th
            for d in said.dates:
                if d[1] and d[2] and not d[3]:
                    days.append((d[2], d[1] + span))
                    span = 0
        if days:
            month, day = max(days)
            year, how, stated = _year_of_day(
                texts, day, month, today, f"the latest day the text gives is {day}/{month}"
            )
            if stated:  # only the statement's weekday says which year; else the year stays unknown
                clock = Clock.for_article(texts, None, today, assumed=(year, how))
    return clock


def _year_of_day(texts: list[str], day: int, month: int, today: date, given: str) -> tuple[int, str, bool]:
    """The year of a day and month with none ("YEREVAN, Sept 13"): the latest up to ``today`` in which that day
    falls on the weekday the report's speaker spoke ("the ministry said on Tuesday", "pada Selasa mengatakan"):
    wires date the statement on the day they file, so "Sept 13" beside "said on Tuesday" is 2022, not 2026. Any
    other weekday the report names may be a day before filing ("on Wednesday morning" in a Thursday report), so
    it decides nothing; then the latest such day up to ``today``. The bool: whether the statement decided."""
    from dashboard.ingest.saying import said_when

    stated = {d[0] for t in texts for d in scan(said_when(t)[1]).dates if d[0] is not None}
    latest = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    for year in range(latest, latest - 30, -1) if stated else ():
        try:
            filed = date(year, month, day)
        except ValueError:
            continue
        if filed.weekday() in stated:
            how = (
                f"{year}, assumed: {given} without a year; the statement's {filed.strftime('%A')} falls on it in "
                f"{year}, the latest such year up to {today.isoformat()}"
            )
            return year, how, True
    how = f"{latest}, assumed: {given} without a year, read as the latest such day up to {today.isoformat()}"
    return latest, how, False


def time_donors(
    body, saids, events, placed: set[int], bounded: set[int] = frozenset()
) -> tuple[dict[int, int], set[int]]:
    """Sentence positions whose event time another sentence states ("The shelling began soon after midnight on
    14 March", "Peristiwa itu berlangsung pada Minggu"), and the place-less sentences that only gave a time.

    A donor states a date or a clock time (or a part of the day in a sentence whose statement is dated: "said late
    on Monday that the fighting began after dawn", positions in ``bounded``), names no place, and reports no event
    or one of the same type; the nearest wins (the next sentence, the previous, then two away)."""
    donors: dict[int, int] = {}
    used: set[int] = set()
    for i, sentence in enumerate(body):
        if sentence.index not in placed or saids[i].has_time or events[i] is None:
            continue
        for j in (i + 1, i - 1, i + 2, i - 2):
            if not 0 <= j < len(body) or body[j].index in placed:
                continue
            said = saids[j]
            if not (said.has_date or said.clock or said.zoned or (said.part and j in bounded)) or said.year_only:
                continue
            if (
                events[j] is not None
                and events[j][0] != events[i][0]
                and not (abs(j - i) == 1 and time_only(body[j].text))
            ):
                continue
            donors[i] = j
            if events[j] is not None:
                used.add(j)  # the same event, told again with its time: no row of its own
            break
    return donors, used


# "The attack began at 00:40.", "Serangan dimulai pukul 00.40": the event named by a bare noun, then only when it
# began or took place; its type word ("attack" → Battles) says nothing of its own, so it may time a drone strike.
_TIME_ONLY = re.compile(
    r"^(?:(?:menurut|according to)\s+[^,]{3,80},\s*)?(?:the|that|this)?\s*(?:attack|assault|strike|shelling|bombardment|fighting|raid|clash(?:es)?|serangan|"
    r"penembakan|penembakan itu|pertempuran|bentrokan|penyerangan)(?:\s+(?:itu|tersebut))?\s+"
    r"(?:began|started|lasted|took place|happened|came|occurred|dimulai|berlangsung|terjadi|mulai)\b",
    re.I,
)


def time_only(text: str) -> bool:
    """A sentence that only tells when the event told just before happened ("The attack began at 00:40.")."""
    return bool(_TIME_ONLY.search(text.strip()))


# "the same day", "later that day", "that evening", "pada hari yang sama", "hari itu", "malam itu": the day of the
# article's previous dated sentence (the part of the day, if any, is read by timeparse).
_SAME_DAY = re.compile(
    r"\b(?:the same day|(?:later|earlier) (?:that|the same) day|that (?:day|morning|afternoon|evening|night)|"
    r"(?:pada )?hari yang sama|(?:pada )?hari itu|(?:pagi|siang|sore|malam) (?:itu|harinya|hari itu))\b",
    re.I,
)


def same_day(text: str) -> bool:
    """The sentence dates itself by the previous dated sentence ("Later that day", "Pada hari yang sama")."""
    return bool(_SAME_DAY.search(text))


def fallback(clock: Clock, said: Said, tz: str) -> Interval | None:
    """No event time anywhere: the article's date (published, else the dateline's) at day precision; a part of the
    day with no date is read on that date (a night report published in the morning: that night)."""
    day = clock.published
    if day is None:
        return None
    if said.part:
        night = said.part in ("night", "malam")
        found = clock.resolve(with_day(Said(part=said.part), day - timedelta(days=1) if night else day), tz)
        if found is not None:
            return replace(
                found,
                how=f"no date stated: '{said.part}' read as the one before the article's date, {day}"
                if night
                else f"no date stated: '{said.part}' read on the article's date, {day}",
            )
    whole = clock.resolve(with_day(Said(), day), tz)
    return replace(
        whole,
        precision="day",
        how=f"not stated in the article: coded to its date, {day.isoformat()} (publication or dateline), as a day",
    )


def not_after(interval: Interval, bound: date | None) -> bool:
    """The interval starts no later than the end of ``bound``'s day (None: no bound), in UTC with a day's slack."""
    return bound is None or interval.start.date() <= bound + timedelta(days=1)


def statement_day(clock: Clock, day: date, tz: str, phrase: str) -> Interval:
    """Only the statement is dated ("said on Tuesday"): its day, at day precision, as the event's latest day."""
    whole = clock.resolve(with_day(Said(), day), tz)
    return replace(
        whole,
        precision="day",
        how=f"the event's own time is not stated: coded to the day it was said ('{phrase.strip()}', "
        f"{day.isoformat()}), its latest possible day",
    )


BACKGROUND_AFTER = timedelta(days=7)  # an incident this long before the article's date is background


def mark_background(incidents: list, clock: Clock) -> list:
    """Incidents dated weeks before the article's date (published or dateline; else its latest incident) are its
    background ("Three weeks earlier, on April 28, ..."): kept, marked, and left out of the default window."""
    ends = [datetime.fromisoformat(i.row["end_utc"].replace("Z", "+00:00")) for i in incidents if i.row["end_utc"]]
    if not ends:
        return incidents
    ref = (
        datetime.combine(clock.published, datetime.min.time(), UTC) if clock.published else max(ends)
    ) - BACKGROUND_AFTER
    out = []
    for i in incidents:
        end = i.row["end_utc"]
        if i.background or not end or i.row["time_precision"] in ("month", "unknown"):
            out.append(i)
            continue
        if datetime.fromisoformat(end.replace("Z", "+00:00")) < ref:
            note = (
                f"Background: dated {i.row['start_utc'][:10]}, weeks before the article's events; off the timeline "
                "by default. "
            )
            i = replace(i, row={**i.row, "notes": note + i.row["notes"]}, background=True)
        out.append(i)
    return out
