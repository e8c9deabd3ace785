"""One sentence (and the claim before it) in, who asserts it out: claimant, speaker as written, relays; actors.

Claimants are normalised to a small vocabulary (``<Country> MoD``, ``<Country> government``, ``<Country> officials``,
``<Demonym> media``, ``anonymous source``, or the outlet for its own reporting); docs/ingest.md lists the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from dashboard.ingest.lexicon import (
    COUNTRY_NAMES,
    DEMONYMS,
    DENIAL_VERBS,
    capital_country,
    country_spans,
    without_countries,
)

_ANON = re.compile(
    r"tidak disebutkan namanya|tak disebutkan namanya|tidak mau disebut|anonim|anonymity|anonymous|"
    r"not to be named|not be named|not authori[sz]ed to speak|unnamed|sebuah sumber|sumber yang|"
    r"\ba (?:\w+ )?source\b|\bsources\b",
    re.I,
)
_MOD = re.compile(
    r"kementerian pertahanan|menteri pertahanan|kemenhan|defen[cs]e ministry|ministry of defen[cs]e|"
    r"defen[cs]e minister|\bMoD\b",
    re.I,
)
_MEDIA = re.compile(r"\bmedia\b|\bpers\b|\bpress\b|kantor berita|news agency|television|televisi|outlets?\b", re.I)
_GOV = re.compile(
    r"presiden|president|perdana menteri|prime minister|pemerintah|government|kremlin|administration|"
    r"kementerian luar negeri|foreign ministry|menteri luar negeri|foreign minister|cabinet|kabinet",
    re.I,
)
_OFFICIALS = re.compile(
    r"pejabat|officials?|authorities|otoritas|governor|gubernur|mayor|wali ?kota|bupati|polisi|polda|polres|"
    r"polsek|kapolda|kapolres|police|border (?:guard|service)s?|penjaga perbatasan|emergency services|"
    r"spokes(?:man|woman|person)|juru bicara",
    re.I,
)
_ARMY = re.compile(
    r"militer|tentara|army|military|armed forces|angkatan bersenjata|general staff|staf umum|kodam|\bTNI\b|"
    r"kodim|korem|koramil|puspen|kapendam|penerangan|troops|pasukan",
    re.I,
)
_OWN = re.compile(r"\b(?:correspondent|reporter|wartawan|koresponden|redaksi|our (?:reporter|correspondent))\b", re.I)
_SPEECH_AFTER = re.compile(
    r"\b(mengatakan|menyatakan|melaporkan|mengklaim|mengeklaim|menuduh|menuding|mengaku|menyebutkan|mengungkapkan|"
    r"menuturkan|menyampaikan|menerangkan|memaparkan|mengemukakan|berkata|"
    r"menegaskan|menjelaskan|memperingatkan|mengumumkan|menyebut|menambahkan|menulis|"
    r"menyalahkan|said|says|stated|reported|claimed(?!\s+by)|accused|alleged|announced|added|told|"
    r"blamed|" + "|".join(DENIAL_VERBS) + r"|warned|confirmed|reports|wrote|posted)\b",
    re.I,
)
_SPEECH_BEFORE = re.compile(
    r"(?:[,”\"’]\s*)\b(kata|ujar|ungkap|jelas|tegas|tutur|sebut|imbuh|said|says|added|told)\s+"
    r"(?!that\b|bahwa\b)",
    re.I,
)
_ACCORDING = re.compile(
    r"\b(menurut|according to|berdasarkan laporan|(?:reads|read|says|said) (?:a|the) (?:message|statement|post) "
    r"(?:from|by|of)|(?:in|dalam) (?:a |the |sebuah )?(?:message|statement|pernyataan) (?:from|by|dari))\s+",
    re.I,
)
# A relay: the outlet that carried someone else's words. Kept as the row's source, never a claimant.
_RELAY = re.compile(
    r"(?:,\s*|\s+)(?:(?:seperti|sebagaimana|yang)\s+)?(?:dikutip|disadur|dilansir|diberitakan|dilaporkan|"
    r"diterjemahkan|mengutip|melansir)\s+(?:dari\s+|oleh\s+)?(?P<a>[^,.;“”\"]+)"
    r"|(?:,\s*|\s+)(?:citing|via|quoted by|cited by)\s+(?P<b>[^,.;“”\"]+)"
    r"|,\s*(?:dari|from)\s+(?P<d>(?-i:[A-Z][\w.-]*)(?:\s+(?-i:[A-Z][\w.-]*)){0,2})\s*(?=[.!?]?\s*$)",
    re.I,
)
# ", Kabar news agency reports." at the end of a sentence that already names a speaker.
_AGENCY_TAIL = re.compile(
    r",\s*(?P<c>(?:(?i:the|kantor berita)\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s+(?i:news agency|agency|wire))?)\s+(?i:reports|reported|melaporkan)\s*[.!?]?\s*$"
)
# "…, the Indian army said on Saturday, according to <Agency>.": the agency relays a speaker named before it.
_ACCORDING_TAIL = re.compile(
    r",\s*(?i:according to|menurut)\s+(?P<e>(?:(?i:the|kantor berita)\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:\s+(?i:news agency|agency|wire))?)\s*[.!?]?\s*$"
)
_CARRY = re.compile(
    r"\b(katanya|ujarnya|tambahnya|imbuhnya|lanjutnya|jelasnya|tegasnya|ungkapnya|sebutnya|"
    r"(?:it|he|she|they)\s+(?:said|added|says|stated|continued)|(?<![\w'’] )the\s+(?:ministry|statement|army)\s+"
    r"(?:said|added))\b",
    re.I,
)
_PRONOUN = re.compile(
    r"^(?:dia|ia|mereka|beliau|it|he|she|they|him|her|them|the ministry|kementerian itu|kementerian tersebut|"
    r"the statement|(?:the|its) (?:ministry's )?statement|pernyataan (?:itu|tersebut))$",
    re.I,
)
_SPEAKER = re.compile(
    r"\b(?:saksi|witness(?:es)?|warga|residents?|villagers|juru bicara|spokes\w+|pejabat|officials?|"
    r"sumber|sources?|analis|analysts?|observers?|observatory|monitor|pengamat|polisi|police|komandan|commander|"
    r"group|kelompok|rebels?|militants?|fighters|insurgents|forces)\b",
    re.I,
)
# "disebut menembaki", "dikabarkan", "were said to have": a claim with its speaker left to the sentence before
_PASSIVE = re.compile(r"\b(?:disebut|dikabarkan|(?:was|were|is|are) said to)\b", re.I)
_ACCUSE = re.compile(r"\b(menuduh|menuding|accused|accusing|blamed|menyalahkan|alleged)\b", re.I)
# "Armenia and Azerbaijan have accused …", "Azerbaijan also said …": auxiliaries and adverbs before the verb
_AUXILIARY_TAIL = re.compile(
    r"(?:\s+(?:have|has|had|were|was|is|are|also|again|later|telah|sudah|juga|pun|kembali|saling))+$", re.I
)
_LEAD = re.compile(r"^(?:tetapi|namun|dan|but|and|the|a|an|dalam sebuah pernyataan|in a statement)\s+", re.I)
_STATEMENT_HEAD = re.compile(
    r"^(?:statement|pernyataan(?:\s+(?:resmi|sikap|pers))?|siaran pers|press release|communiqu[eé])\s+"
    r"(?:(?:of|from|by|dari)\s+)?(?:the\s+)?(?P<who>.+?)(?:\s+(?:on|about|regarding|soal|tentang|terkait|atas)\b.*)?$",
    re.I,
)
_ARMED_GROUP = re.compile(r"(?-i:\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s+Army)\b")
_TNI = re.compile(r"\bTNI\b|tentara nasional indonesia", re.I)
_FIRST_PERSON = re.compile(r"^\s*(?:kami|we),\s+(?P<who>[^,]+),", re.I)


@dataclass(frozen=True)
class Claim:
    claimant: str | None  # None = the publisher's own statement
    how: str = ""  # the cue, e.g. "'mengatakan'", "carried from the previous sentence ('tambahnya')"
    span: tuple[int, int] | None = None  # the speaker phrase's offsets in the sentence
    country: str | None = None
    carried: bool = False
    as_written: str = ""  # the speaker phrase as the text gives it, with titles and names
    relays: tuple[str, ...] = ()  # outlets that carried the words ("AFP" in "seperti dikutip dari AFP")


@dataclass(frozen=True)
class Speakers:
    """What the article tells about who speaks: its outlet, the statement it is (if any), where its places are."""

    publisher: str = ""
    statement: Claim | None = None  # a statement document: every sentence is this claim unless another speaks
    home: str | None = None  # the article's main country: the side of an official whose country is not named
    place_country: Callable[[str], str | None] | None = None  # "Belgorod regional governor" → RU
    local: str | None = None  # the country of the sentence's places: where an unnamed governor governs


# "the ministry in Baku", "kementerian di Yerevan": a ministry named only by its seat. In a report of fighting that
# is the defence ministry (a foreign or health ministry is named as such, and _GOV or no kind catches it).
_SEAT_MINISTRY = re.compile(r"^(?:the\s+)?(?:ministry|kementerian)\s+(?:in|di)\s+[A-Z]", re.I)


def _kind(phrase: str) -> str | None:
    if _MOD.search(phrase) or (_SEAT_MINISTRY.search(phrase.strip(" ,“”\"'")) and capital_country(phrase)):
        return "MoD"
    if _MEDIA.search(phrase):
        return "media"
    if _GOV.search(phrase):
        return "government"
    if _OFFICIALS.search(phrase) and not re.search(r"general staff|militer|military|army|tentara", phrase, re.I):
        return "officials"
    if _ARMY.search(phrase):
        return "MoD"  # armed forces and their press services speak for the defence ministry
    return None


def _label(kind: str, country: str | None) -> str:
    if country is None:
        return {"MoD": "defence ministry", "media": "media reports"}.get(kind, kind)
    if kind == "media":
        return f"{DEMONYMS[country]} media"
    return f"{COUNTRY_NAMES[country]} {kind}"


def own_label(publisher: str) -> str:
    """The claimant label of a publisher's own statement: a ministry, government or army publishing under its
    own name ("Ministry of Defence (India)") speaks as that claimant ("India MoD"), so the map does not list
    one claimant under two names; any other outlet is its own name."""
    kind = _kind(publisher)
    countries = [code for _, code in country_spans(publisher)]
    if kind and kind != "media" and len(set(countries)) == 1:
        return _label(kind, countries[0])
    return publisher


def normalise_claimant(
    phrase: str, sentence: str, previous: Claim | None, speakers: Speakers | None = None
) -> tuple[str | None, str | None]:
    """A speaker phrase → (claimant, country): "Armenia MoD", "Azerbaijani media", "anonymous source", …"""
    speakers = speakers or Speakers()
    countries = [code for _, code in country_spans(phrase)]
    country = countries[0] if countries else None
    if _ANON.search(phrase) or (_ANON.search(sentence) and re.search(r"sumber|source", phrase, re.I)):
        return "anonymous source", country
    publisher = re.sub(r"\.(?:com|co\.id|id|net|org)$", "", speakers.publisher, flags=re.I)
    if (publisher and re.search(r"\b" + re.escape(publisher) + r"\b", phrase, re.I)) or _OWN.search(phrase):
        return speakers.publisher or None, None  # "the Kivu Observer's correspondent": the outlet's own reporting
    group = _ARMED_GROUP.search(phrase)
    if group and country is None:
        return _LEAD.sub(
            "", group.group()
        ), None  # "the Arakan Army", "Kachin Independence Army": a group, not a state's army
    kind = _kind(phrase)
    if kind and country is None and _TNI.search(phrase):
        country = "ID"  # Tentara Nasional Indonesia: its name says whose army it is
    if kind and country is None:
        country = _country_of(phrase, previous, speakers, kind)
    if kind:
        return _label(kind, country), country
    words = _AUXILIARY_TAIL.sub("", _LEAD.sub("", phrase.strip(" ,“”\"'")))
    if not words or _PRONOUN.match(words):
        return None, None
    if len(words.split()) > 8 or not (re.search(r"\b[A-Z]", words) or _SPEAKER.search(words)):
        return None, None  # "after a truce collapsed almost as soon as it was": a clause, not a speaker
    if (
        countries
        and len(set(countries)) == len(words.split()) // 2 + 1
        and not re.search(r"[a-z]{4,}", without_countries(words))
    ):
        named = list(dict.fromkeys(countries))
        if len(named) == 1:
            return _label("government", country), country  # "Azerbaijan said …": the state, as its government
        return " and ".join(COUNTRY_NAMES[c] for c in named), country
    return words[:60], country


def _country_of(phrase: str, previous: Claim | None, speakers: Speakers, kind: str) -> str | None:
    """An official's country when the phrase names none: a place in it, the speaker before, the statement's, the
    article's main country ("the regional governor" in a Ukrainian report)."""
    if kind == "media" or re.search(r"\b(?:both|kedua|each|masing-masing)\b", phrase, re.I):
        return None  # "officials in both countries": no one side
    seat = capital_country(phrase)
    if seat:
        return seat  # "officials in Moscow": the capital stands for its government
    if speakers.place_country:
        for name in re.findall(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?", phrase):
            found = speakers.place_country(name)
            if found:
                return found
    if kind == "officials" and speakers.local:
        return speakers.local
    for claim in (previous, speakers.statement):
        if claim is not None and claim.country:
            return claim.country
    return speakers.local or speakers.home


def relays_of(text: str) -> tuple[str, tuple[str, ...]]:
    """The sentence with its relay phrases blanked (same length, offsets kept) and the relays' names."""
    names: list[str] = []

    def blank(m: re.Match) -> str:
        names.append(_LEAD.sub("", (m["a"] or m["b"] or m["d"] or "").strip().rstrip(".")))
        return " " * len(m.group())

    text = _RELAY.sub(blank, text)
    according = _ACCORDING_TAIL.search(text)
    if according and _SPEECH_AFTER.search(text[: according.start()]):
        names.append(re.sub(r"^(?:the|kantor berita)\s+", "", according["e"].rstrip("."), flags=re.I))
        text = text[: according.start()] + " " * (len(text) - according.start())
    tail = _AGENCY_TAIL.search(text)
    if tail and (_ACCORDING.search(text[: tail.start()]) or _SPEECH_AFTER.search(text[: tail.start()])):
        names.append(re.sub(r"^(?:the|kantor berita)\s+", "", tail["c"], flags=re.I))
        text = text[: tail.start()] + " " * (len(text) - tail.start())
    return text, tuple(dict.fromkeys(n for n in names if n))


def statement_of(headline: str, first: str, speakers: Speakers) -> Claim | None:
    """A document that is itself a statement: "Statement of the Ministry of Defence of X", "Kami, TPNPB, ..."."""
    for rx, text in ((_STATEMENT_HEAD, headline or ""), (_FIRST_PERSON, first or "")):
        m = rx.search(text.strip())
        if m:
            claimant, country = normalise_claimant(m["who"], text, None, speakers)
            if claimant:
                return Claim(claimant, "the article is a statement", None, country, False, m["who"].strip())
    return None


def claim_of(text: str, previous: Claim | None, language: str = "id", speakers: Speakers | None = None) -> Claim:
    """Who asserts the sentence: a speech verb's subject, "menurut X" / "according to X", or a carried speaker."""
    speakers = speakers or Speakers()
    text, relays = relays_of(text)
    claim = _speaker(text, previous, speakers)
    if claim.claimant is None and speakers.statement is not None:
        claim = speakers.statement
    return replace(claim, relays=relays) if relays else claim


# "In Baku, the ministry said …", "Di Yerevan, kementerian menyatakan …": a capital opening the sentence, the speaker
# right after it, is that speaker's seat (as "the ministry in Baku"), not where the incident took place.
_LEAD_SEAT = re.compile(r"^\s*(?P<prep>In|Di|From|Dari)\s+(?P<city>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*,")


def _speaker(text: str, previous: Claim | None, speakers: Speakers) -> Claim:
    def found(span: tuple[int, int], cue: str) -> Claim | None:
        phrase = text[span[0] : span[1]]
        said_by, written = phrase, _LEAD.sub("", phrase.strip(" ,“”\"'"))
        seat = _LEAD_SEAT.match(text)
        if (
            seat
            and seat.end() <= span[0]
            and not text[seat.end() : span[0]].strip()
            and not country_spans(phrase)
            and capital_country(f"in {seat['city']}")
        ):
            said_by = f"{phrase.strip()} {seat['prep'].lower()} {seat['city']}"
            span, written = (seat.start("prep"), span[1]), text[seat.start("prep") : span[1]].strip(" ,")
        claimant, country = normalise_claimant(said_by, text, previous, speakers)
        if claimant:
            return Claim(claimant, f"'{cue}'", span, country, as_written=written)
        return None

    def anaphor(span: tuple[int, int]) -> bool:
        """The phrase only points back ("dia", "the ministry", "kementerian itu") and someone spoke before."""
        phrase = text[span[0] : span[1]].strip()
        return bool(
            previous and previous.claimant and (_PRONOUN.match(phrase) or _PRONOUN.match(_LEAD.sub("", phrase)))
        )

    def carried(cue: str) -> Claim:
        return replace(previous, how=f"carried from the previous statement ('{cue}')", span=None, carried=True)

    m = _ACCORDING.search(text)
    if m:
        end = re.search(r"[,.;]|\s(?:bahwa|that)\s", text[m.end() :])
        span = (m.end(), m.end() + (end.start() if end else len(text) - m.end()))
        if anaphor(span):
            # "Menurut dia, ...", "According to the ministry, ...": the speaker of the sentence before, even
            # when the sentence names another country ("that ministry" is not the one of the troops named)
            return carried(m.group(0).strip())
        claim = found(span, m.group(1).strip())
        if claim:
            return claim
    carry = _CARRY.search(text)
    if carry and previous and previous.claimant:
        return replace(
            previous, how=f"carried from the previous statement ('{carry.group(1)}')", span=None, carried=True
        )
    m = _SPEECH_BEFORE.search(text)
    if m:
        end = re.search(r"[,.;“”\"]", text[m.end() :])
        span = (m.end(), m.end() + (end.start() if end else len(text) - m.end()))
        if anaphor(span):  # "…, kata kementerian itu.", "…, said the ministry.": the speaker named before
            return carried(m.group(0).strip(" ,"))
        claim = found(span, m.group(1))
        if claim:
            return claim
    passive = _PASSIVE.search(text)
    if passive and previous and previous.claimant and not _SPEECH_AFTER.search(text):
        return carried(passive.group(0))  # "Pasukan Azerbaijan disebut menembaki Goris": said by the one before
    m = _SPEECH_AFTER.search(text)
    if m:
        head = text[: m.start()]
        cuts = [i for i, ch in enumerate(head) if ch in ',”“"']
        start = cuts[-1] + 1 if cuts else 0
        claim = found((start, m.start()), m.group(1))
        if claim is None and not _LEAD.sub("", head[start:].strip() + " ").strip() and len(cuts) >= 1:
            # "Ukraine's military did not comment, but said ...": the subject is the clause before the comma
            prev_start = cuts[-2] + 1 if len(cuts) >= 2 else 0
            claim = found((prev_start, cuts[-1]), m.group(1))
        if claim:
            return claim
        if previous and previous.claimant and _PRONOUN.match(_LEAD.sub("", head[start:].strip())):
            return replace(
                previous, how=f"carried from the previous statement ('{m.group(1)}')", span=None, carried=True
            )
    return Claim(None)


def actor_order(text: str, claim: Claim | None, violent: bool = True) -> list[str]:
    """Countries in the order they act: in violence the accused (or the subject after "said") first and the
    speaker's side last; in an agreement the speaker's side first. Media and anonymous speakers are no party."""
    spans = country_spans(text)
    party = (
        claim.country
        if claim and claim.claimant and re.search(r"MoD|government|military|MFA", claim.claimant)
        else None
    )
    speaker = claim.span if claim and claim.span else None
    outside = [(pos, code) for pos, code in spans if not (speaker and speaker[0] <= pos < speaker[1])]
    accuse = _ACCUSE.search(text)
    if accuse:
        after = [code for pos, code in outside if pos > accuse.end()]
        order = after[:1] + [code for _, code in outside if code not in after[:1]]
    else:
        verb = _SPEECH_AFTER.search(text)
        after = [code for pos, code in outside if verb and pos > verb.end()]
        order = after + [code for _, code in outside if code not in after]
    if party and not violent:
        order = [party] + order
    elif party:
        order.append(party)
    return list(dict.fromkeys(order))


def claim_actors(text: str, claim, sides: tuple[str, ...], event_type: str, sub_type: str) -> tuple[str, str]:
    """ACLED-style actors: the attacker first (the accused, or the subject after "said"), then the other side."""
    violent = event_type not in ("Strategic developments", "Protests")
    order = actor_order(text, claim, violent)
    if violent and sides:
        order = [c for c in order if c in sides] or list(sides)
    pool = list(dict.fromkeys(order + [c for c in sides if c not in order]))
    kind = "Military Forces of"
    if (
        event_type == "Strategic developments"
        and re.search(
            r"menteri|minister|presiden|president|pemerintah|government|diplomat|talks|perundingan|kedutaan|embassy",
            text,
            re.I,
        )
        and not re.search(r"gencatan senjata|cease-?fire|truce", text, re.I)
    ):
        kind = "Government of"
    names = [f"{kind} {COUNTRY_NAMES[c]}" for c in pool[:2]]
    return (names + ["", ""])[0], (names + ["", ""])[1]
