"""An ``Article`` and a resolver in, incidents out (pure): the stages of dashboard.ingest run in order.

    from dashboard.ingest.articles import load_article
    result = extract(load_article(path), resolver=get_resolver(), today=date.today(), root=settings.ROOT)
    result.rows()        # dicts with exactly dashboard.models.COLUMNS, as strings (valid for incidents.validate)
    result.incidents     # Incident(row, background, confidence) — background = off the timeline by default

Place mentions: ``mentions``; who claims it: ``attribution``; what happened: ``event_types``; when: ``timing`` and
``timeparse``; the rows: ``incidents``. docs/ingest.md explains each rule.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

from dashboard.errors import InputError
from dashboard.ingest.anchors import DROP, Placed, plan_places
from dashboard.ingest.articles import Article
from dashboard.ingest.attribution import Speakers, claim_actors, claim_of, own_label, statement_of
from dashboard.ingest.event_types import event_of, fatalities_of, vague_place
from dashboard.ingest.incidents import Extraction, Incident, _hash, _row, source_key
from dashboard.ingest.lexicon import country_spans, without_countries
from dashboard.ingest.mentions import (
    Mention,
    _check_qualifier,
    _in_span,
    _keep,
    _known,
    article_countries,
    aside,
    belligerents,
    find_mentions,
)
from dashboard.ingest.saying import said_when
from dashboard.ingest.timeparse import Interval, Said, scan, with_day
from dashboard.ingest.timing import _clock, fallback, mark_background, not_after, same_day, statement_day, time_donors

__all__ = ["Extraction", "Incident", "Mention", "extract", "find_mentions", "source_key"]

# -- the article -----------------------------------------------------------------------------------


def extract(
    article: Article,
    *,
    resolver,
    today: date,
    key: str | None = None,
    root: Path | None = None,
    source_path: str | None = None,
    require_places: bool = True,
) -> Extraction:
    """Article → incidents, with ``resolver`` (a dashboard.geocoding Resolver) and ``today`` (for the year) passed in.

    ``key`` feeds the ids (default ``source_key(article, root)``); ``source_path`` fills that column.
    """
    gazetteer = resolver.gazetteer
    key = key or source_key(article, root)
    context = article_countries(article)
    sides = belligerents(article)
    dateline_place, publisher = _dateline(article, resolver, context)
    if dateline_place is not None and dateline_place.country_code not in context:
        context = context + (dateline_place.country_code,)  # "Jayapura, KOMPAS.com –": the report is filed from there
    publisher = (
        article.publisher
        or publisher
        or _own_reporter(article.text)
        or Path(article.source_path).stem
        or "unknown publisher"
    )
    mentions, resolved = _places(article, resolver, context)
    regions = {_biggest_country(resolver.gazetteer, m.text) for m in mentions if m.geo_precision == 3} - {None}
    if regions - set(context):
        # "Chasiv Yar, Kostiantynivka and Toretsk in the Donetsk region" in a report that names no country: the
        # region says where the article is, so its towns are looked for again in that country.
        context = context + tuple(sorted(regions - set(context)))
        mentions, resolved = _places(article, resolver, context)
    if require_places and not mentions and dateline_place is None:
        raise InputError(
            f"{article.source_path or 'article'}: no places found (no town, village, district or "
            "region the gazetteer knows, and no dateline); nothing to map. Check the language "
            f"({article.language}, {article.language_how}) or add the place names to the gazetteer "
            "supplement"
        )
    clock = _clock(article, today)
    plan = plan_places(article, mentions, resolved, _unit_resolver(resolver, context))
    # A sentence with no place of its own is read in the zone of the article's places; the dateline's only when
    # it is among them ("Jakarta, CNN Indonesia --" on fighting in Armenia: "waktu setempat" is Yerevan's).
    zones = Counter(r.place.timezone for r in resolved.values() if r.resolved)
    if dateline_place and (
        not zones or dateline_place.country_code in {r.place.country_code for r in resolved.values() if r.resolved}
    ):
        default_tz = dateline_place.timezone
    else:
        default_tz = zones.most_common(1)[0][0] if zones else "UTC"
    incidents: list[Incident] = []
    claim = None
    carried: date | None = None
    main_time: tuple[Interval, str] | None = None
    seen_types: set[str] = set()
    speakers = _speakers(article, publisher, context, gazetteer)
    body = article.body
    # "said on Tuesday": when it was said bounds the event but is not its time (dashboard.ingest.saying)
    spoken = [said_when(s.text) for s in body]
    saids = [scan(text) for text, _ in spoken]
    bounds = [clock.day_of(scan(when))[0] if when else None for _, when in spoken]
    donors, told_again = time_donors(
        body,
        saids,
        [event_of(s.text) for s in body],
        {m.sentence for m in mentions},
        {n for n, day in enumerate(bounds) if day is not None},
    )
    told_before: tuple[int, int] | None = None  # (paragraph, year) of the last background sentence
    for position, sentence in enumerate(body):
        local = Counter(
            resolved[m.query].place.country_code
            for m in mentions
            if m.sentence == sentence.index and resolved[m.query].resolved
        )
        local_speakers = replace(speakers, local=local.most_common(1)[0][0] if local else None)
        claim = claim_of(sentence.text, claim, article.language, local_speakers)
        said = saids[position]
        background = bool(said.year_only and clock.year and said.year_only < clock.year)
        if background:
            told_before = (sentence.paragraph, said.year_only)
        elif told_before and told_before[0] == sentence.paragraph and not said.has_time:
            # "The two fought a war in 2020 … More than 6,500 people were killed before a truce.": the paragraph's
            # next sentence with no time of its own goes on about that year, not about the article's news
            said, background = replace(said, year_only=told_before[1]), True
        event = event_of(sentence.text, earliest=background)
        here = [
            m
            for m in mentions
            if m.sentence == sentence.index and not _in_span(m, claim, sentence) and plan.get(m.key) is not DROP
        ]
        first = clock.resolve(said, default_tz, bounds[position] or carried) if said.has_time else None
        if first is not None and first.day is not None:
            carried = first.day
        elif bounds[position] is not None:
            carried = bounds[position]
        if event is None or (position in told_again and not here):
            continue
        event_type, sub_type, violent = event
        if not here and not said.has_time and (event_type in seen_types or claim.carried):
            # A detail of an incident already coded (drones used, losses, "each side blames the other"); a death
            # toll it states goes to the last incident of that kind that has none.
            deaths = fatalities_of(sentence.text)
            target = next(
                (i for i in reversed(incidents) if i.row["event_type"] == event_type and not i.background), None
            )
            if deaths is not None and target is not None and not target.row["fatalities"]:
                # A new Incident, not an edit of the frozen one's row: an Incident never changes once made.
                note = f" Fatalities: {deaths}, stated in the next sentences ({claim.claimant or publisher})."
                row = {**target.row, "fatalities": str(deaths), "notes": target.row["notes"] + note}
                incidents[incidents.index(target)] = replace(target, row=row)
            continue
        seen_types.add(event_type)
        claimant = claim.claimant or publisher
        if claimant == publisher:
            claimant = own_label(publisher)  # "Ministry of Defence (India)" publishing its own statement: "India MoD"
        actor1, actor2 = claim_actors(sentence.text, claim, sides, event_type, sub_type)
        deaths = fatalities_of(sentence.text)
        places: list[tuple[Mention | None, object]] = [
            (m, plan.get(m.key) or resolved[m.query]) for m in dict((m.text, m) for m in here).values()
        ]
        place_note = ""
        if not places and event_type == "Strategic developments" and actor1.startswith("Government") and dateline_place:
            places = [(None, dateline_place)]
            place_note = (
                f"Where it took place is not stated: coded to the dateline, {dateline_place.name}, "
                "as a region (geo_precision 3)."
            )
        if not places:
            places = [(None, None)]
        group = _hash(key, sentence.start, sentence.end)
        for n, (mention, resolution) in enumerate(places):
            place = getattr(resolution, "place", resolution) if resolution is not None else None
            location = getattr(resolution, "location", "") or (
                mention.text if mention else (place.name if place else vague_place(sentence.text))
            )
            tz = place.timezone if place else default_tz
            day_here = bounds[position] or carried
            interval = clock.resolve(said, tz, day_here if not said.has_date else None) if said.has_time else None
            time_note = interval.how if interval else ""
            if interval is None and carried and same_day(sentence.text):
                interval = clock.resolve(with_day(Said(part=said.part), carried), tz)
                time_note = f"'the same day' as the previous dated sentence: {interval.how}" if interval else ""
            if interval is None and position in donors:
                donor = saids[donors[position]]
                # a clock time alone ("began at 00:40") falls on the day carried, else the article's date
                day = bounds[donors[position]] or day_here
                day = day or (clock.published if donor.clock and not donor.has_date else None)
                interval = clock.resolve(donor, tz, day)
                time_note = f"stated in a neighbouring sentence: {interval.how}" if interval else ""
            if interval is None and violent and main_time and not_after(main_time[0], bounds[position]):
                interval, time_note = main_time[0], f"Time not stated for this claim: coded to {main_time[1]}"
            if interval is None and bounds[position] is not None:
                interval = statement_day(clock, bounds[position], tz, spoken[position][1])
                time_note = interval.how
            guessed = interval is None  # the article's date stands in: no clash's time for the others to take
            if interval is None:
                interval = fallback(clock, said, tz)
                time_note = interval.how if interval else ""
            if interval and violent and main_time is None and not background and not guessed:
                main_time = (interval, f"the time of the first clash the article reports ({interval.how})")
            notes = [
                f"Claim: {claimant} ({claim.how})."
                if claim.how
                else f"Claim: {claimant} (the publisher's own statement)."
            ]
            if background:
                notes.insert(
                    0, f"Background: {said.year_only}, before the article's events; off the timeline by default."
                )
            if isinstance(resolution, Placed):
                notes.append(resolution.note)
            elif mention and place:
                r = resolution
                notes.append(
                    f"Place: {mention.text} → {place.name} ({place.country_code}; {r.method}, "
                    f"confidence {r.confidence:.2f}{'; ' + r.reason if r.reason else ''}); cue '{mention.cue}'."
                )
            elif mention:
                notes.append(f"Place: {mention.text} is not in the gazetteer ({resolution.reason}); kept unmapped.")
            elif not place:
                notes.append("No specific place" + (f": '{location}'." if location else "."))
            if place_note:
                notes.append(place_note)
            if not time_note and clock.published is None and said.has_time and not said.year_only:
                time_note = (
                    "told only as a weekday or time of day, and the article has no published date or day and month "
                    "to fix the day; ingest it with --published YYYY-MM-DD"
                )
            notes.append(f"Time: {time_note}." if time_note else "Time: not stated.")
            if deaths is not None and n > 0:
                notes.append(f"Fatalities ({deaths}) are counted on the first row of this event group.")
            incidents.append(
                Incident(
                    _row(
                        key=key,
                        sentence=sentence,
                        group=group,
                        interval=interval,
                        tz=tz,
                        event=(event_type, sub_type),
                        actors=(actor1, actor2),
                        claimant=claimant,
                        as_written=claim.as_written or (publisher if claim.claimant is None else ""),
                        relays=claim.relays,
                        location=location,
                        place=place,
                        method=getattr(resolution, "method", "") or ("exact" if place else ""),
                        precision=getattr(resolution, "precision", mention.geo_precision if mention else 3)
                        if place
                        else "",
                        fatalities=deaths if n == 0 else None,
                        article=article,
                        publisher=publisher,
                        source_path=article.source_path if source_path is None else source_path,
                        notes=" ".join(notes),
                    ),
                    background,
                    getattr(resolution, "confidence", 0.0),
                )
            )
    incidents = mark_background(incidents, clock)
    return Extraction(article, tuple(incidents), tuple(mentions), context, clock.year_how, key)


def _unit_resolver(resolver, context):
    """A unit the text names (a district, "the Kharkiv region") → its place, exactly matched, or None."""

    def resolve(name: str, region: bool):
        r = resolver.resolve(f"{name} region" if region else name, context=context)
        return r.place if r.resolved and r.method not in ("fuzzy", "partial") else None

    return resolve


def _biggest_country(gazetteer, name: str) -> str | None:
    """The country of the most populous place with exactly this name, whatever the article's context."""
    from dashboard.geocoding.normalize import name_key

    matches = gazetteer.lookup(name_key(name))
    if not matches:
        return None
    best = max(matches, key=lambda m: int(gazetteer.population[m.row]))
    return gazetteer.country_of(best.row)


