"""One sentence (and the claim before it) in, who asserts it out: claimant, speaker as written, relays; actors.

Claimants are normalised to a small vocabulary (``<Country> MoD``, ``<Country> government``, ``<Country> officials``,
``<Demonym> media``, ``anonymous source``, or the outlet for its own reporting); docs/ingest.md lists the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.ingest.lexicon import _COUNTRY_RE, COUNTRY_NAMES, DEMONYMS, country_spans

_ANON = re.compile(
    r"tidak disebutkan namanya|tak disebutkan namanya|tidak mau disebut|anonim|anonymity|anonymous|"
    r"not to be named|not be named|not authori[sz]ed to speak|unnamed|sebuah sumber|sumber yang|"
    r"\ba source\b|\bsources\b",
    re.I,
)
_MOD = re.compile(
    r"kementerian pertahanan|menteri pertahanan|kemenhan|defen[cs]e ministry|ministry of defen[cs]e|"
    r"defen[cs]e minister|\bMoD\b",
    re.I,
)
_MEDIA = re.compile(r"\bmedia\b|\bpers\b|\bpress\b|kantor berita|news agency|television|televisi|outlets?\b", re.I)
_GOV = re.compile(
    r"presiden|president|perdana menteri|prime minister|pemerintah|government|kremlin|pejabat|officials?|"
    r"governor|gubernur|mayor|wali ?kota|bupati|administration|"
    r"kementerian luar negeri|foreign ministry|menteri luar negeri|foreign minister",
    re.I,
)
_ARMY = re.compile(
    r"militer|tentara|army|military|armed forces|angkatan bersenjata|border guard|penjaga perbatasan|"
    r"general staff|kodam|\bTNI\b|kodim|korem|koramil|puspen|kapendam|penerangan",
    re.I,
)
_POLICE = re.compile(r"polisi|polda|polres|polsek|kapolda|kapolres|police", re.I)
_SPEECH_AFTER = re.compile(
    r"\b(mengatakan|menyatakan|melaporkan|mengklaim|menuduh|menyebutkan|mengungkapkan|"
    r"menegaskan|menjelaskan|membantah|memperingatkan|mengumumkan|menyebut|menambahkan|"
    r"menyalahkan|said|says|stated|reported|claimed|accused|alleged|announced|added|told|"
    r"blamed|denied|warned|confirmed|reports)\b",
    re.I,
)
_SPEECH_BEFORE = re.compile(
    r"(?:[,”\"’]\s*)\b(kata|ujar|ungkap|jelas|tegas|tutur|sebut|imbuh|said|says|added|told)\s+"
    r"(?!that\b|bahwa\b)",
    re.I,
)
_ACCORDING = re.compile(r"\b(menurut|according to|berdasarkan laporan|cited by|quoted by|dikutip)\s+", re.I)
_CARRY = re.compile(
    r"\b(katanya|ujarnya|tambahnya|imbuhnya|lanjutnya|jelasnya|tegasnya|ungkapnya|sebutnya|"
    r"(?:it|he|she|they)\s+(?:said|added|says|stated|continued)|(?<![\w'’] )the\s+(?:ministry|statement)\s+"
    r"(?:said|added)|said\s+(?:it|he|she|they))\b",
    re.I,
)
_PRONOUN = re.compile(
    r"^(?:dia|ia|mereka|beliau|it|he|she|they|the ministry|kementerian itu|kementerian tersebut)$", re.I
)
_SPEAKER = re.compile(
    r"\b(?:saksi|witness(?:es)?|warga|residents?|villagers|juru bicara|spokes\w+|pejabat|officials?|"
    r"sumber|sources?|analis|analysts?|observers?|pengamat|polisi|police|komandan|commander)\b",
    re.I,
)
_ACCUSE = re.compile(r"\b(menuduh|accused|accusing|blamed|menyalahkan|alleged)\b", re.I)


@dataclass(frozen=True)
class Claim:
    claimant: str | None  # None = the publisher's own statement
    how: str = ""  # the cue, e.g. "'mengatakan'", "carried from the previous sentence ('tambahnya')"
    span: tuple[int, int] | None = None  # the speaker phrase's offsets in the sentence
    country: str | None = None
    carried: bool = False


def normalise_claimant(phrase: str, sentence: str, previous: Claim | None) -> tuple[str | None, str | None]:
    """A speaker phrase → (claimant, country): "Armenia MoD", "Azerbaijani media", "anonymous source", …"""
    countries = [code for _, code in country_spans(phrase)]
    country = countries[0] if countries else None
    name = COUNTRY_NAMES.get(country, "")
    if _ANON.search(phrase) or (_ANON.search(sentence) and re.search(r"sumber|source", phrase, re.I)):
        return "anonymous source", country
    if _MOD.search(phrase):
        if not country and previous and previous.claimant and previous.claimant.endswith("MoD"):
            return previous.claimant, previous.country
        return (f"{name} MoD" if name else "defence ministry"), country
    if _MEDIA.search(phrase):
        return (f"{DEMONYMS[country]} media" if country else "media reports"), country
    if _POLICE.search(phrase):
        return (f"{name} police" if name else "police"), country
    if _ARMY.search(phrase) and not _GOV.search(phrase):
        return (f"{name} military" if name else "military"), country
    if _GOV.search(phrase):
        return (f"{name} government" if name else "officials"), country
    if _ARMY.search(phrase):
        return (f"{name} military" if name else "military"), country
    words = re.sub(
        r"^(?:tetapi|namun|dan|but|and|the|dalam sebuah pernyataan|in a statement)\s+",
        "",
        phrase.strip(" ,“”\"'"),
        flags=re.I,
    )
    if not words or _PRONOUN.match(words):
        return None, None
    if len(words.split()) > 8 or not (re.search(r"\b[A-Z]", words) or _SPEAKER.search(words)):
        return None, None  # "after a truce collapsed almost as soon as it was": a clause, not a speaker
    if (
        countries
        and len(set(countries)) == len(words.split()) // 2 + 1
        and not re.search(r"[a-z]{4,}", re.sub(_COUNTRY_RE, "", words))
    ):
        return " and ".join(COUNTRY_NAMES[c] for c in dict.fromkeys(countries)), country
    return words[:60], country


def claim_of(text: str, previous: Claim | None, language: str = "id") -> Claim:
    """Who asserts the sentence: a speech verb's subject, "menurut X" / "according to X", or a carried speaker."""
    m = _ACCORDING.search(text)
    if m:
        end = re.search(r"[,.;]|\s(?:bahwa|that)\s", text[m.end() :])
        span = (m.end(), m.end() + (end.start() if end else len(text) - m.end()))
        claimant, country = normalise_claimant(text[span[0] : span[1]], text, previous)
        if claimant:
            return Claim(claimant, f"'{m.group(1).strip()}'", span, country)
    carry = _CARRY.search(text)
    if carry and previous and previous.claimant:
        return Claim(
            previous.claimant, f"carried from the previous statement ('{carry.group(1)}')", None, previous.country, True
        )
    m = _SPEECH_BEFORE.search(text)
    if m:
        end = re.search(r"[,.;“”\"]", text[m.end() :])
        span = (m.end(), m.end() + (end.start() if end else len(text) - m.end()))
        claimant, country = normalise_claimant(text[span[0] : span[1]], text, previous)
        if claimant:
            return Claim(claimant, f"'{m.group(1)}'", span, country)
    m = _SPEECH_AFTER.search(text)
    if m:
        head = text[: m.start()]
        start = max(head.rfind(","), head.rfind("”"), head.rfind("“"), head.rfind('"')) + 1
        span = (start, m.start())
        claimant, country = normalise_claimant(text[start : m.start()], text, previous)
        if claimant:
            return Claim(claimant, f"'{m.group(1)}'", span, country)
        if previous and previous.claimant:
            return Claim(
                previous.claimant, f"carried from the previous statement ('{m.group(1)}')", None, previous.country, True
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
