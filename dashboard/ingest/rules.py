"""Sentence text in, what it says out: countries and demonyms, who claims it, ACLED event type, actors, fatalities.

The Indonesian and English lexicons that ``dashboard.ingest.extract`` applies; each function is pure and takes one
sentence (plus the previous sentence's claim, so "katanya" / "it added" carry the speaker on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# code: (English name, demonym, other words naming it — Indonesian names, short forms, demonyms)
_COUNTRIES = {
    "AM": ("Armenia", "Armenian", "armenia armenian armenians armenia's"),
    "AZ": ("Azerbaijan", "Azerbaijani", "azerbaijan azerbaijani azerbaijanis azeri azeris azerbaijan's azerbaijanian"),
    "RU": ("Russia", "Russian", "russia russian russians rusia russia's kremlin"),
    "UA": ("Ukraine", "Ukrainian", "ukraine ukrainian ukrainians ukraina ukraine's"),
    "GE": ("Georgia", "Georgian", "georgia georgian"),
    "TR": ("Turkey", "Turkish", "turkey turkish turki türkiye turkiye"),
    "IR": ("Iran", "Iranian", "iran iranian"),
    "IQ": ("Iraq", "Iraqi", "iraq iraqi irak"),
    "SY": ("Syria", "Syrian", "syria syrian suriah"),
    "IL": ("Israel", "Israeli", "israel israeli israelis"),
    "PS": ("Palestine", "Palestinian", "palestine palestinian palestinians palestina"),
    "LB": ("Lebanon", "Lebanese", "lebanon lebanese libanon"),
    "JO": ("Jordan", "Jordanian", "jordanian yordania"),
    "SA": ("Saudi Arabia", "Saudi", "saudi"),
    "YE": ("Yemen", "Yemeni", "yemen yemeni yaman"),
    "EG": ("Egypt", "Egyptian", "egypt egyptian mesir"),
    "LY": ("Libya", "Libyan", "libya libyan"),
    "SD": ("Sudan", "Sudanese", "sudan sudanese"),
    "SS": ("South Sudan", "South Sudanese", ""),
    "ET": ("Ethiopia", "Ethiopian", "ethiopia ethiopian etiopia"),
    "SO": ("Somalia", "Somali", "somalia somali"),
    "ML": ("Mali", "Malian", "malian"),
    "NG": ("Nigeria", "Nigerian", "nigeria nigerian"),
    "CD": ("DR Congo", "Congolese", "congolese kongo"),
    "AF": ("Afghanistan", "Afghan", "afghanistan afghan afganistan"),
    "PK": ("Pakistan", "Pakistani", "pakistan pakistani"),
    "IN": ("India", "Indian", "india indian"),
    "MM": ("Myanmar", "Myanmar", "myanmar burmese burma"),
    "TH": ("Thailand", "Thai", "thailand"),
    "PH": ("Philippines", "Philippine", "philippines philippine filipino filipina"),
    "ID": ("Indonesia", "Indonesian", "indonesia indonesian"),
    "CN": ("China", "Chinese", "china chinese tiongkok cina"),
    "US": ("United States", "US", "american americans"),
    "GB": ("United Kingdom", "British", "britain british inggris"),
    "FR": ("France", "French", "france french prancis perancis"),
    "DE": ("Germany", "German", "germany german jerman"),
    "BY": ("Belarus", "Belarusian", "belarus belarusian"),
    "KG": ("Kyrgyzstan", "Kyrgyz", "kyrgyzstan kyrgyz kirgistan"),
    "TJ": ("Tajikistan", "Tajik", "tajikistan tajik tajikistan"),
    "KZ": ("Kazakhstan", "Kazakh", "kazakhstan kazakh"),
    "CO": ("Colombia", "Colombian", "colombia colombian kolombia"),
    "MX": ("Mexico", "Mexican", "mexico mexican meksiko"),
}
_MULTIWORD = {
    "amerika serikat": "US",
    "united states": "US",
    "saudi arabia": "SA",
    "arab saudi": "SA",
    "south sudan": "SS",
    "sudan selatan": "SS",
    "korea utara": "KP",
    "north korea": "KP",
    "korea selatan": "KR",
    "south korea": "KR",
    "united kingdom": "GB",
    "federasi rusia": "RU",
    "russian federation": "RU",
    "burkina faso": "BF",
    "kongo": "CD",
}
COUNTRY_NAMES = {code: v[0] for code, v in _COUNTRIES.items()} | {
    "KP": "North Korea",
    "KR": "South Korea",
    "BF": "Burkina Faso",
}
DEMONYMS = {code: v[1] for code, v in _COUNTRIES.items()}
COUNTRY_WORDS = {w: code for code, v in _COUNTRIES.items() for w in v[2].split()}
_COUNTRY_RE = re.compile(
    r"\b(" + "|".join(sorted(list(COUNTRY_WORDS) + list(_MULTIWORD), key=len, reverse=True)) + r")(?:'s|’s)?\b", re.I
)

# Capitalised words that are never places here: sentence openers and function words of both languages,
# day and month names, titles and institutions. "Kapan" (when) is a town in Armenia, so it is listed and
# only a cue ("kota Kapan", "in Kapan") or a mid-sentence capital lets the town through.
STOPWORDS = frozenset(
    [
        "ada",
        "adapun",
        "akan",
        "akibat",
        "akhirnya",
        "anda",
        "apa",
        "apakah",
        "atas",
        "bahkan",
        "bagi",
        "bahwa",
        "banyak",
        "baru",
        "beberapa",
        "belum",
        "berdasarkan",
        "bersama",
        "begitu",
        "bukan",
        "dalam",
        "dan",
        "dari",
        "demikian",
        "dengan",
        "di",
        "dia",
        "hal",
        "hanya",
        "hari",
        "ini",
        "itu",
        "jika",
        "juga",
        "kami",
        "kalau",
        "kapan",
        "karena",
        "kata",
        "ke",
        "kedua",
        "kemudian",
        "kepada",
        "ketika",
        "kini",
        "lalu",
        "lebih",
        "maka",
        "masing",
        "meski",
        "meskipun",
        "menurut",
        "mereka",
        "namun",
        "oleh",
        "pada",
        "para",
        "pihak",
        "sambil",
        "saat",
        "salah",
        "sama",
        "sampai",
        "satu",
        "saya",
        "sebagai",
        "sebelum",
        "sebelumnya",
        "secara",
        "sedangkan",
        "sejak",
        "sekitar",
        "selain",
        "selama",
        "sementara",
        "semua",
        "sendiri",
        "serta",
        "setelah",
        "tak",
        "tapi",
        "telah",
        "tersebut",
        "tetapi",
        "tidak",
        "untuk",
        "yaitu",
        "yakni",
        "yang",
        "pasukan",
        "tentara",
        "menteri",
        "kementerian",
        "pertahanan",
        "presiden",
        "juru",
        "bicara",
        "gencatan",
        "senjata",
        "pertempuran",
        "angkatan",
        "bersenjata",
        "perdana",
        "pemerintah",
        "militer",
        "polisi",
        "warga",
        "penduduk",
        "sumber",
        "media",
        "laporan",
        "berita",
        "pernyataan",
        "kantor",
        "senin",
        "selasa",
        "rabu",
        "kamis",
        "jumat",
        "sabtu",
        "minggu",
        "januari",
        "februari",
        "maret",
        "mei",
        "juni",
        "juli",
        "agustus",
        "oktober",
        "desember",
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "he",
        "her",
        "his",
        "if",
        "in",
        "it",
        "its",
        "of",
        "on",
        "or",
        "she",
        "that",
        "the",
        "their",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "with",
        "after",
        "before",
        "during",
        "since",
        "until",
        "although",
        "however",
        "meanwhile",
        "earlier",
        "later",
        "also",
        "both",
        "each",
        "some",
        "many",
        "most",
        "other",
        "another",
        "such",
        "no",
        "not",
        "yes",
        "our",
        "your",
        "my",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "sept",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "oct",
        "nov",
        "dec",
        "ministry",
        "minister",
        "defence",
        "defense",
        "foreign",
        "president",
        "prime",
        "government",
        "army",
        "military",
        "forces",
        "troops",
        "police",
        "officials",
        "spokesman",
        "spokeswoman",
        "reuters",
        "ap",
        "afp",
        "tass",
        "interfax",
        "twitter",
        "telegram",
        "facebook",
        "un",
        "nato",
        "eu",
        "osce",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "col",
        "lt",
        "capt",
    ]
)

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


def country_spans(text: str) -> list[tuple[int, str]]:
    """(offset, ISO code) of each country name or demonym in ``text`` ("Rusia", "Azerbaijani", "Armenia's")."""
    out = []
    for m in _COUNTRY_RE.finditer(text):
        word = m.group(1).lower()
        if (
            word in ("georgia", "jordan", "mali", "turkey", "china", "india", "german", "us")
            and not m.group(1)[0].isupper()
        ):
            continue
        out.append((m.start(), _MULTIWORD.get(word) or COUNTRY_WORDS[word]))
    return out


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


# (pattern, event_type, sub_event_type, violent); the first match wins, so the specific come first.
EVENT_RULES = [
    (
        r"(?<!melanggar )(?<!pelanggaran )(?<!violated the )(?<!violation of the )(?<!violating the )"
        r"(?:gencatan senjata|cease-?fire|truce)(?! violation)",
        "Strategic developments",
        "Agreement",
        False,
    ),
    (
        r"penembakan|penembakan artileri|menembaki|ditembaki|shell(?:ing|ed|s)|artiller[iy]|mortir|mortars?|roket|"
        r"rockets?|rudal|missiles?|bombardment|pengeboman|howitzer|grad\b",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        True,
    ),
    (
        r"serangan (?:udara|drone|pesawat tak berawak)|drone strikes?|air ?strikes?|drones? attack|kamikaze drone|"
        r"bombed from the air",
        "Explosions/Remote violence",
        "Air/drone strike",
        True,
    ),
    (
        r"ranjau|landmines?|\bmines?\b(?! of)|\bIEDs?\b|bom rakitan|roadside bomb|improvised explosive",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        True,
    ),
    (
        r"bentrok(?:an)?|pertempuran|baku tembak|kontak senjata|berperang|perang\b|clash(?:es|ed)?|fighting|"
        r"battles?\b|firefight|gunfight|exchange of fire|skirmish(?:es)?|\bwar\b|hostilities|serangan|attack(?:s|ed)?|"
        r"offensive|provocation|provokasi|subversive|subversif|tewas|killed|wounded|terluka|luka-luka|gugur|"
        r"captured|took control|taken control|seized|merebut|menguasai|advanced|menyerbu|stormed|menyerang|diserang|"
        r"penyerangan|penembakan",
        "Battles",
        "Armed clash",
        True,
    ),
    (r"unjuk rasa|demonstrasi|protes|protest(?:s|ers|ed)?|rally|rallies", "Protests", "Peaceful protest", False),
    (r"ditangkap|menangkap|arrested|detained|ditahan", "Strategic developments", "Arrests", False),
    (
        r"shot down|intercepted|destroyed \d+ drones|menembak jatuh|ditembak jatuh|dicegat",
        "Strategic developments",
        "Disrupted weapons use",
        False,
    ),
    (
        r"menyepakati|sepakat|setuju|kesepakatan|perjanjian|agreed|agreement|accord|deal\b",
        "Strategic developments",
        "Agreement",
        False,
    ),
]
_EVENT_RE = [(re.compile(r"\b(?:" + p + r")", re.I), t, s, v) for p, t, s, v in EVENT_RULES]
_CIVILIAN = re.compile(r"warga sipil|civilians?|penduduk|residents|villagers", re.I)


def event_of(text: str, earliest: bool = False) -> tuple[str, str, bool] | None:
    """The sentence's ACLED (event type, sub-event type, violent?), or None when it reports no event.

    Rules are tried in priority order (a ceasefire before the clash it ends); ``earliest`` takes the keyword
    that comes first instead (background sentences: "fought a war in 2020 … which ended with a truce").
    """
    rules = _EVENT_RE
    if earliest:
        hits = [(m.start(), i) for i, (rx, *_rest) in enumerate(_EVENT_RE) if (m := rx.search(text))]
        rules = [_EVENT_RE[i] for _, i in sorted(hits)]
    for rx, event_type, sub_type, violent in rules:
        if rx.search(text):
            if (
                sub_type == "Armed clash"
                and _CIVILIAN.search(text)
                and not re.search(r"tentara|soldiers|troops|pasukan|servicemen|prajurit|positions|posisi", text, re.I)
            ):
                return "Violence against civilians", "Attack", True
            return event_type, sub_type, violent
    return None


_NUMBER_WORDS = (
    {
        w: i
        for i, w in enumerate(
            [
                "nol",
                "satu",
                "dua",
                "tiga",
                "empat",
                "lima",
                "enam",
                "tujuh",
                "delapan",
                "sembilan",
                "sepuluh",
                "sebelas",
            ]
        )
    }
    | {
        w: i
        for i, w in enumerate(
            ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        )
    }
    | {"seorang": 1, "thirteen": 13, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100}
)
_NUM = r"(\d[\d,.]*|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_DEATH = r"(?:tewas|meninggal(?: dunia)?|terbunuh|gugur|killed|dead|died|deaths?|lives)"
_FATALITIES = [
    re.compile(r"\b" + _NUM + r"\s+(?:\w+\s+){0,4}?" + _DEATH + r"\b", re.I),
    re.compile(
        r"\b(?:menewaskan|killing|killed|death toll (?:rose |climbed )?(?:to|of|at))\s+(?:at least |sedikitnya |"
        r"setidaknya )?" + _NUM + r"\b",
        re.I,
    ),
]


def fatalities_of(text: str) -> int | None:
    """A stated number of deaths ("menewaskan 3 tentara", "49 soldiers were killed"); None when none is given."""
    for rx in _FATALITIES:
        m = rx.search(text)
        if m:
            value = m.group(1).lower()
            if value in _NUMBER_WORDS:
                return _NUMBER_WORDS[value]
            digits = value.replace(",", "").replace(".", "")
            if digits.isdigit() and len(digits) <= 6 and not re.fullmatch(r"(19|20)\d\d", digits):
                return int(digits)
    return None


_VAGUE = re.compile(
    r"(?:(?:di )?sepanjang |along (?:the )?)?(?:perbatasan(?:\s+(?:antara\s+)?[A-Z]\w+(?:\s+(?:dengan|dan)\s+"
    r"[A-Z]\w+)?)?|(?:[A-Z]\w+(?:'s|’s)?\s+)?border(?:\s+(?:with|between)\s+[A-Z]\w+(?:\s+and\s+[A-Z]\w+)?)?|"
    r"garis depan|front ?lines?|garis kontak|line of contact)"
)


def vague_place(text: str) -> str:
    """ "perbatasan Armenia dengan Azerbaijan", "along the border": the unmappable where, as written."""
    m = _VAGUE.search(text)
    if not m:
        return ""
    return re.sub(r"^(?:di )?sepanjang |^along (?:the )?", "", m.group())


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