def _places(article: Article, resolver, context: tuple[str, ...]) -> tuple[list[Mention], dict]:
    """Every place mention of the body (flight destinations and former names aside), resolved together."""
    mentions = [
        m for s in article.body for m in find_mentions(article, s, resolver.gazetteer, context) if not aside(m, s)
    ]
    names = list(dict.fromkeys(m.query for m in mentions))
    resolved = dict(zip(names, resolver.resolve_all(names, context=context))) if names else {}
    for query, resolution in resolved.items():
        resolved[query] = _as_incident_place(_check_qualifier(resolver, query, resolution, context))
    kept = []
    for m in mentions:
        place = resolved[m.query].place
        if place is not None and place.kind in ("country", "continent"):
            continue  # a country is the article's context, never the point of an incident
        if place is not None and m.geo_precision < 3 and _is_area(place):
            m = replace(m, geo_precision=3)  # a province, a river or a mountain range: a region, not a pinpoint
        if _keep(m, resolved[m.query]):
            kept.append(m)
    return kept, resolved


# GeoNames feature codes of places small enough to be a point (a pass, a border crossing, a bridge, a peak, a
# power station, a mine): everything else that is not a town is an area.
_POINT_FEATURES = frozenset({"PASS", "BCP", "BDG", "MT", "PK", "PS", "MN", "DAM", "AIRP", "SPIT"})


def _is_area(place) -> bool:
    """A first-level division or an extended feature (river, lake, range, region, sea): geo_precision 3."""
    return place.kind == "region" or (place.kind == "feature" and place.feature_code not in _POINT_FEATURES)


def _as_incident_place(resolution):
    """A name matched only by a part of it ("Darfur Selatan" → a town called Selatan) is no place to map: kept
    unmapped with the reason, like a name the gazetteer lacks."""
    from dashboard.geocoding import Resolution

    if resolution.resolved and resolution.method == "partial":
        return Resolution(
            resolution.query,
            None,
            None,
            0.0,
            f"only part of the name matches a place ({resolution.place.name}, {resolution.place.country_code})",
            (resolution.place,),
        )
    return resolution


def _speakers(article: Article, publisher: str, context: tuple[str, ...], gazetteer) -> Speakers:
    """Who can speak in this article: its outlet, the statement it is (if it is one), its places' countries."""
    from dashboard.geocoding.normalize import name_key

    def place_country(name: str) -> str | None:
        for match in gazetteer.lookup(name_key(name)):
            code = gazetteer.country_of(match.row)
            if code in context:
                return code
        return None

    speakers = Speakers(publisher, None, context[0] if context else None, place_country)
    first = article.body[0].text if article.body else ""
    headline = article.headline.text if article.headline else article.title
    statement = statement_of(headline, first, speakers)
    return Speakers(
        publisher, statement, statement.country if statement and statement.country else speakers.home, place_country
    )


_OWN_REPORTER = re.compile(
    r"\b(?P<outlet>(?:[A-Z][\w.-]*\s){0,2}[A-Z][\w.-]*)['’]s (?:own )?(?:correspondent|reporter)\b"
)


def _own_reporter(text: str) -> str:
    """ "Al Jazeera's correspondent in Baku said": with no publisher given and no dateline, the outlet whose own
    reporter speaks is the one publishing (better than the file's name)."""
    m = _OWN_REPORTER.search(text)
    return m["outlet"] if m and not country_spans(m["outlet"]) else ""


def _dateline(article: Article, resolver, context) -> tuple[object | None, str]:
    """The dateline's place (resolved) and the publisher it names, if any ("Berita Baru, Yerevan –")."""
    d = article.dateline
    if d is None:
        return None, ""
    place, others = None, []
    for name in d.names:
        # Only a name the gazetteer knows exactly can be the dateline's place; "Berita Baru" is the publisher.
        known = (
            place is None and not country_spans(name) and _known(resolver.gazetteer, name, context or ("",), caps=True)
        )
        r = resolver.resolve(name, context=context) if known else None
        if r is not None and r.resolved and r.method != "fuzzy":
            place = r.place
        elif not country_spans(name) or without_countries(name).strip(" -–—,."):
            others.append(name.strip(" -–—"))  # "CNN Indonesia", "Voice of America": an outlet named after one
    return place, (others[0] if others else d.agency or "")
